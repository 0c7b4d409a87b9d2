"""Course feedback through the survey engine: one survey per course opened by the first completed
session, each session's attendees added with their session as their group, the request linking
to the answer page, per-session results with the engine's suppression, who may read them, and
the programme review's score read from the cached results."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from intranet.home.models import Notification
from intranet.surveys.models import AudienceMember, Response, ResultCache, Survey
from intranet.surveys.results import results_memory_clear, survey_results, survey_results_refresh
from intranet.surveys.services import survey_close, survey_submit
from learning import feedback, services
from learning.models import CoursePage
from tests.factories import StaffFactory
from tests.surveys.builders import answer_payload

from .builders import build_course, build_session, bulk_courses, learning_admin, run_together


@pytest.fixture(autouse=True)
def _fresh_results_memory():
    results_memory_clear()
    yield
    results_memory_clear()


def complete(session, people, *, admin, absent=()):
    """Enrol ``people`` and ``absent``, mark them, complete the session an hour after its start."""
    present = [services.enrolment_create(session_id=session.pk, staff=p).pk for p in people]
    missing = [services.enrolment_create(session_id=session.pk, staff=p).pk for p in absent]
    services.attendance_mark(session_id=session.pk, present=present, absent=missing, actor=admin)
    return services.session_complete(
        session_id=session.pk, actor=admin, now=session.starts_at + dt.timedelta(hours=1)
    )


def answer_all(survey, people, value=4):
    for person in people:
        raw = answer_payload(survey, **dict.fromkeys(feedback.QUESTION_CODES[:-1], value))
        survey_submit(survey=survey, staff=person, raw=raw)


@pytest.mark.django_db
def test_first_completion_opens_one_survey_and_each_session_adds_its_attendees(
    django_capture_on_commit_callbacks,
):
    admin = learning_admin()
    course = build_course(title="클라우드 특강", year=2025)
    first = build_session(course, capacity=5, title="1차")
    second = build_session(course, capacity=5, title="2차", starts_in=dt.timedelta(days=20))
    team_a, absentee, team_b = StaffFactory.create_batch(3), StaffFactory(), StaffFactory.create_batch(2)

    with django_capture_on_commit_callbacks(execute=True):
        complete(first, team_a, admin=admin, absent=[absentee])
    survey = Survey.objects.get()
    assert (survey.context_key, survey.year, survey.mode, survey.status) == (
        f"learning.course:{course.pk}",
        2025,
        Survey.Mode.ANONYMOUS,
        Survey.Status.OPEN,
    )
    assert survey.title == "클라우드 특강 교육 만족도 조사" and survey.is_accepting_answers()
    codes = list(survey.questions.order_by("order").values_list("bank_question__code", flat=True))
    assert codes == list(feedback.QUESTION_CODES)
    assert survey.closes_at == first.ends_at + dt.timedelta(days=30)
    members = dict(AudienceMember.objects.values_list("staff_id", "context_key"))
    assert members == {p.pk: f"learning.session:{first.pk}" for p in team_a}
    # Each person who completed is asked once, by a link to the answer page; the absentee is not.
    asked = Notification.objects.filter(key=f"learning.feedback.{first.pk}")
    assert {n.recipient_id for n in asked} == {p.pk for p in team_a}
    assert {n.url for n in asked} == {f"/surveys/{survey.pk}/answer/"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in team_a)  # and by e-mail

    with django_capture_on_commit_callbacks(execute=True):
        complete(second, [*team_b, team_a[0]], admin=admin)
    assert Survey.objects.count() == 1
    members = dict(AudienceMember.objects.values_list("staff_id", "context_key"))
    assert {k for k, v in members.items() if v == f"learning.session:{second.pk}"} == {p.pk for p in team_b}
    assert members[team_a[0].pk] == f"learning.session:{first.pk}"  # in already: the first group stays
    survey.refresh_from_db()
    assert survey.closes_at == second.ends_at + dt.timedelta(days=30)
    # team_a[0] answers the course's survey once, as a member of 1차: 2차 asks only the two new
    # people; a retried task asks nobody twice.
    from learning.reminders import feedback_requests_send

    feedback_requests_send(session_id=second.pk)
    assert Notification.objects.filter(key__startswith="learning.feedback.").count() == 3 + 2
    # The survey is in the person's survey list and on the dashboard as any other.
    from intranet.surveys.selectors import my_surveys, pending_surveys

    assert [item.survey for item in my_surveys(staff=team_b[0])[0]] == [survey]
    assert pending_surveys(staff=team_b[0]) == [survey]


@pytest.mark.django_db
def test_identified_course_gets_an_identified_survey_and_a_closed_one_opens_the_next_round(
    django_capture_on_commit_callbacks,
):
    """A session completed after the course's survey was closed (and sealed, which never takes
    answers again) opens the course's next round; pages and the review read the latest."""
    from intranet.surveys.services import survey_close

    admin = learning_admin()
    course = build_course(feedback_mode=CoursePage.FeedbackMode.IDENTIFIED)
    complete(build_session(course, capacity=2), StaffFactory.create_batch(2), admin=admin)
    survey = feedback.course_survey(course.pk)
    assert survey.mode == Survey.Mode.IDENTIFIED
    survey_close(survey=survey)
    later = build_session(course, capacity=2, starts_in=dt.timedelta(days=15))
    with django_capture_on_commit_callbacks(execute=True):
        done = complete(later, StaffFactory.create_batch(2), admin=admin)
    assert len(done) == 2  # the completion itself goes through
    second = feedback.course_survey(course.pk)
    assert second.pk != survey.pk and second.status == Survey.Status.OPEN and second.title.endswith("(2차)")
    assert AudienceMember.objects.filter(survey=second).count() == 2
    assert AudienceMember.objects.filter(survey=survey).count() == 2  # the first round is kept as it was
    assert Notification.objects.filter(key=f"learning.feedback.{later.pk}").count() == 2
    assert feedback.survey_ids_by_course([course.pk]) == {course.pk: second.pk}


