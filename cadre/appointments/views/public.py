"""The notice as the public sees it, and the form to report a concern (反映问题).

A concern may be anonymous, so these pages sit under /r/, which the access log skips like
the voters' pages: an address and a time beside an anonymous report would name its author.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from cadre.campaigns.models import Campaign
from cadre.orgs.models import Organisation

from ..forms import ObjectionForm
from ..models import Notice, Objection, Proposal
from ..services import notice as notices

SHOWN = (Campaign.Status.NOTICE, Campaign.Status.APPROVED, Campaign.Status.CLOSED)


def _notice(code, pk) -> Notice:
    org = get_object_or_404(Organisation, code=code)
    the_notice = (
        Notice.objects.select_related("campaign__organisation")
        .filter(campaign__organisation=org, campaign__pk=pk, campaign__status__in=SHOWN)
        .first()
    )
    if the_notice is None:
        raise Http404
    return the_notice


def appointees(the_notice: Notice):
    """Those put on notice, as the notice lists them."""
    return (
        the_notice.campaign.proposals.exclude(status=Proposal.Status.NOT_PROPOSED)
        .select_related("person", "position")
        .order_by("position__order", "id")
    )


def public_notice(request, code, pk):
    """The notice for the notice board and the intranet (张榜公示和校园内网公示)."""
    the_notice = _notice(code, pk)
    return render(
        request,
        "appointments/public_notice.html",
        {
            "notice": the_notice,
            "campaign": the_notice.campaign,
            "public_org": the_notice.campaign.organisation,
            "appointees": appointees(the_notice),
            "period": notices.period(the_notice),
        },
    )


@never_cache
def report_concern(request, code, pk):
    the_notice = _notice(code, pk)
    state = notices.period(the_notice)
    form = ObjectionForm(request.POST or None, notice=the_notice)
    filed = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = notices.objection_file(notice=the_notice, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
    looked_up = None
    reference = request.GET.get("ref", "").strip().upper()
    if reference:
        looked_up = Objection.objects.filter(notice=the_notice, reference=reference).first()
    return render(
        request,
        "appointments/report_concern.html",
        {
            "notice": the_notice,
            "campaign": the_notice.campaign,
            "public_org": the_notice.campaign.organisation,
            "form": form,
            "filed": filed,
            "open": the_notice.campaign.status == Campaign.Status.NOTICE
            and state.started
            and not state.ended,
            "reference": reference,
            "looked_up": looked_up,
        },
    )
