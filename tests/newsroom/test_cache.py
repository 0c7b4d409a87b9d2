"""The newsroom lists kept per generation (``newsroom.cache``): every write that changes them is
seen on the next request, and what is per person (acknowledgements, audiences) never leaks from
one reader to another."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import DepartmentFactory, StaffFactory
from tests.newsroom import builders

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/newsroom/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_newsroom_home_follows_publishing_renames_and_restrictions(login_as):
    client = login_as()
    author = StaffFactory(name="김기자")
    builders.article(author=author, title="첫 칼럼")
    assert "첫 칼럼" in _home(client) and "김기자" in _home(client)

    second = builders.article(author=author, title="둘째 칼럼")
    assert "둘째 칼럼" in _home(client)

    author.name = "박기자"
    author.save()
    page = _home(client)
    assert "박기자" in page and "김기자" not in page

    restriction = PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="편집국"))
    assert "둘째 칼럼" not in _home(client)
    restriction.delete()
    assert "둘째 칼럼" in _home(client)

    second.unpublish()
    assert "둘째 칼럼" not in _home(client)

    builders.issue(year=2025, month=3, title="3월 소식")
    assert "3월 소식" in _home(client)
    builders.issue(year=2025, month=4, title="4월 소식")
    page = _home(client)
    assert "4월 소식" in page and "3월 소식" not in page


def test_dashboard_notices_are_filtered_per_person(login_as):
    """Two people in two departments: each sees the notices that ask them, and one person's
    acknowledgement takes a notice off their dashboard only."""
    planning, finance = DepartmentFactory(name="기획팀"), DepartmentFactory(name="재무팀")
    planner, accountant = login_as(department=planning), login_as(department=finance)
    everyone = builders.notice(title="전 직원 보안 서약", mandatory=True)
    for_planning = builders.notice(title="기획팀 일정 확인", mandatory=True, departments=[planning])

    def dashboard(client):
        return client.get("/").content.decode()

    assert "전 직원 보안 서약" in dashboard(planner) and "기획팀 일정 확인" in dashboard(planner)
    assert "전 직원 보안 서약" in dashboard(accountant) and "기획팀 일정 확인" not in dashboard(accountant)

    planner.post(f"/newsroom/notices/{everyone.pk}/acknowledge/")
    assert "전 직원 보안 서약" not in dashboard(planner)
    assert "전 직원 보안 서약" in dashboard(accountant)

    for_planning.departments.set([finance])
    for_planning.save()
    assert "기획팀 일정 확인" not in dashboard(planner)
    assert "기획팀 일정 확인" in dashboard(accountant)

    for_planning.unpublish()
    assert "기획팀 일정 확인" not in dashboard(accountant)

    builders.notice(title="새 필수 공지", mandatory=True)
    assert "새 필수 공지" in dashboard(planner) and "새 필수 공지" in dashboard(accountant)
