from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dateparse import parse_date

from cadre.core.shortcuts import org_render, querystring_without_page
from cadre.orgs.access import Can, get_org_for_user

from .actions import action_choices, action_label
from .models import AuditEntry


def _day_bound(raw: str, end: bool):
    day = parse_date(raw or "")
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@login_required
def org_audit(request, code):
    org = get_org_for_user(request, code, Can.VIEW_AUDIT)
    qs = AuditEntry.objects.filter(organisation=org)
    g = request.GET
    if g.get("actor"):
        qs = qs.filter(actor_label__contains=g["actor"].strip())
    if g.get("action"):
        qs = qs.filter(action=g["action"].strip())
    if g.get("object_type"):
        qs = qs.filter(object_type=g["object_type"])
    if g.get("object_id"):
        qs = qs.filter(object_id=g["object_id"])
    since, until = _day_bound(g.get("since"), False), _day_bound(g.get("until"), True)
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lte=until)
    page = Paginator(qs.order_by("-id"), 50).get_page(g.get("page"))
    for entry in page:
        entry.action_label = action_label(entry.action)
    actions = action_choices(
        AuditEntry.objects.filter(organisation=org)
        .order_by()
        .values_list("action", flat=True)
        .distinct()
    )
    return org_render(
        request,
        "audit/list.html",
        org,
        "audit",
        {
            "page": page,
            "params": g,
            "querystring": querystring_without_page(request),
            "actions": actions,
        },
    )
