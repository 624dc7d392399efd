"""Inspection (组织考察) and the leading group's proposal (拟聘 / 不拟聘)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.audit.services import Change, audit_record, audit_record_many
from cadre.campaigns.models import Campaign
from cadre.core.status import require_status, transition
from cadre.core.uploads import attachment_store
from cadre.decisions.models import BodyMember
from cadre.decisions.services import Vote, decision_record

from ..models import Inspection, InspectionAttachment, Proposal

INSPECTION_FIELDS = (
    "group_leader",
    "group_members",
    "talks",
    "opinion_forms",
    "documents_reviewed",
    "candidate_talk",
    "findings",
    "conclusion",
)


@transaction.atomic
def inspections_open(*, actor, campaign: Campaign, shortlist: list[dict]) -> list[Inspection]:
    """The shortlist confirmed: one inspection per shortlisted candidate, and the campaign
    moves on to inspection. `shortlist` holds the ranking's rows (person, position,
    composite, rank)."""
    transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.REVIEW_DONE,
        to=Campaign.Status.INSPECTION,
        action="campaign.inspection_begin",
    )
    inspections = [
        Inspection.objects.create(
            campaign=campaign,
            person=row["person"],
            position=row["position"],
            composite=row["composite"],
            rank=row["rank"],
        )
        for row in shortlist
    ]
    audit_record_many(
        actor=actor,
        organisation=campaign.organisation,
        changes=[
            Change(
                "inspection.open",
                obj=i,
                after={"candidate": i.person.name, "position": i.position.title},
            )
            for i in inspections
        ],
    )
    return inspections


@transaction.atomic
def inspection_save(*, actor, inspection: Inspection, data: dict, conclude: bool) -> Inspection:
    """Record the inspection's methods and findings; `conclude` closes it with its
    conclusion, after which it is part of the record and no longer edited."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    require_status(
        inspection.campaign, Campaign.Status.INSPECTION, doing=_("Recording an inspection")
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("This inspection is concluded and can no longer be changed."))
    before = {f: getattr(inspection, f) for f in INSPECTION_FIELDS}
    for field in INSPECTION_FIELDS:
        setattr(inspection, field, data[field])
    if conclude:
        missing = []
        if not inspection.group_leader.strip():
            missing.append(_("the head of the inspection group"))
        if not inspection.methods:
            missing.append(_("at least one method of inspection"))
        if not inspection.findings.strip():
            missing.append(_("the findings"))
        if not inspection.conclusion:
            missing.append(_("the conclusion"))
        if missing:
            raise ValidationError(
                _("To conclude the inspection, record %(what)s.") % {"what": "、".join(missing)}
            )
        inspection.status = Inspection.Status.CONCLUDED
        inspection.concluded_at = timezone.now()
        inspection.concluded_by = actor if getattr(actor, "pk", None) else None
    inspection.save()
    audit_record(
        actor=actor,
        organisation=inspection.campaign.organisation,
        action="inspection.conclude" if conclude else "inspection.update",
        obj=inspection,
        before=before,
        after={
            **{f: getattr(inspection, f) for f in INSPECTION_FIELDS},
            "methods": inspection.methods,
        },
    )
    return inspection


@transaction.atomic
def inspection_attachment_add(
    *, actor, inspection: Inspection, name: str, content: bytes
) -> InspectionAttachment:
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("This inspection is concluded and can no longer be changed."))
    return attachment_store(
        actor=actor,
        organisation=inspection.campaign.organisation,
        attachments=inspection.attachments,
        owner=inspection,
        name=name,
        content=content,
        action="inspection.attachment.add",
    )


@dataclass
class Item:
    """The leading group's vote on proposing one inspected candidate."""

    inspection: Inspection
    vote: Vote
    recused: list[BodyMember]


@transaction.atomic
def proposals_decide(
    *,
    actor,
    campaign: Campaign,
    on: date,
    present: list[BodyMember],
    items: list[Item],
    note: str = "",
) -> list[Proposal]:
    """The leading group's meeting on the inspected candidates: a vote per candidate, each
    recorded as a decision; the motion carried makes him a proposed appointee (拟聘人选)."""
    require_status(campaign, Campaign.Status.INSPECTION, doing=_("Deciding the appointees"))
    inspections = list(campaign.inspections.select_related("person", "position"))
    if any(i.status != Inspection.Status.CONCLUDED for i in inspections):
        raise ValidationError(_("Every inspection must be concluded before the decision."))
    if sorted(i.pk for i in inspections) != sorted(item.inspection.pk for item in items):
        raise ValidationError(_("Vote on every inspected candidate."))
    proposals = []
    for item in items:
        inspection = item.inspection
        decision = decision_record(
            actor=actor,
            body=campaign.leading_group,
            subject=f"拟聘{inspection.person.name}为{inspection.position.title}",
            kind="proposal",
            on=on,
            present=present,
            recused=item.recused,
            vote=item.vote,
            note=note,
        )
        proposed = decision.outcome == decision.Outcome.APPROVED
        proposals.append(
            Proposal.objects.create(
                campaign=campaign,
                inspection=inspection,
                person=inspection.person,
                position=inspection.position,
                decision=decision,
                status=Proposal.Status.PROPOSED if proposed else Proposal.Status.NOT_PROPOSED,
            )
        )
    for position in campaign.positions.all():
        chosen = [p for p in proposals if p.position_id == position.pk and p.standing]
        if len(chosen) > position.quota:
            raise ValidationError(
                _("%(title)s: %(n)s proposed but the quota is %(quota)s.")
                % {"title": position.title, "n": len(chosen), "quota": position.quota}
            )
    if not any(p.standing for p in proposals):
        raise ValidationError(_("Nobody was proposed; there is nothing to put on notice."))
    transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.INSPECTION,
        to=Campaign.Status.PROPOSED,
        action="campaign.proposals_decide",
        changes={},
    )
    audit_record_many(
        actor=actor,
        organisation=campaign.organisation,
        changes=[
            Change(
                "proposal.decide",
                obj=p,
                after={
                    "candidate": p.person.name,
                    "position": p.position.title,
                    "status": p.status,
                    "decision": p.decision_id,
                },
            )
            for p in proposals
        ],
    )
    return proposals
