"""The campaign office's and the chair's side of the oral defence."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.campaigns.forms import DecisionForm
from cadre.campaigns.views._helpers import get_campaign
from cadre.core.downloads import written
from cadre.core.shortcuts import as_id, flash_errors, org_render
from cadre.decisions.services import decision_from_form
from cadre.orgs.access import Can, can

from . import exports, services
from .forms import ExpertForm, PanelForm, ReopenForm
from .models import Panel, ScoreSheet


def _panel(request, code, pk, capability=Can.MANAGE):
    org, campaign = get_campaign(request, code, pk, capability)
    return org, campaign, Panel.objects.filter(campaign=campaign).first()


@login_required
def panel_home(request, code, pk):
    org, campaign, panel = _panel(request, code, pk, Can.VIEW_ROSTER)
    # Those who see the roster follow the panel; setting it up is the office's.
    if request.method == "POST" and not can(request.user, org, Can.MANAGE):
        raise PermissionDenied
    if panel is None:
        form = PanelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("extra_dimensions", "maxima")
            }
            try:
                services.panel_create(
                    actor=request.user, campaign=campaign, dimensions=form.dimensions(), **data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("panels:home", org.code, campaign.pk)
        return org_render(
            request, "panels/new.html", org, "campaigns", {"campaign": campaign, "form": form}
        )
    people = [p for p, _note in services.candidates(panel)]
    experts = list(panel.experts.prefetch_related("conflicts"))
    sheets = {(s.expert_id, s.person_id): s for s in panel.sheets.all()}
    matrix = []
    for expert in experts:
        conflicted = {p.pk for p in expert.conflicts.all()}
        cells = []
        for person in people:
            sheet = sheets.get((expert.pk, person.pk))
            cells.append({"person": person, "sheet": sheet, "conflict": person.pk in conflicted})
        matrix.append({"expert": expert, "cells": cells})
    return org_render(
        request,
        "panels/home.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "panel": panel,
            "people": people,
            "matrix": matrix,
            "expert_form": ExpertForm(),
            "positions": [
                (p, panel.questions.get(str(p.pk), ""), panel.places(p))
                for p in campaign.positions.all()
            ],
            "reopen_form": ReopenForm(),
        },
    )


@login_required
@require_POST
def expert_add(request, code, pk):
    org, campaign, panel = _panel(request, code, pk)
    form = ExpertForm(request.POST)
    if panel is None or not form.is_valid():
        messages.error(request, _("Give the expert's name and affiliation."))
        return redirect("panels:home", org.code, campaign.pk)
    expert, token = services.expert_add(actor=request.user, panel=panel, **form.cleaned_data)
    link = request.build_absolute_uri(reverse("expert_home", args=[token]))
    response = org_render(
        request,
        "panels/expert_link.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "expert": expert,
            "link": link,
            "qr": segno.make(link, error="m").svg_inline(scale=4, border=1),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def panel_step(request, code, pk, step):
    org, campaign, panel = _panel(request, code, pk)
    action = {"open": services.panel_open, "close": services.panel_close}.get(step)
    if panel and action:
        try:
            action(actor=request.user, panel=panel)
        except ValidationError as exc:
            flash_errors(request, exc)
    return redirect("panels:home", org.code, campaign.pk)


@login_required
@require_POST
def sheet_reopen(request, code, pk, sheet_pk):
    org, campaign, panel = _panel(request, code, pk, Can.DECIDE)
    sheet = get_object_or_404(ScoreSheet, pk=sheet_pk, panel=panel)
    if panel.chair_id and panel.chair_id != request.user.pk:
        messages.error(request, _("Only the chair can reopen a sheet."))
        return redirect("panels:home", org.code, campaign.pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reopening a sheet needs a reason."))
        services.sheet_reopen(actor=request.user, sheet=sheet, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("panels:home", org.code, campaign.pk)


@login_required
def ranking(request, code, pk):
    org, campaign, panel = _panel(request, code, pk, Can.VIEW_ROSTER)
    # The shortlist is the leading group's decision, recorded by it or by the office for it.
    if request.method == "POST" and not can(request.user, org, Can.DECIDE):
        raise PermissionDenied
    if panel is None:
        return redirect("panels:home", org.code, campaign.pk)
    form = DecisionForm(
        request.POST or None,
        body=campaign.leading_group,
        initial={"subject": _("Shortlist for inspection of %(t)s") % {"t": campaign.title}},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                decision = decision_from_form(
                    actor=request.user,
                    body=campaign.leading_group,
                    kind="shortlist",
                    data=form.cleaned_data,
                )
                services.shortlist_confirm(actor=request.user, panel=panel, decision=decision)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The shortlist is confirmed."))
            return redirect("panels:ranking", org.code, campaign.pk)
    return org_render(
        request,
        "panels/ranking.html",
        org,
        "campaigns",
        {"campaign": campaign, "panel": panel, "rows": services.ranking(panel), "form": form},
    )


@login_required
def paper_sheet(request, code, pk):
    """A blank paper score sheet for an expert who prefers paper."""
    org, campaign, panel = _panel(request, code, pk, Can.VIEW_ROSTER)
    if panel is None:
        return redirect("panels:home", org.code, campaign.pk)
    return org_render(
        request,
        "panels/paper_sheet.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "panel": panel,
            "candidates": services.candidates(panel),
            "experts": panel.experts.all(),
        },
    )


@login_required
def paper_entry(request, code, pk):
    org, campaign, panel = _panel(request, code, pk)
    if panel is None:
        return redirect("panels:home", org.code, campaign.pk)
    people = {p.pk: p for p, _note in services.candidates(panel)}
    if request.method == "POST":
        expert = get_object_or_404(panel.experts, pk=as_id(request.POST.get("expert")))
        person = people.get(as_id(request.POST.get("person")))
        try:
            if person is None:
                raise ValidationError(_("Choose a candidate."))
            sheet = services.paper_score_enter(
                actor=request.user,
                expert=expert,
                person=person,
                raw_points={d["code"]: request.POST.get(d["code"], "") for d in panel.dimensions},
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request,
                _("Both entries match: the sheet is submitted.")
                if sheet
                else _("Entry saved. It counts once a second person's entry matches it."),
            )
        return redirect("panels:paper_entry", org.code, campaign.pk)
    return org_render(
        request,
        "panels/paper_entry.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "panel": panel,
            "people": people.values(),
            "experts": panel.experts.all(),
        },
    )


@login_required
@require_POST
def questions(request, code, pk):
    org, campaign, panel = _panel(request, code, pk)
    if panel is not None:
        positions = campaign.positions.all()
        try:
            services.questions_set(
                actor=request.user,
                panel=panel,
                questions={str(p.pk): request.POST.get(f"q{p.pk}", "") for p in positions},
                places={str(p.pk): request.POST.get(f"n{p.pk}", "") for p in positions},
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Questions saved."))
    return redirect("panels:home", org.code, campaign.pk)


@login_required
def summary_xlsx(request, code, pk):
    org, campaign, panel = _panel(request, code, pk, Can.VIEW_ROSTER)
    if panel is None:
        return redirect("panels:home", org.code, campaign.pk)
    return written(
        lambda buf: exports.score_summary_xlsx(panel, buf),
        f"{campaign.title}-现场答辩评分汇总表.xlsx",
    )


@login_required
def ranking_xlsx(request, code, pk):
    org, campaign, panel = _panel(request, code, pk, Can.VIEW_ROSTER)
    if panel is None:
        return redirect("panels:home", org.code, campaign.pk)
    return written(
        lambda buf: exports.ranking_xlsx(panel, buf), f"{campaign.title}-综合成绩排名表.xlsx"
    )
