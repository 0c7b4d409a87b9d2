"""The report keeps its computed figures and the years with data per generation
(``intranet/report/cache.py``): a write on a table of the modules behind them, by a service, a
``create``, an ``update()`` or a ``bulk_create``, is seen on the next view (the page then equals
one computed afresh), the narratives are read on every view, and whose link a figure shows is
decided for each reader, never kept."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.models import PersonalDataAccess
from intranet.models import ReportNarrative
from intranet.report.cache import report_cache_clear
from intranet.roles import Role
from learning.clubs.services import meeting_log
from newsroom.activity.models import Partnership, PrActivity
from newsroom.models import IssueRead
from tests.advisory import builders as advisory
from tests.factories import DepartmentFactory, StaffFactory
from tests.learning.builders import build_course
from tests.learning.clubs.builders import build_club
from tests.learning.records.builders import approved, conference_input, learning_admin
from tests.newsroom import builders as news
from tests.performance.builders import build_plan, build_programme, kpi

pytestmark = pytest.mark.django_db
URL = "/performance/report/2025/"
PR_LOG = "/newsroom/pr/?year=2025"


def page(client, url=URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def fresh(client, url=URL) -> str:
    """The page computed anew (what the next view must equal)."""
    report_cache_clear()
    return page(client, url)


@pytest.fixture
def records():
    leader = StaffFactory(name="정대현")
    club, _people = build_club(leader=leader, members=1)
    department = DepartmentFactory()
    plan = build_plan(2025)
    build_programme(plan, code="2025-0", kpis=[kpi(actual=80)], department=department)
    PrActivity.objects.create(date=dt.date(2025, 5, 3), channel="press_release", title="보도 2025")
    return {"club": club, "leader": leader, "department": department, "plan": plan}


def _programme(r):
    build_programme(r["plan"], code="2025-1", kpis=[kpi(actual=90)], department=r["department"])


def _pr_created(r):
    PrActivity.objects.create(date=dt.date(2025, 6, 3), channel="press_release", title="보도 둘")


def _pr_moved_by_update(r):
    PrActivity.objects.filter(title="보도 2025").update(date=dt.date(2024, 5, 3))


def _mou_bulk_created(r):
    day = dt.date(2025, 6, 1)
    Partnership.objects.bulk_create(
        [Partnership(partner="ETRI", kind="mou", date=day, scope="-", department=r["department"])]
    )


def _conference(r):
    day = dt.date(2025, 3, 19)
    approved(
        data=conference_input(title="REAL Summit", start_date=day, end_date=day, hours=Decimal("7")),
        admin=learning_admin(),
    )


def _club_meeting(r):
    meeting_log(club=r["club"], by=r["leader"], held_on=dt.date(2025, 4, 1), topic="모임", attendees=[])


def _course(r):
    build_course(title="2025 과정", year=2025)


def _card_news(r):
    news.issue(year=2025, month=1, cards=1)


def _advisory_meeting(r):
    advisory.meeting(advisory.secretary(), day=dt.date(2025, 4, 17))


WRITES = [
    _programme,
    _pr_created,
    _pr_moved_by_update,
    _mou_bulk_created,
    _conference,
    _club_meeting,
    _course,
    _card_news,
    _advisory_meeting,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_a_write_in_each_source_shows_on_the_next_view(login_as, records, write):
    client = login_as(Role.PLANNER)
    before = page(client)
    assert page(client) == before  # kept
    write(records)
    after = page(client)
    assert after != before, write.__name__
    assert after == fresh(client)


def test_the_pdf_and_the_comparison_see_a_write_too(login_as, records):
    client = login_as(Role.PLANNER)
    compare = "/performance/report/compare/?years=2024,2025"
    before = page(client, compare)
    pdf = client.get(URL + "report.pdf").content
    _pr_created(records)
    assert page(client, compare) != before
    assert client.get(URL + "report.pdf").content != pdf


def test_a_narrative_shows_on_the_next_view(login_as, records):
    client = login_as(Role.PLANNER)
    page(client)
    ReportNarrative.objects.create(year=2025, section="communication", heading="올해의 홍보", body="본문")
    assert "올해의 홍보" in page(client)


def test_a_link_only_some_readers_may_open_never_reaches_another(login_as, records):
    editor = login_as(Role.PLANNER, Role.EDITOR)
    leader = login_as(Role.LEADER)
    assert PR_LOG in page(editor)
    assert PR_LOG not in page(leader)  # the figures kept by the editor's view, the link decided anew
    assert PR_LOG in page(editor)


def test_a_kept_view_asks_no_module(login_as, records):
    client = login_as(Role.PLANNER)
    page(client)
    with CaptureQueriesContext(connection) as computed:
        fresh(client)
    with CaptureQueriesContext(connection) as kept:
        page(client)
    # Session, user, roles, narratives and notifications: the modules' queries are kept.
    assert len(kept) <= 6, [q["sql"] for q in kept]
    assert len(kept) < len(computed) - 10


def test_a_card_news_read_or_a_personal_data_look_keeps_the_figures(records):
    """Reading an issue and an HR admin's look at personal fields write a record (``IssueRead``,
    ``PersonalDataAccess``) that no figure reads: they must not start a new generation, or the
    report would be computed again after nearly every card news view."""
    from intranet.report.cache import _generation

    issue_page = news.issue(year=2025, month=6)
    reader = StaffFactory()
    before = _generation.generation()
    IssueRead.objects.create(issue=issue_page, staff=reader, department=reader.department)
    PersonalDataAccess.objects.create(viewer=reader, subject=records["leader"], fields="phone", path="/")
    assert _generation.generation() == before
    PrActivity.objects.create(date=dt.date(2025, 6, 3), channel="press_release", title="보도 6월")
    assert _generation.generation() != before
