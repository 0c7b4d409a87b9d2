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


def _issue_page(client, issue) -> str:
    response = client.get(issue.url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_issue_kept_rendered_follows_publishing_and_keeps_what_is_per_person(login_as):
    """The cards and the text version are kept rendered per generation: an edit published is
    seen on the next view, unpublishing takes the issue away, the editor's link stays the
    editor's, and each reader's visit is still recorded when the markup comes from the cache."""
    from newsroom.models import IssueRead

    issue = builders.issue(year=2025, month=5, title="5월 소식")
    editor, reader = login_as("editor"), login_as()
    seen_by_editor = _issue_page(editor, issue)
    assert "캡션 1" in seen_by_editor and 'data-testid="issue-reads-link"' in seen_by_editor
    seen_by_reader = _issue_page(reader, issue)  # the kept markup: no editor's link in it
    assert "캡션 1" in seen_by_reader and 'data-testid="issue-reads-link"' not in seen_by_reader
    assert set(IssueRead.objects.filter(issue=issue).values_list("staff_id", flat=True)) == {
        editor.staff.pk,
        reader.staff.pk,
    }

    issue.text_version = "<p>고친 본문</p>"
    issue.save_revision().publish()
    assert "고친 본문" in _issue_page(reader, issue)

    issue.unpublish()
    assert reader.get(issue.url).status_code == 404


def test_an_issue_preview_is_never_kept(login_as, rf):
    issue = builders.issue(year=2025, month=6, title="6월 소식")
    editor = login_as("editor")
    assert "<p>초안 본문</p>" not in _issue_page(editor, issue)
    issue.text_version = "<p>초안 본문</p>"
    draft = issue.save_revision().as_object()
    request = rf.get(issue.url)
    request.user, request.is_preview = editor.staff.user, True  # as Wagtail's preview request
    preview = draft.serve_preview(request, draft.default_preview_mode)
    preview.render()
    assert "초안 본문" in preview.content.decode()  # the draft, not the kept live markup
    assert "초안 본문" not in _issue_page(editor, issue)  # and the draft is not kept for readers


def test_the_newsroom_home_keeps_the_editors_link_the_editors(login_as):
    builders.article(author=StaffFactory(name="김기자"), title="첫 칼럼")
    editor, reader = login_as("editor"), login_as()
    assert 'data-testid="reads-link"' in _home(editor)
    page = _home(reader)  # the lists come from the kept markup
    assert "첫 칼럼" in page and 'data-testid="reads-link"' not in page
    assert 'data-testid="reads-link"' in _home(editor)
