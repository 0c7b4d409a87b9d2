import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from intranet.home.models import Notification
from intranet.models import AppendOnlyError
from performance.models import (
    KPI,
    Milestone,
    Plan,
    Programme,
    ProgressUpdate,
    Proposal,
    Snapshot,
    SnapshotRow,
    Status,
)
from performance.selectors import snapshot_compare
from performance.services import (
    MilestoneInput,
    PerformanceError,
    action_item_add,
    action_item_status_set,
    plan_create,
    plan_rollover,
    programme_create,
    programme_update,
    progress_update_post,
    proposal_decide,
    proposal_merge,
    proposal_submit,
    rollover_candidates,
    snapshot_take,
    status_override_set,
)
from tests.factories import StaffFactory

from .builders import build_plan, build_programme, kpi, planner

pytestmark = pytest.mark.django_db


def counts():
    return (Programme.objects.count(), Milestone.objects.count(), KPI.objects.count())


def test_plan_year_once():
    plan_create(year=2026)
    with pytest.raises(PerformanceError, match="이미 있습니다"):
        plan_create(year=2026)


@pytest.mark.parametrize(
    ("milestones", "kpis", "message"),
    [
        ([MilestoneInput("착수", dt.date(2025, 3, 1), 0)], (), "가중치는 0보다 커야"),
        ([MilestoneInput("착수", dt.date(2025, 3, 1), -2)], (), "가중치는 0보다 커야"),
        ([MilestoneInput("이월", dt.date(2026, 1, 10), 100)], (), "2025년 밖입니다"),
        (
            [MilestoneInput("착수", dt.date(2025, 3, 1), 100)],
            [kpi(baseline=90, target=90)],
            "목표값이 기준값",
        ),
        (
            [
                MilestoneInput("착수", dt.date(2025, 3, 1), 30),
                MilestoneInput("완료", dt.date(2025, 9, 1), 30),
            ],
            (),
            r"합계가 100이어야 합니다 \(지금 합계: 60\)",
        ),
        ([MilestoneInput("착수", dt.date(2025, 3, 1), 1)], (), r"합계가 100이어야 합니다 \(지금 합계: 1\)"),
        (
            [
                MilestoneInput("착수", dt.date(2025, 3, 1), 60),
                MilestoneInput("완료", dt.date(2025, 9, 1), 60),
            ],
            (),
            r"지금 합계: 120",
        ),
    ],
    ids=["zero", "negative", "outside-year", "target-equals-baseline", "sum-60", "sum-1", "sum-120"],
)
def test_bad_programme_is_refused_and_nothing_written(milestones, kpis, message):
    before = counts()
    with pytest.raises(PerformanceError, match=message):
        build_programme(milestones=milestones, kpis=kpis)
    assert counts() == before


def test_kpi_mode_needs_a_kpi_and_duplicate_codes_are_refused():
    plan = build_plan()
    with pytest.raises(PerformanceError, match="성과지표가 하나 이상"):
        build_programme(plan, mode=Programme.ProgressMode.KPI)
    build_programme(plan)
    with pytest.raises(PerformanceError, match="이미 있습니다"):
        build_programme(plan)


def test_update_applies_milestones_and_kpis_in_one_entry():
    programme = build_programme(kpis=[kpi()])
    first = programme.milestones.order_by("due_date").first()
    measure = programme.kpis.get()
    update = progress_update_post(
        programme=programme,
        author=programme.owner,
        comment="착수 보고 완료",
        milestones_done=[first.pk],
        kpi_actuals={measure.pk: "87.8"},
        evidence=ContentFile(b"report", name="착수보고.pdf"),
        today=dt.date(2025, 3, 30),
    )
    first.refresh_from_db()
    measure.refresh_from_db()
    assert first.done_on == dt.date(2025, 3, 30)
    assert str(measure.actual) == "87.80"
    assert update.milestones_done == [first.pk]
    assert update.kpi_actuals == {str(measure.pk): "87.8"}
    assert update.evidence.name.endswith(".pdf")


