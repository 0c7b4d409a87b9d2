"""Browser journey of "국장님, DM 왔습니다": a member of staff sends a named question (with HTML in
it), the leader selects and answers it and publishes an episode, and the asker sees the
notification. axe-core on the ask form, the sent page, the queue, the answer form, the publish
form and the episode page."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.interviews.models import InterviewPage, Question
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser

QUESTION = "엠피스봇 정확도 95%는 언제쯤? <b>꼭</b> 알려 주세요"


def sign_out(page):
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("logout")).to_have_count(0)


def test_question_answer_publish_and_notification(page, login, assert_no_axe_violations):
    boss = staff_with_login(name="정대현", position="부장", roles=["leader"])
    me = staff_with_login(name="김민수")

    # A member of staff sends a named question.
    login(page, me)
    page.goto("/newsroom/interviews/")
    assert_no_axe_violations(page)
    page.get_by_label("받는 리더").select_option(label="정대현 (부장)")
    page.get_by_role("textbox", name=re.compile("^질문")).fill(QUESTION)
    page.get_by_label("이름을 밝히고 보내기").check()
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("question-sent")).to_be_visible()
    assert_no_axe_violations(page)
    question = Question.objects.get()
    assert question.asker_id == me.pk
    sign_out(page)

    # The leader selects it, answers it and publishes an episode.
    login(page, boss)
    page.goto("/newsroom/interviews/queue/")
    expect(page.get_by_test_id("pending-question").get_by_test_id("question-text")).to_have_text(QUESTION)
    assert_no_axe_violations(page)
    page.get_by_test_id("select-button").click()
    expect(page.get_by_role("status")).to_contain_text("질문을 선정했습니다")
    page.get_by_test_id("answer-link").click()
    expect(page.get_by_test_id("question-text")).to_have_text(QUESTION)
    assert_no_axe_violations(page)
    page.get_by_label("답변").fill("연말 고도화가 끝나면 95%를 넘길 수 있습니다.")
    page.get_by_test_id("answer-save").click()
    expect(page.get_by_test_id("answered-question")).to_have_count(1)
    page.get_by_test_id("publish-link").click()
    assert_no_axe_violations(page)
    page.get_by_label("회차 제목").fill("엠피스봇에서 장병e음까지")
    page.get_by_label(re.compile("엠피스봇 정확도")).check()
    page.get_by_test_id("publish-submit").click()
    expect(page.get_by_test_id("episode-number")).to_have_text("1회")
    expect(page.get_by_test_id("question-text")).to_have_text(QUESTION)  # the HTML as text
    expect(page.get_by_test_id("answer-text")).to_contain_text("95%를 넘길")
    assert_no_axe_violations(page)
    episode_url = page.url
    assert InterviewPage.objects.get().get_url() in episode_url
    sign_out(page)

    # The asker sees the notification and follows it to the episode.
    login(page, me)
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_test_id("notification-bell").click()
    link = page.get_by_test_id("notification-list").get_by_role("link", name=re.compile("1회에 실렸습니다"))
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_test_id("episode-number")).to_have_text("1회")


def test_anonymous_question_and_refused_empty_question(page, login, assert_no_axe_violations):
    boss = staff_with_login(name="정대현", roles=["leader"])
    me = staff_with_login(name="김민수")
    login(page, me)
    page.goto("/newsroom/interviews/")
    page.get_by_label("받는 리더").select_option(value=str(boss.pk))
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("field-error")).to_have_text("질문 내용을 적어 주세요.")
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name=re.compile("^질문")).fill("익명으로 묻습니다")
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("question-sent")).to_be_visible()
    question = Question.objects.get()
    assert question.is_anonymous and question.asker is None
