"""Results arithmetic: 100-point scores, favourable share, CI, ranking, eNPS, choices, text,
lineage comparison, heatmap, filters and the small-group message."""

import json
import math

import pytest

from intranet.surveys.models import QuestionKind as K
from intranet.surveys.models import Survey
from intranet.surveys.results import (
    SUPPRESSED_MESSAGE,
    confidence_interval,
    delta,
    likert_score,
    lineage_match,
    rank_areas,
    survey_results,
    survey_results_compute,
)
from tests.surveys import factories as f

pytestmark = pytest.mark.django_db


def by_code(items):
    return {item["code"]: item for item in items}


@pytest.fixture
def basic():
    """Five respondents: leadership (5-point) 5,4,3,5,4; communication (7-point) 7,6,4,1,7."""
    lead, comm = f.area("leadership", 1, "리더십"), f.area("communication", 2, "소통")
    survey = f.survey(
        [
            f.bank("l1", area=lead),
            f.bank("c1", kind=K.LIKERT7, area=comm),
            f.bank("e1", kind=K.ENPS),
            f.bank("s1", kind=K.SINGLE),
            f.bank("m1", kind=K.MULTIPLE),
        ]
    )
    dept = f.department("D1", "기획팀")
    f.audience(survey, dept, 8)
    rows = [
        (5, 7, 10, 0, [0, 1]),
        (4, 6, 10, 0, [1]),
        (3, 4, 9, 1, [1, 2]),
        (5, 1, 7, 2, [2]),
        (4, 7, 3, 0, [0]),
    ]
    for lv, cv, ev, sv, mv in rows:
        f.respond(survey, {"l1": lv, "c1": cv, "e1": ev, "s1": sv, "m1": mv}, dept=dept)
    return survey


def test_likert_mapping():
    assert [likert_score(v, 5) for v in range(1, 6)] == [0, 25, 50, 75, 100]
    assert likert_score(7, 7) == 100 and likert_score(1, 7) == 0 and likert_score(4, 7) == 50


def test_question_scores_favourable_and_distribution(basic):
    data = survey_results_compute(survey_id=basic.pk)
    questions = by_code(data["questions"])
    lead = questions["l1"]["result"]
    assert lead == {
        "n": 5,
        "score": 80.0,
        "favourable": 80.0,
        "distribution": {"1": 0, "2": 0, "3": 1, "4": 2, "5": 2},
    }
    comm = questions["c1"]["result"]
    assert comm["score"] == pytest.approx(66.67) and comm["favourable"] == 60.0


def test_enps_and_choices(basic):
    questions = by_code(survey_results_compute(survey_id=basic.pk)["questions"])
    enps = questions["e1"]["result"]
    assert (enps["promoters"], enps["detractors"], enps["enps"]) == (60.0, 20.0, 40.0)
    single = questions["s1"]["result"]
    assert [c["count"] for c in single["counts"]] == [3, 1, 1]
    multiple = questions["m1"]["result"]
    assert multiple["n"] == 5 and [c["count"] for c in multiple["counts"]] == [2, 3, 2]
    assert multiple["counts"][1]["share"] == 60.0


def test_area_overall_ci_and_ranking(basic):
    data = survey_results_compute(survey_id=basic.pk)
    areas = data["areas"]
    assert [a["code"] for a in areas] == ["leadership", "communication"]
    assert [a["rank"] for a in areas] == [1, 2]
    lead = areas[0]
    sd = math.sqrt(1750 / 4)  # scores 100, 75, 50, 100, 75
    assert lead["score"] == 80.0 and lead["n"] == 5
    assert lead["ci_low"] == round(80 - 1.96 * sd / math.sqrt(5), 2)
    assert lead["ci_high"] == round(80 + 1.96 * sd / math.sqrt(5), 2)
    assert data["ci_method"] == "normal"
    # overall: mean of respondent means (100, 79.17, 50, 50, 87.5)
    assert data["overall"]["score"] == pytest.approx(73.33)
    assert data["participation"] == {"audience": 8, "responses": 5, "response_rate": 62.5}


def test_area_score_weights_respondents_not_answers():
    lead = f.area("leadership", 1)
    survey = f.survey([f.bank("l1", area=lead), f.bank("l2", area=lead)])
    f.respond(survey, {"l1": 5, "l2": 5}, times=3)  # mean 100 each
    f.respond(survey, {"l1": 1}, times=3)  # mean 0 each, one item only
    data = survey_results_compute(survey_id=survey.pk)
    assert data["areas"][0]["score"] == 50.0  # not 66.67 (the mean over answers)
    assert data["overall"]["score"] == 50.0


