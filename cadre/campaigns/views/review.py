from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cadre.ballots.services import evaluation_outcomes
from cadre.core.shortcuts import form_errors, org_render
from cadre.decisions.services import decision_from_form
from cadre.orgs.access import Can, can
from cadre.reserve.selectors import reserve_flags

from ..forms import DecisionForm, ExemptionForm, ReviewForm
from ..models import Application, Candidacy, Rule
from ..services import review
from ._helpers import get_campaign


@login_required
def review_list(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    candidacies = (
        Candidacy.objects.filter(
            application__campaign=campaign, application__status=Application.Status.SUBMITTED
        )
        .select_related("application__person", "position")
        .order_by("position__order", "application__person__staff_no")
    )
    flags = reserve_flags(org, {c.application.person_id for c in candidacies})
    for c in candidacies:
        c.reserve = flags.get(c.application.person_id)
    return org_render(
        request,
        "campaigns/review_list.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "candidacies": candidacies,
            "can_review": can(request.user, org, Can.REVIEW),
            "can_decide": can(request.user, org, Can.DECIDE),
            "pending": sum(1 for c in candidacies if not c.result),
            "evaluated": evaluation_outcomes(campaign),
        },
    )


def _candidacy(campaign, candidacy_pk) -> Candidacy:
    return get_object_or_404(
        Candidacy.objects.select_related(
            "application__person", "position", "application__campaign"
        ),
        pk=candidacy_pk,
        application__campaign=campaign,
    )


@login_required
def review_candidacy(request, code, pk, candidacy_pk):
    org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    candidacy = _candidacy(campaign, candidacy_pk)
    can_review = can(request.user, org, Can.REVIEW)
    if request.method == "POST" and not can_review:
        raise PermissionDenied
    manual = [
        r
        for r in campaign.rules.filter(kind=Rule.Kind.MANUAL)
        if r.applies_to(candidacy.position.level)
    ]
    initial = {"result": candidacy.result, "reason": candidacy.reason}
    for r in manual:
        a = candidacy.attestations.get(str(r.pk), {})
        initial[f"met_{r.pk}"], initial[f"note_{r.pk}"] = a.get("met", False), a.get("note", "")
    form = ReviewForm(request.POST or None, manual_rules=manual, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review.candidacy_review(
                actor=request.user,
                candidacy=candidacy,
                attestations=form.attestations(),
                result=form.cleaned_data["result"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Review of %(name)s saved.") % {"name": candidacy.application.person.name},
            )
            return redirect("campaigns:review", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/review_candidacy.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "candidacy": candidacy,
            "form": form,
            "rows": review.candidacy_verdicts(candidacy),
            "person": candidacy.application.person,
            "reserve": reserve_flags(org, [candidacy.application.person_id]).get(
                candidacy.application.person_id
            ),
            "can_decide": can(request.user, org, Can.DECIDE),
            "can_review": can_review,
        },
    )


def _decide(request, campaign, kind, data):
    return decision_from_form(actor=request.user, body=campaign.leading_group, kind=kind, data=data)


@login_required
def exemption_new(request, code, pk, candidacy_pk):
    """Record the leading group's decision to relax a condition, and the exemption itself."""
    org, campaign = get_campaign(request, code, pk, Can.DECIDE)
    candidacy = _candidacy(campaign, candidacy_pk)
    if not campaign.leading_group:
        messages.error(request, _("The plan names no leading group."))
        return redirect("campaigns:review", org.code, campaign.pk)
    person = candidacy.application.person
    form = ExemptionForm(
        request.POST or None,
        body=campaign.leading_group,
        candidacy=candidacy,
        initial={"subject": _("Exemption for %(name)s") % {"name": person.name}},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                decision = _decide(request, campaign, "exemption", data)
                review.exemption_grant(
                    actor=request.user,
                    candidacy=candidacy,
                    rule=data["rule"],
                    reason=data["reason"],
                    decision=decision,
                )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Exemption recorded."))
            return redirect("campaigns:review_candidacy", org.code, campaign.pk, candidacy.pk)
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {
            "form": form,
            "campaign": campaign,
            "heading": _("Relax a condition for %(name)s (%(position)s)")
            % {"name": person.name, "position": candidacy.position.title},
        },
    )


@login_required
def confirm_candidates(request, code, pk):
    """The leading group confirms the list of candidates collectively."""
    org, campaign = get_campaign(request, code, pk, Can.DECIDE)
    if not campaign.leading_group:
        messages.error(request, _("The plan names no leading group."))
        return redirect("campaigns:review", org.code, campaign.pk)
    form = DecisionForm(
        request.POST or None,
        body=campaign.leading_group,
        initial={"subject": _("List of candidates of %(title)s") % {"title": campaign.title}},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                decision = _decide(request, campaign, "candidate_list", data)
                review.campaign_confirm_candidates(
                    actor=request.user, campaign=campaign, decision=decision
                )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The list of candidates is confirmed."))
            return redirect("campaigns:review", org.code, campaign.pk)
    qualified = Candidacy.objects.filter(
        application__campaign=campaign,
        application__status=Application.Status.SUBMITTED,
        result=Candidacy.Result.QUALIFIED,
    ).select_related("application__person", "position")
    return org_render(
        request,
        "campaigns/confirm.html",
        org,
        "campaigns",
        {"form": form, "campaign": campaign, "qualified": qualified},
    )
