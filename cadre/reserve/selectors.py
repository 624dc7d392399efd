"""What the pages and the exports read: the counts of the recommendation, the nominees'
comprehensive evaluation sheets with the roster's facts, the preliminary and decided lists."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from cadre.appointments.schedule import Row
from cadre.appointments.schedule import timetable as stage_rows
from cadre.ballots.models import Evaluation
from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory
from cadre.rules.periods import Period

from . import arithmetic
from .models import Programme, Recommendation, ReserveCadre, Sheet, Stage, Tier

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
        ReserveCadre.objects.filter(programme=programme).select_related(
            "person__department", "tier"
        )
    )
    out = []
    for tier in programme.tiers.all():
        chosen = [c for c in cadres if c.tier_id == tier.pk]
        state, off = arithmetic.fill(tier.target, len(chosen))
        out.append(TierList(tier, chosen, state, off))
    return out


def overview(programmes) -> list[dict]:
    """For the overview pages: each programme with its tiers' decided count against target."""
    tiers = Tier.objects.annotate(decided=Count("cadres")).order_by("order", "id")
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
