"""Contest arithmetic, pure: weighted totals, per-judge normalisation, ranking, award tiers.

Judges score on their own scales (one gives 60–70, another 80–100), so each judge's totals are
turned into z-scores before they are averaged: a lenient or a harsh judge moves no ranking.
"""

import statistics
from collections.abc import Hashable, Mapping, Sequence


def weighted_total(values: Mapping[Hashable, float], weights: Mapping[Hashable, float]) -> float:
    """A judge's total for one entry: the criteria's weighted average (0–100)."""
    total_weight = sum(float(weights[c]) for c in values)
    if total_weight <= 0:
        return 0.0
    return sum(float(v) * float(weights[c]) for c, v in values.items()) / total_weight


def normalise(totals_by_judge: Mapping[Hashable, Mapping[Hashable, float]]) -> dict[Hashable, float]:
    """Each entry's average z-score over the judges who scored it.

    A judge who gave every entry the same total (or scored one entry only) says nothing about
    order, so contributes 0 to each of them."""
    collected: dict[Hashable, list[float]] = {}
    for totals in totals_by_judge.values():
        values = [float(v) for v in totals.values()]
        mean = statistics.fmean(values) if values else 0.0
        spread = statistics.pstdev(values) if len(values) > 1 else 0.0
        for entry, value in totals.items():
            collected.setdefault(entry, []).append((float(value) - mean) / spread if spread > 1e-9 else 0.0)
    return {entry: statistics.fmean(zs) for entry, zs in collected.items()}


def rank(scores: Mapping[Hashable, float]) -> list[tuple[Hashable, int]]:
    """Entries best first with their rank; equal scores share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranked, previous, current = [], None, 0
    for position, (entry, score) in enumerate(ordered, start=1):
        if previous is None or abs(score - previous) > 1e-9:
            current = position
        ranked.append((entry, current))
        previous = score
    return ranked


# How many of each tier, best first: 대상 1, 최우수상 1, 우수상 2, 장려상 3.
DEFAULT_TIERS: Sequence[tuple[str, int]] = (("grand", 1), ("gold", 1), ("silver", 2), ("bronze", 3))


def award_tiers(ranked: Sequence[tuple[Hashable, int]], tiers: Sequence[tuple[str, int]] = DEFAULT_TIERS):
    """Tier per entry by rank: rank r takes the tier whose cumulative count first reaches r."""
    limits, total = [], 0
    for tier, count in tiers:
        total += count
        limits.append((total, tier))
    awarded = {}
    for entry, position in ranked:
        awarded[entry] = next((tier for limit, tier in limits if position <= limit), "")
    return awarded
