"""The public notice (公示): its period, the concerns reported during it, the holidays the
office enters for a year the calendar package does not know."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record
from cadre.campaigns.models import Campaign
from cadre.core.status import require_status, transition

from .. import workdays
from ..models import HolidayYear, Notice, Objection, Proposal

MAX_OBJECTION_CHARS = 5000


def calendar_for(organisation) -> workdays.IsWorkday:
    """Working days as the package knows them, with the office's own entries for the
    years it has entered."""
    entered = {
        y.year: workdays.YearDays(
            frozenset(date.fromisoformat(d) for d in y.holidays),
            frozenset(date.fromisoformat(d) for d in y.workdays),
        )
        for y in HolidayYear.objects.filter(organisation=organisation)
    }
    return workdays.china_calendar(entered)


def uncovered_message(year: int) -> str:
    return _(
        "The public holidays of %(year)s are not known yet (the holiday calendar covers the "
        "years up to its last release). Enter %(year)s's holidays and make-up workdays under "
        "“Holiday arrangements”, or count the period in calendar days."
    ) % {"year": year}


def period_end(organisation, *, starts_on: date, days: int, counting: str, first_day_counts):
    if not 1 <= days <= workdays.MAX_DAYS:
        raise ValidationError(
            _("A notice lasts from 1 to %(max)s days.") % {"max": workdays.MAX_DAYS}
        )
    try:
        return workdays.period_end(
            starts_on,
            days,
            working=counting == Notice.Counting.WORKING,
            first_day_counts=first_day_counts,
            is_workday=calendar_for(organisation),
        )
    except workdays.UncoveredYear as exc:
        raise ValidationError(uncovered_message(exc.year)) from None


@dataclass
class Period:
    """Where the notice period stands on a given day."""

    notice: Notice
    today: date
    counted: int  # days of the period run by the end of today
    started: bool
    ended: bool

    @property
    def left(self) -> int:
        return max(self.notice.days - self.counted, 0)


def period(notice: Notice, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    try:
        counted = workdays.days_counted(
            notice.starts_on,
            min(today, notice.ends_on),
            working=notice.counting == Notice.Counting.WORKING,
            first_day_counts=notice.first_day_counts,
            is_workday=calendar_for(notice.campaign.organisation),
        )
    except workdays.UncoveredYear:
        # Publication checked the whole period, so this only happens if the office later
        # deleted a year it had entered; the end date stored then still stands.
        counted = notice.days if today > notice.ends_on else 0
    return Period(notice, today, counted, today >= notice.starts_on, today > notice.ends_on)


@transaction.atomic
def notice_publish(
    *,
    actor,
    campaign: Campaign,
    starts_on: date,
    days: int,
    counting: str,
    first_day_counts: bool,
    contact: str,
    now=None,
) -> Notice:
    require_status(campaign, Campaign.Status.PROPOSED, doing=_("Publishing the notice"))
    if not contact.strip():
        raise ValidationError(_("Say how to report a concern: telephone, e-mail or office."))
    if not campaign.proposals.filter(status=Proposal.Status.PROPOSED).exists():
        raise ValidationError(_("Nobody was proposed; there is nothing to put on notice."))
    ends_on = period_end(
        campaign.organisation,
        starts_on=starts_on,
        days=days,
        counting=counting,
        first_day_counts=first_day_counts,
    )
    notice = Notice.objects.create(
        campaign=campaign,
        starts_on=starts_on,
        days=days,
        counting=counting,
        first_day_counts=first_day_counts,
        ends_on=ends_on,
        contact=contact.strip(),
        published_at=now or timezone.now(),
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.PROPOSED,
        to=Campaign.Status.NOTICE,
        action="notice.publish",
        changes={},
    )
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="notice.publish",
        obj=notice,
        after={
            "starts_on": starts_on.isoformat(),
            "days": days,
            "counting": counting,
            "first_day_counts": first_day_counts,
            "ends_on": ends_on.isoformat(),
            "appointees": [
                f"{p.person.name}→{p.position.title}"
                for p in campaign.proposals.filter(status=Proposal.Status.PROPOSED)
            ],
        },
    )
    return notice


@transaction.atomic
def objection_file(
    *,
    notice: Notice,
    content: str,
    proposal: Proposal | None = None,
    anonymous: bool = True,
    reporter_name: str = "",
    reporter_contact: str = "",
    channel: str = Objection.Channel.ONLINE,
    received_at=None,
    actor=None,
) -> Objection:
    """A concern reported during the period: online by anyone, or entered by the office
    from a letter, call or visit (then `actor` is the office and `received_at` when it
    came in)."""
    received_at = received_at or timezone.now()
    day = timezone.localdate(received_at)
    if notice.campaign.status != Campaign.Status.NOTICE:
        raise ValidationError(_("The notice is no longer open for concerns."))
    if not notice.starts_on <= day <= notice.ends_on:
        raise ValidationError(
            _("Concerns are received from %(start)s to %(end)s.")
            % {"start": notice.starts_on, "end": notice.ends_on}
        )
    content = content.strip()
    if not content:
        raise ValidationError(_("Describe the concern."))
    if len(content) > MAX_OBJECTION_CHARS:
        raise ValidationError(_("At most %(n)s characters, please.") % {"n": MAX_OBJECTION_CHARS})
    if proposal is not None and (
        proposal.campaign_id != notice.campaign_id or proposal.status != Proposal.Status.PROPOSED
    ):
        raise ValidationError(_("That person is not on this notice."))
    if not anonymous and not reporter_name.strip():
        raise ValidationError(_("Give your name, or report anonymously."))
    objection = Objection.objects.create(
        notice=notice,
        proposal=proposal,
        channel=channel,
        anonymous=anonymous,
        reporter_name="" if anonymous else reporter_name.strip(),
        reporter_contact=reporter_contact.strip()[:100],
        content=content,
        received_at=received_at,
        entered_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        # Who reported is on the objection for the committee; the trail names only the way
        # it came in, so the record of the whole process does not expose a reporter.
        actor=actor or _("Reporter"),
        organisation=notice.campaign.organisation,
        action="objection.file",
        obj=objection,
        object_repr=f"{objection.reference}",
        after={
            "about": proposal.person.name if proposal else "",
            "channel": channel,
            "anonymous": anonymous,
        },
    )
    return objection


@transaction.atomic
def objection_conclude(
    *, actor, objection: Objection, handling: str, finding: str, conclusion: str
) -> Objection:
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.status == Objection.Status.CONCLUDED:
        raise ValidationError(_("This concern is already concluded."))
    if finding not in Objection.Finding.values:
        raise ValidationError(_("Choose a finding."))
    if not handling.strip() or not conclusion.strip():
        raise ValidationError(_("Record how the concern was looked into and the conclusion."))
    objection.handling = handling.strip()
    objection.finding = finding
    objection.conclusion = conclusion.strip()
    objection.status = Objection.Status.CONCLUDED
    objection.concluded_at = timezone.now()
    objection.concluded_by = actor if getattr(actor, "pk", None) else None
    objection.save()
    audit_record(
        actor=actor,
        organisation=objection.notice.campaign.organisation,
        action="objection.conclude",
        obj=objection,
        object_repr=objection.reference,
        before={"status": Objection.Status.OPEN},
        after={
            "status": objection.status,
            "finding": finding,
            "handling": objection.handling,
            "conclusion": objection.conclusion,
        },
    )
    return objection


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """A concern found substantiated: the proposed appointee is not appointed."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require_status(
        proposal.campaign,
        Campaign.Status.NOTICE,
        doing=_("Withdrawing a proposed appointee"),
    )
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("Only a proposed appointee can be withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Withdrawing a proposed appointee needs a reason."))
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.withdrawn_reason = reason.strip()
    proposal.save(update_fields=["status", "withdrawn_reason"])
    audit_record(
        actor=actor,
        organisation=proposal.campaign.organisation,
        action="proposal.withdraw",
        obj=proposal,
        before={"status": Proposal.Status.PROPOSED},
        after={"status": proposal.status, "reason": proposal.withdrawn_reason},
    )
    return proposal


