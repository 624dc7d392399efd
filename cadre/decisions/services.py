from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record

from .arithmetic import carried, has_quorum
from .models import Body, BodyMember, Decision


@dataclass
class Vote:
    votes_for: int
    votes_against: int = 0
    abstentions: int = 0


@transaction.atomic
def decision_record(
    *,
    actor,
    body: Body,
    subject: str,
    kind: str,
    on: date,
    present: list[BodyMember],
    recused: list[BodyMember] = (),
    vote: Vote,
    note: str = "",
) -> Decision:
    """Record a collective decision, refusing one the rules would not let stand."""
    if on > timezone.localdate():
        # The record says what a body decided, not what it will: a meeting is recorded on or
        # after the day it sat.
        raise ValidationError(
            _("The meeting of %(on)s has not taken place yet; record it on the day or after.")
            % {"on": on.isoformat()}
        )
    members = list(body.members.all())
    present_ids = {m.pk for m in present}
    recused_ids = {m.pk for m in recused}
    if not present_ids <= {m.pk for m in members}:
        raise ValidationError(_("Only members of the body can be present."))
    if not has_quorum(len(present_ids), len(members)):
        raise ValidationError(
            _("No quorum: %(present)s of %(members)s members present; at least two-thirds must be.")
            % {"present": len(present_ids), "members": len(members)}
        )
    if not recused_ids <= present_ids:
        raise ValidationError(_("A recused member must be among those present."))
    voters = len(present_ids - recused_ids)
    if vote.votes_for + vote.votes_against + vote.abstentions > voters:
        raise ValidationError(
            _("%(votes)s votes cast but only %(voters)s members could vote.")
            % {"votes": vote.votes_for + vote.votes_against + vote.abstentions, "voters": voters}
        )
    outcome = (
        Decision.Outcome.APPROVED
        if carried(vote.votes_for, voters)
        else (Decision.Outcome.REJECTED)
    )
    decision = Decision.objects.create(
        body=body,
        subject=subject,
        kind=kind,
        date=on,
        votes_for=vote.votes_for,
        votes_against=vote.votes_against,
        abstentions=vote.abstentions,
        outcome=outcome,
        note=note,
        recorded_by=actor if not isinstance(actor, str) else None,
    )
    decision.present.set(present_ids)
    decision.recused.set(recused_ids)
    by_id = {m.pk: m for m in members}
    audit_record(
        actor=actor,
        organisation=body.organisation,
        action="decision.record",
        obj=decision,
        after={
            "subject": subject,
            "kind": kind,
            "date": on.isoformat(),
            "body": body.name,
            "members": len(members),
            "present": sorted(by_id[i].person.name for i in present_ids),
            "recused": sorted(by_id[i].person.name for i in recused_ids),
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstentions": vote.abstentions,
            "outcome": outcome,
        },
    )
    return decision


def decision_from_form(*, actor, body: Body, kind: str, data: dict) -> Decision:
    """Record a decision as entered on a DecisionForm (campaigns.forms)."""
    return decision_record(
        actor=actor,
        body=body,
        subject=data["subject"],
        kind=kind,
        on=data["date"],
        present=list(data["present"]),
        recused=list(data["recused"]),
        vote=Vote(data["votes_for"], data["votes_against"], data["abstentions"]),
        note=data["note"],
    )
