"""Suppression arithmetic: no figure for fewer than 5 people, and none that subtraction recovers."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intranet.surveys.results import (
    OVERALL,
    complementary_suppression,
    line_is_exposed,
    survey_results_compute,
    total_key,
)
from tests.surveys import factories as f

MIN_N = 5

grids = st.dictionaries(
    keys=st.tuples(st.integers(0, 5), st.integers(0, 4)),
    values=st.integers(0, 40),
    min_size=1,
    max_size=30,
)


def lines(cells, axes=(0, 1), hidden=()):
    """The rows and columns whose total is shown."""
    out = {}
    for key in cells:
        for axis in axes:
            if total_key(axis, key[axis]) not in hidden:
                out.setdefault((axis, key[axis]), []).append(key)
    return out.values()


def attacker_recovers(cells, hidden, axes=(0, 1)) -> set:
    """Everything an attacker works out from shown cells and line totals by subtraction,
    applied again and again (a recovered cell helps recover the next)."""
    known = set(cells) - hidden
    recovered = set()
    changed = True
    while changed:
        changed = False
        for keys in lines(cells, axes, hidden):
            if sum(cells[k] for k in keys) < MIN_N:
                continue  # a total under the threshold is itself hidden
            unknown = [k for k in keys if k not in known and cells[k] > 0]
            if len(unknown) == 1:
                known.add(unknown[0])
                recovered.add(unknown[0])
                changed = True
    return recovered


@given(grids)
def test_no_shown_cell_is_small(cells):
    hidden = complementary_suppression(cells, MIN_N)
    assert all(cells[k] >= MIN_N for k in set(cells) - hidden)


def test_a_line_with_nothing_left_to_hide_loses_its_total():
    """One department answered an area: hiding its cell as a complement hides the area total."""
    cells = {("a", 0): 1, ("a", 1): 5}
    assert complementary_suppression(cells, MIN_N) == {("a", 0), ("a", 1), total_key(1, 0), total_key(1, 1)}


@given(grids)
def test_no_hidden_cell_can_be_recovered_by_subtraction(cells):
    hidden = complementary_suppression(cells, MIN_N)
    assert attacker_recovers(cells, hidden) == set()


@given(grids)
def test_hidden_cells_of_a_line_together_reach_the_threshold(cells):
    """Two hidden cells of 1 and 2 people would still give away a group of 3 together."""
    hidden = complementary_suppression(cells, MIN_N)
    for keys in lines(cells, hidden=hidden):
        if sum(cells[k] for k in keys) >= MIN_N:
            assert not line_is_exposed((cells[k] for k in keys if k in hidden), MIN_N)


@given(grids)
def test_columns_only(cells):
    hidden = complementary_suppression(cells, MIN_N, axes=(1,))
    assert attacker_recovers(cells, hidden, axes=(1,)) == set()


@given(grids)
def test_a_hidden_row_total_hides_its_whole_row(cells):
    hidden = complementary_suppression(cells, MIN_N, row_total_column=0)
    for row, column in hidden & set(cells):
        if column == 0:
            assert all(k in hidden for k in cells if k[0] == row)
    assert attacker_recovers(cells, hidden) == set()


@given(grids)
def test_deterministic(cells):
    assert complementary_suppression(cells, MIN_N) == complementary_suppression(
        dict(reversed(cells.items())), MIN_N
    )


def test_complement_is_the_smallest_shown_cell():
    cells = {("a", 1): 3, ("b", 1): 40, ("c", 1): 12, ("d", 1): 25}
    assert complementary_suppression(cells, MIN_N, axes=(1,)) == {("a", 1), ("c", 1)}


def test_two_small_hidden_cells_get_a_third():
    cells = {("a", 1): 1, ("b", 1): 2, ("c", 1): 30, ("d", 1): 9}
    assert complementary_suppression(cells, MIN_N, axes=(1,)) == {("a", 1), ("b", 1), ("d", 1)}


def test_line_is_exposed():
    assert line_is_exposed([3], MIN_N)
    assert line_is_exposed([1, 2], MIN_N)
    assert not line_is_exposed([3, 9], MIN_N)
    assert not line_is_exposed([], MIN_N)
    assert not line_is_exposed([0], MIN_N)  # an empty cell gives nobody away


@pytest.mark.django_db(transaction=False)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(1, 14), min_size=2, max_size=5))
def test_heatmap_of_random_departments_hides_what_it_must(sizes):
    """End to end: the heatmap's department totals are hidden where small and never recoverable."""
    with transaction.atomic():
        lead = f.area("leadership", 1)
        survey = f.survey([f.bank("p-l1", area=lead)])
        departments = [f.department(f"P{i}", order=i) for i in range(len(sizes))]
        for dept, size in zip(departments, sizes, strict=True):
            f.respond(survey, {"p-l1": 4}, dept=dept, times=size)
        data = survey_results_compute(survey_id=survey.pk)
        transaction.set_rollback(True)
    true_n = {str(d.pk): n for d, n in zip(departments, sizes, strict=True)}
    cells = {(row["key"], OVERALL): true_n[row["key"]] for row in data["heatmap"]["rows"]}
    hidden = {(row["key"], OVERALL) for row in data["heatmap"]["rows"] if row["overall"].get("suppressed")}
    for row in data["heatmap"]["rows"]:
        if not row["overall"].get("suppressed"):
            assert row["overall"]["n"] >= MIN_N
        assert row["overall"].get("suppressed") == row["cells"]["leadership"].get("suppressed")
    assert attacker_recovers(cells, hidden, axes=(1,)) == set()
