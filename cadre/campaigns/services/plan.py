"""The plan: create, copy, edit while a draft, approve and file, publish, close registration."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record, snapshot
from cadre.core.status import part_delete, part_save, require_status, transition
from cadre.decisions.models import Body, BodyMember
from cadre.rules import engine
from cadre.rules.engine import cn_date

from ..models import Campaign, CampaignPosition, Rule, Stage

EDIT = gettext_lazy("Changing the plan")


@transaction.atomic
def campaign_save(*, actor, campaign: Campaign) -> Campaign:
    if campaign.pk:
        before = Campaign.objects.get(pk=campaign.pk)
        require_status(before, Campaign.Status.DRAFT, doing=EDIT)
        before = snapshot(before)
    else:
        before = None
    _check_window(campaign)
    campaign.save()
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="campaign.update" if before else "campaign.create",
        obj=campaign,
        before=before,
        after=snapshot(campaign),
    )
    return campaign


def _check_window(campaign: Campaign) -> None:
    if campaign.registration_deadline <= campaign.registration_opens:
        raise ValidationError(_("Registration must close after it opens."))


@transaction.atomic
def position_save(*, actor, campaign: Campaign, position: CampaignPosition):
    return part_save(
        actor=actor, owner=campaign, part=position, action="campaign.position", doing=EDIT
    )


@transaction.atomic
def position_delete(*, actor, position: CampaignPosition):
    part_delete(
        actor=actor, owner=position.campaign, part=position, action="campaign.position", doing=EDIT
    )


@transaction.atomic
def stage_save(*, actor, campaign: Campaign, stage: Stage):
    if stage.planned_end and stage.planned_end < stage.planned_start:
        raise ValidationError(_("A stage cannot end before it starts."))
    return part_save(actor=actor, owner=campaign, part=stage, action="campaign.stage", doing=EDIT)


@transaction.atomic
def stage_delete(*, actor, stage: Stage):
    part_delete(actor=actor, owner=stage.campaign, part=stage, action="campaign.stage", doing=EDIT)


@transaction.atomic
def rule_save(*, actor, campaign: Campaign, rule: Rule):
    try:
        engine.build(rule.kind, rule.params)
    except (TypeError, ValueError, KeyError) as exc:
        raise ValidationError(
            _("The condition's parameters are not valid: %(error)s") % {"error": exc}
        ) from None
    return part_save(actor=actor, owner=campaign, part=rule, action="campaign.rule", doing=EDIT)


@transaction.atomic
def rule_delete(*, actor, rule: Rule):
    part_delete(actor=actor, owner=rule.campaign, part=rule, action="campaign.rule", doing=EDIT)


@transaction.atomic
def leading_group_set(
    *, actor, campaign: Campaign, members: list[tuple], formed_on: date | None = None
) -> Body:
    """Set the campaign's leading group: [(person, role)], the first being its head."""
    require_status(campaign, Campaign.Status.DRAFT, doing=EDIT)
    body = campaign.leading_group or Body.objects.create(
        organisation=campaign.organisation, name=f"{campaign.title}领导小组"
    )
    body.members.all().delete()
    BodyMember.objects.bulk_create(
        [BodyMember(body=body, person=p, role=role, order=i) for i, (p, role) in enumerate(members)]
    )
    campaign.leading_group = body
    campaign.leading_group_formed_on = formed_on or campaign.leading_group_formed_on
    campaign.save(update_fields=["leading_group", "leading_group_formed_on"])
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="campaign.leading_group.set",
        obj=campaign,
        after={
            "members": [f"{p.name}（{role}）" for p, role in members],
            "formed_on": formed_on.isoformat() if formed_on else None,
        },
    )
    return body


