from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.core.downloads import download
from cadre.core.shortcuts import flash_errors, form_errors, org_render
from cadre.orgs.access import Can, can
from cadre.people.models import Person

from ..forms import ApplicationForm, NominationForm
from ..models import Application, Attachment, Campaign, Nomination
from ..services import registration
from ._helpers import get_campaign


def _me(request, org) -> Person:
    person = (
        Person.objects.filter(organisation=org, user=request.user)
        .select_related("department")
        .first()
    )
    if person is None:
        raise PermissionDenied(_("Your account is not linked to the roster."))
    return person


@login_required
def application_edit(request, code, pk):
    """The staff member's own application form (自荐表), pre-filled from the roster."""
    org, campaign = get_campaign(request, code, pk, Can.APPLY)
    me = _me(request, org)
    application = Application.objects.filter(campaign=campaign, person=me).first()
    initial = {}
    if application:
        choices = list(application.candidacies.order_by("rank"))
        initial = {
            "first_choice": choices[0].position_id if choices else None,
            "second_choice": choices[1].position_id if len(choices) > 1 else None,
            "accepts_reassignment": application.accepts_reassignment,
            "achievements": application.achievements,
            "strengths": application.strengths,
            "work_plan": application.work_plan,
        }
    else:
        initial["achievements"] = "\n".join(
            f"{h.date.year}年 {h.name}（{h.level}）" for h in me.honours.all()
        )
    form = ApplicationForm(request.POST or None, campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = registration.application_save(
                actor=request.user,
                campaign=campaign,
                person=me,
                positions=form.positions(),
                accepts_reassignment=form.cleaned_data["accepts_reassignment"],
                achievements=form.cleaned_data["achievements"],
                strengths=form.cleaned_data["strengths"],
                work_plan=form.cleaned_data["work_plan"],
            )
            for upload in request.FILES.getlist("attachments"):
                registration.attachment_add(
                    actor=request.user,
                    application=application,
                    name=upload.name,
                    content=upload.read(),
                )
            if request.POST.get("submit"):
                registration.application_submit(
                    actor=request.user,
                    application=application,
                    pledge=request.POST.get("pledge") == "on",
                )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your application is submitted.")
                if request.POST.get("submit")
                else _("Draft saved."),
            )
            return redirect("campaigns:application", org.code, campaign.pk)
    return org_render(
        request,
        "campaigns/application_form.html",
        org,
        "campaigns",
        {
            "campaign": campaign,
            "form": form,
            "me": me,
            "application": application,
            "posts": me.posts.all(),
            "appraisals": me.appraisals.all()[:5],
            "open": campaign.status == Campaign.Status.PUBLISHED,
        },
    )


@login_required
@require_POST
def application_withdraw(request, code, pk):
    org, campaign = get_campaign(request, code, pk, Can.APPLY)
    application = get_object_or_404(Application, campaign=campaign, person=_me(request, org))
    try:
        registration.application_withdraw(actor=request.user, application=application)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("campaigns:application", org.code, campaign.pk)


def _attachment(request, org, campaign, attachment_pk) -> Attachment:
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__person"),
        pk=attachment_pk,
        application__campaign=campaign,
    )
    own = attachment.application.person.user_id == request.user.pk
    if not own and not can(request.user, org, Can.VIEW_ROSTER):
        raise Http404
    return attachment


@login_required
def attachment_download(request, code, pk, attachment_pk):
    org, campaign = get_campaign(request, code, pk, Can.VIEW)
    attachment = _attachment(request, org, campaign, attachment_pk)
    return download(bytes(attachment.content), attachment.name, attachment.content_type)


@login_required
@require_POST
def attachment_delete(request, code, pk, attachment_pk):
    org, campaign = get_campaign(request, code, pk, Can.APPLY)
    attachment = _attachment(request, org, campaign, attachment_pk)
    if attachment.application.person.user_id != request.user.pk:
        raise PermissionDenied
    try:
        registration.attachment_delete(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("campaigns:application", org.code, campaign.pk)


@login_required
def nominate(request, code, pk, channel):
    """群众举荐 by any staff member; 组织推荐 by the leading group or the party committee."""
    # The organisation's channel is checked below: DECIDE alone would refuse the committee.
    capability = Can.APPLY if channel == Nomination.Channel.PEER else Can.VIEW
    if channel not in Nomination.Channel.values:
        raise Http404
    org, campaign = get_campaign(request, code, pk, capability)
    if channel == Nomination.Channel.ORGANISATION and not (
        can(request.user, org, Can.DECIDE) or can(request.user, org, Can.REVIEW)
    ):
        raise PermissionDenied
    form = NominationForm(
        request.POST or None,
        campaign=campaign,
        initial={"staff_no": request.GET.get("staff_no", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration.nomination_create(
                actor=request.user,
                campaign=campaign,
                nominee=form.cleaned_data["staff_no"],
                position=form.cleaned_data["position"],
                channel=channel,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Recommendation sent. %(name)s will be asked to accept it.")
                % {"name": form.cleaned_data["staff_no"].name},
            )
            return redirect("campaigns:detail", org.code, campaign.pk)
    heading = Nomination.Channel(channel).label
    return org_render(
        request,
        "campaigns/form.html",
        org,
        "campaigns",
        {"form": form, "campaign": campaign, "heading": heading},
    )


@login_required
@require_POST
def nomination_answer(request, code, pk, nomination_pk):
    org, campaign = get_campaign(request, code, pk, Can.APPLY)
    nomination = get_object_or_404(
        Nomination, pk=nomination_pk, campaign=campaign, nominee=_me(request, org)
    )
    accept = request.POST.get("answer") == "accept"
    try:
        registration.nomination_answer(actor=request.user, nomination=nomination, accept=accept)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("campaigns:detail", org.code, campaign.pk)
    if accept:
        messages.success(request, _("Accepted. Complete and submit your application form."))
        return redirect("campaigns:application", org.code, campaign.pk)
    messages.success(request, _("Declined."))
    return redirect("campaigns:detail", org.code, campaign.pk)
