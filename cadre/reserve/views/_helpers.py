from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from cadre.orgs.access import Can, can, get_org_for_user

from ..models import Programme


def programme_view(capability: Can):
    """A page of one programme for users with `capability`: the view gets the organisation
    and the programme. A draft is the office's alone."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, code, pk, *args, **kwargs):
            org = get_org_for_user(request, code, capability)
            programme = (
                Programme.objects.filter(organisation=org, pk=pk)
                .select_related("organisation", "leading_group", "committee", "decision")
                .first()
            )
            if programme is None:
                raise Http404
            if programme.status == Programme.Status.DRAFT and not can(
                request.user, org, Can.MANAGE
            ):
                raise Http404
            return view(request, org, programme, *args, **kwargs)

        return wrapper

    return decorate
