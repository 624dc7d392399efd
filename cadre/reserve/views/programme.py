"""The programme's pages: the list, the plan and where it stands, its parts, its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cadre.campaigns.forms import MembersForm
from cadre.core.shortcuts import flash_errors, form_errors, org_render, saved
from cadre.orgs.access import Can, can, get_org_for_user
from cadre.orgs.models import Organisation

from .. import selectors
from ..forms import ProgrammeForm, StageForm, TierForm
from ..models import Programme, Stage, Tier
from ..services import plan, recommendation, selection
from ._helpers import programme_view


def _page(request, org, template, ctx):
    return org_render(request, template, org, "reserve", ctx)


@login_required
def programme_list(request, code):
    org = get_org_for_user(request, code, Can.VIEW)
    programmes = Programme.objects.filter(organisation=org)
    manage = can(request.user, org, Can.MANAGE)
    if not manage:
        programmes = programmes.exclude(status=Programme.Status.DRAFT)
    person = getattr(request.user, "person", None)
    has_mine = person is not None and (person.reserve_records.exists() or person.mentees.exists())
    return _page(
        request,
        org,
        "reserve/list.html",
        {"programmes": programmes, "can_manage": manage, "has_mine": has_mine},
    )


@login_required
def programme_new(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    today = timezone.localdate()
    form = ProgrammeForm(
        request.POST or None,
        instance=Programme(organisation=org),
        initial={
            "reference_date": today,
            "recommendation_opens": today,
            "issued_by": f"中共{org.name}委员会",
            "issued_on": today,
            "priority_roles": list(plan.PRIORITY_ROLES),
        },
    )
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        try:
            programme = plan.programme_create(actor=request.user, programme=form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Programme created with the three tiers of the “三四五” plan. Check the tiers, "
                    "the timetable and the leading group, then publish it."
                ),
            )
            return redirect("reserve:detail", org.code, programme.pk)
    return _page(
        request, org, "reserve/form.html", {"form": form, "heading": _("New reserve programme")}
    )


@programme_view(Can.VIEW)
def programme_detail(request, org, programme):
    manage = can(request.user, org, Can.MANAGE)
    ctx = {
        "programme": programme,
        "tiers": programme.tiers.all(),
        "timetable": selectors.timetable(programme),
        "leading_group": programme.leading_group.members.select_related("person")
        if programme.leading_group_id
        else [],
        "committee": programme.committee.members.select_related("person")
        if programme.committee_id
        else [],
        "head_is_secretary": plan.head_is_secretary(programme),
        "can_manage": manage,
        "can_manage_draft": manage and programme.status == Programme.Status.DRAFT,
        "can_view_roster": can(request.user, org, Can.VIEW_ROSTER),
        "can_decide": can(request.user, org, Can.DECIDE),
        "can_commit": can(request.user, org, Can.COMMITTEE),
        "can_apply": can(request.user, org, Can.APPLY),
        "public_url": request.build_absolute_uri(
            reverse("reserve_public", args=[org.code, programme.pk])
        ),
    }
    if programme.status == Programme.Status.DRAFT:
        ctx["blockers"] = plan.publish_blockers(programme)
    if programme.status == Programme.Status.PUBLISHED:
        ctx["blockers"] = recommendation.close_blockers(programme)
    if programme.status == Programme.Status.DECIDED:
        ctx["decided"] = selectors.decided(programme)
    return _page(request, org, "reserve/detail.html", ctx)


@programme_view(Can.MANAGE)
def programme_edit(request, org, programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
    if saved(
        request,
        form,
        lambda _data: plan.programme_save(actor=request.user, programme=form.instance),
        _("Saved."),
    ):
        return redirect("reserve:detail", org.code, programme.pk)
    return _page(
        request,
        org,
        "reserve/form.html",
        {"form": form, "programme": programme, "heading": _("Edit the plan")},
    )


_PARTS = {
    "tier": (Tier, TierForm, plan.tier_save, plan.tier_delete),
    "stage": (Stage, StageForm, plan.stage_save, plan.stage_delete),
}


@programme_view(Can.MANAGE)
def part_edit(request, org, programme, part, part_pk=None):
    if part not in _PARTS:
        raise Http404
    model, form_class, save, _delete = _PARTS[part]
    instance = get_object_or_404(model, pk=part_pk, programme=programme) if part_pk else None
    form = form_class(request.POST or None, instance=instance)
    if saved(
        request,
        form,
        lambda _data: save(actor=request.user, programme=programme, **{part: form.instance}),
        _("Saved."),
    ):
        return redirect("reserve:detail", org.code, programme.pk)
    return _page(
        request,
        org,
        "reserve/form.html",
        {
            "form": form,
            "programme": programme,
            "heading": model._meta.verbose_name,
            "deletable": instance is not None,
        },
    )


@programme_view(Can.MANAGE)
@require_POST
def part_delete(request, org, programme, part, part_pk):
    if part not in _PARTS:
        raise Http404
    model, _form, _save, delete = _PARTS[part]
    obj = get_object_or_404(model, pk=part_pk, programme=programme)
    try:
        delete(actor=request.user, **{part: obj})
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Deleted."))
    return redirect("reserve:detail", org.code, programme.pk)


_BODIES = {
    "leading-group": ("leading_group", plan.leading_group_set),
    "committee": ("committee", plan.committee_set),
}


@programme_view(Can.MANAGE)
def body_edit(request, org, programme, body):
    if body not in _BODIES:
        raise Http404
    field, save = _BODIES[body]
    current = getattr(programme, field)
    initial = {}
    if current:
        initial["staff_nos"] = "\n".join(
            m.person.staff_no for m in current.members.select_related("person")
        )
    form = MembersForm(request.POST or None, organisation=org, initial=initial)
    heading = (
        _("Leading group for reserve cadres") if field == "leading_group" else _("Party committee")
    )
    if saved(
        request,
        form,
        lambda data: save(actor=request.user, programme=programme, members=data["staff_nos"]),
        _("Saved."),
    ):
        return redirect("reserve:detail", org.code, programme.pk)
    return _page(
        request,
        org,
        "reserve/form.html",
        {"form": form, "programme": programme, "heading": heading},
    )


# The office's steps, each a service call and what it says once done.
_STEPS = {
    "publish": (plan.programme_publish, gettext_lazy("The plan is published to all staff.")),
    "close": (
        recommendation.recommendation_close,
        gettext_lazy(
            "Recommendation closed. A comprehensive evaluation sheet is open for each nominee."
        ),
    ),
    "submit": (
        selection.list_submit,
        gettext_lazy("The preliminary list is before the party committee."),
    ),
    "return": (selection.list_return, gettext_lazy("The list is back with the office.")),
    "publish-result": (selection.result_publish, gettext_lazy("The result is published.")),
}


@programme_view(Can.MANAGE)
@require_POST
def programme_step(request, org, programme, step):
    if step not in _STEPS:
        raise Http404
    action, success = _STEPS[step]
    try:
        action(actor=request.user, programme=programme)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, str(success))
    return redirect("reserve:detail", org.code, programme.pk)


def public_page(request, code, pk):
    """The plan, published to all staff, and once decided the result: no login, like the
    campaign's published plan."""
    org = get_object_or_404(Organisation, code=code)
    programme = (
        Programme.objects.filter(organisation=org, pk=pk)
        .exclude(status=Programme.Status.DRAFT)
        .first()
    )
    if programme is None:
        raise Http404
    return render(
        request,
        "reserve/public.html",
        {
            "programme": programme,
            "public_org": org,
            "tiers": programme.tiers.all(),
            "stages": programme.stages.all(),
            "leading_group": programme.leading_group.members.select_related("person")
            if programme.leading_group_id
            else [],
            "decided": selectors.decided(programme) if programme.result_published_at else None,
        },
    )
