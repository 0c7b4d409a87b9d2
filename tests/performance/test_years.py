"""Every plan year reachable (issue 14, point 2), at frozen dates: January (the new year's plan
empty, or just rolled over), mid-year and December. The year chooser reaches 2025 and the
current year; rolled-over programmes take the new year's code and the rollover page stays on
the year it rolled; a snapshot after June is 하반기; a proposal has its own page; the meeting's
Excel and PDF hold today's figures and the action items."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from performance.models import ActionItem, Programme, Proposal
from performance.services import (
    contest_setup,
    proposal_decide,
    proposal_merge,
    proposal_programme_create,
    rollover_code,
    snapshot_take,
)
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme, planner

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
JANUARY, MID_YEAR, DECEMBER = (
    dt.datetime(2027, 1, 6, 9, tzinfo=SEOUL),
    dt.datetime(2026, 7, 1, 9, tzinfo=SEOUL),
    dt.datetime(2026, 12, 21, 9, tzinfo=SEOUL),
)


@pytest.fixture
def frozen():
    """``frozen(moment)``: the clock stands still at ``moment`` for the rest of the test."""
    travellers = []

    def stop_at(moment):
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield stop_at
    for traveller in reversed(travellers):
        traveller.stop()


def chooser_years(page: str) -> list[int]:
    nav = page.split('data-testid="year-chooser"', 1)[1].split("</nav>", 1)[0]
    return [int(y) for y in re.findall(r'data-testid="year-(\d{4})"', nav)]


def current_year(page: str) -> int:
    return int(re.search(r'aria-current="page" data-testid="year-(\d{4})"', page).group(1))


def three_plans():
    """2025 (the report year, two programmes), 2026 (one) and an empty 2027 plan."""
    department = DepartmentFactory(name="정보화팀")
    old = build_plan(2025)
    build_programme(old, code="2025-C03", department=department)
    build_programme(old, code="2025-C04", department=department)
    this = build_plan(2026)
    build_programme(this, code="2026-A01", department=department)
    build_plan(2027)
    return department


@pytest.mark.parametrize(
    ("moment", "default"),
    [(JANUARY, 2026), (MID_YEAR, 2026), (DECEMBER, 2026)],
    ids=["january-empty-new-plan", "mid-year", "december"],
)
def test_the_plan_page_defaults_to_the_latest_year_with_programmes_and_reaches_every_year(
    login_as, frozen, moment, default
):
    frozen(moment)
    department = three_plans()
    client = login_as()
    page = client.get("/performance/").content.decode()
    assert current_year(page) == default
    assert "2026년 성과업무 프로그램" in page and "2026-A01" in page
    assert chooser_years(page) == [2027, 2026, 2025]
    assert 'aria-label="성과업무 계획 연도"' in page
    # 2025 (and its department view, snapshots and contest) stay reachable after 2026 exists.
    old = client.get("/performance/?year=2025").content.decode()
    assert "2025년 성과업무 프로그램" in old and "2025-C03" in old and "2026-A01" not in old
    assert current_year(old) == 2025
    assert 'href="/performance/snapshots/?year=2025"' in old
    one = client.get(f"/performance/departments/{department.code}/?year=2025").content.decode()
    assert "2025-C04" in one and current_year(one) == 2025
    export = client.get("/performance/export.xlsx?year=2025")
    assert export["Content-Disposition"].endswith('performance-2025.xlsx"')
    # The current calendar year is reachable too, even while empty.
    this = client.get(f"/performance/?year={moment.year}")
    assert this.status_code == 200 and current_year(this.content.decode()) == moment.year


def test_in_january_a_rolled_over_plan_is_this_years_and_last_year_stays_a_click_away(login_as, frozen):
    frozen(JANUARY)
    three_plans()
    build_programme(build_plan(2027), code="2027-A01")
    page = login_as().get("/performance/").content.decode()
    assert current_year(page) == 2027 and "2027-A01" in page
    assert 'href="?year=2026"' in page and 'href="?year=2025"' in page


def test_a_year_without_a_plan_is_a_korean_404_with_the_chooser_and_bad_input_is_named(login_as, frozen):
    frozen(MID_YEAR)
    three_plans()
    client = login_as()
    missing = client.get("/performance/?year=2019")
    assert missing.status_code == 404
    assert "2019년 성과업무 계획이 없습니다" in missing.content.decode()
    assert chooser_years(missing.content.decode()) == [2027, 2026, 2025]
    bad = client.get("/performance/?year=작년")
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "네 자리 숫자" in page and current_year(page) == 2026


def test_no_plan_at_all_says_so(login_as):
    page = login_as().get("/performance/").content.decode()
    assert "아직 등록된 성과업무 계획이 없습니다" in page


def test_last_years_contest_results_stay_reachable(login_as, frozen):
    frozen(DECEMBER)
    three_plans()
    boss = planner()
    contest_setup(
        plan=build_plan(2025),
        by=boss,
        title="2025년 우수성과 공유대회",
        entries_close_on=dt.date(2025, 11, 30),
        criteria=[("탁월성", 100)],
        judges=[StaffFactory()],
    )
    client = login_as()
    this_year = client.get("/performance/contest/").content.decode()
    assert "2026년 공유대회가 아직 없습니다" in this_year
    assert chooser_years(this_year) == [2027, 2026, 2025]
    old = client.get("/performance/contest/?year=2025").content.decode()
    assert "2025년 우수성과 공유대회" in old and current_year(old) == 2025


@pytest.mark.parametrize("moment", [DECEMBER, JANUARY], ids=["december", "january"])
def test_rollover_gives_new_year_codes_and_stays_on_the_year_it_rolled(login_as, frozen, moment):
    frozen(moment)
    old = build_plan(2025)
    dated = build_programme(old, code="2025-C03")
    plain = build_programme(old, code="P-07")
    client = login_as("planner")
    page = client.get("/performance/rollover/?year=2025").content.decode()
    assert "2025-C03 → 2026-C03" in page and "P-07 시험 과제" in page
    response = client.post("/performance/rollover/?year=2025", {"programmes": [dated.pk, plain.pk]})
    assert response["Location"] == "/performance/rollover/?year=2025"
    codes = sorted(Programme.objects.filter(plan__year=2026).values_list("code", flat=True))
    assert codes == ["2026-C03", "P-07"]
    # Back on 2025: nothing left to roll, the copies listed; not an offer to roll them into 2027.
    after = client.get(response["Location"]).content.decode()
    assert 'data-testid="rollover-empty"' in after and 'data-testid="rollover-candidate"' not in after
    copied = after.split('data-testid="rollover-copied"')[1].split("</section>")[0]
    assert "2026-C03" in copied and "2025-C03에서 이월" in copied
    assert "2026년 → 2027년" not in after


def test_rollover_code_moves_only_the_plan_year():
    assert rollover_code("2025-C03", year=2025) == "2026-C03"
    assert rollover_code("C03-2025", year=2025) == "C03-2026"
    assert rollover_code("P-07", year=2025) == "P-07"
    assert rollover_code("12025-1", year=2025) == "12025-1"  # not a year standing apart
    assert rollover_code("2024-C01", year=2025) == "2024-C01"


def test_a_rollover_code_that_clashes_is_refused_in_korean_and_nothing_is_copied(login_as, frozen):
    frozen(DECEMBER)
    old = build_plan(2025)
    dated = build_programme(old, code="2025-C03")
    build_programme(build_plan(2026), code="2026-C03")
    client = login_as("planner")
    response = client.post("/performance/rollover/?year=2025", {"programmes": [dated.pk]})
    assert "이미 있는 과제코드입니다: 2026-C03" in response.content.decode()
    assert not Programme.objects.filter(previous_programme=dated).exists()


@pytest.mark.parametrize(
    ("cut_off", "half"), [(dt.date(2026, 6, 30), "상반기"), (dt.date(2026, 11, 30), "하반기")]
)
def test_a_snapshot_is_named_by_the_half_of_its_cut_off(login_as, frozen, cut_off, half):
    frozen(DECEMBER)
    plan = build_plan(2026)
    build_programme(plan, code="P-01")
    snapshot = snapshot_take(plan=plan, by=planner(), cut_off=cut_off)
    assert snapshot.title == f"2026년 {half} 성과분석"
    client = login_as()
    meeting = client.get(f"/performance/snapshots/{snapshot.pk}/").content.decode()
    assert f"<title>2026년 {half} 성과분석 회의" in meeting
    other = "하반기" if half == "상반기" else "상반기"
    assert f"2026년 {other}" not in meeting
    listing = client.get("/performance/snapshots/?year=2026").content.decode()
    assert f"{half} · {cut_off.year}. {cut_off.month}. {cut_off.day}. 기준" in listing


def test_meeting_exports_hold_todays_figures_and_the_action_items(login_as, frozen):
    frozen(DECEMBER)
    plan = build_plan(2026)
    programme = build_programme(plan, code="P-01")
    boss = planner()
    snapshot = snapshot_take(plan=plan, by=boss, cut_off=dt.date(2026, 6, 30))
    owner = StaffFactory(name="조치담당")
    ActionItem.objects.create(
        snapshot_row=snapshot.rows.get(programme=programme),
        title="일정 재조정",
        owner=owner,
        due_date=dt.date(2026, 12, 31),
    )
    client = login_as()
    rows = list(
        load_workbook(
            io.BytesIO(client.get(f"/performance/snapshots/{snapshot.pk}/export.xlsx").content)
        ).active.iter_rows(values_only=True)
    )
    assert "오늘(2026. 12. 21.) 값과 비교" in rows[0][0] and "2026년 상반기 성과분석" in rows[0][0]
    headers = list(rows[2])
    line = dict(zip(headers, rows[3], strict=True))
    assert line["과제코드"] == "P-01"
    assert line["스냅숏 진척률(%)"] == 0.0  # nothing done by 30 June
    assert line["오늘 진척률(%)"] == 0.0 and line["오늘 상태"] == "지연"
    assert line["변화(%p)"] == 0.0
    assert line["조치 사항"] == "일정 재조정 (조치담당, 2026. 12. 31.까지, 미착수)"
    pdf = client.get(f"/performance/snapshots/{snapshot.pk}/export.pdf")
    text = "".join(
        "".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().replace("\x00", "").split())
    )
    assert "일정재조정" in text and "조치담당" in text and "오늘" in text and "하반기" not in text


def test_a_proposal_has_its_own_page_and_its_programme_links_to_it(login_as, frozen):
    frozen(DECEMBER)
    build_programme(build_plan(2026), code="2026-A01")
    boss = planner()
    proposer_client = login_as(name="제안자")
    proposal = Proposal.objects.create(
        proposer=proposer_client.staff, title="회의록 자동화", body="음성 인식"
    )
    proposal_decide(proposal=proposal, by=boss, accept=True, reason="내년 과제로")
    programme = proposal_programme_create(
        proposal=proposal,
        by=boss,
        plan=build_plan(2027),
        code="2027-P01",
        department=DepartmentFactory(),
        owner=StaffFactory(),
        milestone_title="착수",
        due_date=dt.date(2027, 3, 31),
    )
    stranger = login_as()
    programme_page = stranger.get(programme.get_absolute_url()).content.decode()
    assert f'href="/performance/proposals/{proposal.pk}/"' in programme_page
    page = stranger.get(f"/performance/proposals/{proposal.pk}/").content.decode()
    assert "회의록 자동화" in page and "음성 인식" in page and "내년 과제로" in page
    assert f'href="/performance/programmes/{programme.pk}/"' in page and "2027년 2027-P01" in page
    assert "제안자" not in page.split('data-testid="proposal-facts"')[1].split("</section>")[0]
    own = proposer_client.get(f"/performance/proposals/{proposal.pk}/").content.decode()
    assert 'data-testid="proposal-proposer">제안자' in own
    # A colleague's proposal merged into it stays out of sight of everyone but planners.
    other = Proposal.objects.create(proposer=StaffFactory(), title="비슷한 제안 비공개", body="x")
    proposal_merge(proposal=other, into=proposal, by=boss, reason="중복")
    assert "비슷한 제안 비공개" not in stranger.get(f"/performance/proposals/{proposal.pk}/").content.decode()
    assert (
        "비슷한 제안 비공개"
        not in proposer_client.get(f"/performance/proposals/{proposal.pk}/").content.decode()
    )
    for_planner = login_as("planner").get(f"/performance/proposals/{proposal.pk}/").content.decode()
    assert "비슷한 제안 비공개" in for_planner
    assert stranger.get(f"/performance/proposals/{other.pk}/").status_code == 403
    # Not accepted: the proposer and planners only.
    pending = Proposal.objects.create(proposer=proposer_client.staff, title="대기", body="x")
    assert stranger.get(f"/performance/proposals/{pending.pk}/").status_code == 403
    assert proposer_client.get(f"/performance/proposals/{pending.pk}/").status_code == 200
    assert "/performance/proposals/" in proposer_client.get("/performance/proposals/").content.decode()


def test_proposal_lists_choose_a_submission_year(login_as, frozen):
    frozen(DECEMBER)
    client = login_as("planner")
    old = Proposal.objects.create(proposer=client.staff, title="작년 제안", body="x")
    proposal_decide(proposal=old, by=client.staff, accept=True, reason="좋음")
    Proposal.objects.filter(pk=old.pk).update(submitted_at=dt.datetime(2025, 10, 1, 9, tzinfo=SEOUL))
    new = Proposal.objects.create(proposer=client.staff, title="올해 제안", body="x")
    proposal_decide(proposal=new, by=client.staff, accept=True, reason="좋음")
    mine = client.get("/performance/proposals/").content.decode()
    assert "올해 제안" in mine and "작년 제안" not in mine and chooser_years(mine) == [2026, 2025]
    assert "작년 제안" in client.get("/performance/proposals/?year=2025").content.decode()
    review = client.get("/performance/proposals/review/?year=2025").content.decode()
    accepted = review.split('id="accepted-title"')[1]
    assert "작년 제안" in accepted and "올해 제안" not in accepted
