"""Writes to organisations, their departments, positions and accounts."""

from django.contrib.auth import get_user_model
from django.db import transaction

from cadre.audit.services import audit_record, snapshot

from .models import Department, Membership, Organisation, Position

User = get_user_model()


@transaction.atomic
def department_save(*, actor, organisation: Organisation, department: Department) -> Department:
    before = snapshot(Department.objects.get(pk=department.pk)) if department.pk else None
    action = "department.update" if department.pk else "department.create"
    department.organisation = organisation
    department.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action=action,
        obj=department,
        before=before,
        after=snapshot(department),
    )
    return department


@transaction.atomic
def department_delete(*, actor, department: Department) -> None:
    before = snapshot(department)
    audit_record(
        actor=actor,
        organisation=department.organisation,
        action="department.delete",
        obj=department,
        before=before,
    )
    department.delete()


@transaction.atomic
def position_save(*, actor, position: Position) -> Position:
    before = snapshot(Position.objects.get(pk=position.pk)) if position.pk else None
    action = "position.update" if position.pk else "position.create"
    position.save()
    audit_record(
        actor=actor,
        organisation=position.department.organisation,
        action=action,
        obj=position,
        before=before,
        after=snapshot(position),
    )
    return position


@transaction.atomic
def position_delete(*, actor, position: Position) -> None:
    audit_record(
        actor=actor,
        organisation=position.department.organisation,
        action="position.delete",
        obj=position,
        before=snapshot(position),
    )
    position.delete()


def _account_view(user) -> dict:
    # Never the password hash: the audit trail is read by people who must not see it.
    return {"username": user.username, "name": user.get_full_name(), "active": user.is_active}


@transaction.atomic
def account_create(
    *,
    actor,
    organisation: Organisation,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    person=None,
):
    user = User(username=username, first_name=full_name)
    user.set_password(password)
    user.save()
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    audit_record(
        actor=actor,
        organisation=organisation,
        action="account.create",
        obj=user,
        object_repr=user.username,
        after={
            **_account_view(user),
            "roles": sorted(roles),
            "person": person.staff_no if person else None,
        },
    )
    return user


@transaction.atomic
def membership_grant(*, actor, organisation: Organisation, user, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        audit_record(
            actor=actor,
            organisation=organisation,
            action="membership.grant",
            obj=membership,
            after={"user": user.username, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    audit_record(
        actor=actor,
        organisation=membership.organisation,
        action="membership.revoke",
        obj=membership,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def organisation_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    short_name: str = "",
) -> Organisation:
    organisation = Organisation(
        code=code, name=name, kind=kind, parent=parent, short_name=short_name
    )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="organisation.create",
        obj=organisation,
        after=snapshot(organisation),
    )
    return organisation
