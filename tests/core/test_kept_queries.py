"""``intranet.kept_queries.KeptQuery`` returns what its queryset would, with each call's values,
and refuses what it cannot keep."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Q

from intranet.directory.models import Staff
from intranet.kept_queries import KeptObjectsQuery, KeptQuery
from performance.models import Programme
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme

pytestmark = pytest.mark.django_db


def by_department(department):
    return (
        Staff.objects.filter(is_active=True, department_id=department)
        .order_by("name")
        .values_list("employee_number", "name", "department__name", "created_at")[:2]
    )


def test_rows_are_the_querysets_for_each_value(django_assert_num_queries):
    one, two = DepartmentFactory(name="가팀"), DepartmentFactory(name="나팀")
    for name in ["다", "가", "나"]:
        StaffFactory(department=one, name=name)
    StaffFactory(department=two, name="라")
    StaffFactory(department=two, name="마", is_active=False)
    kept = KeptQuery(by_department, "department")
    for department in (one, two, one):
        with django_assert_num_queries(1):
            rows = kept.rows(department=department.pk)
        assert rows == list(by_department(department.pk))
    assert [r[1] for r in kept.rows(department=one.pk)] == ["가", "나"]  # ordered, sliced
    assert isinstance(kept.rows(department=two.pk)[0][3], dt.datetime)  # converted as the ORM does
    assert kept.rows(department=0) == []


def test_a_placeholder_used_twice_and_converted_columns():
    me = StaffFactory()
    build_programme(build_plan(2025), code="P-01", owner=me).co_owners.set([me])

    def build(staff):
        return (
            Programme.objects.filter(Q(owner_id=staff) | Q(co_owners=staff))
            .distinct()
            .values_list("code", "weight", "plan__at_risk_margin")
        )

    rows = KeptQuery(build, "staff").rows(staff=me.pk)
    assert rows == list(build(me.pk)) and len(rows) == 1
    assert isinstance(rows[0][1], Decimal)


def test_refuses_what_it_cannot_keep():
    with pytest.raises(ValueError):
        KeptQuery(lambda staff: Staff.objects.values_list("pk"), "staff").rows(staff=1)
    with pytest.raises(TypeError):
        KeptQuery(lambda staff: Staff.objects.filter(pk=staff), "staff").rows(staff=1)


def _fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_objects_are_the_querysets_with_their_related_objects(django_assert_num_queries):
    """``KeptObjectsQuery``: the same instances, field for field, with ``select_related`` filled
    in — also where a left join finds nothing (no department, a department with no head)."""
    head = StaffFactory(name="부서장")
    with_head = StaffFactory(department=DepartmentFactory(name="가팀", head=head))
    without_head = StaffFactory(department=DepartmentFactory(name="나팀"))
    without_department = StaffFactory(department=None)

    def build(staff):
        return Staff.objects.select_related("department__head").filter(pk=staff)

    kept = KeptObjectsQuery(build, "staff")
    for person in (with_head, without_head, without_department, head):
        expected = build(person.pk).get()
        with django_assert_num_queries(1):
            (found,) = kept.objects(staff=person.pk)
        with django_assert_num_queries(0):
            department = found.department
            assert _fields(found) == _fields(expected)
            if expected.department is None:
                assert department is None
            else:
                assert _fields(department) == _fields(expected.department)
                head_found, head_expected = department.head, expected.department.head
                assert (head_found and _fields(head_found)) == (head_expected and _fields(head_expected))
        assert not found._state.adding and found._state.db == "default"
    assert kept.objects(staff=0) == []


def test_objects_refuse_what_they_cannot_keep():
    for build in (
        lambda staff: Staff.objects.filter(pk=staff).values_list("pk"),
        lambda staff: Staff.objects.filter(pk=staff).only("name"),
        lambda staff: Staff.objects.filter(pk=staff).prefetch_related("department"),
    ):
        with pytest.raises(TypeError):
            KeptObjectsQuery(build, "staff").objects(staff=1)


def test_objects_carry_their_annotations():
    from django.db.models import Count

    team = DepartmentFactory(name="가팀")
    StaffFactory(department=team)
    StaffFactory(department=team)
    empty = DepartmentFactory(name="나팀")

    def build(department):
        return type(team).objects.annotate(people=Count("staff")).select_related("head").filter(pk=department)

    kept = KeptObjectsQuery(build, "department")
    for department, people in ((team, 2), (empty, 0), (team, 2)):
        (found,) = kept.objects(department=department.pk)
        assert found.people == people == build(department.pk).get().people
        assert found.name == department.name
