"""The living demo: ``seed_demo`` run at frozen dates, then the README's journeys walked on it.

One seeded database per date (a module fixture inside one outer transaction, each test in a
savepoint), at scale 1, the smallest the seeder offers: seeding is the slow part (about 8 s on
SQLite), the journeys are quick. The dates are early January, mid-year and mid-December of years
that are not the report's 2025, plus a day in 2025 itself, where the report's figures must hold.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intranet.directory.demo import DEMO_PASSWORD
from intranet.home.models import Notification
from intranet.surveys.models import AudienceMember, HeldResponse, Response, Survey
from learning.demo import LIVE_COURSES, live_slug
from learning.models import CoursePage, Enrolment
from newsroom.interviews.models import Question
from newsroom.models import CardNewsIssuePage
from performance.models import Milestone, Plan, Programme
from tests.db_state import kept_for_the_module

SEOUL = ZoneInfo("Asia/Seoul")
DATES = {
    "early-january": dt.datetime(2027, 1, 6, 9, 30, tzinfo=SEOUL),
    "mid-year": dt.datetime(2026, 6, 15, 14, 0, tzinfo=SEOUL),
    "mid-december": dt.datetime(2026, 12, 14, 10, 0, tzinfo=SEOUL),
    "in-2025": dt.datetime(2025, 3, 10, 10, 0, tzinfo=SEOUL),
}
GENAI, PRIVACY, DATAVIZ = LIVE_COURSES


@pytest.fixture(scope="module", params=list(DATES), ids=list(DATES))
def seeded(request, django_db_setup, django_db_blocker):
    """``seed_demo`` at the frozen date, its on-commit work run as a commit would run it (Celery
    is eager in tests, so queued tasks execute here), kept for every test of this date and rolled
    back after the last one."""
    moment = DATES[request.param]
    with time_machine.travel(moment, tick=True), kept_for_the_module(django_db_blocker):
        mail.outbox = []
        before = len(connection.run_on_commit)
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        while len(connection.run_on_commit) > before:  # hooks may queue more hooks
            hooks = connection.run_on_commit[before:]
            del connection.run_on_commit[before:]
            for _sids, hook, _robust in hooks:
                hook()
        sent = {"notifications": list(Notification.objects.values_list("key", flat=True))}
        sent["emails"] = len(mail.outbox)
        yield {"today": moment.date(), "output": output.getvalue(), "sent": sent}


@pytest.fixture
def demo(seeded, db):
    """A test on the seeded database, at its date, in a savepoint of its own."""
    with time_machine.travel(DATES_BY_DAY[seeded["today"]], tick=True):
        yield seeded


DATES_BY_DAY = {moment.date(): moment for moment in DATES.values()}


def log_in(username: str) -> Client:
    """The README's log-in: the demo password works, then the session is the user's."""
    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD), username
    client = Client()
    client.force_login(user)
    return client


def course(spec, today) -> CoursePage:
    return CoursePage.objects.get(slug=live_slug(spec, today.year))


def test_seeding_sends_only_a_handful_of_current_notifications(demo):
    keys = demo["sent"]["notifications"]
    assert not [k for k in keys if k.startswith("learning.feedback")], "feedback asked for closed surveys"
    assert len(keys) <= 10, keys
    assert demo["sent"]["emails"] <= len(keys)
    # What is sent is about the current year: the living plan's overdue milestones (none can be
    # overdue on 1 January), the interview episodes the seeder publishes today.
    for key in keys:
        assert key.startswith(("performance:milestone:", "newsroom-interview-episode:")), key
    milestone_ids = [int(k.split(":")[2]) for k in keys if k.startswith("performance:milestone:")]
    years = set(
        Milestone.objects.filter(pk__in=milestone_ids).values_list("programme__plan__year", flat=True)
    )
    assert years <= {demo["today"].year}


def test_staff_sees_upcoming_learning_enrols_and_joins_the_waitlist(demo):
    today = demo["today"]
    client = log_in("staff")
    home = client.get("/learning/").content.decode()
    assert GENAI.title in home and PRIVACY.title in home  # 다가오는 교육
    assert "예정된 교육이 없습니다" not in home

    genai, privacy = course(GENAI, today), course(PRIVACY, today)
    page = client.get(genai.url).content.decode()
    assert 'data-testid="enrol-button"' in page and "신청 마감" not in page
    session = genai.sessions.get()
    response = client.post(reverse("learning:enrol", args=[session.pk]))
    assert response.status_code == 302
    me = User.objects.get(username="staff").staff
    assert Enrolment.objects.get(session=session, staff=me).state == Enrolment.State.ENROLLED
    assert GENAI.title in client.get("/").content.decode()  # my learning on the dashboard

    page = client.get(privacy.url).content.decode()
    assert "대기 신청하기" in page
    waitlisted = privacy.sessions.get()
    client.post(reverse("learning:enrol", args=[waitlisted.pk]))
    assert Enrolment.objects.get(session=waitlisted, staff=me).state == Enrolment.State.WAITLISTED
    assert 'data-testid="waitlist-position"' in client.get(privacy.url).content.decode()


def test_closed_sessions_say_so_and_never_claim_open(demo):
    client = log_in("staff")
    closed = client.get(course(DATAVIZ, demo["today"]).url).content.decode()
    assert 'data-testid="enrol-note"' in closed and "신청 마감" in closed
    assert 'data-testid="enrol-button"' not in closed
    for page in CoursePage.objects.filter(year=2025, slug__startswith="2025-"):
        text = client.get(page.url).content.decode()
        if demo["today"].year > 2025:
            assert "신청 마감" in text and 'data-testid="enrol-button"' not in text
        assert "신청 중" not in text


def test_staff_answers_the_open_culture_survey(demo):
    survey = Survey.objects.get(year=demo["today"].year, title__contains="수시 설문")
    assert survey.status == Survey.Status.OPEN and survey.is_accepting_answers()
    client = log_in("staff")
    listing = client.get("/surveys/").content.decode()
    assert survey.title in listing and "미응답" in listing
    questions = survey.questions.select_related("bank_question")
    payload = {f"q{q.pk}": "4" for q in questions if q.bank_question.kind != "text"}
    response = client.post(reverse("surveys:answer", args=[survey.pk]), payload)
    assert response.status_code == 302 and response["Location"].endswith(f"/surveys/{survey.pk}/thanks/")
    assert AudienceMember.objects.get(survey=survey, staff__user__username="staff").has_submitted
    # held, encrypted, until the close: nothing on the answer side yet
    assert HeldResponse.objects.filter(survey=survey).count() == 1
    assert not Response.objects.filter(survey=survey).exists()


def test_owner_posts_an_update_on_an_overdue_milestone(demo):
    today = demo["today"]
    plan = Plan.objects.get(year=today.year)
    client = log_in("owner")
    dashboard = client.get("/").content.decode()
    living = Programme.objects.filter(
        plan=plan, code__startswith=f"{today.year}-L", owner__user__username="owner"
    )
    assert living.count() == 2
    programme = living.order_by("code").first()
    assert programme.title in dashboard
    open_milestones = programme.milestones.filter(done_on__isnull=True).order_by("due_date")
    assert open_milestones.count() == 3
    if today > dt.date(today.year, 1, 1):
        assert open_milestones.filter(due_date__lt=today).exists()  # overdue
    assert open_milestones.filter(due_date__gte=today).exists()  # still due
    overdue = open_milestones.first()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "기한 지남" in page or today == dt.date(today.year, 1, 1)
    response = client.post(
        reverse("performance:update", args=[programme.pk]),
        {"milestones_done": [str(overdue.pk)], "comment": "1차 구축 완료"},
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.done_on == today


def test_fresh_card_news_and_open_interview_questions(demo):
    today = demo["today"]
    issue = CardNewsIssuePage.objects.live().get(year=today.year, month=today.month)
    staff = log_in("staff")
    newsroom = staff.get("/newsroom/").content.decode()
    assert issue.title in newsroom
    assert staff.get(issue.url).status_code == 200

    leader = log_in("leader")
    queue = leader.get("/newsroom/interviews/queue/").content.decode()
    assert Question.objects.filter(status=Question.Status.PENDING).exists()
    pending = Question.objects.filter(status=Question.Status.PENDING).first()
    assert pending.text in queue
    # Attack payloads live in the test suite, not in the demo people look at.
    assert not Question.objects.filter(text__icontains="<script").exists()
    assert "<script>alert" not in queue


def test_the_report_year_keeps_its_figures(demo):
    """2025 stays the report: 40 programmes of the plan's own codes, 18 / 7 / 15 by origin, the
    survey's 86.4, ten courses, twelve issues; the living layer adds beside it (origin 기타,
    other slugs and titles), even when the demo is seeded in 2025 itself."""
    from intranet.surveys.results import survey_results

    report = Programme.objects.filter(plan__year=2025).exclude(origin=Programme.Origin.OTHER)
    assert report.count() == 40
    counts = {o: report.filter(origin=o).count() for o in ("feedback", "proposal", "ongoing")}
    assert counts == {"feedback": 18, "proposal": 7, "ongoing": 15}
    survey = Survey.objects.get(title="2025년 내부직원 만족도 조사")
    assert survey_results(survey=survey)["overall"]["score"] == 86.4
    report_courses = CoursePage.objects.filter(year=2025).exclude(slug__contains="-live-")
    assert report_courses.count() == 10
    # Seeded during 2025, the issues of the months ahead are not out yet.
    issues = 12 if demo["today"].year > 2025 else demo["today"].month
    assert CardNewsIssuePage.objects.filter(year=2025).count() == issues
    if demo["today"].year == 2025:
        living = Programme.objects.filter(plan__year=2025, origin=Programme.Origin.OTHER)
        assert living.count() == 3 and all(p.code.startswith("2025-L") for p in living)


def test_the_first_daily_beat_after_seeding_finds_only_current_events(demo):
    """What the worker's daily beat tasks send on the first morning: reminders of the living
    year's events only (the session starting tomorrow, this year's overdue milestones), a
    handful, never the report year's past."""
    from intranet.surveys.tasks import survey_reminders_dispatch, surveys_past_close_dispatch
    from learning.records.tasks import certificate_expiry_reminders_dispatch
    from learning.tasks import session_reminders_dispatch
    from performance.tasks import programme_reminders_dispatch

    before = set(Notification.objects.values_list("pk", flat=True))
    for task in (
        surveys_past_close_dispatch,  # closes (and seals) only surveys past their close
        survey_reminders_dispatch,
        programme_reminders_dispatch,
        session_reminders_dispatch,
        certificate_expiry_reminders_dispatch,
    ):
        task()
    new = Notification.objects.exclude(pk__in=before)
    keys = list(new.values_list("key", flat=True))
    assert len(keys) <= DATAVIZ.enrolled + 6, keys
    soon = {int(k.split(".")[2]) for k in keys if k.startswith("learning.soon.")}
    assert soon <= set(course(DATAVIZ, demo["today"]).sessions.values_list("pk", flat=True))
    assert not [k for k in keys if k.startswith("performance:") and ":quiet:" in k]
    # The living survey closes in two weeks: its first reminder round is days away, and the
    # close task leaves it open; nothing past its close is left open.
    assert not [k for k in keys if k.startswith(("survey:", "learning.feedback"))], keys
    assert (
        Survey.objects.get(year=demo["today"].year, title__contains="수시 설문").status == Survey.Status.OPEN
    )
    assert not Survey.objects.filter(status=Survey.Status.OPEN, closes_at__lte=timezone.now()).exists()
    for key in (k for k in keys if k.startswith("learning_records.expiry:")):
        expires = dt.date.fromisoformat(key.rsplit(":", 1)[1])
        assert demo["today"] <= expires <= demo["today"] + dt.timedelta(days=30)


