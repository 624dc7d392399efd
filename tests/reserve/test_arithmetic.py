"""The reserve arithmetic: counting recommendations, age guides, fill against targets."""

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cadre.reserve.arithmetic import AgeFit, AgeGuide, Fill, count, fill, priority
from cadre.rules.periods import Period

TIERS = ("三", "四", "五")
CHANNELS = ("leaders", "department", "subject_group", "grade", "self")
recs = st.lists(
    st.tuples(st.integers(1, 12), st.sampled_from(TIERS), st.sampled_from(CHANNELS)),
    max_size=80,
)
votes = st.dictionaries(
    st.sampled_from(TIERS), st.dictionaries(st.integers(1, 12), st.integers(0, 60), max_size=8)
)


@given(recs, votes)
def test_every_recommendation_is_counted_once_in_its_cell(rows, ballot):
    counted = count(rows, ballot, TIERS)
    cells = Counter(rows)
    for tier, tc in counted.items():
        assert tc.total == sum(1 for _p, t, _c in rows if t == tier)
        for n in tc.nominees:
            for channel in CHANNELS:
                assert n.by_channel[channel] == cells[(n.person, tier, channel)]
            assert n.ballot == ballot.get(tier, {}).get(n.person, 0)
    assert sum(tc.total for tc in counted.values()) == len(rows)


@given(recs, votes, st.randoms())
def test_the_count_does_not_depend_on_the_order_of_entry(rows, ballot, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    first, second = count(rows, ballot, TIERS), count(shuffled, ballot, TIERS)
    for tier in TIERS:
        assert [(n.person, n.total, n.ballot) for n in first[tier].nominees] == [
            (n.person, n.total, n.ballot) for n in second[tier].nominees
        ]


@given(recs, votes)
def test_nominees_are_ranked_by_ballot_then_recommendations_then_channels(rows, ballot):
    for tc in count(rows, ballot, TIERS).values():
        keys = [(n.ballot, n.total, n.channels) for n in tc.nominees]
        assert keys == sorted(keys, reverse=True)


@given(recs, st.integers(1, 12), st.sampled_from(TIERS), st.sampled_from(CHANNELS))
def test_one_more_recommendation_raises_exactly_one_cell(rows, person, tier, channel):
    before = count(rows, {}, TIERS)
    after = count([*rows, (person, tier, channel)], {}, TIERS)
    old = {(t, n.person): n.by_channel for t, tc in before.items() for n in tc.nominees}
    new = {(t, n.person): n.by_channel for t, tc in after.items() for n in tc.nominees}
    diff = {k: new[k] - old.get(k, Counter()) for k in new}
    assert {k: +v for k, v in diff.items() if +v} == {(tier, person): Counter({channel: 1})}


def test_a_tier_nobody_was_recommended_for_is_still_listed():
    assert count([], {}, TIERS)["五"].nominees == []


@given(st.integers(20, 60), st.integers(25, 50), st.booleans(), st.integers(0, 5))
def test_age_guide_warns_outside_its_band(age, years, about, tolerance):
    fit = AgeGuide(years, about, tolerance).fit(age)
    if not about:
        # "45周岁以下" includes 45 itself (包括本数).
        assert (fit == AgeFit.WITHIN) == (age <= years)
        assert fit != AgeFit.YOUNGER
    else:
        assert (fit == AgeFit.WITHIN) == (abs(age - years) <= tolerance)
        assert (fit == AgeFit.OLDER) == (age > years + tolerance)


def test_the_seeds_guides():
    assert AgeGuide(45).fit(45) == AgeFit.WITHIN
    assert AgeGuide(45).fit(46) == AgeFit.OLDER
    assert AgeGuide(35, about=True).fit(38) == AgeFit.WITHIN
    assert AgeGuide(30, about=True).fit(24) == AgeFit.YOUNGER


@given(st.integers(1, 10), st.integers(0, 20))
def test_fill_against_the_target(target, n):
    state, off = fill(target, n)
    assert {Fill.UNDER: target - n, Fill.MET: 0, Fill.OVER: n - target}[state] == off
    assert (state == Fill.MET) == (n == target)
    assert off >= 0


def test_priority_conditions_from_the_roster():
    on = date(2024, 3, 1)
    met = priority(
        posts=[
            ("班主任", Period(date(2015, 9, 1), date(2019, 7, 1))),
            ("班主任", Period(date(2018, 9, 1), None)),  # overlaps: counted once
            ("教师", Period(date(2010, 9, 1), None)),
            ("年级组长", Period(date(2025, 9, 1), None)),  # after the reference date
        ],
        appraisals=[(2023, "优秀"), (2022, "合格"), (2021, "优秀"), (2016, "优秀")],
        honours=[(date(2023, 9, 10), "市优秀教师"), (date(2012, 9, 10), "校先进")],
        roles=["班主任", "年级组长"],
        on=on,
    )
    assert [(role, str(held)) for role, held in met.roles] == [("班主任", "8年6个月")]
    assert met.excellent_years == (2021, 2023)
    assert met.honours == ("市优秀教师",)
    assert met.any
    assert not priority([], [], [], ["班主任"], on).any
