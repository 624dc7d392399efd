"""The one way a record with a `status` (a campaign, a reserve programme) moves on: under a
row lock, so two clicks cannot both do it, with the step written to the audit trail; and the
one way a part of its plan (a position, a stage, a tier) is changed while the plan is a draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record, snapshot


def require_status(obj, *statuses: str, doing: str) -> None:
    if obj.status not in statuses:
        raise ValidationError(
            _("%(doing)s is not possible while the %(thing)s is “%(status)s”.")
            % {"doing": doing, "thing": obj._meta.verbose_name, "status": obj.get_status_display()}
        )


def transition(*, actor, obj, expected: str, to: str, action: str, changes: dict | None = None):
    """Move `obj` from `expected` to `to`, setting `changes` on the way; refused, with
    nothing changed, when another request moved it first."""
    model = type(obj)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=obj.pk)
        if current.status != expected:
            statuses = model._meta.get_field("status")
            raise ValidationError(
                _("The %(thing)s is “%(status)s”; this step needs it to be “%(expected)s”.")
                % {
                    "thing": model._meta.verbose_name,
                    "status": current.get_status_display(),
                    "expected": dict(statuses.flatchoices)[expected],
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
    obj.refresh_from_db()
    return obj


def _owner_field(part, owner) -> str:
    return next(
        f.name
        for f in part._meta.concrete_fields
        if f.is_relation and f.related_model is type(owner)
    )


def part_save(*, actor, owner, part, action: str, doing: str):
    """Save a part of a draft plan (`action` is e.g. "campaign.stage"), audited."""
    require_status(owner, "draft", doing=doing)
    before = snapshot(type(part).objects.get(pk=part.pk)) if part.pk else None
    setattr(part, _owner_field(part, owner), owner)
    part.save()
    audit_record(
        actor=actor,
        organisation=owner.organisation,
        action=f"{action}.{'update' if before else 'create'}",
        obj=part,
        object_repr=f"{owner} · {part}",
        before=before,
        after=snapshot(part),
    )
    return part


def part_delete(*, actor, owner, part, action: str, doing: str) -> None:
    require_status(owner, "draft", doing=doing)
    audit_record(
        actor=actor,
        organisation=owner.organisation,
        action=f"{action}.delete",
        obj=part,
        object_repr=f"{owner} · {part}",
        before=snapshot(part),
    )
    part.delete()
