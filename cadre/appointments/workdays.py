"""The public notice's period (公示期) in calendar or working days. No Django here.

Working days follow the State Council's holiday arrangement: public holidays are off even on
weekdays, and 调休 make-up days are worked even on a weekend. The `chinese-calendar` package
knows the arrangement for the years it covers; for a later year the office enters the
holidays and make-up days itself, and until it has, a period reaching into that year cannot
be counted in working days (UncoveredYear).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

IsWorkday = Callable[[date], bool]
# A period longer than this is a typing error, not a notice.
MAX_DAYS = 60


class UncoveredYear(Exception):
    """Nobody knows this year's holidays yet: the package stops before it, the office has
    not entered it."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class YearDays:
    """One year's arrangement as the office entered it."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def china_calendar(entered: dict[int, YearDays] | None = None) -> IsWorkday:
    """is_workday(day) by the office's own entry for the year, else by the package; raises
    UncoveredYear when neither knows the year."""
    entered = entered or {}

    def is_workday(day: date) -> bool:
        if day.year in entered:
            return entered[day.year].is_workday(day)
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise UncoveredYear(day.year) from None

    return is_workday


def package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def first_counted_day(start: date, first_day_counts: bool) -> date:
    return start if first_day_counts else start + timedelta(days=1)


def period_end(
    start: date,
    days: int,
    *,
    working: bool,
    first_day_counts: bool,
    is_workday: IsWorkday | None = None,
) -> date:
    """The last day of a period of `days` days published on `start`.

    Calendar days: the days run on from the first counted day. Working days: only working
    days count, so the period ends on its `days`-th working day.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a notice lasts 1 to {MAX_DAYS} days, not {days}")
    day = first_counted_day(start, first_day_counts)
    if not working:
        return day + timedelta(days=days - 1)
    is_workday = is_workday or china_calendar()
    counted = 0
    while True:
        if is_workday(day):
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def days_counted(
    start: date,
    until: date,
    *,
    working: bool,
    first_day_counts: bool,
    is_workday: IsWorkday | None = None,
) -> int:
    """How many days of the period have run by the end of `until`."""
    day = first_counted_day(start, first_day_counts)
    if until < day:
        return 0
    if not working:
        return (until - day).days + 1
    is_workday = is_workday or china_calendar()
    return sum(1 for d in each_day(day, until) if is_workday(d))


def each_day(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def parse_days(text: str) -> list[date]:
    """Dates typed one per line or separated by commas, a range as 2027-02-06~2027-02-12.

    Raises ValueError naming the first piece that is not a date."""
    days: list[date] = []
    for piece in text.replace("，", ",").replace("\n", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        for sep in ("~", "～", "至"):
            if sep in piece:
                first, last = (p.strip() for p in piece.split(sep, 1))
                start, end = _iso(first, piece), _iso(last, piece)
                if end < start:
                    raise ValueError(piece)
                days.extend(each_day(start, end))
                break
        else:
            days.append(_iso(piece, piece))
    return sorted(set(days))


def _iso(text: str, piece: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(piece) from None
