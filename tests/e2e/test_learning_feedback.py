"""Course feedback in Chromium, with axe-core: the learning admin completes a session on the roster,
an attendee follows the feedback request from the notifications to the survey and answers it,
and the learning admin opens the session's results from the roster: participation only while the
survey is open, the figures once it has closed itself."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intranet.surveys.models import Survey
from intranet.surveys.services import survey_submit
from intranet.surveys.tasks import surveys_past_close_dispatch
from learning import feedback
from learning.models import Enrolment
from tests.factories import DepartmentFactory, staff_with_login
from tests.learning.builders import build_course, build_started_session
from tests.surveys.builders import answer_payload

pytestmark = pytest.mark.browser


def test_attendee_answers_feedback_from_the_request_and_admin_reads_the_session(
    page, browser, live_url, login, assert_no_axe_violations
):
    department = DepartmentFactory(name="정보화전략부")
    me = staff_with_login(name="김민수", department=department)
    others = [staff_with_login(name=f"동료{n}", department=department) for n in range(5)]
    admin = staff_with_login(roles=["learning admin"], name="박교육", department=department)
    course = build_course(title="클라우드 전문가 특강", category="expert_lecture")
    session = build_started_session(course, capacity=10, started=dt.timedelta(hours=2))
    for n, person in enumerate([me, *others], start=1):
        Enrolment.objects.create(
            session=session, staff=person, state=Enrolment.State.ATTENDED, queue_number=n
        )

    # The learning admin completes the session on the roster.
    admin_context = browser.new_context(locale="ko-KR", base_url=live_url, timezone_id="Asia/Seoul")
    admin_page = admin_context.new_page()
    login(admin_page, admin)
    admin_page.goto(f"/learning/manage/sessions/{session.pk}/")
    admin_page.get_by_test_id("complete-session").click()
    expect(admin_page.get_by_test_id("completed-tag")).to_be_visible()
    survey = feedback.course_survey(course.pk)
    assert survey is not None and survey.audience.count() == 6

    # Five colleagues answer; the attendee follows the request from the notifications.
    for person in others:
        raw = answer_payload(survey, **dict.fromkeys(feedback.QUESTION_CODES[:-1], 4))
        survey_submit(survey=survey, staff=person, raw=raw)
    login(page, me)
    page.goto("/notifications/")
    page.get_by_role("link", name="교육 만족도 조사에 참여해 주세요: 클라우드 전문가 특강").click()
    expect(page).to_have_url(f"/surveys/{survey.pk}/answer/")
    expect(page.get_by_test_id("privacy-context")).to_contain_text("참여한 차수")
    assert_no_axe_violations(page)
    for question in survey.questions.select_related("bank_question"):
        if question.bank_question.kind == "likert5":
            page.locator(f"label[for='q{question.pk}-4']").click()  # 매우 그렇다
        else:
            page.locator(f"#q{question.pk}").fill("실습 시간을 늘려 주세요.")
    page.get_by_test_id("answer-submit").click()
    expect(page).to_have_url(f"/surveys/{survey.pk}/thanks/")
    page.goto("/surveys/")
    expect(page.get_by_text("클라우드 전문가 특강 교육 만족도 조사")).to_be_visible()

    # The learning admin opens this session's results from the roster: while the anonymous
    # survey is open, participation only (the answers are held, encrypted, until the close).
    admin_page.reload()
    admin_page.get_by_test_id("feedback-session-results").click()
    expect(admin_page).to_have_url(
        f"/surveys/{survey.pk}/results/?context_key=learning.session%3A{session.pk}"
    )
    expect(admin_page.get_by_test_id("results-pending")).to_contain_text("결과는 마감 후에 공개합니다")
    expect(admin_page.get_by_test_id("pending-answered")).to_have_text("6명 중 6명")
    expect(admin_page.get_by_test_id("overall-score")).to_have_count(0)
    assert_no_axe_violations(admin_page)

    # Past its close the survey closes itself (the beat task): released, sealed, shown.
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert surveys_past_close_dispatch() == 1
    admin_page.reload()
    day = timezone.localtime(session.starts_at).strftime("%Y. %-m. %-d.")
    expect(admin_page.get_by_label("과정·차수")).to_have_value(f"learning.session:{session.pk}")
    expect(admin_page.get_by_label("과정·차수").locator("option:checked")).to_have_text(f"{day} 1차")
    expect(admin_page.get_by_test_id("response-count")).to_have_text("6")
    expect(admin_page.get_by_test_id("overall-score")).to_contain_text("79.17")  # (5 × 75 + 100) / 6
    assert_no_axe_violations(admin_page)
    admin_context.close()
