"""The office's, the party committee's and the leading group's pages from the shortlist to
the appointment."""

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
from cadre.campaigns.views._helpers import (
    flash_errors,
    flash_form_errors,
    form_errors,
    get_campaign,
)
from cadre.core.downloads import download
from cadre.core.shortcuts import org_render
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


def _started(request, code, pk, capability):
    org, campaign = get_campaign(request, code, pk, capability)
    if campaign.status not in STARTED:
        messages.info(
            request, _("Inspection starts once the leading group confirms the shortlist.")
        )
        raise _Redirect(campaign)
    return org, campaign


class _Redirect(Exception):
    def __init__(self, campaign):
        self.campaign = campaign


def _back(org, campaign):
    return redirect("appointments:home", org.code, campaign.pk)


def _view(func):
    """The campaign must have reached inspection; before that the page sends the user back
    to the campaign."""

    def wrapper(request, code, pk, *args, **kwargs):
        try:
            return func(request, code, pk, *args, **kwargs)
        except _Redirect as exc:
            return redirect("campaigns:detail", code, exc.campaign.pk)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return login_required(wrapper)


@_view
def home(request, code, pk):
    org, campaign = _started(request, code, pk, Can.VIEW_ROSTER)
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


@_view
def inspection_edit(request, code, pk, inspection_pk):
    org, campaign = _started(request, code, pk, Can.INSPECT)
    item = get_object_or_404(Inspection, campaign=campaign, pk=inspection_pk)
    form = InspectionForm(request.POST or None, instance=item)
    upload = AttachmentForm()
    if request.method == "POST":
        if "file" in request.FILES:
            upload = AttachmentForm(request.POST, request.FILES)
            if upload.is_valid():
                f = upload.cleaned_data["file"]
                try:
                    inspection.inspection_attachment_add(
                        actor=request.user, inspection=item, name=f.name, content=f.read()
                    )
                except ValidationError as exc:
                    flash_errors(request, exc)
                else:
                    messages.success(request, _("Attached."))
                return redirect("appointments:inspection", org.code, campaign.pk, item.pk)
        elif form.is_valid():
            conclude = "conclude" in request.POST
            try:
                inspection.inspection_save(
                    actor=request.user, inspection=item, data=form.cleaned_data, conclude=conclude
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("Inspection concluded.") if conclude else _("Saved."))
                return _back(org, campaign)
    return org_render(
        request,
        "appointments/inspection.html",
        org,
        "campaigns",
        {"campaign": campaign, "inspection": item, "form": form, "upload": upload},
    )


@_view
def inspection_file(request, code, pk, inspection_pk, file_pk):
    _org, campaign = _started(request, code, pk, Can.VIEW_ROSTER)
    f = get_object_or_404(
        InspectionAttachment,
        pk=file_pk,
        inspection__pk=inspection_pk,
        inspection__campaign=campaign,
    )
    return download(bytes(f.content), f.name, f.content_type)


