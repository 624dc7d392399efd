from django.http import Http404

from cadre.orgs.access import Can, get_org_for_user

from ..models import Campaign


def get_campaign(request, code, pk, capability=Can.VIEW):
    """The campaign of an organisation the user may act in, or 404/403."""
    org = get_org_for_user(request, code, capability)
    try:
        campaign = Campaign.objects.select_related("organisation", "leading_group").get(
            organisation=org, pk=pk
        )
    except Campaign.DoesNotExist:
        raise Http404 from None
    return org, campaign
