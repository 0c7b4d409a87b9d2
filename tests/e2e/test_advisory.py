"""Browser journeys of the advisory committee, with axe-core on every page they pass:

- a secretary appoints a member (a term ending before it starts is refused in Korean first) and
  downloads the appointment letter;
- a secretary records the appointment ceremony and uploads its photo through the admin's image
  chooser (the role's collection permissions), and the photo shows on the ceremony's page;
- a secretary records a meeting: attendance, an agenda item, a recusal (the quorum line drops),
  advice the recused member may not give, then approves the minutes (no more editing);
- a department head finds the advice on the dashboard and answers it;
- a member of staff reads the committee page on a phone: no contact details, no sideways scroll.
"""

import datetime as dt
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from advisory import services
from advisory.models import Advice, Ceremony, Meeting, Member, Term
from tests.advisory.builders import approve, committee, domain, meeting, member, secretary
from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_secretary_appoints_a_member_and_issues_the_letter(page, login, assert_no_axe_violations, tmp_path):
    login(page, secretary(name="조은비"))
    page.goto("/advisory/")
    page.get_by_test_id("advisory-members-link").click()
    assert_no_axe_violations(page)
    page.get_by_test_id("member-new").click()
    assert_no_axe_violations(page)
    page.locator("#id_name").fill("문가영")
    page.locator("#id_affiliation").fill("법무법인 세종")
    page.locator("#id_title").fill("변호사")
    page.locator("#id_domain").select_option(label="법률")
    page.locator("#id_email").fill("moon@law.example")
    page.get_by_test_id("member-save").click()
    expect(page.get_by_role("status")).to_contain_text("문가영 위원을 저장했습니다")
    expect(page.get_by_test_id("member-email")).to_have_text("moon@law.example")

    form = page.get_by_test_id("term-form")
    form.locator("#id_starts_on").fill("2025-03-14")
    form.locator("#id_ends_on").fill("2025-03-01")
    page.get_by_test_id("term-save").click()
    expect(page.locator(".error")).to_contain_text(
        "임기 만료일(2025. 3. 1.)이 위촉일(2025. 3. 14.)보다 뒤여야 합니다."
    )
    assert not Term.objects.exists()
    assert_no_axe_violations(page)
    form.locator("#id_ends_on").fill("2027-03-13")
    page.get_by_test_id("term-save").click()
    expect(page.get_by_role("status")).to_contain_text("위촉장 번호: 2025-01")
    expect(page.get_by_test_id("term")).to_contain_text("2025. 3. 14. ~ 2027. 3. 13.")

    with page.expect_download() as info:
        page.get_by_test_id("letter-link").click()
    path = tmp_path / "letter.pdf"
    info.value.save_as(path)
    text = "".join(
        PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text().replace("\x00", "").split()
    )
    assert "위촉장" in text and "문가영" in text and "법률분야위원(으)로위촉합니다" in text
    assert Term.objects.get().letter_issued_at is not None


def test_secretary_records_the_ceremony_and_uploads_its_photo(
    page, login, assert_no_axe_violations, tmp_path
):
    from PIL import Image

    sec = secretary(name="조은비")
    photo = tmp_path / "ceremony.png"
    Image.new("RGB", (640, 427), (150, 30, 30)).save(photo)

    login(page, sec)
    page.goto("/admin/advisory_ceremonies/new/")
    page.locator("#id_title").fill("2025년 자문위원 위촉식")
    page.locator("#id_held_on").fill("2025-03-14")
    page.keyboard.press("Tab")
    page.locator("#id_place").fill("본관 대회의실")
    page.locator("#id_photo-chooser").get_by_role("button", name="이미지 선택").click()
    modal = page.locator(".modal-dialog")
    modal.locator("#tab-label-upload").click()  # the upload tab: only with the collection permission
    modal.locator("#id_image-chooser-upload-title").fill("위촉식 단체 사진")
    modal.locator("#id_image-chooser-upload-file").set_input_files(photo)
    modal.locator("#tab-upload").get_by_role("button", name="업로드").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_photo-chooser")).to_contain_text("위촉식 단체 사진")
    page.get_by_role("button", name="생성", exact=True).click()
    expect(page.locator(".messages .success")).to_be_visible()

    ceremony = Ceremony.objects.get()
    assert ceremony.photo.title == "위촉식 단체 사진"
    assert ceremony.photo.uploaded_by_user == sec.user
    page.goto(ceremony.get_absolute_url())
    shown = page.get_by_test_id("ceremony").get_by_role("img", name="2025년 자문위원 위촉식")
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.complete && img.naturalWidth") > 0  # the rendition loaded
    assert_no_axe_violations(page)