def test_confidence_interval_helper():
    low, high = confidence_interval(50.0, 10.0, 100)
    assert (round(low, 2), round(high, 2)) == (48.04, 51.96)
    assert confidence_interval(50.0, None, 1) == (None, None)


def test_rank_areas_puts_hidden_last_unranked():
    ranked = rank_areas(
        [
            {"code": "b", "order": 2, "score": 70.0},
            {"code": "a", "order": 1, "suppressed": True},
            {"code": "c", "order": 3, "score": 90.0},
            {"code": "d", "order": 0, "score": 70.0},
        ]
    )
    assert [(a["code"], a["rank"]) for a in ranked] == [("c", 1), ("d", 2), ("b", 3), ("a", None)]


def test_output_is_json_stable_and_deterministic(basic):
    first = survey_results_compute(survey_id=basic.pk)
    second = survey_results_compute(survey_id=basic.pk)
    assert first == second == json.loads(json.dumps(first))


def test_delta_as_people_read_it():
    assert delta(86.23, 86.4) == 0.17
    assert delta(86.4, 86.23) == -0.17
    assert delta(None, 80) is None


# --- lineage -----------------------------------------------------------------------------------


def test_lineage_walk():
    lineage = {3: (2, False), 2: (1, False), 1: (None, False), 5: (4, True), 4: (None, False)}
    assert lineage_match(3, {1}, lineage) == {"status": "matched", "bank_id": 1}
    assert lineage_match(2, {2}, lineage) == {"status": "matched", "bank_id": 2}
    assert lineage_match(5, {4}, lineage)["status"] == "method_changed"
    assert lineage_match(3, {9}, lineage)["status"] == "new"
    assert lineage_match(7, {1}, {7: (8, False), 8: (7, False)})["status"] == "new"  # a cycle ends


@pytest.fixture
def two_years():
    lead, grow = f.area("leadership", 1, "리더십"), f.area("growth", 2, "성장")
    old_lead = f.bank("lead-2024", area=lead, text="상사는 나를 존중한다")
    same = f.bank("lead-same", area=lead)
    old_grow = f.bank("grow-2024", area=grow)
    older = f.bank("grow-2023", area=grow)
    middle = f.bank("grow-mid", area=grow, continues=older)
    previous = f.survey([old_lead, same, old_grow, older], year=2024)
    f.respond(previous, {"lead-2024": 3, "lead-same": 4, "grow-2024": 2, "grow-2023": 3}, times=6)
    reworded = f.bank("lead-2025", area=lead, text="상사는 나를 존중하고 신뢰한다", continues=old_lead)
    changed = f.bank("grow-2025", area=grow, continues=old_grow, method_changed=True)
    chained = f.bank("grow-chain", area=grow, continues=middle)
    new = f.bank("brand-new", area=grow)
    current = f.survey([reworded, same, changed, chained, new], year=2025, previous=previous)
    f.respond(
        current, {"lead-2025": 4, "lead-same": 5, "grow-2025": 5, "grow-chain": 4, "brand-new": 1}, times=7
    )
    return previous, current


def test_comparison_through_lineage(two_years):
    _previous, current = two_years
    comparison = survey_results_compute(survey_id=current.pk)["comparison"]
    assert comparison["previous"]["year"] == 2024
    questions = by_code(comparison["questions"])
    assert questions["lead-2025"] == {
        "id": questions["lead-2025"]["id"],
        "code": "lead-2025",
        "text": "상사는 나를 존중하고 신뢰한다",
        "status": "matched",
        "previous_code": "lead-2024",
        "previous": 50.0,
        "current": 75.0,
        "delta": 25.0,
    }
    assert questions["lead-same"]["delta"] == 25.0
    assert questions["grow-2025"]["status"] == "method_changed" and "delta" not in questions["grow-2025"]
    assert questions["grow-chain"]["previous_code"] == "grow-2023"  # two steps back
    assert questions["brand-new"]["status"] == "new"
    areas = by_code(comparison["areas"])
    assert areas["leadership"] == {
        "code": "leadership",
        "name": "리더십",
        "previous": 62.5,
        "current": 87.5,
        "delta": 25.0,
    }
    assert comparison["overall"]["delta"] == delta(
        comparison["overall"]["previous"], comparison["overall"]["current"]
    )


def test_comparison_hides_what_was_hidden_last_year():
    lead = f.area("leadership", 1)
    q = f.bank("l1", area=lead)
    previous = f.survey([q], year=2024)
    f.respond(previous, {"l1": 4}, times=3)
    current = f.survey([q], year=2025, previous=previous)
    f.respond(current, {"l1": 5}, times=6)
    comparison = survey_results_compute(survey_id=current.pk)["comparison"]
    assert comparison["overall"] == {"suppressed": True}
    assert by_code(comparison["questions"])["l1"]["suppressed"] is True
    assert "previous" not in by_code(comparison["questions"])["l1"]


