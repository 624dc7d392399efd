"""All writes to the audit trail go through here."""

import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from . import chain
from .models import AuditEntry, AuditHead

SYSTEM = "system"


def snapshot(instance: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """The model's concrete field values as JSON-native data (foreign keys by id)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.primary_key:
            continue
        data[field.attname] = json_value(field.value_from_object(instance))
    return data


def json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def _actor(actor):
    if actor is None:
        return None, SYSTEM
    if isinstance(actor, str):
        return None, actor
    label = actor.get_full_name() or actor.get_username()
    return actor, label


@dataclass
class Change:
    action: str
    obj: models.Model | None = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    before: dict | None = None
    after: dict | None = None


def audit_record(
    *,
    actor,
    organisation,
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    change = Change(action, obj, object_type, object_id, object_repr, before, after)
    return audit_record_many(actor=actor, organisation=organisation, changes=[change])[0]


@transaction.atomic
def audit_record_many(*, actor, organisation, changes: list[Change]) -> list[AuditEntry]:
    user, label = _actor(actor)
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"hash": chain.GENESIS}
    )
    now = timezone.now()
    prev = head.hash
    entries = []
    for change in changes:
        obj = change.obj
        entry = AuditEntry(
            at=now,
            actor=user,
            actor_label=label[:150],
            organisation=organisation,
            action=change.action,
            object_type=change.object_type or (obj._meta.label_lower if obj else ""),
            object_id=change.object_id or (str(obj.pk) if obj is not None else ""),
            object_repr=(change.object_repr or (str(obj) if obj is not None else ""))[:200],
            before=json_value(change.before),
            after=json_value(change.after),
            prev_hash=prev,
        )
        entry.hash = chain.entry_hash(prev, entry.hashed_fields())
        prev = entry.hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    head.hash = prev
    head.save(update_fields=["hash"])
    return entries


@dataclass
class VerifyResult:
    count: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def audit_verify() -> VerifyResult:
    count = 0

    def rows():
        nonlocal count
        qs = AuditEntry.objects.order_by("id")
        for entry in qs.iterator(chunk_size=2000):
            count += 1
            yield entry.pk, entry.prev_hash, entry.hash, entry.hashed_fields()

    broken = chain.first_break(rows())
    if broken is None:
        head = AuditHead.objects.filter(pk=1).values_list("hash", flat=True).first()
        last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
        if last and head and head != last[1]:
            # The newest entries were deleted: the head remembers a later hash.
            return VerifyResult(count, last[0], "truncated")
        return VerifyResult(count)
    return VerifyResult(count, broken[0], broken[1])
