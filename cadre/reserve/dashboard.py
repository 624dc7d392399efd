"""梯队建设情况: the figures of a programme's pipeline dashboard, read in a fixed number of
queries whatever the number of cadres — each tier against its target with who left and the
back-fills, the age and gender of the reserve against the school's cadre team (the point of
the pipeline is a team of reasonable age structure, 年龄结构合理), the assessments falling
due, and how far each measure of 五、培养措施 reaches the tier it is for.

The arithmetic is in `cycle`; this module only gathers the rows it counts."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cadre.people.dates import age_on
from cadre.people.models import PostHistory
from cadre.people.vocab import ACTIVE_STATUSES, CADRE_ROLE_KINDS, EDUCATION_LEVELS, GENDERS

from . import arithmetic, cycle, selectors
from .models import Activity, Backfill, Programme, ReserveCadre, Tier

Status = ReserveCadre.Status
Horizon = Tier.Horizon


@dataclass(frozen=True)
class Member:
    """What the structure of a team is counted from: one person's age, gender, education."""

    age: int
    gender: str
    education: str


@dataclass(frozen=True)
class Structure:
    """A team's size and its age, gender and education structure. Every age band and both
    genders are listed, empty ones too, so that two teams line up side by side."""

    count: int
    ages: list[cycle.Bar]
    genders: list[cycle.Bar]
    education: list[cycle.Bar]
    average_age: Decimal | None


def _every(bars: list[cycle.Bar], keys: Iterable[str]) -> list[cycle.Bar]:
    """`bars` with a zero bar for each of `keys` missing, keys first in their order."""
    by_label = {b.label: b for b in bars}
    keys = list(keys)
    return [by_label.get(k, cycle.Bar(k, 0, 0)) for k in keys] + [
        b for b in bars if b.label not in keys
    ]


def structure(members: Iterable[Member]) -> Structure:
    members = list(members)
    ages = [m.age for m in members]
    return Structure(
        count=len(members),
        ages=cycle.age_structure(ages),
        genders=_every(cycle.breakdown([m.gender for m in members], GENDERS), GENDERS),
        education=cycle.breakdown([m.education for m in members], EDUCATION_LEVELS),
        average_age=cycle.average_age(ages),
    )


@dataclass(frozen=True)
class Compared:
    """One line of a comparison of the school's cadre team and the reserve."""

    label: str
    school: cycle.Bar
    reserve: cycle.Bar


def compare(school: list[cycle.Bar], reserve: list[cycle.Bar]) -> list[Compared]:
    keys = list(dict.fromkeys([b.label for b in school] + [b.label for b in reserve]))
    school, reserve = _every(school, keys), _every(reserve, keys)
    return [Compared(k, s, r) for k, s, r in zip(keys, school, reserve, strict=True)]


@dataclass
class TierRow:
    tier: Tier
    active: int
    fill: arithmetic.Fill
    off_by: int
    disqualified: int
    promoted: int
    terminated: int
    backfills_proposed: int
    backfills_approved: int
    next_due: date | None  # the earliest end of a year of cultivation not yet assessed
    structure: Structure

    @property
    def bar(self) -> int:
        """The bar's length: the tier's fill, as a percent of its target, at most full."""
        return min(cycle.percent(self.active, self.tier.target), 100)


@dataclass
class Measure:
    """One measure of 五、培养措施 and the active cadres of its tier it reaches."""

    key: str
    label: str
    rule: str  # who counts and what reaches him
    coverage: cycle.Coverage
    uncovered: list[ReserveCadre]


@dataclass
class Dashboard:
    today: date
    tiers: list[TierRow]
    reserve: Structure  # the cadres in cultivation, all tiers
    due: list[selectors.CadreRow]  # assessments due soon or overdue, the most urgent first
    measures: list[Measure]
    study_average: Decimal | None  # study hours per cadre in cultivation
    study_minimum: Decimal | None
    school: Structure  # the school's cadre team today
    levels: list[tuple[str, Structure]]  # the team by post level, highest first

    remind_days = cycle.REMIND_DAYS

    @property
    def active(self) -> int:
        return sum(t.active for t in self.tiers)

    @property
    def target(self) -> int:
        return sum(t.tier.target for t in self.tiers)

    @property
    def left(self) -> int:
        return sum(t.disqualified + t.promoted + t.terminated for t in self.tiers)

    @property
    def ages_compared(self) -> list[Compared]:
        return compare(self.school.ages, self.reserve.ages)

    @property
    def genders_compared(self) -> list[Compared]:
        return compare(self.school.genders, self.reserve.genders)


def _member(person, today: date) -> Member:
    return Member(age_on(person.birth_date, today), person.gender, person.education)