# --- groups, heatmap, filters ------------------------------------------------------------------


@pytest.fixture
def departments():
    """Three departments of 12, 7 and 3 respondents, two grades."""
    lead, comm = f.area("leadership", 1, "리더십"), f.area("communication", 2, "소통")
    survey = f.survey([f.bank("l1", area=lead), f.bank("c1", area=comm), f.bank("t1", kind=K.TEXT)])
    big, mid, small = (
        f.department("A", "기획팀", 1),
        f.department("B", "인사팀", 2),
        f.department("C", "감사팀", 3),
    )
    for dept, n in ((big, 15), (mid, 9), (small, 3)):
        f.audience(survey, dept, n)
    f.respond(survey, {"l1": 5, "c1": 4, "t1": "회의가 너무 많습니다"}, dept=big, grade="5급", times=12)
    f.respond(survey, {"l1": 3, "c1": 3, "t1": "좋습니다"}, dept=mid, grade="5급", times=7)
    f.respond(survey, {"l1": 1, "c1": 1, "t1": "감사팀 의견"}, dept=small, grade="3급", times=3)
    return survey, big, mid, small


def test_heatmap_hides_small_department_and_a_complement(departments):
    survey, big, mid, small = departments
    heatmap = survey_results_compute(survey_id=survey.pk)["heatmap"]
    rows = {row["key"]: row for row in heatmap["rows"]}
    assert [row["label"] for row in heatmap["rows"]] == ["기획팀", "인사팀", "감사팀"]
    assert rows[str(small.pk)]["overall"] == {"suppressed": True}
    assert rows[str(small.pk)]["cells"]["leadership"] == {"suppressed": True}
    # 7 is shown on its own, but with 감사팀 hidden it would be total − 기획팀: hidden as well
    assert rows[str(mid.pk)]["overall"] == {"suppressed": True}
    assert rows[str(big.pk)]["cells"]["leadership"] == {"score": 100.0, "n": 12}


def test_suppressed_cells_hold_no_number(departments):
    survey, *_ = departments
    text = json.dumps(survey_results_compute(survey_id=survey.pk)["heatmap"])
    for row in json.loads(text)["rows"]:
        for cell in [row["overall"], *row["cells"].values()]:
            assert cell == {"suppressed": True} or cell["n"] >= 5


def test_filtered_small_group_gets_only_the_message(departments):
    survey, _big, mid, small = departments
    for filters in ({"department": small.pk}, {"department": mid.pk}, {"grade": "3급"}, {"grade": "5급"}):
        data = survey_results(survey=survey, filters=filters)
        assert data["message"] == "응답자 수가 적어 표시하지 않습니다" == str(SUPPRESSED_MESSAGE)
        assert set(data) == {"format", "survey", "filters", "suppressed", "message"}


def test_filtered_big_group(departments):
    survey, big, *_ = departments
    data = survey_results(survey=survey, filters={"department": big.pk})
    assert data["overall"]["n"] == 12 and data["overall"]["score"] == 87.5
    assert data["participation"] == {"audience": 15, "responses": 12, "response_rate": 80.0}
    assert data["heatmap"] is None  # the heatmap is the unfiltered page's
    # 12 texts are ≥ 10; the rest (7 + 3) together are 10 too, so subtraction narrows nobody below 10
    assert by_code(data["questions"])["t1"]["result"]["n"] == 12


def test_filtered_texts_hidden_as_complement():
    survey = f.survey([f.bank("t1", kind=K.TEXT)])
    a, b, c = f.department("A"), f.department("B"), f.department("C")
    f.respond(survey, {"t1": "가"}, dept=a, times=30)
    f.respond(survey, {"t1": "나"}, dept=b, times=12)
    f.respond(survey, {"t1": "다"}, dept=c, times=6)  # shown as a group of 6, but its texts need 10
    assert survey_results(survey=survey, filters={"department": c.pk})["questions"][0]["result"] == {
        "suppressed": True
    }
    # B's 12 texts would give C's 6 away by subtraction from the whole list: hidden too
    assert survey_results(survey=survey, filters={"department": b.pk})["questions"][0]["result"] == {
        "suppressed": True
    }
    assert survey_results(survey=survey, filters={"department": a.pk})["questions"][0]["result"]["n"] == 30


