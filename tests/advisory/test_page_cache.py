"""The committee page and the advice table keep their rendered fragments per advisory generation,
role, language and query: every write that changes what they show (advice given or answered, a
meeting's minutes approved, a member appointed, a department renamed, a term ending) is seen on
the next view, and what only a secretary may see never reaches a staff member."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisory import services
from tests.advisory.builders import advice_given, approve, member, secretary

pytestmark = pytest.mark.django_db
ADVICE = "/advisory/advice/"
COMMITTEE = "/advisory/?year=2025"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def given(client):
    """A secretary (signed in on ``client``) and one piece of advice given at a meeting whose
    minutes are still a draft."""
    sec = secretary()
    record, advice = advice_given(sec)
    client.force_login(sec.user)
    return sec, client, record, advice


def test_draft_minutes_advice_reaches_the_secretary_only_until_approved(login_as, given):
    sec, sec_client, record, _advice = given
    staff = login_as()
    assert "성과지표를 결과 중심으로" in page(sec_client, ADVICE)
    assert "성과지표를 결과 중심으로" not in page(staff, ADVICE)
    assert "성과지표를 결과 중심으로" in page(sec_client, ADVICE)
    approve(sec, record)
    assert "성과지표를 결과 중심으로" in page(staff, ADVICE)


def test_an_answer_progress_and_renamed_department_show_on_the_next_view(login_as, given):
    sec, _sec_client, record, advice = given
    approve(sec, record)
    staff = login_as()
    html = page(staff, ADVICE)
    assert ">0%</td>" in html and ">성과관리팀</td>" in html
    head = advice.department.head
    advice = services.advice_respond(by=head, advice=advice, response="accepted")
    services.advice_progress(by=head, advice=advice, progress=40, note="지표 초안")
    html = page(staff, ADVICE)
    assert ">40%</td>" in html and ">0%</td>" not in html
    department = advice.department
    department.name = "성과혁신팀"
    department.save()
    assert ">성과혁신팀</td>" in page(staff, ADVICE)


def test_the_second_view_reads_the_kept_fragments(login_as, given):
    sec, _sec_client, record, *_rest = given
    approve(sec, record)
    staff = login_as()
    for url in (ADVICE, COMMITTEE):
        first = page(staff, url)
        with CaptureQueriesContext(connection) as queries:
            second = page(staff, url)
        assert second.count("성과지표를 결과 중심으로") == first.count("성과지표를 결과 중심으로")
        assert not any('"advisory_' in q["sql"] for q in queries.captured_queries), url


def test_the_committee_page_shows_a_new_member_and_meeting_on_the_next_view(login_as, given):
    sec, _sec_client, record, *_rest = given
    staff = login_as()
    html = page(staff, COMMITTEE)
    assert "이 해에 확정된 회의록이 없습니다." in html and "길새롬" not in html
    services.term_appoint(
        by=sec,
        member=member(sec, name="길새롬"),
        starts_on=dt.date(2025, 3, 14),
        ends_on=dt.date(2099, 3, 1),
    )
    approve(sec, record)
    html = page(staff, COMMITTEE)
    assert "길새롬" in html and record.title in html


def test_draft_meetings_and_the_allowance_link_stay_with_the_secretary(login_as, given):
    _sec, sec_client, record, *_rest = given
    html = page(sec_client, COMMITTEE)
    assert record.title in html and 'data-testid="allowances-export"' in html
    html = page(login_as(), COMMITTEE)
    assert record.title not in html and 'data-testid="allowances-export"' not in html


def test_a_member_whose_term_ends_moves_to_the_past_the_next_day(login_as, given):
    sec, *_rest = given
    today = timezone.localdate()
    services.term_appoint(
        by=sec, member=member(sec, name="길새롬"), starts_on=today - dt.timedelta(days=30), ends_on=today
    )
    staff = login_as()
    current = page(staff, COMMITTEE).split('data-testid="committee-past"')[0]
    assert "길새롬" in current
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        current, past = page(staff, COMMITTEE).split('data-testid="committee-past"', 1)
    assert "길새롬" not in current and "길새롬" in past.split('data-testid="committee-meetings"')[0]
