from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.engine import (
    EDUCATION_LEVELS,
    BirthCutoff,
    Manual,
    MinEducation,
    MinExperience,
    MinTitle,
    Outcome,
    PoliticalStatus,
    Subject,
    build,
    overall,
)
from cadre.rules.periods import Period

ON = date(2025, 6, 22)
CUTOFF = BirthCutoff(date(1980, 1, 1))


def subject(**kw):
    return Subject(birth_date=kw.pop("birth_date", date(1985, 1, 1)), **kw)


@pytest.mark.parametrize(
    ("birth", "outcome", "message"),
    [
        (date(1979, 12, 31), Outcome.FAIL, "出生于1979年12月31日，早于1980年1月1日"),
        (date(1980, 1, 1), Outcome.PASS, "出生于1980年1月1日，不早于1980年1月1日"),
        (date(1980, 1, 2), Outcome.PASS, "出生于1980年1月2日，不早于1980年1月1日"),
    ],
)
def test_the_birth_cutoff_includes_the_day_itself(birth, outcome, message):
    v = CUTOFF.evaluate(subject(birth_date=birth), ON)
    assert (v.outcome, v.message) == (outcome, message)


def test_an_exclusive_cutoff_excludes_the_day():
    v = BirthCutoff(date(1980, 1, 1), inclusive=False).evaluate(
        subject(birth_date=date(1980, 1, 1)), ON
    )
    assert v.outcome == Outcome.FAIL


def test_a_birth_known_only_to_the_month_needs_review_in_the_cutoff_month():
    mid_month = BirthCutoff(date(1980, 1, 15))
    v = mid_month.evaluate(subject(birth_date=date(1980, 1, 1), birth_month_only=True), ON)
    assert v.outcome == Outcome.REVIEW
    v = CUTOFF.evaluate(subject(birth_date=date(1980, 1, 1), birth_month_only=True), ON)
    assert v.outcome == Outcome.PASS  # every day of January 1980 is on or after the 1st


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2005, 1, 1)))
def test_a_later_birth_never_fails_where_an_earlier_one_passed(birth):
    later = date.fromordinal(birth.toordinal() + 1)
    if CUTOFF.evaluate(subject(birth_date=birth), ON).outcome == Outcome.PASS:
        assert CUTOFF.evaluate(subject(birth_date=later), ON).outcome == Outcome.PASS


def test_experience_is_the_union_shown_in_years_and_months():
    rule = MinExperience(("班主任", "年级组长", "教研组长"), 3)
    s = subject(
        posts=(
            ("班主任", Period(date(2021, 9, 1), date(2023, 7, 1))),
            ("年级组长", Period(date(2022, 9, 1), date(2024, 7, 1))),
            ("校级领导", Period(date(2010, 1, 1), None)),
        )
    )
    v = rule.evaluate(s, ON)
    assert v.outcome == Outcome.FAIL
    assert v.message == "班主任、年级组长、教研组长合计2年10个月，不足3年"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["班主任", "年级组长", "干事"]),
            st.dates(min_value=date(2010, 1, 1), max_value=date(2025, 6, 1)),
            st.integers(0, 2000),
        ),
        max_size=5,
    ),
    st.tuples(
        st.sampled_from(["班主任", "年级组长"]),
        st.dates(min_value=date(2010, 1, 1), max_value=date(2025, 6, 1)),
        st.integers(1, 2000),
    ),
)
def test_more_experience_never_turns_a_pass_into_a_fail(posts, extra):
    from datetime import timedelta

    rule = MinExperience(("班主任", "年级组长"), 3)

    def as_posts(items):
        return tuple((k, Period(s, s + timedelta(days=d))) for k, s, d in items)

    before = rule.evaluate(subject(posts=as_posts(posts)), ON).outcome
    after = rule.evaluate(subject(posts=as_posts([*posts, extra])), ON).outcome
    assert not (before == Outcome.PASS and after == Outcome.FAIL)


@pytest.mark.parametrize(
    ("education", "outcome"),
    [
        ("硕士研究生", Outcome.PASS),
        ("大学本科", Outcome.PASS),
        ("大学专科", Outcome.FAIL),
        ("", Outcome.REVIEW),
    ],
)
def test_minimum_education(education, outcome):
    assert MinEducation("大学本科").evaluate(subject(education=education), ON).outcome == outcome


@given(st.sampled_from(EDUCATION_LEVELS), st.sampled_from(EDUCATION_LEVELS))
def test_a_higher_education_never_fails_where_a_lower_passed(a, b):
    rule = MinEducation("大学本科")
    hi, lo = sorted([a, b], key=EDUCATION_LEVELS.index)
    if rule.evaluate(subject(education=lo), ON).outcome == Outcome.PASS:
        assert rule.evaluate(subject(education=hi), ON).outcome == Outcome.PASS


def test_political_status_title_and_manual_conditions():
    assert (
        PoliticalStatus(("中共党员",)).evaluate(subject(political_status="群众"), ON).outcome
        == Outcome.FAIL
    )
    assert MinTitle("一级教师").evaluate(subject(title="高级教师"), ON).outcome == Outcome.PASS
    assert MinTitle("一级教师").evaluate(subject(title="二级教师"), ON).outcome == Outcome.FAIL
    assert MinTitle("一级教师").evaluate(subject(title="会计师"), ON).outcome == Outcome.REVIEW
    assert Manual("政治素质好").evaluate(subject(), ON).outcome == Outcome.REVIEW


def test_rules_are_built_from_their_stored_form():
    rule = build("birth_cutoff", {"cutoff": "1980-01-01", "inclusive": True})
    assert rule == CUTOFF
    assert build("min_experience", {"role_kinds": ["班主任"], "years": 3}).role_kinds == ("班主任",)


def test_the_overall_verdict():
    from cadre.rules.engine import Verdict

    p, f, r = (Verdict(o, "") for o in (Outcome.PASS, Outcome.FAIL, Outcome.REVIEW))
    assert overall([p, p]) == Outcome.PASS
    assert overall([p, r]) == Outcome.REVIEW
    assert overall([r, f, p]) == Outcome.FAIL
