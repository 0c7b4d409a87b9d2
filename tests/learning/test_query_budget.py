"""Each page makes the same number of queries at 100 and at 2,000 courses (at most 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.cache import catalogue_cache_clear
from learning.models import CoursePage, Enrolment, Session

from .builders import bulk_courses

pytestmark = pytest.mark.django_db
BUDGET = 15


def _fill(count, person):
    ids = bulk_courses(count, sessions_per_course=1)
    sessions = list(Session.objects.filter(course_id__in=ids).order_by("pk"))
    rows = [
        Enrolment(session=s, staff=person, state=Enrolment.State.ENROLLED, queue_number=1)
        for s in sessions[: count // 2]
    ]
    Enrolment.objects.bulk_create(rows, batch_size=1000)
    return CoursePage.objects.get(pk=ids[-1])


def _count(client, url, *, warm=True):
    if warm:
        client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/learning/catalogue/",
        "/learning/catalogue/?seats=on&mode=offline",
        "/learning/my/",
        "course",
        "/learning/",
        "/",
    ],
)
def test_same_queries_at_100_and_2000_courses(login_as, path, django_assert_num_queries):
    client = login_as()
    counts = []
    for size in (100, 2000):
        course = _fill(size - CoursePage.objects.count() if counts else size, client.staff)
        url = course.url if path == "course" else path
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
    assert counts[1] <= BUDGET, counts
    with django_assert_num_queries(counts[1]):
        client.get(url)


@pytest.mark.parametrize("path", ["/learning/catalogue/", "/learning/catalogue/?seats=on&page=2"])
def test_the_catalogue_unkept_makes_the_same_queries_at_100_and_2000_courses(login_as, path):
    """The catalogue's kept fragment aside (``learning.cache``): building it reads as many rows."""
    client = login_as()
    counts = []
    for size in (100, 2000):
        _fill(size - CoursePage.objects.count() if counts else size, client.staff)
        client.get(path)
        catalogue_cache_clear()
        counts.append(_count(client, path, warm=False))
    assert counts[0] == counts[1], counts
    assert counts[1] <= BUDGET, counts
