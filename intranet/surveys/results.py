"""Results of a survey: 100-point scores, confidence intervals, lineage comparison, heatmap.

Everything here is computed from one read of the answers (``Loaded``: one row per respondent, the
answers as packed numbers, the free texts and multiple choices counted per distinct answer), with
numpy alone (grouping by integer codes with ``np.bincount``; pandas would add some 35 MB to the
computing process for no figure numpy cannot give), into a plain dict that is JSON-serialisable
and deterministic (the cache stores it as it is; tests compare it).

Anonymity rules (DESIGN: staff must trust the results cannot point at them; docs/surveys.md):

- *disclosure control over everything one viewer can see*: the whole survey, every filter
  combination (department, grade, context and their crossings), the heatmap, the Excel export and
  the charts all read one *publication plan* (``publication_plan``), made with the full result.
  A group is shown, and each figure in it, only when the shown groups cut the respondents into
  pieces ("atoms") that each hold nobody or at least ``survey.min_group_size`` people (free
  text: ``min_text_group_size``); whatever can be worked out by adding, subtracting or
  intersecting shown figures is made of whole atoms, so no smaller group can be;
- a hidden figure is ``{"suppressed": True}`` with no number beside it, and a filtered request
  for a group the plan does not show gets only ``SUPPRESSED_MESSAGE``;
- free text never next to a department or grade, shuffled so that order says nothing.

The confidence interval is the normal approximation: mean ± 1.96 · sd / √n (sd with n − 1).
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Iterable, Mapping

from django.core.cache import cache as django_cache
from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.caching import ProcessMemory
from intranet.directory.models import Department
from intranet.lazy import LazyModule
from intranet.registry import survey_context_for

from .counts import count_per_survey, survey_counts
from .models import (
    SCALE_POINTS,
    Answer,
    AudienceMember,
    BankQuestion,
    ExternalRespondent,
    QuestionKind,
    Response,
    ResultCache,
    Survey,
    SurveyQuestion,
)

# Loaded when a result is computed, not when a stored one is read (see ``intranet.lazy``).
np = LazyModule("numpy")

SUPPRESSED_MESSAGE = gettext_lazy("응답자 수가 적어 표시하지 않습니다")
RESULTS_FORMAT = 2  # bump when the shape of the dict changes, so old caches are recomputed
Z95 = 1.96
CI_METHOD = "normal"
FILTER_DIMENSIONS = ("department", "grade", "context_key", "system", "organisation")
OVERALL = "__overall__"  # the heatmap column of a group's overall score
BLANK_KEY = ""  # a group without department or grade


# --- disclosure control: the publication plan -------------------------------------------------


def suppressed() -> dict:
    """The only thing a hidden figure holds: no number, so nothing can be read off it."""
    return {"suppressed": True}


def group_key(filters: Mapping[str, str]) -> str:
    """The plan's name of a group: its filters in dimension order (``""`` for the whole survey;
    a blank value, e.g. people without a department, is a group too)."""
    if len(filters) == 1:  # most keys (thousands of departments): no walk over the dimensions
        ((name, value),) = filters.items()
        if name in FILTER_DIMENSIONS:
            return f"{name}={value}"
    return "&".join(f"{name}={filters[name]}" for name in FILTER_DIMENSIONS if name in filters)


def plan_candidates(
    cells: list[tuple], dimensions: list[int], people: np.ndarray
) -> list[tuple[tuple, np.ndarray]]:
    """Every group a viewer can ask for, as ``(((dimension, value), …), indexes of its cells)``.

    The whole survey first, then one-dimension groups (in the order of ``dimensions``, larger
    groups first within one: ``people`` per cell), then two-dimension groups, and so on: coarse
    figures are the ones people read first, so they get the first claim on what may be shown.
    """
    rank = {d: i for i, d in enumerate(dimensions)}
    out = [((), np.arange(len(cells)))]
    for level in range(1, len(dimensions) + 1):
        found: dict[tuple, list[int]] = {}
        for chosen in itertools.combinations(dimensions, level):
            for i, cell in enumerate(cells):
                found.setdefault(tuple((d, cell[d]) for d in chosen), []).append(i)
        groups = [(group, np.asarray(members, dtype=np.int64)) for group, members in found.items()]
        out.extend(
            sorted(
                groups,
                key=lambda item: ([rank[d] for d, _v in item[0]], -int(people[item[1]].sum()), str(item[0])),
            )
        )
    return out


def publication_plan(
    candidates: list[tuple[tuple, np.ndarray]], sizes: np.ndarray, thresholds: list[int]
) -> dict[tuple, list[int]]:
    """Decide which groups are shown and, in each, which measures are hidden.

    ``sizes[c, m]`` is how many people of cell ``c`` (one combination of department, grade and
    context) a measure ``m`` counts (measure 0: respondents; then the overall score, each area,
    each question); ``thresholds[m]`` its minimum (5, or 10 for free text).

    The rule: the groups that show a measure cut the respondents into *atoms*, the sets of cells
    that belong to exactly the same shown groups. Every figure anybody can work out from the
    shown ones — by adding, subtracting, intersecting (free text is a list, not a sum) — covers
    whole atoms, so if every atom holds 0 or at least ``threshold`` people, no group under the
    threshold can be worked out. Groups are taken in ``candidates`` order; one is shown when
    splitting the atoms by it leaves none between 1 and threshold − 1 for the respondents, and
    each measure is shown in it when the same holds for that measure's people.

    Kept incrementally, for every measure at once: each atom's people and cells, and how many
    atoms are under the threshold; a group only splits the atoms its own cells are in, so it
    costs its size, not the survey's (1,747 departments × 7 grades: thousands of groups).

    Returns ``{group: [hidden measure indexes]}`` for the groups shown.
    """
    n_cells, n_measures = sizes.shape
    sizes = np.asarray(sizes, dtype=np.int64)
    limit = np.asarray(thresholds, dtype=np.int64)
    labels = np.zeros((n_measures, n_cells), dtype=np.int64)  # each cell's atom, per measure
    people = np.zeros((n_measures, max(n_cells, 1)), dtype=np.int64)  # per measure and atom
    members = np.zeros((n_measures, max(n_cells, 1)), dtype=np.int64)  # cells per atom
    atoms = np.zeros(n_measures, dtype=np.int64)
    if n_cells:
        people[:, 0], members[:, 0], atoms[:] = sizes.sum(axis=0), n_cells, 1

    def under(n, lim):
        return (n > 0) & (n < lim)

    small = under(people[:, 0], limit).astype(np.int64) if n_cells else np.zeros(n_measures, dtype=np.int64)
    plan = {}
    offsets = (np.arange(n_measures, dtype=np.int64) * max(n_cells, 1))[:, None]
    every_measure, one_each = np.arange(n_measures), np.ones(n_measures, dtype=np.int64)
    for group, cells in candidates:
        if not len(cells):
            ok = small == 0
            if ok[0]:
                plan[group] = [m for m in range(1, n_measures) if not ok[m]]
            continue
        # The atoms the group's cells are in (as measure × atom keys, in measure order), and the
        # people inside; a group of one cell (most: a department × grade) needs no sorting.
        if len(cells) == 1:
            where = every_measure
            measure, atom = every_measure, labels[:, cells[0]].copy()
            inside, inside_cells = sizes[cells[0], :], one_each
        else:
            keys, where = np.unique((labels[:, cells] + offsets).ravel(), return_inverse=True)
            inside = np.bincount(where, weights=sizes[cells, :].T.ravel()).astype(np.int64)
            inside_cells = np.bincount(where)
            measure, atom = np.divmod(keys, max(n_cells, 1))
        total, lim = people[measure, atom], limit[measure]
        change = under(inside, lim).astype(np.int64) + under(total - inside, lim) - under(total, lim)
        after = small + np.bincount(measure, weights=change, minlength=n_measures).astype(np.int64)
        ok = after == 0
        if not ok[0]:
            continue  # the group itself would cut off fewer than the threshold: not shown
        plan[group] = [m for m in range(1, n_measures) if not ok[m]]
        small[ok] = 0
        split = np.flatnonzero(ok[measure] & (members[measure, atom] > inside_cells))
        if not len(split):
            continue
        # The part of each split atom inside the group becomes a new atom of its measure.
        split_measure = measure[split]
        new = atoms[split_measure] + np.arange(len(split)) - np.searchsorted(split_measure, split_measure)
        atoms += np.bincount(split_measure, minlength=n_measures)
        people[split_measure, new] = inside[split]
        people[split_measure, atom[split]] -= inside[split]
        members[split_measure, new] = inside_cells[split]
        members[split_measure, atom[split]] -= inside_cells[split]
        relabel = np.full(len(measure), -1, dtype=np.int64)
        relabel[split] = new
        moved = relabel[where].reshape(n_measures, len(cells))
        rows, columns = np.nonzero(moved >= 0)
        labels[rows, cells[columns]] = moved[rows, columns]
    return plan


# --- complementary suppression of one table (the newsroom's readership table) ------------------

TOTAL = "__total__"  # stands for a line's total in the keys complementary suppression returns


def line_is_exposed(hidden_ns: Iterable[int], min_n: int) -> bool:
    """True when the hidden cells of a line with a shown total could still be worked out.

    One hidden cell equals the total minus the shown ones; several hidden cells give away their
    combined group, which must itself reach ``min_n``. Empty cells (n = 0) protect nothing.
    """
    ns = [n for n in hidden_ns if n > 0]
    return bool(ns) and (len(ns) < 2 or sum(ns) < min_n)


def _cell_order(cells: Mapping, key) -> tuple:
    return (cells[key], str(key))


def total_key(axis: int, value) -> tuple:
    """The key under which ``complementary_suppression`` reports a line total to hide."""
    return (value, TOTAL) if axis == 0 else (TOTAL, value)


def complementary_suppression(
    cells: Mapping[tuple, int],
    min_n: int,
    *,
    axes: tuple[int, ...] = (0, 1),
    forced: Iterable[tuple] = (),
    row_total_column=None,
) -> set[tuple]:
    """Return the keys ``(row, column)`` to hide in a table whose row and column totals are shown.

    Primary: every cell under ``min_n`` (and ``forced``). Then, repeated until stable, each line
    (rows if 0 in ``axes``, columns if 1) that is exposed gets its smallest shown cell hidden;
    a line with no shown cell left gets its total hidden instead, reported as
    ``total_key(axis, value)``. When ``row_total_column`` is hidden for a row, the whole row goes
    with it: the parts of a hidden group are not shown either.
    """
    hidden = {key for key, n in cells.items() if n < min_n}
    hidden |= set(forced) & set(cells)
    lines: dict[tuple, list[tuple]] = {}
    for key in cells:
        for axis in axes:
            lines.setdefault((axis, str(key[axis])), []).append(key)
    ordered_lines = [(lines[name], name[0], lines[name][0][name[0]]) for name in sorted(lines)]
    changed = True
    while changed:
        changed = False
        if row_total_column is not None:
            gone_rows = {row for row, column in hidden if column == row_total_column}
            extra = {key for key in cells if key[0] in gone_rows} - hidden
            if extra:
                hidden |= extra
                changed = True
        for keys, axis, value in ordered_lines:
            if total_key(axis, value) in hidden:
                continue
            if not line_is_exposed((cells[k] for k in keys if k in hidden), min_n):
                continue
            shown = [k for k in keys if k not in hidden]
            hidden.add(min(shown, key=lambda k: _cell_order(cells, k)) if shown else total_key(axis, value))
            changed = True
    return hidden


# --- small numeric helpers ---------------------------------------------------------------------


def likert_score(value: float, points: int) -> float:
    """Map a k-point answer onto 0–100: 1 → 0, k → 100."""
    return (value - 1) / (points - 1) * 100


def confidence_interval(mean: float, sd: float, n: int) -> tuple[float | None, float | None]:
    """95 % interval by the normal approximation; undefined for a single respondent."""
    if n < 2 or sd is None or math.isnan(sd):
        return None, None
    half = Z95 * sd / math.sqrt(n)
    return mean - half, mean + half


def _r(value, digits: int = 2):
    """Round a shown figure. Means of the same answers summed in another row order differ in the
    last bit, which can flip an exact x.xx5 to either side; rounding to 9 places first removes
    that noise, so a figure does not depend on the order the database returned the rows in."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(round(float(value), 9), digits)


