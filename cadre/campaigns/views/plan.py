from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.appointments.timeline import timeline, waiting_on
from cadre.core.shortcuts import (
    as_id,
    flash_errors,
    flashed,
    form_errors,
    org_render,
    querystring_without_page,
    saved,
)
from cadre.orgs.access import Can, can, get_org_for_user
from cadre.reserve.selectors import reserve_flags

from .. import selectors
from ..eligibility import who_could_apply
from ..forms import (
    CampaignForm,
    CopyForm,
    FileForm,
    LeadingGroupForm,
    PositionForm,
    RuleForm,
    StageForm,
)
from ..models import Application, Campaign, CampaignPosition, Nomination, Rule, Stage
from ..services import plan
from ._helpers import get_campaign


@login_required
def campaign_list(request, code):
    org = get_org_for_user(request, code, Can.VIEW)
    campaigns = Campaign.objects.filter(organisation=org)
    if not can(request.user, org, Can.MANAGE):
        campaigns = campaigns.exclude(status=Campaign.Status.DRAFT).exclude(
            status=Campaign.Status.FILED
        )
    manage = can(request.user, org, Can.MANAGE)
    rows = [{"campaign": c, "waiting": waiting_on(c) if manage else []} for c in campaigns]
    return org_render(
        request,
        "campaigns/list.html",
        org,
        "campaigns",
        {"rows": rows, "can_manage": manage},
    )


