"""Each directory page makes the same number of queries at 300 and at 5,000 staff, at most 15."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.models import Department, Staff
from tests.factories import DepartmentFactory

BUDGET = 15
PAGES = [
    "/",
    "/directory/",
    "/directory/?q=김",
    "/directory/?q=ㄱㅁㅅ",
    "/directory/?q=교육을&sort=department",
    "/directory/?page=2",
    "/directory/org/",
    "/directory/org/ROOT/",
    "/search/?q=민수",
    "/directory/Q000007/",
    # The list's result fragment is cached per query string: a new string each pass measures
    # the page as computed (count and rows), the others above are read from the cache.
    "/directory/?pass={n}",
    "/directory/?q=교육을&sort=department&pass={n}",
]
NAMES = ["김민수", "이영희", "박정훈", "최은정", "정대현", "강서연", "조현우", "윤지민", "장수빈", "임도윤"]


def grow_directory(total: int) -> None:
    """Bulk-create staff up to ``total`` across a handful of teams."""
    root = Department.objects.get_or_create(code="ROOT", defaults={"name": "본부"})[0]
    teams = [DepartmentFactory(code=f"TEAM{i}", name=f"교육지원{i}팀", parent=root) for i in range(8)]
    existing = Staff.objects.count()
    rows = []
    for n in range(existing, total):
        person = Staff(
            employee_number=f"Q{n:06d}",
            name=NAMES[n % len(NAMES)],
            department=teams[n % len(teams)],
            grade=f"{n % 9 + 1}급",
            position="팀원",
            job_title="교육 운영" if n % 3 == 0 else "정보체계 운영",
            email=f"e{n}@agency.example",
        )
        person.search_key = person.build_search_key()
        rows.append(person)
    Staff.objects.bulk_create(rows, batch_size=1000)
    for team in teams:
        team.head = Staff.objects.filter(department=team).first()
        team.save(update_fields=["head"])


PASSES = iter(range(10**6))


def queries_per_page(client) -> dict[str, int]:
    counts = {}
    n = next(PASSES)
    for path in PAGES:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path.format(n=n))
        assert response.status_code == 200, path
        counts[path] = len(captured)
    return counts


@pytest.mark.django_db
def test_query_count_is_flat_and_within_budget(login_as):
    client = login_as()
    grow_directory(300)
    queries_per_page(client)  # warm the per-process caches (site root, content types)
    small = queries_per_page(client)
    grow_directory(5000)
    queries_per_page(client)  # the growth started a new cache generation: warm it the same way
    large = queries_per_page(client)
    assert Staff.objects.count() >= 5000
    assert small == large
    assert max(large.values()) <= BUDGET, large
