from django.contrib import messages
from django.core.exceptions import ValidationError
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


def querystring_without_page(request) -> str:
    """The request's query, for the pager to add its own page number to."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def as_id(value) -> int | None:
    """A primary key as a request carries it, or None if it is not a number.

    get_object_or_404(pk="abc") is a server error (the ORM raises ValueError); pk=None matches
    nothing, so the answer is the 404 a wrong id deserves.
    """
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def flash_form_errors(request, form) -> None:
    """The errors of a form posted from a page that does not show it again."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def saved(request, form, save, success: str) -> bool:
    """Hand a posted, valid form's data to `save(data)`, a service call. A ValidationError
    it raises is shown on the form; True once saved, for the view to redirect."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form_errors(form, exc)
        return False
    messages.success(request, success)
    return True


def flashed(request, form, save, success: str) -> None:
    """`saved` for a form posted from a page that does not show it again: its errors are
    flashed."""
    if not form.is_valid():
        flash_form_errors(request, form)
        return
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success)