def _pct(part: float, whole: float):
    return _r(part / whole * 100, 1) if whole else None


def delta(previous, current):
    """Change between two shown figures as people read them (rounded first, so 86.23 → 86.4 is +0.17)."""
    if previous is None or current is None:
        return None
    return round(round(current, 2) - round(previous, 2), 2)


def _stats_summary(values: np.ndarray) -> dict:
    """Score, n, interval of respondent-level scores (one value per respondent)."""
    n = int(values.size)
    mean = float(values.mean()) if n else math.nan
    sd = float(values.std(ddof=1)) if n > 1 else None
    low, high = confidence_interval(mean, sd, n)
    return {"score": _r(mean), "n": n, "sd": _r(sd), "ci_low": _r(low), "ci_high": _r(high)}


# --- loading -----------------------------------------------------------------------------------

GROUP_COLUMNS = {
    "department": "department",
    "grade": "grade",
    "context_key": "context",
    "system": "system",
    "organisation": "organisation",
}


def _normalise_filters(filters: Mapping | None) -> dict[str, str]:
    """Filters as strings, known dimensions only, blanks dropped (the same keys as in the dict)."""
    clean = {}
    for name in FILTER_DIMENSIONS:
        value = (filters or {}).get(name)
        if value not in (None, ""):
            clean[name] = str(value)
    return clean


def _filter_responses(qs, filters: Mapping[str, str], prefix: str = ""):
    """Apply group filters to answers (``prefix="response__"``) or audience/response rows."""
    if "department" in filters:
        key = filters["department"]
        if key == BLANK_KEY:
            qs = qs.filter(**{f"{prefix}department__isnull": True})
        else:
            qs = qs.filter(**{f"{prefix}department_id": key})
    if "grade" in filters:
        qs = qs.filter(**{f"{prefix}grade": filters["grade"]})
    for name in ("context_key", "system", "organisation"):
        if name in filters:
            qs = qs.filter(**{f"{prefix}{name}": filters[name]})
    return qs


def _group_codes(values) -> tuple[np.ndarray, list[str]]:
    """Group keys as ``(codes, labels)``: each value's index into ``labels``, its group as a
    string ("" for none), in order of first appearance: grouping by numbers, not objects."""
    index: dict[str, int] = {}
    codes = [index.setdefault(BLANK_KEY if v is None else str(v), len(index)) for v in values]
    return np.asarray(codes, dtype=np.int32).reshape(-1), list(index)