def test_secretary_records_a_meeting_with_a_recusal_and_approves_the_minutes(
    page, login, assert_no_axe_violations
):
    sec = secretary(name="조은비")
    members = committee(sec, 5)  # 한정민 오세린 배준호 문가영 서태윤; quorum 3
    DepartmentFactory(name="클라우드팀", sort_order=1)
    login(page, sec)
    page.goto("/advisory/meetings/new/")
    assert_no_axe_violations(page)
    page.locator("#id_number").fill("2")
    page.locator("#id_title").fill("2025년 제2차 자문위원회")
    page.locator("#id_held_at").fill("2025-07-10T14:00")
    page.locator("#id_place").fill("본관 대회의실")
    page.get_by_test_id("meeting-save").click()
    expect(page.get_by_role("status")).to_contain_text("회의를 저장했습니다")

    attendance = page.get_by_test_id("attendance-form")
    for m in members[:3]:
        attendance.get_by_label(m.name).check()
    page.get_by_test_id("attendance-save").click()
    expect(page.get_by_role("status")).to_contain_text("출석을 기록했습니다")

    items = page.get_by_test_id("item-form")
    items.locator("#id_title").fill("클라우드 전환 2단계 사업 계획")
    items.locator("#id_presenter_department").select_option(label="클라우드팀")
    page.get_by_test_id("item-save").click()
    expect(page.get_by_test_id("item-quorum")).to_contain_text("의결 참여 3명")

    recusal = page.get_by_test_id("recusal-form")
    recusal.locator("#id_member").select_option(label="오세린")
    recusal.locator("#id_reason").fill("소속 기관이 사업 참여를 검토 중")
    page.get_by_test_id("recusal-save").click()
    expect(page.get_by_test_id("item-recusal")).to_contain_text(
        "오세린 위원은 이해충돌로 이 안건 심의에서 회피함"
    )
    expect(page.get_by_test_id("item-quorum")).to_contain_text("의결 참여 2명")
    expect(page.get_by_test_id("item-quorum")).to_contain_text("미달")
    assert_no_axe_violations(page)

    # Advice with the recused member among its givers (and so without quorum) is refused.
    advice = page.get_by_test_id("advice-form")
    advice.locator("#id_text").fill("전환 우선순위를 장애 영향도 기준으로 정할 것")
    advice.locator("#id_domain").select_option(label="IT")
    advice.locator("#id_department").select_option(label="클라우드팀")
    advice.locator("#id_due_on").fill("2025-08-10")
    advice.get_by_label("오세린").check()
    page.get_by_test_id("advice-save").click()
    expect(page.locator(".error")).to_contain_text(
        "이해충돌로 회피한 위원(오세린)은 이 안건의 정족수와 의견에 넣을 수 없습니다."
    )
    assert not Advice.objects.exists()

    page.get_by_test_id("meeting-edit").click()
    page.locator("#id_minutes").fill("오세린 위원은 이해충돌로 안건 1에서 회피함. 정족수 미달로 의견 없음.")
    page.locator("#id_summary").fill("클라우드 전환 계획을 보고받음.")
    page.get_by_test_id("meeting-save").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_role("status")).to_contain_text("회의록을 확정했습니다")
    expect(page.get_by_test_id("minutes-status")).to_contain_text("확정")
    expect(page.get_by_test_id("meeting-manage")).to_have_count(0)
    assert_no_axe_violations(page)
    record = Meeting.objects.get()
    page.goto(f"/advisory/meetings/{record.pk}/edit/")
    expect(page.get_by_role("status")).to_contain_text("회의록은 확정되어 더 고칠 수 없습니다")
    record.refresh_from_db()
    assert record.minutes.startswith("오세린 위원은") and record.is_approved


