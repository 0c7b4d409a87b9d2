"""The advice follow-up state machine: awaiting → implementing → implemented → closed, or
awaiting → declined → closed; the head of the responsible department answers; every wrong step
is refused in Korean and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advisory import services
from advisory.models import Advice, AdviceUpdate
from tests.advisory.builders import advice_given, approve, secretary
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
S = Advice.Stage


@pytest.fixture
def setup():
    sec = secretary()
    record, advice = advice_given(sec)
    approve(sec, record)
    return sec, advice.department.head, advice


def pdf():
    return SimpleUploadedFile("결과.pdf", b"%PDF-1.4")


def test_accepted_advice_goes_through_implementation_to_closed(setup):
    sec, head, advice = setup
    assert advice.stage == S.AWAITING and advice.domain.name == "성과관리"
    advice = services.advice_respond(by=head, advice=advice, response="accepted")
    assert advice.stage == S.IMPLEMENTING
    advice = services.advice_progress(by=head, advice=advice, progress=40, note="지표 초안")
    assert (advice.stage, advice.progress) == (S.IMPLEMENTING, 40)
    with pytest.raises(services.AdvisoryError) as lower:
        services.advice_progress(by=head, advice=advice, progress=30, note="후퇴")
    assert lower.value.message_dict["progress"] == ["이행률은 이전(40%)보다 낮출 수 없습니다."]
    with pytest.raises(services.AdvisoryError) as no_evidence:
        services.advice_progress(by=head, advice=advice, progress=100, note="완료")
    assert no_evidence.value.message_dict["evidence"] == ["이행 완료(100%)에는 근거 자료를 붙여 주세요."]
    advice = services.advice_progress(by=head, advice=advice, progress=100, note="완료", evidence=pdf())
    assert advice.stage == S.IMPLEMENTED
    advice = services.advice_close(by=sec, advice=advice)
    assert advice.stage == S.CLOSED and advice.closed_at is not None
    kinds = list(AdviceUpdate.objects.filter(advice=advice).values_list("kind", flat=True))
    assert kinds == ["response", "progress", "progress", "closed"]


def test_not_accepted_needs_a_reason_and_goes_to_declined(setup):
    sec, head, advice = setup
    with pytest.raises(services.AdvisoryError) as refused:
        services.advice_respond(by=head, advice=advice, response="not_accepted", reason=" ")
    assert refused.value.message_dict["reason"] == ["일부 수용이나 불수용이면 그 사유를 적어 주세요."]
    advice.refresh_from_db()
    assert advice.stage == S.AWAITING and not AdviceUpdate.objects.exists()
    advice = services.advice_respond(by=head, advice=advice, response="not_accepted", reason="이미 반영됨")
    assert advice.stage == S.DECLINED
    with pytest.raises(services.AdvisoryError, match="이행 중일 때만"):
        services.advice_progress(by=head, advice=advice, progress=10, note="?")
    assert services.advice_close(by=sec, advice=advice).stage == S.CLOSED


def test_wrong_steps_are_refused(setup):
    sec, head, advice = setup
    with pytest.raises(services.AdvisoryError, match="이행을 마쳤거나 불수용한 자문의견만 종결"):
        services.advice_close(by=sec, advice=advice)
    services.advice_respond(by=head, advice=advice, response="partly", reason="일부만")
    with pytest.raises(services.AdvisoryError, match="이미 회신한 자문의견입니다"):
        services.advice_respond(by=head, advice=advice, response="accepted")
    with pytest.raises(services.AdvisoryError, match="자문위원회 간사만"):
        services.advice_close(by=head, advice=advice)


def test_only_the_head_of_the_responsible_department_or_a_secretary_answers(setup):
    sec, _head, advice = setup
    colleague = StaffFactory(department=advice.department)
    with pytest.raises(services.AdvisoryError, match="부서장만 회신"):
        services.advice_respond(by=colleague, advice=advice, response="accepted")
    advice.refresh_from_db()
    assert advice.stage == S.AWAITING
    assert services.advice_respond(by=sec, advice=advice, response="accepted").responded_by == sec


def test_the_database_refuses_a_partial_response_without_reason(setup):
    from django.db import IntegrityError, transaction

    _sec, _head, advice = setup
    with pytest.raises(IntegrityError), transaction.atomic():
        Advice.objects.filter(pk=advice.pk).update(
            stage=S.IMPLEMENTING, response="partly", response_reason=""
        )
