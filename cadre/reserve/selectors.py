"""What the pages and the exports read: the counts of the recommendation, the nominees'
comprehensive evaluation sheets with the roster's facts, the preliminary and decided lists."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from cadre.appointments.schedule import Row
from cadre.appointments.schedule import timetable as stage_rows
from cadre.ballots.models import Evaluation
from cadre.orgs.access import Can, can
from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory
from cadre.people.vocab import ACTIVE_STATUSES
from cadre.rules.periods import Period

from . import arithmetic, cycle
from .models import (
    Activity,
    Backfill,
    Material,
    Mentorship,
    Programme,
    Recommendation,
    ReserveCadre,
    Rotation,
    Sheet,
    Stage,
    Tier,
)

CHANNELS = list(Recommendation.Channel)


@dataclass
class Nominee:
    person: Person
    count: arithmetic.NomineeCount
    rank: int

    @property
    def by_channel(self) -> list[int]:
        return [self.count.by_channel.get(c.value, 0) for c in CHANNELS]

    @property
    def channel_counts(self) -> list[tuple[str, int]]:
        return [(c.label, n) for c, n in zip(CHANNELS, self.by_channel, strict=True) if n]


@dataclass
class TierCounts:
    tier: Tier
    nominees: list[Nominee]
    by_channel: list[int]
    ballot: Evaluation | None = None
    ballot_spoiled: int | None = None

    @property
    def total(self) -> int:
        return sum(self.by_channel)

    @property
    def ballot_counted(self) -> bool:
        return self.ballot is not None and self.ballot.status == Evaluation.Status.CLOSED


def _ballot_votes(tier: Tier) -> tuple[dict[int, int], int | None]:
    """A closed ballot's votes per person, and its spoiled ballots."""
    ballot = tier.ballot
    if ballot is None or ballot.status != Evaluation.Status.CLOSED:
        return {}, None
    votes = ballot.result.get("tally", {}).get("votes", {})
    by_person = {c.person_id: votes.get(c.key, 0) for c in ballot.candidates.all()}
    return by_person, ballot.result.get("tally", {}).get("spoiled", 0)


def counts(programme: Programme) -> dict[str, TierCounts]:
    """Per tier (in order), the nominees ranked, with their counts per channel and their
    secret-ballot votes once the tier's ballot is closed."""
    tiers = list(programme.tiers.select_related("ballot"))
    rows = Recommendation.objects.filter(programme=programme).values_list(
        "person_id", "tier__code", "channel"
    )
    votes, spoiled = {}, {}
    for t in tiers:
        votes[t.code], spoiled[t.code] = _ballot_votes(t)
    counted = arithmetic.count(rows, votes, [t.code for t in tiers])
    ids = {n.person for c in counted.values() for n in c.nominees}
    people = Person.objects.select_related("department").in_bulk(ids)
    out = {}
    for t in tiers:
        c = counted[t.code]
        out[t.code] = TierCounts(
            tier=t,
            nominees=[Nominee(people[n.person], n, i) for i, n in enumerate(c.nominees, 1)],
            by_channel=[c.by_channel.get(ch.value, 0) for ch in CHANNELS],
            ballot=t.ballot,
            ballot_spoiled=spoiled[t.code],
        )
    return out


@dataclass
class SheetRow:
    sheet: Sheet
    person: Person
    support: list[tuple[Tier, Nominee]]  # the tiers he was recommended for, and his counts
    appraisals: list
    priority: arithmetic.Priority
    age: int
    age_fit: arithmetic.AgeFit | None  # against the proposed tier's guide

    @property
    def criteria_attested(self) -> int:
        return sum(1 for v in self.sheet.criteria_met if v)


def _with_roster(qs):
    return qs.prefetch_related(
        Prefetch(
            "person__posts",
            queryset=PostHistory.objects.order_by("start_date"),
        ),
        "person__appraisals",
        "person__honours",
    ).select_related("person__department", "proposed_tier")


