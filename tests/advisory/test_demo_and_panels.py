"""The demo committee (seeded at two frozen dates: the upcoming meeting and the awaiting advice
move with the day it runs; 2025 stays 2025), and what the module adds through the core registry:
the department head's dashboard panel, the profile section, a programme's section, the figures."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User

from advisory.models import Advice, Ceremony, Meeting, Member, Recusal, Term
from intranet.registry import annual_figures, demo_seeders

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize("today", [dt.date(2026, 1, 15), dt.date(2026, 12, 7)])
def test_demo_committee_relative_to_the_day(today, client):
    with time_machine.travel(dt.datetime.combine(today, dt.time(9, 0), tzinfo=SEOUL), tick=False):
        demo_seeders["directory"].seed(scale=1)
        demo_seeders["advisory"].seed(scale=1)
        assert set(Member.objects.values_list("domain__name", flat=True)) == {"성과관리", "법률", "IT"}
        assert Term.objects.filter(starts_on=dt.date(2025, 3, 14)).count() == 9
        assert Term.objects.filter(reappointment=1).count() == 1  # 배준호, from the old board
        assert Ceremony.objects.get().attendees.count() == 9
        year_2025 = Meeting.objects.filter(held_at__year=2025)
        assert year_2025.count() == 3 and not year_2025.filter(minutes_status="draft").exists()
        assert Recusal.objects.filter(member__name="임하늘").count() == 1
        stages = set(Advice.objects.filter(meeting__held_at__year=2025).values_list("stage", flat=True))
        assert stages == {"implementing", "implemented", "closed"}
        upcoming = Meeting.objects.get(held_at__date__gt=today)
        assert upcoming.held_at.date() == today + dt.timedelta(days=14) and not upcoming.is_approved
        awaiting = Advice.objects.filter(stage="awaiting")
        assert awaiting.count() == 2 and {a.due_on for a in awaiting} == {today + dt.timedelta(days=20)}
        # The demo "leader" heads 데이터관리부, which owns the awaiting advice: the dashboard says so.
        leader = User.objects.get(username="leader")
        assert awaiting.first().department.head.user == leader
        client.force_login(leader)
        home = client.get("/").content.decode()
        assert 'data-testid="panel-advisory.awaiting"' in home and "데이터 품질 진단 결과" in home
        # The demo secretary holds the role's powers.
        client.force_login(User.objects.get(username="secretary"))
        assert client.get("/advisory/members/").status_code == 200
        assert client.get("/admin/advisory_members/").status_code == 200
        demo_seeders["advisory"].seed(scale=1)  # idempotent
        assert Member.objects.count() == 11 and Meeting.objects.count() == 5


def test_figures_profile_and_programme_sections(client):
    from intranet.directory.models import Staff
    from tests.performance.builders import build_plan, build_programme

    demo_seeders["directory"].seed(scale=1)
    plan = build_plan(2025)
    from intranet.directory.models import Department

    team = Department.objects.get(name="성과관리팀")
    programme = build_programme(plan, code="P-ADV", department=team)
    demo_seeders["advisory"].seed(scale=1)
    figures = annual_figures.panels["advisory.figures"].provider(2025)["data"]
    assert figures["members_by_domain"] == {"성과관리": 5, "법률": 3, "IT": 3}  # two old-board members to Feb
    assert figures["meetings"] == 3 and figures["advice_given"] == 7
    assert figures["advice_accepted"] == 6 and figures["advice_implemented"] == 3
    # The programme page shows the advice that points at it, performance importing nothing of ours.
    linked = Advice.objects.filter(programme=programme)
    assert linked.exists()
    client.force_login(User.objects.get(username="staff"))
    page = client.get(f"/performance/programmes/{programme.pk}/").content.decode()
    assert 'data-testid="section-advisory.programme"' in page and linked.first().text in page
    # The profile of the head who presented an item lists it and the department's advice.
    presenter = Staff.objects.get(pk=team.head_id)
    profile = client.get(presenter.get_absolute_url()).content.decode()
    assert 'data-testid="advisory-presented"' in profile and "2025년 성과업무 프로그램 운영 계획" in profile
    assert 'data-testid="advisory-owned"' in profile
