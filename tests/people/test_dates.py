from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.people.dates import (
    DateParseError,
    PartialDate,
    age_on,
    birth_range_for_age,
    months_between,
    parse_cn_date,
)


@pytest.mark.parametrize(
    "raw",
    [
        "1985-03-12",
        "1985/3/12",
        "1985.03.12",
        "1985年3月12日",
        "19850312",
        " 1985-3-12 ",
        datetime(1985, 3, 12, 0, 0),
        date(1985, 3, 12),
    ],
)
def test_it_reads_the_day_forms_offices_type(raw):
    assert parse_cn_date(raw) == PartialDate(date(1985, 3, 12))


@pytest.mark.parametrize(
    "raw", ["198503", "1985.03", "1985.3", "1985-03", "1985年3月", 198503, 1985.03]
)
def test_it_reads_month_only_forms(raw):
    assert parse_cn_date(raw) == PartialDate(date(1985, 3, 1), month_only=True)


def test_a_numeric_cell_for_october_keeps_its_month():
    # 1985.10 typed into a numeric cell arrives as 1985.1.
    assert parse_cn_date(1985.1) == PartialDate(date(1985, 10, 1), month_only=True)


@pytest.mark.parametrize("raw", ["1985-13-01", "1985-02-30", "85-3-12", "明年", "1985.13", ""])
def test_it_rejects_what_is_not_a_date_with_a_chinese_reason(raw):
    with pytest.raises(DateParseError) as exc:
        parse_cn_date(raw)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


@given(st.dates(min_value=date(1900, 1, 1)), st.booleans())
def test_partial_dates_survive_their_written_form(d, month_only):
    pd = PartialDate(d, month_only)
    assert parse_cn_date(str(pd)) == pd


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 1, 1)), st.integers(1, 80))
def test_one_turns_n_on_the_nth_birthday_not_before(birth, years):
    try:
        birthday = birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February: the year completes on 1 March
        birthday = date(birth.year + years, 3, 1)
    assert age_on(birth, birthday) == years
    assert age_on(birth, birthday - timedelta(days=1)) == years - 1


def test_age_boundaries():
    assert age_on(date(1980, 1, 1), date(2025, 1, 1)) == 45
    assert age_on(date(1980, 1, 2), date(2025, 1, 1)) == 44
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18


@given(
    st.dates(min_value=date(1920, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 70),
    st.one_of(st.none(), st.integers(0, 30)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
)
def test_the_birth_range_of_an_age_band_is_exactly_the_band(on, lo, width, birth):
    hi = None if width is None else lo + width
    earliest, latest = birth_range_for_age(lo, hi, on)
    in_range = birth <= latest and (earliest is None or birth >= earliest)
    age = age_on(birth, on)
    assert in_range == (age >= lo and (hi is None or age <= hi))


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(0, 5000),
    st.integers(0, 400),
)
def test_months_never_decrease_as_the_end_moves_on(start, days, more):
    end = start + timedelta(days=days)
    assert months_between(start, end) <= months_between(start, end + timedelta(days=more))


def test_months_between_counts_whole_months():
    assert months_between(date(2022, 6, 22), date(2025, 6, 22)) == 36
    assert months_between(date(2022, 6, 23), date(2025, 6, 22)) == 35
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 0
