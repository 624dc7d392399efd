"""Reads of campaigns."""

from collections import Counter

from django.db.models import Prefetch

from .models import Application, Campaign, CampaignPosition, Candidacy


def campaign_for_org(organisation, pk) -> Campaign:
    return Campaign.objects.select_related("organisation", "leading_group").get(
        organisation=organisation, pk=pk
    )


def applications_by_position(campaign: Campaign) -> list[dict]:
    """Per position: its candidacies (submitted applications first), counted against quota."""
    candidacies = (
        Candidacy.objects.filter(application__campaign=campaign)
        .exclude(application__status=Application.Status.WITHDRAWN)
        .select_related("application__person__department", "position")
        .order_by("rank", "application__person__staff_no")
    )
    by_position: dict[int, list] = {}
    for c in candidacies:
        by_position.setdefault(c.position_id, []).append(c)
    rows = []
    for position in campaign.positions.all():
        items = by_position.get(position.pk, [])
        counts = Counter(c.application.status for c in items)
        rows.append(
            {
                "position": position,
                "candidacies": items,
                "submitted": counts[Application.Status.SUBMITTED],
                "drafts": counts[Application.Status.DRAFT],
            }
        )
    return rows


def campaign_detail(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.prefetch_related(
            Prefetch("positions", queryset=CampaignPosition.objects.select_related("department")),
            "stages",
            "rules",
        )
        .select_related("organisation", "leading_group")
        .get(pk=campaign.pk)
    )
