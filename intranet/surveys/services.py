"""Writes of the survey engine: launch, drafts, submission, closing, reminders, follow-up, and the
surveys another module binds to its records (open one, add people to it as they join)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.home.services import notification_send
from intranet.korean import format_korean_date

from .counts import results_counts_changed
from .models import (
    SCALE_POINTS,
    Answer,
    AudienceMember,
    BankQuestion,
    HeldResponse,
    ImprovementTask,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyQuestion,
)


class SurveyError(ValidationError):
    """A refusal with a Korean message for the person (closed survey, not in audience …)."""


@transaction.atomic
def survey_launch(*, survey: Survey, now=None) -> int:
    """Open the survey and freeze its audience (department and grade as of now).

    Returns the audience size. Launching twice is refused; the audience never changes after.
    """
    given, survey = survey, Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(_("이미 배포한 설문입니다."))
    if not survey.questions.filter(is_archived=False).exists():
        raise SurveyError(_("문항이 없는 설문은 배포할 수 없습니다."))
    if survey.audience_external:
        return _external_launch(given, survey, now)
    people = Staff.objects.filter(is_active=True)
    if not survey.audience_all:
        people = people.filter(department__in=survey.audience_departments.all())
    members = [
        AudienceMember(survey=survey, staff_id=pk, department_id=dept, grade=grade)
        for pk, dept, grade in people.values_list("pk", "department_id", "grade")
    ]
    if not members:
        raise SurveyError(_("설문 대상자가 없습니다. 대상 부서를 확인해 주세요."))
    AudienceMember.objects.bulk_create(members, batch_size=1000)
    results_counts_changed(survey.pk)
    survey.status = Survey.Status.OPEN
    survey.launched_at = now or timezone.now()
    survey.save(update_fields=["status", "launched_at"])
    given.status, given.launched_at = survey.status, survey.launched_at  # the caller sees it open
    return len(members)


def _external_launch(given: Survey, survey: Survey, now) -> int:
    """An external survey's audience is its uploaded list (``respondents``): nothing to freeze."""
    count = survey.external_respondents.count()
    if not count:
        raise SurveyError(_("응답자 명단이 없습니다. 명단을 먼저 올려 주세요."))
    survey.status = Survey.Status.OPEN
    survey.launched_at = now or timezone.now()
    survey.save(update_fields=["status", "launched_at"])
    given.status, given.launched_at = survey.status, survey.launched_at
    return count


@transaction.atomic
def survey_bound_open(
    *,
    context_key: str,
    title: str,
    year: int,
    mode: str,
    bank_codes: Iterable[str],
    section_title: str,
    closes_at: datetime.datetime,
    description: str = "",
    now: datetime.datetime | None = None,
) -> Survey:
    """Create and open a survey bound to another module's record, with no audience yet: people
    are added as they join (``survey_audience_add``). The caller makes sure there is one survey
    per key (it holds a lock on its own record); the questions are the bank's, in the given order.
    """
    now = now or timezone.now()
    if not context_key:
        raise SurveyError(_("연결 대상이 없는 설문은 이렇게 열 수 없습니다."))
    codes = list(bank_codes)
    bank = {b.code: b for b in BankQuestion.objects.filter(code__in=codes, is_archived=False)}
    missing = [code for code in codes if code not in bank]
    if missing:
        raise SurveyError(_("문항 은행에 없는 문항입니다: %(codes)s") % {"codes": ", ".join(missing)})
    survey = Survey.objects.create(
        title=title[:200],
        year=year,
        description=description,
        mode=mode,
        status=Survey.Status.OPEN,
        opens_at=min(now, timezone.now()),  # open from its creation, whatever time the caller says
        closes_at=max(closes_at, now + datetime.timedelta(days=1)),
        audience_all=False,
        context_key=context_key,
        launched_at=now,
    )
    section = Section.objects.create(survey=survey, title=section_title[:200], order=1)
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            section=section,
            bank_question=bank[code],
            order=order,
            required=bank[code].kind != QuestionKind.TEXT,
        )
        for order, code in enumerate(codes)
    )
    return survey


