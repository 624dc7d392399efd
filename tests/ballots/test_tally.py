import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.ballots.tally import (
    BLANK,
    DEFAULT_OPTIONS,
    SPOILED,
    Option,
    Rules,
    count_choices,
    count_marks,
    discrepancies,
    judge,
    tally,
)

RULES = Rules(DEFAULT_OPTIONS)
MARKS = ["satisfied", "basic", "unsatisfied", BLANK, SPOILED]


def marks(satisfied=0, basic=0, unsatisfied=0, blank=0, spoiled=0):
    return Counter(
        {
            "satisfied": satisfied,
            "basic": basic,
            "unsatisfied": unsatisfied,
            BLANK: blank,
            SPOILED: spoiled,
        }
    )


def test_forty_of_sixty_reaches_two_thirds_and_thirty_nine_does_not():
    assert judge(marks(satisfied=30, basic=10, unsatisfied=20), RULES).passed
    t = judge(marks(satisfied=30, basic=9, unsatisfied=21), RULES)
    assert not t.passed and t.rate == Fraction(39, 60) and str(t.percent) == "65.00"


def test_blank_and_spoiled_marks_are_shown_and_kept_out_of_the_base_by_default():
    t = judge(marks(satisfied=40, unsatisfied=20, blank=5, spoiled=2), RULES)
    assert (t.base, t.blank, t.spoiled, t.passed) == (60, 5, 2, True)
    with_blank = judge(
        marks(satisfied=40, unsatisfied=20, blank=5), Rules(DEFAULT_OPTIONS, blank_in_base=True)
    )
    assert with_blank.base == 65 and not with_blank.passed


def test_dont_know_counts_in_the_base_only_when_configured():
    options = (*DEFAULT_OPTIONS, Option("unknown", "不了解", unknown=True))
    m = Counter({"satisfied": 40, "unsatisfied": 20, "unknown": 10})
    assert judge(m, Rules(options)).base == 60
    assert judge(m, Rules(options, unknown_in_base=True)).base == 70


def test_the_weighted_score_is_a_decimal_rounded_half_up():
    t = judge(marks(satisfied=1, basic=1, unsatisfied=1), RULES)
    assert str(t.score) == "53.33"  # (100 + 60 + 0) / 3


ballots = st.lists(st.fixed_dictionaries({c: st.sampled_from(MARKS) for c in "abc"}), max_size=60)


@given(ballots, st.randoms())
def test_the_order_of_ballots_does_not_matter(bs, rnd):
    shuffled = list(bs)
    rnd.shuffle(shuffled)
    first = tally("abc", count_marks("abc", bs), RULES)
    second = tally("abc", count_marks("abc", shuffled), RULES)
    assert {k: v.as_json() for k, v in first.items()} == {k: v.as_json() for k, v in second.items()}


@given(ballots)
def test_every_ballot_is_counted_once_for_every_candidate(bs):
    for t in tally("abc", count_marks("abc", bs), RULES).values():
        assert sum(t.counts.values()) + t.blank + t.spoiled == len(bs)
        assert 0 <= t.satisfied <= t.base
        assert t.passed == (t.base > 0 and 3 * t.satisfied >= 2 * t.base)


@given(st.integers(0, 200), st.integers(0, 200), st.integers(1, 9), st.integers(1, 9))
def test_the_threshold_is_compared_exactly(satisfied, unsatisfied, num, den):
    if num > den:
        num, den = den, num
    t = judge(
        marks(satisfied=satisfied, unsatisfied=unsatisfied),
        Rules(DEFAULT_OPTIONS, threshold=Fraction(num, den)),
    )
    base = satisfied + unsatisfied
    assert t.passed == (base > 0 and Fraction(satisfied, base) >= Fraction(num, den))


def test_a_mark_that_names_no_option_is_refused():
    with pytest.raises(ValueError):
        judge(Counter({"excellent": 1}), RULES)


def test_a_recommendation_ballot_naming_too_many_is_spoiled():
    votes, spoiled = count_choices(
        "abcd", [["a", "b"], ["a"], ["a", "b", "c"], ["a", "a"], ["z"]], max_choices=2
    )
    assert votes == {"a": 2, "b": 1, "c": 0, "d": 0} and spoiled == 3


def test_a_million_marks_are_counted():
    rnd = random.Random(1)
    bs = [{c: rnd.choice(MARKS) for c in "abcdefghij"} for _ in range(100_000)]
    result = tally("abcdefghij", count_marks("abcdefghij", bs), RULES)
    assert sum(t.base + t.blank + t.spoiled for t in result.values()) == 1_000_000


counts = st.integers(min_value=0, max_value=3000)


@given(entitled=counts, present=counts, electronic=counts, paper=counts, unused=counts)
def test_an_honest_meeting_reconciles(entitled, present, electronic, paper, unused):
    """Whatever the numbers, a meeting where every ballot came from someone checked in (or
    nobody was checked in electronically), each e-ballot spent one issued code and left one
    tracker, passes every check."""
    present = max(present, electronic + paper) if present else 0
    entitled = max(entitled, present) if entitled else 0
    rec = {
        "entitled": entitled,
        "checked_in": present,
        "codes_issued": electronic + unused,
        "codes_used": electronic,
        "electronic_ballots": electronic,
        "trackers": electronic,
        "paper_ballots": paper,
    }
    assert discrepancies(rec) == []


@given(present=st.integers(min_value=1, max_value=3000), extra=st.integers(1, 50), paper=counts)
def test_more_ballots_than_people_present_is_flagged(present, extra, paper):
    electronic = max(present + extra - paper, 0)
    paper = present + extra - electronic
    rec = {
        "entitled": 0,
        "checked_in": present,
        "codes_issued": electronic,
        "codes_used": electronic,
        "electronic_ballots": electronic,
        "trackers": electronic,
        "paper_ballots": paper,
    }
    assert discrepancies(rec) == ["more_ballots_than_present"]


def test_each_broken_count_is_named():
    rec = {
        "entitled": 10,
        "checked_in": 12,
        "codes_issued": 5,
        "codes_used": 6,
        "electronic_ballots": 7,
        "trackers": 8,
        "paper_ballots": 0,
    }
    assert discrepancies(rec) == [
        "more_present_than_entitled",
        "ballots_and_codes_disagree",
        "trackers_and_ballots_disagree",
        "more_codes_used_than_issued",
    ]
