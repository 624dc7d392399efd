"""The reserve pipeline's arithmetic: counting recommendations, age against a tier's guide, a
tier filled against its target, the priority conditions a person meets. No Django here.

Counting follows the seed's 民主推荐: every recommendation names one person for one tier through
one channel; the secret recommendation ballot of a tier adds its votes beside them. Nominees are
ranked within a tier by ballot votes, then recommendations, then the number of channels that
named them: a person named by several channels has broader support than one named often by one.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cadre.rules.periods import Length, Period, length


@dataclass
class NomineeCount:
    person: int
    tier: str
    by_channel: Counter = field(default_factory=Counter)
    ballot: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())

    @property
    def channels(self) -> int:
        return sum(1 for n in self.by_channel.values() if n)

    def sort_key(self):
        return (-self.ballot, -self.total, -self.channels, self.person)


@dataclass
class TierCount:
    tier: str
    nominees: list[NomineeCount]
    by_channel: Counter

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())


def count(
    recommendations: Iterable[tuple[int, str, str]],
    ballot_votes: Mapping[str, Mapping[int, int]] | None = None,
    tiers: Iterable[str] = (),
) -> dict[str, TierCount]:
    """Per tier, the nominees ranked, from (person, tier, channel) recommendations and each
    tier's ballot votes {tier: {person: votes}}. A person recommended for two tiers is counted
    in each, apart. Tiers listed in `tiers` appear even when nobody was recommended for them."""
    cells: dict[tuple[str, int], NomineeCount] = {}
    for person, tier, channel in recommendations:
        cell = cells.setdefault((tier, person), NomineeCount(person, tier))
        cell.by_channel[channel] += 1
    for tier, votes in (ballot_votes or {}).items():
        for person, n in votes.items():
            if n:
                cells.setdefault((tier, person), NomineeCount(person, tier)).ballot += n
    out = {t: TierCount(t, [], Counter()) for t in tiers}
    for (tier, _person), cell in cells.items():
        tc = out.setdefault(tier, TierCount(tier, [], Counter()))
        tc.nominees.append(cell)
        tc.by_channel.update(cell.by_channel)
    for tc in out.values():
        tc.nominees.sort(key=NomineeCount.sort_key)
    return out


class AgeFit(StrEnum):
    WITHIN = "within"
    OLDER = "older"  # above "≤ N", or more than the tolerance above "about N"
    YOUNGER = "younger"  # more than the tolerance below "about N"


@dataclass(frozen=True)
class AgeGuide:
    """A tier's age guide: "45周岁以下" (at most N, N included) or "30周岁左右" (about N,
    within a tolerance either side). It warns; the committee may decide otherwise."""

    years: int
    about: bool = False
    tolerance: int = 3

    def fit(self, age: int) -> AgeFit:
        if self.about:
            if age > self.years + self.tolerance:
                return AgeFit.OLDER
            if age < self.years - self.tolerance:
                return AgeFit.YOUNGER
            return AgeFit.WITHIN
        return AgeFit.OLDER if age > self.years else AgeFit.WITHIN


class Fill(StrEnum):
    UNDER = "under"
    MET = "met"
    OVER = "over"


def fill(target: int, count: int) -> tuple[Fill, int]:
    """A tier's list against its target count ("3名左右"): under, met or over, by how many."""
    if count < target:
        return Fill.UNDER, target - count
    if count > target:
        return Fill.OVER, count - target
    return Fill.MET, 0


@dataclass(frozen=True)
class Priority:
    """The priority conditions of the seed's item 7 a person meets, from the roster."""

    roles: tuple[tuple[str, Length], ...]  # (role kind, time held up to the day)
    excellent_years: tuple[int, ...]  # annual appraisals graded 优秀
    honours: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.roles or self.excellent_years or self.honours)


def priority(
    posts: Iterable[tuple[str, Period]],
    appraisals: Iterable[tuple[int, str]],
    honours: Iterable[tuple[date, str]],
    roles: Iterable[str],
    on: date,
    years: int = 5,
) -> Priority:
    """Item 7: experience in the listed roles (each role's periods merged), outstanding results
    (优秀 appraisals) and contributions (honours) in the `years` before `on`."""
    wanted = list(dict.fromkeys(roles))
    posts = list(posts)
    held = []
    for role in wanted:
        periods = [p for kind, p in posts if kind == role and p.start < on]
        if periods:
            held.append((role, length(periods, on)))
    since = on.year - years
    return Priority(
        roles=tuple(held),
        excellent_years=tuple(
            sorted(y for y, result in appraisals if result == "优秀" and since <= y < on.year)
        ),
        honours=tuple(
            name for d, name in sorted(honours, reverse=True) if d <= on and d.year >= since
        ),
    )