@_view
def propose(request, code, pk):
    """The leading group's meeting deciding the proposed appointees (拟聘人选)."""
    org, campaign = _started(request, code, pk, Can.DECIDE)
    if campaign.status != "inspection":
        return _back(org, campaign)
    inspections = campaign.inspections.select_related("person", "position")
    form = MeetingForm(request.POST or None, body=campaign.leading_group, inspections=inspections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = [
            inspection.Item(
                i,
                Vote(data[f"for_{i.pk}"], data[f"against_{i.pk}"], data[f"abstain_{i.pk}"]),
                list(data[f"recused_{i.pk}"]),
            )
            for i in form.inspections
        ]
        try:
            inspection.proposals_decide(
                actor=request.user,
                campaign=campaign,
                on=data["date"],
                present=list(data["present"]),
                items=items,
                note=data["note"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The proposed appointees are decided."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/propose.html",
        org,
        "campaigns",
        {"campaign": campaign, "form": form},
    )


@_view
def notice_publish(request, code, pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice.notice_publish(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The notice is published."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {"campaign": campaign, "form": form, "heading": _("Publish the notice")},
    )


@_view
def notice_end(request, code, pk):
    """The period's last day for the settings being typed in (htmx)."""
    org, _campaign = _started(request, code, pk, Can.MANAGE)
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


@_view
def objection_new(request, code, pk):
    """A concern received by letter, telephone or in person, entered by the office."""
    org, campaign = _started(request, code, pk, Can.INSPECT)
    the_notice = getattr(campaign, "notice", None)
    if the_notice is None:
        raise Http404
    form = ObjectionEntryForm(
        request.POST or None,
        notice=the_notice,
        initial={"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice.objection_file(actor=request.user, notice=the_notice, **data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The concern is recorded."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {"campaign": campaign, "form": form, "heading": _("Record a reported concern")},
    )


@_view
def objection_conclude(request, code, pk, objection_pk):
    org, campaign = _started(request, code, pk, Can.INSPECT)
    objection = get_object_or_404(Objection, pk=objection_pk, notice__campaign=campaign)
    form = ConcludeForm(request.POST or None, instance=objection)
    if request.method == "POST" and form.is_valid():
        try:
            notice.objection_conclude(actor=request.user, objection=objection, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The concern is concluded."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/objection.html",
        org,
        "campaigns",
        {"campaign": campaign, "objection": objection, "form": form},
    )


@_view
def proposal_withdraw(request, code, pk, proposal_pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    proposal = get_object_or_404(Proposal, pk=proposal_pk, campaign=campaign)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice.proposal_withdraw(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The proposed appointee is withdrawn."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "form": form,
            "heading": _("Withdraw %(name)s") % {"name": proposal.person.name},
        },
    )


@_view
def joint_meeting(request, code, pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    initial = {}
    if campaign.joint_meeting:
        initial["staff_nos"] = "\n".join(
            m.person.staff_no for m in campaign.joint_meeting.members.select_related("person")
        )
    form = MembersForm(request.POST or None, organisation=org, initial=initial)
    form.fields["staff_nos"].label = _("Members' staff numbers, the chair first")
    if request.method == "POST" and form.is_valid():
        try:
            approval.joint_meeting_set(
                actor=request.user, campaign=campaign, members=form.cleaned_data["staff_nos"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {"campaign": campaign, "form": form, "heading": _("Joint meeting (党政联席会议)")},
    )


@_view
def approve(request, code, pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    if campaign.joint_meeting is None:
        messages.error(request, _("Name the members of the joint meeting first."))
        return redirect("appointments:joint_meeting", org.code, campaign.pk)
    form = DecisionForm(
        request.POST or None,
        body=campaign.joint_meeting,
        initial={"subject": _("Appointment of the cadres of %(t)s") % {"t": campaign.title}},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                decision = decision_from_form(
                    actor=request.user,
                    body=campaign.joint_meeting,
                    kind="approval",
                    data=form.cleaned_data,
                )
                approval.approval_record(actor=request.user, campaign=campaign, decision=decision)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The joint meeting's approval is recorded."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "form": form,
            "heading": _("Joint meeting's decision"),
            "blockers": notice.blockers(campaign) if campaign.status == "notice" else [],
        },
    )


@_view
@require_POST
def report(request, code, pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    form = ReportForm(request.POST)
    if not hasattr(campaign, "approval"):
        messages.error(request, _("The report follows the joint meeting's approval."))
    elif not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            approval.report_record(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Saved."))
    return _back(org, campaign)


@_view
def division(request, code, pk, proposal_pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    proposal = get_object_or_404(Proposal, pk=proposal_pk, campaign=campaign)
    form = DivisionForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            approval.division_save(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back(org, campaign)
    return org_render(
        request,
        "appointments/form.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "form": form,
            "heading": _("Division of work: %(name)s, %(post)s")
            % {"name": proposal.person.name, "post": proposal.position.title},
            "duties": proposal.position.duties,
        },
    )


@_view
@require_POST
def appoint(request, code, pk):
    org, campaign = _started(request, code, pk, Can.MANAGE)
    form = AppointForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            approval.appointment_complete(
                actor=request.user, campaign=campaign, **form.cleaned_data
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Appointed. The campaign is closed."))
    return _back(org, campaign)