@pytest.mark.django_db
def test_a_request_that_runs_after_the_survey_closed_asks_nobody():
    """A queued request that runs once the survey is closed, or past its close (the demo's
    sessions of last year), sends nothing: "please answer" for a survey that refuses answers."""
    from learning.reminders import feedback_requests_send

    admin = learning_admin()
    session = build_session(build_course(), capacity=3)
    complete(session, StaffFactory.create_batch(3), admin=admin)
    survey = feedback.course_survey(session.course_id)
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - dt.timedelta(days=2), closes_at=now - dt.timedelta(minutes=1)
    )
    assert feedback_requests_send(session_id=session.pk) == 0
    Survey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() + dt.timedelta(days=3), status=Survey.Status.CLOSED
    )
    assert feedback_requests_send(session_id=session.pk) == 0
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    assert feedback_requests_send(session_id=session.pk) == 3
    assert Notification.objects.filter(key=f"learning.feedback.{session.pk}").count() == 3


def test_two_sessions_completed_at_once_open_one_survey(migrated_db):
    admin = learning_admin()
    course = build_course()
    sessions = [build_session(course, capacity=4, title=f"{n}차") for n in (1, 2)]
    for session in sessions:
        ids = [
            services.enrolment_create(session_id=session.pk, staff=p).pk for p in StaffFactory.create_batch(4)
        ]
        services.attendance_mark(session_id=session.pk, present=ids, absent=[], actor=admin)
    errors = run_together(
        lambda session: services.session_complete(
            session_id=session.pk, actor=admin, now=session.starts_at + dt.timedelta(hours=1)
        ),
        sessions,
    )
    assert errors == []
    assert Survey.objects.filter(context_key=feedback.course_key(course.pk)).count() == 1
    groups = sorted(AudienceMember.objects.values_list("context_key", flat=True))
    assert groups == [feedback.session_key(sessions[0].pk)] * 4 + [feedback.session_key(sessions[1].pk)] * 4


