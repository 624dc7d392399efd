"""The cultivation cycle's arithmetic: the yearly periods tile a cycle exactly, the next
assessment and its reminder, and the dashboard's figures."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from cadre.reserve.cycle import (
    AGE_BANDS,
    EARLY_DAYS,
    REMIND_DAYS,
    Bar,
    Coverage,
    Due,
    Next,
    Year,
    age_structure,
    average_age,
    band_label,
    breakdown,
    cycle_end,
    first_unassessed,
    next_assessment,
    percent,
    years,
)
from cadre.rules.periods import add_months

DAY = timedelta(days=1)
starts_st = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
leap_days = st.sampled_from([date(y, 2, 29) for y in range(1992, 2060, 4)])


def tiles(periods: list[Year], starts: date, ends: date) -> None:
    """`periods` cover starts..ends with no gap and no overlap, numbered from 1, each at most
    a year long."""
    assert periods, "a cycle has at least one year"
    assert periods[0].starts == starts
    assert periods[-1].ends == ends
    for i, year in enumerate(periods):
        assert year.number == i + 1
        assert year.starts <= year.ends
        assert year.ends < add_months(year.starts, 12), "longer than a year"
    for a, b in pairwise(periods):
        assert b.starts == a.ends + DAY


# -- cycle_end and years -------------------------------------------------------------------


def test_a_three_year_cycle_from_the_committee_decision():
    assert cycle_end(date(2024, 3, 14), 3) == date(2027, 3, 13)
    assert cycle_end(date(2024, 3, 14), 1) == date(2025, 3, 13)


@pytest.mark.parametrize(
    ("starts", "n", "ends"),
    [
        # 29 February plus a year is complete on 1 March, as a 周岁 is: the year ends on the 28th.
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 28)),
        (date(2024, 1, 1), 3, date(2026, 12, 31)),
        (date(2023, 3, 1), 1, date(2024, 2, 29)),
    ],
)
def test_cycle_end_worked_examples(starts, n, ends):
    assert cycle_end(starts, n) == ends


def test_the_years_of_the_decided_batch():
    assert years(date(2024, 3, 14), date(2027, 3, 13)) == [
        Year(1, date(2024, 3, 14), date(2025, 3, 13)),
        Year(2, date(2025, 3, 14), date(2026, 3, 13)),
        Year(3, date(2026, 3, 14), date(2027, 3, 13)),
    ]


def test_the_years_of_a_cycle_starting_on_29_february():
    assert years(date(2024, 2, 29), cycle_end(date(2024, 2, 29), 3)) == [
        Year(1, date(2024, 2, 29), date(2025, 2, 28)),
        Year(2, date(2025, 3, 1), date(2026, 2, 28)),
        Year(3, date(2026, 3, 1), date(2027, 2, 28)),
    ]


@given(starts=starts_st | leap_days, n=st.integers(1, 6))
def test_an_n_year_cycle_has_n_years_that_tile_it(starts, n):
    ends = cycle_end(starts, n)
    periods = years(starts, ends)
    note(periods)
    assert len(periods) == n
    tiles(periods, starts, ends)
    # Each year of a whole cycle is a whole year: the next one starts a calendar year later.
    for year in periods:
        assert year.ends == cycle_end(starts, year.number)
        assert year.starts == add_months(starts, 12 * (year.number - 1))


@given(starts=starts_st | leap_days, length=st.integers(0, 8 * 366))
def test_any_period_is_tiled_by_its_years(starts, length):
    ends = starts + timedelta(days=length)
    tiles(years(starts, ends), starts, ends)


@given(starts=starts_st | leap_days, n=st.integers(1, 5), extra=st.integers(1, 3 * 366))
def test_an_extension_keeps_the_years_and_adds_to_them(starts, n, extra):
    ends = cycle_end(starts, n)
    extended_to = ends + timedelta(days=extra)
    before, after = years(starts, ends), years(starts, extended_to)
    assert after[:n] == before
    assert len(after) > n
    tiles(after, starts, extended_to)


def test_an_extension_of_half_a_year_adds_a_short_last_year():
    periods = years(date(2024, 3, 14), date(2027, 9, 13))
    assert len(periods) == 4
    assert periods[-1] == Year(4, date(2027, 3, 14), date(2027, 9, 13))


def test_a_cycle_ending_before_it_starts_has_no_year():
    assert years(date(2024, 3, 14), date(2024, 3, 13)) == []


# -- assessable and next_assessment -----------------------------------------------------


def test_a_year_is_assessable_from_sixty_days_before_its_end():
    year = Year(1, date(2024, 3, 14), date(2025, 3, 13))
    assert year.assessable_from == date(2025, 1, 12) == year.ends - timedelta(days=EARLY_DAYS)
    assert not year.assessable(date(2025, 1, 11))
    assert year.assessable(date(2025, 1, 12))
    assert year.assessable(date(2025, 3, 13))
    assert year.assessable(date(2026, 1, 1))  # overdue, still assessable


@given(starts=starts_st, on=st.integers(-400, 400))
def test_assessable_is_a_threshold(starts, on):
    year = years(starts, cycle_end(starts, 1))[0]
    day = year.ends + timedelta(days=on)
    assert year.assessable(day) == (on >= -EARLY_DAYS)


BATCH = years(date(2024, 3, 14), date(2027, 3, 13))


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2024, 3, 14), Due.LATER),
        (date(2025, 2, 10), Due.LATER),  # 31 days before the end
        (date(2025, 2, 11), Due.SOON),  # REMIND_DAYS before the end
        (date(2025, 3, 13), Due.SOON),  # the last day
        (date(2025, 3, 14), Due.OVERDUE),
        (date(2026, 6, 1), Due.OVERDUE),  # still year 1 until it is assessed
    ],
)
def test_the_first_year_is_due_later_soon_then_overdue(today, state):
    assert date(2025, 3, 13) - date(2025, 2, 11) == timedelta(days=REMIND_DAYS)
    assert next_assessment(BATCH, [], today) == Next(BATCH[0], state)


def test_once_a_year_is_assessed_the_next_one_is_due():
    upcoming = next_assessment(BATCH, [date(2025, 3, 13)], date(2025, 3, 20))
    assert upcoming.year == BATCH[1]
    assert upcoming.state == Due.LATER


def test_a_year_skipped_is_the_one_due():
    # Year 2 assessed (e.g. entered out of order) does not hide year 1.
    upcoming = next_assessment(BATCH, [date(2026, 3, 13)], date(2026, 4, 1))
    assert upcoming.year == BATCH[0]
    assert upcoming.state == Due.OVERDUE


def test_nothing_is_due_once_every_year_is_assessed():
    assert next_assessment(BATCH, [y.ends for y in BATCH], date(2030, 1, 1)) is None
    assert first_unassessed(BATCH, (y.ends for y in BATCH)) is None


@given(
    starts=starts_st,
    n=st.integers(1, 5),
    done=st.sets(st.integers(1, 5)),
    offset=st.integers(-3 * 366, 6 * 366),
    seed=st.randoms(),
)
def test_next_assessment_is_the_first_unassessed_year_with_its_state(starts, n, done, offset, seed):
    periods = years(starts, cycle_end(starts, n))
    assessed = [y.ends for y in periods if y.number in done]
    today = starts + timedelta(days=offset)
    upcoming = next_assessment(periods, assessed, today)
    left = [y for y in periods if y.number not in done]
    if not left:
        assert upcoming is None
        return
    assert upcoming.year == left[0]
    ends = left[0].ends
    if today > ends:
        assert upcoming.state == Due.OVERDUE
    elif today >= ends - timedelta(days=REMIND_DAYS):
        assert upcoming.state == Due.SOON
    else:
        assert upcoming.state == Due.LATER
    # The order the assessments come in does not matter, nor do duplicates.
    shuffled = assessed + assessed
    seed.shuffle(shuffled)
    assert next_assessment(periods, shuffled, today) == upcoming
    assert next_assessment(periods, iter(reversed(assessed)), today) == upcoming


# -- age structure, breakdown, averages ---------------------------------------------------


def test_the_age_bands():
    assert [b.label for b in age_structure([])] == [
        "30岁及以下",
        "31—35岁",
        "36—40岁",
        "41—45岁",
        "46—50岁",
        "51—55岁",
        "56岁及以上",
    ]
    assert band_label(None, 30) == "30岁及以下"
    assert band_label(56, None) == "56岁及以上"
    assert band_label(31, 35) == "31—35岁"


@pytest.mark.parametrize(
    ("age", "label"),
    [
        (22, "30岁及以下"),
        (30, "30岁及以下"),
        (31, "31—35岁"),
        (35, "31—35岁"),
        (36, "36—40岁"),
        (45, "41—45岁"),
        (50, "46—50岁"),
        (55, "51—55岁"),
        (56, "56岁及以上"),
        (64, "56岁及以上"),
    ],
)
def test_each_band_holds_its_bounds(age, label):
    bars = age_structure([age])
    assert [b for b in bars if b.count] == [Bar(label, 1, 100)]


@given(ages=st.lists(st.integers(18, 70), max_size=60))
def test_every_age_falls_in_exactly_one_band(ages):
    bars = age_structure(ages)
    assert len(bars) == len(AGE_BANDS)
    assert sum(b.count for b in bars) == len(ages)
    for bar, (lo, hi) in zip(bars, AGE_BANDS, strict=True):
        assert bar.count == sum(
            1 for a in ages if (lo is None or a >= lo) and (hi is None or a <= hi)
        )
        assert bar.percent == percent(bar.count, len(ages))
    for age in ages:
        assert sum(b.count for b in age_structure([age])) == 1


def test_an_age_structure_in_percent():
    bars = {b.label: b for b in age_structure([29, 33, 34, 38, 38, 38, 47, 57])}
    assert bars["30岁及以下"] == Bar("30岁及以下", 1, 13)  # 12.5 rounds up
    assert bars["31—35岁"].percent == 25
    assert bars["36—40岁"] == Bar("36—40岁", 3, 38)  # 37.5 rounds up
    assert bars["41—45岁"] == Bar("41—45岁", 0, 0)
    assert bars["56岁及以上"].count == 1


def test_breakdown_lists_the_given_order_first_then_by_count():
    values = ["男", "女", "女", "其他", "女", "男", "未填", "未填", "未填", "未填"]
    assert breakdown(values, order=["男", "女", "不存在"]) == [
        Bar("男", 2, 20),
        Bar("女", 3, 30),
        Bar("未填", 4, 40),
        Bar("其他", 1, 10),
    ]
    assert breakdown([]) == []


def test_breakdown_takes_its_order_from_a_generator():
    bars = breakdown(["男", "女", "女"], order=(g for g in ("男", "女")))
    assert bars == [Bar("男", 1, 33), Bar("女", 2, 67)]


@given(
    values=st.lists(st.sampled_from("ABCDE"), max_size=40),
    order=st.lists(st.sampled_from("ABCDEF"), unique=True),
)
def test_breakdown_counts_every_value_once(values, order):
    bars = breakdown(values, order)
    keys = [b.label for b in bars]
    assert len(keys) == len(set(keys)) == len(set(values))
    assert sum(b.count for b in bars) == len(values)
    assert {b.label: b.count for b in bars} == {v: values.count(v) for v in set(values)}
    ordered = [k for k in order if k in values]
    assert keys[: len(ordered)] == ordered
    rest = [b.count for b in bars[len(ordered) :]]
    assert rest == sorted(rest, reverse=True)
    for b in bars:
        assert b.percent == percent(b.count, len(values))


def test_average_age():
    assert average_age([]) is None
    assert average_age([40]) == Decimal("40.0")
    assert average_age([30, 31]) == Decimal("30.5")
    assert average_age([30, 30, 31]) == Decimal("30.3")
    assert average_age([30, 31, 31]) == Decimal("30.7")
    # 601 / 20 = 30.05: half up, not to even.
    assert average_age([30] * 19 + [31]) == Decimal("30.1")


@given(ages=st.lists(st.integers(18, 70), min_size=1, max_size=50))
def test_average_age_is_the_mean_to_a_tenth(ages):
    mean = Decimal(sum(ages)) / len(ages)
    avg = average_age(ages)
    assert avg.as_tuple().exponent == -1
    assert abs(avg - mean) <= Decimal("0.05")
    assert min(ages) <= avg <= max(ages)


# -- percent and coverage -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (0, 0, 0),
        (3, 0, 0),
        (0, 7, 0),
        (7, 7, 100),
        (1, 8, 13),  # 12.5
        (3, 8, 38),  # 37.5
        (1, 200, 1),  # 0.5
        (1, 3, 33),
        (2, 3, 67),
        (1, 6, 17),
    ],
)
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


@given(whole=st.integers(1, 10_000), data=st.data())
def test_percent_is_the_nearest_integer_halves_up(whole, data):
    part = data.draw(st.integers(0, whole))
    result = percent(part, whole)
    # Compared in integers: 100·part/whole lies within half a point, and a half goes up.
    assert 2 * abs(100 * part - result * whole) <= whole
    if 2 * (100 * part % whole) == whole:
        assert result * whole > 100 * part
    assert 0 <= result <= 100


def test_coverage():
    assert Coverage(3, 4).percent == 75
    assert not Coverage(3, 4).complete
    assert Coverage(4, 4).complete
    assert Coverage(5, 4).complete
    assert Coverage(1, 8).percent == 13
    # Nothing to cover is complete, at 0 %, not a division by zero.
    assert Coverage(0, 0).complete
    assert Coverage(0, 0).percent == 0


@given(total=st.integers(0, 200), data=st.data())
def test_coverage_is_complete_exactly_when_everything_is_covered(total, data):
    covered = data.draw(st.integers(0, total))
    c = Coverage(covered, total)
    assert c.complete == (covered == total)
    assert c.percent == percent(covered, total)
    if not c.complete:
        assert c.percent <= 100


def test_the_reminder_comes_before_the_assessment_can_be_held():
    # The office is reminded inside the window in which the leading group can assess.
    assert REMIND_DAYS < EARLY_DAYS
