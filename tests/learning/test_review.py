"""The programme review: per-course figures for a year, the decision for next year saved through
``course_review_save`` (bad input refused in Korean, nothing written), the next year's course page
showing it, and the Excel export."""

import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from learning import services
from learning.models import Completion, CourseReview
from learning.services import LearningError
from tests.factories import StaffFactory

from .builders import build_course, bulk_courses, learning_admin
from .test_permissions import completed_for

pytestmark = pytest.mark.django_db


def test_save_records_then_replaces_the_decision():
    admin = learning_admin()
    course = build_course(title="클라우드 특강")
    services.course_review_save(course_id=course.pk, decision="keep", reason="만족도 높음", actor=admin)
    services.course_review_save(course_id=course.pk, decision="strengthen", reason=" 수요 증가 ", actor=admin)
    review = CourseReview.objects.get()
    assert (review.course_id, review.decision, review.reason) == (course.pk, "strengthen", "수요 증가")


@pytest.mark.parametrize(
    ("decision", "reason", "message"),
    [("keep", "  ", "결정 사유를 적어 주세요."), ("expand", "이유", "결정은 유지, 강화, 폐지, 신설")],
)
def test_bad_input_is_refused_in_korean_and_writes_nothing(decision, reason, message):
    course = build_course()
    with pytest.raises(LearningError) as refused:
        services.course_review_save(
            course_id=course.pk, decision=decision, reason=reason, actor=learning_admin()
        )
    assert any(message in m for m in refused.value.messages)
    with pytest.raises(LearningError):
        services.course_review_save(course_id=course.pk, decision="keep", reason="좋음", actor=StaffFactory())
    assert not CourseReview.objects.exists()


def test_page_shows_figures_and_saves_a_decision_that_next_year_links_back_to(login_as):
    admin = login_as("learning admin")
    people = [StaffFactory(), StaffFactory()]
    codes = completed_for(*people)
    course = build_course(title="보안 교육", year=2025)
    [completed] = {c.course for c in Completion.objects.select_related("course")}
    next_year = build_course(title="보안 교육 심화", year=2026, previous_course=completed)

    response = admin.get("/learning/review/?year=2025")
    rows = {r.title: r for r in response.context["rows"]}
    assert (rows[completed.title].enrolled, rows[completed.title].completed, rows[completed.title].rate) == (
        2,
        2,
        100,
    )
    assert rows["보안 교육"].rate is None and len(codes) == 2
    html = response.content.decode()
    assert (
        'data-testid="feedback-reason">마감 후 집계합니다</span>' in html
    )  # the anonymous survey is open: no result until its close
    assert 'data-testid="feedback-reason">만족도 조사 응답이 없습니다</span>' in html  # no survey at all
    assert "보안 교육 심화 (2026)" in html

    response = admin.post(
        f"/learning/review/{course.pk}/", {"decision": "drop", "reason": "", "year": "2025"}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["결정 사유를 적어 주세요."]
    assert not CourseReview.objects.exists()
    response = admin.post(
        f"/learning/review/{completed.pk}/",
        {"decision": "strengthen", "reason": "심화 과정 요청", "year": "2025"},
    )
    assert response["Location"] == f"/learning/review/?year=2025#course-{completed.pk}"
    assert "검토 결정: 강화 (심화 과정 요청)" in admin.get(next_year.url).content.decode()

    export = admin.get("/learning/review/export.xlsx?year=2025")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[completed.title][2:5] == (2, 2, 100)
    assert values["보안 교육"][7:9] == (None, "만족도 조사 응답이 없습니다")
    assert values[completed.title][9:] == ("강화", "심화 과정 요청")


def test_same_queries_at_two_sizes(login_as, django_assert_num_queries):
    client, url = login_as("learning admin"), "/learning/review/?year=2025"
    counts = []
    for size in (20, 400):
        bulk_courses(size)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 15, counts
    with django_assert_num_queries(counts[1]):
        client.get(url)
