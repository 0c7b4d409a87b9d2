"""The differencing attacker: everything one viewer can see of a survey, and what it gives away.

The attacker asks for the results under every filter combination (department, grade, context and
their crossings, including combinations nobody answered), reads the heatmap, the filter groups and
the Excel export of every combination it was shown, and then:

- subtracts every shown figure from every shown figure of a larger group it lies in (pairs), and
  every sum of up to three disjoint shown parts, and all shown parts at once (sums);
- checks by linear algebra whether any cell of department × grade × context with 1–4 people, or
  two such cells together, is a combination of the shown groups at all;
- intersects the free-text lists of shown groups (a list, unlike a sum, can be intersected).

It knows the truth (who is in which group) only to score itself: a recovery counts when the
derived group is non-empty and smaller than the threshold. ``attack`` returns what it recovered.
"""

import io
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from openpyxl import load_workbook

from intranet.surveys.export import survey_results_workbook
from intranet.surveys.models import QuestionKind, Response, Survey
from intranet.surveys.results import FILTER_DIMENSIONS, SUPPRESSED_MESSAGE, survey_results

NUMERIC = (
    QuestionKind.LIKERT5,
    QuestionKind.LIKERT7,
    QuestionKind.ENPS,
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
)


@dataclass
class Seen:
    """What the viewer saw: per measure, the groups (as filters) with their n and counts."""

    figures: dict = field(default_factory=lambda: defaultdict(dict))  # measure → filters → (n, vector)
    texts: dict = field(default_factory=lambda: defaultdict(dict))  # question → filters → texts
    requests: int = 0
    exports: int = 0


def _key(filters: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in filters.items()))


def _vector(result: dict) -> tuple:
    if "distribution" in result:
        return tuple(result["distribution"].values())
    if "counts" in result:
        return tuple(c["count"] for c in result["counts"])
    return (round(result["score"] * result["n"], 6),)


def _record(seen: Seen, data: dict, filters: dict) -> None:
    key = _key(filters)
    if data.get("suppressed"):
        return
    seen.figures["n"][key] = (data["participation"]["responses"], ())
    if not data["overall"].get("suppressed"):
        seen.figures["overall"][key] = (data["overall"]["n"], _vector(data["overall"]))
    for area in data["areas"]:
        if not area.get("suppressed"):
            seen.figures[f"area:{area['code']}"][key] = (area["n"], _vector(area))
    for q in data["questions"]:
        result = q["result"]
        if result.get("suppressed"):
            continue
        if "texts" in result:
            seen.texts[q["id"]][key] = list(result["texts"])
        else:
            seen.figures[f"q:{q['id']}"][key] = (result["n"], _vector(result))
    for dimension, groups in (data.get("groups") or {}).items():
        for group in groups:
            if not group["suppressed"]:
                seen.figures["n"][_key({**filters, dimension: group["key"]})] = (group["n"], ())
    for row in (data.get("heatmap") or {}).get("rows", []):
        row_key = _key({**filters, "department": row["key"]})
        if not row["overall"].get("suppressed"):
            seen.figures["overall"][row_key] = (row["overall"]["n"], _vector(row["overall"]))
        for code, cell in row["cells"].items():
            if not cell.get("suppressed"):
                seen.figures[f"area:{code}"][row_key] = (cell["n"], _vector(cell))


def _record_export(seen: Seen, survey: Survey, filters: dict, data: dict) -> None:
    """The export shows what the page shows: read its question sheet back and hold it to that."""
    book = load_workbook(io.BytesIO(survey_results_workbook(survey=survey, filters=filters)), read_only=True)
    seen.exports += 1
    sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    question_sheets = [rows for rows in sheets.values() if rows and len(rows[0]) == 10]
    if data.get("suppressed"):
        assert not question_sheets, filters  # a hidden group's export holds only the message
        return
    question_sheet = question_sheets[0]
    exported = {row[1]: row[5] for row in question_sheet[1:]}
    for q in data["questions"]:
        shown = str(SUPPRESSED_MESSAGE) if q["result"].get("suppressed") else q["result"]["n"]
        assert exported[q["code"]] == shown, (filters, q["code"], exported[q["code"]], shown)


def look(survey: Survey, *, exports: bool = True) -> Seen:
    """Request every filter combination (and its export) as a viewer can."""
    seen = Seen()
    full = survey_results(survey=survey)
    _record(seen, full, {})
    if exports:
        _record_export(seen, survey, {}, full)
    values = {
        name: [g["key"] for g in (full.get("groups") or {}).get(name, []) if g["key"] != ""]
        for name in FILTER_DIMENSIONS
    }
    dims = [name for name in FILTER_DIMENSIONS if values[name]]
    for size in range(1, len(dims) + 1):
        for chosen in itertools.combinations(dims, size):
            for combo in itertools.product(*(values[d] for d in chosen)):
                filters = dict(zip(chosen, combo, strict=True))
                data = survey_results(survey=survey, filters=filters)
                seen.requests += 1
                _record(seen, data, filters)
                if exports and not data.get("suppressed"):
                    _record_export(seen, survey, filters, data)
    return seen