def cadre_team(organisation, today: date) -> list[tuple[str, Member]]:
    """The school's cadre team on `today`: serving staff holding a cadre post that day, each
    once, with his highest post level. One query."""
    held = (
        PostHistory.objects.filter(
            person__organisation=organisation,
            person__status__in=ACTIVE_STATUSES,
            role_kind__in=CADRE_ROLE_KINDS,
            start_date__lte=today,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list(
            "person_id",
            "role_kind",
            "person__birth_date",
            "person__gender",
            "person__education",
        )
    )
    team: dict[int, tuple[str, Member]] = {}
    for person, role, born, gender, education in held:
        kept = team.get(person)
        if kept is None or CADRE_ROLE_KINDS.index(role) < CADRE_ROLE_KINDS.index(kept[0]):
            team[person] = (role, Member(age_on(born, today), gender, education))
    return list(team.values())


def _measure(key, label, rule, rows, covered) -> Measure:
    return Measure(
        key=key,
        label=label,
        rule=rule,
        coverage=cycle.Coverage(sum(1 for r in rows if covered(r)), len(rows)),
        uncovered=[r.cadre for r in rows if not covered(r)],
    )


def dashboard(programme: Programme, today: date) -> Dashboard:
    """The pipeline of a decided programme as it stands on `today`."""
    tiers = list(programme.tiers.all())
    rows = selectors.cadre_rows(programme, today)
    active = [r for r in rows if r.cadre.active]
    practised = set(
        Activity.objects.filter(cadre__programme=programme, kind=Activity.Kind.PRACTICE)
        .values_list("cadre_id", flat=True)
        .distinct()
    )
    backfills = {
        (tier, status): n
        for tier, status, n in Backfill.objects.filter(programme=programme)
        .values("tier", "status")
        .annotate(n=Count("id"))
        .values_list("tier", "status", "n")
    }

    tier_rows = []
    for tier in tiers:
        mine = [r for r in rows if r.cadre.tier_id == tier.pk]
        in_cultivation = [r for r in mine if r.cadre.active]
        state, off_by = arithmetic.fill(tier.target, len(in_cultivation))
        due = [r.next.year.ends for r in in_cultivation if r.next]
        tier_rows.append(
            TierRow(
                tier=tier,
                active=len(in_cultivation),
                fill=state,
                off_by=off_by,
                disqualified=sum(1 for r in mine if r.cadre.status == Status.DISQUALIFIED),
                promoted=sum(1 for r in mine if r.cadre.status == Status.PROMOTED),
                terminated=sum(1 for r in mine if r.cadre.status == Status.TERMINATED),
                backfills_proposed=backfills.get((tier.pk, Backfill.Status.PROPOSED), 0),
                backfills_approved=backfills.get((tier.pk, Backfill.Status.APPROVED), 0),
                next_due=min(due, default=None),
                structure=structure(_member(r.cadre.person, today) for r in in_cultivation),
            )
        )

    def of(horizon):
        return [r for r in active if r.cadre.tier.horizon == horizon]

    measures = [
        # 岗位锻炼: a near-term cadre placed in a department at least once by today.
        _measure(
            "rotation",
            _("Job rotation"),
            _("Near-term cadres placed in a department at least once"),
            of(Horizon.NEAR),
            lambda r: r.rotation,
        ),
        # 结对培养 is renewed each year: a mid-term cadre is covered while a pairing runs.
        _measure(
            "mentoring",
            _("Mentoring pair"),
            _("Mid-term cadres paired with a mentor today"),
            of(Horizon.MID),
            lambda r: r.mentor,
        ),
        # 组织学习 is for every tier.
        _measure(
            "study",
            _("Study"),
            _("Cadres in cultivation with hours of study recorded"),
            active,
            lambda r: r.study_hours > 0,
        ),
        # 自我提升: practice in a club, a class, student routine, a lesson group or the branch.
        _measure(
            "practice",
            _("Self-improvement"),
            _("Long-term cadres with self-improvement practice recorded"),
            of(Horizon.LONG),
            lambda r: r.cadre.pk in practised,
        ),
    ]
    hours = [r.study_hours for r in active]

    urgent = [r for r in active if r.next and r.next.state != cycle.Due.LATER]
    urgent.sort(key=lambda r: (r.next.state != cycle.Due.OVERDUE, r.next.year.ends))

    team = cadre_team(programme.organisation, today)
    return Dashboard(
        today=today,
        tiers=tier_rows,
        reserve=structure(_member(r.cadre.person, today) for r in active),
        due=urgent,
        measures=measures,
        study_average=cycle.tenths(sum(hours, Decimal(0)) / len(hours)) if hours else None,
        study_minimum=min(hours, default=None),
        school=structure(m for _level, m in team),
        levels=[
            (level, structure(m for held, m in team if held == level)) for level in CADRE_ROLE_KINDS
        ],
    )
