"""The campaign's rules applied to roster data: verdicts per candidacy, and who could apply."""

import gc
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

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


def subjects(people_qs, extra_fields: tuple[str, ...] = ()) -> dict[int, engine.Subject]:
    """Subjects for a queryset of people, in two queries whatever its size.

    With `extra_fields`, returns (subject, values) pairs carrying those roster fields too.
    """
    posts = defaultdict(list)
    for person_id, kind, start, end in PostHistory.objects.filter(
        person__in=people_qs.values("pk")
    ).values_list("person_id", "role_kind", "start_date", "end_date"):
        posts[person_id].append((kind, Period(start, end)))
    rows = people_qs.values(*_PERSON_FIELDS, *extra_fields)
    if extra_fields:
        return {v["id"]: (_subject(v, posts[v["id"]]), v) for v in rows}
    return {v["id"]: _subject(v, posts[v["id"]]) for v in rows}


def subject_for(person: Person) -> engine.Subject:
    return subjects(Person.objects.filter(pk=person.pk))[person.pk]


class RuleVerdict(NamedTuple):
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
    """Verdicts of the rules that apply to positions of `level` (every rule when None)."""
    out = []
    for rule, check in rules:
        if level is not None and not rule.applies_to(level):
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


@dataclass(frozen=True)
class Prospect:
    staff_no: str
    name: str
    department: str
    current_post: str
    verdicts: list[RuleVerdict]
    person_id: int = 0


def who_could_apply(campaign: Campaign) -> dict[CampaignPosition, list[Prospect]]:
    """Per position, the active staff who meet every machine-checkable condition.

    Manual conditions (needs review) do not exclude anyone; a failed one does. Each rule is
    evaluated once per person, whatever the number of positions it applies to, and the roster
    is read as plain values: this runs over every member of staff.
    """
    people = Person.objects.filter(
        organisation=campaign.organisation, status__in=ACTIVE_STATUSES
    ).order_by("staff_no")
    rules = compiled_rules(campaign)
    positions = list(campaign.positions.all())
    # Tens of thousands of short-lived verdicts: the cyclic collector would walk the whole
    # heap again and again for garbage that reference counting frees anyway.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _prospects(people, rules, positions, campaign.reference_date)
    finally:
        if collecting:
            gc.enable()


def _prospects(people, rules, positions, on) -> dict[CampaignPosition, list[Prospect]]:
    everyone = [
        (values, evaluate(rules, None, subject, on))
        for subject, values in subjects(
            people, ("staff_no", "name", "department__name", "current_post")
        ).values()
    ]
    applies = {r.pk: r for r, _check in rules}
    result = {}
    for position in positions:
        level = position.level
        prospects = []
        for values, verdicts in everyone:
            mine = [v for v in verdicts if applies[v.rule_id].applies_to(level)]
            if all(v.outcome != engine.Outcome.FAIL for v in mine):
                prospects.append(
                    Prospect(
                        values["staff_no"],
                        values["name"],
                        values["department__name"] or "",
                        values["current_post"],
                        mine,
                        values["id"],
                    )
                )
        result[position] = prospects
    return result