def truth(survey: Survey) -> dict:
    """Response id → its group values, as stored."""
    return {
        str(rid): {"department": str(dept or ""), "grade": grade, "context_key": context}
        for rid, dept, grade, context in Response.objects.filter(survey=survey).values_list(
            "id", "department_id", "grade", "context_key"
        )
    }


def _members(people: dict, key: tuple) -> frozenset:
    wanted = dict(key)
    return frozenset(rid for rid, values in people.items() if all(values[k] == v for k, v in wanted.items()))


def _has_measure(survey: Survey) -> dict:
    """measure → the response ids it counts (who answered the question, area, anything scored)."""
    from intranet.surveys.models import Answer

    out = defaultdict(set)
    rows = Answer.objects.filter(response__survey=survey, question__is_archived=False).values_list(
        "response_id",
        "question_id",
        "question__bank_question__kind",
        "question__bank_question__area__code",
        "value",
        "choices",
        "text",
    )
    for rid, qid, kind, area, value, choices, text in rows:
        rid = str(rid)
        out["n"].add(rid)
        if kind == QuestionKind.TEXT:
            if text.strip():
                out[f"text:{qid}"].add(rid)
            continue
        if value is None and not choices:
            continue
        out[f"q:{qid}"].add(rid)
        if kind in (QuestionKind.LIKERT5, QuestionKind.LIKERT7) and area:
            out[f"area:{area}"].add(rid)
            out["overall"].add(rid)
    return out


def attack(survey: Survey, seen: Seen, *, min_n: int = 5, min_text: int = 10) -> list[tuple]:
    """Every group under the threshold the attacker worked out: ``(how, measure, size)``."""
    people = truth(survey)
    measured = _has_measure(survey)
    found = []
    for measure, shown in seen.figures.items():
        having = measured.get(measure if measure != "n" else "n", set()) if measure != "n" else set(people)
        groups = {key: _members(people, key) & having for key in shown}
        for key, members in groups.items():  # the figures are what they claim to be
            assert shown[key][0] == len(members), (measure, key, shown[key][0], len(members))
        found += _pairs_and_sums(measure, shown, groups, min_n)
        found += _span(measure, groups, people, having, min_n)
    for qid, shown in seen.texts.items():
        found += _text_atoms(qid, shown, min_text)
    return found


def _pairs_and_sums(measure, shown, groups, min_n) -> list[tuple]:
    found = []
    for big, big_members in groups.items():
        inside = [k for k, m in groups.items() if k != big and m <= big_members and m]
        for size in (1, 2, 3):
            for parts in itertools.combinations(inside, size):
                found += _difference(measure, shown, groups, big, parts, min_n)
        if len(inside) > 3:
            disjoint = _disjoint_cover(inside, groups)
            found += _difference(measure, shown, groups, big, disjoint, min_n)
    return found


def _disjoint_cover(keys, groups) -> tuple:
    chosen, covered = [], set()
    for key in sorted(keys, key=lambda k: -len(groups[k])):
        if not groups[key] & covered:
            chosen.append(key)
            covered |= groups[key]
    return tuple(chosen)


def _difference(measure, shown, groups, big, parts, min_n) -> list[tuple]:
    members = [groups[p] for p in parts]
    if any(a & b for a, b in itertools.combinations(members, 2)):
        return []  # overlapping parts: their sum counts someone twice
    n = shown[big][0] - sum(shown[p][0] for p in parts)
    rest = groups[big] - frozenset().union(*members)
    assert n == len(rest)
    if 0 < n < min_n:
        return [("difference", measure, big, parts, n)]
    return []


def _span(measure, groups, people, having, min_n) -> list[tuple]:
    """Cells (and pairs of cells) with 1..min_n-1 people: is any a combination of shown groups?"""
    order = sorted(having)
    if not order or not groups:
        return []
    index = {rid: i for i, rid in enumerate(order)}
    matrix = np.zeros((len(groups), len(order)))
    for row, members in enumerate(groups.values()):
        for rid in members:
            matrix[row, index[rid]] = 1
    # A vector is a combination of the shown groups exactly when it is orthogonal to their null
    # space: one SVD per measure, then every candidate is a product.
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    cells = defaultdict(set)
    for rid in order:
        cells[tuple(sorted(people[rid].items()))].add(rid)
    small = [members for members in cells.values() if len(members) < min_n]
    candidates = small + [a | b for a, b in itertools.combinations(small, 2) if len(a | b) < min_n]
    found = []
    for members in candidates:
        columns = [index[rid] for rid in members]
        if not len(null) or np.abs(null[:, columns].sum(axis=1)).max() < 1e-7:
            found.append(("combination", measure, len(members)))
    return found


def _text_atoms(qid, shown, min_text) -> list[tuple]:
    """Sort each text by the shown groups it appears in: a set of 1..min_text-1 texts that share
    their groups is what intersecting and subtracting the lists gives."""
    signature = defaultdict(set)
    for key, texts in shown.items():
        for text in texts:
            signature[text].add(key)
    atoms = defaultdict(list)
    for text, keys in signature.items():
        atoms[frozenset(keys)].append(text)
    return [("texts", qid, len(texts)) for texts in atoms.values() if 0 < len(texts) < min_text]
