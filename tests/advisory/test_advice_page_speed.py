"""The advice table written in Python (``AdviceTable.body_html``) and the cached meeting years and
domains (``advisory/cache.py``): the same cells as django-tables2 wrote, every value escaped, and
a changed meeting or domain shown on the next page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from advisory import services
from advisory.models import Advice, AgendaItem, Attendance, Domain, Meeting
from tests.advisory.builders import approve, committee, meeting, secretary
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advice():
    sec = secretary()
    members = committee(sec, 3)
    record, (item,) = meeting(sec, day=dt.date(2025, 4, 17), title="<b>제1차</b> 회의")
    services.attendance_record(by=sec, meeting=record, present=members)
    given = services.advice_give(
        by=sec,
        item=item,
        text="성과지표를 <결과> 중심으로 " + "가" * 90,
        department=DepartmentFactory(name="성과관리팀"),
        due_on=dt.date(2025, 5, 17),
        given_by=members[:1],
    )
    approve(sec, record)
    return given


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r"<tr[^>]*>.*?</tr>", body, re.S)


def test_each_row_has_the_cells_django_tables2_wrote(login_as, advice):
    client = login_as()
    html = client.get("/advisory/advice/").content.decode()
    (row,) = table_rows(html)
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
    text = ("성과지표를 <결과> 중심으로 " + "가" * 90)[:79].replace("<", "&lt;").replace(">", "&gt;") + "…"
    assert row.startswith('<tr class="even">')
    assert [value for _attrs, value in cells] == [
        "2025. 4. 17.",
        f'<a href="/advisory/meetings/{advice.meeting.pk}/">&lt;b&gt;제1차&lt;/b&gt; 회의</a>',
        f'<a href="/advisory/advice/{advice.pk}/">{text}</a>',
        "성과관리",
        "성과관리팀",
        "2025. 5. 17.",
        "—",
        "회신 대기",
        "0%",
    ]
    assert [attrs.strip() for attrs, _value in cells][2::5] == [
        'data-testid="advice-text"',
        'data-testid="advice-stage"',
    ]


def test_an_empty_table_says_so(login_as, advice):
    client = login_as()
    html = client.get("/advisory/advice/?stage=closed").content.decode()
    assert table_rows(html) == ['<tr><td colspan="9">조건에 맞는 자문의견이 없습니다.</td></tr>']


def test_a_new_meeting_year_and_a_renamed_domain_show_on_the_next_page(login_as, advice):
    client = login_as()
    first = client.get("/advisory/advice/").content.decode()
    assert '<option value="2025">2025년</option>' in first and "2019년" not in first
    assert f'<option value="{advice.domain_id}">성과관리</option>' in first
    record = Meeting.objects.get(pk=advice.meeting_id)
    record.held_at = timezone.make_aware(dt.datetime(2019, 6, 1, 10))
    record.save()
    domain = Domain.objects.get(pk=advice.domain_id)
    domain.name = "성과·평가"
    domain.save()
    second = client.get("/advisory/advice/").content.decode()
    assert '<option value="2019">2019년</option>' in second and '<option value="2025">' not in second
    assert f'<option value="{advice.domain_id}">성과·평가</option>' in second
    assert "2019. 6. 1." in table_rows(second)[0]
    Domain.objects.filter(pk=advice.domain_id).update(name="일괄")  # no signal: the cache keeps
    assert "성과·평가" in client.get("/advisory/advice/").content.decode()
    for model in (Advice, AgendaItem, Attendance):
        model.objects.all().delete()
    Meeting.objects.all().delete()  # a queryset delete sends post_delete per meeting
    assert '<option value="2019">' not in client.get("/advisory/advice/").content.decode()


def test_the_domain_filter_still_validates_the_chosen_domain(login_as, advice):
    client = login_as()
    html = client.get(f"/advisory/advice/?domain={advice.domain_id}").content.decode()
    assert len(table_rows(html)) == 1
    assert f'<option value="{advice.domain_id}" selected>' in html
    refused = client.get("/advisory/advice/?domain=999999").content.decode()
    assert 'aria-invalid="true"' in refused
