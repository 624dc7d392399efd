"""The office's, the party committee's and the leading group's pages from the shortlist to
the appointment."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.campaigns.forms import DecisionForm, MembersForm
from cadre.campaigns.views._helpers import get_campaign
from cadre.core.downloads import download
from cadre.core.shortcuts import flashed, org_render, saved
from cadre.decisions.services import Vote, decision_from_form
from cadre.orgs.access import Can, can

from ..forms import (
    AppointForm,
    AttachmentForm,
    ConcludeForm,
    DivisionForm,
    InspectionForm,
    MeetingForm,
    NoticeForm,
    ObjectionEntryForm,
    ReportForm,
    WithdrawForm,
)
from ..models import Inspection, InspectionAttachment, Objection, Proposal
from ..services import approval, inspection, notice
from ..timeline import waiting_on

STARTED = ("inspection", "proposed", "notice", "approved", "closed")


def stage_view(capability: Can):
    """A page of a campaign that has reached inspection, for users with `capability`: the
    view gets the organisation and the campaign. Before inspection it sends the user back to
    the campaign."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, code, pk, *args, **kwargs):
            org, campaign = get_campaign(request, code, pk, capability)
            if campaign.status not in STARTED:
                messages.info(
                    request, _("Inspection starts once the leading group confirms the shortlist.")
                )
                return redirect("campaigns:detail", org.code, campaign.pk)
            return view(request, org, campaign, *args, **kwargs)

        return wrapper

    return decorate


def _back(org, campaign):
    return redirect("appointments:home", org.code, campaign.pk)


def _form_page(request, org, campaign, form, heading, **extra):
    ctx = {"campaign": campaign, "form": form, "heading": heading, **extra}
    return org_render(request, "appointments/form.html", org, "campaigns", ctx)


@stage_view(Can.VIEW_ROSTER)
def home(request, org, campaign):
    inspections = list(campaign.inspections.select_related("person", "position"))
    proposals = list(
        campaign.proposals.select_related("person", "position", "decision").prefetch_related(
            "objections"
        )
    )
    the_notice = getattr(campaign, "notice", None)
    ctx = {
        "campaign": campaign,
        "inspections": inspections,
        "proposals": proposals,
        "notice": the_notice,
        "period": notice.period(the_notice) if the_notice else None,
        "objections": the_notice.objections.select_related("proposal__person")
        if the_notice
        else [],
        "approval": getattr(campaign, "approval", None),
        "blockers": notice.blockers(campaign) if campaign.status == "notice" else [],
        "waiting": waiting_on(campaign),
        "can_manage": can(request.user, org, Can.MANAGE),
        "can_inspect": can(request.user, org, Can.INSPECT),
        "can_decide": can(request.user, org, Can.DECIDE),
        "joint_members": campaign.joint_meeting.members.select_related("person")
        if campaign.joint_meeting
        else [],
    }
    if campaign.status == "proposed":
        ctx["notice_form"] = NoticeForm(
            initial={
                "starts_on": timezone.localdate(),
                "days": 5,
                "contact": _("Party branch office (党总支书记室); telephone: "),
            }
        )
    if campaign.status == "approved":
        ctx["report_form"] = ReportForm(
            initial={
                "reported_on": ctx["approval"].reported_on,
                "reference": ctx["approval"].report_reference,
                "reply_on": ctx["approval"].bureau_reply_on,
                "reply": ctx["approval"].bureau_reply,
            }
        )
        ctx["appoint_form"] = AppointForm(initial={"appointed_on": timezone.localdate()})
    return org_render(request, "appointments/home.html", org, "campaigns", ctx)


