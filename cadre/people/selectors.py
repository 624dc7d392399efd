"""Reads of the roster."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.orgs.models import Organisation

from .dates import birth_range_for_age
from .models import Person

AGE_BANDS = {
    "-29": (0, 29),
    "30-34": (30, 34),
    "35-39": (35, 39),
    "40-45": (40, 45),
    "46-50": (46, 50),
    "51-": (51, None),
}


@dataclass
class RosterFilter:
    q: str = ""
    department: str = ""
    role_kind: str = ""
    current_only: bool = False
    age_band: str = ""
    education: str = ""
    title: str = ""
    status: str = ""


def person_list(organisation: Organisation, f: RosterFilter) -> QuerySet[Person]:
    qs = Person.objects.filter(organisation=organisation).select_related("department")
    if f.q:
        qs = qs.filter(Q(name__contains=f.q) | Q(staff_no__contains=f.q) | Q(phone=f.q))
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.role_kind:
        posts = Q(posts__role_kind=f.role_kind)
        if f.current_only:
            posts &= Q(posts__end_date__isnull=True)
        qs = qs.filter(pk__in=Person.objects.filter(posts).values("pk"))
    if f.age_band in AGE_BANDS:
        lo, hi = AGE_BANDS[f.age_band]
        earliest, latest = birth_range_for_age(lo, hi, timezone.localdate())
        qs = qs.filter(birth_date__lte=latest)
        if earliest:
            qs = qs.filter(birth_date__gte=earliest)
    if f.education:
        qs = qs.filter(education=f.education)
    if f.title:
        qs = qs.filter(title=f.title)
    if f.status:
        qs = qs.filter(status=f.status)
    return qs.order_by("staff_no")
