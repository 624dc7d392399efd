"""The cultivation cycle's arithmetic: the yearly assessment periods of a reserve cadre's
cycle (严格考核: 以年度为单位), which one is due and when, and the figures of the pipeline
dashboard. No Django here.

A cycle runs from the day the party committee decided (or the day a cadre moved up a tier)
for `cycle_years` years, the last day included; an extension (延长培养期) adds yearly periods
after it, the last one as long as the extension makes it."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from cadre.rules.periods import add_months

# Reminders start this many days before a year of cultivation ends ...
REMIND_DAYS = 30
# ... and the leading group may assess a year from this many days before its end: the
# yearly assessment meeting is usually held in the last weeks of the year.
EARLY_DAYS = 60


def cycle_end(starts: date, years: int) -> date:
    """The last day of a cycle of `years` years starting on `starts`."""
    return add_months(starts, 12 * years) - timedelta(days=1)


@dataclass(frozen=True)
class Year:
    """The `number`-th year of cultivation, from `starts` to `ends` inclusive."""

    number: int
    starts: date
    ends: date

    @property
    def assessable_from(self) -> date:
        return self.ends - timedelta(days=EARLY_DAYS)

    def assessable(self, on: date) -> bool:
        return on >= self.assessable_from


def years(starts: date, ends: date) -> list[Year]:
    """The yearly periods from `starts` to `ends` (inclusive); the last may be shorter."""
    out = []
    while True:
        begins = add_months(starts, 12 * len(out))
        if begins > ends:
            return out
        out.append(Year(len(out) + 1, begins, min(cycle_end(starts, len(out) + 1), ends)))


class Due(StrEnum):
    LATER = "later"
    SOON = "soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Next:
    year: Year
    state: Due


def first_unassessed(periods: list[Year], assessed: Iterable[date]) -> Year | None:
    """The first year not yet assessed (`assessed` holds the end dates of assessed years);
    None once every year of the cycle is."""
    done = set(assessed)
    return next((year for year in periods if year.ends not in done), None)


def next_assessment(periods: list[Year], assessed: Iterable[date], today: date) -> Next | None:
    """The next assessment and whether a reminder is due for it."""
    year = first_unassessed(periods, assessed)
    if year is None:
        return None
    if today > year.ends:
        return Next(year, Due.OVERDUE)
    if today >= year.ends - timedelta(days=REMIND_DAYS):
        return Next(year, Due.SOON)
    return Next(year, Due.LATER)


# The bands of the school's cadre age structure, as a 干部队伍年龄结构 table has them.
AGE_BANDS = ((None, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, None))


def band_label(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return f"{hi}岁及以下"
    if hi is None:
        return f"{lo}岁及以上"
    return f"{lo}—{hi}岁"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the whole, rounded half up


def percent(part: int, whole: int) -> int:
    if not whole:
        return 0
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def age_structure(ages: Iterable[int]) -> list[Bar]:
    """How many of `ages` fall in each band; every band is listed, empty ones too."""
    ages = list(ages)
    counts = Counter()
    for age in ages:
        for lo, hi in AGE_BANDS:
            if (lo is None or age >= lo) and (hi is None or age <= hi):
                counts[(lo, hi)] += 1
                break
    return [
        Bar(band_label(lo, hi), counts[(lo, hi)], percent(counts[(lo, hi)], len(ages)))
        for lo, hi in AGE_BANDS
    ]


def breakdown(values: Iterable[str], order: Iterable[str] = ()) -> list[Bar]:
    """How many of each value (e.g. gender), in `order` first and then by count."""
    values, order = list(values), list(order)  # `order` is read twice
    counts = Counter(values)
    keys = [k for k in order if k in counts] + [
        k for k, _n in counts.most_common() if k not in order
    ]
    return [Bar(k, counts[k], percent(counts[k], len(values))) for k in keys]


def tenths(value: Decimal) -> Decimal:
    """A figure to one decimal place, rounded half up (an average age, hours of study)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average_age(ages: Iterable[int]) -> Decimal | None:
    ages = list(ages)
    if not ages:
        return None
    return tenths(Decimal(sum(ages)) / len(ages))


@dataclass(frozen=True)
class Coverage:
    covered: int
    total: int

    @property
    def percent(self) -> int:
        return percent(self.covered, self.total)

    @property
    def complete(self) -> bool:
        return self.covered >= self.total
