from django.shortcuts import render

from cadre.orgs.access import Can, can
from cadre.people.models import Person


def org_render(request, template, org, section, context=None, **kwargs):
    """Render a page inside an organisation: the sub-navigation needs to know what the
    user may open there."""
    ctx = {
        "org": org,
        "section": section,
        "perms_here": {c.value: can(request.user, org, c) for c in Can},
        "on_roster": Person.objects.filter(organisation=org, user_id=request.user.pk).exists(),
    }
    ctx.update(context or {})
    return render(request, template, ctx, **kwargs)
