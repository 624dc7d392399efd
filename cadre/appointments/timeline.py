"""Where a campaign stands: each timetable stage's planned and actual dates, and what the
campaign waits for, from whom."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.ballots.models import Evaluation
from cadre.campaigns.models import Campaign, Candidacy, Stage
from cadre.panels.models import ScoreSheet

from .models import Inspection, Objection, Proposal
from .schedule import Row, timetable

M = Stage.Milestone


def _local(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def milestone_dates(campaign: Campaign) -> dict[str, date | None]:
    """The day each milestone was reached, from the campaign's own records (not from the
    audit trail's clock: a campaign entered after the fact keeps its real dates)."""
    # Read through the related managers so that dashboard() can prefetch them all at once.
    evaluated = [
        e.closed_at
        for e in campaign.evaluations.all()
        if e.status == Evaluation.Status.CLOSED and e.closed_at
    ]
    proposals = list(campaign.proposals.all())
    panel = getattr(campaign, "panel", None)
    notice = getattr(campaign, "notice", None)
    approval = getattr(campaign, "approval", None)
    today = timezone.localdate()
    return {
        M.LEADING_GROUP: campaign.leading_group_formed_on,
        M.PLAN: campaign.approved_on,
        M.REGISTRATION: _local(campaign.closed_at),
        M.REVIEW: campaign.candidate_decision.date if campaign.candidate_decision else None,
        M.EVALUATION: _local(min(evaluated, default=None)),
        M.DEFENCE: panel.shortlist_decision.date if panel and panel.shortlist_decision else None,
        M.INSPECTION: min((p.decision.date for p in proposals), default=None),
        M.NOTICE: notice.ends_on if notice and notice.ends_on < today else None,
        M.FILING: approval.reported_on if approval else None,
        M.APPOINTMENT: min((p.appointed_on for p in proposals if p.appointed_on), default=None),
    }


def timeline(campaign: Campaign, today: date | None = None) -> list[Row]:
    return timetable(
        campaign.stages.all(), milestone_dates(campaign), today or timezone.localdate()
    )


@dataclass
class Waiting:
    who: str
    what: str


def waiting_on(campaign: Campaign, now=None) -> list[Waiting]:
    """What the campaign needs next, and from whom."""
    now = now or timezone.now()
    office, committee, group = _("Office"), _("Party committee"), _("Leading group")
    S = Campaign.Status
    status = campaign.status
    if status == S.DRAFT:
        return [Waiting(office, _("Complete the plan, have it approved and file it."))]
    if status == S.FILED:
        return [Waiting(office, _("Publish the plan and open registration."))]
    if status == S.PUBLISHED:
        if now < campaign.registration_deadline:
            return [
                Waiting(
                    _("Staff members"),
                    _("Registration is open until %(d)s.")
                    % {"d": f"{timezone.localtime(campaign.registration_deadline):%Y-%m-%d %H:%M}"},
                )
            ]
        return [Waiting(office, _("The deadline has passed: close registration."))]
    if status == S.REGISTRATION_CLOSED:
        pending = Candidacy.objects.filter(
            application__campaign=campaign, application__status="submitted", result=""
        ).count()
        if pending:
            return [Waiting(committee, _("%(n)s applications to review.") % {"n": pending})]
        return [Waiting(group, _("Confirm the list of candidates."))]
    if status == S.REVIEW_DONE:
        evaluation = Evaluation.objects.filter(campaign=campaign).order_by("-id").first()
        if evaluation is None or evaluation.status == Evaluation.Status.DRAFT:
            return [Waiting(office, _("Hold the speeches and the democratic evaluation."))]
        if evaluation.status == Evaluation.Status.OPEN:
            return [Waiting(_("Staff meeting"), _("The democratic evaluation is open."))]
        panel = getattr(campaign, "panel", None)
        if panel is None or panel.status == panel.Status.DRAFT:
            return [Waiting(office, _("Set up the expert panel for the oral defence."))]
        if panel.status == panel.Status.OPEN:
            submitted = panel.sheets.filter(status=ScoreSheet.Status.SUBMITTED).count()
            return [
                Waiting(
                    _("Experts"),
                    _("Oral defence in session: %(n)s score sheets submitted.") % {"n": submitted},
                )
            ]
        return [Waiting(group, _("Confirm the shortlist for inspection."))]
    if status == S.INSPECTION:
        open_ = campaign.inspections.filter(status=Inspection.Status.OPEN).count()
        if open_:
            return [Waiting(committee, _("%(n)s inspections to conclude.") % {"n": open_})]
        return [Waiting(group, _("Decide the proposed appointees."))]
    if status == S.PROPOSED:
        return [Waiting(office, _("Publish the notice of the proposed appointees."))]
    if status == S.NOTICE:
        notice = campaign.notice
        waiting = []
        if timezone.localdate(now) <= notice.ends_on:
            waiting.append(
                Waiting(_("Public notice"), _("Until %(d)s.") % {"d": notice.ends_on.isoformat()})
            )
        open_ = notice.objections.filter(status=Objection.Status.OPEN).count()
        if open_:
            waiting.append(
                Waiting(committee, _("%(n)s reported concerns to conclude.") % {"n": open_})
            )
        return waiting or [Waiting(office, _("Record the joint meeting's approval."))]
    if status == S.APPROVED:
        approval = campaign.approval
        if not approval.reported_on:
            return [Waiting(office, _("Report the appointees to the education bureau."))]
        undivided = campaign.proposals.filter(
            status=Proposal.Status.APPROVED, division_of_work=""
        ).count()
        if undivided:
            return [
                Waiting(
                    _("Party branch and principal's office"),
                    _("Divide the work of %(n)s appointees.") % {"n": undivided},
                )
            ]
        return [Waiting(office, _("Appoint and issue the letters."))]
    return []


def dashboard(campaigns) -> list[dict]:
    """Every campaign's state, what it waits for and its overdue stages: the office's (and
    the district's) overview."""
    today = timezone.localdate()
    campaigns = campaigns.select_related(
        "candidate_decision", "panel__shortlist_decision", "notice", "approval"
    ).prefetch_related(
        "stages", "evaluations", Prefetch("proposals", Proposal.objects.select_related("decision"))
    )
    rows = []
    for campaign in campaigns:
        overdue = [
            r.stage.name
            for r in timeline(campaign, today)
            if r.progress and r.progress.state == r.progress.state.OVERDUE
        ]
        rows.append({"campaign": campaign, "waiting": waiting_on(campaign), "overdue": overdue})
    return rows
