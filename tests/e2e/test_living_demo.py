"""One browser journey on the living demo, seeded at the real date (whatever day CI runs): the
staff log-in of the README finds this year's sessions on the education home, enrols in the open
one, sees "신청 마감" on the one whose enrolment has closed, finds the open culture survey and this
month's card news. axe-core on the course pages, the survey list and the newsroom home."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from intranet.directory.demo import DEMO_PASSWORD
from learning.demo import LIVE_COURSES, live_slug
from learning.models import CoursePage

pytestmark = pytest.mark.browser


def test_a_new_user_walks_the_living_demo(page, login, assert_no_axe_violations):
    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    open_course, _full, closed_course = (
        CoursePage.objects.get(slug=live_slug(spec, today.year)) for spec in LIVE_COURSES
    )
    login(page, User.objects.get(username="staff"), password=DEMO_PASSWORD)  # the README's log-in

    page.goto("/learning/")
    upcoming = page.get_by_test_id("upcoming-sessions")
    expect(upcoming).to_contain_text(open_course.title)
    upcoming.get_by_role("link", name=open_course.title).click()
    page.get_by_test_id("enrol-button").click()
    expect(page.get_by_test_id("my-state")).to_contain_text("신청 완료")
    assert_no_axe_violations(page)

    page.goto(closed_course.url)
    expect(page.get_by_test_id("enrol-note")).to_have_text("신청 마감")
    expect(page.get_by_test_id("enrol-button")).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto("/surveys/")
    expect(page.get_by_role("main")).to_contain_text(f"{today.year}년 조직문화 수시 설문")
    assert_no_axe_violations(page)

    page.goto("/newsroom/")
    expect(page.get_by_role("main")).to_contain_text("이달의 이음 소식")
    assert_no_axe_violations(page)
