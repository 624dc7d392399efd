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


def as_id(value) -> int | None:
    """A primary key as a request carries it, or None if it is not a number.

    get_object_or_404(pk="abc") is a server error (the ORM raises ValueError); pk=None matches
    nothing, so the answer is the 404 a wrong id deserves.
    """
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
