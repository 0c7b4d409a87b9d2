"""Reads of the staff directory. Each function keeps a fixed number of queries whatever the
number of staff (tests check it at two sizes)."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import connection
from django.db.models import Count, F, Func, Q, QuerySet, TextField, Value

from intranet.caching import ProcessMemory
from intranet.korean import is_initials_query, query_latin_compact, query_words, word_variants

from .cache import (
    DEPARTMENT_ROWS_KEY,
    DEPARTMENT_TREE_KEY,
    FILTER_CHOICES_KEY,
    ORG_TOTALS_KEY,
    cached,
    directory_generation,
)
from .models import Department, Staff


class SearchChars(Func):
    """``string_to_array(search_key, NULL)``: the key's characters, as the GIN index of
    migration 0003 (PostgreSQL) holds them. The SQL must match the index expression."""

    template = "string_to_array(%(expressions)s, NULL)"
    output_field = ArrayField(TextField())


def _contains(text: str) -> Q:
    """``search_key`` contains ``text``; on PostgreSQL the character index narrows the rows first
    (every character of ``text`` must be in the key; the LIKE then checks the order)."""
    condition = Q(search_key__contains=text)
    if connection.vendor == "postgresql":
        chars = sorted(set(text))
        condition &= Q(
            DataContains(SearchChars(F("search_key")), Value(chars, output_field=ArrayField(TextField())))
        )
    return condition


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
        return _contains(latin_run)
    for word in words:
        if is_initials_query(word):
            condition &= _contains(word)
            continue
        variants = word_variants(word)
        any_form = Q()
        for variant in sorted(variants):
            if not any(other != variant and other in variant for other in variants):
                any_form |= _contains(variant)
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


# The site search's people found, by (directory generation, query, limit): the same words are
# searched again and again, and any change to a person or a department starts a new generation.
_staff_found = ProcessMemory(128)


def staff_found(*, query: str, limit: int) -> list[Staff]:
    """The first ``limit`` active staff matching ``query`` (with their departments), kept in this
    process until the directory changes. Callers must not change them."""
    generation = directory_generation()
    key = (generation, query, limit)
    found = _staff_found.get(key) if generation else None
    if found is None:
        found = list(staff_search(query=query)[:limit])
        if generation:
            _staff_found.put(key, found)
    return found


def department_path(department: Department | None) -> list[Department]:
    """The path from the root to ``department``, from the department tree kept per directory
    generation (``department_tree``): no query once kept.

    Loading every department to walk the tree cost 60 ms a page at 1,700 teams; a recursive
    query over the ancestors was a query on every profile and org chart page. The path's
    departments carry what the pages show of them (name, code, parent), not their other fields.
    """
    if department is None:
        return []
    tree = department_tree()
    path, seen, pk = [], set(), department.pk
    while pk is not None and pk in tree and pk not in seen and len(path) <= 50:
        seen.add(pk)  # a cycle (bad data) ends at the first repeat
        parent_id, name, code = tree[pk]
        path.append(Department(pk=pk, parent_id=parent_id, name=name, code=code))
        pk = parent_id
    return list(reversed(path)) or [department]


def department_tree() -> dict[int, tuple[int | None, str, str]]:
    """``pk -> (parent id, name, code)`` of every department, active or not, in one query, kept
    until the directory changes (``Department.save`` starts a new generation)."""
    return cached(DEPARTMENT_TREE_KEY, _department_tree_compute)


def _department_tree_compute() -> dict[int, tuple[int | None, str, str]]:
    return {
        pk: (parent, name, code)
        for pk, parent, name, code in Department.objects.values_list("pk", "parent_id", "name", "code")
    }


def staff_profile(*, employee_number: str) -> Staff:
    return Staff.objects.select_related("department", "department__head", "user").get(
        employee_number=employee_number
    )


@dataclass
class OrgNode:
    department: Department
    headcount: int  # active staff in the department itself
    total: int  # including every sub-department
    child_count: int


@dataclass
class OrgChart:
    focus: Department | None
    focus_node: OrgNode | None
    path: list[Department]
    children: list[OrgNode] = field(default_factory=list)


def department_parents() -> dict[int, int | None]:
    """Parent id of every active department: the whole tree in one query (ints only, so 1,700
    teams cost about a millisecond). Not cached: access rules read it and must see changes at once."""
    return dict(Department.objects.filter(is_active=True).values_list("pk", "parent_id"))


def department_subtrees(root_ids, *, parents: dict[int, int | None] | None = None) -> dict[int, set[int]]:
    """For each active department id in ``root_ids``: itself and every active department below it,
    from one query over the whole tree (none when ``parents`` is given). An inactive department
    cuts its branch off, as in the org chart; a cycle (bad data) ends at the first repeat."""
    if parents is None:
        parents = department_parents()
    children: dict[int, list[int]] = {}
    for pk, parent in parents.items():
        children.setdefault(parent, []).append(pk)
    subtrees = {}
    for root in root_ids:
        if root not in parents:
            continue
        seen, stack = {root}, [root]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        subtrees[root] = seen
    return subtrees


def org_totals() -> dict[int, tuple[int, int, int]]:
    """Per active department: (own head-count, head-count with sub-departments, children),
    from two queries over the whole tree, cached until the directory changes."""

    def compute():
        parents = department_parents()
        own = dict(
            Staff.objects.filter(is_active=True, department__isnull=False)
            .order_by()
            .values_list("department_id")
            .annotate(n=Count("pk"))
            .values_list("department_id", "n")
        )
        totals = {pk: own.get(pk, 0) for pk in parents}
        children = dict.fromkeys(parents, 0)
        for pk, parent in parents.items():
            if parent in children:
                children[parent] += 1
            seen = {pk}
            while parent in totals and parent not in seen:  # climb; a cycle (bad data) stops
                totals[parent] += own.get(pk, 0)
                seen.add(parent)
                parent = parents[parent]
        return {pk: (own.get(pk, 0), totals[pk], children[pk]) for pk in parents}

    return cached(ORG_TOTALS_KEY, compute)


# Org chart levels by (directory generation, code): a change to any department or person starts
# a new generation, so a kept level is never stale; the oldest fall out beyond the limit.
_org_charts = ProcessMemory(128)


def org_chart(*, code: str | None = None) -> OrgChart:
    """One level of the department tree: a department (the root by default), its path and its
    direct sub-departments with heads and head-counts, kept in this process until the directory
    changes (no query once kept). Raises Department.DoesNotExist (not kept: asked each time)."""
    generation = directory_generation()
    chart = _org_charts.get((generation, code)) if generation else None
    if chart is None:
        chart = _org_chart_compute(code=code)
        if generation:
            _org_charts.put((generation, code), chart)
    return chart


def _org_chart_compute(*, code: str | None) -> OrgChart:
    totals = org_totals()

    def node(department: Department) -> OrgNode:
        own, total, child_count = totals.get(department.pk, (0, 0, 0))
        return OrgNode(department=department, headcount=own, total=total, child_count=child_count)

    active = Department.objects.filter(is_active=True).select_related("head")
    if code is None:
        roots = list(active.filter(parent__isnull=True).order_by("sort_order", "code")[:2])
        focus = roots[0] if len(roots) == 1 else None
    else:
        focus = active.get(code=code)
    children = active.filter(parent=focus) if focus else active.filter(parent__isnull=True)
    return OrgChart(
        focus=focus,
        focus_node=node(focus) if focus else None,
        path=department_path(focus)[:-1] if focus else [],
        children=[node(d) for d in children.order_by("sort_order", "code")],
    )


def department_members(*, department: Department) -> QuerySet[Staff]:
    return staff_queryset().filter(department=department).order_by("name")


def filter_choices() -> dict[str, list[str]]:
    """Distinct grades and positions among active staff, for the directory filters (cached)."""
    return cached(FILTER_CHOICES_KEY, _filter_choices_compute)


def _filter_choices_compute() -> dict[str, list[str]]:
    # One DISTINCT over the pairs (a few hundred rows), not every active person's values twice.
    pairs = Staff.objects.filter(is_active=True).order_by().values_list("grade", "position").distinct()
    grades, positions = set(), set()
    for grade, position in pairs:
        grades.add(grade)
        positions.add(position)
    return {"grade": sorted(grades - {""}), "position": sorted(positions - {""})}


def department_rows() -> tuple[tuple[str, str], ...]:
    """(pk, name) of every active department in tree order, for the directory's department
    filter (cached: 1,700 rows read and converted on every page cost a query and about 2 ms)."""
    return cached(DEPARTMENT_ROWS_KEY, _department_rows_compute)


def _department_rows_compute() -> tuple[tuple[str, str], ...]:
    return department_choice_rows(Department.objects.filter(is_active=True).order_by("sort_order", "code"))


def department_choice_labels(rows) -> list[str]:
    """A label per ``(name, code, parent name)`` row that tells departments apart: the name alone
    when it is unique among the rows, "교육팀 (기획실)" when it repeats, and with the code as well
    ("교육팀 (기획실 · D110)") when even that repeats."""
    rows = list(rows)
    names = Counter(name for name, _code, _parent in rows)
    with_parent = Counter((name, parent) for name, _code, parent in rows)
    labels = []
    for name, code, parent in rows:
        if names[name] == 1:
            labels.append(name)
        elif parent and with_parent[(name, parent)] == 1:
            labels.append(f"{name} ({parent})")
        else:
            labels.append(f"{name} ({parent} · {code})" if parent else f"{name} ({code})")
    return labels


def department_choice_rows(queryset) -> tuple[tuple[str, str], ...]:
    """(pk, label) of the departments of ``queryset`` in its order, in one query, labelled so
    that two teams of one name can be told apart (``department_choice_labels``)."""
    rows = list(queryset.values_list("pk", "name", "code", "parent__name"))
    labels = department_choice_labels((name, code, parent) for _pk, name, code, parent in rows)
    return tuple((str(row[0]), label) for row, label in zip(rows, labels, strict=True))


def staff_for_user(user) -> Staff | None:
    """The directory record of a logged-in user, cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_ieum_staff"):
        user._ieum_staff = (
            Staff.objects.select_related("department", "department__head").filter(user=user).first()
        )
    return user._ieum_staff
