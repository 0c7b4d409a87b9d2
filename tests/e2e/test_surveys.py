"""Browser journeys of the surveys: answering with the keyboard only, results with small groups
hidden, and axe-core on every survey page type."""

import datetime

import pytest
from playwright.sync_api import expect

from intranet.roles import Role
from intranet.surveys.models import (
    Answer,
    BankQuestion,
    HeldResponse,
    ImprovementTask,
    QuestionKind,
    Response,
)
from intranet.surveys.services import survey_close, survey_launch
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.surveys import factories as f
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.browser

HIDDEN = "응답자 수가 적어 표시하지 않습니다"


def keyboard_survey():
    """Likert 5, multiple choice, eNPS and an optional free text, launched."""
    leadership = f.area("leadership", 1, "리더십")
    questions = [
        BankQuestion.objects.create(
            code="lead-1", text="상사는 나를 존중한다.", kind=QuestionKind.LIKERT5, area=leadership
        ),
        BankQuestion.objects.create(
            code="want", text="바라는 제도", kind=QuestionKind.MULTIPLE, choices=["유연근무", "교육", "휴가"]
        ),
        BankQuestion.objects.create(code="nps", text="우리 기관을 추천하시겠습니까?", kind=QuestionKind.ENPS),
        BankQuestion.objects.create(code="free", text="하고 싶은 말", kind=QuestionKind.TEXT),
    ]
    survey = build_survey(questions=questions)
    survey_launch(survey=survey)
    return survey


def test_answer_with_the_keyboard_only_then_gone_from_the_dashboard(page, login, assert_no_axe_violations):
    me = staff_with_login(name="김민수", department=DepartmentFactory(name="정보체계팀"))
    survey = keyboard_survey()
    login(page, me)

    panel = page.get_by_test_id("panel-surveys.to_answer")
    expect(panel).to_contain_text("2025 조직문화 설문")
    panel.get_by_test_id("pending-survey").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"/surveys/{survey.pk}/answer/")
    expect(page.get_by_test_id("privacy-note")).to_contain_text("이름, 사번, 계정이 저장되지 않습니다")
    assert_no_axe_violations(page)

    questions = {q.bank_question.code: f"q{q.pk}" for q in survey.questions.select_related("bank_question")}

    # Submitting with the required questions empty: marked in Korean, summary at the top.
    page.get_by_test_id("answer-submit").focus()
    page.keyboard.press("Enter")
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("확인이 필요한 문항이 3개 있습니다")
    expect(page.get_by_test_id("question-error")).to_have_count(3)
    assert_no_axe_violations(page)

    # From the skip link into the form: Tab, Arrow keys and Space only.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="본문으로 건너뛰기")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the first link of the error summary
    expect(summary.get_by_role("link").first).to_be_focused()
    for _ in range(3):
        page.keyboard.press("Tab")
    first = page.locator(f"#{questions['lead-1']}-0")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{questions['lead-1']}-3")).to_be_checked()

    page.keyboard.press("Tab")  # multiple choice: each checkbox is a tab stop
    expect(page.locator(f"#{questions['want']}-0")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator(f"#{questions['want']}-2")).to_be_checked()

    page.keyboard.press("Tab")  # eNPS: one radio group
    expect(page.locator(f"#{questions['nps']}-0")).to_be_focused()
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{questions['nps']}-9")).to_be_checked()

    page.keyboard.press("Tab")
    expect(page.locator(f"#{questions['free']}")).to_be_focused()
    page.keyboard.type("회의를 줄였으면 합니다.")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("answer-draft")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("answer-submit")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"/surveys/{survey.pk}/thanks/")
    expect(page.get_by_test_id("survey-thanks")).to_contain_text("응답해 주셔서 감사합니다")
    assert_no_axe_violations(page)
    # Open and anonymous: the answer is held encrypted (docs/surveys.md §2), none on the answer side.
    assert HeldResponse.objects.filter(survey=survey).count() == 1
    assert not Response.objects.filter(survey=survey).exists()

    page.goto("/")
    expect(page.get_by_test_id("dashboard")).to_be_visible()
    expect(page.get_by_test_id("panel-surveys.to_answer")).to_have_count(0)
    page.goto("/surveys/")
    expect(page.get_by_test_id("open-survey").get_by_test_id("my-status")).to_have_text("응답 완료")
    assert_no_axe_violations(page)

    page.goto(f"/surveys/{survey.pk}/answer/")  # a second visit: a clear message, no form
    expect(page.get_by_test_id("survey-refusal")).to_contain_text("이미 응답을 제출했습니다")
    assert_no_axe_violations(page)

    # The close releases what the keyboard entered, without the name.
    survey_close(survey=survey)
    response = Response.objects.get(survey=survey)
    assert response.respondent_id is None
    answers = {
        a.question.bank_question.code: a for a in Answer.objects.select_related("question__bank_question")
    }
    assert (answers["lead-1"].value, answers["want"].choices, answers["nps"].value) == (4, [0, 2], 9)
    assert answers["free"].text == "회의를 줄였으면 합니다."


