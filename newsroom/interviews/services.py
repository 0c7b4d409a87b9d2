"""Writes of the leader interviews: asking, moderating, answering, publishing an episode.

Every refusal is an ``InterviewError`` with a Korean message, raised before anything is
written; each service is one transaction and locks the rows it decides on, so that two
moderators (or a double click) cannot decide the same question twice.
"""

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.home.services import notification_send
from intranet.roles import Role, has_role

from .models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH, InterviewPage, Question


class InterviewError(ValidationError):
    """A refusal with a Korean message for the person (already decided, not your question …)."""


def is_leader(staff: Staff | None) -> bool:
    return bool(staff and staff.user_id and staff.is_active and has_role(staff.user, Role.LEADER))


def is_editor(staff: Staff | None) -> bool:
    return bool(staff and staff.user_id and has_role(staff.user, Role.EDITOR))


def can_moderate(*, staff: Staff | None, question: Question) -> bool:
    """The leader the question was sent to, or a newsroom editor."""
    return bool(staff) and (question.leader_id == staff.pk or is_editor(staff))


def question_ask(
    *, asker: Staff, leader: Staff, text: str, anonymous: bool, submission_key: uuid.UUID
) -> tuple[Question, bool]:
    """Send a question; returns (question, created). The same form sent twice makes one question.

    An anonymous question keeps no asker and only today's date; ``asker`` is used solely to
    refuse someone asking themselves and is not stored.
    """
    text = (text or "").strip()
    if not text:
        raise InterviewError(_("질문 내용을 적어 주세요."))
    if len(text) > QUESTION_MAX_LENGTH:
        raise InterviewError(
            _("질문은 %(limit)s자 이내로 적어 주세요. (지금 %(length)s자)")
            % {"limit": QUESTION_MAX_LENGTH, "length": len(text)}
        )
    if not is_leader(leader):
        raise InterviewError(_("질문은 리더에게만 보낼 수 있습니다. 목록에서 리더를 골라 주세요."))
    if leader.pk == asker.pk:
        raise InterviewError(_("자기 자신에게는 질문을 보낼 수 없습니다."))
    try:
        with transaction.atomic():
            question = Question.objects.create(
                leader=leader,
                text=text,
                is_anonymous=anonymous,
                asker=None if anonymous else asker,
                asked_on=timezone.localdate(),
                submission_key=submission_key,
            )
    except IntegrityError:
        existing = Question.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    return question, True


def _locked(question_id) -> Question:
    try:
        return Question.objects.select_for_update().get(pk=question_id)
    except (Question.DoesNotExist, ValidationError, ValueError):
        raise InterviewError(_("그런 질문이 없습니다.")) from None


def _pending_for(by: Staff, question: Question) -> None:
    if not can_moderate(staff=by, question=question):
        raise InterviewError(_("이 질문은 받은 리더나 뉴스룸 편집자만 검토할 수 있습니다."))
    if question.status != Question.Status.PENDING:
        raise InterviewError(
            _("이미 처리된 질문입니다. (현재 상태: %(status)s)") % {"status": question.get_status_display()}
        )


@transaction.atomic
def question_select(*, question_id, by: Staff) -> Question:
    question = _locked(question_id)
    _pending_for(by, question)
    question.status = Question.Status.SELECTED
    question.decided_by, question.decided_on = by, timezone.localdate()
    question.save(update_fields=["status", "decided_by", "decided_on"])
    return question


@transaction.atomic
def question_decline(*, question_id, by: Staff, reason: str) -> Question:
    reason = (reason or "").strip()
    if not reason:
        raise InterviewError(_("반려 사유를 적어 주세요."))
    if len(reason) > 300:
        raise InterviewError(_("반려 사유는 300자 이내로 적어 주세요."))
    question = _locked(question_id)
    _pending_for(by, question)
    question.status = Question.Status.DECLINED
    question.decline_reason = reason
    question.decided_by, question.decided_on = by, timezone.localdate()
    question.save(update_fields=["status", "decline_reason", "decided_by", "decided_on"])
    return question


@transaction.atomic
def question_merge(*, question_id, into_id, by: Staff) -> Question:
    """Mark a pending question as a duplicate of another question to the same leader, which is
    kept (pending, selected or answered); the duplicate points at it from then on."""
    if str(question_id) == str(into_id):
        raise InterviewError(_("질문을 자기 자신에게 병합할 수는 없습니다."))
    # Lock both in a fixed order so that two merges in opposite directions cannot deadlock.
    first, second = sorted([str(question_id), str(into_id)])
    locked = {str(q.pk): q for q in (_locked(first), _locked(second))}
    question, kept = locked[str(question_id)], locked[str(into_id)]
    _pending_for(by, question)
    if kept.leader_id != question.leader_id:
        raise InterviewError(_("같은 리더에게 온 질문끼리만 병합할 수 있습니다."))
    if kept.status in (Question.Status.MERGED, Question.Status.DECLINED):
        raise InterviewError(
            _("병합되거나 반려된 질문에는 병합할 수 없습니다. 남길 질문을 다시 골라 주세요.")
        )
    question.status = Question.Status.MERGED
    question.duplicate_of = kept
    question.decided_by, question.decided_on = by, timezone.localdate()
    question.save(update_fields=["status", "duplicate_of", "decided_by", "decided_on"])
    return question


