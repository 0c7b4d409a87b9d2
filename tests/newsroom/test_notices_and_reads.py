"""Mandatory notices (acknowledge once, audience only, editors see who has not) and read figures
by department with the survey rule (fewer than 5 readers not shown, complementary suppression)."""

import pytest
from django.utils import timezone

from newsroom import selectors
from newsroom.models import IssueRead, NewsroomSubscription, NoticeAcknowledgement
from tests.factories import DepartmentFactory, StaffFactory
from tests.newsroom import builders

pytestmark = pytest.mark.django_db


def test_an_audience_member_acknowledges_once_even_when_submitting_twice(login_as):
    team = DepartmentFactory(name="보안팀")
    client = login_as(department=team)
    notice = builders.notice(title="보안 점검", mandatory=True, departments=[team])
    page = client.get(notice.url).content.decode()
    assert 'data-testid="acknowledge"' in page
    url = f"/newsroom/notices/{notice.pk}/acknowledge/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert NoticeAcknowledgement.objects.filter(notice=notice).count() == 1
    page = client.get(notice.url).content.decode()
    assert 'data-testid="acknowledged"' in page and 'data-testid="acknowledge"' not in page


def test_outside_the_audience_or_an_ordinary_notice_cannot_be_acknowledged(login_as):
    notice = builders.notice(mandatory=True, departments=[DepartmentFactory()])
    ordinary = builders.notice(title="일반")
    client = login_as()
    assert client.post(f"/newsroom/notices/{notice.pk}/acknowledge/").status_code == 403
    assert client.post(f"/newsroom/notices/{ordinary.pk}/acknowledge/").status_code == 403
    assert not NoticeAcknowledgement.objects.exists()


def test_editors_see_who_has_not_acknowledged_only_in_the_audience(login_as):
    team = DepartmentFactory(name="감사팀")
    done, pending = StaffFactory(department=team, name="확인함"), StaffFactory(department=team, name="미확인")
    StaffFactory(name="대상아님")
    StaffFactory(department=team, name="퇴직자", is_active=False)
    notice = builders.notice(mandatory=True, departments=[team])
    NoticeAcknowledgement.objects.create(notice=notice, staff=done)
    editor = login_as("editor")
    html = editor.get(f"/newsroom/notices/{notice.pk}/pending/").content.decode()
    assert "미확인" in html and "확인 1명 · 미확인 1명" in html
    for absent in ["확인함<", "대상아님", "퇴직자"]:
        assert absent not in html
    assert pending.name in html
    ordinary = builders.notice(title="보통")
    assert editor.get(f"/newsroom/notices/{ordinary.pk}/pending/").status_code == 404


def _reads(issue, sizes):
    for size in sizes:
        department = DepartmentFactory()
        IssueRead.objects.bulk_create(
            IssueRead(issue=issue, staff=s, department=department, read_at=timezone.now())
            for s in StaffFactory.create_batch(size, department=department)
        )


def test_small_departments_are_hidden_and_one_more_so_the_total_gives_nothing_away():
    issue = builders.issue()
    _reads(issue, [6, 5, 3])
    figures = selectors.read_figures(issue=issue)
    assert figures.total == 14
    assert [r["readers"] for r in figures.rows] == [6]  # 3 is hidden, and 5 with it
    assert figures.hidden_count == 2


def test_two_small_departments_that_together_reach_five_protect_each_other():
    issue = builders.issue()
    _reads(issue, [7, 3, 2])
    figures = selectors.read_figures(issue=issue)
    assert [r["readers"] for r in figures.rows] == [7]
    assert figures.hidden_count == 2
    _reads(issue, [8])
    assert sorted(r["readers"] for r in selectors.read_figures(issue=issue).rows) == [7, 8]


def test_the_read_figures_page_shows_counts_by_department(login_as):
    issue = builders.issue()
    _reads(issue, [5, 9, 1, 4])
    html = login_as("editor").get(f"/newsroom/card-news/reads/{issue.pk}/").content.decode()
    assert 'data-testid="reads-total">19<' in html
    assert html.count('data-testid="reads-row"') == 2
    assert "응답자 수가 적어 표시하지 않습니다" in html
    listing = login_as("editor").get("/newsroom/card-news/reads/").content.decode()
    assert ">19<" in listing


def test_subscription_form_turns_the_digest_on_and_off(login_as):
    client = login_as()
    assert client.post("/newsroom/subscription/", {"digest": "on"}).status_code == 302
    assert NewsroomSubscription.objects.get(staff=client.staff).digest
    assert "checked" in client.get("/newsroom/subscription/").content.decode()
    client.post("/newsroom/subscription/", {})
    assert not NewsroomSubscription.objects.get(staff=client.staff).digest
