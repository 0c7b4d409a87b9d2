"""The committee page, the advice table (and its export), a meeting page and an advice page make
the same number of queries at 1 and at 20 years of members, meetings and advice, at most 15."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisory.cache import advisory_cache_clear
from advisory.models import Advice, AgendaItem, Attendance, Domain, Meeting, Member, Recusal, Term
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
BUDGET = 15


def years_of_data(years: int, *, last_year: int):
    """Per year: 9 members (3 a domain) in office for it, 4 meetings of 3 items, attendance,
    one recusal a meeting, 2 pieces of advice an item in every follow-up stage; approved minutes."""
    domains = list(Domain.objects.order_by("sort_order")[:3])
    departments = [DepartmentFactory() for _ in range(3)]
    for year in range(last_year - years + 1, last_year + 1):
        members = Member.objects.bulk_create(
            Member(
                name=f"위원{year}-{i}",
                affiliation="대학교",
                domain=domains[i % 3],
                email=f"m{year}{i}@x.example",
            )
            for i in range(9)
        )
        Term.objects.bulk_create(
            Term(member=m, starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31)) for m in members
        )
        for n in range(4):
            held_at = timezone.make_aware(dt.datetime(year, 3 * n + 2, 10, 14))
            meeting = Meeting.objects.create(
                number=n + 1,
                title=f"{year}년 제{n + 1}차",
                held_at=held_at,
                place="회의실",
                minutes="본문",
                summary="요약",
                minutes_status="approved",
                minutes_approved_at=held_at,
                minutes_approved_by=departments[0].staff.first() or _someone(departments[0]),
            )
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, member=m, allowance=200_000) for m in members
            )
            items = AgendaItem.objects.bulk_create(
                AgendaItem(meeting=meeting, order=k, title=f"안건 {k}", presenter_department=departments[k])
                for k in range(3)
            )
            Recusal.objects.create(item=items[0], member=members[0], reason="이해관계")
            stages = [
                {"stage": "awaiting"},
                {"stage": "implementing", "response": "accepted", "progress": 40},
                {"stage": "implemented", "response": "partly", "response_reason": "일부", "progress": 100},
                {"stage": "declined", "response": "not_accepted", "response_reason": "사유"},
                {"stage": "closed", "response": "accepted", "progress": 100, "closed_at": held_at},
                {"stage": "awaiting"},
            ]
            Advice.objects.bulk_create(
                Advice(
                    meeting=meeting,
                    item=items[j % 3],
                    text=f"의견 {j}",
                    domain=domains[j % 3],
                    department=departments[j % 3],
                    due_on=dt.date(year, 12, 31),
                    **stages[j],
                )
                for j in range(6)
            )


def _someone(department):
    from tests.factories import StaffFactory

    return StaffFactory(department=department)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "committee secretary"])
def test_pages_make_the_same_queries_at_1_and_20_years(login_as, role):
    client = login_as(*([] if role == "staff" else [role]))
    year = timezone.localdate().year
    urls = [
        f"/advisory/?year={year}",
        "/advisory/advice/",
        "/advisory/advice/?stage=awaiting&page=1",
        "/advisory/advice/export.xlsx?stage=closed",
        "/advisory/meetings/{meeting}/",
        "/advisory/advice/{advice}/",
    ]
    if role != "staff":
        urls += ["/advisory/members/", f"/advisory/allowances.xlsx?year={year}"]
    counts = []
    for years in (1, 20):
        Advice.objects.all().delete()
        Recusal.objects.all().delete()
        AgendaItem.objects.all().delete()
        Attendance.objects.all().delete()
        Meeting.objects.all().delete()
        Term.objects.all().delete()
        Member.objects.all().delete()
        years_of_data(years, last_year=year)
        advisory_cache_clear()  # bulk inserts send no signal: the pages are measured unkept
        meeting = Meeting.objects.order_by("-held_at").first()
        advice = Advice.objects.filter(meeting=meeting).first()
        counts.append([queries(client, u.format(meeting=meeting.pk, advice=advice.pk)) for u in urls])
    one, twenty = counts
    assert one == twenty, list(zip(urls, one, twenty, strict=True))
    assert max(twenty) <= BUDGET, list(zip(urls, twenty, strict=True))
    # The 20-year committee page lists 19 years of past members (the data was really there).
    assert Member.objects.count() == 180