# What ``Loaded`` reads of each answer besides its value: one bit for each of these.
HAS_VALUE, HAS_CHOICES, HAS_TEXT = 1, 2, 4
# A value question's distribution is counted from its answers' values 0–30 (scales, eNPS and
# single choices of up to 30 options: all the answer form accepts); a single choice with more
# options is counted with the multiple choices and texts, per distinct answer, in the database.
VALUE_LIMIT = 31


def _small_values(question: dict) -> bool:
    kind = question["kind"]
    return kind in SCALE_POINTS or (kind == QuestionKind.SINGLE and len(question["choices"]) < VALUE_LIMIT)


class Loaded:
    """What the engine reads of a survey's answers (of one group when ``filters`` are given), from
    one snapshot of the database (``_read``): the respondents with their groups, and every answer
    as four numbers (respondent, question index, value, ``HAS_*`` flags) in numpy arrays, summed
    and counted here; only multiple choices and free texts are counted per distinct answer in the
    database.

    - ``groups``: ``{column: (codes, labels)}`` (``_group_codes``) of each group column, over
      the respondents with any answer (archived questions too), by the respondent's number;
    - ``live``: whether each answered a live question (``meta``);
    - ``area_sum``/``area_count``/``area_favourable`` (respondents × ``areas``, the area codes
      sorted): the sum of their 0–100 scores in each area, how many and how many favourable;
    - ``answered`` (respondents × live questions in ``meta`` order): a value, a choice or a
      written text (what the publication plan counts);
    - ``rows``: ``{question id: [(value, choices, text, count)]}``, each distinct answer to a
      live question with how many gave it (``choices`` the list as JSON text, None when empty;
      ``text`` only for free-text questions, None when empty).

    A score is ``(value − 1) / (points − 1) · 100`` in double precision; favourable is the top
    two points.
    """

    def __init__(self, *, survey_id: int, filters: Mapping[str, str], meta: list[dict]):
        self.areas = sorted({q["area"] for q in meta if q["area"]})
        table, (number, qi, value, flags) = _read(survey_id, filters, meta)
        people, self.rows = [], {}
        for part, key, answer, *rest in table:
            if part == 0:
                people.append((key, *rest[:5]))
            else:
                choices, text, count = rest[5:8]
                self.rows.setdefault(key, []).append((answer, choices, text, int(count)))
        del table
        # Respondents with any answer, renumbered 0… in the order of the database's numbers.
        people.sort(key=lambda row: row[0])
        size = max((row[0] for row in people), default=0) + 1
        present = np.bincount(number, minlength=size) > 0
        people = [row for row in people if present[row[0]]]
        n = len(people)
        rid_of = np.full(size, -1, dtype=np.int32)
        rid_of[[row[0] for row in people]] = np.arange(n)
        rid = rid_of[number]
        del number, present, rid_of
        columns = list(zip(*people, strict=True)) if people else [()] * 6
        self.groups = {
            name: _group_codes(columns[i]) for i, name in enumerate(GROUP_COLUMNS.values(), start=1)
        }
        del people, columns
        # Each answer's live question, ``qi`` (meta index; -1: an archived question, whose last
        # entries in the per-question arrays below say "no area, not counted").
        live = qi >= 0
        self.live = np.bincount(rid[live], minlength=n) > 0
        n_areas = len(self.areas)
        area_of = np.asarray([self.areas.index(q["area"]) if q["area"] else -1 for q in meta] + [-1], "int16")
        points_of = np.asarray([SCALE_POINTS[q["kind"]] if q["area"] else 0 for q in meta] + [0], "int16")
        has_value = (flags & HAS_VALUE) > 0
        area, points = area_of[qi], points_of[qi]
        scored = (area >= 0) & has_value
        s_value, s_points = value[scored], points[scored]
        cell = rid[scored] * n_areas + area[scored]
        score = s_value.astype(np.float64)  # (value − 1) / (points − 1) · 100, in place
        score -= 1
        score /= s_points - 1
        score *= 100
        shape = (n, n_areas)
        self.area_count = np.bincount(cell, minlength=n * n_areas).reshape(shape)
        self.area_sum = np.bincount(cell, weights=score, minlength=n * n_areas).reshape(shape)
        favourable = cell[s_value >= s_points - 1]
        self.area_favourable = np.bincount(favourable, minlength=n * n_areas).reshape(shape)
        del cell, score, s_value, s_points, favourable, area, points, scored
        # Answered: a value or a choice; for free text, a written text.
        is_text = np.asarray([q["kind"] == QuestionKind.TEXT for q in meta] + [False])
        written = (flags & HAS_TEXT) > 0
        answered = live & np.where(is_text[qi], written, (flags & (HAS_VALUE | HAS_CHOICES)) > 0)
        self.answered = np.zeros((n, len(meta)), dtype=bool)
        self.answered[rid[answered], qi[answered]] = True
        del answered, written
        # Each value question's distribution.
        coded = np.asarray([_small_values(q) for q in meta] + [False])
        counted = live & coded[qi] & has_value & (value >= 0) & (value < VALUE_LIMIT)
        counts = np.bincount(
            qi[counted].astype(np.int64) * VALUE_LIMIT + value[counted], minlength=len(meta) * VALUE_LIMIT
        ).reshape(len(meta), VALUE_LIMIT)
        for i, q in enumerate(meta):
            if coded[i]:
                self.rows[q["id"]] = [(v, None, None, int(c)) for v, c in enumerate(counts[i].tolist()) if c]


# The answers' arrays and their types: as small as their values allow (a respondent's number
# below 2³¹, a question's index below 2¹⁵), which halves the engine's peak memory at 700,000
# answers; arithmetic that could exceed a type widens first.
ANSWER_ARRAYS = {"number": "int32", "index": "int16", "value": "int16", "flags": "int16"}


def _answer_dtype() -> np.dtype:
    """An answer as PostgreSQL's ``int4send``/``int2send`` write it: big-endian, 10 bytes."""
    return np.dtype([("number", ">i4"), ("index", ">i2"), ("value", ">i2"), ("flags", ">i2")])


