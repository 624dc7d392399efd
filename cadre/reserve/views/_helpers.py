from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from cadre.orgs.access import Can, can, get_org_for_user

from ..models import Programme, ReserveCadre
from ..selectors import access


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


def cadre_view(capability: Can, need: str = "view"):
    """A page of one reserve cadre of a programme: the view gets the organisation, the
    programme, the cadre and what the user may do with him (selectors.Access); `need` is the
    Access flag the page requires. Refused as not found, so that nobody learns who is in the
    reserve from the address."""

    def decorate(view):
        @programme_view(capability)
        @wraps(view)
        def wrapper(request, org, programme, cadre_pk, *args, **kwargs):
            cadre = (
                ReserveCadre.objects.filter(programme=programme, pk=cadre_pk)
                .select_related("person__department", "tier", "programme__organisation")
                .first()
            )
            if cadre is None:
                raise Http404
            allowed = access(request.user, org, cadre)
            if not getattr(allowed, need):
                raise Http404
            return view(request, org, programme, cadre, allowed, *args, **kwargs)

        return wrapper

    return decorate


def decided_only(view):
    """Inside programme_view: the pages of the cultivation exist once the committee has
    decided; before that they lead back to the programme."""

    @wraps(view)
    def wrapper(request, org, programme, *args, **kwargs):
        if programme.status != Programme.Status.DECIDED:
            return redirect("reserve:detail", org.code, programme.pk)
        return view(request, org, programme, *args, **kwargs)

    return wrapper