@transaction.atomic
def survey_audience_add(
    *,
    survey: Survey,
    members: Iterable[tuple[Staff, str]],
    closes_at_least: datetime.datetime | None = None,
) -> int:
    """Add people to an open bound survey, each with their context group (``(staff, key)``).

    Department and grade are frozen now, as at a launch; people already in the audience are
    skipped and existing rows are never touched (a person keeps the group they first joined
    with). ``closes_at_least`` moves the close later, never earlier. Returns how many were added.
    Nothing here happens at submission: a submission still inserts nothing on the identity side.
    """
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if not locked.context_key:
        raise SurveyError(_("다른 모듈에 연결된 설문에만 대상자를 더할 수 있습니다."))
    if locked.status != Survey.Status.OPEN:
        raise SurveyError(_("진행 중인 설문에만 대상자를 더할 수 있습니다."))
    if closes_at_least is not None and closes_at_least > locked.closes_at:
        Survey.objects.filter(pk=locked.pk).update(closes_at=closes_at_least)
        survey.closes_at = closes_at_least
    wanted: dict[int, str] = {}
    for staff, key in members:
        wanted.setdefault(staff.pk, key)
    present = set(
        AudienceMember.objects.filter(survey=locked, staff_id__in=wanted).values_list("staff_id", flat=True)
    )
    new = [
        AudienceMember(
            survey=locked, staff_id=pk, department_id=department_id, grade=grade, context_key=wanted[pk][:100]
        )
        for pk, department_id, grade in Staff.objects.filter(pk__in=set(wanted) - present)
        .order_by("pk")
        .values_list("pk", "department_id", "grade")
    ]
    AudienceMember.objects.bulk_create(new, batch_size=1000)
    results_counts_changed(survey.pk)
    return len(new)


@transaction.atomic
def survey_close(*, survey: Survey, today=None) -> bool:
    """Close the survey and, if anonymous, release its holding area and seal its answer side in
    the same transaction: the held submissions are decrypted and written as responses
    (``holding.held_release``), an external survey's systems and organisations under the
    threshold are merged (and its links erased from the outbox), and the seal
    (``anonymity.survey_answers_seal``: generalised groups, the closing date, new keys and order)
    runs, so that no result is ever computed from answers that are not sealed yet.

    Safe to run twice at once (the admin's button and the beat task): the survey row is locked
    and only an open survey is closed; returns whether this call closed it. A holding area that
    no configured key opens refuses the close with a Korean message and leaves the survey open."""
    locked = Survey.objects.select_for_update().filter(pk=survey.pk, status=Survey.Status.OPEN).first()
    if locked is None:
        return False
    from .anonymity import survey_answers_seal
    from .holding import HeldResponseUnreadable, held_release, unreadable_message

    day = today or timezone.localdate()
    try:
        # whatever the mode is now: an admin may have changed it while the survey was open
        held_release(survey=locked, day=day)
    except HeldResponseUnreadable:
        raise SurveyError(unreadable_message()) from None
    Survey.objects.filter(pk=locked.pk).update(status=Survey.Status.CLOSED)
    locked.status = survey.status = Survey.Status.CLOSED
    if locked.audience_external:
        from .respondents import respondent_groups_generalise

        respondent_groups_generalise(survey=locked)
    survey_answers_seal(survey=locked, today=day)
    results_counts_changed(survey.pk)  # the release and the seal rewrote the responses
    from .tasks import survey_results_compute

    transaction.on_commit(lambda: survey_results_compute.delay(survey.pk))
    return True


def surveys_past_close_close(*, now=None) -> int:
    """Close (and so release and seal) every open survey whose ``closes_at`` has passed: the beat
    task's work. Each survey in its own transaction, so one that cannot be closed (an unreadable
    holding area) does not hold back the others; it stays open and is tried again next time.
    Returns how many this call closed."""
    import logging

    now = now or timezone.now()
    closed = 0
    for pk in Survey.objects.filter(status=Survey.Status.OPEN, closes_at__lte=now).values_list(
        "pk", flat=True
    ):
        try:
            closed += survey_close(survey=Survey.objects.get(pk=pk), today=timezone.localdate(now))
        except SurveyError:
            logging.getLogger(__name__).error("Survey %s past its close could not be closed.", pk)
    return closed


def _member_for_update(*, survey: Survey, staff: Staff) -> AudienceMember:
    try:
        return AudienceMember.objects.select_for_update().get(survey=survey, staff=staff)
    except AudienceMember.DoesNotExist:
        raise SurveyError(_("이 설문의 대상자가 아닙니다.")) from None


def _member_of(*, survey: Survey, staff: Staff, member: AudienceMember | None) -> AudienceMember:
    """The person's audience row: the caller's when it read it already (the answer page reads it
    with its survey), else read here, locked. Either way the write goes through ``_member_claim``,
    which refuses a row that was submitted after it was read."""
    if member is not None and member.survey_id == survey.pk and member.staff_id == staff.pk:
        return member
    return _member_for_update(survey=survey, staff=staff)


def _member_claim(member: AudienceMember, *, refusal: str, **changes) -> None:
    """Write ``changes`` to the audience row only while it is not submitted, else raise
    ``refusal`` (nothing of the transaction is kept). The UPDATE takes the row's lock, so two
    submissions of one person at once (a double click, two tabs, a replay) run one after the
    other and the second finds the row submitted: each person is accepted exactly once, even
    when the row was read before the first one committed."""
    if not AudienceMember.objects.filter(pk=member.pk, has_submitted=False).update(**changes):
        raise SurveyError(refusal)
    for name, value in changes.items():
        setattr(member, name, value)