def _read(survey_id: int, filters: Mapping[str, str], meta: list[dict]):
    """The respondents, the per-distinct-answer counts and the answers of ``Loaded``, from one
    snapshot: ``(rows, (number, index, value, flags))``, the four as arrays (``ANSWER_ARRAYS``).

    The respondents are numbered in the database (``ROW_NUMBER()`` over their keys, 1…) and come
    as rows ``(0, number, NULL, department, grade, context, system, organisation, NULL, NULL,
    NULL)``; the multiple choices, free texts and long single choices as rows ``(1, question,
    value, NULL × 5, choices, text, count)``. Each answer is ``(respondent number, index of its
    question in meta or -1 for an archived one, value or 0, HAS_* flags)``: on PostgreSQL they
    come in the same statement as ONE ``bytea``, 10 bytes an answer (``string_agg`` of
    ``int4send`` …, a twelfth column, read in the binary format): a few megabytes read at once
    instead of 700,000 rows of Python tuples, decoded by numpy without a copy. On SQLite (in the
    same process, no wire to cross) they are rows of a second statement in the same transaction,
    which reads one snapshot there.
    """
    names = ("department_id", "grade", "context_key", "system", "organisation")
    responses = _filter_responses(Response.objects.filter(survey_id=survey_id), filters).order_by()
    people_sql, params = responses.values(
        g_key=F("pk"), **{f"g_{name}": F(name) for name in names}
    ).query.sql_with_params()
    q = connection.ops.quote_name
    key, groups = q("g_key"), ", ".join(f"r.{q(f'g_{name}')}" for name in names)
    answer = Answer._meta
    a = {name: f"a.{q(answer.get_field(name).column)}" for name in ("response", "question", "value")}
    a["choices"], a["text"] = f"a.{q('choices')}", f"a.{q('text')}"
    # (A subquery in each part, not one CTE: PostgreSQL then knows the keys are distinct and hashes
    # the respondents, not the answers. The numbering is the same in every part.)
    numbered = f"(SELECT p.*, ROW_NUMBER() OVER (ORDER BY p.{key}) AS n FROM ({people_sql}) p) r"
    joined = f"FROM {q(answer.db_table)} a INNER JOIN {numbered} ON {a['response']} = r.{key}"
    indexes = ", ".join(f"({int(item['id'])}, {i})" for i, item in enumerate(meta)) or "(-1, -1)"
    flags = (
        f"CASE WHEN {a['value']} IS NOT NULL THEN {HAS_VALUE} ELSE 0 END"
        f" + CASE WHEN {a['choices']} <> '[]' THEN {HAS_CHOICES} ELSE 0 END"
        f" + CASE WHEN TRIM({a['text']}) <> '' THEN {HAS_TEXT} ELSE 0 END"
    )
    one_answer = ["r.n", "COALESCE(m.column2, -1)", f"COALESCE({a['value']}, 0)", flags]
    answers = f"{joined} LEFT JOIN (VALUES {indexes}) m ON {a['question']} = m.column1"
    postgres = connection.vendor == "postgresql"
    blob = ", CAST(NULL AS BYTEA)" if postgres else ""
    sql, sql_params = f"SELECT 0, r.n, NULL, {groups}, NULL, NULL, NULL{blob} FROM {numbered}", [*params]
    others = [int(item["id"]) for item in meta if not _small_values(item)]
    if others:

        def listed(kind) -> str:
            return ", ".join(str(int(item["id"])) for item in meta if item["kind"] == kind) or "NULL"

        choices = (
            f"CASE WHEN {a['question']} IN ({listed(QuestionKind.MULTIPLE)}) "
            f"THEN NULLIF(CAST({a['choices']} AS TEXT), '[]') END"
        )
        text = f"CASE WHEN {a['question']} IN ({listed(QuestionKind.TEXT)}) THEN NULLIF({a['text']}, '') END"
        sql += (
            f" UNION ALL SELECT 1, {a['question']}, {a['value']}, NULL, NULL, NULL, NULL, NULL, {choices}, "
            f"{text}, COUNT(*){blob} {joined} WHERE {a['question']} IN ({', '.join(map(str, others))}) "
            f"GROUP BY {a['question']}, {a['value']}, {choices}, {text}"
        )
        sql_params += params
    if postgres:
        sent = " || ".join(
            f"{'int4send' if i == 0 else 'int2send'}(CAST({column} AS {'INTEGER' if i == 0 else 'SMALLINT'}))"
            for i, column in enumerate(one_answer)
        )
        sql += f" UNION ALL SELECT 2{', NULL' * 10}, string_agg({sent}, ''::bytea) {answers}"
        sql_params += params
    with transaction.atomic(), connection.cursor() as cursor:
        tuned = _tune_for_aggregate(cursor)
        if not postgres:
            cursor.execute(sql, sql_params)
            table = cursor.fetchall()
            cursor.execute(f"SELECT {', '.join(one_answer)} {answers}", params)
            found = np.asarray(cursor.fetchall(), dtype=np.int64).reshape(-1, 4)
            return table, tuple(found[:, i].astype(dtype) for i, dtype in enumerate(ANSWER_ARRAYS.values()))
        table = _fetch_binary(sql, sql_params)
        if tuned:
            cursor.execute("SELECT set_config('jit', %s, true)", tuned)
    data = next((row[-1] for row in table if row[0] == 2), None) or b""
    table = [row for row in table if row[0] != 2]
    found = np.frombuffer(data, dtype=_answer_dtype())
    arrays = tuple(found[name].astype(dtype) for name, dtype in ANSWER_ARRAYS.items())
    del found, data
    return table, arrays


def _fetch_binary(sql: str, params: list) -> list[tuple]:
    """The rows of ``sql`` on PostgreSQL in the binary format, through Django's cursor wrapper
    (query logging and execute wrappers as any other statement): a ``bytea`` then arrives as
    the bytes themselves, not as twice as many characters of hex text to decode. The driver's
    copy of the result is freed as soon as the rows are fetched."""
    import psycopg

    raw = psycopg.Cursor(connection.connection)
    raw.format = psycopg.pq.Format.BINARY
    with connection._prepare_cursor(raw) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _tune_for_aggregate(cursor) -> list[str] | None:
    """On PostgreSQL, for the next statement of this transaction: no JIT compilation (it cost
    seconds for a statement that runs in one). Returns the setting to restore, or None."""
    if connection.vendor != "postgresql":
        return None
    cursor.execute("SELECT current_setting('jit')")
    before = list(cursor.fetchone())
    cursor.execute("SELECT set_config('jit', 'off', true)")
    return before


def _question_meta(survey: Survey) -> list[dict]:
    """The survey's live questions with bank data, in survey order (one query)."""
    rows = (
        SurveyQuestion.objects.filter(survey=survey, is_archived=False)
        .select_related("bank_question__area", "section")
        .order_by("section__order", "section_id", "order", "pk")
    )
    meta = []
    for q in rows:
        bank = q.bank_question
        scored = bank.is_scored and bank.area_id is not None
        meta.append(
            {
                "id": q.pk,
                "bank_id": bank.pk,
                "code": bank.code,
                "text": bank.text,
                "kind": bank.kind,
                "area": bank.area.code if scored else None,
                "area_name": bank.area.name if scored else None,
                "area_order": bank.area.order if scored else 0,
                "choices": list(bank.choices or []),
                "section": q.section.title,
            }
        )
    return meta


# --- per-question figures ----------------------------------------------------------------------


def _likert_result(counts: Mapping[int, int], points: int) -> dict:
    n = sum(counts.values())
    total = sum(likert_score(value, points) * count for value, count in counts.items())
    return {
        "n": n,
        "score": _r(total / n),
        "favourable": _pct(sum(c for value, c in counts.items() if value >= points - 1), n),
        "distribution": {str(p): int(counts.get(p, 0)) for p in range(1, points + 1)},
    }


def _enps_result(counts: Mapping[int, int]) -> dict:
    n = sum(counts.values())
    promoters = sum(c for value, c in counts.items() if value >= 9)
    detractors = sum(c for value, c in counts.items() if value <= 6)
    return {
        "n": n,
        "enps": _r((promoters - detractors) / n * 100, 1),
        "promoters": _pct(promoters, n),
        "passives": _pct(n - promoters - detractors, n),
        "detractors": _pct(detractors, n),
        "distribution": {str(p): int(counts.get(p, 0)) for p in range(0, 11)},
    }


def _choice_result(counts: Mapping[int, int], n: int, labels: list[str]) -> dict:
    return {
        "n": n,
        "counts": [
            {
                "index": i,
                "label": label,
                "count": int(counts.get(i, 0)),
                "share": _pct(int(counts.get(i, 0)), n),
            }
            for i, label in enumerate(labels)
        ],
    }


def _parse_choices(raw) -> list[int]:
    if isinstance(raw, list):
        return [int(i) for i in raw]
    return [int(i) for i in json.loads(raw or "[]")]


def _text_result(texts: list[str], *, survey_id: int, question_id: int) -> dict:
    """The texts in a shuffled order fixed by the survey and question, never with an id."""
    kept = sorted(texts)
    random.Random(f"{survey_id}:{question_id}").shuffle(kept)
    return {"n": len(kept), "texts": kept}