@pytest.mark.django_db
def test_per_session_results_hide_small_sessions_and_their_complement():
    admin = learning_admin()
    course = build_course(title="파이썬 기초")
    sizes = {"1차": 6, "2차": 7, "3차": 2}
    sessions, people = {}, {}
    for n, (title, size) in enumerate(sizes.items()):
        sessions[title] = build_session(
            course, capacity=size, title=title, starts_in=dt.timedelta(days=10 + n)
        )
        people[title] = StaffFactory.create_batch(size)
        complete(sessions[title], people[title], admin=admin)
    survey = feedback.course_survey(course.pk)
    for title, value in (("1차", 5), ("2차", 3), ("3차", 1)):
        answer_all(survey, people[title], value)
    survey_close(survey=survey)  # results of an anonymous survey exist from its close
    full = survey_results(survey=survey)
    assert full["overall"]["n"] == 15
    groups = {g["key"]: g for g in full["groups"]["context_key"]}
    key = {title: feedback.session_key(s.pk) for title, s in sessions.items()}
    # 3차 (2 people) is merged at close with the smallest other session, 1차 (6), so that neither
    # can be subtracted out; neither is shown as a group of its own
    for merged in ("3차", "1차"):
        assert key[merged] not in groups or groups[key[merged]]["suppressed"]
    day = timezone.localtime(sessions["2차"].starts_at).strftime("%Y. %-m. %-d.")
    assert groups[key["2차"]] == {"key": key["2차"], "label": f"{day} 2차", "n": 7, "suppressed": False}
    shown = survey_results(survey=survey, filters={"context_key": key["2차"]})
    assert shown["overall"]["score"] == 50.0
    assert shown["participation"] == {"audience": 7, "responses": 7, "response_rate": 100.0}
    for hidden in (key["1차"], key["3차"]):
        result = survey_results(survey=survey, filters={"context_key": hidden})
        assert result["suppressed"] and "overall" not in result


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("roles", "status"),
    [(("learning admin",), 200), ((), 403), (("survey admin",), 200), (("leader",), 200)],
)
def test_who_may_read_feedback_results(login_as, roles, status):
    admin = learning_admin()
    course = build_course()
    session = build_session(course, capacity=5)
    attendees = StaffFactory.create_batch(5)
    complete(session, attendees, admin=admin)
    survey = feedback.course_survey(course.pk)
    answer_all(survey, attendees)
    survey_close(survey=survey)  # results of an anonymous survey exist from its close
    client = login_as(*roles)
    url = feedback.results_url(survey_id=survey.pk, session_id=session.pk)
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response.context["filters"] == {"context_key": feedback.session_key(session.pk)}
        assert response.context["page"]["overall"]["score"] == 75.0
    assert client.get(f"/surveys/{survey.pk}/results.xlsx").status_code == status
    # The learning admins' predicate covers surveys bound to courses, not the culture survey.
    from tests.surveys.builders import build_survey

    culture = build_survey(status=Survey.Status.OPEN)
    expected = 403 if roles == ("learning admin",) or not roles else 200
    assert client.get(f"/surveys/{culture.pk}/results/").status_code == expected


@pytest.mark.django_db
def test_review_shows_each_courses_score_or_why_not_and_exports_it(login_as):
    admin = learning_admin()
    scored, few, _none = (build_course(title=t, year=2025) for t in ("가 과정", "나 과정", "다 과정"))
    for course, size in ((scored, 6), (few, 3)):
        people = StaffFactory.create_batch(size)
        complete(build_session(course, capacity=size), people, admin=admin)
        answer_all(feedback.course_survey(course.pk), people, value=4)
    waiting = build_course(title="라 과정", year=2025)
    complete(build_session(waiting, capacity=1), [StaffFactory()], admin=admin)
    for course in (scored, few):
        survey_close(survey=feedback.course_survey(course.pk))  # released, sealed, computed
        survey_results_refresh(survey_id=feedback.course_survey(course.pk).pk)

    client = login_as("learning admin")
    response = client.get("/learning/review/?year=2025")
    rows = {r.title: r.feedback for r in response.context["rows"]}
    assert (rows["가 과정"].score, rows["가 과정"].responses, rows["가 과정"].reason) == (75.0, 6, "")
    assert rows["나 과정"].score is None and "5명 미만" in rows["나 과정"].reason
    assert rows["다 과정"].reason == "만족도 조사 응답이 없습니다" and rows["다 과정"].survey_id is None
    assert rows["라 과정"].reason == "마감 후 집계합니다"  # open, anonymous: no figures until the close
    html = response.content.decode()
    survey_id = feedback.course_survey(scored.pk).pk
    assert f'href="/surveys/{survey_id}/results/" data-testid="feedback-results">75.0점' in html

    sheet = load_workbook(io.BytesIO(client.get("/learning/review/export.xlsx?year=2025").content)).active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["가 과정"][7:9] == (75.0, None)
    assert values["나 과정"][7] is None and "5명 미만" in values["나 과정"][8]