def sheet_rows(programme: Programme, sheets=None) -> list[SheetRow]:
    """Each nominee's sheet with what the roster and the recommendation say of him. Age and
    priority are taken on the programme's reference date."""
    on = programme.reference_date
    counted = counts(programme)
    support: dict[int, list] = {}
    rank_key: dict[int, tuple] = {}
    for c in counted.values():
        for n in c.nominees:
            support.setdefault(n.person.pk, []).append((c.tier, n))
            key = n.count.sort_key()
            rank_key[n.person.pk] = min(rank_key.get(n.person.pk, key), key)
    qs = sheets if sheets is not None else programme.sheets.all()
    rows = []
    for sheet in _with_roster(qs):
        p = sheet.person
        tier = sheet.proposed_tier
        age = age_on(p.birth_date, on)
        rows.append(
            SheetRow(
                sheet=sheet,
                person=p,
                support=support.get(p.pk, []),
                appraisals=[a for a in p.appraisals.all() if on.year - 5 <= a.year < on.year],
                priority=arithmetic.priority(
                    [
                        (post.role_kind, Period(post.start_date, post.end_date))
                        for post in p.posts.all()
                    ],
                    [(a.year, a.result) for a in p.appraisals.all()],
                    [(h.date, h.name) for h in p.honours.all()],
                    programme.priority_roles,
                    on,
                ),
                age=age,
                age_fit=tier.age_guide.fit(age) if tier else None,
            )
        )
    rows.sort(
        key=lambda r: (
            r.sheet.proposed_tier is None,
            getattr(r.sheet.proposed_tier, "order", 0),
            rank_key.get(r.person.pk, ()),
            r.person.staff_no,
        )
    )
    return rows


@dataclass
class TierList:
    tier: Tier
    rows: list
    fill: arithmetic.Fill
    off_by: int


def preliminary(programme: Programme, rows: list[SheetRow] | None = None) -> list[TierList]:
    """The preliminary list (初步人选) per tier against its target count."""
    rows = rows if rows is not None else sheet_rows(programme)
    out = []
    for tier in programme.tiers.all():
        chosen = [r for r in rows if r.sheet.proposed_tier_id == tier.pk]
        state, off = arithmetic.fill(tier.target, len(chosen))
        out.append(TierList(tier, chosen, state, off))
    return out


def decided(programme: Programme) -> list[TierList]:
    """The reserve cadres the committee decided, per tier against its target count."""
    cadres = list(
        ReserveCadre.objects.filter(
            programme=programme, decision_id=programme.decision_id
        ).select_related("person__department", "tier")
    )
    out = []
    for tier in programme.tiers.all():
        chosen = [c for c in cadres if c.tier_id == tier.pk]
        state, off = arithmetic.fill(tier.target, len(chosen))
        out.append(TierList(tier, chosen, state, off))
    return out


def overview(programmes) -> list[dict]:
    """For the overview pages: each programme with its tiers' decided count against target."""
    tiers = Tier.objects.annotate(
        decided=Count("cadres", filter=Q(cadres__status=ReserveCadre.Status.ACTIVE))
    ).order_by("order", "id")
    return [
        {"programme": p, "tiers": list(p.tiers.all())}
        for p in programmes.select_related("organisation").prefetch_related(
            Prefetch("tiers", queryset=tiers)
        )
    ]


def milestone_dates(programme: Programme) -> dict:
    """The day each milestone of the timetable was reached, from the programme's records."""
    published = programme.published_at
    return {
        Stage.Milestone.PUBLISH: timezone.localdate(published) if published else None,
        Stage.Milestone.RECOMMENDATION: programme.recommendation_closed_on,
        Stage.Milestone.EVALUATION: programme.list_submitted_on,
        Stage.Milestone.DECISION: programme.decision.date if programme.decision_id else None,
    }


def timetable(programme: Programme, today=None) -> list[Row]:
    return stage_rows(
        programme.stages.all(), milestone_dates(programme), today or timezone.localdate()
    )


# -- cultivation ---------------------------------------------------------------------------


def vacancies(tier: Tier) -> int:
    """Places of the tier open to a back-fill: its target less the cadres in cultivation
    and the back-fills already proposed."""
    active = tier.cadres.filter(status=ReserveCadre.Status.ACTIVE).count()
    pending = Backfill.objects.filter(tier=tier, status=Backfill.Status.PROPOSED).count()
    return tier.target - active - pending


def ranked_for_backfill(tier: Tier) -> list[Nominee]:
    """The tier's nominees in the order of the recommendation, who meet every basic
    criterion on their sheet and have not been reserve cadres of the programme."""
    programme = tier.programme
    taken = set(programme.reserve_cadres.values_list("person_id", flat=True)) | set(
        programme.backfills.filter(status=Backfill.Status.PROPOSED).values_list(
            "person_id", flat=True
        )
    )
    met = {
        s.person_id
        for s in programme.sheets.all()
        if len(s.criteria_met) == len(programme.criteria) and all(s.criteria_met)
    }
    return [
        n
        for n in counts(programme)[tier.code].nominees
        if n.person.pk in met and n.person.pk not in taken and n.person.status in ACTIVE_STATUSES
    ]


