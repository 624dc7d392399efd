"""A school's document templates: download the one in use, replace it, go back to ours."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cadre.core.downloads import DOCX, download
from cadre.core.shortcuts import flash_errors, org_render
from cadre.orgs.access import Can, get_org_for_user

from . import services
from .models import DocumentTemplate
from .rendering import template_file


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word template (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )


def _kind(kind: str) -> str:
    if kind not in DocumentTemplate.Kind.values:
        raise Http404
    return kind


@login_required
def template_list(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    own = {t.kind: t for t in DocumentTemplate.objects.filter(organisation=org)}
    kinds = [
        {
            "kind": k,
            "label": label,
            "own": own.get(k),
            "tags": sorted(services.SAMPLE_CONTEXTS[k]()),
        }
        for k, label in DocumentTemplate.Kind.choices
    ]
    return org_render(
        request,
        "documents/templates.html",
        org,
        "documents",
        {"kinds": kinds, "form": TemplateUploadForm()},
    )


@login_required
def template_download(request, code, kind):
    org = get_org_for_user(request, code, Can.MANAGE)
    filename, content = template_file(org, _kind(kind))
    return download(content, filename, DOCX)


@login_required
@require_POST
def template_upload(request, code, kind):
    org = get_org_for_user(request, code, Can.MANAGE)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.template_upload(
                actor=request.user,
                organisation=org,
                kind=_kind(kind),
                filename=upload.name,
                content=upload.read(),
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The school's own template is now in use."))
    else:
        messages.error(request, _("Choose a .docx file."))
    return redirect("documents:templates", org.code)


@login_required
@require_POST
def template_reset(request, code, kind):
    org = get_org_for_user(request, code, Can.MANAGE)
    if services.template_reset(actor=request.user, organisation=org, kind=_kind(kind)):
        messages.success(request, _("Back to the built-in template."))
    return redirect("documents:templates", org.code)
