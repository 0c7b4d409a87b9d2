"""The report keeps its computed figures and the years with data per generation
(``intranet/report/cache.py``): a write on a table a panel says it reads — by a service, a
``create``, an ``update()`` or a ``bulk_create`` — is seen on the next view (the page then equals
one computed afresh), at two frozen dates; a write rolled back leaves nothing behind; records of
reading (a card news issue read, a look at personal data) renew nothing; a transaction adds one
``on_commit`` callback however many watched writes it makes; the narratives are read on every
view, and whose link a figure shows is decided for each reader, never kept."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intranet.directory.models import PersonalDataAccess
from intranet.models import ReportNarrative
from intranet.report import cache, report_build, report_years_with_data
from intranet.report.cache import report_cache_clear
from intranet.roles import Role
from learning.clubs.services import meeting_log
from newsroom.activity.models import Partnership, PrActivity
from newsroom.models import IssueRead
from performance.models import Programme
from tests.advisory import builders as advisory
from tests.factories import DepartmentFactory, StaffFactory
from tests.learning.builders import build_course
from tests.learning.clubs.builders import build_club
from tests.learning.records.builders import approved, conference_input, learning_admin
from tests.newsroom import builders as news
from tests.newsroom.interviews import builders as interviews
from tests.performance.builders import build_plan, build_programme, kpi
from tests.surveys import factories as surveys

pytestmark = pytest.mark.django_db
URL = "/performance/report/2025/"
PR_LOG = "/newsroom/pr/?year=2025"
SEOUL = ZoneInfo("Asia/Seoul")
DATES = {
    "mid-2026": dt.datetime(2026, 6, 15, 14, 0, tzinfo=SEOUL),
    "january-2027": dt.datetime(2027, 1, 6, 9, 30, tzinfo=SEOUL),
}


@pytest.fixture(params=list(DATES), ids=list(DATES))
def moment(request):
    with time_machine.travel(DATES[request.param], tick=True):
        yield DATES[request.param]


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
def records(moment):
    leader = StaffFactory(name="정대현")
    club, _people = build_club(leader=leader, members=1)
    department = DepartmentFactory()
    plan = build_plan(2025)
    build_programme(plan, code="2025-0", kpis=[kpi(actual=80)], department=department)
    PrActivity.objects.create(date=dt.date(2025, 5, 3), channel="press_release", title="보도 2025")
    return {"club": club, "leader": leader, "department": department, "plan": plan}


# One write a source module (and the kinds of writes no model signal sees).
def _programme(r):
    build_programme(r["plan"], code="2025-1", kpis=[kpi(actual=90)], department=r["department"])


def _programme_origin_by_update(r):
    Programme.objects.filter(plan=r["plan"]).update(origin=Programme.Origin.FEEDBACK)


def _pr_created(r):
    PrActivity.objects.create(date=dt.date(2025, 6, 3), channel="press_release", title="보도 둘")


def _pr_moved_by_update(r):
    PrActivity.objects.filter(title="보도 2025").update(date=dt.date(2024, 5, 3))


def _pr_bulk_created_ignoring_conflicts(r):
    """SQLite writes it ``INSERT OR IGNORE INTO``, PostgreSQL ``INSERT … ON CONFLICT``."""
    day = dt.date(2025, 7, 3)
    PrActivity.objects.bulk_create(
        [PrActivity(date=day, channel="press_release", title="보도 셋")], ignore_conflicts=True
    )


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


def _interview(r):
    leader = interviews.leader(name="김국장")
    question = interviews.answered(StaffFactory(), leader)
    with time_machine.travel(dt.datetime(2025, 7, 1, 10, 0, tzinfo=SEOUL)):  # an episode of 2025
        interviews.publish(interviews.editor(), [question])


def _advisory_meeting(r):
    advisory.meeting(advisory.secretary(), day=dt.date(2025, 4, 17))


def _survey_closed(r):
    question = surveys.bank("Q1", area=surveys.area("리더십"))
    survey = surveys.survey([question], year=2025, audience_all=True, min_group_size=3)
    surveys.respond(survey, {"Q1": 4}, times=5)


WRITES = [
    _programme,
    _programme_origin_by_update,
    _pr_created,
    _pr_moved_by_update,
    _pr_bulk_created_ignoring_conflicts,
    _mou_bulk_created,
    _conference,
    _club_meeting,
    _course,
    _card_news,
    _interview,
    _advisory_meeting,
    _survey_closed,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_a_write_in_each_source_shows_on_the_next_view(login_as, records, write):
    client = login_as(Role.PLANNER)
    before = page(client)
    with CaptureQueriesContext(connection) as again:
        assert page(client) == before
    assert len(again) <= 6  # kept: no module asked
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


def test_the_years_with_data_see_a_write(records):
    assert 2019 not in report_years_with_data()
    PrActivity.objects.create(date=dt.date(2019, 6, 3), channel="press_release", title="보도 2019")
    assert 2019 in report_years_with_data()


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


def test_a_write_rolled_back_leaves_no_figure_behind(login_as, records):
    """Inside the transaction the writer sees its own write (kept for that transaction only);
    once it is rolled back, the next view shows the figures without it."""
    client = login_as(Role.PLANNER)
    before = page(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        _pr_created(records)
        assert page(client) != before
        raise RuntimeError
    assert page(client) == before == fresh(client)


@pytest.fixture
def renewals(monkeypatch):
    """The renewals the database wrapper asks for (each still done)."""
    seen = []
    renew = cache._renew

    def recording(connection_):
        seen.append(connection_.alias)
        renew(connection_)

    monkeypatch.setattr(cache, "_renew", recording)
    return seen


def test_watched_writes_in_a_transaction_renew_once_at_commit(renewals, django_capture_on_commit_callbacks):
    """However many watched writes a transaction makes, one ``on_commit`` callback; writes on
    tables no figure reads add none. The generation is renewed when it runs."""
    department = DepartmentFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        before = cache._generation.generation()
        PrActivity.objects.create(date=dt.date(2025, 6, 3), channel="press_release", title="하나")
        PrActivity.objects.filter(title="하나").update(title="둘")
        day = dt.date(2025, 6, 1)
        Partnership.objects.bulk_create(
            [Partnership(partner="ETRI", kind="mou", date=day, scope="-", department=department)]
        )
        assert cache._generation.generation() == before  # not before the commit
    pending = [c for c in callbacks if isinstance(c, cache._Pending)]
    assert len(pending) == 1, callbacks
    pending[0]()
    assert cache._generation.generation() != before
    # Once one is pending no write adds another; so whether a log asks for a renewal is seen by
    # the wrapper's calls (``renewals``).
    viewer, subject = StaffFactory(), StaffFactory()
    issue = news.issue(year=2025, month=2, cards=1)
    renewals.clear()
    PersonalDataAccess.objects.create(viewer=viewer, subject=subject, fields="mobile")
    IssueRead.objects.bulk_create([IssueRead(issue=issue, staff=viewer)], ignore_conflicts=True)
    assert renewals == []
    PrActivity.objects.filter(title="둘").delete()
    assert renewals  # a watched table again


def test_reading_an_issue_or_personal_data_renews_nothing(login_as, records, renewals, settings):
    """Reading an issue and an HR admin's look at personal fields write a record (``IssueRead``,
    ``PersonalDataAccess``) that no figure reads: they must not renew the figures, or the report
    would be computed again after nearly every card news view."""
    issue = news.issue(year=2025, month=6, cards=1)
    colleague = StaffFactory(name="이영희", mobile="010-1234-5678")
    reader = login_as()
    hr = login_as(Role.HR_ADMIN.value)
    renewals.clear()
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(issue.url).status_code == 200
        profile = reverse("directory:profile", kwargs={"employee_number": colleague.employee_number})
        shown = hr.post(profile, {"purpose": PersonalDataAccess.Purpose.EMERGENCY})
    assert "010-1234-5678" in shown.content.decode()
    assert IssueRead.objects.filter(issue=issue).exists() and PersonalDataAccess.objects.exists()
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT"))]
    assert renewals == [], writes
    _pr_created(records)  # the watch works: a write on a source renews
    assert len(renewals) == 1


def test_a_panel_that_does_not_say_what_it_reads_is_never_kept(login_as, records, monkeypatch):
    from intranet.registry import Panel, annual_figures

    asked = []
    toy = Panel(key="toy", title="toy", template="", provider=lambda year: asked.append(year))
    monkeypatch.setitem(annual_figures.panels, "toy", toy)
    assert cache.watched_tables() is None
    report_build(year=2025)
    report_build(year=2025)
    assert asked == [2024, 2025, 2024, 2025]
