import pytest
from playwright.sync_api import expect

from intranet.directory.models import Staff
from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.browser

BAD_STAFF_CSV = (
    "사번,성명,영문성명,부서코드,직급,직위,이메일,내선번호,휴대전화,입사일\n"
    "N0001,한지민,Han Jimin,EDU01,6급,팀원,jimin.han@agency.example,2101,,2023-03-02\n"
    "N0002,오세훈,Oh Sehun,X999,5급,팀장,sehun.oh@agency.example,2102,,2019-07-15\n"
).encode()


def test_hr_import_of_a_bad_file_reports_row_column_reason_and_writes_nothing(
    page, login, assert_no_axe_violations
):
    DepartmentFactory(code="EDU01", name="교육운영팀")
    hr = staff_with_login(roles=["HR admin"], name="최은정")
    staff_before = set(Staff.objects.values_list("employee_number", flat=True))

    login(page, hr)
    page.goto("/admin/directory/import/")
    # Wagtail's admin chrome is Wagtail's; the screen's own content is ours to keep clean.
    assert_no_axe_violations(page, "main")
    page.get_by_label("가져올 자료").select_option("staff")
    page.get_by_label("파일 (CSV 또는 XLSX)").set_input_files(
        {"name": "staff.csv", "mimeType": "text/csv", "buffer": BAD_STAFF_CSV}
    )
    page.get_by_test_id("import-submit").click()

    errors = page.get_by_test_id("import-errors")
    expect(errors.locator("thead th")).to_have_text(["행", "열", "사유"])
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td")).to_have_text(["3", "부서코드", "부서코드 X999인 부서가 없습니다."])
    expect(page.get_by_role("alert").filter(has_text="아무것도 저장하지 않았습니다")).to_be_visible()
    assert_no_axe_violations(page, "main")

    assert set(Staff.objects.values_list("employee_number", flat=True)) == staff_before
