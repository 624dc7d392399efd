"""Reads across the apps that one campaign's record draws on."""

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from cadre.audit.models import AuditEntry
from cadre.ballots.models import Evaluation, PaperBatch
from cadre.campaigns.models import (
    Application,
    Attachment,
    Campaign,
    CampaignPosition,
    Candidacy,
    Exemption,
    Nomination,
    Rule,
    Stage,
)
from cadre.decisions.models import Decision
from cadre.panels.models import Expert, Panel, ScoreSheet

from .models import Approval, Inspection, InspectionAttachment, Notice, Objection, Proposal

# Parts of the plan that may be deleted while it is a draft: their deletion is audited with
# a snapshot naming the campaign, the only link left once the row is gone.
DELETABLE_PARTS = (CampaignPosition, Stage, Rule)


def _ids(queryset: QuerySet):
    """The rows' keys as text, as AuditEntry.object_id holds them, for a subquery."""
    return queryset.annotate(audit_id=Cast("pk", CharField())).values("audit_id")


def campaign_objects(campaign: Campaign) -> dict:
    """Per model, the rows of the campaign whose changes are audited.

    Ballots are not among them: casting is never audited (ballots.services), and nothing in
    the trail links a voter to a ballot. The check-ins of an evaluation are audited on the
    evaluation itself.
    """
    bodies = [b for b in (campaign.leading_group_id, campaign.joint_meeting_id) if b]
    return {
        Campaign: Campaign.objects.filter(pk=campaign.pk),
        CampaignPosition: CampaignPosition.objects.filter(campaign=campaign),
        Stage: Stage.objects.filter(campaign=campaign),
        Rule: Rule.objects.filter(campaign=campaign),
        Application: Application.objects.filter(campaign=campaign),
        Attachment: Attachment.objects.filter(application__campaign=campaign),
        Candidacy: Candidacy.objects.filter(application__campaign=campaign),
        Exemption: Exemption.objects.filter(candidacy__application__campaign=campaign),
        Nomination: Nomination.objects.filter(campaign=campaign),
        Evaluation: Evaluation.objects.filter(campaign=campaign),
        PaperBatch: PaperBatch.objects.filter(evaluation__campaign=campaign),
        Panel: Panel.objects.filter(campaign=campaign),
        Expert: Expert.objects.filter(panel__campaign=campaign),
        ScoreSheet: ScoreSheet.objects.filter(panel__campaign=campaign),
        Decision: Decision.objects.filter(body_id__in=bodies),
        Inspection: Inspection.objects.filter(campaign=campaign),
        InspectionAttachment: InspectionAttachment.objects.filter(inspection__campaign=campaign),
        Proposal: Proposal.objects.filter(campaign=campaign),
        Notice: Notice.objects.filter(campaign=campaign),
        Objection: Objection.objects.filter(notice__campaign=campaign),
        Approval: Approval.objects.filter(campaign=campaign),
    }


def campaign_audit_entries(campaign: Campaign) -> QuerySet:
    """Every audit entry concerning the campaign or one of its objects, oldest first.

    One query however many applicants: each model's keys are a subquery, matched on the
    (object_type, object_id) index.
    """
    concerning = Q()
    for model, rows in campaign_objects(campaign).items():
        concerning |= Q(object_type=model._meta.label_lower, object_id__in=_ids(rows))
    for model in DELETABLE_PARTS:
        concerning |= Q(
            object_type=model._meta.label_lower,
            action__endswith=".delete",
            before__campaign_id=campaign.pk,
        )
    return AuditEntry.objects.filter(concerning, organisation_id=campaign.organisation_id).order_by(
        "id"
    )