@pytest.fixture
def advice_for_head():
    sec = secretary()
    members = committee(sec, 3)
    department = DepartmentFactory(name="데이터관리부")
    head = staff_with_login(name="정대현", department=department, position="부장")
    department.head = head
    department.save()
    record, (item,) = meeting(sec, department=department)
    services.attendance_record(by=sec, meeting=record, present=members)
    advice = services.advice_give(
        by=sec,
        item=item,
        text="데이터 품질 진단 결과를 부서 성과지표에 반영할 것",
        department=department,
        due_on=dt.date(2025, 5, 17),
        domain=domain("성과관리"),
        given_by=members[:1],
    )
    approve(sec, record)
    return head, advice


def test_a_department_head_answers_an_advice_item(page, login, assert_no_axe_violations, advice_for_head):
    head, advice = advice_for_head
    login(page, head)
    panel = page.get_by_test_id("panel-advisory.awaiting")
    expect(panel).to_contain_text("데이터 품질 진단 결과")
    panel.get_by_test_id("awaiting-advice").get_by_role("link").click()
    assert_no_axe_violations(page)
    page.get_by_label("일부 수용").check()
    page.get_by_test_id("response-save").click()
    expect(page.locator(".error")).to_contain_text("일부 수용이나 불수용이면 그 사유를 적어 주세요.")
    advice.refresh_from_db()
    assert advice.stage == Advice.Stage.AWAITING
    page.get_by_label("일부 수용").check()
    page.locator("#id_reason").fill("2026년 지표부터 반영합니다.")
    page.get_by_test_id("response-save").click()
    expect(page.get_by_role("status")).to_contain_text("회신을 저장했습니다")
    expect(page.get_by_test_id("advice-stage")).to_have_text("이행 중")
    page.locator("#id_progress").fill("30")
    page.locator("#id_note").fill("지표 정의서 초안 작성")
    page.get_by_test_id("progress-save").click()
    expect(page.get_by_test_id("advice-progress")).to_have_text("30%")
    assert_no_axe_violations(page)

    page.goto("/advisory/advice/")
    filters = page.get_by_test_id("advice-filter")
    filters.get_by_label("진행 상태").select_option(label="이행 중")
    page.get_by_test_id("advice-filter-submit").click()
    expect(page.get_by_test_id("advice-text")).to_have_count(1)
    assert_no_axe_violations(page)


def test_staff_read_the_committee_page_on_a_phone(browser, live_url, login, assert_no_axe_violations):
    sec = secretary()
    members = committee(sec, 4)
    contact = member(sec, name="홍지우", domain_name="IT", email="hong@it.example", phone="010-1234-5678")
    services.term_appoint(by=sec, member=contact, starts_on=dt.date(2023, 3, 1), ends_on=dt.date(2025, 2, 28))
    record, (_item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    approve(sec, record)
    meeting(sec, day=dt.date(2025, 9, 1), number=2, title="초안 회의")  # draft: staff never see it
    context = browser.new_context(
        locale="ko-KR",
        base_url=live_url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    try:
        login(page, staff_with_login(name="김민수"))
        page.goto("/advisory/?year=2025")
        expect(page.get_by_test_id("current-member")).to_have_count(4)
        expect(page.get_by_test_id("past-member")).to_contain_text("홍지우")
        expect(page.get_by_test_id("meeting-summary")).to_have_count(1)
        expect(page.locator("main")).not_to_contain_text("초안 회의")
        content = page.content()
        assert "hong@it.example" not in content and "010-1234-5678" not in content
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width
        assert_no_axe_violations(page)
        page.get_by_test_id("meeting-summary").get_by_role("link").tap()
        expect(page.get_by_test_id("agenda-item")).to_have_count(1)
        assert_no_axe_violations(page)
        assert Member.objects.count() == 5
    finally:
        context.close()