@transaction.atomic
def question_answer(*, question_id, by: Staff, answer: str) -> Question:
    """The leader the question was sent to answers a selected question (or rewrites the answer
    until the episode carrying it is published)."""
    answer = (answer or "").strip()
    question = _locked(question_id)
    if question.leader_id != by.pk or not is_leader(by):
        raise InterviewError(_("질문을 받은 리더만 답변할 수 있습니다."))
    if question.episode_id is not None:
        raise InterviewError(_("이미 회차에 실린 답변은 고칠 수 없습니다."))
    if question.status not in (Question.Status.SELECTED, Question.Status.ANSWERED):
        raise InterviewError(_("선정된 질문에만 답변할 수 있습니다. 먼저 검토 목록에서 선정해 주세요."))
    if not answer:
        raise InterviewError(_("답변 내용을 적어 주세요."))
    if len(answer) > ANSWER_MAX_LENGTH:
        raise InterviewError(
            _("답변은 %(limit)s자 이내로 적어 주세요. (지금 %(length)s자)")
            % {"limit": ANSWER_MAX_LENGTH, "length": len(answer)}
        )
    question.answer = answer
    question.status = Question.Status.ANSWERED
    question.answered_on = timezone.localdate()
    question.save(update_fields=["answer", "status", "answered_on"])
    return question


def episode_parent():
    """Where episodes live: the newsroom home page (``newsroom.NewsroomIndexPage``).

    Before that model is merged in, the site's root page stands in, so that the series works on
    its own; once the model exists, no newsroom home page means no episode can be published.
    """
    from django.apps import apps
    from wagtail.models import Site

    try:
        index_model = apps.get_model("newsroom", "NewsroomIndexPage")
    except LookupError:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        return site.root_page if site else None
    return index_model.objects.live().first()


def episode_publish(
    *, by: Staff, title: str, question_ids: Sequence, intro: str = "", parent=None
) -> InterviewPage:
    """Create and publish the next episode with the chosen answered questions.

    The questions must all be answered, not yet in an episode and sent to one leader; the
    publishing person is that leader or an editor. Publishing tells the askers of named
    questions once (``signals.episode_published``).
    """
    title = (title or "").strip()
    if not title:
        raise InterviewError(_("회차 제목을 적어 주세요."))
    if not question_ids:
        raise InterviewError(_("회차에 실을 답변을 하나 이상 골라 주세요."))
    parent = parent or episode_parent()
    if parent is None:
        raise InterviewError(
            _("소식 첫 페이지가 아직 없어 회차를 발행할 수 없습니다. 편집자에게 알려 주세요.")
        )
    with transaction.atomic():
        try:
            questions = list(
                Question.objects.select_for_update().filter(pk__in=[str(q) for q in question_ids])
            )
        except ValidationError:
            raise InterviewError(_("그런 질문이 없습니다.")) from None
        if len(questions) != len(set(map(str, question_ids))):
            raise InterviewError(_("고른 질문 가운데 없는 질문이 있습니다."))
        if any(q.status != Question.Status.ANSWERED or q.episode_id for q in questions):
            raise InterviewError(
                _(
                    "답변을 마쳤고 아직 회차에 실리지 않은 질문만 고를 수 있습니다. "
                    "이미 발행되었을 수 있습니다."
                )
            )
        leaders = {q.leader_id for q in questions}
        if len(leaders) != 1:
            raise InterviewError(_("한 회차에는 한 리더의 답변만 실을 수 있습니다."))
        leader = Staff.objects.get(pk=leaders.pop())
        if by.pk != leader.pk and not is_editor(by):
            raise InterviewError(_("회차는 답변한 리더나 뉴스룸 편집자만 발행할 수 있습니다."))
        number = (InterviewPage.objects.aggregate(m=Max("episode_number"))["m"] or 0) + 1
        page = InterviewPage(
            title=title,
            slug=slugify(f"dm-{number}"),
            episode_number=number,
            leader=leader,
            intro=intro,
            owner=by.user,
        )
        parent.add_child(instance=page)
        Question.objects.filter(pk__in=[q.pk for q in questions]).update(episode=page)
        # The service checked who may publish (the leader or an editor), not Wagtail page permissions.
        page.save_revision(user=by.user).publish(user=by.user, skip_permission_checks=True)
    return page


def episode_attach_and_notify(*, page: InterviewPage) -> int:
    """On publication: an episode made in the admin takes the leader's answered questions not
    yet in an episode; then each asker of a named question in it (or merged into one) is told
    once. Returns the number of people told."""
    with transaction.atomic():
        if not page.questions.exists():
            Question.objects.filter(
                leader_id=page.leader_id, status=Question.Status.ANSWERED, episode__isnull=True
            ).update(episode=page)
        asker_ids = set(
            Question.objects.filter(is_anonymous=False, episode=page).values_list("asker_id", flat=True)
        ) | set(
            Question.objects.filter(is_anonymous=False, duplicate_of__episode=page).values_list(
                "asker_id", flat=True
            )
        )
        askers = Staff.objects.filter(is_active=True, pk__in=asker_ids).order_by("pk")
        url = page.get_url() or ""
        told = 0
        for asker in askers:
            notification_send(
                recipient=asker,
                key=f"newsroom-interview-episode:{page.pk}",
                title=_("보내신 질문의 답변이 「국장님, DM 왔습니다」 %(number)s회에 실렸습니다.")
                % {"number": page.episode_number},
                body=page.title,
                url=url,
            )
            told += 1
    return told
