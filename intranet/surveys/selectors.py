"""Reads of the survey pages. Each function states its query budget; none grows with the data."""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.caching import Generational
from intranet.directory.cache import directory_generation
from intranet.directory.models import Staff
from intranet.directory.selectors import staff_for_user
from intranet.registry import survey_context_for
from intranet.roles import Role, has_role

from .models import AudienceMember, ImprovementTask, Section, Survey, SurveyQuestion

YOU_SAID_WE_DID_LIMIT = 10


class MyStatus:
    ANSWERED = "answered"
    DRAFT = "draft"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class MySurvey:
    survey: Survey
    status: str  # a MyStatus value

    @property
    def is_open(self) -> bool:
        return self.survey.is_accepting_answers()


def can_see_results(user, survey: Survey | None = None) -> bool:
    """Survey admins and leaders see every survey's results; for a survey bound to another
    module's record, whoever that module's registered predicate admits too (learning admins
    for course feedback). No query beyond the user's roles."""
    if has_role(user, Role.SURVEY_ADMIN) or has_role(user, Role.LEADER):
        return True
    if survey is None or not survey.context_key:
        return False
    context = survey_context_for(survey.context_key)
    return bool(context and context.can_see_results(user))


def results_released(survey: Survey) -> bool:
    """Whether a survey's results may be shown: an anonymous survey's only from its close (its
    answers wait encrypted in the holding area until then, and one publication at the close
    leaves nothing to subtract between two views a few answers apart); an identified survey's
    (course feedback in identified mode) as answers arrive. No query."""
    return not survey.is_anonymous or survey.status == Survey.Status.CLOSED


@dataclass(frozen=True)
class ParticipationRow:
    label: str
    audience: int
    answered: int | None  # None: a group under the threshold, shown only in "작은 집단"

    @property
    def rate(self) -> float | None:
        return (
            None
            if self.answered is None or not self.audience
            else round(100 * self.answered / self.audience, 1)
        )


