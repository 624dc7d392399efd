"""The campaign's rules applied to roster data: verdicts per candidacy, and who could apply."""

from collections import defaultdict
from dataclasses import dataclass

from cadre.people.models import Person, PostHistory
from cadre.people.vocab import ACTIVE_STATUSES
from cadre.rules import engine
from cadre.rules.periods import Period

from .models import Campaign, CampaignPosition, Rule

_PERSON_FIELDS = (
    "id",
    "birth_date",
    "birth_date_month_only",
    "education",
    "political_status",
    "title",
)


def _subject(values: dict, posts) -> engine.Subject:
    return engine.Subject(
        birth_date=values["birth_date"],
        birth_month_only=values["birth_date_month_only"],
        education=values["education"],
        political_status=values["political_status"],
        title=values["title"],
        posts=tuple(posts),
    )


def subjects(people_qs) -> dict[int, engine.Subject]:
    """Subjects for a queryset of people, in two queries whatever its size."""
    posts = defaultdict(list)
    for person_id, kind, start, end in PostHistory.objects.filter(
        person__in=people_qs.values("pk")
    ).values_list("person_id", "role_kind", "start_date", "end_date"):
        posts[person_id].append((kind, Period(start, end)))
    return {v["id"]: _subject(v, posts[v["id"]]) for v in people_qs.values(*_PERSON_FIELDS)}


def subject_for(person: Person) -> engine.Subject:
    return subjects(Person.objects.filter(pk=person.pk))[person.pk]


@dataclass(frozen=True)
class RuleVerdict:
    rule_id: int
    label: str
    kind: str
    outcome: str
    message: str
    figures: dict
    exemptable: bool

    def as_json(self) -> dict:
        return {
            "rule": self.rule_id,
            "label": self.label,
            "kind": self.kind,
            "outcome": self.outcome,
            "message": self.message,
            "figures": self.figures,
            "exemptable": self.exemptable,
        }


def compiled_rules(campaign: Campaign) -> list[tuple[Rule, object]]:
    return [(r, engine.build(r.kind, r.params)) for r in campaign.rules.all()]


def evaluate(rules, level: str, subject: engine.Subject, on) -> list[RuleVerdict]:
    out = []
    for rule, check in rules:
        if not rule.applies_to(level):
            continue
        v = check.evaluate(subject, on)
        out.append(
            RuleVerdict(
                rule.pk,
                rule.label,
                rule.kind,
                v.outcome.value,
                v.message,
                v.figures,
                rule.exemptable,
            )
        )
    return out


@dataclass
class Prospect:
    person: Person
    verdicts: list[RuleVerdict]


def who_could_apply(campaign: Campaign) -> dict[CampaignPosition, list[Prospect]]:
    """Per position, the active staff who meet every machine-checkable condition.

    Manual conditions (needs review) do not exclude anyone; a failed one does.
    """
    people = Person.objects.filter(
        organisation=campaign.organisation, status__in=ACTIVE_STATUSES
    ).select_related("department")
    by_id = {p.pk: p for p in people}
    subs = subjects(people)
    rules = compiled_rules(campaign)
    result = {}
    cache: dict[tuple[str, int], list[RuleVerdict]] = {}
    for position in campaign.positions.all():
        prospects = []
        for pid, subject in subs.items():
            key = (position.level, pid)
            if key not in cache:
                cache[key] = evaluate(rules, position.level, subject, campaign.reference_date)
            verdicts = cache[key]
            if all(v.outcome != engine.Outcome.FAIL for v in verdicts):
                prospects.append(Prospect(by_id[pid], verdicts))
        prospects.sort(key=lambda p: p.person.staff_no)
        result[position] = prospects
    return result
