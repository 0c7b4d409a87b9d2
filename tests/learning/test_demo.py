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
