from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cadre.panels.scoring import (
    Entry,
    Weights,
    aggregate,
    composite,
    dimension_means,
    rank,
    shortlist,
)

totals = st.lists(st.decimals(min_value=0, max_value=100, places=1), max_size=9)


def test_the_default_drops_one_highest_and_one_lowest_from_five_sheets():
    assert aggregate([Decimal(x) for x in (90, 80, 85, 70, 99)]) == Decimal("85.00")
    assert aggregate([Decimal(x) for x in (90, 80, 85, 70)]) == Decimal("81.25")  # four: all
    assert aggregate([]) is None


def test_half_up_to_two_places():
    assert aggregate([Decimal("80.5"), Decimal("80"), Decimal("80")]) == Decimal("80.17")
    assert aggregate([Decimal("0.005")], trim_from=0) == Decimal("0.01")


@given(totals, st.randoms())
def test_the_order_of_sheets_does_not_matter(ts, rnd):
    shuffled = list(ts)
    rnd.shuffle(shuffled)
    assert aggregate(ts) == aggregate(shuffled)


@given(totals)
def test_the_aggregate_lies_within_the_sheets(ts):
    result = aggregate(ts)
    if ts:
        assert min(ts) - Decimal("0.005") <= result <= max(ts) + Decimal("0.005")


@given(
    st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=5, max_size=9),
    st.decimals(min_value=0, max_value=1000, places=1),
)
def test_one_extreme_sheet_cannot_move_a_trimmed_mean(ts, more):
    """From five sheets on, raising the highest total (or lowering the lowest) changes
    nothing: that is what the trimming is for."""
    ordered = sorted(ts)
    higher = [*ordered[:-1], max(ordered[-1], more)]
    lower = [min(ordered[0], -more), *ordered[1:]]
    assert aggregate(higher) == aggregate(ts) == aggregate(lower)


def test_missing_sheets_are_averaged_over_those_present():
    # An expert who declared a conflict files no sheet: the mean is over the others.
    assert aggregate([Decimal(80), Decimal(90)]) == Decimal("85.00")
    assert dimension_means([{"a": Decimal(8)}, {"a": Decimal(9), "b": Decimal(5)}]) == {
        "a": Decimal("8.50"),
        "b": Decimal("5.00"),
    }


def test_the_composite_weighs_both_parts_on_a_hundred_point_scale():
    assert composite(Decimal("90"), Decimal("80"), Decimal("100"), Weights()) == Decimal("84.00")
    assert composite(Decimal("90"), Decimal("40"), Decimal("50"), Weights()) == Decimal("84.00")
    assert composite(None, Decimal("40"), Decimal("50"), Weights()) is None


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=3),
        st.one_of(st.none(), st.decimals(0, 100, places=1)),
        max_size=8,
    )
)
def test_ties_share_a_rank_and_better_never_ranks_lower(scores):
    ranks = rank(scores)
    for a, sa in scores.items():
        for b, sb in scores.items():
            if sa is None or sb is None:
                continue
            if sa == sb:
                assert ranks[a] == ranks[b]
            if sa > sb:
                assert ranks[a] < ranks[b]
    assert all(ranks[k] is None for k, s in scores.items() if s is None)


def test_a_tie_at_the_last_place_takes_everyone_tied():
    assert rank({"a": Decimal(90), "b": Decimal(85), "c": Decimal(85), "d": Decimal(80)}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }
    entries = [
        Entry(p, "A", 1, s, True)
        for p, s in (("a", Decimal(90)), ("b", Decimal(85)), ("c", Decimal(85)))
    ]
    assert shortlist(entries, {"A": 2}) == {"A": ["a", "b", "c"]}


def test_below_the_threshold_no_one_is_shortlisted():
    entries = [Entry("a", "A", 1, Decimal(99), False), Entry("b", "A", 1, Decimal(70), True)]
    assert shortlist(entries, {"A": 1}) == {"A": ["b"]}


def test_shortlisted_for_his_first_choice_he_leaves_the_second_list():
    entries = [
        Entry("x", "A", 1, Decimal(95), True),
        Entry("x", "B", 2, Decimal(95), True),
        Entry("y", "B", 1, Decimal(80), True),
        Entry("z", "B", 2, Decimal(85), True),
        Entry("w", "A", 1, Decimal(70), True),
    ]
    result = shortlist(entries, {"A": 1, "B": 2})
    assert result == {"A": ["x"], "B": ["y", "z"]}
