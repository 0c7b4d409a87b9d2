"""Site search's people: the same query is answered from this process's memory until the
directory changes (``directory.selectors.staff_found``, per directory generation); a rename,
a move, a department renamed or a person leaving shows on the next search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.cache import directory_cache_clear
from intranet.directory.models import Staff
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _people(client, query: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    section = response.content.decode().split('data-testid="staff-results"')[1].split("</section>")[0]
    return section, sum('FROM "directory_staff"' in q["sql"] for q in captured.captured_queries)


def test_the_people_found_are_kept_until_the_directory_changes(login_as):
    team = DepartmentFactory(name="정보체계팀")
    person = StaffFactory(name="김검색", department=team, position="주무관")
    client = login_as()
    first, staff_queries = _people(client, "김검색")
    assert "김검색" in first and "정보체계팀" in first and staff_queries == 1
    again, staff_queries = _people(client, "김검색")
    assert again == first and staff_queries == 0  # kept: no staff query

    person.name = "김검색수"
    person.save()
    renamed, staff_queries = _people(client, "김검색")
    assert "김검색수" in renamed and staff_queries == 1

    team.name = "데이터팀"
    team.save()
    assert "데이터팀" in _people(client, "김검색")[0]

    # A bulk writer (the HR import) updates without saving each person, then renews the generation.
    Staff.objects.filter(pk=person.pk).update(is_active=False)
    directory_cache_clear()
    gone, _queries = _people(client, "김검색")
    assert "김검색수" not in gone


def test_two_queries_are_kept_apart(login_as):
    StaffFactory(name="박가람")
    StaffFactory(name="최나래")
    client = login_as()
    assert "박가람" in _people(client, "박가람")[0] and "최나래" not in _people(client, "박가람")[0]
    assert "최나래" in _people(client, "최나래")[0] and "박가람" not in _people(client, "최나래")[0]
