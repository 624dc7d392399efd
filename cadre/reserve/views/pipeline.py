"""The pipeline dashboard (梯队建设情况)."""

from django.utils import timezone

from cadre.core.shortcuts import org_render
from cadre.orgs.access import Can

from ..dashboard import dashboard
from ..models import Programme
from ._helpers import programme_view


@programme_view(Can.VIEW_ROSTER)
def pipeline(request, org, programme):
    # Until the party committee has decided there are no reserve cadres to count.
    figures = (
        dashboard(programme, timezone.localdate())
        if programme.status == Programme.Status.DECIDED
        else None
    )
    return org_render(
        request,
        "reserve/pipeline.html",
        org,
        "reserve",
        {"programme": programme, "dashboard": figures},
    )
