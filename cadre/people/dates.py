"""Dates as Chinese school offices type them, and 周岁 arithmetic. No Django here.

A date may be known only to the month (干部任免审批表 writes 1985.03): such a value keeps the
first day of the month and says it is month-only, so it round-trips through exports.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, order=True)
class PartialDate:
    value: date
    month_only: bool = False

    def __post_init__(self):
        # A month-only value is the month itself: always its first day, so that it compares
        # equal to itself after a round trip through an export.
        if self.month_only and self.value.day != 1:
            object.__setattr__(self, "value", self.value.replace(day=1))

    def __str__(self) -> str:
        return format_partial(self.value, self.month_only)


class DateParseError(ValueError):
    """Raised with a message that names the forms we accept."""


_FULL = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_MONTH = [
    re.compile(r"^(\d{4})(\d{2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月$"),
]


def parse_cn_date(raw) -> PartialDate:
    """Parse a cell or a typed string. Raises DateParseError for anything else.

    Spreadsheet cells arrive as datetime/date; a month typed as 198503 or 1985.03 may arrive
    as a number, so numbers are read by their digits.
    """
    if isinstance(raw, datetime):
        return PartialDate(raw.date())
    if isinstance(raw, date):
        return PartialDate(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    # 1985.03 typed into a numeric cell arrives as a float (1985.1 for October).
    text = f"{raw:.2f}" if isinstance(raw, float) else str(raw).strip().replace(" ", "")
    for pattern in _FULL:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return PartialDate(date(y, mo, d))
            except ValueError as exc:
                raise DateParseError(f"{text} 不是有效日期") from exc
    for pattern in _MONTH:
        m = pattern.match(text)
        if m:
            y, mo = (int(g) for g in m.groups())
            if not 1 <= mo <= 12:
                raise DateParseError(f"{text} 的月份无效")
            return PartialDate(date(y, mo, 1), month_only=True)
    raise DateParseError(
        f"无法识别日期「{text}」，请使用 1985-03-12、1985/3/12、1985.03.12、1985年3月12日，"
        "或只知年月时 198503、1985.03"
    )


def format_partial(value: date, month_only: bool = False) -> str:
    if month_only:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_cn(value: date, month_only: bool = False) -> str:
    if month_only:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"


def age_on(birth: date, on: date) -> int:
    """周岁: whole years completed by `on`, counted by birthday, not by year subtraction.

    Someone born on 29 February completes a year on 1 March in common years.
    """
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def birth_range_for_age(lo: int, hi: int | None, on: date) -> tuple[date | None, date]:
    """Birth dates (inclusive bounds) of people whose 周岁 on `on` is within [lo, hi].

    Returns (earliest, latest); earliest is None when there is no upper age bound.
    """
    latest = _years_before(on, lo)
    earliest = None
    if hi is not None:
        earliest = date.fromordinal(_years_before(on, hi + 1).toordinal() + 1)
    return earliest, latest


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a common year
        return on.replace(year=on.year - years, day=28)


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (a month counts once its day is reached)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)