def test_free_text_threshold_and_no_attribution(departments):
    survey, *_ = departments
    texts = by_code(survey_results_compute(survey_id=survey.pk)["questions"])["t1"]["result"]
    assert texts["n"] == 22 and sorted(set(texts["texts"])) == sorted(
        {"회의가 너무 많습니다", "좋습니다", "감사팀 의견"}
    )
    assert all(isinstance(t, str) for t in texts["texts"])  # no id, department or grade beside a text
    assert texts["texts"] != sorted(texts["texts"])  # shuffled, and the same way every time
    assert survey_results_compute(survey_id=survey.pk)["questions"][2]["result"] == texts


def test_text_hidden_below_ten():
    survey = f.survey([f.bank("t1", kind=K.TEXT)])
    f.respond(survey, {"t1": "의견"}, times=9)
    assert survey_results_compute(survey_id=survey.pk)["questions"][0]["result"] == {"suppressed": True}
    f.respond(survey, {"t1": "의견 둘"}, times=1)
    assert survey_results_compute(survey_id=survey.pk)["questions"][0]["result"]["n"] == 10


def test_whole_survey_under_threshold():
    lead = f.area("leadership", 1)
    survey = f.survey([f.bank("l1", area=lead)])
    f.respond(survey, {"l1": 5}, times=4)
    data = survey_results_compute(survey_id=survey.pk)
    assert data["overall"] == {"suppressed": True}
    assert data["areas"][0]["suppressed"] is True and "score" not in data["areas"][0]
    assert data["questions"][0]["result"] == {"suppressed": True}


def test_identified_course_feedback_by_context():
    lead = f.area("course", 1)
    survey = f.survey([f.bank("q1", area=lead)], mode=Survey.Mode.IDENTIFIED)
    f.respond(survey, {"q1": 5}, context_key="learning.session:1", times=6)
    f.respond(survey, {"q1": 3}, context_key="learning.session:2", times=8)
    f.respond(survey, {"q1": 1}, context_key="learning.session:3", times=2)
    groups = survey_results_compute(survey_id=survey.pk)["groups"]["context_key"]
    assert [(g["key"], g["suppressed"]) for g in groups] == [
        ("learning.session:1", True),  # the complement of session 3
        ("learning.session:2", False),
        ("learning.session:3", True),
    ]
    data = survey_results(survey=survey, filters={"context_key": "learning.session:2"})
    assert data["overall"]["score"] == 50.0 and data["participation"]["audience"] is None
    assert survey_results(survey=survey, filters={"context_key": "learning.session:3"})["suppressed"]


def test_a_question_past_the_first_answered_masks_is_counted_per_group():
    """The engine reads which questions each respondent answered as bit masks of 30 questions a
    column: a survey of 64 questions needs three, and a sparse question in any of them is hidden
    in the group where too few answered it, not elsewhere."""
    lead = f.area("leadership", 1)
    banks = [f.bank(f"q{i:02d}", area=lead) for i in range(64)]
    survey = f.survey(banks)
    a, b = f.department("A", "가팀"), f.department("B", "나팀")
    everything = {f"q{i:02d}": 4 for i in range(64)}
    sparse = ("q05", "q31", "q63")  # one in each mask column
    f.respond(survey, everything, dept=a, times=6)
    f.respond(survey, everything, dept=b, times=2)
    f.respond(survey, {k: v for k, v in everything.items() if k not in sparse}, dept=b, times=4)
    data = survey_results_compute(survey_id=survey.pk)
    ids = {q["code"]: q["id"] for q in data["questions"]}
    assert {q["code"]: q["result"]["n"] for q in data["questions"] if q["code"] in sparse} == dict.fromkeys(
        sparse, 8
    )
    hidden_in_b = set(data["plan"][f"department={b.pk}"]["hidden"])
    assert {f"q:{ids[code]}" for code in sparse} <= hidden_in_b
    assert f"q:{ids['q00']}" not in hidden_in_b and f"q:{ids['q62']}" not in hidden_in_b


def test_computing_a_result_needs_no_pandas(basic, monkeypatch):
    """pandas adds some 35 MB to the process that computes (issue 18 §3: ≤ 250 MB at 17,148 ×
    42): the engine groups with numpy alone, so computing works where pandas cannot be imported."""
    import sys

    class NoPandas:
        def find_spec(self, name, path=None, target=None):
            if name == "pandas" or name.startswith("pandas."):
                raise ImportError("pandas is not for the survey engine")
            return None

    for name in [n for n in sys.modules if n == "pandas" or n.startswith("pandas.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [NoPandas(), *sys.meta_path])
    data = survey_results_compute(survey_id=basic.pk)
    assert data["overall"]["n"] == 5
    assert by_code(data["areas"])["leadership"]["score"] == 80.0  # 100, 75, 50, 100, 75
