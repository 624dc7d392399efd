"""Counting a democratic evaluation (民主测评). No Django here.

No national rule fixes how 满意度 is computed, so the rules are data: which options count as
satisfied, whether 不了解 and blank marks count in the base, the threshold as an exact fraction
(default 2/3, inclusive: 40 of 60 passes). Every count is reported, never hidden. Rates are
compared as integers (satisfied × den ≥ num × base), never as floats.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

BLANK = ""  # no mark for this candidate
SPOILED = "*"  # marked twice (paper): spoiled for this candidate only


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    satisfied: bool = False
    weight: int | None = None  # for a weighted score: 满意 100 / 基本满意 60 / 不满意 0
    unknown: bool = False  # 不了解: counted in the base only if the rules say so


@dataclass(frozen=True)
class Rules:
    options: tuple[Option, ...]
    unknown_in_base: bool = False
    blank_in_base: bool = False
    threshold: Fraction = Fraction(2, 3)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


DEFAULT_OPTIONS = (
    Option("satisfied", "满意", satisfied=True, weight=100),
    Option("basic", "基本满意", satisfied=True, weight=60),
    Option("unsatisfied", "不满意", weight=0),
)


@dataclass
class CandidateTally:
    counts: dict[str, int] = field(default_factory=dict)  # per option code
    blank: int = 0
    spoiled: int = 0
    base: int = 0
    satisfied: int = 0
    passed: bool = False
    rate: Fraction = Fraction(0)
    score: Decimal | None = None

    @property
    def percent(self) -> Decimal:
        return percent(self.rate)

    def as_json(self) -> dict:
        return {
            "counts": dict(sorted(self.counts.items())),
            "blank": self.blank,
            "spoiled": self.spoiled,
            "base": self.base,
            "satisfied": self.satisfied,
            "rate": f"{self.rate.numerator}/{self.rate.denominator}",
            "percent": str(self.percent),
            "passed": self.passed,
            "score": None if self.score is None else str(self.score),
        }


def percent(rate: Fraction) -> Decimal:
    value = Decimal(rate.numerator) * 100 / Decimal(rate.denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def count_marks(candidates: Iterable[str], ballots: Iterable[Mapping[str, str]]) -> dict:
    """Per candidate, a Counter of marks: option codes, BLANK or SPOILED.

    A ballot that leaves a candidate out counts as blank for him.
    """
    ids = list(candidates)
    counts = {c: Counter() for c in ids}
    for ballot in ballots:
        for c in ids:
            counts[c][ballot.get(c, BLANK)] += 1
    return counts


def add_counts(total: dict, more: Mapping[str, Mapping[str, int]]) -> dict:
    """Merge per-candidate counts (paper ballots entered as totals)."""
    for c, marks in more.items():
        for mark, n in marks.items():
            total.setdefault(c, Counter())[mark] += int(n)
    return total


def judge(marks: Counter, rules: Rules) -> CandidateTally:
    t = CandidateTally()
    weighted = 0
    weighed = 0
    for option in rules.options:
        n = marks.get(option.code, 0)
        t.counts[option.code] = n
        if option.unknown and not rules.unknown_in_base:
            continue
        t.base += n
        if option.satisfied:
            t.satisfied += n
        if option.weight is not None:
            weighted += option.weight * n
            weighed += n
    t.blank = marks.get(BLANK, 0)
    t.spoiled = marks.get(SPOILED, 0)
    unknown_marks = sum(
        n for m, n in marks.items() if m not in (BLANK, SPOILED) and rules.option(m) is None
    )
    if unknown_marks:
        raise ValueError(f"{unknown_marks} marks name no option of this evaluation")
    if rules.blank_in_base:
        t.base += t.blank
    t.rate = Fraction(t.satisfied, t.base) if t.base else Fraction(0)
    # Inclusive threshold, in integers: satisfied / base >= num / den.
    th = rules.threshold
    t.passed = t.base > 0 and t.satisfied * th.denominator >= th.numerator * t.base
    if weighed:
        t.score = (Decimal(weighted) / Decimal(weighed)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return t


def tally(candidates: Iterable[str], marks_by_candidate: dict, rules: Rules) -> dict:
    return {c: judge(marks_by_candidate.get(c, Counter()), rules) for c in candidates}


def count_choices(
    candidates: Iterable[str], ballots: Iterable[Iterable[str]], max_choices: int
) -> tuple[dict[str, int], int]:
    """A recommendation ballot (choose at most k): votes per name, and ballots spoiled by
    naming more than k or an unknown name."""
    ids = set(candidates)
    votes = dict.fromkeys(candidates, 0)
    spoiled = 0
    for chosen in ballots:
        chosen = list(chosen)
        if len(chosen) > max_choices or len(set(chosen)) != len(chosen) or not set(chosen) <= ids:
            spoiled += 1
            continue
        for c in chosen:
            votes[c] += 1
    return votes, spoiled


# What the bulletin board's reconciliation must satisfy. Each failure is a reason to look
# hard at the meeting before its result is relied on, not a proof of fraud: a hall that did
# not use electronic check-in has 0 checked in, which is not held against it.
MORE_BALLOTS_THAN_PRESENT = "more_ballots_than_present"
MORE_PRESENT_THAN_ENTITLED = "more_present_than_entitled"
BALLOTS_AND_CODES_DISAGREE = "ballots_and_codes_disagree"
TRACKERS_AND_BALLOTS_DISAGREE = "trackers_and_ballots_disagree"
MORE_CODES_USED_THAN_ISSUED = "more_codes_used_than_issued"


def discrepancies(rec: Mapping[str, int]) -> list[str]:
    """The reconciliation's failed checks, in a fixed order (empty when all is well)."""
    cast = rec["electronic_ballots"] + rec["paper_ballots"]
    checks = (
        (MORE_BALLOTS_THAN_PRESENT, rec["checked_in"] > 0 and cast > rec["checked_in"]),
        (MORE_PRESENT_THAN_ENTITLED, 0 < rec["entitled"] < rec["checked_in"]),
        (BALLOTS_AND_CODES_DISAGREE, rec["electronic_ballots"] != rec["codes_used"]),
        (TRACKERS_AND_BALLOTS_DISAGREE, rec["trackers"] != rec["electronic_ballots"]),
        (MORE_CODES_USED_THAN_ISSUED, rec["codes_used"] > rec["codes_issued"]),
    )
    return [name for name, failed in checks if failed]
