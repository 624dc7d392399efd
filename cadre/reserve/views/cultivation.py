"""培养措施 and 培养档案: the reserve cadres of a programme, each one's dossier, and the
records he, his mentor and the office keep of his cultivation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.core.downloads import download
from cadre.core.shortcuts import flash_errors, org_render, saved
from cadre.orgs.access import Can, can, get_org_for_user

from .. import selectors
from ..dossier import dossier as dossier_of
from ..forms import ActivityForm, MaterialForm, MentorshipForm, RotationForm, SummaryForm
from ..models import Activity, Mentorship, Programme, ReserveCadre, Rotation
from ..services import cultivation as service
from ..services.outcome import outcome_blockers
from ._helpers import cadre_view, decided_only, programme_view


def _form_page(request, org, programme, cadre, form, heading, multipart=False):
    return org_render(
        request,
        "reserve/cadre_form.html",
        org,
        "reserve",
        {
            "programme": programme,
            "cadre": cadre,
            "form": form,
            "heading": heading,
            "multipart": multipart,
        },
    )


def _to_dossier(org, programme, cadre):
    return redirect("reserve:dossier", org.code, programme.pk, cadre.pk)


@login_required
def mine(request, code):
    """A member of staff's own reserve records and the cadres he mentors."""
    org = get_org_for_user(request, code, Can.VIEW)
    person = getattr(request.user, "person", None)
    own, mentees = [], []
    if person is not None and person.organisation_id == org.pk:
        own = list(
            ReserveCadre.objects.filter(person=person, programme__organisation=org)
            .exclude(programme__status=Programme.Status.DRAFT)
            .select_related("programme", "tier")
        )
        mentees = list(
            Mentorship.objects.filter(mentor=person, cadre__programme__organisation=org)
            .select_related("cadre__person", "cadre__tier", "cadre__programme")
            .order_by("-starts")
        )
    return org_render(
        request, "reserve/mine.html", org, "reserve", {"own": own, "mentees": mentees}
    )


@programme_view(Can.VIEW_ROSTER)
@decided_only
def cadres(request, org, programme):
    rows = selectors.cadre_rows(programme)
    tiers = list(programme.tiers.all())
    return org_render(
        request,
        "reserve/cadres.html",
        org,
        "reserve",
        {
            "programme": programme,
            "rows": rows,
            "vacancies": [(t, selectors.vacancies(t)) for t in tiers],
            "backfills": programme.backfills.select_related(
                "tier", "person", "vacancy__person", "proposal", "approval"
            ),
            "can_manage": can(request.user, org, Can.MANAGE),
            "can_decide": can(request.user, org, Can.DECIDE),
            "can_commit": can(request.user, org, Can.COMMITTEE),
            "cycle_over": any(r.cadre.active and not outcome_blockers(r.cadre) for r in rows),
        },
    )


@cadre_view(Can.VIEW)
def dossier(request, org, programme, cadre, allowed):
    d = dossier_of(cadre)
    horizon = cadre.tier.horizon
    Kind = Activity.Kind
    kinds = [Kind.STUDY] + [k for k, h in service.MEASURE_HORIZON.items() if h == horizon]
    return org_render(
        request,
        "reserve/dossier.html",
        org,
        "reserve",
        {
            "programme": programme,
            "cadre": cadre,
            "d": d,
            "access": allowed,
            "record_kinds": [(k, Kind(k).label) for k in kinds] if allowed.record else [],
            "can_commit": can(request.user, org, Can.COMMITTEE),
            "can_list": can(request.user, org, Can.VIEW_ROSTER),
        },
    )


@cadre_view(Can.VIEW, need="record")
def record(request, org, programme, cadre, allowed, kind):
    if kind not in Activity.Kind.values:
        raise Http404
    form = ActivityForm(request.POST or None, kind=kind, initial={"date": timezone.localdate()})
    if saved(
        request,
        form,
        lambda data: service.activity_record(
            actor=request.user, cadre=cadre, activity=form.instance
        ),
        _("Recorded."),
    ):
        return _to_dossier(org, programme, cadre)
    return _form_page(request, org, programme, cadre, form, heading=Activity.Kind(kind).label)