def test_a_larger_scale_grows_every_list_once(demo):
    """At --scale 3 each module's ``seed_scaled`` adds its rows on top of the scale-1 demo (the
    bench's lists at the agency's size), within the plan year whatever the date, without a
    reminder falling due; a second call adds nothing, and scale 1 adds nothing at all."""
    from advisory import demo as advisory_demo
    from advisory.models import Advice, Member
    from intranet.directory.models import Staff
    from learning import demo as learning_demo
    from learning.models import LearningHomePage, Session
    from learning.records import demo as records_demo
    from learning.records.models import ExternalRecord
    from newsroom import demo as newsroom_demo
    from newsroom.selectors import newsroom_index
    from performance import demo as performance_demo

    today = demo["today"]
    plan = Plan.objects.get(year=today.year)
    home = LearningHomePage.objects.first()
    people = list(Staff.objects.filter(is_active=True).order_by("pk"))
    reviewer = User.objects.get(username="learning").staff
    secretary = User.objects.get(username="secretary").staff
    current = list(Member.objects.filter(terms__ends_on=advisory_demo.TERM_END).order_by("name"))
    last_day = today - dt.timedelta(days=10)

    def grow(scale):
        return (
            performance_demo.seed_scaled(plan=plan, scale=scale, today=today),
            learning_demo.seed_scaled(home=home, scale=scale, today=today),
            newsroom_demo.seed_scaled(newsroom_index(), people, scale),
            records_demo.seed_scaled(reviewer=reviewer, scale=scale),
            advisory_demo._seed_scaled(secretary, current, scale=scale, last_day=last_day),
        )

    advice_before = Advice.objects.count()
    # One programme per department without one in the plan (the report's 2025 plan already
    # covers most of scale 1's departments).
    free = (
        Staff.objects.filter(is_active=True, department__is_active=True)
        .exclude(department__in=Programme.objects.filter(plan=plan).values("department"))
        .values("department")
        .distinct()
        .count()
    )
    programmes_added = min(10, free)
    assert grow(1) == (0, 0, 0, 0, 0)
    # The committee sits from its appointment in March 2025: before that, no extra meetings.
    advice = 6 if (last_day - advisory_demo.CEREMONY_DAY).days > 1 else 0
    assert grow(3) == (programmes_added, 4, 2, 40, advice)
    assert grow(3) == (0, 0, 0, 0, 0)
    programmes = Programme.objects.filter(plan=plan, code__startswith=f"{today.year}-S")
    assert programmes.count() == programmes_added > 0
    due = Milestone.objects.filter(programme__in=programmes).values_list("due_date", flat=True)
    assert all(day.year == today.year and day >= today for day in due)
    sessions = Session.objects.filter(course__slug__startswith=f"{today.year}-scaled-")
    assert sessions.count() == 16
    assert all(s.enrolments.count() in (20, 30) for s in sessions)
    assert CardNewsIssuePage.objects.filter(year=2024, month__in=(11, 12)).count() == 2
    assert ExternalRecord.objects.filter(learned_on__year__in=(2023, 2024), kind="conference").count() == 40
    assert Advice.objects.count() == advice_before + advice
