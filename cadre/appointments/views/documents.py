"""The documents from inspection to appointment: the report to the bureau, each appointee's
approval form (Word and .lrmx), letter and certificate, and the campaign's whole record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cadre.campaigns.views._helpers import get_campaign
from cadre.core.downloads import DOCX, XLSX, download
from cadre.documents.appointment_form import appointment_form_docx
from cadre.documents.letters import letter_docx
from cadre.documents.lrmx import appointment_form_lrmx
from cadre.documents.models import DocumentTemplate
from cadre.orgs.access import Can

from .. import exports
from ..models import Proposal
from ..record import campaign_record_docx

LRMX = "application/xml"
LETTERS = {
    "letter": DocumentTemplate.Kind.RESPONSIBILITY_LETTER,
    "certificate": DocumentTemplate.Kind.POST_CERTIFICATE,
}


@login_required
def whole_record(request, code, pk):
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_AUDIT)
    return download(campaign_record_docx(campaign), f"{campaign.title}全程纪实.docx", DOCX)


@login_required
def report(request, code, pk, fmt):
    org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    if not hasattr(campaign, "approval"):
        messages.info(request, _("The report is drawn up once the joint meeting approves."))
        return redirect("appointments:home", org.code, campaign.pk)
    name = f"{campaign.title}聘任报告"
    if fmt == "xlsx":
        return download(exports.filing_report_xlsx(campaign), f"{name}.xlsx", XLSX)
    return download(exports.filing_report_docx(campaign), f"{name}.docx", DOCX)


def _appointee(request, code, pk, proposal_pk) -> Proposal:
    _org, campaign = get_campaign(request, code, pk, Can.VIEW_ROSTER)
    return get_object_or_404(
        Proposal.objects.select_related("person", "position__department", "campaign"),
        pk=proposal_pk,
        campaign=campaign,
        status__in=(Proposal.Status.APPROVED, Proposal.Status.APPOINTED, Proposal.Status.PROPOSED),
    )


@login_required
def appointment_form(request, code, pk, proposal_pk, fmt):
    proposal = _appointee(request, code, pk, proposal_pk)
    if fmt == "lrmx":
        filename, content = appointment_form_lrmx(proposal)
        return download(content, filename, LRMX)
    filename, content = appointment_form_docx(proposal)
    return download(content, filename, DOCX)


@login_required
def letter(request, code, pk, proposal_pk, kind):
    proposal = _appointee(request, code, pk, proposal_pk)
    if kind not in LETTERS:
        raise Http404
    if proposal.status == Proposal.Status.PROPOSED:
        messages.info(request, _("Letters are issued once the joint meeting approves."))
        return redirect("appointments:home", code, pk)
    filename, content = letter_docx(proposal, LETTERS[kind])
    return download(content, filename, DOCX)