@cadre_view(Can.VIEW, need="record")
@require_POST
def activity_delete(request, org, programme, cadre, allowed, activity_pk):
    activity = get_object_or_404(Activity, cadre=cadre, pk=activity_pk)
    if not allowed.manage and activity.recorded_by_id != request.user.pk:
        raise Http404
    try:
        service.activity_delete(actor=request.user, activity=activity)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Deleted."))
    return _to_dossier(org, programme, cadre)


@cadre_view(Can.VIEW, need="record")
def upload(request, org, programme, cadre, allowed):
    form = MaterialForm(request.POST or None, request.FILES or None, cadre=cadre)

    def store(data):
        file = data["file"]
        service.material_upload(
            actor=request.user,
            cadre=cadre,
            kind=data["kind"],
            title=data["title"],
            name=file.name,
            content=file.read(),
            activity=data["activity"],
        )

    if saved(request, form, store, _("Uploaded.")):
        return _to_dossier(org, programme, cadre)
    return _form_page(
        request, org, programme, cadre, form, heading=_("Upload a report or notes"), multipart=True
    )


@cadre_view(Can.VIEW, need="record")
@require_POST
def material_delete(request, org, programme, cadre, allowed, material_pk):
    item = get_object_or_404(cadre.materials.defer("content"), pk=material_pk)
    if not allowed.manage and item.uploaded_by_id != request.user.pk:
        raise Http404
    try:
        service.material_delete(actor=request.user, material=item)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Deleted."))
    return _to_dossier(org, programme, cadre)


@cadre_view(Can.VIEW)
def material(request, org, programme, cadre, allowed, material_pk):
    item = get_object_or_404(cadre.materials, pk=material_pk)
    return download(bytes(item.content), item.name, item.content_type)


ARRANGEMENTS = {
    "rotation": (Rotation, RotationForm, service.rotation_save, "rotations"),
    "mentoring": (Mentorship, MentorshipForm, service.mentorship_save, "mentorships"),
}


@cadre_view(Can.VIEW, need="manage")
def arrangement_edit(request, org, programme, cadre, allowed, arrangement, part_pk=None):
    """The office arranges a job rotation or pairs a mentor for a year."""
    if arrangement not in ARRANGEMENTS:
        raise Http404
    model, form_class, save, related = ARRANGEMENTS[arrangement]
    instance = (
        get_object_or_404(getattr(cadre, related), pk=part_pk) if part_pk else model(cadre=cadre)
    )
    initial = {}
    if not part_pk and arrangement == "mentoring":
        initial = _next_pairing(cadre)
    form = form_class(request.POST or None, instance=instance, organisation=org, initial=initial)
    if saved(
        request,
        form,
        lambda data: save(
            actor=request.user, cadre=cadre, **{model._meta.model_name: form.instance}
        ),
        _("Saved."),
    ):
        return _to_dossier(org, programme, cadre)
    return _form_page(request, org, programme, cadre, form, heading=model._meta.verbose_name)


def _next_pairing(cadre) -> dict:
    """The next year of the cycle without a mentor, with last year's mentor and goals
    offered again: pairs are renewed each year."""
    paired = list(cadre.mentorships.select_related("mentor"))
    for year in cadre.years:
        if not any(m.starts <= year.ends and m.ends >= year.starts for m in paired):
            last = paired[-1] if paired else None
            return {
                "starts": year.starts,
                "ends": year.ends,
                "mentor": last.mentor.staff_no if last else "",
                "goals": last.goals if last else "",
            }
    return {}


@cadre_view(Can.VIEW, need="record")
def mentorship_summary(request, org, programme, cadre, allowed, part_pk):
    pairing = get_object_or_404(cadre.mentorships.select_related("mentor"), pk=part_pk)
    person = getattr(request.user, "person", None)
    if not allowed.manage and (person is None or pairing.mentor_id != person.pk):
        raise Http404
    form = SummaryForm(request.POST or None, initial={"summary": pairing.summary})
    if saved(
        request,
        form,
        lambda data: service.mentorship_summarise(
            actor=request.user, mentorship=pairing, summary=data["summary"]
        ),
        _("Saved."),
    ):
        return _to_dossier(org, programme, cadre)
    return _form_page(request, org, programme, cadre, form, heading=str(pairing))
