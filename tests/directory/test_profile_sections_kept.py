"""The profile's sections that are kept (``intranet.directory.sections``): a second view reads
none of their rows, a write of any module shows on the next view, and what is shown only to the
person themselves (the links to one's own learning and records) never reaches another reader,
nor the other way round."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisory import services as advisory_services
from intranet.directory.models import Department
from learning.clubs import services as club_services
from tests.advisory.builders import committee, meeting, secretary
from tests.factories import DepartmentFactory, StaffFactory
from tests.learning.builders import build_course, build_session, learning_admin
from tests.learning.clubs.builders import build_club
from tests.learning.records.builders import approved
from tests.learning.test_feedback import complete
from tests.newsroom import builders as newsroom

pytestmark = pytest.mark.django_db


def view(client, person) -> str:
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def queries(client, person) -> int:
    with CaptureQueriesContext(connection) as captured:
        view(client, person)
    return len(captured)


def test_a_second_view_reads_no_section_rows(login_as):
    reader = login_as()
    person = StaffFactory()
    newsroom.article(author=person, title="첫 칼럼")
    approved(staff=person)
    first = queries(reader, person)
    assert queries(reader, person) < first  # the kept sections' queries are not asked again


def test_an_article_shows_on_the_next_view_and_goes_when_unpublished(login_as):
    reader = login_as()
    person = StaffFactory()
    assert "봄을 맞으며" not in view(reader, person)
    page = newsroom.article(author=person, title="봄을 맞으며")
    assert "봄을 맞으며" in view(reader, person)
    page.title = "여름을 맞으며"
    page.save_revision().publish()
    html = view(reader, person)
    assert "여름을 맞으며" in html and "봄을 맞으며" not in html
    page.unpublish()
    assert "여름을 맞으며" not in view(reader, person)


def test_clubs_joined_and_left_show_on_the_next_view(login_as):
    reader = login_as()
    person = StaffFactory()
    club, _people = build_club(name="파이썬 공부 모임")
    assert "파이썬 공부 모임" not in view(reader, person)
    club_services.club_join(club=club, staff=person)
    assert "파이썬 공부 모임" in view(reader, person)
    club_services.club_leave(club=club, staff=person)  # an ``update()``: no signal
    assert "파이썬 공부 모임" not in view(reader, person)


def test_an_approved_record_shows_on_the_next_view(login_as):
    reader = login_as()
    person = StaffFactory()
    assert 'data-testid="profile-record"' not in view(reader, person)
    approved(staff=person)
    assert 'data-testid="profile-record"' in view(reader, person)


def test_a_completed_session_shows_on_the_next_view(login_as):
    reader = login_as()
    person = StaffFactory()
    session = build_session(build_course(title="보안 특강"), capacity=5)
    assert "보안 특강" not in view(reader, person)
    complete(session, [person], admin=learning_admin())
    html = view(reader, person)
    assert 'data-testid="my-completion"' in html and "보안 특강" in html


def test_advisory_items_and_a_renamed_department_show_on_the_next_view(login_as):
    reader = login_as()
    team = DepartmentFactory(name="성과관리팀")
    person = StaffFactory(department=team)
    by = secretary()
    members = committee(by, 3)
    record, _items = meeting(by, items=0, department=team)
    advisory_services.attendance_record(by=by, meeting=record, present=members)
    assert 'data-testid="advisory-presented"' not in view(reader, person)
    item = advisory_services.agenda_item_add(
        by=by, meeting=record, title="운영 계획 보고", presenter_department=team, presenter=person
    )
    assert "운영 계획 보고" in view(reader, person)
    advisory_services.advice_give(
        by=by,
        item=item,
        text="지표를 다시 정하십시오",
        department=team,
        due_on=dt.date(2025, 6, 1),
        given_by=members[:1],
    )
    html = view(reader, person)
    assert "지표를 다시 정하십시오" in html and "성과관리팀 담당 자문의견" in html
    department = Department.objects.get(pk=team.pk)
    department.name = "성과혁신팀"
    department.save()
    assert "성과혁신팀 담당 자문의견" in view(reader, person)


def test_one_s_own_links_never_reach_another_reader(login_as):
    me = login_as()
    other = login_as()
    session = build_session(build_course(title="보안 특강"), capacity=5)
    complete(session, [me.staff], admin=learning_admin())
    approved(staff=me.staff)
    # The person first, then another reader: the other sees the sections without the own links …
    own = view(me, me.staff)
    assert 'data-testid="my-learning-all"' in own and 'data-testid="my-records-link"' in own
    theirs = view(other, me.staff)
    assert 'data-testid="section-learning.learning"' in theirs and "보안 특강" in theirs
    assert 'data-testid="my-learning-all"' not in theirs and 'data-testid="my-records-link"' not in theirs
    # … and the other way round: a reader first, then the person, who gets their own links.
    someone = StaffFactory()
    view(other, someone)
    assert 'data-testid="my-records-link"' in view(me, me.staff)
    assert 'data-testid="my-records-link"' not in view(other, me.staff)
