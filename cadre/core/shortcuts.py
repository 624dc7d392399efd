from django.shortcuts import render

from cadre.orgs.access import Can, can


def org_render(request, template, org, section, context=None, **kwargs):
    """Render a page inside an organisation: the sub-navigation needs to know what the
    user may open there."""
    ctx = {
        "org": org,
        "section": section,
        "perms_here": {c.value: can(request.user, org, c) for c in Can},
    }
    ctx.update(context or {})
    return render(request, template, ctx, **kwargs)