def _question_results(loaded: Loaded, meta: list[dict], survey: Survey, hidden: set) -> list[dict]:
    """Each live question's figures from its distinct answers and their counts (``Loaded.rows``)."""
    min_n = survey.min_group_size
    out = []
    for q in meta:
        rows = loaded.rows.get(q["id"], [])
        kind = q["kind"]
        entry = {k: q[k] for k in ("id", "bank_id", "code", "text", "kind", "area", "section")}
        if kind == QuestionKind.TEXT:
            texts = [
                kept for _v, _c, text, count in rows if text and (kept := text.strip()) for _ in range(count)
            ]
            small = len(texts) < survey.min_text_group_size
            result = None if small else _text_result(texts, survey_id=survey.pk, question_id=q["id"])
        elif kind == QuestionKind.MULTIPLE:
            chosen, n = {}, 0
            for _v, raw, _t, count in rows:
                indexes = _parse_choices(raw) if raw is not None else []
                if indexes:
                    n += count
                    for i in indexes:
                        chosen[i] = chosen.get(i, 0) + count
            small = n < min_n
            result = None if small else _choice_result(chosen, n, q["choices"])
        else:
            counts = {}
            for value, _c, _t, count in rows:
                if value is not None:
                    counts[int(value)] = counts.get(int(value), 0) + count
            n = sum(counts.values())
            small = n < min_n
            if small:
                result = None
            elif kind == QuestionKind.SINGLE:
                result = _choice_result(counts, n, q["choices"])
            elif kind == QuestionKind.ENPS:
                result = _enps_result(counts)
            else:
                result = _likert_result(counts, SCALE_POINTS[kind])
        entry["result"] = suppressed() if small or q["id"] in hidden else result
        out.append(entry)
    return out


# --- areas, overall, groups --------------------------------------------------------------------


class Scored:
    """Each respondent's mean score per area and overall (from ``Loaded``'s per-respondent sums).

    Area and overall scores are means over respondents of their own mean, so someone who
    answered more items of an area does not weigh more than someone who answered fewer.
    ``favourable``/``answers``: favourable and scored answers per area (``areas`` order).

    - ``rids``: the respondents with at least one answer to a live question, in order;
    - ``area_index``/``area_rid``/``area_score``: one entry per (area, respondent) with answers
      there, by area (an index into ``codes``) then respondent, and that respondent's mean;
    - ``overall_rid``/``overall_score``: each respondent with a scored answer and their mean.
    """

    def __init__(self, loaded: Loaded):
        self.codes = loaded.areas
        self.groups = loaded.groups
        self.rids = np.flatnonzero(loaded.live)
        counts, sums = loaded.area_count, loaded.area_sum
        self.favourable = loaded.area_favourable.sum(axis=0)
        self.answers = counts.sum(axis=0)
        area, rid = np.nonzero(counts.T > 0)
        self.area_index, self.area_rid = area, rid
        self.area_score = sums[rid, area] / counts[rid, area]
        total = counts.sum(axis=1)
        self.overall_rid = np.flatnonzero(total > 0)
        self.overall_score = sums[self.overall_rid].sum(axis=1) / total[self.overall_rid]

    def labels(self, column: str, rids: np.ndarray) -> list[str]:
        """The group (``column``) of each of ``rids``."""
        codes, labels = self.groups[column]
        return [labels[c] for c in codes[rids].tolist()]


def _area_results(scored: Scored, meta: list[dict], min_n: int, hidden: set) -> list[dict]:
    """Areas with score (mean of respondents' area means), n, CI and favourable share, ranked."""
    areas = {}
    for q in meta:
        if q["area"]:
            item = areas.setdefault(
                q["area"],
                {"code": q["area"], "name": q["area_name"], "order": q["area_order"], "questions": 0},
            )
            item["questions"] += 1
    # ``area_index`` is sorted: each area's respondents are one slice.
    bounds = np.searchsorted(scored.area_index, np.arange(len(scored.codes) + 1))
    per_area = {code: scored.area_score[bounds[i] : bounds[i + 1]] for i, code in enumerate(scored.codes)}
    out = []
    for code, info in areas.items():
        entry = {"code": code, "name": info["name"], "order": info["order"], "questions": info["questions"]}
        values = per_area.get(code, np.zeros(0))
        if values.size < min_n or code in hidden:
            entry.update(suppressed())
        else:
            entry.update(_stats_summary(values))
            i = scored.codes.index(code)
            entry["favourable"] = _r(float(scored.favourable[i] / scored.answers[i]) * 100, 1)
        out.append(entry)
    return rank_areas(out)


def rank_areas(areas: list[dict]) -> list[dict]:
    """Shown areas by score (highest first; ties by order and code), hidden ones last, unranked."""
    shown = sorted(
        (a for a in areas if not a.get("suppressed")), key=lambda a: (-a["score"], a["order"], a["code"])
    )
    hidden = sorted((a for a in areas if a.get("suppressed")), key=lambda a: (a["order"], a["code"]))
    for rank, area in enumerate(shown, start=1):
        area["rank"] = rank
    for area in hidden:
        area["rank"] = None
    return shown + hidden


def _overall(scored: Scored, min_n: int) -> dict:
    """Mean over respondents of each respondent's mean across all scored items."""
    if len(scored.overall_rid) < min_n:
        return suppressed()
    result = _stats_summary(scored.overall_score)
    result["favourable"] = _r(float(scored.favourable.sum() / scored.answers.sum()) * 100, 1)
    return result


def _dimensions(groups: dict, survey: Survey) -> list[str]:
    """The filter dimensions of a survey in the plan's order of priority: the context groups of a
    bound survey (a course's sessions) first, then departments (the heatmap), then grades. An
    anonymous survey whose audience carries no groups (a culture survey) has no context."""
    if survey.audience_external:
        # Respondents outside the staff directory: the list's systems and organisations instead.
        return [d for d in ("system", "organisation") if _has_groups(groups, GROUP_COLUMNS[d])]
    has_contexts = _has_groups(groups, "context")
    dims = ["context_key"] if has_contexts else []
    dims += ["department", "grade"]
    if not has_contexts and not survey.is_anonymous:
        dims.append("context_key")  # identified answers may carry a caller's key; none here
    return dims


