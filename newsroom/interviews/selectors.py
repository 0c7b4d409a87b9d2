"""Reads of the leader interviews, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from intranet.directory.models import Staff
from intranet.roles import Role

from .models import InterviewPage, Question


def leaders() -> QuerySet[Staff]:
    """Active staff whose login account is in the leader group (superusers are not leaders)."""
    return (
        Staff.objects.filter(is_active=True, user__groups__name=Role.LEADER.value)
        .select_related("department")
        .distinct()
        .order_by("name", "employee_number")
    )


def episodes_published() -> QuerySet[InterviewPage]:
    return (
        InterviewPage.objects.live()
        .select_related("leader")
        .annotate(answered_count=Count("questions"))
        .order_by("-episode_number")
    )


def episode_questions(*, page: InterviewPage) -> list[Question]:
    """The answered questions of an episode with how many duplicates were merged into each."""
    return list(
        page.questions.select_related("asker")
        .annotate(merged_count=Count("duplicates"))
        .order_by("asked_on", "id")
    )


@dataclass
class Queue:
    pending: list[Question]
    selected: list[Question]
    answered: list[Question]  # answered, not yet in an episode
    recent: list[Question]  # merged or declined lately, for the record


def moderation_queue(*, staff: Staff, all_leaders: bool, recent: int = 20) -> Queue:
    """The questions a leader (own) or an editor (every leader's) works through."""
    questions = Question.objects.select_related("leader", "asker", "duplicate_of")
    if not all_leaders:
        questions = questions.filter(leader=staff)
    open_ = list(
        questions.filter(
            Q(status__in=[Question.Status.PENDING, Question.Status.SELECTED])
            | Q(status=Question.Status.ANSWERED, episode__isnull=True)
        ).order_by("asked_on", "id")
    )
    closed = list(
        questions.filter(status__in=[Question.Status.MERGED, Question.Status.DECLINED]).order_by(
            "-decided_on", "id"
        )[:recent]
    )
    by_status = {status: [q for q in open_ if q.status == status] for status in Question.Status.values}
    return Queue(
        pending=by_status[Question.Status.PENDING],
        selected=by_status[Question.Status.SELECTED],
        answered=by_status[Question.Status.ANSWERED],
        recent=closed,
    )
