"""The oral defence's arithmetic: experts' totals, the panel's aggregate, the composite score,
the ranking and the shortlist. No Django here; every figure is a Decimal, half-up, 2 places.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def sheet_total(points: Mapping[str, Decimal]) -> Decimal:
    return sum((Decimal(p) for p in points.values()), Decimal(0))


def aggregate(totals: Sequence[Decimal], trim_from: int = 5) -> Decimal | None:
    """The panel's score for one candidate: the mean of the experts' totals, after dropping one
    highest and one lowest when there are at least `trim_from` sheets. None without sheets
    (every expert recused himself, say)."""
    values = sorted(Decimal(t) for t in totals)
    if not values:
        return None
    if trim_from and len(values) >= trim_from:
        values = values[1:-1]
    return q(sum(values, Decimal(0)) / len(values))


def dimension_means(sheets: Iterable[Mapping[str, Decimal]]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for sheet in sheets:
        for dim, points in sheet.items():
            sums[dim] = sums.get(dim, Decimal(0)) + Decimal(points)
            counts[dim] = counts.get(dim, 0) + 1
    return {dim: q(sums[dim] / counts[dim]) for dim in sums}


@dataclass(frozen=True)
class Weights:
    """Shares of the composite: the democratic evaluation and the defence, summing to 1."""

    evaluation: Decimal = Decimal("0.4")
    defence: Decimal = Decimal("0.6")


def composite(
    evaluation_score: Decimal | None,
    defence_score: Decimal | None,
    defence_max: Decimal,
    weights: Weights,
) -> Decimal | None:
    """Both parts on a 100-point scale, weighted. None while either part is missing."""
    if evaluation_score is None or defence_score is None or not defence_max:
        return None
    defence_100 = Decimal(defence_score) * 100 / Decimal(defence_max)
    return q(Decimal(evaluation_score) * weights.evaluation + defence_100 * weights.defence)


def rank(scores: Mapping[str, Decimal | None]) -> dict[str, int | None]:
    """Competition ranking (1, 2, 2, 4): equal scores share a rank. Unscored: None."""
    ordered = sorted((s, k) for k, s in scores.items() if s is not None)
    ordered.reverse()
    ranks: dict[str, int | None] = dict.fromkeys(scores)
    previous, position = None, 0
    for i, (score, key) in enumerate(ordered, start=1):
        if score != previous:
            position, previous = i, score
        ranks[key] = position
    return ranks


@dataclass(frozen=True)
class Entry:
    person: str
    position: str
    choice: int  # 1 = first choice
    score: Decimal | None
    passed_gate: bool  # satisfaction reached the threshold


def shortlist(entries: Sequence[Entry], places: Mapping[str, int]) -> dict[str, list[str]]:
    """考察对象 per position: the best-ranked candidates who passed the gate, up to the number
    of places. Positions are filled first choices first: a person shortlisted for his first
    choice leaves the list of his second. A tie at the last place takes everyone tied."""
    taken: set[str] = set()
    result: dict[str, list[str]] = {p: [] for p in places}
    for choice in sorted({e.choice for e in entries}):
        for position in places:
            pool = [
                e
                for e in entries
                if e.position == position
                and e.choice == choice
                and e.passed_gate
                and e.score is not None
                and e.person not in taken
            ]
            pool.sort(key=lambda e: e.score, reverse=True)
            room = places[position] - len(result[position])
            if room <= 0 or not pool:
                continue
            cut = pool[room - 1].score if len(pool) >= room else None
            chosen = [e for e in pool if cut is None or e.score >= cut]
            result[position].extend(e.person for e in chosen)
            taken.update(e.person for e in chosen)
    return result