def _measures(loaded: Loaded, scored: Scored, meta: list[dict], survey: Survey, cell_of: np.ndarray):
    """Names, thresholds and per-cell counts of everything a group shows: its respondents, the
    overall score, each area, each question (free text with its own, higher threshold).
    ``cell_of``: the cell of each of ``scored.rids``.

    Counted with ``np.bincount`` over (measure, cell) codes: a respondent's cell is looked up by
    their number, so no per-question array of respondents is built."""
    n_cells = int(cell_of.max()) + 1 if len(cell_of) else 0
    cell_by_rid = np.zeros(int(scored.rids.max()) + 1 if len(cell_of) else 0, dtype=np.int64)
    cell_by_rid[scored.rids] = cell_of

    def counts(group: np.ndarray, rids: np.ndarray, n_groups: int) -> np.ndarray:
        """(group, cell) counts of rows, as ``n_groups`` columns of per-cell counts."""
        flat = np.bincount(group * n_cells + cell_by_rid[rids], minlength=n_groups * n_cells)
        return flat.reshape(n_groups, n_cells)

    names, thresholds, columns = ["n", "overall"], [survey.min_group_size] * 2, []
    columns.append(np.bincount(cell_by_rid[scored.rids], minlength=n_cells))
    columns.append(np.bincount(cell_by_rid[scored.overall_rid], minlength=n_cells))
    areas = [area["code"] for area in _area_columns(meta)]
    # ``area_index`` indexes the sorted area codes; map them onto the areas' order here.
    to_column = np.asarray(
        [areas.index(c) if c in areas else len(areas) for c in scored.codes], dtype=np.int64
    )
    by_area = counts(to_column[scored.area_index], scored.area_rid, len(areas) + 1)
    for i, code in enumerate(areas):
        names.append(f"area:{code}")
        thresholds.append(survey.min_group_size)
        columns.append(by_area[i])
    # A value, a choice or a written text, per respondent and question (``Loaded.answered``).
    rids = scored.rids
    answered, cells = loaded.answered[rids], cell_by_rid[rids]
    for i, q in enumerate(meta):
        names.append(f"q:{q['id']}")
        text = q["kind"] == QuestionKind.TEXT
        thresholds.append(survey.min_text_group_size if text else survey.min_group_size)
        columns.append(np.bincount(cells[answered[:, i]], minlength=n_cells))
    sizes = np.stack(columns, axis=1) if n_cells else np.zeros((0, len(names)), dtype=np.int64)
    return names, thresholds, sizes


def _plan(loaded: Loaded, scored: Scored, meta: list[dict], survey: Survey) -> tuple[dict, list[str]]:
    """The publication plan of a survey: ``{group_key: {"n", "hidden"}}`` for every group that
    may be shown (see ``publication_plan``), and the dimensions it covers."""
    dims = _dimensions(loaded.groups, survey)
    columns = [scored.labels(GROUP_COLUMNS[d], scored.rids) for d in dims]
    # Each respondent's cell (their combination of groups), numbered in order of first appearance.
    index: dict[tuple, int] = {}
    cell_of = np.asarray(
        [index.setdefault(cell, len(index)) for cell in zip(*columns, strict=True)], np.int64
    )
    cells = list(index)
    names, thresholds, sizes = _measures(loaded, scored, meta, survey, cell_of)
    candidates = (
        plan_candidates(cells, list(range(len(dims))), sizes[:, 0])
        if cells
        else [((), np.zeros(0, dtype=np.int64))]
    )
    plan = {}
    members = dict(candidates)
    for group, hidden in publication_plan(candidates, sizes, thresholds).items():
        filters = {dims[d]: value for d, value in group}
        plan[group_key(filters)] = {
            "n": int(sizes[members[group], 0].sum()),
            "hidden": [names[m] for m in hidden],
        }
    return plan, dims


def _hidden_in(entry: dict | None, meta: list[dict]) -> tuple[bool, set, set]:
    """What a plan entry hides: (overall, area codes, question ids); everything when not shown."""
    if entry is None:
        return True, {q["area"] for q in meta if q["area"]}, {q["id"] for q in meta}
    hidden = entry["hidden"]
    areas = {name.split(":", 1)[1] for name in hidden if name.startswith("area:")}
    questions = {int(name.split(":", 1)[1]) for name in hidden if name.startswith("q:")}
    return "overall" in hidden, areas, questions


def _has_groups(groups: dict, column: str) -> bool:
    """True when any respondent with an answer (to any question, archived ones too) has a group."""
    return any(key != BLANK_KEY for key in groups[column][1])


def context_labels(keys: Iterable[str]) -> dict[str, str]:
    """Labels of context keys from the modules that registered them (``registry.survey_contexts``);
    a key no module knows is shown as it is. One call per prefix."""
    by_context: dict = {}
    labels = {}
    for key in keys:
        context = survey_context_for(key)
        if context is None:
            labels[key] = key
        else:
            by_context.setdefault(context, []).append(key)
    for context, group in by_context.items():
        found = context.labels(group)
        labels.update({key: str(found.get(key, key)) for key in group})
    return labels


def _group_labels(column: str, keys: Iterable[str]) -> dict[str, str]:
    keys = list(keys)
    if column == "department":
        ids = [int(k) for k in keys if k != BLANK_KEY]
        names = dict(Department.objects.filter(pk__in=ids).values_list("pk", "name"))
        labels = {k: names.get(int(k), k) for k in keys if k != BLANK_KEY}
    elif column == "context_key":
        labels = context_labels(k for k in keys if k != BLANK_KEY)
    else:
        labels = {k: k for k in keys if k != BLANK_KEY}
    if BLANK_KEY in keys:
        labels[BLANK_KEY] = _("미지정")
    return labels


def _department_order(keys: Iterable[str]) -> list[str]:
    keys = set(keys)
    ordered = [
        str(pk)
        for pk in Department.objects.filter(pk__in=[int(k) for k in keys if k != BLANK_KEY])
        .order_by("sort_order", "code")
        .values_list("pk", flat=True)
    ]
    return ordered + ([BLANK_KEY] if BLANK_KEY in keys else [])


def _heatmap(
    plan: dict, dimension: str, cells: dict, areas: list[dict], labels: dict[str, str], order: list[str]
) -> dict:
    """Group × area (departments, or systems): a cell is the group's figure, shown where the plan
    shows it."""
    columns = [
        {"code": a["code"], "name": a["name"]} for a in sorted(areas, key=lambda a: (a["order"], a["code"]))
    ]
    rows = []
    for key in order:
        entry = plan.get(group_key({dimension: key}))

        def cell(code, name, key=key, entry=entry):
            if entry is None or name in entry["hidden"] or (key, code) not in cells:
                return suppressed()
            score, n = cells[(key, code)]
            return {"score": _r(score), "n": n}

        rows.append(
            {
                "key": key,
                "label": labels[key],
                "overall": cell(OVERALL, "overall"),
                "cells": {c["code"]: cell(c["code"], f"area:{c['code']}") for c in columns},
            }
        )
    return {"columns": columns, "rows": rows}


# --- comparison through lineage ----------------------------------------------------------------


def lineage_match(bank_id: int, previous_bank_ids: set[int], lineage: Mapping[int, tuple]) -> dict:
    """Find the predecessor of a bank question among the previous survey's questions.

    Walk ``continues`` back from the question itself; a question that says ``method_changed``
    ends the walk (its earlier wording measured something else). Guards against cycles.
    """
    seen = set()
    current = bank_id
    while current is not None and current not in seen:
        if current in previous_bank_ids:
            return {"status": "matched", "bank_id": current}
        seen.add(current)
        continues_id, method_changed = lineage.get(current, (None, False))
        if method_changed:
            return {"status": "method_changed", "bank_id": None}
        current = continues_id
    return {"status": "new", "bank_id": None}


def _figure(result: dict, key: str = "score"):
    if not result or result.get("suppressed"):
        return None
    return result.get(key)


def _compare_pair(previous, current) -> dict:
    if previous is None or current is None:
        return suppressed()
    return {"previous": previous, "current": current, "delta": delta(previous, current)}