@stage_view(Can.INSPECT)
def inspection_edit(request, org, campaign, inspection_pk):
    item = get_object_or_404(Inspection, campaign=campaign, pk=inspection_pk)
    if "file" in request.FILES:
        upload = AttachmentForm(request.POST, request.FILES)
        flashed(
            request,
            upload,
            lambda data: inspection.inspection_attachment_add(
                actor=request.user,
                inspection=item,
                name=data["file"].name,
                content=data["file"].read(),
            ),
            _("Attached."),
        )
        return redirect("appointments:inspection", org.code, campaign.pk, item.pk)
    form = InspectionForm(request.POST or None, instance=item)
    conclude = "conclude" in request.POST
    if saved(
        request,
        form,
        lambda data: inspection.inspection_save(
            actor=request.user, inspection=item, data=data, conclude=conclude
        ),
        _("Inspection concluded.") if conclude else _("Saved."),
    ):
        return _back(org, campaign)
    return org_render(
        request,
        "appointments/inspection.html",
        org,
        "campaigns",
        {"campaign": campaign, "inspection": item, "form": form, "upload": AttachmentForm()},
    )


@stage_view(Can.VIEW_ROSTER)
def inspection_file(request, org, campaign, inspection_pk, file_pk):
    f = get_object_or_404(
        InspectionAttachment,
        pk=file_pk,
        inspection__pk=inspection_pk,
        inspection__campaign=campaign,
    )
    return download(bytes(f.content), f.name, f.content_type)


@stage_view(Can.DECIDE)
def propose(request, org, campaign):
    """The leading group's meeting deciding the proposed appointees (拟聘人选)."""
    if campaign.status != "inspection":
        return _back(org, campaign)
    inspections = campaign.inspections.select_related("person", "position")
    form = MeetingForm(request.POST or None, body=campaign.leading_group, inspections=inspections)

    def decide(data):
        inspection.proposals_decide(
            actor=request.user,
            campaign=campaign,
            on=data["date"],
            present=list(data["present"]),
            items=[
                inspection.Item(
                    i,
                    Vote(data[f"for_{i.pk}"], data[f"against_{i.pk}"], data[f"abstain_{i.pk}"]),
                    list(data[f"recused_{i.pk}"]),
                )
                for i in form.inspections
            ],
            note=data["note"],
        )

    if saved(request, form, decide, _("The proposed appointees are decided.")):
        return _back(org, campaign)
    return org_render(
        request, "appointments/propose.html", org, "campaigns", {"campaign": campaign, "form": form}
    )


@stage_view(Can.MANAGE)
def notice_publish(request, org, campaign):
    form = NoticeForm(request.POST or None)
    if saved(
        request,
        form,
        lambda data: notice.notice_publish(actor=request.user, campaign=campaign, **data),
        _("The notice is published."),
    ):
        return _back(org, campaign)
    return _form_page(request, org, campaign, form, _("Publish the notice"))


@stage_view(Can.MANAGE)
def notice_end(request, org, campaign):
    """The period's last day for the settings being typed in (htmx)."""
    form = NoticeForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    text = ""
    if {"starts_on", "days", "counting"} <= data.keys():
        try:
            end = notice.period_end(
                org,
                starts_on=data["starts_on"],
                days=data["days"],
                counting=data["counting"],
                first_day_counts=data.get("first_day_counts", False),
            )
        except ValidationError as exc:
            text = " ".join(exc.messages)
        else:
            text = _("The period ends at the end of %(day)s.") % {"day": end.isoformat()}
    return HttpResponse(text)


