"""The eligibility rules of a campaign (竞聘条件). No Django here.

Each rule looks at a Subject (what the roster knows of a person) on the campaign's reference
date and returns a Verdict — pass, fail or needs review — with the figures behind it, in the
words a reviewer reads on the review sheet.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from .periods import Period, format_requirement, length

# Highest first, as in cadre.people.vocab (kept here so the engine needs no Django).
EDUCATION_LEVELS = (
    "博士研究生",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "中等专科",
    "高中",
    "初中及以下",
)
TITLE_LEVELS = ("正高级教师", "高级教师", "一级教师", "二级教师", "三级教师", "未定级")


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"  # a person must look: a manual condition, or the data cannot decide


class Verdict(NamedTuple):
    # A tuple, not a dataclass: "who could apply" makes tens of thousands of them.
    outcome: Outcome
    message: str
    figures: dict = {}


@dataclass(frozen=True)
class Subject:
    birth_date: date
    birth_month_only: bool = False
    education: str = ""
    political_status: str = ""
    title: str = ""
    posts: tuple[tuple[str, Period], ...] = ()  # (role kind, period)

    def periods_in(self, role_kinds: Iterable[str]) -> list[Period]:
        kinds = set(role_kinds)
        return [p for kind, p in self.posts if kind in kinds]


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class BirthCutoff:
    """Born on or after a date ("45周岁以下（1980年1月1日后出生）")."""

    cutoff: date
    inclusive: bool = True

    @property
    def boundary_text(self) -> str:
        return f"{cn_date(self.cutoff)}{'及以后' if self.inclusive else '以后（不含本日）'}出生"

    def evaluate(self, s: Subject, on: date) -> Verdict:
        figures = {"birth_date": s.birth_date.isoformat(), "cutoff": self.cutoff.isoformat()}
        if s.birth_month_only:
            shown = f"{s.birth_date.year}年{s.birth_date.month}月"
            same_month = (s.birth_date.year, s.birth_date.month) == (
                self.cutoff.year,
                self.cutoff.month,
            )
            if same_month and not (self.inclusive and self.cutoff.day == 1):
                return Verdict(
                    Outcome.REVIEW,
                    f"出生于{shown}（日不详），与界限{cn_date(self.cutoff)}同月，需核实",
                    figures,
                )
            ok = (s.birth_date.year, s.birth_date.month) >= (self.cutoff.year, self.cutoff.month)
        else:
            shown = cn_date(s.birth_date)
            ok = s.birth_date >= self.cutoff if self.inclusive else s.birth_date > self.cutoff
        if ok:
            relation = "不早于" if self.inclusive else "晚于"
            return Verdict(
                Outcome.PASS, f"出生于{shown}，{relation}{cn_date(self.cutoff)}", figures
            )
        relation = "早于" if s.birth_date < self.cutoff else "不晚于"
        return Verdict(Outcome.FAIL, f"出生于{shown}，{relation}{cn_date(self.cutoff)}", figures)


@dataclass(frozen=True)
class MinEducation:
    level: str = "大学本科"

    def evaluate(self, s: Subject, on: date) -> Verdict:
        figures = {"education": s.education, "required": self.level}
        if s.education not in EDUCATION_LEVELS:
            return Verdict(Outcome.REVIEW, "名册中没有学历信息，需核实", figures)
        if EDUCATION_LEVELS.index(s.education) <= EDUCATION_LEVELS.index(self.level):
            return Verdict(Outcome.PASS, f"最高学历为{s.education}，达到{self.level}", figures)
        return Verdict(Outcome.FAIL, f"最高学历为{s.education}，低于{self.level}", figures)


@dataclass(frozen=True)
class MinExperience:
    """At least N years in any of a set of roles, as the union of the periods."""

    role_kinds: tuple[str, ...]
    years: int
    months: int = 0

    @property
    def roles_text(self) -> str:
        return "、".join(self.role_kinds)

    def evaluate(self, s: Subject, on: date) -> Verdict:
        served = length(s.periods_in(self.role_kinds), on)
        need = format_requirement(self.years, self.months)
        figures = {
            "days": served.days,
            "length": str(served),
            "since": served.anchor.isoformat() if served.anchor else None,
        }
        if served.at_least(self.years, self.months):
            return Verdict(Outcome.PASS, f"{self.roles_text}合计{served}，满{need}", figures)
        return Verdict(Outcome.FAIL, f"{self.roles_text}合计{served}，不足{need}", figures)


@dataclass(frozen=True)
class PoliticalStatus:
    allowed: tuple[str, ...] = ("中共党员",)

    def evaluate(self, s: Subject, on: date) -> Verdict:
        figures = {"political_status": s.political_status}
        wanted = "或".join(self.allowed)
        if s.political_status in self.allowed:
            return Verdict(Outcome.PASS, f"政治面貌为{s.political_status}", figures)
        return Verdict(
            Outcome.FAIL, f"政治面貌为{s.political_status or '未填'}，要求{wanted}", figures
        )


@dataclass(frozen=True)
class MinTitle:
    level: str = "一级教师"

    def evaluate(self, s: Subject, on: date) -> Verdict:
        figures = {"title": s.title, "required": self.level}
        if s.title not in TITLE_LEVELS:
            return Verdict(
                Outcome.REVIEW,
                f"职称为「{s.title or '未填'}」，需核实是否相当于{self.level}",
                figures,
            )
        if TITLE_LEVELS.index(s.title) <= TITLE_LEVELS.index(self.level):
            return Verdict(Outcome.PASS, f"职称为{s.title}，达到{self.level}", figures)
        return Verdict(Outcome.FAIL, f"职称为{s.title}，低于{self.level}", figures)


@dataclass(frozen=True)
class Manual:
    """A condition only a person can judge (political quality, professional knowledge)."""

    text: str

    def evaluate(self, s: Subject, on: date) -> Verdict:
        return Verdict(Outcome.REVIEW, "需审查人认定", {})


RULE_KINDS = {
    "birth_cutoff": BirthCutoff,
    "min_education": MinEducation,
    "min_experience": MinExperience,
    "political_status": PoliticalStatus,
    "min_title": MinTitle,
    "manual": Manual,
}


def build(kind: str, params: dict):
    """A rule from its stored form; dates as ISO strings, role lists as lists."""
    cls = RULE_KINDS[kind]
    params = dict(params)
    if "cutoff" in params:
        params["cutoff"] = date.fromisoformat(params["cutoff"])
    for key in ("role_kinds", "allowed"):
        if key in params:
            params[key] = tuple(params[key])
    return cls(**params)


def overall(verdicts: Sequence[Verdict]) -> Outcome:
    """Fail if any rule fails; else needs review if any does; else pass."""
    outcomes = {v.outcome for v in verdicts}
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL
    if Outcome.REVIEW in outcomes:
        return Outcome.REVIEW
    return Outcome.PASS
