import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance import scoring
from performance.models import Programme, Score
from performance.services import (
    PerformanceError,
    contest_create,
    contest_decide,
    entry_submit,
    judge_add,
    score_submit,
)
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_plan, build_programme, planner

scores_0_100 = st.integers(0, 10000).map(lambda n: n / 100)  # two decimal places, as stored
totals = st.dictionaries(st.integers(0, 20), scores_0_100, min_size=2, max_size=10)


@given(totals, st.floats(0.1, 5, allow_nan=False), st.floats(-50, 50, allow_nan=False))
def test_a_lenient_or_harsh_judge_moves_no_ranking(scores, scale, shift):
    plain = scoring.normalise({"judge": scores})
    moved = scoring.normalise({"judge": {e: v * scale + shift for e, v in scores.items()}})
    for entry in scores:
        assert abs(plain[entry] - moved[entry]) < 1e-6


def test_normalisation_evens_out_judges():
    # Judge A scores 60–70, judge B 80–100: both put x first, so x wins though B never gave 70.
    result = scoring.normalise({"A": {"x": 70, "y": 60}, "B": {"x": 100, "y": 80, "z": 90}})
    assert max(result, key=result.get) == "x"
    assert scoring.rank({"a": 2.0, "b": 1.0, "c": 1.0, "d": 0.0}) == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]
    assert scoring.award_tiers([("a", 1), ("b", 2), ("c", 3), ("d", 8)]) == {
        "a": "grand",
        "b": "gold",
        "c": "silver",
        "d": "",
    }


@pytest.mark.django_db
def test_contest_from_entry_to_award():
    boss, plan = planner(), build_plan()
    contest = contest_create(
        plan=plan,
        by=boss,
        title="2025 우수성과 공유대회",
        entries_close_on=dt.date(2025, 10, 31),
        criteria=[("성과의 탁월성", 60), ("확산 가능성", 40)],
    )
    first, second = build_programme(plan, code="A"), build_programme(plan, code="B")
    with pytest.raises(PerformanceError, match="담당하는 과제만"):
        entry_submit(contest=contest, programme=first, by=second.owner, today=dt.date(2025, 10, 1))
    with pytest.raises(PerformanceError, match="마감"):
        entry_submit(contest=contest, programme=first, by=first.owner, today=dt.date(2025, 11, 1))
    entries = [
        entry_submit(contest=contest, programme=p, by=p.owner, today=dt.date(2025, 10, 1))
        for p in (first, second)
    ]
    assert entries[0].summary == "시험 과제"  # pre-filled from the programme
    outsider = StaffFactory(department=DepartmentFactory())
    judge_add(contest=contest, by=boss, staff=outsider)
    insider = StaffFactory(department=first.department)
    judge_add(contest=contest, by=boss, staff=insider)
    criteria = list(contest.criteria.values_list("pk", flat=True))
    with pytest.raises(PerformanceError, match="자기 부서"):
        score_submit(entry=entries[0], judge_staff=insider, values=dict.fromkeys(criteria, 90))
    with pytest.raises(PerformanceError, match="심사위원만"):
        score_submit(entry=entries[0], judge_staff=StaffFactory(), values=dict.fromkeys(criteria, 90))
    with pytest.raises(PerformanceError, match="0에서 100"):
        score_submit(entry=entries[0], judge_staff=outsider, values=dict.fromkeys(criteria, 120))
    assert not Score.objects.exists()
    score_submit(entry=entries[0], judge_staff=outsider, values=dict.fromkeys(criteria, 90))
    score_submit(entry=entries[1], judge_staff=outsider, values=dict.fromkeys(criteria, 70))
    score_submit(entry=entries[1], judge_staff=insider, values=dict.fromkeys(criteria, 80))
    ranked = contest_decide(contest=contest, by=boss)
    assert [e.programme.code for e in ranked] == ["A", "B"]
    assert Programme.objects.get(code="A").award_tier == "grand"
    assert Programme.objects.get(code="B").award_tier == "gold"
    with pytest.raises(PerformanceError, match="확정된"):
        score_submit(entry=entries[1], judge_staff=outsider, values=dict.fromkeys(criteria, 100))