def comparison(current: dict, previous: dict | None, lineage: Mapping[int, tuple]) -> dict | None:
    """Compare two results dicts: overall and areas directly, questions through lineage."""
    if previous is None:
        return None
    if previous.get("suppressed"):
        return {"previous": previous["survey"], "suppressed": True}
    prev_questions = {q["bank_id"]: q for q in previous["questions"]}
    prev_areas = {a["code"]: a for a in previous["areas"]}
    areas = []
    for area in sorted(current["areas"], key=lambda a: (a["order"], a["code"])):
        before = prev_areas.get(area["code"])
        pair = _compare_pair(_figure(before), _figure(area)) if before else {"status": "new"}
        areas.append({"code": area["code"], "name": area["name"], **pair})
    questions = []
    for q in current["questions"]:
        if q["kind"] == QuestionKind.TEXT:
            continue
        match = lineage_match(q["bank_id"], set(prev_questions), lineage)
        entry = {"id": q["id"], "code": q["code"], "text": q["text"], "status": match["status"]}
        if match["status"] == "matched":
            before = prev_questions[match["bank_id"]]
            key = "enps" if q["kind"] == QuestionKind.ENPS else "score"
            entry["previous_code"] = before["code"]
            entry.update(_compare_pair(_figure(before["result"], key), _figure(q["result"], key)))
        questions.append(entry)
    return {
        "previous": previous["survey"],
        "overall": _compare_pair(_figure(previous["overall"]), _figure(current["overall"])),
        "areas": areas,
        "questions": questions,
    }


def _lineage_map() -> dict[int, tuple]:
    return {
        pk: (continues_id, method_changed)
        for pk, continues_id, method_changed in BankQuestion.objects.values_list(
            "pk", "continues_id", "method_changed"
        )
    }


# --- the whole computation ---------------------------------------------------------------------


def _survey_head(survey: Survey) -> dict:
    return {
        "id": survey.pk,
        "title": survey.title,
        "year": survey.year,
        "mode": survey.mode,
        "status": survey.status,
    }


def group_message(survey: Survey, filters: Mapping[str, str]) -> dict:
    """What a filtered request for a hidden group gets: the message and nothing to count."""
    return {
        "format": RESULTS_FORMAT,
        "survey": _survey_head(survey),
        "filters": dict(sorted(filters.items())),
        "suppressed": True,
        "message": str(SUPPRESSED_MESSAGE),
    }


def _participation(survey: Survey, filters: Mapping[str, str], responses: int) -> dict:
    """Audience (frozen when each person was added) against responses. A context group counts the
    audience rows of that group; none (an identified caller's own key) leaves the size unknown.
    An external survey's audience is its list (a system or organisation: the rows that name it)."""
    if survey.audience_external:
        listed = ExternalRespondent.objects.filter(survey=survey)
        for name in ("system", "organisation"):
            if name in filters:
                listed = listed.filter(**{name: filters[name]})
        size = listed.count()
        return {
            "audience": size,
            "responses": responses,
            "response_rate": _pct(responses, size) if size else None,
        }
    size = _filter_responses(AudienceMember.objects.filter(survey=survey), filters).count()
    if "context_key" in filters and not size:
        size = None
    return {
        "audience": size,
        "responses": responses,
        "response_rate": _pct(responses, size) if size else None,
    }


def survey_results_compute(*, survey_id: int, filters: Mapping | None = None) -> dict:
    """Compute the results dict of a survey, or of one group of it when ``filters`` are given.

    A filtered computation reads the full result through the cache first: its publication plan
    says whether the group is shown and which of its figures are hidden.
    """
    survey = Survey.objects.select_related("previous").get(pk=survey_id)
    return _compute(survey, _normalise_filters(filters), compare=True)


def _compute(survey: Survey, filters: dict[str, str], *, compare: bool, full: dict | None = None) -> dict:
    min_n = survey.min_group_size
    entry = None
    if filters:
        full = full or survey_results(survey=survey)
        entry = (full.get("plan") or {}).get(group_key(filters))
        if entry is None:
            return group_message(survey, filters)
    # The version is read BEFORE the answers: answers that arrive in between then make the stored
    # result look older than it is (and it is recomputed), never newer than it is.
    version = results_version(survey) if not filters else None
    meta = _question_meta(survey)
    loaded = Loaded(survey_id=survey.pk, filters=filters, meta=meta)
    respondents = int(loaded.live.sum())
    if filters and respondents != entry["n"]:
        # Answers arrived after the plan was made: a figure of the new group could cut a group
        # under the threshold off the plan's others, so it waits for the next plan.
        return group_message(survey, filters)
    scored = Scored(loaded)
    groups = None if filters else _groups(loaded, scored, meta, survey)
    if groups:
        entry = groups["plan"].get("")
    overall_hidden, hidden_areas, hidden_questions = _hidden_in(entry, meta)
    overall_hidden = overall_hidden or respondents < min_n
    responses = _version_responses(version) if not filters else respondents
    result = {
        "format": RESULTS_FORMAT,
        "version": version,
        "survey": _survey_head(survey),
        "filters": dict(sorted(filters.items())),
        "min_group_size": min_n,
        "min_text_group_size": survey.min_text_group_size,
        "ci_method": CI_METHOD,
        "participation": _participation(survey, filters, responses),
        "overall": suppressed() if overall_hidden else _overall(scored, min_n),
        "areas": _area_results(scored, meta, min_n, hidden_areas),
        "questions": _question_results(loaded, meta, survey, hidden_questions),
        "heatmap": groups["heatmap"] if groups else None,
        "groups": groups["groups"] if groups else None,
        "plan": groups["plan"] if groups else None,
        "comparison": None,
    }
    del loaded, scored, groups  # the answers' arrays go before the previous year is read
    if compare:
        previous = _previous_results(survey, filters)
        result["comparison"] = comparison(result, previous, _lineage_map()) if previous else None
    return result


def _groups(loaded: Loaded, scored: Scored, meta: list[dict], survey: Survey) -> dict:
    """The publication plan, the filter groups of each dimension (with n where shown) and the
    heatmap: department × area, or system × area for an external survey."""
    plan, dims = _plan(loaded, scored, meta, survey)
    out = {"groups": {}, "plan": plan, "heatmap": None}
    heatmap_dimension = "system" if "system" in dims else "department"
    for dimension in FILTER_DIMENSIONS:
        if dimension not in dims:
            continue
        keys = set(scored.labels(GROUP_COLUMNS[dimension], scored.rids))
        labels = _group_labels(dimension, keys)
        order = _department_order(keys) if dimension == "department" else sorted(keys)
        out["groups"][dimension] = [
            {"key": k, "label": labels[k]}
            | (
                {"n": plan[group_key({dimension: k})]["n"], "suppressed": False}
                if group_key({dimension: k}) in plan
                else {"suppressed": True}
            )
            for k in order
        ]
        if dimension == heatmap_dimension:
            cells = _group_cells(scored, GROUP_COLUMNS[dimension])
            out["heatmap"] = _heatmap(plan, dimension, cells, _area_columns(meta), labels, order)
            out["heatmap"]["dimension"] = dimension
    return out


def _group_cells(scored: Scored, column: str) -> dict:
    """(group, area or OVERALL) → (mean score, n) of each group of ``column`` (departments, or an
    external survey's systems)."""
    codes, labels = scored.groups[column]
    columns = [*scored.codes, OVERALL]  # the overall score is one more column after the areas
    width = len(columns)
    keys = np.concatenate(
        [
            codes[scored.area_rid].astype(np.int64) * width + scored.area_index,
            codes[scored.overall_rid].astype(np.int64) * width + (width - 1),
        ]
    )
    scores = np.concatenate([scored.area_score, scored.overall_score])
    size = np.bincount(keys, minlength=len(labels) * width)
    total = np.bincount(keys, weights=scores, minlength=len(labels) * width)
    cells = {}
    for flat in np.flatnonzero(size).tolist():
        group, column_index = divmod(flat, width)
        cells[(labels[group], columns[column_index])] = (float(total[flat] / size[flat]), int(size[flat]))
    return cells