def test_co_owner_and_planner_may_post_others_may_not():
    programme = build_programme()
    co_owner = StaffFactory()
    programme.co_owners.add(co_owner)
    progress_update_post(programme=programme, author=co_owner, comment="공동 담당자 의견")
    progress_update_post(programme=programme, author=planner(), comment="기획자 메모")
    stranger = StaffFactory()
    milestone = programme.milestones.first()
    with pytest.raises(PerformanceError, match="담당하는 과제만"):
        progress_update_post(programme=programme, author=stranger, milestones_done=[milestone.pk])
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert ProgressUpdate.objects.count() == 2


def test_update_after_close_is_refused():
    programme = build_programme()
    Plan.objects.filter(pk=programme.plan_id).update(is_closed=True)
    milestone = programme.milestones.first()
    with pytest.raises(PerformanceError, match="마감되어"):
        progress_update_post(programme=programme, author=programme.owner, milestones_done=[milestone.pk])
    milestone.refresh_from_db()
    assert milestone.done_on is None and not ProgressUpdate.objects.exists()


def test_foreign_milestone_and_double_done_are_refused():
    programme = build_programme()
    other = build_programme(programme.plan, code="P-02")
    with pytest.raises(PerformanceError, match="없는 추진 일정"):
        progress_update_post(
            programme=programme, author=programme.owner, milestones_done=[other.milestones.first().pk]
        )
    first = programme.milestones.first()
    progress_update_post(programme=programme, author=programme.owner, milestones_done=[first.pk])
    with pytest.raises(PerformanceError, match="이미 완료"):
        progress_update_post(programme=programme, author=programme.owner, milestones_done=[first.pk])


def test_updates_are_append_only():
    programme = build_programme()
    update = progress_update_post(programme=programme, author=programme.owner, comment="첫 보고")
    update.comment = "고친 보고"
    with pytest.raises(AppendOnlyError):
        update.save()
    with pytest.raises(AppendOnlyError):
        update.delete()
    assert ProgressUpdate.objects.get().comment == "첫 보고"


def test_override_needs_planner_and_reason_and_is_kept_in_history():
    programme = build_programme()
    with pytest.raises(PerformanceError, match="성과 기획자만"):
        status_override_set(programme=programme, by=programme.owner, status=Status.ON_TRACK, reason="x")
    boss = planner()
    with pytest.raises(PerformanceError, match="사유"):
        status_override_set(programme=programme, by=boss, status=Status.ON_TRACK, reason=" ")
    status_override_set(programme=programme, by=boss, status=Status.ON_TRACK, reason="예산 이월로 일정 조정")
    programme.refresh_from_db()
    assert (programme.status_override, programme.overridden_by) == (Status.ON_TRACK, boss)
    assert "예산 이월로 일정 조정" in ProgressUpdate.objects.get().comment


def test_programme_update_keeps_done_milestones():
    programme = build_programme()
    first = programme.milestones.order_by("due_date").first()
    progress_update_post(programme=programme, author=programme.owner, milestones_done=[first.pk])
    with pytest.raises(PerformanceError, match="지울 수 없습니다"):
        programme_update(programme=programme, milestones=[MilestoneInput("새 일정", dt.date(2025, 9, 1))])
    programme_update(
        programme=programme,
        changes={"title": "바뀐 과제명"},
        milestones=[MilestoneInput(first.title, first.due_date, 100, pk=first.pk)],
    )
    programme.refresh_from_db()
    assert programme.title == "바뀐 과제명" and programme.milestones.count() == 1


