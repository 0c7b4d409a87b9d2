"""The system-users' survey in a browser: an external respondent opens the one-time link on a
phone, answers without an account, and the same link then refuses a second answer; axe-core and
the production CSP on the public page."""

import pytest
from playwright.sync_api import expect

from intranet.surveys.models import ExternalRespondent, HeldResponse, Response
from intranet.surveys.services import survey_close
from tests.surveys.builders import build_external_survey, respondent_link_path

pytestmark = pytest.mark.browser


def test_a_respondent_answers_once_through_the_link_on_a_phone(browser, live_url, assert_no_axe_violations):
    survey = build_external_survey(respondents=[("user@mnd.example", "국방재정정보체계", "육군")])
    respondent = ExternalRespondent.objects.get(survey=survey)
    path = respondent_link_path(respondent)
    context = browser.new_context(
        locale="ko-KR",
        base_url=live_url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    try:
        page.goto(path)
        expect(page).to_have_url(path)  # no log-in asked
        expect(page.get_by_test_id("privacy-note")).to_contain_text(
            "이메일 주소도, 받은 링크도 저장되지 않습니다"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert_no_axe_violations(page)

        page.get_by_test_id("answer-submit").tap()  # the required question left empty
        expect(page.get_by_test_id("error-summary")).to_contain_text("확인이 필요한 문항이 1개 있습니다")
        assert_no_axe_violations(page)

        second_tab = context.new_page()  # the same link left open in another tab
        second_tab.goto(path)
        page.get_by_label("그렇다", exact=True).check()
        page.get_by_label("하고 싶은 말").fill("조회가 빨라졌으면 합니다.")
        page.get_by_test_id("answer-submit").tap()
        expect(page.get_by_test_id("survey-thanks")).to_contain_text("응답해 주셔서 감사합니다")
        assert_no_axe_violations(page)

        # The other tab submits too, and the link is opened again: refused, the first answer stays.
        second_tab.get_by_label("매우 그렇다", exact=True).check()
        second_tab.get_by_test_id("answer-submit").tap()
        expect(second_tab.get_by_test_id("survey-refusal")).to_contain_text("한 번만")
        page.goto(path)
        expect(page.get_by_test_id("survey-refusal")).to_contain_text("이미 응답을 제출했습니다")
        assert_no_axe_violations(page)
    finally:
        context.close()
    assert ExternalRespondent.objects.get(pk=respondent.pk).has_submitted
    assert HeldResponse.objects.filter(survey=survey).count() == 1  # held encrypted while open
    survey_close(survey=survey)
    response = Response.objects.get(survey=survey)
    assert [a.value for a in response.answers.exclude(value=None)] == [4]