def _member_claim_held(member: AudienceMember, *, refusal: str, survey: Survey, sealed: bytes) -> None:
    """An anonymous submission's claim (``_member_claim``: submitted, draft erased) and its held
    row (``holding``) together. On PostgreSQL one statement — the UPDATE in a CTE, the INSERT
    selecting from what it updated — so a refused claim inserts nothing, with the same row lock
    and the same exactness, and each submission makes one round trip and one compiled query
    fewer; elsewhere the two statements, in the caller's transaction."""
    if connection.vendor != "postgresql":
        _member_claim(member, refusal=refusal, has_submitted=True, draft={})
        HeldResponse.objects.create(survey=survey, sealed=sealed)
        return
    q = connection.ops.quote_name
    audience, held = AudienceMember._meta, HeldResponse._meta
    submitted, draft = (q(audience.get_field(name).column) for name in ("has_submitted", "draft"))
    held_columns = ", ".join(q(held.get_field(name).column) for name in ("id", "survey", "sealed"))
    sql = (
        f"WITH claimed AS (UPDATE {q(audience.db_table)} SET {submitted} = TRUE, {draft} = %s::jsonb "
        f"WHERE {q(audience.pk.column)} = %s AND NOT {submitted} RETURNING 1) "
        f"INSERT INTO {q(held.db_table)} ({held_columns}) SELECT %s, %s, %s FROM claimed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["{}", member.pk, held.pk.get_default(), survey.pk, sealed])
        if cursor.rowcount != 1:
            raise SurveyError(refusal)
    member.has_submitted, member.draft = True, {}


def _check_open(survey: Survey) -> None:
    if not survey.is_accepting_answers():
        raise SurveyError(_("응답 기간이 아닌 설문입니다. 마감되었거나 아직 시작하지 않았습니다."))


@dataclass
class CleanAnswer:
    question: SurveyQuestion
    value: int | None = None
    choices: list[int] | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.choices and not self.text.strip()


def answers_clean(
    *,
    survey: Survey,
    raw: dict[str, object],
    require_all: bool,
    questions: list[SurveyQuestion] | None = None,
) -> list[CleanAnswer]:
    """Turn submitted values (keyed ``q<id>``) into answers; raise SurveyError listing problems.

    ``require_all`` is False for a draft: empty required questions are allowed, bad values not.
    ``questions`` are the survey's live questions with their bank questions when the caller has
    them already (the answer page reads them to parse the form); else they are read here.
    """
    if questions is None:
        questions = survey.questions.filter(is_archived=False).select_related("bank_question")
    errors: dict[str, str] = {}
    cleaned: list[CleanAnswer] = []
    for question in questions:
        key = f"q{question.pk}"
        bank = question.bank_question
        item = CleanAnswer(question=question)
        value = raw.get(key)
        try:
            if bank.kind in SCALE_POINTS:
                if value not in (None, ""):
                    number = int(value)
                    low = 0 if bank.kind == QuestionKind.ENPS else 1
                    high = 10 if bank.kind == QuestionKind.ENPS else SCALE_POINTS[bank.kind]
                    if not low <= number <= high:
                        raise ValueError
                    item.value = number
            elif bank.kind == QuestionKind.SINGLE:
                if value not in (None, ""):
                    number = int(value)
                    if not 0 <= number < len(bank.choices):
                        raise ValueError
                    item.value = number
            elif bank.kind == QuestionKind.MULTIPLE:
                values = value if isinstance(value, list) else ([value] if value not in (None, "") else [])
                numbers = sorted({int(v) for v in values})
                if any(not 0 <= n < len(bank.choices) for n in numbers):
                    raise ValueError
                item.choices = numbers
            else:
                item.text = str(value or "")[:4000]
        except (TypeError, ValueError):
            errors[key] = _("선택할 수 없는 값입니다.")
            continue
        if require_all and question.required and item.is_empty:
            errors[key] = _("필수 문항입니다. 답을 골라 주세요.")
            continue
        cleaned.append(item)
    if errors:
        raise SurveyError(errors)
    return cleaned


@transaction.atomic
def survey_draft_save(
    *,
    survey: Survey,
    staff: Staff,
    raw: dict[str, object],
    questions: list[SurveyQuestion] | None = None,
    member: AudienceMember | None = None,
) -> None:
    """Keep unsent answers on the identity side so the person can finish later. ``member``: the
    person's audience row when the caller has read it (see ``_member_of``)."""
    _check_open(survey)
    member = _member_of(survey=survey, staff=staff, member=member)
    refusal = _("이미 응답을 제출했습니다. 제출한 응답은 바꿀 수 없습니다.")
    if member.has_submitted:
        raise SurveyError(refusal)
    answers_clean(survey=survey, raw=raw, require_all=False, questions=questions)
    _member_claim(member, refusal=refusal, draft={k: v for k, v in raw.items() if k.startswith("q")})


@transaction.atomic
def survey_submit(
    *,
    survey: Survey,
    staff: Staff,
    raw: dict[str, object],
    context_key: str = "",
    questions: list[SurveyQuestion] | None = None,
    member: AudienceMember | None = None,
) -> Response | None:
    """Record one submission. A second one (double click, two tabs, replay) is refused and the
    first stays as it was. In anonymous mode the submission goes, encrypted, into the holding
    area until the close (``holding``; nothing is returned) and nothing readable points at the
    person; in identified mode the response is written in clear and returned.

    The response carries the audience row's context group in both modes (a group attribute like
    the department); ``context_key`` given by an identified-mode caller is used when the row has
    none. ``questions``: the live questions as the answer page read them (see ``answers_clean``);
    ``member``: the person's audience row as the answer page read it (see ``_member_of``)."""
    _check_open(survey)
    member = _member_of(survey=survey, staff=staff, member=member)
    refusal = _("이미 응답을 제출했습니다. 한 사람은 한 번만 응답할 수 있습니다.")
    if member.has_submitted:
        raise SurveyError(refusal)
    cleaned = answers_clean(survey=survey, raw=raw, require_all=True, questions=questions)
    if survey.mode != Survey.Mode.IDENTIFIED:
        # Anonymous: into the holding area, encrypted, until the close (``holding``), in the
        # statement that claims the audience row.
        from .holding import held_sealed

        attributes = {
            "department": member.department_id,
            "grade": member.grade,
            "context": member.context_key,
        }
        answered = [item for item in cleaned if not item.is_empty]
        sealed = held_sealed(survey=survey, attributes=attributes, answers=answered)
        _member_claim_held(member, refusal=refusal, survey=survey, sealed=sealed)
        return None
    # First, so a second submission of the person waits here and is refused before it writes.
    _member_claim(member, refusal=refusal, has_submitted=True, draft={})
    response = Response.objects.create(
        survey=survey,
        submitted_on=timezone.localdate(),
        department_id=member.department_id,
        grade=member.grade,
        respondent=staff,
        context_key=member.context_key or context_key,
    )
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question=item.question,
                value=item.value,
                choices=item.choices or [],
                text=item.text,
            )
            for item in cleaned
            if not item.is_empty
        ]
    )
    from .results import results_refresh_queue

    results_refresh_queue(survey_id=survey.pk)
    return response


