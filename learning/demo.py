"""The demo 2025 education year (seed_demo, order 50), from the agency's annual report, section 7:
in-house job training, invited expert lectures on AI and cloud, IT training, the specialised
course run with the national HR development institute (22 graduates), external conferences
(REAL Summit 2025, K-AI PaaS Summit 2025) and study clubs, with enrolments, attendance, a waitlist,
completions and the course feedback most attendees gave (the report gives no education
satisfaction figure, so each course's level is a plausible one: the specialised course and the
conferences highest, the mandatory security lecture and the over-subscribed Python course's
operation lowest). Deterministic (people are taken in employee-number order) and idempotent: a
2025 catalogue that already has courses is left as it is. Titles are data, not interface text.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from . import services
from .cache import catalogue_cache_clear
from .models import Category, CoursePage, Enrolment, LearningHomePage, Session

YEAR = 2025
SEOUL = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    category: str
    hours: str
    instructor: str
    start: tuple[int, int, int]  # month, day, hour
    capacity: int
    enrolled: int  # people who enrol (beyond capacity: the waitlist)
    absent: int = 0
    mandatory: bool = False
    summary: str = ""
    feedback: float = 4.2  # the mean answer on the 5-point scale
    weak: str = ""  # a feedback question answered lower than the rest


COURSES = (
    Course(
        "2025-defence-it-specialist",
        "부처 맞춤 국방 정보화 담당자 전문교육 과정",
        Category.SPECIALISED,
        "35",
        "국가인재원",
        (6, 16, 9),
        24,
        24,
        absent=2,
        summary="국가인재원과 함께 운영한 정보화 직무 특화 전문교육",
        feedback=4.6,
    ),
    Course(
        "2025-ai-lecture",
        "생성형 AI 활용 전문가 초빙강연",
        Category.EXPERT_LECTURE,
        "2",
        "AI 전문가 초빙",
        (4, 10, 14),
        60,
        68,
        absent=4,
        summary="신기술(AI) 관련 전문가 초빙강연",
        feedback=4.4,
        weak="course-application-1",
    ),
    Course(
        "2025-cloud-lecture",
        "클라우드 전환 전문가 초빙강연",
        Category.EXPERT_LECTURE,
        "2",
        "클라우드 전문가 초빙",
        (9, 18, 14),
        60,
        52,
        absent=3,
        summary="신기술(클라우드) 관련 전문가 초빙강연",
        feedback=4.3,
    ),
    Course(
        "2025-security-lecture",
        "사이버보안 전문가 초빙강연",
        Category.EXPERT_LECTURE,
        "2",
        "보안 전문가 초빙",
        (5, 22, 14),
        80,
        75,
        absent=5,
        mandatory=True,
        summary="전 직원 대상 사이버보안 전문성 제고",
        feedback=3.9,
        weak="course-content-2",
    ),
    Course(
        "2025-python-data",
        "파이썬 데이터 분석 기초",
        Category.IT_TRAINING,
        "16",
        "정보화교육 강사",
        (3, 12, 9),
        25,
        31,
        absent=1,
        summary="정보화 교육: 업무 데이터 분석 실습",
        feedback=4.2,
        weak="course-operation-1",
    ),
    Course(
        "2025-rmf-workshop",
        "국방 RMF 기술 워크숍",
        Category.IN_HOUSE,
        "8",
        "원 직원 강사",
        (7, 8, 9),
        40,
        33,
        absent=2,
        summary="원 직원 전문교육",
        feedback=4.3,
    ),
    Course(
        "2025-real-summit",
        "REAL Summit 2025 참가",
        Category.EXTERNAL,
        "8",
        "외부 주관",
        (5, 14, 9),
        10,
        10,
        summary="신기술 분야 컨퍼런스·세미나",
        feedback=4.5,
    ),
    Course(
        "2025-kai-paas",
        "K-AI PaaS Summit 2025 참가",
        Category.EXTERNAL,
        "8",
        "외부 주관",
        (10, 23, 9),
        10,
        8,
        summary="신기술 분야 컨퍼런스·세미나",
        feedback=4.4,
    ),
    Course(
        "2025-study-club",
        "학습 동호회: 정보보안 경진대회 준비",
        Category.STUDY_CLUB,
        "12",
        "동호회 리더",
        (8, 5, 18),
        15,
        12,
        summary="직무 연관 학습 동호회",
        feedback=4.5,
    ),
    Course(
        "2025-dec-it",
        "정보화 교육: 클라우드 네이티브 입문",
        Category.IT_TRAINING,
        "8",
        "정보화교육 강사",
        (12, 10, 9),
        20,
        26,
        summary="연말 정보화 교육 (정원보다 신청이 많아 대기자가 있었던 과정)",
    ),
)


def _at(month, day, hour):
    return dt.datetime(YEAR, month, day, hour, tzinfo=SEOUL)


def _admin() -> Staff | None:
    user = (
        User.objects.filter(username="learning").first()
        or User.objects.filter(groups__name="learning admin", staff__isnull=False).order_by("pk").first()
    )
    return getattr(user, "staff", None) if user else None


def seed(*, scale: int = 1, stdout=None) -> dict:
    home = LearningHomePage.objects.first()
    if home is None or CoursePage.objects.filter(year=YEAR).exists():
        return {"skipped": _("2025년 교육 과정이 이미 있어 그대로 두었습니다.")}
    admin = _admin()
    people = list(Staff.objects.filter(is_active=True).order_by("employee_number")[:120])
    if admin is None or len(people) < 30:
        return {"skipped": _("교육 관리자나 직원이 없어 교육 데모를 만들지 않았습니다.")}
    created = {"courses": 0, "enrolments": 0, "completions": 0, "feedback": 0}
    for index, spec in enumerate(COURSES):
        course = CoursePage(
            title=spec.title,
            slug=spec.slug,
            category=spec.category,
            year=YEAR,
            hours=Decimal(spec.hours),
            instructor_name=spec.instructor,
            summary=spec.summary,
            is_mandatory=spec.mandatory,
            audience=_("전 직원"),
        )
        home.add_child(instance=course)
        created["courses"] += 1
        starts = _at(*spec.start)
        session = Session.objects.create(
            course=course,
            title=_("1차"),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=min(float(spec.hours), 8)),
            place=_("본원 대강당"),
            capacity=spec.capacity,
            enrol_opens_at=starts - dt.timedelta(days=30),
            enrol_closes_at=starts - dt.timedelta(days=2),
            cancel_cutoff_at=starts - dt.timedelta(days=3),
            promotion_cutoff_at=starts - dt.timedelta(days=2),
        )
        opened = session.enrol_opens_at + dt.timedelta(hours=1)
        rotated = people[index * 7 :] + people[: index * 7]
        for person in rotated[: spec.enrolled]:
            services.enrolment_create(session_id=session.pk, staff=person, now=opened)
            created["enrolments"] += 1
        if starts.date() >= dt.date(YEAR, 12, 1):
            continue  # still open for enrolment in the demo's "now"
        seats = list(session.enrolments.filter(state=Enrolment.State.ENROLLED).order_by("queue_number"))
        absent = [e.pk for e in seats[len(seats) - spec.absent :]] if spec.absent else []
        present = [e.pk for e in seats if e.pk not in absent]
        services.attendance_mark(session_id=session.pk, present=present, absent=absent, actor=admin)
        created["completions"] += len(
            services.session_complete(session_id=session.pk, actor=admin, now=session.ends_at)
        )
        created["feedback"] += _feedback_answer(spec, session)
    _feedback_close()
    home.featured_courses.create(course=CoursePage.objects.get(slug="2025-ai-lecture"))
    home.featured_courses.create(course=CoursePage.objects.get(slug="2025-cloud-lecture"))
    home.news = [
        (
            "news",
            {
                "heading": "「부처 맞춤 국방 정보화 담당자 전문교육 과정」 22명 수료",
                "date": dt.date(YEAR, 6, 20),
                "body": "국가인재원과 함께 운영한 전문교육 과정을 22명이 수료했습니다.",
            },
        ),
        (
            "news",
            {
                "heading": "신기술 컨퍼런스·세미나 16회 참석",
                "date": dt.date(YEAR, 11, 28),
                "body": "REAL Summit 2025, K-AI PaaS Summit 2025 등 신기술 분야 행사에 참석했습니다.",
            },
        ),
    ]
    home.save_revision().publish()
    if stdout:
        stdout.write(
            _("교육: 과정 %(courses)s개, 신청 %(enrolments)s건, 수료 %(completions)s명, 응답 %(feedback)s건")
            % created
            + "\n"
        )
    return created


IMPROVEMENT_IDEAS = (
    "실습 시간을 더 늘려 주세요.",
    "사전 자료를 미리 받으면 좋겠습니다.",
    "심화 과정이 이어지면 좋겠습니다.",
    "업무 사례를 더 다뤄 주세요.",
    "오후 시간대 차수도 열어 주세요.",
    "온라인으로도 들을 수 있게 해 주세요.",
    "질의응답 시간이 더 있었으면 합니다.",
    "교육장 좌석이 좁았습니다.",
    "강의 자료를 게시판에 올려 주세요.",
    "부서별 맞춤 사례가 있으면 좋겠습니다.",
    "같은 주제로 워크숍을 해 주세요.",
    "수준별로 반을 나누면 좋겠습니다.",
)


def _feedback_answer(spec: Course, session: Session) -> int:
    """Most attendees (about 85 %) answer the course survey in the week after the session, on the
    course's level; about half add an idea. Written as the engine stores a submission (the
    answer window is past by now, so ``survey_submit`` would refuse): answer rows with the
    audience row's group, and the audience row marked submitted."""
    from intranet.surveys.models import Answer, AudienceMember, Response

    from .feedback import course_survey, session_key

    survey = course_survey(session.course_id)
    if survey is None:
        return 0
    rng = random.Random(spec.slug)
    questions = list(survey.questions.select_related("bank_question").order_by("order"))
    members = list(
        AudienceMember.objects.filter(survey=survey, context_key=session_key(session.pk)).order_by(
            "staff__employee_number"
        )
    )
    answering = [m for m in members if rng.random() < 0.85]
    first_day = timezone.localdate(session.ends_at)
    responses, answers = [], []
    for member in answering:
        response = Response(
            survey=survey,
            submitted_on=first_day + dt.timedelta(days=rng.randrange(7)),
            department_id=member.department_id,
            grade=member.grade,
            respondent_id=None if survey.is_anonymous else member.staff_id,
            context_key=member.context_key,
        )
        responses.append(response)
        mood = rng.gauss(spec.feedback, 0.45)
        for question in questions:
            code = question.bank_question.code
            if question.bank_question.kind == "text":
                if rng.random() < 0.5:
                    answers.append(
                        Answer(response=response, question=question, text=rng.choice(IMPROVEMENT_IDEAS))
                    )
                continue
            value = mood + rng.gauss(-0.5 if code == spec.weak else 0, 0.4)
            answers.append(Answer(response=response, question=question, value=min(5, max(1, round(value)))))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    AudienceMember.objects.filter(pk__in=[m.pk for m in answering]).update(has_submitted=True)
    return len(responses)


