from django.contrib import messages
from django.core.exceptions import ValidationError
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


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


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