@pytest.mark.django_db
def test_review_queries_stay_fixed_with_scores_and_pages(login_as):
    client, url = login_as("learning admin"), "/learning/review/?year=2025"
    counts = []
    for size in (20, 400):
        ids = bulk_courses(size)
        surveys = Survey.objects.bulk_create(
            Survey(
                title=f"만족도 {pk}",
                year=2025,
                status=Survey.Status.CLOSED,
                opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
                context_key=feedback.course_key(pk),
            )
            for pk in ids
        )
        ResultCache.objects.bulk_create(
            ResultCache(
                survey=s, data={"overall": {"score": 81.5, "n": 9}, "participation": {"responses": 9}}
            )
            for s in surveys
        )
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 15, counts
    assert "81.5점" in response.content.decode()
    assert len(response.context["rows"]) == 50 and response.context["page_obj"].paginator.count == 420
    assert client.get(url + "&page=9").context["page_obj"].number == 9
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_people_added_by_a_later_session_refresh_the_cached_participation():
    # identified: its results follow the answers while open (an anonymous one's wait for the close)
    admin = learning_admin()
    course = build_course(feedback_mode=CoursePage.FeedbackMode.IDENTIFIED)
    first = StaffFactory.create_batch(5)
    complete(build_session(course, capacity=5), first, admin=admin)
    survey = feedback.course_survey(course.pk)
    answer_all(survey, first)
    assert survey_results(survey=survey)["participation"]["audience"] == 5
    complete(
        build_session(course, capacity=3, starts_in=dt.timedelta(days=12)),
        StaffFactory.create_batch(3),
        admin=admin,
    )
    assert survey_results(survey=survey)["participation"] == {
        "audience": 8,
        "responses": 5,
        "response_rate": 62.5,
    }


@pytest.mark.django_db
def test_manage_list_and_roster_link_to_the_sessions_results(login_as):
    admin = learning_admin()
    course = build_course(title="보안 특강")
    session = build_session(course, capacity=2)
    untouched = build_session(course, capacity=2, title="2차")
    complete(session, StaffFactory.create_batch(2), admin=admin)
    survey = feedback.course_survey(course.pk)
    client = login_as("learning admin")
    link = f"/surveys/{survey.pk}/results/?context_key=learning.session%3A{session.pk}"
    html = client.get("/learning/manage/").content.decode()
    assert html.count('data-testid="feedback-link"') == 1 and link in html
    roster = client.get(f"/learning/manage/sessions/{session.pk}/").content.decode()
    assert link in roster and f'href="/surveys/{survey.pk}/results/"' in roster
    assert (
        'data-testid="feedback-links"'
        not in client.get(f"/learning/manage/sessions/{untouched.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_score_reasons_read_from_the_cache_in_one_query(django_assert_num_queries):
    from intranet.surveys.selectors import scores_by_context

    def bound(pk, data):
        survey = Survey.objects.create(
            title="만족도",
            year=2025,
            status=Survey.Status.CLOSED,
            opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
            closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
            context_key=feedback.course_key(pk),
        )
        if data is not None:
            ResultCache.objects.create(survey=survey, data=data)

    bound(1, {"overall": {"score": 88.0}, "participation": {"responses": 12}, "min_group_size": 5})
    bound(2, {"overall": {"suppressed": True}, "participation": {"responses": 3}, "min_group_size": 5})
    bound(3, {"overall": {"suppressed": True}, "participation": {"responses": 40}, "min_group_size": 5})
    bound(4, None)
    with django_assert_num_queries(1):
        scores = scores_by_context([feedback.course_key(pk) for pk in (1, 2, 3, 4, 5)])
    reasons = [scores[feedback.course_key(pk)].reason for pk in (1, 2, 3, 4, 5)]
    assert reasons == [
        "",
        "응답자가 5명 미만이라 표시하지 않습니다",
        "작은 집단의 응답을 보호하려고 표시하지 않습니다",
        "아직 집계하지 않았습니다",
        "만족도 조사 응답이 없습니다",
    ]
    assert scores[feedback.course_key(1)].display == "88.0" and scores[feedback.course_key(5)].display == "—"
