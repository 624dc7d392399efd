from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record

from ..models import Campaign


def locked(campaign: Campaign) -> Campaign:
    """The campaign re-read under a row lock, so two clicks cannot both move it on."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def transition(
    *, actor, campaign: Campaign, expected: str, to: str, action: str, changes: dict | None = None
) -> Campaign:
    with transaction.atomic():
        current = locked(campaign)
        if current.status != expected:
            raise ValidationError(
                _("The campaign is “%(status)s”; this step needs it to be “%(expected)s”.")
                % {
                    "status": current.get_status_display(),
                    "expected": Campaign.Status(expected).label,
                }
            )
        for field, value in (changes or {}).items():
            setattr(current, field, value)
        current.status = to
        current.save()
        audit_record(
            actor=actor,
            organisation=current.organisation,
            action=action,
            obj=current,
            before={"status": expected},
            after={"status": to, **{k: getattr(v, "pk", v) for k, v in (changes or {}).items()}},
        )
    campaign.refresh_from_db()
    return campaign


def require_status(campaign: Campaign, *statuses: str, doing: str) -> None:
    if campaign.status not in statuses:
        raise ValidationError(
            _("%(doing)s is not possible while the campaign is “%(status)s”.")
            % {"doing": doing, "status": campaign.get_status_display()}
        )
