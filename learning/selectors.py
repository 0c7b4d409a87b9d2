"""Reads of the education site, each in a fixed number of queries whatever the data size."""

import datetime as dt
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptQuery
from intranet.korean import format_korean_date

from .cache import course_sessions
from .models import Completion, CoursePage, Enrolment, Session

State = Enrolment.State
SEAT = Q(enrolments__state__in=Enrolment.SEAT_STATES)


def sessions_with_seats(queryset=None):
    """Sessions annotated with ``taken`` (seat-holders) and ``waiting`` (waitlist length)."""
    queryset = queryset if queryset is not None else Session.objects.all()
    return queryset.annotate(
        taken=Count("enrolments", filter=SEAT),
        waiting=Count("enrolments", filter=Q(enrolments__state=State.WAITLISTED)),
    )


def open_session_with_seats():
    """A subquery filter: the course has an upcoming session with a free seat."""
    now = timezone.now()
    return Exists(
        sessions_with_seats(
            Session.objects.filter(course=OuterRef("pk"), starts_at__gt=now, enrol_closes_at__gte=now)
        ).filter(capacity__gt=F("taken"))
    )


CATALOGUE_FIELDS = ("title", "url_path", "category", "hours", "is_mandatory")


def catalogue_queryset(*, year: int | None = None):
    """Live course pages with their next session's date, session count and seats left in the
    upcoming sessions: one query for the whole table page."""
    now = timezone.now()
    upcoming = Session.objects.filter(course=OuterRef("pk"), starts_at__gt=now)
    capacity = upcoming.values("course").annotate(total=Sum("capacity")).values("total")
    taken = (
        Enrolment.objects.filter(
            session__course=OuterRef("pk"), session__starts_at__gt=now, state__in=Enrolment.SEAT_STATES
        )
        .values("session__course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Only the columns the table shows (a course page row carries some forty Wagtail and course
    # columns; ``url_path`` makes its link).
    queryset = CoursePage.objects.live().only(*CATALOGUE_FIELDS)
    if year:
        queryset = queryset.filter(year=year)
    return queryset.annotate(
        next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
        seats_left=Coalesce(Subquery(capacity, output_field=IntegerField()), Value(0))
        - Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
        has_online=Exists(Session.objects.filter(course=OuterRef("pk")).exclude(online_url="")),
    )


@dataclass
class SessionRow:
    session: Session
    mine: Enrolment | None
    position: int | None  # my place in the waitlist, 1 = next in line

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.session.taken, 0)

    @property
    def can_enrol(self) -> bool:
        now = timezone.now()
        s = self.session
        open_now = (
            s.enrol_opens_at <= now <= s.enrol_closes_at and not s.has_started(now) and not s.is_completed
        )
        free = self.seats_left > 0 or s.waitlist_enabled
        return open_now and free and (self.mine is None or self.mine.state == State.CANCELLED)

    @property
    def enrol_note(self) -> str:
        """Why there is no enrol button, for someone with no request in this session: the page
        says so rather than dropping the button silently."""
        if self.can_enrol or (self.mine is not None and self.mine.state != State.CANCELLED):
            return ""
        now = timezone.now()
        s = self.session
        if now < s.enrol_opens_at and not s.has_started(now):
            return _("신청 예정 (%(date)s부터)") % {
                "date": format_korean_date(s.enrol_opens_at, with_time=True)
            }
        if now > s.enrol_closes_at or s.has_started(now) or s.is_completed:
            return _("신청 마감")
        return _("정원 마감")

    @property
    def can_cancel(self) -> bool:
        if self.mine is None or self.mine.state not in (State.ENROLLED, State.PENDING, State.WAITLISTED):
            return False
        now = timezone.now()
        if self.session.has_started(now):
            return False
        return self.mine.state == State.WAITLISTED or now <= self.session.cancel_cutoff_at


# Every column of an enrolment, in the model's order (``Model.from_db`` takes them as they are).
MY_COURSE_ENROLMENT_FIELDS = tuple(f.attname for f in Enrolment._meta.concrete_fields)
# The course page asks it on every view with only the person and the course changed: compiled
# once per process (``intranet.kept_queries``).
MY_COURSE_ENROLMENTS = KeptQuery(
    lambda staff, course: Enrolment.objects.filter(staff_id=staff, session__course_id=course).values_list(
        *MY_COURSE_ENROLMENT_FIELDS
    ),
    "staff",
    "course",
)


def _my_enrolments(staff: Staff | None, course_id: int) -> dict[int, Enrolment]:
    """My enrolment in each session of the course, with ``ahead`` set (``_waitlist_places``: a
    second query only when I wait in one; a subquery compiled into this one cost more than the
    page's other queries together)."""
    if staff is None:
        return {}
    rows = [
        Enrolment.from_db(DEFAULT_DB_ALIAS, MY_COURSE_ENROLMENT_FIELDS, row)
        for row in MY_COURSE_ENROLMENTS.rows(staff=staff.pk, course=course_id)
    ]
    _waitlist_places(rows)
    return {e.session_id: e for e in rows}


def course_detail(*, course: CoursePage, user) -> dict:
    """The course page: its sessions with seats, and my enrolment and waitlist place in each."""
    me = staff_for_user(user)
    sessions = course_sessions(course.pk)  # kept per generation of the courses (``cache.py``)
    mine = _my_enrolments(me, course.pk)
    rows = []
    for session in sessions:
        enrolment = mine.get(session.pk)
        position = enrolment.ahead + 1 if enrolment and enrolment.state == State.WAITLISTED else None
        rows.append(SessionRow(session=session, mine=enrolment, position=position))
    previous = None
    if course.previous_course_id:
        previous = CoursePage.objects.select_related("review").filter(pk=course.previous_course_id).first()
    try:
        previous_review = previous.review if previous else None
    except CoursePage.review.RelatedObjectDoesNotExist:
        previous_review = None
    return {"me": me, "session_rows": rows, "previous": previous, "previous_review": previous_review}


def learning_home(*, page, user) -> dict:
    featured = [f.course for f in page.featured_courses.select_related("course").all() if f.course.live]
    upcoming = list(
        sessions_with_seats(
            Session.objects.filter(starts_at__gt=timezone.now(), course__live=True).select_related("course")
        ).order_by("starts_at")[:8]
    )
    return {"featured": featured, "upcoming": upcoming, "me": staff_for_user(user)}


MY_ENROLMENT_FIELDS = (
    "state",
    "queue_number",
    "staff_id",
    "session__starts_at",
    "session__title",
    "session__course__title",
    "session__course__url_path",
)
MY_COMPLETION_FIELDS = ("code", "completed_on", "hours", "staff_id", "session_id", "course__title")


def _waitlist_places(enrolments: list[Enrolment]) -> None:
    """Set ``ahead`` on each enrolment: how many wait before it in its session's waitlist (0
    unless waitlisted). One query, and only when one of them waits: compiling that count as a
    subquery of every dashboard's enrolment query cost more than the query itself."""
    waiting = [e for e in enrolments if e.state == State.WAITLISTED]
    for enrolment in enrolments:
        enrolment.ahead = 0
    if not waiting:
        return
    queues: dict[int, list[int]] = {}
    rows = Enrolment.objects.filter(state=State.WAITLISTED, session__in={e.session_id for e in waiting})
    for session_id, number in rows.values_list("session_id", "queue_number"):
        queues.setdefault(session_id, []).append(number)
    for enrolment in waiting:
        enrolment.ahead = sum(1 for n in queues.get(enrolment.session_id, ()) if n < enrolment.queue_number)


def my_learning(*, staff: Staff, year: int | None = None, with_hours: bool = True) -> dict:
    """My enrolments still ahead, my recent completions and (unless a dashboard panel asks
    without) my hours this year: two queries (three when I am on a waitlist) plus one per hour
    source."""
    from . import hours

    year = year or timezone.localdate().year
    active = (State.ENROLLED, State.PENDING, State.WAITLISTED, State.ATTENDED)
    upcoming = list(
        Enrolment.objects.filter(staff=staff, state__in=active, session__completed_at__isnull=True)
        .select_related("session__course")
        # Only what the lists show: a course page row carries some thirty Wagtail columns, and
        # building them cost more than the rest of the dashboard panel (the page's URL needs
        # only ``url_path``).
        .only(*MY_ENROLMENT_FIELDS)
        .order_by("session__starts_at")
    )
    _waitlist_places(upcoming)
    completions = list(
        Completion.objects.filter(staff=staff)
        .select_related("course")
        .only(*MY_COMPLETION_FIELDS)
        .order_by("-completed_on")[:20]
    )
    year_hours = hours.hours_by_staff(year).get(staff.pk, 0) if with_hours else None
    return {
        "staff": staff,
        "upcoming": upcoming,
        "completions": completions,
        "year": year,
        "year_hours": year_hours,
    }


def session_roster(*, session_id: int) -> tuple[Session, list[Enrolment]]:
    session = sessions_with_seats(Session.objects.select_related("course").filter(pk=session_id)).get()
    rows = list(session.enrolments.select_related("staff__department").order_by("queue_number"))
    return session, rows


def pending_approvals(*, staff: Staff, is_admin: bool):
    queryset = Enrolment.objects.filter(state=State.PENDING).select_related(
        "staff__department", "session__course"
    )
    if not is_admin:
        queryset = queryset.filter(staff__department__head=staff)
    return queryset.order_by("session__starts_at", "queue_number")


def upcoming_sessions(*, days_back: int = 60):
    """The sessions a learning admin manages: those of the last ``days_back`` days and later, and
    every past session still waiting for its completion, however old (it must not drop off the
    list before someone records who completed it)."""
    now = timezone.now()
    since = now - dt.timedelta(days=days_back)
    waiting = Q(completed_at__isnull=True, ends_at__lt=now)
    return sessions_with_seats(
        Session.objects.filter(Q(starts_at__gte=since) | waiting).select_related("course")
    ).order_by("starts_at", "pk")


# --- hours dashboard ---------------------------------------------------------------------------------


@dataclass
class DepartmentHours:
    department: object
    people: int
    total: object
    missing: int

    @property
    def average(self):
        return round(self.total / self.people, 1) if self.people else 0


def headed_departments(staff: Staff | None):
    """The departments a person heads directly (the approvals page's rule: ``department.head``)."""
    from intranet.directory.models import Department

    if staff is None:
        return Department.objects.none()
    return Department.objects.filter(head=staff, is_active=True)


def headed_subtree_ids(staff: Staff | None) -> set[int]:
    """Ids of the departments a person heads and of every active department below them (empty
    for someone who heads nothing). One query: the whole active tree with each head."""
    from intranet.directory.models import Department
    from intranet.directory.selectors import department_subtrees

    if staff is None:
        return set()
    rows = Department.objects.filter(is_active=True).values_list("pk", "parent_id", "head_id")
    parents, roots = {}, []
    for pk, parent_id, head_id in rows:
        parents[pk] = parent_id
        if head_id == staff.pk:
            roots.append(pk)
    return set().union(*department_subtrees(roots, parents=parents).values())


def hours_dashboard(*, year: int, department_ids=None, department_id: int | None = None) -> dict:
    """Hours per person and per department for a year, with the mandatory courses each person has
    not completed. ``department_ids``: the departments the viewer may see (None: all). One query
    for the departments, one for the people, one per hour source and three for mandatory courses."""
    from decimal import Decimal

    from intranet.directory.models import Department

    from . import hours

    visible = Department.objects.filter(is_active=True)
    if department_ids is not None:
        visible = visible.filter(pk__in=department_ids)
    visible = list(visible.order_by("sort_order", "name"))
    ids = {d.pk for d in visible}
    members = Staff.objects.filter(is_active=True, department_id__in=ids)
    people = list(members.only("pk", "name", "employee_number", "department_id").order_by("name", "pk"))
    by_staff = hours.hours_by_staff(year)
    missing = hours.mandatory_missing(year, staff_ids=members.values("pk"))
    by_department = {d.pk: DepartmentHours(d, 0, Decimal(0), 0) for d in visible}
    names = {d.pk: d.name for d in visible}
    rows = []
    for person in people:
        total = by_staff.get(person.pk, Decimal(0))
        lacking = missing.get(person.pk, [])
        summary = by_department[person.department_id]
        summary.people += 1
        summary.total += total
        summary.missing += bool(lacking)
        if department_id and person.department_id != department_id:
            continue
        rows.append(
            {
                "name": person.name,
                "employee_number": person.employee_number,
                "department": names[person.department_id],
                "hours": total,
                "missing": ", ".join(c.title for c in lacking),
                "missing_count": len(lacking),
            }
        )
    return {"departments": list(by_department.values()), "rows": rows}


# --- programme review --------------------------------------------------------------------------------


REVIEW_PER_PAGE = 50


def course_years() -> list[int]:
    """The years of the live catalogue's courses (the programme review's years; 1 query)."""
    return list(CoursePage.objects.live().order_by().values_list("year", flat=True).distinct())


def hours_years() -> list[int]:
    """The years with learning hours or courses: the hours dashboard's year chooser (2 queries)."""
    completed = {d.year for d in Completion.objects.dates("completed_on", "year")}
    return sorted(completed | set(course_years()), reverse=True)


def programme_review_queryset(*, year: int):
    """Every live course of the year with ``enrolled`` (seat-holders over all sessions),
    ``completed`` and ``awarded_hours`` (hours on its completion records) as subqueries and its
    review by a join: one query however it is sliced."""
    enrolled = (
        Enrolment.objects.filter(session__course=OuterRef("pk"), state__in=Enrolment.SEAT_STATES)
        .values("session__course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    completed = Completion.objects.filter(course=OuterRef("pk")).values("course")
    return (
        CoursePage.objects.live()
        .filter(year=year)
        .select_related("review__decided_by")
        .annotate(
            enrolled=Coalesce(Subquery(enrolled, output_field=IntegerField()), Value(0)),
            completed=Coalesce(
                Subquery(completed.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                Value(0),
            ),
            awarded_hours=Subquery(completed.annotate(total=Sum("hours")).values("total")),
        )
        .order_by("category", "title", "pk")
    )


def review_rows(courses) -> list[CoursePage]:
    """Finish the rows of ``programme_review_queryset`` (all, or one page of them): ``rate``
    (completed per enrolled, %, or None), ``current_review`` (or None), ``next_courses`` (next
    year's course pages that name it as their previous course: one prefetch query) and
    ``feedback`` (the course survey's overall score from the engine's cached results, a
    ``ContextScore``: one query for all rows)."""
    from django.db.models import prefetch_related_objects

    from intranet.surveys.selectors import scores_by_context

    from .feedback import course_key

    rows = list(courses)
    prefetch_related_objects(rows, "next_courses")
    scores = scores_by_context([course_key(row.pk) for row in rows])
    for row in rows:
        row.rate = round(100 * row.completed / row.enrolled, 1) if row.enrolled else None
        row.feedback = scores.get(course_key(row.pk))
        try:
            row.current_review = row.review
        except CoursePage.review.RelatedObjectDoesNotExist:
            row.current_review = None
    return rows


def programme_review(*, year: int) -> list[CoursePage]:
    """All the review rows of a year (the Excel export): three queries."""
    return review_rows(programme_review_queryset(year=year))


def programme_review_page(*, year: int, page: str | int | None = None):
    """One page of the review table (``REVIEW_PER_PAGE`` courses) and its rows: a count, the
    rows, the next-year prefetch and the feedback scores — four queries at any size."""
    from django.core.paginator import Paginator

    page_obj = Paginator(programme_review_queryset(year=year), REVIEW_PER_PAGE).get_page(page)
    return page_obj, review_rows(page_obj.object_list)


# --- month calendar ----------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    sessions: list


def month_calendar(*, first: dt.date, staff: Staff | None) -> dict:
    """The weeks (Sunday first) of the month starting on ``first``, each day with the live
    courses' sessions starting that day (local time), each marked ``mine`` when ``staff`` holds a
    seat in it or waits for it: two queries."""
    import calendar

    weeks_dates = calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(weeks_dates[0][0], dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(weeks_dates[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    sessions = list(
        Session.objects.filter(starts_at__gte=start, starts_at__lt=end, course__live=True)
        .select_related("course")
        .order_by("starts_at", "pk")
    )
    mine = set()
    if staff is not None:
        mine = set(
            Enrolment.objects.filter(
                staff=staff, session__in=[s.pk for s in sessions], state__in=Enrolment.ACTIVE_STATES
            ).values_list("session_id", flat=True)
        )
    by_day: dict[dt.date, list] = {}
    for session in sessions:
        session.mine = session.pk in mine
        by_day.setdefault(timezone.localtime(session.starts_at, zone).date(), []).append(session)
    weeks = [
        [CalendarDay(day, day.month == first.month, by_day.get(day, [])) for day in week]
        for week in weeks_dates
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return {"weeks": weeks, "month": first, "previous": previous, "following": following}