@transaction.atomic
def campaign_copy(
    *, actor, source: Campaign, title: str, registration_opens, registration_deadline
) -> Campaign:
    """Next year's plan is last year's with new dates: everything is copied, and every date
    moves by the same offset as the opening of registration."""
    # Whole days between the local dates, so that the time of day of the new opening does
    # not pull every stage back by one.
    offset = timedelta(
        days=(
            timezone.localtime(registration_opens).date()
            - timezone.localtime(source.registration_opens).date()
        ).days
    )
    years = round(offset.days / 365.25)
    copy = Campaign(
        organisation=source.organisation,
        title=title,
        copied_from=source,
        registration_opens=registration_opens,
        registration_deadline=registration_deadline,
        reference_date=_shift_years(source.reference_date, years)
        if years
        else source.reference_date + timedelta(days=offset.days),
        **{f: getattr(source, f) for f in Campaign.CARRIED_OVER},
    )
    _check_window(copy)
    copy.save()
    for p in source.positions.all():
        p.pk, p.campaign = None, copy
        p.save()
    for s in source.stages.all():
        s.pk, s.campaign = None, copy
        s.planned_start += timedelta(days=offset.days)
        if s.planned_end:
            s.planned_end += timedelta(days=offset.days)
        s.save()
    for r in source.rules.all():
        r.pk, r.campaign = None, copy
        if r.kind == Rule.Kind.BIRTH_CUTOFF and years:
            # An age limit stays the same age: the birth cut-off moves with the year, in the
            # condition's words as well as in its parameters.
            old = date.fromisoformat(r.params["cutoff"])
            new = _shift_years(old, years)
            r.params = {**r.params, "cutoff": new.isoformat()}
            r.label = r.label.replace(cn_date(old), cn_date(new))
            copy.conditions_text = copy.conditions_text.replace(cn_date(old), cn_date(new))
        r.save()
    copy.save(update_fields=["conditions_text"])
    if source.leading_group:
        body = Body.objects.create(organisation=copy.organisation, name=f"{title}领导小组")
        BodyMember.objects.bulk_create(
            [
                BodyMember(body=body, person_id=m.person_id, role=m.role, order=m.order)
                for m in source.leading_group.members.all()
            ]
        )
        copy.leading_group = body
        # The copy forms this year's group, the same members as last year's.
        copy.leading_group_formed_on = timezone.localdate()
        copy.save(update_fields=["leading_group", "leading_group_formed_on"])
    audit_record(
        actor=actor,
        organisation=copy.organisation,
        action="campaign.copy",
        obj=copy,
        after={**snapshot(copy), "copied_from": source.pk},
    )
    return copy


def _shift_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def campaign_file(
    *, actor, campaign: Campaign, approved_on, approval_note: str, filed_on, filing_reference: str
) -> Campaign:
    """竞聘程序 1: approved by the school leadership, filed with the bureau, then carried out."""
    problems = plan_problems(campaign)
    if problems:
        raise ValidationError(problems)
    if filed_on < approved_on:
        raise ValidationError(_("The plan cannot be filed before it was approved."))
    if not filing_reference.strip():
        raise ValidationError(_("Enter the filing reference given by the education bureau."))
    return transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.DRAFT,
        to=Campaign.Status.FILED,
        action="campaign.file",
        changes={
            "approved_on": approved_on,
            "approval_note": approval_note,
            "filed_on": filed_on,
            "filing_reference": filing_reference.strip(),
        },
    )


def plan_problems(campaign: Campaign) -> list[str]:
    """What a plan still lacks before it can be filed."""
    problems = []
    if not campaign.positions.exists():
        problems.append(_("The plan offers no position."))
    if not campaign.rules.exists():
        problems.append(_("The plan states no condition."))
    if not campaign.stages.exists():
        problems.append(_("The plan has no timetable."))
    if not campaign.leading_group_id or not campaign.leading_group.members.exists():
        problems.append(_("The plan names no leading group."))
    return problems


def campaign_publish(*, actor, campaign: Campaign, now=None) -> Campaign:
    now = now or timezone.now()
    if campaign.registration_deadline <= now:
        raise ValidationError(_("The registration deadline has passed; set a later one first."))
    return transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.FILED,
        to=Campaign.Status.PUBLISHED,
        action="campaign.publish",
        changes={"published_at": now},
    )


def campaign_close_registration(*, actor, campaign: Campaign, now=None) -> Campaign:
    now = now or timezone.now()
    if now < campaign.registration_deadline:
        raise ValidationError(
            _("Registration stays open until its deadline, %(deadline)s.")
            % {
                "deadline": timezone.localtime(campaign.registration_deadline).strftime(
                    "%Y-%m-%d %H:%M"
                )
            }
        )
    return transition(
        actor=actor,
        obj=campaign,
        expected=Campaign.Status.PUBLISHED,
        to=Campaign.Status.REGISTRATION_CLOSED,
        action="campaign.close_registration",
        changes={"closed_at": now},
    )
