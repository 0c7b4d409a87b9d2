import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from performance import progress
from performance.models import Status
from performance.progress import KpiFacts, MilestoneFacts

YEAR = 2025
dates = st.dates(min_value=dt.date(YEAR, 1, 1), max_value=dt.date(YEAR, 12, 31))
weights = st.floats(min_value=0.1, max_value=100, allow_nan=False)
milestone = st.builds(MilestoneFacts, due_date=dates, weight=weights, done_on=st.one_of(st.none(), dates))
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
percents = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(st.lists(milestone, max_size=12), dates)
def test_milestone_percent_is_within_0_100(milestones, as_of):
    assert 0 <= progress.milestone_percent(milestones, as_of=as_of) <= 100


@given(st.lists(milestone, min_size=1, max_size=12), st.data())
def test_marking_a_milestone_done_never_lowers_the_percent(milestones, data):
    index = data.draw(st.integers(0, len(milestones) - 1))
    before = progress.milestone_percent(milestones)
    after_list = list(milestones)
    after_list[index] = MilestoneFacts(
        milestones[index].due_date, milestones[index].weight, dt.date(YEAR, 6, 1)
    )
    assert progress.milestone_percent(after_list) >= before - 1e-9


@given(st.lists(milestone, min_size=1, max_size=12))
def test_all_done_is_100_and_none_done_is_0(milestones):
    done = [MilestoneFacts(m.due_date, m.weight, m.due_date) for m in milestones]
    open_ = [MilestoneFacts(m.due_date, m.weight, None) for m in milestones]
    assert progress.milestone_percent(done) == 100
    assert progress.milestone_percent(open_) == 0


@given(numbers, numbers, st.one_of(st.none(), numbers))
def test_kpi_fraction_is_clamped(baseline, target, actual):
    assert 0 <= progress.kpi_fraction(KpiFacts(baseline, target, actual)) <= 1


def test_kpi_percent_handles_decreasing_targets():
    false_alarms = KpiFacts(baseline=54, target=1, actual=1)  # 오탐률 54% → 1%
    satisfaction = KpiFacts(baseline=74.7, target=85, actual=87.8)  # beyond target: clamped
    halfway = KpiFacts(baseline=90, target=95, actual=92.5)
    assert progress.kpi_percent([false_alarms]) == 100
    assert progress.kpi_percent([satisfaction]) == 100
    assert abs(progress.kpi_percent([halfway]) - 50) < 1e-9
    assert abs(progress.kpi_percent([false_alarms, KpiFacts(54, 1, None)]) - 50) < 1e-9


@given(st.lists(st.tuples(weights, percents), min_size=1, max_size=30))
def test_rollup_lies_between_the_parts(parts):
    value = progress.rollup(parts)
    assert min(p for _w, p in parts) - 1e-6 <= value <= max(p for _w, p in parts) + 1e-6


def test_rollup_of_nothing_is_zero():
    assert progress.rollup([]) == 0


@given(percents, percents, st.sampled_from(Status.values), st.lists(milestone, max_size=3))
def test_override_wins(percent, expected, override, slipped):
    status = progress.derive_status(
        percent=percent, expected=expected, margin=10, slipped=slipped, override=override
    )
    assert status == override


def test_derived_statuses():
    late = MilestoneFacts(dt.date(YEAR, 3, 1), 1)
    derive = progress.derive_status
    assert derive(percent=100, expected=50, margin=10) == Status.DONE
    assert derive(percent=60, expected=50, margin=10, slipped=[late]) == Status.DELAYED
    assert derive(percent=30, expected=50, margin=10) == Status.AT_RISK
    assert derive(percent=40, expected=50, margin=10) == Status.ON_TRACK


def test_programme_state_schedule_by_weighted_due_dates():
    milestones = [
        MilestoneFacts(dt.date(YEAR, 3, 31), 1, dt.date(YEAR, 3, 30)),
        MilestoneFacts(dt.date(YEAR, 6, 30), 3),
        MilestoneFacts(dt.date(YEAR, 11, 30), 1),
    ]
    june = progress.programme_state(
        mode="milestones", year=YEAR, margin=10, as_of=dt.date(YEAR, 6, 15), milestones=milestones
    )
    assert (june.percent, june.expected, june.status) == (20, 20, Status.ON_TRACK)
    july = progress.programme_state(
        mode="milestones", year=YEAR, margin=10, as_of=dt.date(YEAR, 7, 1), milestones=milestones
    )
    assert july.status == Status.DELAYED
    assert [m.due_date for m in july.slipped] == [dt.date(YEAR, 6, 30)]


def test_kpi_programme_uses_the_linear_year():
    state = progress.programme_state(
        mode="kpi", year=YEAR, margin=10, as_of=dt.date(YEAR, 12, 31), kpis=[KpiFacts(0, 10, 5)]
    )
    assert state.expected == 100
    assert state.status == Status.AT_RISK


def test_cut_off_ignores_later_completion():
    m = [MilestoneFacts(dt.date(YEAR, 3, 1), 1, dt.date(YEAR, 8, 1))]
    assert progress.milestone_percent(m, as_of=dt.date(YEAR, 6, 30)) == 0
    assert progress.milestone_percent(m, as_of=dt.date(YEAR, 8, 1)) == 100
