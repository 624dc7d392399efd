"""Writes to the roster, each audited."""

from django.db import transaction

from cadre.audit.services import audit_record, snapshot

from .models import Person


@transaction.atomic
def person_save(*, actor, person: Person) -> Person:
    before = snapshot(Person.objects.get(pk=person.pk)) if person.pk else None
    action = "person.update" if person.pk else "person.create"
    person.save()
    audit_record(
        actor=actor,
        organisation=person.organisation,
        action=action,
        obj=person,
        before=before,
        after=snapshot(person),
    )
    return person


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    audit_record(
        actor=actor,
        organisation=person.organisation,
        action="person.delete",
        obj=person,
        before=snapshot(person),
    )
    person.delete()


@transaction.atomic
def record_save(*, actor, person: Person, record) -> None:
    """Add or change one of a person's records: post held, appraisal, honour, discipline."""
    model = type(record)
    before = snapshot(model.objects.get(pk=record.pk)) if record.pk else None
    action = f"{model._meta.model_name}.{'update' if record.pk else 'create'}"
    record.person = person
    record.save()
    audit_record(
        actor=actor,
        organisation=person.organisation,
        action=action,
        obj=record,
        object_repr=f"{person} · {record}",
        before=before,
        after=snapshot(record),
    )


@transaction.atomic
def record_delete(*, actor, record) -> None:
    person = record.person
    audit_record(
        actor=actor,
        organisation=person.organisation,
        action=f"{record._meta.model_name}.delete",
        obj=record,
        object_repr=f"{person} · {record}",
        before=snapshot(record),
    )
    record.delete()
