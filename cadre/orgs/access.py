"""Who may do what in which organisation.

Views fetch an organisation only through `get_org_for_user`, so a permission check cannot be
forgotten: a user with no standing in an organisation gets 404 (its existence is not
confirmed), one with standing but not the capability gets 403.
"""

from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Membership, Organisation

Role = Membership.Role


class Can(Enum):
    VIEW = "view"
    VIEW_ROSTER = "view_roster"
    MANAGE = "manage"
    VIEW_AUDIT = "view_audit"
    REVIEW = "review"  # qualification review: the party committee
    DECIDE = "decide"  # record collective decisions: the leading group, or the office for it
    APPLY = "apply"  # take part in a campaign: staff
    INSPECT = "inspect"  # inspection and reported concerns: the party committee, the office
    COMMITTEE = "committee"  # the party committee's decisions: its members, or the office for it


_CAPABILITIES = {
    Can.VIEW: set(Role.values),
    Can.VIEW_ROSTER: {Role.ADMIN, Role.LEADING_GROUP, Role.PARTY_COMMITTEE, Role.DISTRICT_ADMIN},
    Can.MANAGE: {Role.ADMIN},
    Can.VIEW_AUDIT: {Role.ADMIN, Role.LEADING_GROUP, Role.PARTY_COMMITTEE, Role.DISTRICT_ADMIN},
    Can.REVIEW: {Role.PARTY_COMMITTEE},
    Can.DECIDE: {Role.ADMIN, Role.LEADING_GROUP},
    Can.INSPECT: {Role.ADMIN, Role.PARTY_COMMITTEE},
    Can.COMMITTEE: {Role.ADMIN, Role.PARTY_COMMITTEE},
    Can.APPLY: {Role.STAFF, Role.ADMIN, Role.LEADING_GROUP, Role.PARTY_COMMITTEE, Role.MENTOR},
}


def roles_in(user, organisation: Organisation) -> set[str]:
    """The user's roles in the organisation, a district admin's reaching its schools."""
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_cadre_roles", None)
    if cache is None:
        cache = {}
        for org_id, role in Membership.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            cache.setdefault(org_id, set()).add(role)
        user._cadre_roles = cache
    roles = set(cache.get(organisation.pk, set()))
    if organisation.parent_id and Role.DISTRICT_ADMIN in cache.get(organisation.parent_id, ()):
        roles.add(Role.DISTRICT_ADMIN)
    return roles


def can(user, organisation: Organisation, capability: Can) -> bool:
    return bool(roles_in(user, organisation) & _CAPABILITIES[capability])


def get_org_for_user(request, code: str, capability: Can = Can.VIEW) -> Organisation:
    try:
        organisation = Organisation.objects.select_related("parent").get(code=code)
    except Organisation.DoesNotExist:
        raise Http404 from None
    roles = roles_in(request.user, organisation)
    if not roles:
        raise Http404
    if not roles & _CAPABILITIES[capability]:
        raise PermissionDenied
    return organisation


def organisations_for(user):
    """Every organisation the user may open, schools of his districts included."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    direct = Membership.objects.filter(user=user).values("organisation_id")
    districts = Membership.objects.filter(user=user, role=Role.DISTRICT_ADMIN).values(
        "organisation_id"
    )
    return Organisation.objects.filter(Q(pk__in=direct) | Q(parent_id__in=districts)).distinct()


def organisation_by_code_or_name(value: str) -> Organisation:
    """For the command line: `--org` takes an organisation's code or its full name."""
    value = value.strip()
    org = Organisation.objects.filter(Q(code=value) | Q(name=value)).first()
    if org is None:
        raise Organisation.DoesNotExist(value)
    return org
