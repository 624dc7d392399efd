"""The organisation's side of an evaluation: prepare, issue codes, open, check in, paper
ballots, the meeting screen, close, results."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cadre.campaigns.models import Campaign
from cadre.core.downloads import written
from cadre.core.shortcuts import as_id, flash_errors, org_render
from cadre.orgs.access import Can, get_org_for_user
from cadre.people.models import Person
from cadre.people.vocab import ACTIVE_STATUSES

from . import paper, results, services
from .forms import CodesForm, EvaluationForm, PaperBatchForm
from .models import CheckIn, Evaluation, PaperBatch, VotingCode


def _evaluation(request, code, pk, capability=Can.MANAGE):
    org = get_org_for_user(request, code, capability)
    evaluation = get_object_or_404(Evaluation, organisation=org, pk=pk)
    return org, services.close_if_due(evaluation)


@login_required
def evaluation_list(request, code):
    org = get_org_for_user(request, code, Can.VIEW_ROSTER)
    evaluations = Evaluation.objects.filter(organisation=org).select_related("campaign")
    campaigns = Campaign.objects.filter(organisation=org, status=Campaign.Status.REVIEW_DONE)
    return org_render(
        request,
        "ballots/list.html",
        org,
        "ballots",
        {"evaluations": evaluations, "campaigns": campaigns},
    )


@login_required
def evaluation_new(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    campaign = None
    if request.GET.get("campaign") or request.POST.get("campaign"):
        campaign = get_object_or_404(
            Campaign,
            organisation=org,
            pk=as_id(request.GET.get("campaign") or request.POST["campaign"]),
        )
    candidates = services.campaign_candidates(campaign) if campaign else []
    entitled = Person.objects.filter(organisation=org, status__in=ACTIVE_STATUSES).count()
    form = EvaluationForm(
        request.POST or None,
        instance=Evaluation(organisation=org, campaign=campaign),
        initial={
            "title": f"{campaign.title}民主测评" if campaign else "",
            "entitled": entitled,
            "speech_minutes": campaign.speech_minutes if campaign else 6,
        },
    )
    if request.method == "POST" and form.is_valid():
        form.instance.options = form.options()
        try:
            evaluation = services.evaluation_create(
                actor=request.user,
                evaluation=form.instance,
                candidates=candidates,
                with_unknown=form.cleaned_data["with_unknown"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("ballots:detail", org.code, evaluation.pk)
    return org_render(
        request,
        "ballots/new.html",
        org,
        "ballots",
        {"form": form, "campaign": campaign, "candidates": candidates},
    )


@login_required
def evaluation_detail(request, code, pk):
    org, evaluation = _evaluation(request, code, pk, Can.VIEW_ROSTER)
    codes = VotingCode.objects.filter(evaluation=evaluation, batch__voided=False)
    return org_render(
        request,
        "ballots/detail.html",
        org,
        "ballots",
        {
            "evaluation": evaluation,
            "candidates": evaluation.candidates.select_related("person"),
            "codes_issued": codes.count(),
            "codes_used": codes.filter(spent=True).count(),
            "checked_in": evaluation.check_ins.count(),
            "batches": evaluation.paper_batches.prefetch_related("entries__entered_by"),
            "codes_form": CodesForm(initial={"count": evaluation.entitled or 50}),
            "paper_form": PaperBatchForm(),
            "vote_url": request.build_absolute_uri(reverse("vote", args=[evaluation.public_id])),
            "rows": results.rows(evaluation) if evaluation.status == "closed" else [],
            "discrepancies": services.discrepancies(evaluation.result.get("reconciliation"))
            if evaluation.status == "closed"
            else [],
        },
    )


@login_required
@require_POST
def evaluation_step(request, code, pk, step):
    org, evaluation = _evaluation(request, code, pk)
    actions = {"open": services.evaluation_open, "close": services.evaluation_close}
    if step not in actions:
        raise Http404
    try:
        actions[step](actor=request.user, evaluation=evaluation)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("ballots:detail", org.code, evaluation.pk)


@login_required
@require_POST
@never_cache
def codes_issue(request, code, pk):
    """Issue codes and show them once, as printable slips: they are stored nowhere else."""
    org, evaluation = _evaluation(request, code, pk)
    form = CodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Issue between 1 and 2000 codes."))
        return redirect("ballots:detail", org.code, evaluation.pk)
    try:
        plain = services.codes_issue(
            actor=request.user, evaluation=evaluation, count=form.cleaned_data["count"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("ballots:detail", org.code, evaluation.pk)
    base = request.build_absolute_uri(reverse("vote", args=[evaluation.public_id]))
    slips = [
        {"code": c, "qr": segno.make(f"{base}#code={c}", error="m").svg_inline(scale=3, border=1)}
        for c in plain
    ]
    response = org_render(
        request,
        "ballots/slips.html",
        org,
        "ballots",
        {"evaluation": evaluation, "slips": slips, "vote_url": base},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def check_in(request, code, pk):
    org, evaluation = _evaluation(request, code, pk)
    if request.method == "POST":
        person = get_object_or_404(Person, organisation=org, pk=as_id(request.POST.get("person")))
        try:
            services.check_in(
                actor=request.user,
                evaluation=evaluation,
                person=person,
                present=request.POST.get("present") == "1",
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        if request.headers.get("HX-Request"):
            present = CheckIn.objects.filter(evaluation=evaluation, person=person).exists()
            return org_render(
                request,
                "ballots/_checkin_row.html",
                org,
                "ballots",
                {
                    "p": person,
                    "present": present,
                    "evaluation": evaluation,
                    "count": evaluation.check_ins.count(),
                },
            )
        return redirect("ballots:check_in", org.code, evaluation.pk)
    q = request.GET.get("q", "").strip()
    staff = Person.objects.filter(organisation=org, status__in=ACTIVE_STATUSES)
    if q:
        staff = staff.filter(name__contains=q) | staff.filter(staff_no=q)
    present = set(evaluation.check_ins.values_list("person_id", flat=True))
    return org_render(
        request,
        "ballots/checkin.html",
        org,
        "ballots",
        {
            "evaluation": evaluation,
            "staff": [(p, p.pk in present) for p in staff.order_by("staff_no")[:300]],
            "q": q,
            "count": len(present),
        },
    )


@login_required
@require_POST
def paper_batch_new(request, code, pk):
    org, evaluation = _evaluation(request, code, pk)
    form = PaperBatchForm(request.POST)
    if form.is_valid():
        batch = PaperBatch.objects.create(evaluation=evaluation, **form.cleaned_data)
        return redirect("ballots:paper", org.code, evaluation.pk, batch.pk)
    messages.error(request, _("Give the batch a label."))
    return redirect("ballots:detail", org.code, evaluation.pk)


@login_required
def paper_entry(request, code, pk, batch_pk):
    org, evaluation = _evaluation(request, code, pk)
    batch = get_object_or_404(PaperBatch, pk=batch_pk, evaluation=evaluation)
    candidates = list(evaluation.candidates.select_related("person"))
    error = None
    if request.method == "POST":
        try:
            data = paper.parse(evaluation, batch, candidates, request.POST)
            services.paper_enter(actor=request.user, batch=batch, data=data)
        except ValidationError as exc:
            error = exc.messages
        else:
            batch.refresh_from_db()
            if batch.confirmed:
                messages.success(request, _("Both entries match: the batch is counted."))
            elif batch.entries.count() >= 2:
                messages.error(
                    request, _("The two entries differ. Check the ballots and correct yours.")
                )
            else:
                messages.success(
                    request,
                    _("Entry saved. A second person must enter the same batch before it counts."),
                )
            return redirect("ballots:detail", org.code, evaluation.pk)
    mine = batch.entries.filter(entered_by=request.user).first()
    return org_render(
        request,
        "ballots/paper.html",
        org,
        "ballots",
        {
            "evaluation": evaluation,
            "batch": batch,
            "candidates": candidates,
            "options": evaluation.options,
            "error": error,
            "legend": paper.legend(evaluation),
            "mine": mine.data if mine else None,
            "text": request.POST.get(
                "ballots",
                paper.as_text(evaluation, candidates, mine.data)
                if mine and batch.kind == "ballots"
                else "",
            ),
        },
    )


@login_required
def paper_sheet(request, code, pk):
    """A printable paper ballot for voters without a phone."""
    org, evaluation = _evaluation(request, code, pk, Can.VIEW_ROSTER)
    return org_render(
        request,
        "ballots/paper_sheet.html",
        org,
        "ballots",
        {"evaluation": evaluation, "candidates": evaluation.candidates.select_related("person")},
    )


@login_required
def screen(request, code, pk):
    """The projector: speaker and countdown, next speakers, turnout; results once closed."""
    org, evaluation = _evaluation(request, code, pk, Can.VIEW_ROSTER)
    template = (
        "ballots/_screen.html" if request.headers.get("HX-Request") else ("ballots/screen.html")
    )
    return org_render(request, template, org, "ballots", results.screen_context(evaluation))


@login_required
@require_POST
def speaker(request, code, pk):
    org, evaluation = _evaluation(request, code, pk)
    raw = request.POST.get("index", "")
    try:
        services.speaker_set(
            actor=request.user, evaluation=evaluation, index=int(raw) if raw != "" else None
        )
    except (ValidationError, ValueError):
        messages.error(request, _("There is no such speaker."))
    to = request.POST.get("next", "")
    # Only back to a page of this site: anything else is an open redirect (or, typed as a
    # bare word, a view name that redirect() fails to reverse).
    if not (to.startswith("/") and url_has_allowed_host_and_scheme(to, {request.get_host()})):
        to = reverse("ballots:screen", args=[org.code, evaluation.pk])
    return redirect(to)


@login_required
def results_xlsx(request, code, pk):
    org, evaluation = _evaluation(request, code, pk, Can.VIEW_ROSTER)
    if evaluation.status != Evaluation.Status.CLOSED:
        messages.error(request, _("The results are counted when voting closes."))
        return redirect("ballots:detail", org.code, evaluation.pk)
    return written(
        lambda buf: results.write_xlsx(evaluation, buf),
        f"{evaluation.title}-民主测评结果统计表.xlsx",
    )
