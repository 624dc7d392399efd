"""民主推荐: the office's entry of recommendations and the counts, a member of staff's own
recommendation, the tiers' secret recommendation ballots."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.core.shortcuts import flash_errors, flashed, org_render, saved
from cadre.orgs.access import Can, can, roles_in
from cadre.orgs.models import Membership
from cadre.people.models import Person

from .. import selectors
from ..forms import BallotForm, OwnRecommendationForm, RecommendationForm
from ..models import Programme, Recommendation, Tier
from ..services import recommendation as service
from ._helpers import programme_view

Channel = Recommendation.Channel


def source_suggestions(org) -> dict[str, list[str]]:
    """What the office may type as the recommender of each channel: the school's departments
    (处室), its grade departments (年级部), its subject groups (学科教研室), its leaders."""
    departments = list(org.departments.values_list("name", flat=True))
    subjects = (
        Person.objects.filter(organisation=org)
        .exclude(subject="")
        .order_by("subject")
        .values_list("subject", flat=True)
        .distinct()
    )
    leaders = Person.objects.filter(organisation=org, current_post__regex=r"(校长|书记)$")
    return {
        Channel.LEADERS: [f"{p.name}（{p.current_post}）" for p in leaders],
        Channel.DEPARTMENT: [d for d in departments if not d.endswith("年级部") and d != "校长室"],
        Channel.SUBJECT_GROUP: [f"{s}教研室" for s in subjects],
        Channel.GRADE: [d for d in departments if d.endswith("年级部")],
    }


@programme_view(Can.VIEW_ROSTER)
def recommendations(request, org, programme):
    manage = can(request.user, org, Can.MANAGE)
    form = RecommendationForm(
        request.POST or None,
        programme=programme,
        initial={
            # Paper forms are dated within the window; today, as near as it allows.
            "made_on": max(
                programme.recommendation_opens,
                min(timezone.localdate(), programme.recommendation_closes),
            ),
            "channel": request.GET.get("channel", Channel.DEPARTMENT),
            "source": request.GET.get("source", ""),
        },
    )
    if request.method == "POST":
        if not manage:
            return redirect("reserve:recommendations", org.code, programme.pk)
        if saved(
            request,
            form,
            lambda data: service.recommend(
                actor=request.user,
                programme=programme,
                person=data["person"],
                tier=data["tier"],
                channel=data["channel"],
                source=data["source"],
                reason=data["reason"],
                on=data["made_on"],
            ),
            _("Recommendation entered."),
        ):
            # The next paper form is most often from the same recommender.
            data = form.cleaned_data
            query = urlencode({"channel": data["channel"], "source": data["source"]})
            return redirect(f"{request.path}?{query}#entry")
    entries = programme.recommendations.select_related("person", "tier", "entered_by")
    return org_render(
        request,
        "reserve/recommendations.html",
        org,
        "reserve",
        {
            "programme": programme,
            "counts": selectors.counts(programme).values(),
            "channels": selectors.CHANNELS,
            "entries": entries,
            "form": form,
            "suggestions": source_suggestions(org),
            "can_manage": manage,
            "open": programme.status == Programme.Status.PUBLISHED,
            "ballot_form": BallotForm(),
        },
    )


@programme_view(Can.MANAGE)
@require_POST
def recommendation_withdraw(request, org, programme, rec_pk):
    rec = get_object_or_404(Recommendation, programme=programme, pk=rec_pk)
    try:
        service.recommendation_withdraw(actor=request.user, recommendation=rec)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Recommendation withdrawn."))
    return redirect("reserve:recommendations", org.code, programme.pk)


@programme_view(Can.APPLY)
def recommend(request, org, programme):
    """A member of staff's own page: recommend himself; a school leader also a colleague."""
    me = Person.objects.filter(organisation=org, user=request.user).first()
    as_leader = bool(
        roles_in(request.user, org)
        & {Membership.Role.LEADING_GROUP, Membership.Role.PARTY_COMMITTEE}
    )
    form = OwnRecommendationForm(request.POST or None, programme=programme, as_leader=as_leader)

    def save(data):
        if me is None:
            raise ValidationError(_("Your account is not linked to the staff roster."))
        person = data.get("person") or me
        leader_rec = person != me
        service.recommend(
            actor=request.user,
            programme=programme,
            person=person,
            tier=data["tier"],
            channel=Channel.LEADERS if leader_rec else Channel.SELF,
            source=(f"{me.name}（{me.current_post}）" if me.current_post else me.name)
            if leader_rec
            else "",
            reason=data["reason"],
        )

    if saved(request, form, save, _("Thank you: your recommendation is recorded.")):
        return redirect("reserve:recommend", org.code, programme.pk)
    mine = programme.recommendations.filter(entered_by=request.user).select_related(
        "person", "tier"
    )
    return org_render(
        request,
        "reserve/recommend.html",
        org,
        "reserve",
        {
            "programme": programme,
            "form": form,
            "mine": mine,
            "me": me,
            "as_leader": as_leader,
            "tiers": programme.tiers.all(),
            "open": programme.status == Programme.Status.PUBLISHED
            and programme.in_window(timezone.localdate()),
        },
    )


@programme_view(Can.MANAGE)
@require_POST
def ballot_create(request, org, programme, tier_pk):
    tier = get_object_or_404(Tier, programme=programme, pk=tier_pk)
    result = {}

    def create(data):
        result["ballot"] = service.ballot_create(
            actor=request.user, programme=programme, tier=tier, entitled=data["entitled"]
        )

    flashed(
        request,
        BallotForm(request.POST),
        create,
        _("The ballot is prepared: issue voting codes and open it at the meeting."),
    )
    if "ballot" in result:
        return redirect("ballots:detail", org.code, result["ballot"].pk)
    return redirect("reserve:recommendations", org.code, programme.pk)
