"""培养档案: everything on record about one reserve cadre's cultivation, read once for the
dossier page and its Word export — 后备干部信息表 (the roster), 培养登记表 (tier, cycle,
rotations, mentors, activities), 考核考察情况 (the selection and the yearly assessments),
培训情况 (study) and the reports and notes uploaded."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory

from . import cycle
from .models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    Outcome,
    Recommendation,
    ReserveCadre,
    Rotation,
    Sheet,
)


@dataclass
class YearRow:
    year: cycle.Year
    assessment: Assessment | None
    state: cycle.Due | None  # for a year not assessed yet: how urgent


@dataclass
class Dossier:
    cadre: ReserveCadre
    person: Person
    age: int
    posts: list[PostHistory]
    appraisals: list
    honours: list
    recommendations: list[Recommendation]
    sheet: Sheet | None
    backfill: Backfill | None
    rotations: list[Rotation]
    mentorships: list[Mentorship]
    study: list[Activity]
    practice: list[Activity]
    other: list[Activity]  # mentoring meetings and rotation notes, shown under their pairing
    years: list[YearRow]
    outcomes: list[Outcome]
    materials: list[Material] = field(default_factory=list)

    @property
    def study_hours(self) -> Decimal:
        return sum((a.hours or Decimal(0) for a in self.study), Decimal(0))


def _activities(qs):
    return (
        qs.select_related("recorded_by")
        .prefetch_related(Prefetch("materials", Material.objects.defer("content")))
        .order_by("date", "id")
    )


def dossier(cadre: ReserveCadre, today=None) -> Dossier:
    today = today or timezone.localdate()
    person = (
        Person.objects.select_related("department")
        .prefetch_related("appraisals", "honours")
        .get(pk=cadre.person_id)
    )
    activities = list(_activities(cadre.activities.all()))
    assessments = {a.period_ends: a for a in cadre.assessments.select_related("decision__body")}
    # Years of an earlier cycle (before moving up a tier) are kept with their assessments.
    years = cadre.years
    earlier = [a for ends, a in assessments.items() if ends < cadre.cycle_starts]
    upcoming = cycle.next_assessment(years, assessments, today) if cadre.active else None
    rows = [YearRow(cycle.Year(a.year, a.period_starts, a.period_ends), a, None) for a in earlier]
    rows += [
        YearRow(
            y,
            assessments.get(y.ends),
            upcoming.state if upcoming and upcoming.year == y else None,
        )
        for y in years
    ]
    return Dossier(
        cadre=cadre,
        person=person,
        age=age_on(person.birth_date, today),
        posts=list(PostHistory.objects.filter(person=person).order_by("start_date", "id")),
        appraisals=sorted(person.appraisals.all(), key=lambda a: a.year),
        honours=sorted(person.honours.all(), key=lambda h: h.date),
        recommendations=list(
            Recommendation.objects.filter(programme=cadre.programme_id, person=person)
            .select_related("tier")
            .order_by("made_on", "id")
        ),
        sheet=Sheet.objects.filter(programme=cadre.programme_id, person=person)
        .select_related("proposed_tier")
        .first(),
        backfill=Backfill.objects.filter(cadre=cadre)
        .select_related("proposal", "approval", "vacancy__person")
        .first(),
        rotations=list(
            cadre.rotations.select_related("department", "supervisor").prefetch_related(
                Prefetch("notes", _activities(Activity.objects.all()))
            )
        ),
        mentorships=list(
            cadre.mentorships.select_related("mentor").prefetch_related(
                Prefetch("meetings", _activities(Activity.objects.all()))
            )
        ),
        study=[a for a in activities if a.kind == Activity.Kind.STUDY],
        practice=[a for a in activities if a.kind == Activity.Kind.PRACTICE],
        other=[
            a for a in activities if a.kind in (Activity.Kind.MENTORING, Activity.Kind.ROTATION)
        ],
        years=rows,
        outcomes=list(cadre.outcomes.select_related("tier", "decision")),
        materials=list(cadre.materials.defer("content").select_related("uploaded_by", "activity")),
    )