@dataclass
class Access:
    """What a user may do with one reserve cadre's cultivation record."""

    view: bool = False
    record: bool = False  # record activities and upload material
    mentor: bool = False  # he is (or was) the cadre's mentor
    manage: bool = False  # the office: arrange rotations and mentors, edit anything


def access(user, org, cadre: ReserveCadre) -> Access:
    manage = can(user, org, Can.MANAGE)
    person = getattr(user, "person", None) if user.is_authenticated else None
    own = person is not None and person.pk == cadre.person_id
    mentor = person is not None and cadre.mentorships.filter(mentor=person).exists()
    return Access(
        view=manage or own or mentor or can(user, org, Can.VIEW_ROSTER),
        record=cadre.active and (manage or own or mentor),
        mentor=mentor,
        manage=manage,
    )


@dataclass
class CadreRow:
    cadre: ReserveCadre
    age: int
    next: "cycle.Next | None"
    mentor: object  # this year's Mentorship, or None
    rotation: object  # the current or latest Rotation, or None
    study_hours: Decimal
    activities: int
    materials: int


def cadre_rows(programme: Programme | None, today=None, cadres=None) -> list[CadreRow]:
    """Every reserve cadre of the programme (or the `cadres` given, of any programmes) with
    where his cultivation stands today, in a fixed number of queries."""
    today = today or timezone.localdate()
    qs = cadres if cadres is not None else programme.reserve_cadres.all()
    qs = (
        qs.select_related("person__department", "tier", "programme__organisation")
        .prefetch_related(
            Prefetch("mentorships", Mentorship.objects.select_related("mentor")),
            Prefetch("rotations", Rotation.objects.select_related("department", "supervisor")),
            "assessments",
        )
        .annotate(
            hours=Sum("activities__hours", filter=Q(activities__kind=Activity.Kind.STUDY)),
            n_activities=Count("activities", distinct=True),
        )
        .order_by("programme__organisation__code", "programme", "tier__order", "order", "id")
    )
    materials = dict(
        Material.objects.filter(cadre__in=qs.values("pk"))
        .values("cadre")
        .annotate(n=Count("id"))
        .values_list("cadre", "n")
    )
    rows = []
    for c in qs:
        mentorships = list(c.mentorships.all())
        rotations = list(c.rotations.all())
        rows.append(
            CadreRow(
                cadre=c,
                age=age_on(c.person.birth_date, today),
                next=cycle.next_assessment(
                    c.years, [a.period_ends for a in c.assessments.all()], today
                )
                if c.active
                else None,
                mentor=next((m for m in mentorships if m.covers(today)), None),
                rotation=next((r for r in reversed(rotations) if r.starts <= today), None),
                study_hours=c.hours or Decimal(0),
                activities=c.n_activities,
                materials=materials.get(c.pk, 0),
            )
        )
    return rows


def reminders(programmes, today=None) -> list[CadreRow]:
    """Assessments due within the reminder window or overdue, for the overview pages."""
    today = today or timezone.localdate()
    # One set of queries for every programme of a district, not one per programme.
    active = ReserveCadre.objects.filter(
        programme__in=programmes.filter(status=Programme.Status.DECIDED),
        status=ReserveCadre.Status.ACTIVE,
    )
    return [
        r for r in cadre_rows(None, today, active) if r.next and r.next.state != cycle.Due.LATER
    ]


def reserve_flags(organisation, person_ids) -> dict[int, ReserveCadre]:
    """The reserve record that marks each person for an appointment campaign: promoted at
    the end of his cycle (提拔任用) first, else in cultivation."""
    records = ReserveCadre.objects.filter(
        programme__organisation=organisation,
        person_id__in=person_ids,
        status__in=(ReserveCadre.Status.PROMOTED, ReserveCadre.Status.ACTIVE),
    ).select_related("tier", "programme")
    out = {}
    for r in records.order_by("-left_on", "-since"):
        held = out.get(r.person_id)
        if held is None or (
            held.status != ReserveCadre.Status.PROMOTED and r.status == ReserveCadre.Status.PROMOTED
        ):
            out[r.person_id] = r
    return out
