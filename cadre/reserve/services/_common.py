from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record

from ..models import Programme


def require_status(programme: Programme, *statuses: str, doing: str) -> None:
    if programme.status not in statuses:
        raise ValidationError(
            _("%(doing)s is not possible while the programme is “%(status)s”.")
            % {"doing": doing, "status": programme.get_status_display()}
        )


def transition(
    *, actor, programme: Programme, expected: str, to: str, action: str, changes: dict | None = None
) -> Programme:
    """Move the programme on under a row lock, so two clicks cannot both do it."""
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        if current.status != expected:
            raise ValidationError(
                _("The programme is “%(status)s”; this step needs it to be “%(expected)s”.")
                % {
                    "status": current.get_status_display(),
                    "expected": Programme.Status(expected).label,
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
    programme.refresh_from_db()
    return programme