def blockers(campaign: Campaign, today: date | None = None) -> list[str]:
    """Why the appointment cannot go ahead yet; empty when it can."""
    notice = getattr(campaign, "notice", None)
    if notice is None:
        return [_("The proposed appointees have not been put on public notice.")]
    reasons = []
    state = period(notice, today)
    if not state.ended:
        reasons.append(
            _("The notice period runs until %(end)s (%(left)s %(unit)s left).")
            % {"end": notice.ends_on, "left": state.left, "unit": notice.get_counting_display()}
        )
    open_count = notice.objections.filter(status=Objection.Status.OPEN).count()
    if open_count:
        reasons.append(
            _("%(n)s reported concern(s) not yet concluded by the party committee.")
            % {"n": open_count}
        )
    return reasons


@transaction.atomic
def holiday_year_save(*, actor, organisation, year: int, holidays: str, workdays_text: str):
    """The office's entry of a year's holidays and make-up workdays, typed as dates."""
    if workdays.package_covers(year):
        raise ValidationError(
            _("%(year)s is covered by the holiday calendar already.") % {"year": year}
        )
    parsed = {}
    for label, text in ((_("Public holidays"), holidays), (_("Make-up workdays"), workdays_text)):
        try:
            days = workdays.parse_days(text)
        except ValueError as exc:
            raise ValidationError(
                _("%(field)s: “%(text)s” is not a date such as %(year)s-10-01.")
                % {"field": label, "text": exc.args[0], "year": year}
            ) from None
        wrong = [d for d in days if d.year != year]
        if wrong:
            raise ValidationError(
                _("%(field)s: %(day)s is not in %(year)s.")
                % {"field": label, "day": wrong[0], "year": year}
            )
        parsed[label] = days
    holiday_days, work_days = parsed.values()
    if not holiday_days:
        raise ValidationError(_("Enter at least the public holidays of the year."))
    both = set(holiday_days) & set(work_days)
    if both:
        raise ValidationError(
            _("%(day)s is entered both as a holiday and as a workday.") % {"day": min(both)}
        )
    entry, _created = HolidayYear.objects.update_or_create(
        organisation=organisation,
        year=year,
        defaults={
            "holidays": [d.isoformat() for d in holiday_days],
            "workdays": [d.isoformat() for d in work_days],
            "entered_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="holidays.enter",
        obj=entry,
        after={"year": year, "holidays": entry.holidays, "workdays": entry.workdays},
    )
    return entry
