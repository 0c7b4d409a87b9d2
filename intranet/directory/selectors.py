"""Reads of the staff directory. Each function keeps a fixed number of queries whatever the
number of staff (tests check it at two sizes)."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet

from intranet.korean import is_initials_query, query_latin_compact, query_words, word_variants

from .models import Department, Staff


def staff_search_q(query: str) -> Q:
    """A filter matching every word of ``query`` (AND), each in any of its Korean-aware forms (OR).

    "ㄱㅁㅅ" matches initials, "교육을" matches "교육", "minsu kim" matches 김민수 (romanised key).

    ``contains``, not ``icontains``: the key and the query words are both lower-cased already
    (``normalize``), and ``UPPER()`` on every row made each search scan 3–4× slower on PostgreSQL.
    A variant that contains another ("교육을" ⊃ "교육") can match nothing more, so it is dropped.
    """
    condition = Q()
    words = query_words(query)
    latin_run = query_latin_compact(query)
    if latin_run and len(words) > 1:
        return Q(search_key__contains=latin_run)
    for word in words:
        if is_initials_query(word):
            condition &= Q(search_key__contains=word)
            continue
        variants = word_variants(word)
        any_form = Q()
        for variant in sorted(variants):
            if not any(other != variant and other in variant for other in variants):
                any_form |= Q(search_key__contains=variant)
        condition &= any_form
    return condition


def staff_queryset(*, include_inactive: bool = False) -> QuerySet[Staff]:
    qs = Staff.objects.select_related("department")
    return qs if include_inactive else qs.filter(is_active=True)


def staff_search(*, query: str, include_inactive: bool = False) -> QuerySet[Staff]:
    qs = staff_queryset(include_inactive=include_inactive)
    if query.strip():
        qs = qs.filter(staff_search_q(query))
    return qs


def department_paths() -> dict[int, list[Department]]:
    """Every department's path from the root, computed from one query."""
    departments = {d.pk: d for d in Department.objects.all()}
    paths: dict[int, list[Department]] = {}
    for pk, dept in departments.items():
        path, seen, node = [], set(), dept
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            path.append(node)
            node = departments.get(node.parent_id)
        paths[pk] = list(reversed(path))
    return paths


def department_path(department: Department | None) -> list[Department]:
    """The path from the root to ``department`` in one query that reads only its ancestors.

    Loading every department (as ``department_paths`` does) cost 60 ms a page at 1,700 teams.
    """
    if department is None:
        return []
    table = connection.ops.quote_name(Department._meta.db_table)
    ancestors = Department.objects.raw(
        f"""WITH RECURSIVE ancestor(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM {table} WHERE id = %s
                UNION
                SELECT d.id, d.parent_id, a.depth + 1 FROM {table} d
                JOIN ancestor a ON d.id = a.parent_id WHERE a.depth < 50
            )
            SELECT d.* FROM {table} d JOIN ancestor a ON d.id = a.id ORDER BY a.depth""",
        [department.pk],
    )
    path, seen = [], set()
    for node in ancestors:  # nearest first; a cycle (bad data) ends at the first repeat
        if node.pk in seen:
            break
        seen.add(node.pk)
        path.append(node)
    return list(reversed(path)) or [department]


def staff_profile(*, employee_number: str) -> Staff:
    return Staff.objects.select_related("department", "department__head", "user").get(
        employee_number=employee_number
    )


@dataclass
class OrgNode:
    department: Department
    headcount: int
    total: int = 0
    children: list["OrgNode"] = field(default_factory=list)


def org_chart() -> list[OrgNode]:
    """The department tree with heads and head-counts (own and including sub-departments)."""
    departments = list(
        Department.objects.filter(is_active=True)
        .select_related("head")
        .annotate(active_staff=Count("staff", filter=Q(staff__is_active=True)))
        .order_by("sort_order", "code")
    )
    nodes = {d.pk: OrgNode(department=d, headcount=d.active_staff) for d in departments}
    roots = []
    for d in departments:
        parent = nodes.get(d.parent_id)
        (parent.children if parent else roots).append(nodes[d.pk])

    def total(node: OrgNode) -> int:
        node.total = node.headcount + sum(total(child) for child in node.children)
        return node.total

    for root in roots:
        total(root)
    return roots


def department_members(*, department: Department) -> QuerySet[Staff]:
    return staff_queryset().filter(department=department).order_by("name")


def filter_choices() -> dict[str, list[str]]:
    """Distinct grades and positions among active staff, for the directory filters."""
    # One DISTINCT over the pairs (a few hundred rows), not every active person's values twice.
    pairs = Staff.objects.filter(is_active=True).order_by().values_list("grade", "position").distinct()
    grades, positions = set(), set()
    for grade, position in pairs:
        grades.add(grade)
        positions.add(position)
    return {"grade": sorted(grades - {""}), "position": sorted(positions - {""})}


def staff_for_user(user) -> Staff | None:
    """The directory record of a logged-in user, cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_ieum_staff"):
        user._ieum_staff = (
            Staff.objects.select_related("department", "department__head").filter(user=user).first()
        )
    return user._ieum_staff