def _feedback_close() -> None:
    """The report's feedback surveys are closed (its answers are all in, even when the demo is
    seeded during 2025 itself, so nobody is asked again) through the engine's close, so an
    anonymous one is sealed as any closed survey (``intranet.surveys.anonymity``), on its closing
    day; every one gets its results computed."""
    from intranet.surveys.models import Survey
    from intranet.surveys.results import survey_results_refresh
    from intranet.surveys.services import survey_close

    from .feedback import COURSE_PREFIX

    surveys = Survey.objects.filter(context_key__startswith=f"{COURSE_PREFIX}:", year=YEAR)
    for survey in surveys.filter(status=Survey.Status.OPEN):
        survey_close(survey=survey, today=min(timezone.localdate(survey.closes_at), timezone.localdate()))
    for pk in surveys.values_list("pk", flat=True):
        survey_results_refresh(survey_id=pk)


# --- the living year: sessions around the day the demo is seeded -----------------------------------


@dataclass(frozen=True)
class LiveCourse:
    """A course of the current year whose one session is placed relative to today."""

    key: str
    title: str
    category: str
    hours: str
    starts_in: int  # days from today
    capacity: int
    enrolled: int  # beyond capacity: the waitlist
    summary: str


LIVE_COURSES = (
    LiveCourse(
        "live-genai-practice",
        "생성형 AI 업무 활용 실습",
        Category.IT_TRAINING,
        "4",
        14,
        30,
        12,
        "업무 문서 요약과 보고서 초안에 생성형 AI를 쓰는 실습",
    ),
    LiveCourse(
        "live-privacy-security",
        "개인정보보호·정보보안 실무",
        Category.EXPERT_LECTURE,
        "2",
        21,
        12,
        15,
        "실무 사례로 보는 개인정보보호와 정보보안 (정원이 차면 대기 신청)",
    ),
    LiveCourse(
        "live-data-visualisation",
        "업무 데이터 시각화 입문",
        Category.IT_TRAINING,
        "3",
        1,
        20,
        6,
        "표를 그림으로 바꾸는 기초 (신청 기간이 끝난 차수의 예)",
    ),
)


