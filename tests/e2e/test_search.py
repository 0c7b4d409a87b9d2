import pytest
from playwright.sync_api import expect

from intranet.home.models import ContentPage, HomePage
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_site_search_with_particle_finds_staff_and_pages(page, login, assert_no_axe_violations):
    me = staff_with_login(name="이영희", department=DepartmentFactory(name="성과기획팀"))
    trainer = StaffFactory(
        name="김민수", department=DepartmentFactory(name="운영지원팀"), job_title="교육 기획"
    )
    StaffFactory(name="박정훈", job_title="예산 관리")
    guide = HomePage.objects.first().add_child(
        instance=ContentPage(
            title="교육 안내", slug="education-guide", body="<p>올해의 사내 과정과 신청 방법</p>"
        )
    )
    guide.save_revision().publish()
    HomePage.objects.first().add_child(
        instance=ContentPage(title="예산 지침", slug="budget")
    ).save_revision().publish()

    login(page, me)
    page.get_by_test_id("site-search").fill("교육을")
    page.get_by_test_id("site-search").press("Enter")
    expect(page).to_have_url("/search/?q=%EA%B5%90%EC%9C%A1%EC%9D%84")
    expect(page.get_by_test_id("search-input")).to_have_value("교육을")

    staff_results = page.get_by_test_id("staff-results")
    expect(staff_results.get_by_role("heading")).to_have_text("직원 1명")
    expect(staff_results.get_by_role("link")).to_have_text(["김민수"])
    pages = page.get_by_test_id("page-results")
    expect(pages.get_by_role("link")).to_have_text(["교육 안내"])
    expect(pages.get_by_role("heading")).to_have_text("페이지 1건")
    assert_no_axe_violations(page)

    pages.get_by_role("link", name="교육 안내").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("교육 안내")
    expect(page.get_by_text("올해의 사내 과정과 신청 방법")).to_be_visible()
    assert_no_axe_violations(page)

    page.go_back()
    staff_results.get_by_role("link", name="김민수").click()
    expect(page).to_have_url(trainer.get_absolute_url())
