"""The education pages through HTTP: enrol / waitlist / cancel buttons, Korean refusals, the
roster, certificates and the verify page."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from pypdf import PdfReader

from learning import services
from learning.models import Completion, Enrolment, EnrolmentEvent
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_course, build_session, learning_home

pytestmark = pytest.mark.django_db
State = Enrolment.State


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_learning_home_is_a_wagtail_page_at_learning(login_as):
    client = login_as()
    course = build_course(title="클라우드 전문가 특강")
    home = learning_home()
    home.featured_courses.create(course=course)
    home.save_revision().publish()
    response = client.get("/learning/")
    assert response.status_code == 200
    assert "클라우드 전문가 특강" in response.content.decode()


def test_enrol_then_waitlist_then_cancel_promotes(login_as):
    session = build_session(capacity=1)
    a, b = login_as(), login_as()
    url = f"/learning/sessions/{session.pk}/enrol/"
    response = a.post(url)
    assert response.status_code == 302 and response["Location"].endswith(f"#session-{session.pk}")
    assert message_texts(response) == ["신청했습니다."]
    response = b.post(url, follow=True)
    assert "대기자로 등록했습니다" in response.content.decode()
    assert 'data-testid="waitlist-position">대기 1번째' in response.content.decode()
    # A double submit is refused in Korean and changes nothing.
    again = b.post(url)
    assert "이미 이 차수에 신청했습니다" in message_texts(again)[0]
    assert Enrolment.objects.filter(session=session).count() == 2
    mine = Enrolment.objects.get(staff=a.staff)
    # Someone else cannot cancel my enrolment.
    assert b.post(f"/learning/enrolments/{mine.pk}/cancel/").status_code == 403
    a.post(f"/learning/enrolments/{mine.pk}/cancel/")
    assert Enrolment.objects.get(staff=b.staff).state == State.ENROLLED


def test_enrol_after_window_is_refused_with_a_message(login_as):
    now = timezone.now()
    session = build_session(
        enrol_closes_at=now - dt.timedelta(hours=1), enrol_opens_at=now - dt.timedelta(days=3)
    )
    client = login_as()
    response = client.post(f"/learning/sessions/{session.pk}/enrol/")
    assert message_texts(response) == ["신청 기간이 끝났습니다."]
    assert not Enrolment.objects.exists()
    assert client.get(f"/learning/sessions/{session.pk}/enrol/").status_code == 405


def test_catalogue_filters(login_as):
    client = login_as()
    it = build_course(title="파이썬 데이터 분석", is_mandatory=True)
    build_session(it, capacity=1, online_url="https://meet.example/abc")
    lecture = build_course(title="AI 전문가 특강", category="expert_lecture")
    full = build_session(lecture, capacity=1)
    services.enrolment_create(session_id=full.pk, staff=StaffFactory())

    def titles(query):
        html = client.get("/learning/catalogue/" + query).content.decode()
        return {t for t in ("파이썬 데이터 분석", "AI 전문가 특강") if t in html}

    assert titles("") == {"파이썬 데이터 분석", "AI 전문가 특강"}
    assert titles("?category=expert_lecture") == {"AI 전문가 특강"}
    assert titles("?mandatory=on") == {"파이썬 데이터 분석"}
    assert titles("?seats=on") == {"파이썬 데이터 분석"}
    assert titles("?mode=online") == {"파이썬 데이터 분석"}
    assert titles("?mode=offline") == {"AI 전문가 특강"}
    month = timezone.localtime(full.starts_at).month
    other = 1 if month != 1 else 2
    assert titles(f"?month={month}") == {"파이썬 데이터 분석", "AI 전문가 특강"}
    assert titles(f"?month={other}") == set()


def _complete(course=None, people=2, hours=Decimal("8")):
    from .builders import learning_admin

    session = build_session(course or build_course(hours=hours), capacity=people)
    staff = [StaffFactory(name=n) for n in ("김민수", "이영희", "박정훈")[:people]]
    rows = [services.enrolment_create(session_id=session.pk, staff=s) for s in staff]
    admin = learning_admin()
    services.attendance_mark(
        session_id=session.pk, present=[rows[0].pk], absent=[r.pk for r in rows[1:]], actor=admin
    )
    services.session_complete(session_id=session.pk, actor=admin, now=session.ends_at)
    return session, staff


def test_certificate_pdf_has_the_korean_name_and_code_and_only_the_owner_gets_it(login_as, client):
    owner = login_as(name="홍길동")
    session = build_session(build_course(title="정보보안 실무", hours=Decimal("12")), capacity=2)
    enrolment = services.enrolment_create(session_id=session.pk, staff=owner.staff)
    from .builders import learning_admin

    admin = learning_admin()
    services.attendance_mark(session_id=session.pk, present=[enrolment.pk], absent=[], actor=admin)
    services.session_complete(session_id=session.pk, actor=admin, now=session.ends_at)
    completion = Completion.objects.get()
    response = owner.get(f"/learning/certificates/{completion.code}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # pypdf spaces out (or NUL-separates) the syllables of an embedded CID font: compare without them.
    text = "".join(
        PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace("\x00", "").split()
    )
    assert "홍길동" in text
    assert "정보보안실무" in text and "수료증" in text
    assert completion.code.replace("-", "") in text.replace("-", "")
    assert login_as().get(f"/learning/certificates/{completion.code}.pdf").status_code == 403
    assert login_as("learning admin").get(f"/learning/certificates/{completion.code}.pdf").status_code == 200
    assert owner.get("/learning/certificates/NOPE-NOPE-NOPE.pdf").status_code == 404


def test_verify_page_shows_the_completion_or_a_korean_message(login_as):
    _session, staff = _complete()
    completion = Completion.objects.get()
    client = login_as()
    ok = client.get(f"/learning/verify/{completion.code}/")
    assert ok.status_code == 200 and staff[0].name in ok.content.decode()
    form = client.get("/learning/verify/", {"code": completion.code.lower()})
    assert form.status_code == 200 and 'data-testid="verify-result"' in form.content.decode()
    bad = client.get("/learning/verify/ZZZZ-ZZZZ-ZZZZ/")
    assert bad.status_code == 404
    assert "확인 번호 ZZZZ-ZZZZ-ZZZZ인 수료증이 없습니다" in bad.content.decode()


def test_roster_marks_attendance_and_completes(login_as):
    admin = login_as("learning admin")
    session = build_session(
        capacity=3,
        starts_in=dt.timedelta(hours=-1),
        enrol_opens_at=timezone.now() - dt.timedelta(days=9),
        enrol_closes_at=timezone.now() - dt.timedelta(days=2),
        cancel_cutoff_at=timezone.now() - dt.timedelta(days=2),
        promotion_cutoff_at=timezone.now() - dt.timedelta(days=2),
    )
    people = StaffFactory.create_batch(2)
    rows = []
    for p in people:
        rows.append(
            Enrolment.objects.create(
                session=session, staff=p, state=State.ENROLLED, queue_number=len(rows) + 1
            )
        )
    page = admin.get(f"/learning/manage/sessions/{session.pk}/")
    assert page.status_code == 200 and page.content.decode().count('data-testid="roster-row"') == 2
    stranger = build_session()
    other = services.enrolment_create(session_id=stranger.pk, staff=people[0])
    refused = admin.post(
        f"/learning/manage/sessions/{session.pk}/attendance/", {f"attend-{other.pk}": "present"}
    )
    assert "수강자가 아닌 사람이 1명" in message_texts(refused)[0]
    admin.post(
        f"/learning/manage/sessions/{session.pk}/attendance/",
        {f"attend-{rows[0].pk}": "present", f"attend-{rows[1].pk}": "absent"},
    )
    response = admin.post(f"/learning/manage/sessions/{session.pk}/complete/")
    assert message_texts(response)[-1] == "수료 처리했습니다. 수료 1명."
    assert list(Completion.objects.values_list("staff", flat=True)) == [people[0].pk]
    assert EnrolmentEvent.objects.filter(action="attend", actor=admin.staff).count() == 1


def test_roster_list_upload_rejects_with_a_report_and_department_enrols(login_as):
    admin = login_as("learning admin")
    session = build_session(capacity=5)
    department = DepartmentFactory(name="정보화전략부")
    StaffFactory.create_batch(2, department=department)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("명단.csv", "사번\nX999\n".encode(), content_type="text/csv")
    response = admin.post(f"/learning/manage/sessions/{session.pk}/list/", {"file": upload}, follow=True)
    html = response.content.decode()
    assert "아무도 신청하지 않았습니다" in html and "2행" in html and "X999" in html
    assert not session.enrolments.exists()
    response = admin.post(
        f"/learning/manage/sessions/{session.pk}/department/",
        {"department": department.pk, "include_subdepartments": "on"},
    )
    assert "2명 신청" in message_texts(response)[0]
    assert session.enrolments.count() == 2


def test_capacity_form_promotes_and_refuses_below_taken(login_as):
    admin = login_as("learning admin")
    session = build_session(capacity=1)
    a, b = StaffFactory(), StaffFactory()
    services.enrolment_create(session_id=session.pk, staff=a)
    services.enrolment_create(session_id=session.pk, staff=b)
    admin.post(f"/learning/manage/sessions/{session.pk}/capacity/", {"capacity": 2})
    assert Enrolment.objects.get(staff=b).state == State.ENROLLED
    response = admin.post(f"/learning/manage/sessions/{session.pk}/capacity/", {"capacity": 1})
    assert "줄일 수 없습니다" in message_texts(response)[-1]


def test_approval_screen_for_the_department_head(login_as):
    department = DepartmentFactory()
    head = login_as(department=department)
    department.head = head.staff
    department.save()
    session = build_session(build_course(requires_approval=True), capacity=2)
    enrolment = services.enrolment_create(session_id=session.pk, staff=StaffFactory(department=department))
    assert enrolment.state == State.PENDING
    assert "승인" in head.get("/learning/approvals/").content.decode()
    head.post(f"/learning/enrolments/{enrolment.pk}/decide/", {"decision": "approve"})
    enrolment.refresh_from_db()
    assert enrolment.state == State.ENROLLED
    outsider = login_as()
    response = outsider.post(
        f"/learning/enrolments/{enrolment.pk}/decide/", {"decision": "reject", "reason": "x"}
    )
    assert (
        "승인 대기 중인 신청이 아닙니다" in message_texts(response)[0]
        or "부서장" in message_texts(response)[0]
    )


def test_my_learning_page_and_dashboard_panel(login_as):
    client = login_as()
    session = build_session(build_course(title="클라우드 입문"))
    services.enrolment_create(session_id=session.pk, staff=client.staff)
    assert "클라우드 입문" in client.get("/learning/my/").content.decode()
    home = client.get("/").content.decode()
    assert 'data-testid="panel-learning.my_learning"' in home and "클라우드 입문" in home
    profile = login_as().get(client.staff.get_absolute_url()).content.decode()
    assert "클라우드 입문" in profile


def test_calendar_feed_needs_the_secret_token_not_a_login(login_as, client):
    from icalendar import Calendar

    from learning.calendar import feed_token

    me = login_as()
    session = build_session(build_course(title="AI 전문가 특강"))
    services.enrolment_create(session_id=session.pk, staff=me.staff)
    page = me.get("/learning/my/").content.decode()
    token = feed_token(me.staff.pk)
    assert f"/learning/calendar/{token}.ics" in page
    response = client.get(f"/learning/calendar/{token}.ics")  # a calendar client: not logged in
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["AI 전문가 특강"]
    assert client.get(f"/learning/calendar/{me.staff.pk}-{'0' * 32}.ics").status_code == 404
    assert client.get("/learning/calendar/nonsense.ics").status_code == 404


def test_course_page_says_why_there_is_no_enrol_button(login_as):
    """Before the window, after it, and full without a waitlist: a note instead of a silent gap;
    someone already enrolled sees their state, not the note."""
    now = timezone.now()
    course = build_course()
    upcoming = build_session(course, enrol_opens_at=now + dt.timedelta(days=2), title="예정")
    closed = build_session(
        course,
        starts_in=dt.timedelta(days=1),
        enrol_opens_at=now - dt.timedelta(days=9),
        enrol_closes_at=now - dt.timedelta(hours=1),
        title="마감",
    )
    full = build_session(course, capacity=1, waitlist=False, title="만석")
    services.enrolment_create(session_id=full.pk, staff=StaffFactory())
    client = login_as()
    text = client.get(course.url).content.decode()
    assert text.count('data-testid="enrol-note"') == 3
    assert "신청 예정 (" in text and "신청 마감" in text and "정원 마감" in text
    assert 'data-testid="enrol-button"' not in text
    services.enrolment_create(session_id=upcoming.pk, staff=client.staff, now=upcoming.enrol_opens_at)
    text = client.get(course.url).content.decode()
    assert text.count('data-testid="enrol-note"') == 2 and 'data-testid="my-state"' in text
    assert f'id="session-{closed.pk}"' in text
