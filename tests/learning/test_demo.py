"""The demo 2025 education year: the report's specialised course with 22 graduates, expert
lectures on AI and cloud, IT training with a waitlist, every category; only once."""

import pytest

from intranet.registry import demo_seeders
from learning.models import Category, Completion, CoursePage, Enrolment, EnrolmentEvent

pytestmark = pytest.mark.django_db


def test_demo_education_year():
    demo_seeders["directory"].seed(scale=1)
    created = demo_seeders["learning"].seed(scale=1)
    assert created["courses"] == 10
    specialised = CoursePage.objects.get(category=Category.SPECIALISED)
    assert Completion.objects.filter(course=specialised).count() == 22
    assert set(CoursePage.objects.values_list("category", flat=True)) == set(Category.values)
    titles = " ".join(
        CoursePage.objects.filter(category=Category.EXPERT_LECTURE).values_list("title", flat=True)
    )
    assert "AI" in titles and "클라우드" in titles
    assert Enrolment.objects.filter(state=Enrolment.State.WAITLISTED).exists()  # the December course
    assert Enrolment.objects.filter(state=Enrolment.State.ABSENT).exists()
    assert EnrolmentEvent.objects.filter(action="complete").count() == Completion.objects.count()
    again = demo_seeders["learning"].seed(scale=1)
    assert "skipped" in again and CoursePage.objects.count() == 10


def test_demo_feedback_answered_and_computed():
    from intranet.surveys.models import AudienceMember, Response, ResultCache, Survey
    from learning.feedback import course_key
    from learning.selectors import programme_review

    demo_seeders["directory"].seed(scale=1)
    created = demo_seeders["learning"].seed(scale=1)
    surveys = Survey.objects.filter(context_key__startswith="learning.course:")
    assert surveys.count() == 9  # every course with a completed session; not the December one
    assert created["feedback"] == Response.objects.count()
    members = AudienceMember.objects.filter(survey__in=surveys)
    assert members.count() == Completion.objects.count()
    share = members.filter(has_submitted=True).count() / members.count()
    assert 0.75 < share < 0.95  # most attendees answered
    # the report's surveys are closed (its answers are in: nobody is asked again, whatever the
    # date of seeding); every one has its results computed
    assert all(s.status == Survey.Status.CLOSED for s in surveys)
    assert ResultCache.objects.filter(survey__in=surveys).count() == 9
    rows = {row.pk: row.feedback for row in programme_review(year=2025)}
    specialised = CoursePage.objects.get(category=Category.SPECIALISED)
    security = CoursePage.objects.get(slug="2025-security-lecture")
    assert rows[specialised.pk].score > rows[security.pk].score > 60
    assert all(60 <= f.score <= 95 for f in rows.values() if f.score is not None)
    assert Survey.objects.get(context_key=course_key(specialised.pk)).is_anonymous
