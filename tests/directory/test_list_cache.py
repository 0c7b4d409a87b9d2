"""The directory list's result (count and table) is cached per directory generation, language and
query string (``views.staff_list``): a hit skips the count and the rows, a staff or department
write shows on the next page, and nothing of one reader's page reaches another's."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.models import Department, Staff
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def page(client, path="/directory/"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), captured


def staff_rows(captured) -> list[str]:
    return [q["sql"] for q in captured if 'FROM "directory_staff"' in q["sql"]]


def test_a_cached_result_skips_the_count_and_the_rows(login_as):
    team = DepartmentFactory(name="교육지원팀")
    for n in range(30):
        StaffFactory(department=team, employee_number=f"C{n:04d}")
    client = login_as()
    page(client, "/directory/?q=이")  # the filter choices are cached from here on
    first, miss = page(client, "/directory/?q=김")
    second, hit = page(client, "/directory/?q=김")
    assert first == second.replace(_csrf(second), _csrf(first))
    assert len(staff_rows(miss)) == 2  # the count and the page of rows
    assert staff_rows(hit) == []
    assert len(hit) == len(miss) - 2
    other_page, other = page(client, "/directory/?q=김&page=2")  # another query string: computed
    assert len(staff_rows(other)) == 2 and "김민수" in other_page


def _csrf(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_a_staff_or_department_write_shows_on_the_next_page(login_as):
    team = DepartmentFactory(name="교육지원팀")
    person = StaffFactory(department=team, name="홍길동", employee_number="C0001")
    client = login_as()
    assert "홍길동" in page(client)[0]
    person.name = "홍길순"
    person.save()
    html = page(client)[0]
    assert "홍길순" in html and "홍길동" not in html
    team.name = "인재개발팀"
    team.save()
    assert "인재개발팀" in page(client)[0]
    StaffFactory(department=team, name="새직원", employee_number="C0002")
    html = page(client, "/directory/?q=새직원")[0]
    assert "새직원" in html and 'data-testid="result-count">1명' in html
    # An HR import deactivates in bulk and starts a new generation itself (imports.py).
    Staff.objects.filter(pk=person.pk).update(is_active=False)
    from intranet.directory.cache import directory_cache_clear

    directory_cache_clear()
    assert "홍길순" not in page(client)[0]
    assert Department.objects.filter(name="인재개발팀").exists()


def me(html: str) -> str:
    marker = 'data-testid="my-profile-link">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


def test_nothing_of_one_readers_page_reaches_another(login_as):
    team = DepartmentFactory(name="교육지원팀")
    StaffFactory(department=team, name="홍길동", employee_number="C0001")
    first = login_as(name="가나다")
    second = login_as(name="라마바")
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html_first = page(first)[0]
    html_second = page(second)[0]  # the same query string, another reader and language
    assert me(html_first) == "가나다님" and me(html_second).startswith("라마바")
    assert "홍길동" in html_first and "홍길동" in html_second
    assert 'lang="en"' in html_second and 'lang="ko"' in html_first
    # The table's headers are in each reader's language: the fragment is kept per language.
    assert page(first)[0].count(">성명<") == html_first.count(">성명<") >= 1
