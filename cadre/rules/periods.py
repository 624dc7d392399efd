"""Lengths of service: the union of periods up to a reference date. No Django here.

"三年以上" in a set of roles means the union of the person's periods in those roles: periods that
overlap count once, an open period runs to the reference date, anything after the reference
date does not count.

The union is measured in days and read as a calendar length counted from its first day: one
unbroken period is exactly as long as the calendar says (1 September 2021 to 1 July 2024 is
2年10个月), and several periods are laid end to end from the first. Two properties follow and
are tested: a person with more experience never has less, and the length shown ("X年Y个月")
reaches N years exactly when the verdict says it does.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # None: held now

    def clipped(self, on: date) -> tuple[date, date] | None:
        """The period as [start, end) days, cut at the reference date."""
        end = on if self.end is None else min(self.end, on)
        return (self.start, end) if self.start < end else None


def union(periods: Iterable[Period], on: date) -> list[tuple[date, date]]:
    """Merged, disjoint [start, end) intervals, in order."""
    spans = sorted(s for p in periods if (s := p.clipped(on)) is not None)
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Length:
    """A length of service: its days, and the day from which it is read."""

    days: int
    anchor: date | None  # first day of the union; None when there is none

    def at_least(self, years: int, months: int = 0) -> bool:
        if self.anchor is None:
            return years == 0 and months == 0
        return self.anchor + timedelta(days=self.days) >= add_months(
            self.anchor, years * 12 + months
        )

    def years_months(self) -> tuple[int, int]:
        if self.anchor is None:
            return 0, 0
        end = self.anchor + timedelta(days=self.days)
        months = (end.year - self.anchor.year) * 12 + (end.month - self.anchor.month)
        while months > 0 and add_months(self.anchor, months) > end:
            months -= 1
        return divmod(months, 12)

    def __str__(self) -> str:
        years, months = self.years_months()
        if years and months:
            return f"{years}年{months}个月"
        if years:
            return f"{years}年"
        if months:
            return f"{months}个月"
        return "不足1个月" if self.days else "0"


def length(periods: Iterable[Period], on: date) -> Length:
    spans = union(periods, on)
    return Length(sum((end - start).days for start, end in spans), spans[0][0] if spans else None)


def add_months(d: date, months: int) -> date:
    """The same day `months` later. When that month lacks the day (31 January plus a month,
    29 February plus a year) the time is complete on the first of the next month, as a
    周岁 is (cadre.people.dates.age_on)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    try:
        return date(year, month + 1, d.day)
    except ValueError:
        year, month = divmod(total + 1, 12)
        return date(year, month + 1, 1)


def format_requirement(years: int, months: int = 0) -> str:
    if years and months:
        return f"{years}年{months}个月"
    return f"{years}年" if years else f"{months}个月"
