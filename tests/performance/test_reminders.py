import datetime as dt

import pytest
from django.utils import timezone

from intranet.home.models import Notification
from performance.models import Programme, ProgressUpdate
from performance.services import programme_reminders_send
from performance.tasks import programme_reminders_dispatch
from tests.factories import StaffFactory

from .builders import build_programme, kpi

pytestmark = pytest.mark.django_db


def backdate(programme, day):
    Programme.objects.filter(pk=programme.pk).update(
        created_at=dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())
    )


def test_due_soon_and_overdue_once_each():
    programme = build_programme()  # milestones 3. 31., 6. 30., 11. 30.
    backdate(programme, dt.date(2025, 3, 20))
    assert programme_reminders_send(today=dt.date(2025, 3, 24)) == 1
    assert programme_reminders_send(today=dt.date(2025, 3, 24)) == 0
    assert programme_reminders_send(today=dt.date(2025, 4, 1)) == 1  # 3. 31. overdue
    assert programme_reminders_send(today=dt.date(2025, 4, 2)) == 0
    titles = list(Notification.objects.filter(recipient=programme.owner).values_list("title", flat=True))
    assert any("7일 남았습니다" in t for t in titles) and any("지났습니다" in t for t in titles)


def test_quiet_programme_goes_to_owner_then_department_head():
    programme = build_programme(milestones=[], kpis=[kpi()], mode="kpi")
    head = StaffFactory(department=programme.department)
    programme.department.head = head
    programme.department.save()
    backdate(programme, dt.date(2025, 1, 2))
    assert programme_reminders_send(today=dt.date(2025, 2, 1)) == 1
    assert not Notification.objects.filter(recipient=head).exists()
    assert programme_reminders_send(today=dt.date(2025, 2, 8)) == 1
    assert Notification.objects.filter(recipient=head).count() == 1
    assert programme_reminders_send(today=dt.date(2025, 2, 9)) == 0
    assert isinstance(programme_reminders_dispatch.apply().get(), int)  # the beat task runs it


def test_an_update_resets_the_quiet_clock():
    programme = build_programme(milestones=[], kpis=[kpi()], mode="kpi")
    backdate(programme, dt.date(2025, 1, 2))
    update = ProgressUpdate.objects.create(programme=programme, author=programme.owner, comment="진행 중")
    ProgressUpdate.objects.filter(pk=update.pk).update(
        created_at=dt.datetime.combine(
            dt.date(2025, 1, 20), dt.time(9), tzinfo=timezone.get_current_timezone()
        )
    )
    assert programme_reminders_send(today=dt.date(2025, 2, 1)) == 0
