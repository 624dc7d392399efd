"""Downloads: the application forms (docx, one or all) and the review sheet (xlsx)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from cadre.core.downloads import DOCX, XLSX, download
from cadre.documents.application_form import (
    applications_zip,
    form_filename,
    render_application_form,
)
from cadre.documents.review_sheet import review_sheet_xlsx
from cadre.orgs.access import Can

from ..models import Application
from ._helpers import get_campaign


@login_required
def form_docx(request, code, pk, application_pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    application = get_object_or_404(
        Application.objects.select_related("person"), pk=application_pk, campaign=campaign
    )
    return download(render_application_form(application), form_filename(application), DOCX)


@login_required
def forms_zip(request, code, pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    applications = campaign.applications.filter(status=Application.Status.SUBMITTED).select_related(
        "person"
    )
    return download(
        applications_zip(applications), f"{campaign.title}-自荐表.zip", "application/zip"
    )


@login_required
def review_sheet(request, code, pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    return download(review_sheet_xlsx(campaign), f"{campaign.title}-资格审查表.xlsx", XLSX)
