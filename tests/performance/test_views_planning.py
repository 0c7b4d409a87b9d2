"""The planner's and staff's pages added for proposals, the mid-year meeting, the contest and the
year-end rollover: what each does, what it refuses (in Korean, with nothing written)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from intranet.home.models import Notification
from intranet.models import AppendOnlyError
from performance.models import (
    ActionItem,
    Contest,
    Entry,
    Plan,
    Programme,
    Proposal,
    Score,
    Snapshot,
    SnapshotRow,
)
from performance.services import (
    MilestoneInput,
    contest_setup,
    progress_update_post,
    snapshot_take,
)
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme, kpi, planner

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def texts(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- proposals -------------------------------------------------------------------------------


def test_staff_member_proposes_and_sees_it_in_my_proposals(login_as):
    client = login_as()
    response = client.post("/performance/proposals/new/", {"title": "회의록 자동화", "body": "음성 인식으로"})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.proposer, proposal.status) == (client.staff, Proposal.State.SUBMITTED)
    page = client.get("/performance/proposals/")
    assert "회의록 자동화" in page.content.decode() and "접수" in page.content.decode()


def test_an_empty_proposal_is_refused_in_korean(login_as):
    client = login_as()
    response = client.post("/performance/proposals/new/", {"title": "", "body": ""})
    assert response.status_code == 200
    assert "필수 작성 항목입니다" in response.content.decode()
    assert not Proposal.objects.exists()


def test_planner_accepts_with_reason_notifies_and_makes_next_year_programme(login_as):
    build_plan(YEAR)
    proposer = StaffFactory(name="박제안")
    proposal = Proposal.objects.create(proposer=proposer, title="민원 챗봇", body="야간 민원 응대")
    client = login_as("planner")
    page = client.get("/performance/proposals/review/")
    assert "민원 챗봇" in page.content.decode()

    refused = client.post(
        f"/performance/proposals/{proposal.pk}/decide/", {f"d{proposal.pk}-decision": "accept"}
    )
    assert "사유를 적어 주세요" in " ".join(texts(refused))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.State.SUBMITTED and not Notification.objects.exists()

    client.post(
        f"/performance/proposals/{proposal.pk}/decide/",
        {f"d{proposal.pk}-decision": "accept", f"d{proposal.pk}-reason": "효과가 큼"},
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.State.ACCEPTED and proposal.decision_reason == "효과가 큼"
    note = Notification.objects.get(recipient=proposer)
    assert "채택되었습니다" in note.title and note.body == "효과가 큼"

    department = DepartmentFactory()
    owner = StaffFactory(department=department)
    data = {
        "code": "N-01",
        "title": "민원 챗봇 도입",
        "department": department.pk,
        "owner_number": owner.employee_number,
        "milestone_title": "시범 운영",
        "due_date": f"{YEAR + 1}-06-30",
    }
    bad = client.post(
        f"/performance/proposals/{proposal.pk}/programme/", {**data, "due_date": f"{YEAR}-06-30"}
    )
    assert "밖입니다" in bad.content.decode()
    assert not Plan.objects.filter(year=YEAR + 1).exists()  # nothing half-written
    response = client.post(f"/performance/proposals/{proposal.pk}/programme/", data)
    programme = Programme.objects.get(code="N-01")
    assert response["Location"] == programme.get_absolute_url()
    assert (programme.plan.year, programme.proposal, programme.origin) == (YEAR + 1, proposal, "proposal")
    again = client.post(f"/performance/proposals/{proposal.pk}/programme/", {**data, "code": "N-02"})
    assert "이미 있습니다" in again.content.decode()
    assert Programme.objects.filter(proposal=proposal).count() == 1
    assert "민원 챗봇" in client.get(programme.get_absolute_url()).content.decode()


def test_planner_merges_a_duplicate_and_declines_another(login_as):
    client = login_as("planner")
    first = Proposal.objects.create(proposer=StaffFactory(), title="문서 공유", body="a")
    twin = Proposal.objects.create(proposer=StaffFactory(), title="문서 공유 2", body="b")
    other = Proposal.objects.create(proposer=StaffFactory(), title="주차", body="c")
    client.post(f"/performance/proposals/{twin.pk}/merge/", {f"m{twin.pk}-into": first.pk})
    twin.refresh_from_db()
    assert (twin.status, twin.merged_into) == (Proposal.State.MERGED, first)
    client.post(
        f"/performance/proposals/{other.pk}/decide/",
        {f"d{other.pk}-decision": "decline", f"d{other.pk}-reason": "예산 부족"},
    )
    other.refresh_from_db()
    assert other.status == Proposal.State.DECLINED
    assert Notification.objects.filter(
        recipient=other.proposer, title__contains="채택되지 않았습니다"
    ).exists()
    twice = client.post(
        f"/performance/proposals/{other.pk}/decide/",
        {f"d{other.pk}-decision": "accept", f"d{other.pk}-reason": "다시"},
    )
    assert "이미 검토한 제안" in " ".join(texts(twice))


# --- mid-year meeting ------------------------------------------------------------------------


@pytest.fixture
def plan_two():
    plan = build_plan(YEAR)
    it = DepartmentFactory(name="정보화팀")
    owner = StaffFactory(name="김담당", department=it)
    first = build_programme(
        plan,
        code="P-01",
        owner=owner,
        department=it,
        milestones=[
            MilestoneInput("착수", dt.date(YEAR, 1, 1), 50),
            MilestoneInput("완료", dt.date(YEAR, 12, 31), 50),
        ],
        kpis=[kpi()],
    )
    second = build_programme(
        plan, code="P-02", milestones=[MilestoneInput("완료", dt.date(YEAR, 12, 31), 100)]
    )
    return plan, first, second


def test_planner_takes_the_snapshot_after_confirming(login_as, plan_two):
    _plan, _first, _second = plan_two
    client = login_as("planner")
    page = client.get("/performance/snapshots/new/")
    assert "고치거나 지울 수 없습니다" in page.content.decode()
    unconfirmed = client.post("/performance/snapshots/new/", {"cut_off": f"{YEAR}-06-30"})
    assert "확인란에 표시해 주세요" in unconfirmed.content.decode()
    assert not Snapshot.objects.exists()
    outside = client.post("/performance/snapshots/new/", {"cut_off": f"{YEAR - 1}-06-30", "confirm": "on"})
    assert "밖입니다" in outside.content.decode() and not Snapshot.objects.exists()
    response = client.post("/performance/snapshots/new/", {"cut_off": f"{YEAR}-06-30", "confirm": "on"})
    snapshot = Snapshot.objects.get()
    assert response["Location"] == f"/performance/snapshots/{snapshot.pk}/"
    assert snapshot.rows.count() == 2
    again = client.post("/performance/snapshots/new/", {"cut_off": f"{YEAR}-06-30", "confirm": "on"})
    assert "이미 있습니다" in again.content.decode() and Snapshot.objects.count() == 1


def test_a_snapshot_cannot_be_edited_or_deleted(plan_two):
    plan, *_ = plan_two
    snapshot = snapshot_take(plan=plan, by=planner(), cut_off=dt.date(YEAR, 6, 30))
    row = snapshot.rows.first()
    row.percent = 99
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        snapshot.delete()
    assert SnapshotRow.objects.get(pk=row.pk).percent != 99


def test_meeting_compares_records_actions_and_the_owner_moves_status(login_as, plan_two):
    plan, first, _second = plan_two
    boss = login_as("planner")
    snapshot = snapshot_take(plan=plan, by=boss.staff, cut_off=dt.date(YEAR, 1, 2))
    progress_update_post(programme=first, author=first.owner, milestones_done=[first.milestones.first().pk])
    page = boss.get(f"/performance/snapshots/{snapshot.pk}/").content.decode()
    assert "0.0%" in page and "50.0%" in page  # frozen vs today
    row = snapshot.rows.get(programme=first)
    bad = boss.post(
        f"/performance/snapshots/{snapshot.pk}/actions/",
        {
            "row": row.pk,
            "title": "일정 재조정",
            "owner_number": first.owner.employee_number,
            "due_date": f"{YEAR - 1}-01-01",
        },
    )
    assert "기준일 이후" in " ".join(texts(bad)) and not ActionItem.objects.exists()
    boss.post(
        f"/performance/snapshots/{snapshot.pk}/actions/",
        {
            "row": row.pk,
            "title": "일정 재조정",
            "owner_number": first.owner.employee_number,
            "due_date": f"{YEAR}-12-01",
        },
    )
    item = ActionItem.objects.get()
    assert (item.owner, item.status) == (first.owner, ActionItem.State.OPEN)

    outsider = login_as(name="다른직원")  # neither the action's owner nor a planner
    refused = outsider.post(f"/performance/actions/{item.pk}/status/", {f"a{item.pk}-status": "done"})
    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.status == ActionItem.State.OPEN
    boss.post(f"/performance/actions/{item.pk}/status/", {f"a{item.pk}-status": "in_progress"})
    item.refresh_from_db()
    assert item.status == ActionItem.State.IN_PROGRESS


def test_snapshot_exports_to_excel_and_pdf_with_korean_text(login_as, plan_two):
    plan, *_ = plan_two
    snapshot = snapshot_take(plan=plan, by=planner(), cut_off=dt.date(YEAR, 6, 30))
    client = login_as()
    xlsx = client.get(f"/performance/snapshots/{snapshot.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:2] == ("과제코드", "과제명")
    assert [r[0] for r in rows[3:]] == ["P-01", "P-02"]
    pdf = client.get(f"/performance/snapshots/{snapshot.pk}/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    raw = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    text = "".join(raw.replace("\x00", "").split())  # pypdf spaces (and NULs) the syllables
    assert "P-01" in text and "시험과제" in text and "정보화팀" in text


# --- contest ---------------------------------------------------------------------------------


@pytest.fixture
def contest_ready(plan_two):
    plan, first, second = plan_two
    boss = planner()
    judge = StaffFactory(department=first.department)  # same department as P-01
    contest = contest_setup(
        plan=plan,
        by=boss,
        title="공유대회",
        entries_close_on=dt.date(YEAR, 12, 31),
        criteria=[("탁월성", 60), ("확산성", 40)],
        judges=[judge],
    )
    return contest, first, second, judge


def test_criteria_weights_must_add_up_to_100(login_as, plan_two):
    client = login_as("planner")
    judge = StaffFactory()
    response = client.post(
        "/performance/contest/setup/",
        {
            "title": "대회",
            "entries_close_on": f"{YEAR}-11-30",
            "criteria": "탁월성 | 60\n확산성 | 30",
            "judges": judge.employee_number,
        },
    )
    assert "합이 100이어야 합니다 (지금 합계: 90)" in response.content.decode()
    assert not Contest.objects.exists()
    client.post(
        "/performance/contest/setup/",
        {
            "title": "대회",
            "entries_close_on": f"{YEAR}-11-30",
            "criteria": "탁월성 | 60\n확산성 | 40",
            "judges": judge.employee_number,
        },
    )
    contest = Contest.objects.get()
    assert [(c.name, int(c.weight)) for c in contest.criteria.all()] == [("탁월성", 60), ("확산성", 40)]


def test_owner_enters_with_prefilled_summary_and_checked_attachment(client, contest_ready):
    _contest, first, second, _judge = contest_ready
    first.description = "야간 민원을 줄였다"
    first.save()
    from tests.factories import staff_with_login

    owner = staff_with_login()
    Programme.objects.filter(pk=first.pk).update(owner=owner)
    client.force_login(owner.user)
    page = client.get(f"/performance/programmes/{first.pk}/enter/")
    assert "야간 민원을 줄였다" in page.content.decode()
    bad = client.post(
        f"/performance/programmes/{first.pk}/enter/",
        {"summary": "요약", "attachment": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert "파일만 올릴 수 있습니다" in bad.content.decode() and not Entry.objects.exists()
    client.post(
        f"/performance/programmes/{first.pk}/enter/",
        {"summary": "요약", "attachment": SimpleUploadedFile("결과.pdf", b"%PDF-1.4")},
    )
    entry = Entry.objects.get()
    assert entry.summary == "요약" and entry.attachment.name.endswith(".pdf")
    other = client.get(f"/performance/programmes/{second.pk}/enter/")
    assert other.status_code == 403 and "담당하는 과제만" in other.content.decode()


def test_judge_never_scores_own_department_and_ranking_gives_awards(login_as, contest_ready):
    contest, first, second, judge_staff = contest_ready
    e1 = Entry.objects.create(contest=contest, programme=first, submitted_by=first.owner, summary="a")
    e2 = Entry.objects.create(contest=contest, programme=second, submitted_by=second.owner, summary="b")
    from tests.factories import staff_with_login

    judge_login = staff_with_login(department=judge_staff.department)
    contest_setup(
        plan=contest.plan,
        by=planner(),
        title=contest.title,
        entries_close_on=contest.entries_close_on,
        criteria=[("탁월성", 60), ("확산성", 40)],
        judges=[judge_staff, judge_login],
    )
    from django.test import Client

    client = Client()
    client.force_login(judge_login.user)
    listing = client.get("/performance/contest/judging/").content.decode()
    assert "P-02" in listing and "자기 부서 과제" in listing
    own = client.get(f"/performance/contest/entries/{e1.pk}/score/")
    assert own.status_code == 403 and "자기 부서의 과제는 채점할 수 없습니다" in own.content.decode()
    criteria = list(contest.criteria.all())
    refused = client.post(f"/performance/contest/entries/{e1.pk}/score/", {f"c_{c.pk}": 90 for c in criteria})
    assert refused.status_code == 403 and not Score.objects.exists()
    out_of_range = client.post(
        f"/performance/contest/entries/{e2.pk}/score/", {f"c_{c.pk}": 120 for c in criteria}
    )
    assert "0에서 100 사이" in out_of_range.content.decode() and not Score.objects.exists()
    client.post(f"/performance/contest/entries/{e2.pk}/score/", {f"c_{c.pk}": 80 for c in criteria})
    assert Score.objects.count() == 2

    boss = login_as("planner")
    boss.post("/performance/contest/decide/")
    contest.refresh_from_db()
    assert contest.is_decided
    second.refresh_from_db()
    assert second.award_tier == "grand"
    page = login_as().get("/performance/contest/").content.decode()
    assert "대상" in page
    assert "대상" in boss.get(second.get_absolute_url()).content.decode()
    stranger = login_as()
    assert stranger.get(f"/performance/contest/entries/{e2.pk}/score/").status_code == 403


# --- rollover --------------------------------------------------------------------------------


def test_rollover_after_confirm_copies_unfinished_once_with_history_linked(login_as, plan_two):
    _plan, first, second = plan_two
    progress_update_post(programme=second, author=second.owner, milestones_done=[second.milestones.get().pk])
    client = login_as("planner")
    page = client.get("/performance/rollover/").content.decode()
    assert "P-01" in page and "P-02" not in page  # P-02 is done
    response = client.post("/performance/rollover/", {"programmes": [first.pk]})
    assert response.status_code == 302
    copy = Programme.objects.get(plan__year=YEAR + 1)
    assert (copy.code, copy.previous_programme) == ("P-01", first)
    assert [m.due_date.year for m in copy.milestones.all()] == [YEAR + 1, YEAR + 1]
    again = client.post("/performance/rollover/", {"programmes": [first.pk]})
    assert "이미 이월한" in " ".join(texts(again))
    assert Programme.objects.filter(plan__year=YEAR + 1).count() == 1
    assert (
        "P-01" not in client.get("/performance/rollover/").content.decode().split("rollover-empty")[0][-300:]
    )
    unknown = client.post("/performance/rollover/", {"programmes": [second.pk]})
    assert "이월할 수 없습니다" in unknown.content.decode()
    assert f"/performance/programmes/{first.pk}/" in client.get(copy.get_absolute_url()).content.decode()
