"""Downloads: the application forms (docx, one or all) and the review sheet (xlsx)."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from cadre.documents.application_form import (
    applications_zip,
    form_filename,
    render_application_form,
)
from cadre.documents.review_sheet import review_sheet_xlsx
from cadre.orgs.access import Can

from ..models import Application
from ._helpers import get_campaign

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def form_docx(request, code, pk, application_pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    application = get_object_or_404(
        Application.objects.select_related("person"), pk=application_pk, campaign=campaign
    )
    return _download(render_application_form(application), DOCX, form_filename(application))


@login_required
def forms_zip(request, code, pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    applications = campaign.applications.filter(status=Application.Status.SUBMITTED).select_related(
        "person"
    )
    return _download(
        applications_zip(applications), "application/zip", f"{campaign.title}-自荐表.zip"
    )


@login_required
def review_sheet(request, code, pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    return _download(review_sheet_xlsx(campaign), XLSX, f"{campaign.title}-资格审查表.xlsx")