def live_slug(course: LiveCourse, year: int) -> str:
    return f"{year}-{course.key}"


def seed_living(*, scale: int = 1, stdout=None, today: dt.date | None = None) -> dict:
    """The current year's courses, each with one session counted from the day the demo is seeded:
    one open with seats, one full with a waitlist, one whose enrolment has just closed. The demo
    log-ins are never enrolled, so each can try the enrol and waitlist buttons. Idempotent by slug
    (one set per year); nothing is completed, so no feedback or reminder is due at once."""
    today = today or timezone.localdate()
    year = today.year
    home = LearningHomePage.objects.first()
    people = list(Staff.objects.filter(is_active=True, user__isnull=True).order_by("employee_number")[:60])
    if home is None or len(people) < 30:
        return {"skipped": _("교육 홈이나 직원이 없어 올해 교육 데모를 만들지 않았습니다.")}
    existing = set(CoursePage.objects.filter(year=year).values_list("slug", flat=True))
    now = timezone.now()
    created = {"courses": 0, "enrolments": 0}
    for index, spec in enumerate(LIVE_COURSES):
        slug = live_slug(spec, year)
        if slug in existing:
            continue
        course = CoursePage(
            title=spec.title,
            slug=slug,
            category=spec.category,
            year=year,
            hours=Decimal(spec.hours),
            instructor_name=_("원 직원 강사"),
            summary=spec.summary,
            audience=_("전 직원"),
        )
        home.add_child(instance=course)
        starts = dt.datetime.combine(today + dt.timedelta(days=spec.starts_in), dt.time(14), tzinfo=SEOUL)
        session = Session.objects.create(
            course=course,
            title=_("1차"),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=min(float(spec.hours), 8)),
            place=_("본원 대강당"),
            capacity=spec.capacity,
            enrol_opens_at=min(now, starts) - dt.timedelta(days=10),
            enrol_closes_at=starts - dt.timedelta(days=2),
            cancel_cutoff_at=starts - dt.timedelta(days=3),
            promotion_cutoff_at=starts - dt.timedelta(days=2),
        )
        opened = session.enrol_opens_at + dt.timedelta(hours=1)
        rotated = people[index * 11 :] + people[: index * 11]
        for person in rotated[: spec.enrolled]:
            services.enrolment_create(session_id=session.pk, staff=person, now=opened)
            created["enrolments"] += 1
        created["courses"] += 1
    if stdout and created["courses"]:
        stdout.write(
            _("교육: %(year)s년 신청 가능한 과정 %(courses)s개, 신청 %(enrolments)s건")
            % {"year": year, **created}
            + "\n"
        )
    created["scaled"] = seed_scaled(home=home, scale=scale, today=today, stdout=stdout)
    return created