def participation_while_open(*, survey: Survey) -> dict:
    """How many of how many have answered an open anonymous survey, overall and by department
    (by 정보체계 for an external list): identity-side participation, never answer content. A
    group asked of fewer than ``min_group_size`` people is not shown alone; such groups are
    summed into one "작은 집단" row, itself shown only when it reaches the threshold. One query."""
    from django.db.models import Count
    from django.db.models import Q as Where

    from intranet.directory.models import Department

    from .models import ExternalRespondent

    if survey.audience_external:
        rows = ExternalRespondent.objects.filter(survey=survey).values_list("system")
    else:
        rows = AudienceMember.objects.filter(survey=survey).values_list("department_id")
    counts = rows.order_by().annotate(
        total=Count("pk"), answered=Count("pk", filter=Where(has_submitted=True))
    )
    k = survey.min_group_size
    groups = [(group, total, answered) for group, total, answered in counts]
    audience = sum(total for _group, total, _answered in groups)
    answered = sum(n for _group, _total, n in groups)
    names = {}
    if not survey.audience_external:
        ids = [group for group, total, _n in groups if group and total >= k]
        names = dict(Department.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    shown, small_total, small_answered = [], 0, 0
    for group, total, n in groups:
        if total >= k and group:
            label = group if survey.audience_external else names.get(group, str(group))
            shown.append(ParticipationRow(label=label, audience=total, answered=n))
        else:
            small_total, small_answered = small_total + total, small_answered + n
    shown.sort(key=lambda row: row.label)
    if small_total:
        shown.append(
            ParticipationRow(
                label=_("작은 집단 (합계)"),
                audience=small_total,
                answered=small_answered if small_total >= k else None,
            )
        )
    return {
        "audience": audience,
        "answered": answered,
        "rate": round(100 * answered / audience, 1) if audience else None,
        "rows": shown,
        "by_system": survey.audience_external,
    }


def can_manage_tasks(user) -> bool:
    return has_role(user, Role.SURVEY_ADMIN)


def _status(member: AudienceMember) -> str:
    if member.has_submitted:
        return MyStatus.ANSWERED
    return MyStatus.DRAFT if member.draft else MyStatus.NOT_STARTED


def open_now_q(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(
        **{
            f"{prefix}status": Survey.Status.OPEN,
            f"{prefix}opens_at__lte": now,
            f"{prefix}closes_at__gt": now,
        }
    )


def my_surveys(*, staff: Staff | None) -> tuple[list[MySurvey], list[MySurvey]]:
    """The surveys whose audience holds ``staff``: (open now, others). One query."""
    if staff is None:
        return [], []
    members = (
        AudienceMember.objects.filter(staff=staff)
        .exclude(survey__status=Survey.Status.DRAFT)
        .select_related("survey")
        .order_by("survey__closes_at", "survey__pk")
    )
    open_now, others = [], []
    for member in members:
        item = MySurvey(survey=member.survey, status=_status(member))
        (open_now if item.is_open else others).append(item)
    others.reverse()  # the most recent first
    return open_now, others


def pending_surveys(*, staff: Staff | None) -> list[Survey]:
    """Open surveys ``staff`` has not answered yet (the dashboard panel). One query."""
    if staff is None:
        return []
    members = (
        AudienceMember.objects.filter(open_now_q("survey__"), staff=staff, has_submitted=False)
        .select_related("survey")
        .order_by("survey__closes_at")
    )
    return [m.survey for m in members]


def surveys_with_results() -> list[Survey]:
    """Launched surveys, for the results links of survey admins and leaders. One query."""
    return list(Survey.objects.exclude(status=Survey.Status.DRAFT).order_by("-year", "-opens_at"))


def you_said_we_did() -> list[ImprovementTask]:
    """The latest published improvement tasks, for every member of staff. One query."""
    return list(
        ImprovementTask.objects.filter(published_at__isnull=False)
        .select_related("survey", "area", "department")
        .order_by("-published_at")[:YOU_SAID_WE_DID_LIMIT]
    )


def membership(*, survey: Survey, staff: Staff | None) -> AudienceMember | None:
    """The person's audience row (with the draft), or None when not asked. One query."""
    if staff is None:
        return None
    return AudienceMember.objects.filter(survey=survey, staff=staff).first()


def membership_for_user(*, survey_id: int, user) -> AudienceMember | None:
    """The signed-in user's audience row of a launched survey, with the survey, or None when not
    asked or not launched. One query: the person comes with the log-in (``directory/auth.py``)
    and the survey with the row, so the answer page — read on every submission — needs no other
    (and not the survey it compares with, which answering never shows)."""
    staff = staff_for_user(user)
    if staff is None:
        return None
    member = (
        AudienceMember.objects.select_related("survey")
        .filter(survey_id=survey_id, staff=staff)
        .exclude(survey__status=Survey.Status.DRAFT)
        .first()
    )
    if member is not None:
        member.staff = staff
    return member


@dataclass
class SectionBlock:
    section: Section
    questions: list[SurveyQuestion]


# The answer page parses every submission with the survey's questions; they change only when an
# admin edits the survey or the bank, so each process keeps them (see ``intranet/caching.py``).
QUESTIONS = Generational("surveys:questions", 3600)


def survey_questions(*, survey: Survey) -> list[SurveyQuestion]:
    """The live questions in order, with their bank questions: one query when the questions
    changed, else none. Shared between requests: read them, never change them."""

    def compute():
        return list(
            SurveyQuestion.objects.filter(survey=survey, is_archived=False)
            .select_related("bank_question")
            .order_by("order", "pk")
        )

    return QUESTIONS.get(str(survey.pk), compute)


def survey_sections(*, survey: Survey, questions: list[SurveyQuestion] | None = None) -> list[SectionBlock]:
    """Sections with their live questions in order. Two queries (one when ``questions`` — from
    ``survey_questions`` — are given)."""
    if questions is None:
        questions = survey_questions(survey=survey)
    by_section = defaultdict(list)
    for question in questions:
        by_section[question.section_id].append(question)
    return [
        SectionBlock(section=section, questions=by_section[section.pk])
        for section in Section.objects.filter(survey=survey).order_by("order", "pk")
        if by_section[section.pk]
    ]


def tasks_for(*, survey: Survey, published_only: bool):
    """The improvement tasks of a survey (a queryset, for the table and the board). One query."""
    tasks = ImprovementTask.objects.filter(survey=survey).select_related("area", "department", "owner")
    if published_only:
        tasks = tasks.filter(published_at__isnull=False)
    return tasks.order_by("due_date", "pk")


def tasks_board(tasks) -> list[dict]:
    """The tasks split into columns by status, in the order of the statuses."""
    columns = {value: [] for value in ImprovementTask.Status.values}
    for task in tasks:
        columns[task.status].append(task)
    return [
        {"status": value, "label": label, "tasks": columns[value]}
        for value, label in ImprovementTask.Status.choices
    ]


# The previous survey's tasks under this year's results, per process: read again when a task or
# an area is saved or deleted (``apps``) or a department is renamed (the directory's generation is
# in the key). Every results view showed them with one query and 3 models a task.
PREVIOUS_TASKS = Generational("surveys:previous-tasks", 3600, limit=16)


def previous_tasks_by_area(*, survey: Survey) -> list[dict]:
    """What was done after the previous survey, grouped by area (for this year's results). One
    query when a task, an area or a department changed, else none. Shared between requests: read
    them, never change them."""
    if survey.previous_id is None:
        return []

    def compute():
        groups: dict[int, dict] = {}
        tasks = (
            ImprovementTask.objects.filter(survey_id=survey.previous_id)
            .select_related("area", "department")
            .order_by("area__order", "area__code", "due_date", "pk")
        )
        for task in tasks:
            groups.setdefault(task.area_id, {"area": task.area, "tasks": []})["tasks"].append(task)
        return list(groups.values())

    return PREVIOUS_TASKS.get(f"{survey.previous_id}:{directory_generation()}", compute)


@dataclass(frozen=True)
class ContextScore:
    """The overall 100-point score of the survey bound to a key, as its cached result shows it:
    ``score`` None with a ``reason`` when there is nothing to show."""

    survey_id: int | None
    score: float | None
    responses: int | None
    reason: str

    @property
    def display(self) -> str:
        return "—" if self.score is None else f"{self.score:.1f}"


def scores_by_context(keys) -> dict[str, ContextScore]:
    """For each context key, the overall score of the survey bound to it, read from the engine's
    cached results (never computed here). One query whatever the number of keys.

    A suppressed overall (too few respondents), a survey whose results are not computed yet or no
    survey at all give ``score=None`` and a Korean reason."""
    keys = [k for k in keys if k]
    rows = (
        Survey.objects.filter(context_key__in=keys)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("context_key", "-pk")
        .values_list(
            "pk",
            "context_key",
            "status",
            "mode",
            "result_cache__data__overall",
            "result_cache__data__participation__responses",
            "result_cache__data__min_group_size",
        )
    )
    found: dict[str, ContextScore] = {}
    waiting: dict[str, ContextScore] = {}
    for pk, key, status, mode, overall, responses, min_n in rows:
        if status == Survey.Status.OPEN and mode == Survey.Mode.ANONYMOUS:
            # no results until its close (``results_released``); an earlier, closed round's
            # score is shown meanwhile
            waiting.setdefault(key, ContextScore(pk, None, None, _("마감 후 집계합니다")))
            continue
        if key in found:
            continue  # the latest released survey of the key (a course's last closed round)
        overall = _json_value(overall)
        if overall is None:
            found[key] = ContextScore(pk, None, None, _("아직 집계하지 않았습니다"))
        elif overall.get("suppressed") or overall.get("score") is None:
            responses, min_n = _json_value(responses), _json_value(min_n) or 5
            reason = (
                _("응답자가 %(n)s명 미만이라 표시하지 않습니다") % {"n": min_n}
                if responses is None or responses < min_n
                else _("작은 집단의 응답을 보호하려고 표시하지 않습니다")
            )
            found[key] = ContextScore(pk, None, responses, reason)
        else:
            found[key] = ContextScore(pk, float(overall["score"]), _json_value(responses), "")
    nothing = _("만족도 조사 응답이 없습니다")
    return {
        key: found.get(key) or waiting.get(key) or ContextScore(None, None, None, nothing) for key in keys
    }


def _json_value(value):
    """A JSON key read through ``values_list`` (SQLite gives the text of an object, PostgreSQL the
    object)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def survey_or_none(pk: int) -> Survey | None:
    return Survey.objects.select_related("previous").filter(pk=pk).first()


def _signed(delta) -> str:
    return "" if delta is None else f"{delta:+.2f}"


HEATMAP_ROWS_PER_PAGE = 30
TEXTS_SHOWN = 20


def results_page(result: dict, *, heatmap_page: str | int | None = None) -> dict:
    """The results dict reshaped for the template: heatmap cells in column order, signed deltas
    and the SVG charts. No query.

    A large agency has hundreds of departments; the heatmap is shown a page of rows at a time and
    each free-text question shows its first answers (the Excel file has them all), so the page
    stays a size a browser and the server can render quickly.
    """
    if result.get("suppressed") and "overall" not in result:
        return {"group_hidden": True, "message": result.get("message", "")}
    comparison = result.get("comparison")
    if comparison and not comparison.get("suppressed"):
        for pair in [comparison.get("overall") or {}, *comparison.get("areas", [])]:
            pair["delta_display"] = _signed(pair.get("delta"))
    heatmap, rows_page = result.get("heatmap"), None
    if heatmap:
        rows_page = Paginator(heatmap["rows"], HEATMAP_ROWS_PER_PAGE).get_page(heatmap_page)
        heatmap = {
            "dimension": heatmap.get("dimension", "department"),
            "columns": heatmap["columns"],
            "rows": [
                {**row, "ordered": [row["cells"][c["code"]] for c in heatmap["columns"]]} for row in rows_page
            ],
        }
    questions = [
        {**q, "texts_shown": q["result"].get("texts", [])[:TEXTS_SHOWN]} if q.get("kind") == "text" else q
        for q in result["questions"]
    ]
    return {
        "group_hidden": False,
        "result": result,
        "participation": result["participation"],
        "overall": result["overall"],
        "areas": result["areas"],
        "questions": questions,
        "comparison": comparison,
        "heatmap": heatmap,
        "heatmap_page": rows_page,
        "charts": _chart_svgs({**result, "heatmap": heatmap}),
    }


def _chart_svgs(result: dict) -> dict:
    from . import charts  # pandas comes with it: load it only for the results page

    return {
        "areas": charts.area_bar_chart(result) if result.get("areas") else "",
        "heatmap": charts.heatmap_chart(result) if result.get("heatmap") else "",
    }


REMINDER_FIRST_DAYS_BEFORE = 3


def reminder_round(*, survey: Survey, today) -> int | None:
    """Which reminder round is due today: 1 from three days before the close, 2 on the last day."""
    last_day = timezone.localdate(survey.closes_at - datetime.timedelta(seconds=1))
    days_left = (last_day - today).days
    if days_left == 0:
        return 2
    if 0 < days_left <= REMINDER_FIRST_DAYS_BEFORE:
        return 1
    return None


def surveys_due_reminders(*, today=None) -> list[tuple[Survey, int]]:
    """Open surveys with the reminder round due today. One query."""
    today = today or timezone.localdate()
    due = []
    for survey in Survey.objects.filter(open_now_q()).order_by("pk"):
        round_number = reminder_round(survey=survey, today=today)
        if round_number is not None:
            due.append((survey, round_number))
    return due
