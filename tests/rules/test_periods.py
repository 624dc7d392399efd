from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.periods import Period, add_months, length, union

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def periods(draw):
    start = draw(dates)
    end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=date(2031, 12, 31))))
    return Period(start, end)


period_lists = st.lists(periods(), max_size=6)


@given(period_lists, dates)
def test_the_union_is_disjoint_sorted_and_within_the_reference_date(ps, on):
    spans = union(ps, on)
    for (_s1, e1), (s2, _e2) in pairwise(spans):
        assert e1 < s2
    assert all(s < e <= on for s, e in spans)


@given(period_lists, dates)
def test_overlapping_periods_count_once(ps, on):
    covered = set()
    for p in ps:
        span = p.clipped(on)
        if span:
            covered.update(span[0] + timedelta(days=i) for i in range((span[1] - span[0]).days))
    assert length(ps, on).days == len(covered)


@given(period_lists, periods(), dates, st.integers(0, 10), st.integers(0, 11))
def test_more_experience_never_turns_enough_into_too_little(ps, extra, on, years, months):
    before, after = length(ps, on), length([*ps, extra], on)
    assert after.days >= before.days
    if before.at_least(years, months):
        assert after.at_least(years, months)
    assert after.years_months() >= before.years_months()


@given(period_lists, dates)
def test_order_of_periods_does_not_matter(ps, on):
    assert length(ps, on) == length(list(reversed(ps)), on)


@given(dates, st.integers(1, 10), dates)
def test_one_period_of_exactly_n_calendar_years_has_n_years_and_a_day_less_has_not(start, n, on):
    end = add_months(start, 12 * n)
    full = length([Period(start, end)], max(on, end))
    assert full.at_least(n) and full.years_months() == (n, 0)
    short = length([Period(start, end - timedelta(days=1))], max(on, end))
    assert not short.at_least(n) and short.years_months() < (n, 0)


@given(period_lists, dates, st.integers(0, 12), st.integers(0, 11))
def test_the_shown_length_agrees_with_the_verdict(ps, on, years, months):
    served = length(ps, on)
    assert (served.years_months() >= (years, months)) == served.at_least(years, months)


def test_the_seed_examples():
    on = date(2025, 6, 22)
    assert str(length([Period(date(2022, 6, 22), None)], on)) == "3年"
    assert str(length([Period(date(2022, 6, 23), None)], on)) == "2年11个月"
    overlapping = [
        Period(date(2021, 9, 1), date(2023, 7, 1)),
        Period(date(2022, 9, 1), date(2024, 7, 1)),
    ]
    assert str(length(overlapping, on)) == "2年10个月"
    # A period that starts after the reference date does not count.
    assert length([Period(date(2025, 9, 1), None)], on).days == 0
