from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cadre.core.downloads import written
from cadre.core.shortcuts import org_render, querystring_without_page
from cadre.orgs.access import Can, can, get_org_for_user

from . import imports, services, vocab
from .forms import (
    AppraisalForm,
    DisciplineForm,
    HonourForm,
    PersonForm,
    PostHistoryForm,
    RosterUploadForm,
)
from .models import Appraisal, Discipline, Honour, Person, PostHistory, RosterUpload
from .roster import roster_data
from .roster_xlsx import write_roster
from .selectors import AGE_BANDS, RosterFilter, person_list

RECORD_KINDS = {
    "post": (PostHistory, PostHistoryForm, gettext_lazy("Post held")),
    "appraisal": (Appraisal, AppraisalForm, gettext_lazy("Annual appraisal")),
    "honour": (Honour, HonourForm, gettext_lazy("Honour")),
    "discipline": (Discipline, DisciplineForm, gettext_lazy("Disciplinary record")),
}


def _get_person(request, org, pk) -> Person:
    return get_object_or_404(Person, pk=pk, organisation=org)


@login_required
def person_list_view(request, code):
    org = get_org_for_user(request, code, Can.VIEW_ROSTER)
    f = RosterFilter(
        q=request.GET.get("q", "").strip(),
        department=request.GET.get("department", ""),
        role_kind=request.GET.get("role_kind", ""),
        current_only=request.GET.get("current_only") == "1",
        age_band=request.GET.get("age_band", ""),
        education=request.GET.get("education", ""),
        title=request.GET.get("title", ""),
        status=request.GET.get("status", ""),
    )
    page = Paginator(person_list(org, f), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    ctx = {
        "page": page,
        "filter": f,
        "today": today,
        "departments": org.departments.all(),
        "role_kinds": vocab.ROLE_KINDS,
        "age_bands": AGE_BANDS,
        "educations": vocab.EDUCATION_LEVELS,
        "titles": vocab.TITLES,
        "statuses": vocab.EMPLOYMENT_STATUSES,
        "querystring": querystring_without_page(request),
    }
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/list.html"
    return org_render(request, template, org, "people", ctx)


def _detail(request, org, person, section):
    ctx = {
        "person": person,
        "posts": person.posts.all(),
        "appraisals": person.appraisals.all(),
        "honours": person.honours.all(),
        "disciplines": person.disciplines.all(),
        "can_edit": can(request.user, org, Can.MANAGE),
        "can_audit": can(request.user, org, Can.VIEW_AUDIT),
        "today": timezone.localdate(),
    }
    return org_render(request, "people/detail.html", org, section, ctx)


@login_required
def person_detail(request, code, pk):
    org = get_org_for_user(request, code, Can.VIEW)
    person = _get_person(request, org, pk)
    if not can(request.user, org, Can.VIEW_ROSTER) and person.user_id != request.user.pk:
        raise PermissionDenied
    return _detail(request, org, person, "people")


@login_required
def person_me(request, code):
    org = get_org_for_user(request, code, Can.VIEW)
    person = Person.objects.filter(organisation=org, user=request.user).first()
    if person is None:
        raise Http404
    return _detail(request, org, person, "me")


@login_required
def person_edit(request, code, pk=None):
    org = get_org_for_user(request, code, Can.MANAGE)
    person = _get_person(request, org, pk) if pk else Person(organisation=org)
    form = PersonForm(request.POST or None, instance=person, organisation=org)
    if request.method == "POST" and form.is_valid():
        services.person_save(actor=request.user, person=form.instance)
        messages.success(request, _("Saved %(name)s.") % {"name": form.instance.name})
        return redirect("people:detail", org.code, form.instance.pk)
    return org_render(
        request,
        "people/person_form.html",
        org,
        "people",
        {"form": form, "person": person if pk else None, "titles": vocab.TITLES},
    )


@login_required
@require_POST
def person_delete(request, code, pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    person = _get_person(request, org, pk)
    try:
        services.person_delete(actor=request.user, person=person)
    except ProtectedError:
        # Campaigns, ballots and the reserve keep their records of him (PROTECT): those are
        # the file of a decision taken, and deleting him must not rewrite it.
        messages.error(
            request,
            _(
                "%(name)s appears in the records of a campaign, an evaluation or the reserve "
                "programme, which are kept; change his employment status instead."
            )
            % {"name": person.name},
        )
        return redirect("people:detail", org.code, person.pk)
    messages.success(request, _("Deleted %(name)s from the roster.") % {"name": person.name})
    return redirect("people:list", org.code)


def _record_kind(kind):
    if kind not in RECORD_KINDS:
        raise Http404
    return RECORD_KINDS[kind]


@login_required
def record_edit(request, code, pk, kind, record_pk=None):
    org = get_org_for_user(request, code, Can.MANAGE)
    person = _get_person(request, org, pk)
    model, form_class, label = _record_kind(kind)
    record = get_object_or_404(model, pk=record_pk, person=person) if record_pk else None
    kwargs = {"person": person} if form_class is AppraisalForm else {}
    form = form_class(request.POST or None, instance=record, **kwargs)
    if request.method == "POST" and form.is_valid():
        services.record_save(actor=request.user, person=person, record=form.instance)
        messages.success(request, _("Saved."))
        return redirect("people:detail", org.code, person.pk)
    return org_render(
        request,
        "people/record_form.html",
        org,
        "people",
        {"form": form, "person": person, "label": label},
    )


@login_required
@require_POST
def record_delete(request, code, pk, kind, record_pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    person = _get_person(request, org, pk)
    model, _form, _label = _record_kind(kind)
    record = get_object_or_404(model, pk=record_pk, person=person)
    services.record_delete(actor=request.user, record=record)
    messages.success(request, _("Deleted."))
    return redirect("people:detail", org.code, person.pk)


# ---------------------------------------------------------------- import and export


@login_required
def roster_template(request, code):
    get_org_for_user(request, code, Can.MANAGE)
    return written(write_roster, "教职工名册模板.xlsx")


@login_required
def roster_export(request, code):
    org = get_org_for_user(request, code, Can.VIEW_ROSTER)
    data = roster_data(org)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return written(lambda buf: write_roster(buf, data), f"{org.name}教职工名册{stamp}.xlsx")


@login_required
def roster_import(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    form = RosterUploadForm(
        request.POST or None, request.FILES or None, max_bytes=settings.ROSTER_UPLOAD_MAX_BYTES
    )
    if request.method == "POST" and form.is_valid():
        upload = imports.upload_start(
            actor=request.user,
            organisation=org,
            filename=form.cleaned_data["file"].name,
            content=form.cleaned_data["file"].read(),
        )
        url = reverse("people:import_status", args=[org.code, upload.pk])
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return redirect(url)
    recent = RosterUpload.objects.filter(organisation=org).select_related("uploaded_by")[:5]
    template = (
        "people/_upload_form.html" if request.headers.get("HX-Request") else "people/import.html"
    )
    return org_render(request, template, org, "import", {"form": form, "recent": recent})


@login_required
def roster_import_status(request, code, upload_pk):
    """Where an upload stands: progress while checking or importing, then the problems, the
    preview to confirm, or the outcome. The page polls itself while a job runs."""
    org = get_org_for_user(request, code, Can.MANAGE)
    upload = get_object_or_404(RosterUpload, pk=upload_pk, organisation=org)
    template = (
        "people/_import_status.html"
        if request.headers.get("HX-Request")
        else "people/import_status.html"
    )
    return org_render(request, template, org, "import", {"upload": upload})


@login_required
@require_POST
def roster_import_confirm(request, code, upload_pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    upload = get_object_or_404(RosterUpload, pk=upload_pk, organisation=org)
    if not imports.upload_confirm(
        actor=request.user, upload=upload, fingerprint=request.POST.get("fingerprint", "")
    ):
        messages.error(request, _("This upload is not awaiting confirmation."))
    return redirect("people:import_status", org.code, upload.pk)
