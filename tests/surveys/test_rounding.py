"""Shown figures do not depend on the order the answers were summed in (results._r)."""

import random

from intranet.surveys.results import _r


def test_a_mean_at_an_exact_half_rounds_the_same_whatever_the_summing_order():
    # 84.375 is exact in binary; sums in other orders land one bit either side of it.
    assert _r(84.37499999999999) == _r(84.375) == _r(84.37500000000001)
    scores = [75.0, 100.0, 87.5, 62.5, 100.0, 81.25, 87.5, 81.25] * 25
    shown = set()
    rng = random.Random(3)
    for _ in range(200):
        rng.shuffle(scores)
        total = 0.0
        for value in scores:
            total += value / 3  # thirds carry rounding error into every addition
        shown.add(_r(total * 3 / len(scores)))
    assert len(shown) == 1


def test_rounding_keeps_missing_figures_missing():
    assert _r(None) is None and _r(float("nan")) is None