def survey_reminders_send(*, survey: Survey, round_number: int) -> int:
    """Remind everyone in the audience who has not submitted; each round once per person."""
    if survey.status != Survey.Status.OPEN:
        return 0
    pending = AudienceMember.objects.filter(
        survey=survey, has_submitted=False, reminders_sent__lt=round_number
    ).select_related("staff")
    sent = 0
    for member in pending:
        notification_send(
            recipient=member.staff,
            key=f"survey:{survey.pk}:reminder:{round_number}",
            title=_("%(title)s 응답을 기다립니다") % {"title": survey.title},
            body=_("마감: %(date)s") % {"date": format_korean_date(survey.closes_at)},
            url=survey.get_absolute_url(),
        )
        AudienceMember.objects.filter(pk=member.pk).update(reminders_sent=round_number)
        sent += 1
    return sent


@transaction.atomic
def question_remove(*, question: SurveyQuestion) -> str:
    """Delete a question without answers; archive one that has answers. Returns what happened."""
    from .holding import held_question_ids

    # A held (encrypted) answer of an open anonymous survey counts as an answer too.
    if question.answers.exists() or question.pk in held_question_ids(survey=question.survey):
        question.is_archived = True
        question.save(update_fields=["is_archived"])
        return "archived"
    question.delete()
    return "deleted"


@transaction.atomic
def improvement_task_save(*, survey: Survey, form) -> ImprovementTask:
    """Save a validated task form under its survey (a published task stays published)."""
    task = form.save(commit=False)
    task.survey = survey
    task.save()
    return task


@transaction.atomic
def improvement_task_publish(*, task: ImprovementTask) -> ImprovementTask:
    if task.status != ImprovementTask.Status.DONE:
        raise SurveyError(_("완료된 개선 과제만 공개할 수 있습니다."))
    if task.published_at is None:
        task.published_at = timezone.now()
        task.save(update_fields=["published_at"])
    return task