def test_proposal_decision_notifies_once_and_refuses_a_second_decision():
    proposer = StaffFactory()
    proposal = proposal_submit(proposer=proposer, title="회의실 예약 간소화", body="모바일로 예약")
    boss = planner()
    with pytest.raises(PerformanceError, match="사유"):
        proposal_decide(proposal=proposal, by=boss, accept=True, reason="")
    proposal_decide(proposal=proposal, by=boss, accept=True, reason="내년 과제로 추진")
    with pytest.raises(PerformanceError, match="이미 검토한"):
        proposal_decide(proposal=proposal, by=boss, accept=False, reason="다시")
    notes = Notification.objects.filter(recipient=proposer)
    assert notes.count() == 1 and "채택되었습니다" in notes.get().title
    proposal.refresh_from_db()
    assert proposal.status == Proposal.State.ACCEPTED


def test_proposal_merge():
    boss = planner()
    keep = proposal_submit(proposer=StaffFactory(), title="AI 챗봇 개선", body="정확도")
    dup = proposal_submit(proposer=StaffFactory(), title="챗봇 답변 개선", body="정확도")
    with pytest.raises(PerformanceError, match="자기 자신"):
        proposal_merge(proposal=keep, into=keep, by=boss)
    proposal_merge(proposal=dup, into=keep, by=boss)
    dup.refresh_from_db()
    assert (dup.status, dup.merged_into) == (Proposal.State.MERGED, keep)
    assert Notification.objects.filter(recipient=dup.proposer).count() == 1


def test_accepted_proposal_becomes_a_programme():
    proposal = proposal_submit(proposer=StaffFactory(), title="제안", body="내용")
    plan = build_plan(2026)

    def create(code):
        return programme_create(
            plan=plan,
            code=code,
            title="제안 과제",
            department=proposal.proposer.department,
            owner=proposal.proposer,
            origin=Programme.Origin.PROPOSAL,
            proposal=proposal,
            milestones=[MilestoneInput("착수", dt.date(2026, 2, 1))],
        )

    with pytest.raises(PerformanceError, match="채택된 제안만"):
        create("N-00")
    proposal_decide(proposal=proposal, by=planner(), accept=True, reason="좋음")
    programme = create("N-01")
    assert list(proposal.programmes.all()) == [programme]


def test_snapshot_freezes_and_refuses_second_and_edits():
    programme = build_programme(kpis=[kpi(actual=80)])
    first = programme.milestones.order_by("due_date").first()
    progress_update_post(
        programme=programme,
        author=programme.owner,
        milestones_done=[first.pk],
        comment="1분기 완료",
        today=dt.date(2025, 3, 20),
    )
    boss = planner()
    with pytest.raises(PerformanceError, match="성과 기획자만"):
        snapshot_take(plan=programme.plan, by=programme.owner, cut_off=dt.date(2025, 6, 30))
    snapshot = snapshot_take(plan=programme.plan, by=boss, cut_off=dt.date(2025, 7, 15))
    row = SnapshotRow.objects.get(snapshot=snapshot)
    assert float(row.percent) == 25.0
    assert row.status == Status.DELAYED
    assert [m["title"] for m in row.slipped_milestones] == ["중간 점검"]
    assert row.kpi_values[0]["actual"] == "80.00"
    assert row.owner_comment == "1분기 완료"
    with pytest.raises(PerformanceError, match="이미 있습니다"):
        snapshot_take(plan=programme.plan, by=boss, cut_off=dt.date(2025, 7, 15))
    row.percent = 99
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        snapshot.delete()
    with pytest.raises(AppendOnlyError):
        Snapshot.objects.get().save()
    assert float(SnapshotRow.objects.get().percent) == 25.0


