"""Directory search on PostgreSQL narrows with the character GIN index (migration 0003) before its
LIKE; SQLite keeps the plain LIKE. The results are the same either way (test_search runs on both)."""

import pytest
from django.db import connection

from intranet.directory.models import Staff
from intranet.directory.selectors import staff_search, staff_search_q
from tests.factories import DepartmentFactory, StaffFactory

INDEX = "directory_staff_search_chars"
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index")


@pytest.fixture
def people(db):
    team = DepartmentFactory(name="교육훈련팀")
    return [
        StaffFactory(name="김민수", department=team),
        StaffFactory(name="이영희", job_title="교육 과정 운영"),
        StaffFactory(name="박정훈", job_title="육아휴직 교사"),  # 교 and 육, not 교육
    ]


def test_a_word_whose_characters_are_all_there_out_of_order_does_not_match(people):
    assert sorted(s.name for s in staff_search(query="교육")) == ["김민수", "이영희"]


def test_sqlite_searches_with_like_alone(people):
    sql = str(staff_search(query="교육").query)
    assert "LIKE" in sql
    assert ("string_to_array" in sql) is (connection.vendor == "postgresql")


@postgres_only
def test_the_index_exists_and_the_search_can_use_it(people):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
        assert "gin (string_to_array(search_key, NULL" in definition
        # Three rows: a sequential or plain index scan is cheaper, so forbid those and see that
        # the generated condition matches the index expression (else no plan could use it).
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        try:
            plan = Staff.objects.filter(staff_search_q("교육을")).order_by().values("pk").explain()
        finally:
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
    assert INDEX in plan
