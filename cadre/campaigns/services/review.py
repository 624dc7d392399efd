"""Qualification review (资格审查): the party committee's verdict per candidacy, exemptions
decided by the leading group, and the leading group's list of candidates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record
from cadre.core.status import require_status, transition
from cadre.decisions.models import Decision
from cadre.rules.engine import Outcome

from ..eligibility import compiled_rules, evaluate, subject_for
from ..models import Application, Campaign, Candidacy, Exemption, Rule


def candidacy_verdicts(candidacy: Candidacy) -> list[dict]:
    """The rules' verdicts on the roster as it stands, with exemptions and attestations."""
    campaign = candidacy.application.campaign
    verdicts = evaluate(
        compiled_rules(campaign),
        candidacy.position.level,
        subject_for(candidacy.application.person),
        campaign.reference_date,
    )
    exempted = {e.rule_id: e for e in candidacy.exemptions.select_related("decision")}
    rows = []
    for v in verdicts:
        row = v.as_json()
        attestation = candidacy.attestations.get(str(v.rule_id), {})
        if v.kind == Rule.Kind.MANUAL and attestation:
            row["outcome"] = Outcome.PASS if attestation.get("met") else Outcome.FAIL
            row["message"] = attestation.get("note") or (
                _("Attested as met") if attestation.get("met") else _("Attested as not met")
            )
        exemption = exempted.get(v.rule_id)
        row["exemption"] = (
            {
                "reason": exemption.reason,
                "decision": exemption.decision_id,
                "date": exemption.decision.date.isoformat(),
            }
            if exemption
            else None
        )
        rows.append(row)
    return rows


def blocking(rows: list[dict]) -> list[dict]:
    """Conditions that stand in the way of a "qualified": failed or unattested, not exempted."""
    return [r for r in rows if r["outcome"] != Outcome.PASS and not r["exemption"]]


@transaction.atomic
def candidacy_review(
    *,
    actor,
    candidacy: Candidacy,
    attestations: dict[str, dict],
    result: str,
    reason: str,
    now=None,
) -> Candidacy:
    now = now or timezone.now()
    candidacy = (
        Candidacy.objects.select_for_update()
        .select_related("application__campaign", "position")
        .get(pk=candidacy.pk)
    )
    application = candidacy.application
    require_status(
        application.campaign, Campaign.Status.REGISTRATION_CLOSED, doing=_("Qualification review")
    )
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(
            _("Only submitted applications are reviewed; this one is “%(s)s”.")
            % {"s": application.get_status_display()}
        )
    manual = {str(r.pk) for r in application.campaign.rules.filter(kind=Rule.Kind.MANUAL)}
    candidacy.attestations = {k: v for k, v in attestations.items() if k in manual}
    rows = candidacy_verdicts(candidacy)
    if result == Candidacy.Result.QUALIFIED and blocking(rows):
        raise ValidationError(
            _(
                "Not every condition is met: %(labels)s. Record an exemption decided by the "
                "leading group, or find the candidate not qualified."
            )
            % {"labels": "；".join(r["label"] for r in blocking(rows))}
        )
    if result == Candidacy.Result.NOT_QUALIFIED and not reason.strip():
        raise ValidationError(_("Give the reason why the candidate is not qualified."))
    if result not in (Candidacy.Result.QUALIFIED, Candidacy.Result.NOT_QUALIFIED):
        raise ValidationError(_("Choose qualified or not qualified."))
    before = {"result": candidacy.result, "reason": candidacy.reason}
    candidacy.verdicts = rows
    candidacy.result, candidacy.reason = result, reason.strip()
    candidacy.reviewed_by = actor
    candidacy.reviewed_at = now
    candidacy.save()
    audit_record(
        actor=actor,
        organisation=application.campaign.organisation,
        action="candidacy.review",
        obj=candidacy,
        before=before,
        after={
            "result": result,
            "reason": candidacy.reason,
            "verdicts": [f"{r['label']}：{r['message']}" for r in rows],
        },
    )
    return candidacy


@transaction.atomic
def exemption_grant(
    *, actor, candidacy: Candidacy, rule: Rule, reason: str, decision: Decision
) -> Exemption:
    campaign = candidacy.application.campaign
    require_status(campaign, Campaign.Status.REGISTRATION_CLOSED, doing=_("An exemption"))
    if rule.campaign_id != campaign.pk or not rule.applies_to(candidacy.position.level):
        raise ValidationError(_("That condition does not apply to this candidacy."))
    if not rule.exemptable:
        raise ValidationError(_("The plan does not allow this condition to be relaxed."))
    if not reason.strip():
        raise ValidationError(_("An exemption needs a written reason."))
    if decision.body_id != campaign.leading_group_id or decision.outcome != (
        Decision.Outcome.APPROVED
    ):
        raise ValidationError(_("An exemption needs an approving decision of the leading group."))
    exemption = Exemption.objects.create(
        candidacy=candidacy, rule=rule, reason=reason.strip(), decision=decision
    )
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="exemption.grant",
        obj=exemption,
        after={
            "candidate": candidacy.application.person.name,
            "position": candidacy.position.title,
            "condition": rule.label,
            "reason": exemption.reason,
            "decision": decision.pk,
        },
    )
    return exemption


def campaign_confirm_candidates(*, actor, campaign: Campaign, decision: Decision) -> Campaign:
    """The leading group confirms the list of candidates (资格审查 … 集体研究后确定)."""
    unreviewed = Candidacy.objects.filter(
        application__campaign=campaign, application__status=Application.Status.SUBMITTED, result=""
    ).count()
    if unreviewed:
        raise ValidationError(_("%(n)s candidacies are not reviewed yet.") % {"n": unreviewed})
    if decision.body_id != campaign.leading_group_id or decision.outcome != (
        Decision.Outcome.APPROVED
    ):
        raise ValidationError(_("The list needs an approving decision of the leading group."))
    return transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.REGISTRATION_CLOSED,
        to=Campaign.Status.REVIEW_DONE,
        action="campaign.confirm_candidates",
        changes={"candidate_decision": decision},
    )
