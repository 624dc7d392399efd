"""Approval (聘用报批) by the joint meeting and the bureau, division of work, appointment."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.audit.services import Change, audit_record, audit_record_many
from cadre.campaigns.models import Campaign
from cadre.core.status import require_status, transition
from cadre.decisions.models import Body, BodyMember, Decision
from cadre.orgs.models import Position
from cadre.people.models import PostHistory

from ..models import Approval, Proposal
from .notice import blockers

# The roster's role kind for each level of post: what the rules engine counts as experience.
ROLE_KIND = {
    Position.Level.HEAD: "中层正职",
    # A deputy presiding over the work (副职主持工作) holds a deputy's rank.
    Position.Level.ACTING_HEAD: "中层副职",
    Position.Level.DEPUTY: "中层副职",
    Position.Level.OFFICER: "干事",
}
CADRE_ROLE_KINDS = ("中层正职", "中层副职", "中层主任助理", "干事")


@transaction.atomic
def joint_meeting_set(*, actor, campaign: Campaign, members: list[tuple]) -> Body:
    """The members of the joint meeting of the party and administration (党政联席会议)
    that approves this campaign's appointees: [(person, role)], the chair first."""
    if hasattr(campaign, "approval"):
        raise ValidationError(_("The joint meeting has decided; its members are on record."))
    body = campaign.joint_meeting or Body.objects.create(
        organisation=campaign.organisation, name=f"党政联席会议（{campaign.title}）"
    )
    body.members.all().delete()
    BodyMember.objects.bulk_create(
        [BodyMember(body=body, person=p, role=role, order=i) for i, (p, role) in enumerate(members)]
    )
    campaign.joint_meeting = body
    campaign.save(update_fields=["joint_meeting"])
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="campaign.joint_meeting.set",
        obj=campaign,
        after={"members": [f"{p.name}（{role}）" for p, role in members]},
    )
    return body


@transaction.atomic
def approval_record(
    *, actor, campaign: Campaign, decision: Decision, today: date | None = None
) -> Approval:
    """The joint meeting approves the appointees: only after the notice period has ended and
    every reported concern is concluded."""
    require_status(campaign, Campaign.Status.NOTICE, doing=_("Recording the joint meeting"))
    reasons = blockers(campaign, today)
    if reasons:
        raise ValidationError(reasons)
    if decision.body_id != campaign.joint_meeting_id:
        raise ValidationError(_("The approval must be a decision of the joint meeting."))
    if decision.outcome != Decision.Outcome.APPROVED:
        raise ValidationError(_("The joint meeting did not approve; the appointees stay proposed."))
    approval = Approval.objects.create(campaign=campaign, decision=decision)
    proposals = list(campaign.proposals.filter(status=Proposal.Status.PROPOSED))
    for p in proposals:
        p.status = Proposal.Status.APPROVED
        p.save(update_fields=["status"])
    transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.NOTICE,
        to=Campaign.Status.APPROVED,
        action="campaign.approve",
        changes={},
    )
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="approval.record",
        obj=approval,
        after={
            "decision": decision.pk,
            "appointees": [f"{p.person.name}→{p.position.title}" for p in proposals],
        },
    )
    return approval


@transaction.atomic
def report_record(
    *,
    actor,
    campaign: Campaign,
    reported_on: date,
    reference: str,
    reply_on: date | None = None,
    reply: str = "",
) -> Approval:
    """The report to the education bureau (按干部管理权限报批) and, when it comes, its reply."""
    approval = Approval.objects.select_for_update().get(campaign=campaign)
    if reply_on and reply_on < reported_on:
        raise ValidationError(_("The bureau cannot reply before the report is sent."))
    if reported_on < approval.decision.date:
        raise ValidationError(_("The report follows the joint meeting's decision."))
    before = {
        "reported_on": approval.reported_on and approval.reported_on.isoformat(),
        "reference": approval.report_reference,
        "reply_on": approval.bureau_reply_on and approval.bureau_reply_on.isoformat(),
        "reply": approval.bureau_reply,
    }
    approval.reported_on = reported_on
    approval.report_reference = reference.strip()
    approval.bureau_reply_on = reply_on
    approval.bureau_reply = reply.strip()
    approval.save()
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="approval.report",
        obj=approval,
        before=before,
        after={
            "reported_on": reported_on.isoformat(),
            "reference": approval.report_reference,
            "reply_on": reply_on.isoformat() if reply_on else None,
            "reply": approval.bureau_reply,
        },
    )
    return approval