def test_answer_page_fits_a_phone(browser, live_url, login):
    context = browser.new_context(
        locale="ko-KR",
        base_url=live_url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    try:
        me = staff_with_login(name="이영희")
        survey = keyboard_survey()
        login(page, me)
        page.goto(f"/surveys/{survey.pk}/answer/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width
        page.get_by_text("매우 그렇다").tap()  # the label is the tap target
        expect(page.get_by_label("매우 그렇다")).to_be_checked()
        page.get_by_test_id("answer-draft").tap()
        expect(page.get_by_text("임시 저장했습니다.")).to_be_visible()
        expect(page.get_by_label("매우 그렇다")).to_be_checked()
    finally:
        context.close()


def test_survey_admin_sees_results_with_the_small_department_hidden(page, login, assert_no_axe_violations):
    leadership, talk = f.area("leadership", 1, "리더십"), f.area("talk", 2, "소통")
    survey = f.survey(
        [f.bank("lead", area=leadership), f.bank("talk", area=talk)], title="2025 조직문화 설문"
    )
    for code, name, n, value in (("A", "기획팀", 7, 5), ("B", "홍보팀", 6, 4), ("C", "작은팀", 2, 1)):
        dept = f.department(code, name)
        f.audience(survey, dept, n)
        f.respond(survey, {"lead": value, "talk": 3}, dept=dept, times=n)
    ImprovementTask.objects.create(
        survey=survey,
        area=leadership,
        title="리더 면담 정례화",
        department=f.department("A"),
        owner=StaffFactory(),
        due_date=datetime.date(2026, 6, 30),
        status=ImprovementTask.Status.DONE,
        published_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
    )
    admin = staff_with_login(roles=[Role.SURVEY_ADMIN], name="박정훈")
    login(page, admin)

    page.goto("/surveys/")
    expect(page.get_by_test_id("you-said-we-did")).to_contain_text("리더 면담 정례화")
    assert_no_axe_violations(page)
    page.get_by_test_id("results-link").first.click()
    expect(page).to_have_url(f"/surveys/{survey.pk}/results/")
    expect(page.get_by_test_id("response-count")).to_have_text("15")
    small = page.get_by_test_id("heatmap-row").filter(has_text="작은팀")
    expect(small).to_contain_text(HIDDEN)
    expect(small).not_to_contain_text("n=2")
    expect(page.get_by_test_id("results-areas").locator("svg")).to_have_count(1)
    assert_no_axe_violations(page)

    # The department is found by name (no list of every department): several match, then one.
    department = page.get_by_test_id("results-filter").get_by_label("부서", exact=True)
    department.fill("팀")
    page.get_by_test_id("results-filter").get_by_role("button", name="보기").click()
    expect(page.get_by_test_id("results-department-error")).to_contain_text("이름이 맞는 부서가")
    assert_no_axe_violations(page)
    page.get_by_test_id("results-department-matches").get_by_role("link", name="작은팀").click()
    expect(page.get_by_test_id("results-hidden")).to_contain_text(HIDDEN)
    expect(page.get_by_test_id("results-department")).to_contain_text("작은팀")
    department.fill("작은")
    page.get_by_test_id("results-filter").get_by_role("button", name="보기").click()
    expect(page.get_by_test_id("results-hidden")).to_contain_text(HIDDEN)
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_test_id("results-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.goto(f"/surveys/{survey.pk}/tasks/")
    expect(page.get_by_test_id("task-column-done")).to_contain_text("리더 면담 정례화")
    expect(page.get_by_test_id("task-table")).to_contain_text("리더 면담 정례화")
    assert_no_axe_violations(page)
    page.get_by_test_id("task-create").click()
    expect(page.get_by_test_id("task-form")).to_be_visible()
    assert_no_axe_violations(page)

    # The owner is chosen by name: typing part of it lists the matching colleagues to pick from.
    StaffFactory(name="윤지민", employee_number="E770001", department=f.department("B"))
    form = page.get_by_test_id("task-form")
    form.get_by_label("영역").select_option(label="소통")
    form.get_by_label("개선 과제").fill("부서 간 협업 회의")
    form.get_by_label("담당 부서").select_option(label="홍보팀")
    owner = form.get_by_label("담당자")
    owner.press_sequentially("윤지")
    suggestion = page.locator("#id_owner-suggestions option")
    expect(suggestion).to_have_count(1)
    assert "E770001" in suggestion.first.get_attribute("value")
    assert_no_axe_violations(page)
    owner.fill(suggestion.first.get_attribute("value"))
    form.get_by_label("기한").fill("2026-10-31")
    page.get_by_test_id("task-save").click()
    expect(page.get_by_test_id("task-table")).to_contain_text("부서 간 협업 회의")
    assert ImprovementTask.objects.get(title="부서 간 협업 회의").owner.employee_number == "E770001"