@stage_view(Can.INSPECT)
def objection_new(request, org, campaign):
    """A concern received by letter, telephone or in person, entered by the office."""
    the_notice = getattr(campaign, "notice", None)
    if the_notice is None:
        raise Http404
    form = ObjectionEntryForm(
        request.POST or None,
        notice=the_notice,
        initial={"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    if saved(
        request,
        form,
        lambda data: notice.objection_file(actor=request.user, notice=the_notice, **data),
        _("The concern is recorded."),
    ):
        return _back(org, campaign)
    return _form_page(request, org, campaign, form, _("Record a reported concern"))


@stage_view(Can.INSPECT)
def objection_conclude(request, org, campaign, objection_pk):
    objection = get_object_or_404(Objection, pk=objection_pk, notice__campaign=campaign)
    form = ConcludeForm(request.POST or None, instance=objection)
    if saved(
        request,
        form,
        lambda data: notice.objection_conclude(actor=request.user, objection=objection, **data),
        _("The concern is concluded."),
    ):
        return _back(org, campaign)
    return org_render(
        request,
        "appointments/objection.html",
        org,
        "campaigns",
        {"campaign": campaign, "objection": objection, "form": form},
    )


@stage_view(Can.MANAGE)
def proposal_withdraw(request, org, campaign, proposal_pk):
    proposal = get_object_or_404(Proposal, pk=proposal_pk, campaign=campaign)
    form = WithdrawForm(request.POST or None)
    if saved(
        request,
        form,
        lambda data: notice.proposal_withdraw(
            actor=request.user, proposal=proposal, reason=data["reason"]
        ),
        _("The proposed appointee is withdrawn."),
    ):
        return _back(org, campaign)
    heading = _("Withdraw %(name)s") % {"name": proposal.person.name}
    return _form_page(request, org, campaign, form, heading)


@stage_view(Can.MANAGE)
def joint_meeting(request, org, campaign):
    initial = {}
    if campaign.joint_meeting:
        initial["staff_nos"] = "\n".join(
            m.person.staff_no for m in campaign.joint_meeting.members.select_related("person")
        )
    form = MembersForm(request.POST or None, organisation=org, initial=initial)
    form.fields["staff_nos"].label = _("Members' staff numbers, the chair first")
    if saved(
        request,
        form,
        lambda data: approval.joint_meeting_set(
            actor=request.user, campaign=campaign, members=data["staff_nos"]
        ),
        _("Saved."),
    ):
        return _back(org, campaign)
    return _form_page(request, org, campaign, form, _("Joint meeting (党政联席会议)"))


@stage_view(Can.MANAGE)
def approve(request, org, campaign):
    if campaign.joint_meeting is None:
        messages.error(request, _("Name the members of the joint meeting first."))
        return redirect("appointments:joint_meeting", org.code, campaign.pk)
    form = DecisionForm(
        request.POST or None,
        body=campaign.joint_meeting,
        initial={"subject": _("Appointment of the cadres of %(t)s") % {"t": campaign.title}},
    )

    @transaction.atomic
    def record(data):
        decision = decision_from_form(
            actor=request.user, body=campaign.joint_meeting, kind="approval", data=data
        )
        approval.approval_record(actor=request.user, campaign=campaign, decision=decision)

    if saved(request, form, record, _("The joint meeting's approval is recorded.")):
        return _back(org, campaign)
    blockers = notice.blockers(campaign) if campaign.status == "notice" else []
    return _form_page(
        request, org, campaign, form, _("Joint meeting's decision"), blockers=blockers
    )


@login_required  # an anonymous visitor logs in first; then a GET is the wrong method
@require_POST
@stage_view(Can.MANAGE)
def report(request, org, campaign):
    if not hasattr(campaign, "approval"):
        messages.error(request, _("The report follows the joint meeting's approval."))
        return _back(org, campaign)
    flashed(
        request,
        ReportForm(request.POST),
        lambda data: approval.report_record(actor=request.user, campaign=campaign, **data),
        _("Saved."),
    )
    return _back(org, campaign)


@stage_view(Can.MANAGE)
def division(request, org, campaign, proposal_pk):
    proposal = get_object_or_404(Proposal, pk=proposal_pk, campaign=campaign)
    form = DivisionForm(request.POST or None, instance=proposal)
    if saved(
        request,
        form,
        lambda data: approval.division_save(actor=request.user, proposal=proposal, **data),
        _("Saved."),
    ):
        return _back(org, campaign)
    heading = _("Division of work: %(name)s, %(post)s") % {
        "name": proposal.person.name,
        "post": proposal.position.title,
    }
    return _form_page(request, org, campaign, form, heading, duties=proposal.position.duties)


@login_required  # an anonymous visitor logs in first; then a GET is the wrong method
@require_POST
@stage_view(Can.MANAGE)
def appoint(request, org, campaign):
    flashed(
        request,
        AppointForm(request.POST),
        lambda data: approval.appointment_complete(actor=request.user, campaign=campaign, **data),
        _("Appointed. The campaign is closed."),
    )
    return _back(org, campaign)