# --- at scale > 1: the catalogue grows with the agency -----------------------------------------------

SCALED_PER_STEP = 2  # courses added for each scale step above 1 (118 more at scale 60)
SCALED_SESSIONS = (-90, -30, 14, 45)  # days from today: two held, two open for enrolment
SCALED_CATEGORIES = (Category.IT_TRAINING, Category.EXPERT_LECTURE, Category.IN_HOUSE)
SCALED_SEATS = 30


def seed_scaled(*, home, scale: int, today: dt.date, stdout=None) -> int:
    """At ``--scale`` N > 1, ``SCALED_PER_STEP`` × (N − 1) more courses of the current year, each
    with four sessions (two held, their seats completed; two ahead, two thirds full), so the
    catalogue and a course page are measured at the agency's size; scale 1 adds nothing. The
    pages are added one at a time (Wagtail's tree), the sessions and enrolments in bulk (no
    notification or feedback survey for demo rows). Idempotent by slug (``<year>-scaled-001`` …)."""
    wanted = SCALED_PER_STEP * (scale - 1)
    if wanted <= 0:
        return 0
    year = today.year
    existing = set(
        CoursePage.objects.filter(slug__startswith=f"{year}-scaled-").values_list("slug", flat=True)
    )
    people = list(
        Staff.objects.filter(is_active=True).order_by("employee_number").values_list("pk", flat=True)
    )
    if len(people) < SCALED_SEATS:
        return 0
    created = 0
    sessions, enrolments = [], []
    for number in range(1, wanted + 1):
        slug = f"{year}-scaled-{number:03d}"
        if slug in existing:
            continue
        course = CoursePage(
            title=f"직무 역량 강화 과정 {number:03d}",
            slug=slug,
            category=SCALED_CATEGORIES[number % len(SCALED_CATEGORIES)],
            year=year,
            hours=Decimal(4 + number % 5),
            instructor_name=_("원 직원 강사"),
            summary=_("부서 업무에 맞춘 직무 교육"),
            audience=_("전 직원"),
        )
        home.add_child(instance=course)
        created += 1
        for order, days in enumerate(SCALED_SESSIONS):
            starts = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(9 + order), tzinfo=SEOUL)
            held = days < 0
            seats = SCALED_SEATS if held else SCALED_SEATS * 2 // 3
            session = Session(
                course=course,
                title=_("%(number)s차") % {"number": order + 1},
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=4),
                place=_("본원 대강당"),
                capacity=SCALED_SEATS,
                enrol_opens_at=starts - dt.timedelta(days=30),
                enrol_closes_at=starts - dt.timedelta(days=2),
                cancel_cutoff_at=starts - dt.timedelta(days=3),
                promotion_cutoff_at=starts - dt.timedelta(days=2),
                last_queue_number=seats,
                completed_at=starts + dt.timedelta(hours=4) if held else None,
            )
            sessions.append(session)
            start = (number * 97 + order * 31) % len(people)
            chosen = (people[start:] + people[:start])[:seats]
            state = Enrolment.State.COMPLETED if held else Enrolment.State.ENROLLED
            enrolments += [
                (session, Enrolment(staff_id=pk, state=state, queue_number=queue))
                for queue, pk in enumerate(chosen, start=1)
            ]
    Session.objects.bulk_create(sessions, batch_size=1000)
    for session, enrolment in enrolments:
        enrolment.session = session
    Enrolment.objects.bulk_create([e for _s, e in enrolments], batch_size=2000)
    catalogue_cache_clear()  # ``bulk_create`` sends no ``post_save``
    if created and stdout:
        stdout.write(
            _("교육: 규모에 맞춘 %(year)s년 과정 %(courses)s개, 신청 %(enrolments)s건 추가")
            % {"year": year, "courses": created, "enrolments": len(enrolments)}
            + "\n"
        )
    return created


register_demo_seeder(DemoSeeder(key="learning", seed=seed, order=50))
register_demo_seeder(DemoSeeder(key="learning_living", seed=seed_living, order=55))
