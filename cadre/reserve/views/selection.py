"""综合考评 and 党委会讨论确定: the sheets, the preliminary list, the committee's decision."""

from itertools import zip_longest

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.shortcuts import org_render, saved
from cadre.decisions.models import Decision
from cadre.orgs.access import Can, can

from .. import selectors
from ..forms import CommitteeDecisionForm, SheetForm
from ..models import Programme, Sheet
from ..services import selection as service
from ..services._meeting import Meeting
from ._helpers import programme_view


@programme_view(Can.VIEW_ROSTER)
def sheets(request, org, programme):
    rows = selectors.sheet_rows(programme)
    return org_render(
        request,
        "reserve/sheets.html",
        org,
        "reserve",
        {
            "programme": programme,
            "rows": rows,
            "lists": selectors.preliminary(programme, rows),
            "can_decide": can(request.user, org, Can.DECIDE),
            "editable": programme.status == Programme.Status.EVALUATION,
        },
    )


@programme_view(Can.VIEW_ROSTER)
def sheet(request, org, programme, person_pk):
    item = get_object_or_404(Sheet, programme=programme, person_id=person_pk)
    row = selectors.sheet_rows(programme, Sheet.objects.filter(pk=item.pk))[0]
    editable = programme.status == Programme.Status.EVALUATION and can(
        request.user, org, Can.DECIDE
    )
    form = SheetForm(request.POST or None, instance=item)
    if editable and saved(
        request,
        form,
        lambda data: service.sheet_save(
            actor=request.user,
            sheet=item,
            criteria_met=form.criteria_met(),
            staff_opinion=data["staff_opinion"],
            conduct=data["conduct"],
            remarks=data["remarks"],
            proposed_tier=data["proposed_tier"],
        ),
        _("Saved."),
    ):
        return redirect("reserve:sheets", org.code, programme.pk)
    return org_render(
        request,
        "reserve/sheet.html",
        org,
        "reserve",
        {
            "programme": programme,
            "row": row,
            "form": form,
            "editable": editable,
            "tiers": programme.tiers.all(),
            "criteria": list(
                zip_longest(programme.criteria, item.criteria_met[: len(programme.criteria)])
            ),
        },
    )


@programme_view(Can.COMMITTEE)
def decision(request, org, programme):
    if programme.status != Programme.Status.SUBMITTED or not programme.committee_id:
        return redirect("reserve:detail", org.code, programme.pk)
    rows = selectors.sheet_rows(programme, programme.sheets.filter(proposed_tier__isnull=False))
    form = CommitteeDecisionForm(
        request.POST or None,
        body=programme.committee,
        rows=rows,
        tiers=list(programme.tiers.all()),
        initial={
            "subject": _("Decide the reserve cadres of %(title)s") % {"title": programme.title},
            "date": timezone.localdate(),
        },
    )
    outcome = {}

    def decide(data):
        outcome["decision"] = service.committee_decide(
            actor=request.user,
            programme=programme,
            chosen=form.chosen(),
            meeting=Meeting.from_form(data),
        )

    if saved(request, form, decide, _("The committee's decision is recorded.")):
        if outcome["decision"].outcome != Decision.Outcome.APPROVED:
            messages.warning(
                request, _("The motion was not carried: the list is back with the office.")
            )
        return redirect("reserve:detail", org.code, programme.pk)
    return org_render(
        request,
        "reserve/decision.html",
        org,
        "reserve",
        {
            "programme": programme,
            "form": form,
            "rows": rows,
            "lists": selectors.preliminary(programme, rows),
        },
    )