@login_required
def campaign_new(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    form = CampaignForm(request.POST or None, instance=Campaign(organisation=org))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = plan.campaign_save(actor=request.user, campaign=form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Campaign created. Add its positions, conditions, timetable and leading group."),
            )
            return redirect("campaigns:detail", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {"form": form, "heading": _("New campaign")},
    )


@login_required
def campaign_edit(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    form = CampaignForm(request.POST or None, instance=campaign)
    if saved(
        request,
        form,
        lambda _data: plan.campaign_save(actor=request.user, campaign=form.instance),
        _("Saved."),
    ):
        return redirect("campaigns:detail", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {"form": form, "heading": campaign.title, "campaign": campaign},
    )


@login_required
def campaign_copy(request, code, pk):
    org, source = get_campaign(request, code, pk, Can.MANAGE)
    form = CopyForm(
        request.POST or None,
        initial={
            "title": source.title,
            "registration_opens": _a_year_later(source.registration_opens),
            "registration_deadline": _a_year_later(source.registration_deadline),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = plan.campaign_copy(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Copied. Every date moved with the registration."))
            return redirect("campaigns:detail", org.code, copy.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {
            "form": form,
            "heading": _("Copy as a new campaign"),
            "campaign": source,
        },
    )


def _a_year_later(moment):
    local = timezone.localtime(moment)
    try:
        return local.replace(year=local.year + 1)
    except ValueError:  # 29 February
        return local.replace(year=local.year + 1, day=28)


@login_required
def campaign_detail(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.VIEW)
    manage = can(request.user, org, Can.MANAGE)
    if not manage and campaign.status in (Campaign.Status.DRAFT, Campaign.Status.FILED):
        return redirect("campaigns:list", org.code)
    campaign = selectors.campaign_detail(campaign)
    me = getattr(request.user, "person", None)
    ctx = {
        "campaign": campaign,
        "can_manage": manage,
        "can_review": can(request.user, org, Can.REVIEW),
        "can_decide": can(request.user, org, Can.DECIDE),
        "review_link": (can(request.user, org, Can.REVIEW) or can(request.user, org, Can.DECIDE))
        and campaign.status in (Campaign.Status.REGISTRATION_CLOSED, Campaign.Status.REVIEW_DONE),
        "evaluations": campaign.evaluations.all()
        if can(request.user, org, Can.VIEW_ROSTER)
        else [],
        "problems": plan.plan_problems(campaign) if campaign.status == "draft" else [],
        "members": campaign.leading_group.members.select_related("person")
        if campaign.leading_group
        else [],
        "file_form": FileForm() if campaign.status == Campaign.Status.DRAFT else None,
        "now": timezone.now(),
        "my_application": Application.objects.filter(campaign=campaign, person=me).first()
        if me and me.organisation_id == org.pk
        else None,
        "my_nominations": Nomination.objects.filter(
            campaign=campaign, nominee=me, status=Nomination.Status.PENDING
        ).select_related("position")
        if me
        else [],
    }
    if manage and campaign.status != Campaign.Status.DRAFT:
        ctx["by_position"] = selectors.applications_by_position(campaign)
    if campaign.status != Campaign.Status.DRAFT:
        ctx["timeline"] = timeline(campaign)
        if manage:
            ctx["waiting"] = waiting_on(campaign)
    return org_render(request, "campaigns/detail.html", org, "campaigns", ctx)


def _part_view(
    request, code, pk, model, form_class, service_save, label, part_pk=None, form_kwargs=None
):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    instance = get_object_or_404(model, pk=part_pk, campaign=campaign) if part_pk else None
    kwargs = {"organisation": org} if form_class is PositionForm else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if saved(
        request,
        form,
        lambda _data: service_save(actor=request.user, campaign=campaign, **{label: form.instance}),
        _("Saved."),
    ):
        return redirect("campaigns:detail", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {"form": form, "campaign": campaign, "heading": model._meta.verbose_name},
    )


@login_required
def position_edit(request, code, pk, part_pk=None):
    return _part_view(
        request, code, pk, CampaignPosition, PositionForm, plan.position_save, "position", part_pk
    )


@login_required
def stage_edit(request, code, pk, part_pk=None):
    return _part_view(request, code, pk, Stage, StageForm, plan.stage_save, "stage", part_pk)


@login_required
def rule_edit(request, code, pk, part_pk=None):
    return _part_view(request, code, pk, Rule, RuleForm, plan.rule_save, "rule", part_pk)


_DELETERS = {
    "position": (CampaignPosition, plan.position_delete),
    "stage": (Stage, plan.stage_delete),
    "rule": (Rule, plan.rule_delete),
}


@login_required
@require_POST
def part_delete(request, code, pk, part, part_pk):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    if part not in _DELETERS:
        raise Http404
    model, delete = _DELETERS[part]
    obj = get_object_or_404(model, pk=part_pk, campaign=campaign)
    try:
        delete(actor=request.user, **{part: obj})
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Deleted."))
    return redirect("campaigns:detail", org.code, campaign.pk)


@login_required
def leading_group_edit(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    initial = {"formed_on": campaign.leading_group_formed_on or timezone.localdate()}
    if campaign.leading_group:
        initial["staff_nos"] = "\n".join(
            m.person.staff_no for m in campaign.leading_group.members.select_related("person")
        )
    form = LeadingGroupForm(request.POST or None, organisation=org, initial=initial)
    if saved(
        request,
        form,
        lambda data: plan.leading_group_set(
            actor=request.user,
            campaign=campaign,
            members=data["staff_nos"],
            formed_on=data["formed_on"],
        ),
        _("Leading group saved."),
    ):
        return redirect("campaigns:detail", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {"form": form, "campaign": campaign, "heading": _("Leading group")},
    )


@login_required
@require_POST
def campaign_file(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    flashed(
        request,
        FileForm(request.POST),
        lambda data: plan.campaign_file(actor=request.user, campaign=campaign, **data),
        _("The plan is recorded as approved and filed."),
    )
    return redirect("campaigns:detail", org.code, campaign.pk)


@login_required
@require_POST
def campaign_step(request, code, pk, step):
    org, campaign = get_campaign(request, code, pk, Can.MANAGE)
    steps = {
        "publish": (plan.campaign_publish, _("Published: registration is open.")),
        "close": (plan.campaign_close_registration, _("Registration closed.")),
    }
    if step not in steps:
        return redirect("campaigns:detail", org.code, campaign.pk)
    action, done = steps[step]
    try:
        action(actor=request.user, campaign=campaign)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("campaigns:detail", org.code, campaign.pk)


def _flagged(org, by_position: dict) -> dict:
    """Each prospect with his reserve record: a reserve cadre promoted at the end of his
    cycle (提拔任用) is the pipeline's answer to this campaign, and reviewers should see it."""
    flags = reserve_flags(org, {p.person_id for people in by_position.values() for p in people})
    return {
        position: [(p, flags.get(p.person_id)) for p in people]
        for position, people in by_position.items()
    }


# A large school's roster meets a position's conditions by the thousand: the overview shows
# the first of each, and one position at a time is paged through.
PROSPECTS_PREVIEW = 50
PROSPECTS_PER_PAGE = 100


@login_required
def prospects(request, code, pk):
    """Who could apply: staff meeting every machine-checkable condition, per position."""
    org = get_org_for_user(request, code, Can.VIEW_ROSTER)
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    everyone = who_could_apply(campaign)
    chosen = as_id(request.GET.get("position"))
    page = None
    if chosen is not None:
        position = next((p for p in everyone if p.pk == chosen), None)
        if position is None:
            raise Http404
        page = Paginator(everyone[position], PROSPECTS_PER_PAGE).get_page(request.GET.get("page"))
        shown = {position: page.object_list}
    else:
        shown = {position: people[:PROSPECTS_PREVIEW] for position, people in everyone.items()}
    return org_render(
        request,
        "campaigns/prospects.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "by_position": _flagged(org, shown),
            "totals": {position.pk: len(people) for position, people in everyone.items()},
            "page": page,
            "querystring": querystring_without_page(request),
        },
    )