@transaction.atomic
def division_save(*, actor, proposal: Proposal, division_of_work: str, term_years: int):
    """The division of work (岗位分工) the party branch and the principal's office give an
    approved appointee (方案 七.1)."""
    if proposal.status != Proposal.Status.APPROVED:
        raise ValidationError(_("Work is divided among approved appointees."))
    if not 1 <= term_years <= 10:
        raise ValidationError(_("A term lasts from 1 to 10 years."))
    before = {"division_of_work": proposal.division_of_work, "term_years": proposal.term_years}
    proposal.division_of_work = division_of_work.strip()
    proposal.term_years = term_years
    proposal.save(update_fields=["division_of_work", "term_years"])
    audit_record(
        actor=actor,
        organisation=proposal.campaign.organisation,
        action="proposal.division",
        obj=proposal,
        before=before,
        after={"division_of_work": proposal.division_of_work, "term_years": term_years},
    )
    return proposal


@transaction.atomic
def appointment_complete(*, actor, campaign: Campaign, appointed_on: date) -> list[Proposal]:
    """Appoint the approved appointees from `appointed_on`: each one's post history gains
    the new post (a cadre post he held ends the day before) and the campaign closes."""
    require_status(campaign, Campaign.Status.APPROVED, doing=_("Appointing"))
    approval = Approval.objects.select_related("decision").get(campaign=campaign)
    if not approval.reported_on:
        raise ValidationError(_("Record the report to the education bureau first."))
    if appointed_on < approval.decision.date:
        raise ValidationError(_("An appointment cannot start before the joint meeting."))
    proposals = list(
        campaign.proposals.filter(status=Proposal.Status.APPROVED).select_related(
            "person", "position__department"
        )
    )
    undivided = [p.person.name for p in proposals if not p.division_of_work]
    if undivided:
        raise ValidationError(
            _("Divide the work first: %(names)s.") % {"names": "、".join(undivided)}
        )
    changes = []
    for p in proposals:
        person = p.person
        ended = []
        for post in person.posts.filter(role_kind__in=CADRE_ROLE_KINDS, end_date__isnull=True):
            post.end_date = max(appointed_on - timedelta(days=1), post.start_date)
            post.save(update_fields=["end_date"])
            ended.append(f"{post.role_kind} {post.unit}")
        PostHistory.objects.create(
            person=person,
            role_kind=ROLE_KIND[p.position.level],
            unit=p.position.department.name,
            start_date=appointed_on,
        )
        before_post = person.current_post
        person.current_post = p.position.title[:60]
        person.department = p.position.department
        person.save(update_fields=["current_post", "department"])
        p.status = Proposal.Status.APPOINTED
        p.appointed_on = appointed_on
        p.save(update_fields=["status", "appointed_on"])
        changes.append(
            Change(
                "proposal.appoint",
                obj=p,
                before={"current_post": before_post, "ended": ended},
                after={
                    "current_post": person.current_post,
                    "from": appointed_on.isoformat(),
                    "term_years": p.term_years,
                },
            )
        )
    audit_record_many(actor=actor, organisation=campaign.organisation, changes=changes)
    transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.APPROVED,
        to=Campaign.Status.CLOSED,
        action="campaign.close",
        changes={},
    )
    return proposals
