"""The notice period in calendar and working days (no database)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.appointments import workdays
from cadre.appointments.schedule import State, progress

CHINA = workdays.china_calendar()


def test_the_changzhou_notice_five_days_from_the_day_after():
    # 7月2日—7日: published on the 2nd, five days from the 3rd.
    assert workdays.period_end(date(2025, 7, 2), 5, working=False, first_day_counts=False) == date(
        2025, 7, 7
    )
    assert workdays.period_end(date(2025, 7, 2), 5, working=False, first_day_counts=True) == date(
        2025, 7, 6
    )


def test_working_days_skip_national_day_and_count_the_make_up_saturday():
    # 2025: 10-01…10-08 off; Sunday 09-28 and Saturday 10-11 are worked (调休).
    end = workdays.period_end(
        date(2025, 9, 26), 5, working=True, first_day_counts=False, is_workday=CHINA
    )
    # Counted: 09-28 (Sun, worked), 09-29, 09-30, then 10-09, 10-10.
    assert end == date(2025, 10, 10)
    end = workdays.period_end(
        date(2025, 9, 30), 5, working=True, first_day_counts=False, is_workday=CHINA
    )
    # 10-09, 10-10, 10-11 (Sat, worked), 10-13, 10-14.
    assert end == date(2025, 10, 14)


def test_working_days_across_the_spring_festival():
    # 2026 春节: 02-15…02-23 off; Saturday 02-14 and 02-28 are worked.
    end = workdays.period_end(
        date(2026, 2, 12), 5, working=True, first_day_counts=True, is_workday=CHINA
    )
    # 02-12, 02-13, 02-14 (Sat, worked), then 02-24, 02-25.
    assert end == date(2026, 2, 25)


def test_a_year_the_calendar_does_not_cover_is_flagged_not_guessed():
    with pytest.raises(workdays.UncoveredYear) as exc:
        workdays.period_end(
            date(2026, 12, 28), 5, working=True, first_day_counts=False, is_workday=CHINA
        )
    assert exc.value.year == 2027
    assert not workdays.package_covers(2027) and workdays.package_covers(2026)


def test_the_office_entry_for_a_year_is_used_where_the_package_stops():
    entered = {
        2027: workdays.YearDays(
            holidays=frozenset(workdays.parse_days("2027-01-01")),
            workdays=frozenset(workdays.parse_days("2027-01-02")),
        )
    }
    calendar = workdays.china_calendar(entered)
    # From Mon 2026-12-28: 12-29, 12-30, 12-31, then 01-01 off, Sat 01-02 worked, 01-04.
    assert workdays.period_end(
        date(2026, 12, 28), 5, working=True, first_day_counts=False, is_workday=calendar
    ) == date(2027, 1, 4)


def test_days_are_typed_one_per_line_or_as_a_range():
    assert workdays.parse_days("2027-10-01~2027-10-03\n2027-09-26，2027-10-01") == [
        date(2027, 9, 26),
        date(2027, 10, 1),
        date(2027, 10, 2),
        date(2027, 10, 3),
    ]
    with pytest.raises(ValueError, match="2027-13-01"):
        workdays.parse_days("2027-13-01")


days = st.integers(min_value=1, max_value=20)
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
off_days = st.sets(st.integers(min_value=0, max_value=400), max_size=120)


def synthetic(start: date, off: set[int]):
    """A calendar where the days `off` (counted from start) are holidays."""
    return lambda d: (d - start).days not in off


@given(starts, days, st.booleans())
def test_calendar_days_run_on_from_the_first_counted_day(start, n, first):
    end = workdays.period_end(start, n, working=False, first_day_counts=first)
    assert workdays.days_counted(start, end, working=False, first_day_counts=first) == n
    assert (end - start).days == n - (1 if first else 0)


@given(starts, days, st.booleans(), off_days)
def test_the_period_ends_on_its_nth_working_day(start, n, first, off):
    is_workday = synthetic(start, off)
    end = workdays.period_end(start, n, working=True, first_day_counts=first, is_workday=is_workday)
    assert is_workday(end)
    kwargs = {"working": True, "first_day_counts": first, "is_workday": is_workday}
    assert workdays.days_counted(start, end, **kwargs) == n
    assert workdays.days_counted(start, end - timedelta(days=1), **kwargs) == n - 1


@given(starts, days, st.booleans(), off_days)
def test_a_working_day_period_never_ends_before_a_calendar_one(start, n, first, off):
    working = workdays.period_end(
        start, n, working=True, first_day_counts=first, is_workday=synthetic(start, off)
    )
    assert working >= workdays.period_end(start, n, working=False, first_day_counts=first)


@given(starts, st.integers(0, 30), st.one_of(st.none(), st.integers(0, 60)), starts)
def test_a_stage_is_late_or_overdue_exactly_when_its_due_day_has_passed(start, length, done, today):
    end = start + timedelta(days=length)
    actual = None if done is None else start + timedelta(days=done)
    p = progress(start, end, actual, today)
    if actual is not None:
        assert (p.state == State.LATE) == (actual > end)
        assert p.days_late == max((actual - end).days, 0)
    else:
        assert (p.state == State.OVERDUE) == (today > end)
        assert p.state != State.UNDER_WAY or start <= today <= end
