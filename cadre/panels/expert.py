"""The expert's side: a personal link, no account, for a tablet or a phone."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cadre.campaigns.models import Candidacy
from cadre.people.models import Person

from . import services
from .models import Panel, ScoreSheet


def _expert(token):
    expert = services.expert_for_token(token)
    if expert is None:
        raise Http404
    return expert


@never_cache
def expert_home(request, token):
    expert = _expert(token)
    panel = expert.panel
    sheets = {s.person_id: s for s in expert.sheets.all()}
    conflicts = set(expert.conflicts.values_list("pk", flat=True))
    rows = [
        {"person": p, "note": note, "sheet": sheets.get(p.pk), "conflict": p.pk in conflicts}
        for p, note in services.candidates(panel)
    ]
    return render(
        request,
        "panels/expert_home.html",
        {
            "expert": expert,
            "panel": panel,
            "rows": rows,
            "token": token,
            "open": panel.status == Panel.Status.OPEN,
        },
    )


@csrf_exempt  # the personal token in the path is the credential; there is no session
@never_cache
def expert_conflict(request, token, person_pk):
    expert = _expert(token)
    person = get_object_or_404(
        Person, pk=person_pk, organisation=expert.panel.campaign.organisation
    )
    if request.method == "POST" and expert.panel.status == Panel.Status.OPEN:
        services.conflict_declare(
            expert=expert, person=person, conflicted=request.POST.get("conflict") == "1"
        )
    return redirect("expert_home", token)


@csrf_exempt
@never_cache
def expert_sheet(request, token, person_pk):
    expert = _expert(token)
    panel = expert.panel
    candidates = dict(services.candidates(panel))
    person = next((p for p in candidates if p.pk == person_pk), None)
    if person is None:
        raise Http404
    sheet = ScoreSheet.objects.filter(expert=expert, person=person).first()
    error = None
    values = dict(sheet.points) if sheet else {}
    if request.method == "POST":
        values = {d["code"]: request.POST.get(d["code"], "") for d in panel.dimensions}
        try:
            services.sheet_save(
                expert=expert,
                person=person,
                raw_points=values,
                submit=request.POST.get("action") == "submit",
                signature=request.POST.get("signature", ""),
            )
        except ValidationError as exc:
            error = exc.messages
        else:
            return redirect("expert_home", token)
    positions = Candidacy.objects.filter(
        application__campaign=panel.campaign,
        application__person=person,
        result=Candidacy.Result.QUALIFIED,
    ).values_list("position_id", flat=True)
    return render(
        request,
        "panels/expert_sheet.html",
        {
            "expert": expert,
            "panel": panel,
            "person": person,
            "note": candidates[person],
            "sheet": sheet,
            "values": values,
            "error": error,
            "token": token,
            "dimensions": [{**d, "value": values.get(d["code"], "")} for d in panel.dimensions],
            "questions": [q for pid in positions if (q := panel.questions.get(str(pid)))],
            "locked": sheet is not None and sheet.status == ScoreSheet.Status.SUBMITTED,
            "conflict": expert.conflicts.filter(pk=person.pk).exists(),
        },
    )