def _area_columns(meta: list[dict]) -> list[dict]:
    columns = {
        q["area"]: {"code": q["area"], "name": q["area_name"], "order": q["area_order"]}
        for q in meta
        if q["area"]
    }
    return sorted(columns.values(), key=lambda a: (a["order"], a["code"]))


def _previous_results(survey: Survey, filters: dict[str, str]) -> dict | None:
    """The previous survey's result for the same group, without its own comparison (no chains)."""
    previous = survey.previous
    if previous is None or previous.pk == survey.pk:
        return None
    # The whole survey's comparison reads only these parts of the stored result (not its plan,
    # groups and heatmap: most of its megabytes); a group's reads the plan too.
    prev_full = _valid_cache(previous, keys=None if filters else COMPARED_PARTS)
    if prev_full is None:
        prev_full = _compute(previous, {}, compare=False)
    if not filters:
        return prev_full
    return _compute(previous, filters, compare=False, full=prev_full)


# --- cache -------------------------------------------------------------------------------------


def with_version_fields(surveys):
    """``surveys`` (a queryset) with what ``results_version`` reads besides the survey's own
    fields, its live questions counted in the same query: a view that reads the survey anyway
    (the results page) then needs no second query for the version."""
    return surveys.annotate(live_questions=count_per_survey(SurveyQuestion.objects.filter(is_archived=False)))


def results_version(survey: Survey) -> str:
    """What the cached result depends on: answers only grow, so the response count says when
    they changed; archiving a question, closing the survey, a new threshold, a new previous
    survey or people added to a bound survey's audience change it too. The survey's fields and
    question count are read now (one small query), or were read with the survey in this request
    (``with_version_fields``); the big counts come from ``counts.survey_counts``."""
    fields = ("live_questions", "status", "min_group_size", "min_text_group_size", "previous_id")
    if hasattr(survey, "live_questions"):
        row = tuple(getattr(survey, name) for name in fields)
    else:
        row = with_version_fields(Survey.objects.filter(pk=survey.pk)).values_list(*fields).get()
    n_questions, status, min_n, min_text, previous_id = row
    n_responses, n_audience = survey_counts(survey.pk)
    return ":".join(
        [f"f{RESULTS_FORMAT}", f"r{n_responses}", f"q{n_questions or 0}", status]
        + [f"m{min_n}", f"t{min_text}", f"p{previous_id}", f"a{n_audience}"]
    )


def _version_responses(version: str) -> int:
    return int(version.split(":")[1][1:])


COMPARED_PARTS = ("version", "survey", "overall", "areas", "questions")  # what ``comparison`` reads


def _valid_cache(
    survey: Survey, version: str | None = None, keys: Iterable[str] | None = None
) -> dict | None:
    version = version or results_version(survey)
    data = _cached_data(survey, keys)
    return data if data and data.get("version") == version else None


def _cached_data(survey: Survey, keys: Iterable[str] | None = None) -> dict | None:
    """The stored result of a survey, or only its parts ``keys`` (with "version")."""
    rows = ResultCache.objects.filter(survey=survey)
    if keys is None:
        return rows.values_list("data", flat=True).first()
    keys = list(dict.fromkeys(["version", *keys]))
    found = rows.values_list(*(f"data__{key}" for key in keys)).first()
    return dict(zip(keys, found, strict=True)) if found is not None else None


def _only_new_answers(cached_version: str, version: str) -> bool:
    """True when the two versions differ in the response count alone: the cached result is then
    a correct, slightly older picture (same questions, thresholds and status)."""
    old, new = cached_version.split(":"), version.split(":")
    return len(old) == len(new) and old[0] == new[0] and old[2:] == new[2:] and old[1] != new[1]


REFRESH_DELAY_SECONDS = 30
# A waiting run holds the slot this long at most, so that where web and worker do not share a
# cache (the embedded default's local-memory cache) results still catch up within a minute.
REFRESH_LOCK_SECONDS = 60


def results_refresh_queue(*, survey_id: int) -> bool:
    """Queue one recomputation after the current transaction, unless one is already waiting.

    Answers arrive in bursts (12,000 people in two weeks, many at nine in the morning); a
    recomputation per answer would keep a worker busy for nothing. The first answer queues a run
    a little later; answers until it starts ride along; the task frees the slot as it starts, so
    answers that arrive while it computes queue the next one.
    """
    if not django_cache.add(_refresh_key(survey_id), True, REFRESH_LOCK_SECONDS):
        return False
    from .tasks import survey_results_compute

    transaction.on_commit(
        lambda: survey_results_compute.apply_async((survey_id,), countdown=REFRESH_DELAY_SECONDS)
    )
    return True


def results_refresh_started(*, survey_id: int) -> None:
    django_cache.delete(_refresh_key(survey_id))


def _refresh_key(survey_id: int) -> str:
    return f"surveys:results-refresh:{survey_id}"


def survey_results_refresh(*, survey_id: int) -> bool:
    """Recompute and store the cached result unless it is already current. Idempotent: returns
    False when there was nothing to do."""
    survey = Survey.objects.select_related("previous").get(pk=survey_id)
    if _valid_cache(survey) is not None:
        return False
    _store(survey, _compute(survey, {}, compare=True))
    return True


def _store(survey: Survey, data: dict) -> None:
    with transaction.atomic():
        ResultCache.objects.update_or_create(
            survey=survey, defaults={"data": data, "response_count": _version_responses(data["version"])}
        )


# The last few current results, already parsed, per process: a big survey's cached JSON is
# megabytes, and parsing it on every page view cost more than the rest of the page. One entry a
# survey (its newest version replaces the older one: keyed by version, an open survey receiving
# answers left up to eight stale copies of some 10 MB each in every long-running web worker),
# for the four surveys viewed last.
_recent = ProcessMemory(limit=4)  # survey id -> (version, parsed results)


def results_memory_clear() -> None:
    """Forget the parsed results this process keeps (tests, where ids are reused)."""
    _recent.clear()


def _remember(survey_id: int, version: str, data: dict) -> None:
    _recent.put(survey_id, (version, data))


def _recalled(survey_id: int, version: str) -> dict | None:
    """The parsed results this process keeps for ``version`` of the survey, or None."""
    kept = _recent.get(survey_id)
    return kept[1] if kept is not None and kept[0] == version else None


def survey_results(*, survey: Survey, filters: Mapping | None = None) -> dict:
    """The results a page, an export or an API shows.

    Without filters: the cached dict when current (one small query plus the cache row). When only
    new answers have arrived since, the cached dict marked ``refreshing`` while a worker
    recomputes; when anything else changed (questions, thresholds, status), computed now and
    stored, so no reader ever sees a result that the current rules would not show. With filters:
    computed now for that group, or the suppression message if the group is hidden.
    """
    filters = _normalise_filters(filters)
    version = results_version(survey)
    full = _recalled(survey.pk, version) or _cached_data(survey)
    if full and full.get("version") == version:
        _remember(survey.pk, version, full)
    elif full:
        if not filters and _only_new_answers(full["version"], version):
            # New answers only: show the last result now and let the worker catch up, rather
            # than make the reader wait seconds for pandas on a big survey. (A filtered view is
            # checked against a current full result, so it never relies on an older one.)
            results_refresh_queue(survey_id=survey.pk)
            full = {**full, "refreshing": True}
        else:
            full = None
    if full is None:
        full = _compute(survey, {}, compare=True)
        _store(survey, full)
    if not filters:
        return full
    return _compute(survey, filters, compare=True, full=full)