def test_rollover_copies_confirmed_unfinished_programmes():
    plan = build_plan()
    unfinished = build_programme(plan, code="A")
    finished = build_programme(plan, code="B", milestones=[MilestoneInput("끝", dt.date(2025, 2, 1))])
    progress_update_post(
        programme=finished,
        author=finished.owner,
        milestones_done=[finished.milestones.get().pk],
        today=dt.date(2025, 2, 1),
    )
    assert [p.pk for p in rollover_candidates(plan=plan)] == [unfinished.pk]
    boss, nxt = planner(), build_plan(2026)
    with pytest.raises(PerformanceError, match="이월할 수 없습니다"):
        plan_rollover(source=plan, target=nxt, by=boss, confirmed=[finished.pk])
    first = unfinished.milestones.order_by("due_date").first()  # 25 % of 25 / 50 / 25
    progress_update_post(
        programme=unfinished, author=unfinished.owner, milestones_done=[first.pk], today=dt.date(2025, 3, 31)
    )
    (copy,) = plan_rollover(source=plan, target=nxt, by=boss, confirmed=[unfinished.pk])
    assert copy.previous_programme == unfinished and copy.plan == nxt
    assert {m.due_date.year for m in copy.milestones.all()} == {2026}
    # The unfinished 50 and 25 carry the new programme whole, in the same proportions.
    assert [m.weight for m in copy.milestones.order_by("due_date")] == [Decimal("66.67"), Decimal("33.33")]


def test_action_items_after_the_meeting():
    programme = build_programme()
    boss = planner()
    snapshot = snapshot_take(plan=programme.plan, by=boss, cut_off=dt.date(2025, 6, 30))
    row = snapshot.rows.get()
    with pytest.raises(PerformanceError, match="성과 기획자만"):
        action_item_add(
            row=row,
            by=programme.owner,
            title="일정 재조정",
            owner=programme.owner,
            due_date=dt.date(2025, 8, 1),
        )
    with pytest.raises(PerformanceError, match="기준일 이후"):
        action_item_add(
            row=row, by=boss, title="일정 재조정", owner=programme.owner, due_date=dt.date(2025, 6, 1)
        )
    item = action_item_add(
        row=row, by=boss, title="일정 재조정", owner=programme.owner, due_date=dt.date(2025, 8, 1)
    )
    with pytest.raises(PerformanceError, match="담당자나 성과 기획자만"):
        action_item_status_set(item=item, by=StaffFactory(), status="done")
    action_item_status_set(item=item, by=programme.owner, status="done")
    (compared,) = snapshot_compare(snapshot=snapshot, today=dt.date(2025, 7, 1))
    assert compared.row == row and [a.title for a in compared.row.action_items.all()] == ["일정 재조정"]


def test_database_refuses_what_services_refuse():
    programme = build_programme(kpis=[kpi()])
    measure = programme.kpis.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        KPI.objects.filter(pk=measure.pk).update(target=measure.baseline)
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(programme=programme).update(weight=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(status_override=Status.DONE)  # no reason


def test_model_forms_refuse_the_same_input():
    programme = build_programme(kpis=[kpi()])
    milestone = programme.milestones.first()
    milestone.due_date, milestone.weight = dt.date(2026, 1, 5), 0
    with pytest.raises(ValidationError) as caught:
        milestone.full_clean()
    assert set(caught.value.message_dict) == {"due_date", "weight"}
    measure = programme.kpis.get()
    measure.target = measure.baseline
    with pytest.raises(ValidationError, match="목표값이 기준값과 같습니다"):
        measure.full_clean()
    programme.status_override = Status.DONE
    with pytest.raises(ValidationError, match="사유"):
        programme.full_clean()


def test_garbage_ids_and_numbers_are_refused_in_korean():
    programme = build_programme(kpis=[kpi()])
    measure = programme.kpis.get()
    for changes, message in (
        ({"milestones_done": ["abc"]}, "없는 추진 일정"),
        ({"kpi_actuals": {"x": "1"}}, "없는 성과지표"),
        ({"kpi_actuals": {measure.pk: "많이"}}, "숫자가 아닙니다"),
        ({"kpi_actuals": {measure.pk: "NaN"}}, "숫자가 아닙니다"),
        ({"kpi_actuals": {measure.pk: "1e20"}}, "너무 큽니다"),
    ):
        with pytest.raises(PerformanceError, match=message):
            progress_update_post(programme=programme, author=programme.owner, **changes)
    assert not ProgressUpdate.objects.exists()
