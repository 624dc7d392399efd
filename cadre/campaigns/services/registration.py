"""Registration (公开报名): self-nomination, recommendation by colleagues or the organisation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record
from cadre.core.uploads import attachment_store
from cadre.people.dates import format_partial
from cadre.people.models import Person

from ..models import Application, Attachment, Campaign, CampaignPosition, Candidacy, Nomination


def _open_for_registration(campaign: Campaign, now) -> None:
    if campaign.status != Campaign.Status.PUBLISHED:
        raise ValidationError(_("Registration for this campaign is not open."))
    if now < campaign.registration_opens:
        raise ValidationError(_("Registration has not opened yet."))
    if now > campaign.registration_deadline:
        raise ValidationError(
            _("The registration deadline (%(deadline)s) has passed.")
            % {
                "deadline": timezone.localtime(campaign.registration_deadline).strftime(
                    "%Y-%m-%d %H:%M"
                )
            }
        )


def _on_roster(campaign: Campaign, person: Person | None) -> Person:
    if person is None or person.organisation_id != campaign.organisation_id:
        raise ValidationError(_("Only staff on this school's roster can be candidates."))
    return person


def profile_of(person: Person) -> dict:
    """What the form shows of the roster, kept with a submitted application."""
    return {
        "staff_no": person.staff_no,
        "name": person.name,
        "gender": person.gender,
        "birth_date": format_partial(person.birth_date, person.birth_date_month_only),
        "ethnicity": person.ethnicity,
        "political_status": person.political_status,
        "party_date": format_partial(person.party_date, person.party_date_month_only)
        if person.party_date
        else "",
        "work_start_date": format_partial(person.work_start_date, person.work_start_date_month_only)
        if person.work_start_date
        else "",
        "education": person.education,
        "degree": person.degree,
        "graduated_from": person.graduated_from,
        "major": person.major,
        "title": person.title,
        "department": person.department.name if person.department else "",
        "current_post": person.current_post,
        "phone": person.phone,
        "posts": [
            {
                "role_kind": p.role_kind,
                "unit": p.unit,
                "start": format_partial(p.start_date, p.start_date_month_only),
                "end": format_partial(p.end_date, p.end_date_month_only) if p.end_date else "",
            }
            for p in person.posts.all()
        ],
    }


def _set_choices(application: Application, positions: list[CampaignPosition]) -> None:
    campaign = application.campaign
    if not positions:
        raise ValidationError(_("Choose at least one position."))
    if len(positions) > campaign.max_choices:
        raise ValidationError(
            _("You may apply for at most %(n)s positions.") % {"n": campaign.max_choices}
        )
    if len({p.pk for p in positions}) != len(positions):
        raise ValidationError(_("The same position cannot be chosen twice."))
    if any(p.campaign_id != campaign.pk for p in positions):
        raise ValidationError(_("That position is not offered by this campaign."))
    application.candidacies.all().delete()
    Candidacy.objects.bulk_create(
        [
            Candidacy(application=application, position=p, rank=i)
            for i, p in enumerate(positions, start=1)
        ]
    )


@transaction.atomic
def application_save(
    *,
    actor,
    campaign: Campaign,
    person: Person,
    positions: list[CampaignPosition],
    accepts_reassignment: bool,
    achievements: str,
    strengths: str,
    work_plan: str,
    now=None,
) -> Application:
    """Save the form as a draft (a submitted form returns to draft until submitted again)."""
    now = now or timezone.now()
    _open_for_registration(campaign, now)
    _on_roster(campaign, person)
    application, created = Application.objects.select_for_update().get_or_create(
        campaign=campaign, person=person
    )
    application.accepts_reassignment = accepts_reassignment
    application.achievements, application.strengths = achievements, strengths
    application.work_plan = work_plan
    application.status = Application.Status.DRAFT
    application.pledge = False
    application.save()
    _set_choices(application, positions)
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="application.create" if created else "application.update",
        obj=application,
        after=_view(application),
    )
    return application


def _view(application: Application) -> dict:
    return {
        "status": application.status,
        "source": application.source,
        "choices": [c.position.title for c in application.candidacies.select_related("position")],
        "accepts_reassignment": application.accepts_reassignment,
        "attachments": [a.name for a in application.attachments.all()],
    }


@transaction.atomic
def application_submit(*, actor, application: Application, pledge: bool, now=None):
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    _open_for_registration(application.campaign, now)
    if application.status == Application.Status.SUBMITTED:
        raise ValidationError(_("This form has already been submitted."))
    if not pledge:
        raise ValidationError(_("Confirm that the form is true before submitting it."))
    if not application.candidacies.exists():
        raise ValidationError(_("Choose at least one position."))
    if not (application.strengths.strip() and application.work_plan.strip()):
        raise ValidationError(_("Fill in your strengths and your work plan."))
    application.status = Application.Status.SUBMITTED
    application.pledge = True
    application.submitted_at = now
    application.profile = profile_of(application.person)
    application.save()
    audit_record(
        actor=actor,
        organisation=application.campaign.organisation,
        action="application.submit",
        obj=application,
        before={"status": "draft"},
        after=_view(application),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, now=None):
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    _open_for_registration(application.campaign, now)
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_("This application is already withdrawn."))
    before = application.status
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = now
    application.save()
    audit_record(
        actor=actor,
        organisation=application.campaign.organisation,
        action="application.withdraw",
        obj=application,
        before={"status": before},
        after={"status": application.status},
    )
    return application


@transaction.atomic
def attachment_add(*, actor, application: Application, name: str, content: bytes, now=None):
    now = now or timezone.now()
    _open_for_registration(application.campaign, now)
    return attachment_store(
        actor=actor,
        organisation=application.campaign.organisation,
        attachments=application.attachments,
        owner=application,
        name=name,
        content=content,
        action="application.attachment.add",
    )


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment, now=None):
    application = attachment.application
    _open_for_registration(application.campaign, now or timezone.now())
    audit_record(
        actor=actor,
        organisation=application.campaign.organisation,
        action="application.attachment.delete",
        obj=attachment,
        object_repr=f"{application} · {attachment.name}",
        before={"name": attachment.name, "size": attachment.size},
    )
    attachment.delete()


@transaction.atomic
def nomination_create(
    *,
    actor,
    campaign: Campaign,
    nominee: Person | None,
    position: CampaignPosition,
    channel: str,
    reason: str,
    now=None,
):
    now = now or timezone.now()
    _open_for_registration(campaign, now)
    _on_roster(campaign, nominee)
    if position.campaign_id != campaign.pk:
        raise ValidationError(_("That position is not offered by this campaign."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for the recommendation."))
    if getattr(actor, "person", None) == nominee:
        raise ValidationError(_("Recommend a colleague; to apply yourself, fill in the form."))
    if Nomination.objects.filter(
        campaign=campaign, nominee=nominee, position=position, nominated_by=actor
    ).exists():
        raise ValidationError(
            _("You have already recommended %(name)s for this position.") % {"name": nominee.name}
        )
    nomination = Nomination.objects.create(
        campaign=campaign,
        nominee=nominee,
        position=position,
        channel=channel,
        nominated_by=actor,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="nomination.create",
        obj=nomination,
        after={
            "nominee": nominee.name,
            "position": position.title,
            "channel": channel,
            "reason": nomination.reason,
        },
    )
    return nomination


@transaction.atomic
def nomination_answer(*, actor, nomination: Nomination, accept: bool, now=None):
    """The nominee accepts (the position joins his application, which he completes) or
    declines."""
    now = now or timezone.now()
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    campaign = nomination.campaign
    _open_for_registration(campaign, now)
    if nomination.status != Nomination.Status.PENDING:
        raise ValidationError(_("This recommendation has already been answered."))
    if accept:
        application, _created = Application.objects.select_for_update().get_or_create(
            campaign=campaign, person=nomination.nominee, defaults={"source": nomination.channel}
        )
        if application.status == Application.Status.WITHDRAWN:
            application.status = Application.Status.DRAFT
        current = list(application.candidacies.select_related("position").order_by("rank"))
        if nomination.position_id not in {c.position_id for c in current}:
            _set_choices(application, [c.position for c in current] + [nomination.position])
        application.status = Application.Status.DRAFT
        application.pledge = False
        application.save()
    nomination.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
    nomination.answered_at = now
    nomination.save()
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="nomination.accept" if accept else "nomination.decline",
        obj=nomination,
        before={"status": "pending"},
        after={"status": nomination.status},
    )
    return nomination
