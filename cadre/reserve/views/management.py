"""动态管理 and 严格考核: the leading group's yearly assessment, disqualification and back-fill,
and the committee's decision at the end of the cycle."""

from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.campaigns.forms import DecisionForm
from cadre.core.shortcuts import org_render, saved
from cadre.orgs.access import Can, can

from .. import selectors
from ..cycle import Due
from ..forms import AssessmentsForm, BackfillForm, DisqualifyForm, OutcomesForm
from ..models import Backfill, ReserveCadre
from ..services import assessment, dynamic, outcome
from ..services._meeting import Meeting
from ._helpers import cadre_view, decided_only, programme_view


def _to_cadres(org, programme):
    return redirect("reserve:cadres", org.code, programme.pk)


def _page(request, org, template, ctx):
    return org_render(request, template, org, "reserve", ctx)


@programme_view(Can.DECIDE)
@decided_only
def assessments(request, org, programme):
    """The leading group's yearly assessment meeting: every cadre whose year can be assessed
    today (from 60 days before it ends)."""
    today = timezone.localdate()
    rows = [
        r
        for r in selectors.cadre_rows(
            programme, today, programme.reserve_cadres.filter(status=ReserveCadre.Status.ACTIVE)
        )
        if r.next and (r.next.state != Due.LATER or r.next.year.assessable(today))
    ]
    for r in rows:
        # The leading group grades a year: show the mentor of that year, not of today.
        year = r.next.year
        r.mentor = next(
            (
                m
                for m in r.cadre.mentorships.all()
                if m.starts <= year.ends and m.ends >= year.starts
            ),
            None,
        )
    form = AssessmentsForm(
        request.POST or None,
        body=programme.leading_group,
        rows=rows,
        initial={
            "subject": _("Annual assessment of the reserve cadres of %(title)s")
            % {"title": programme.title},
            "date": today,
        },
    )
    if programme.leading_group is None:
        return redirect("reserve:detail", org.code, programme.pk)
    if saved(
        request,
        form,
        lambda data: assessment.assessments_decide(
            actor=request.user,
            programme=programme,
            gradings=[assessment.Grading(*g) for g in form.gradings()],
            meeting=Meeting.from_form(data),
        ),
        _("The leading group's assessment is recorded."),
    ):
        return _to_cadres(org, programme)
    return _page(
        request,
        org,
        "reserve/assessments.html",
        {"programme": programme, "form": form, "rows": rows},
    )


@cadre_view(Can.COMMITTEE)
def disqualify(request, org, programme, cadre, allowed):
    if not cadre.active or programme.committee is None:
        return redirect("reserve:dossier", org.code, programme.pk, cadre.pk)
    form = DisqualifyForm(
        request.POST or None,
        body=programme.committee,
        initial={
            "subject": _("Disqualify %(name)s as a reserve cadre") % {"name": cadre.person.name},
            "date": timezone.localdate(),
        },
    )
    if saved(
        request,
        form,
        lambda data: dynamic.disqualify(
            actor=request.user,
            cadre=cadre,
            reason=data["reason"],
            facts=data["facts"],
            meeting=Meeting.from_form(data),
        ),
        _("The committee's decision is recorded."),
    ):
        return redirect("reserve:dossier", org.code, programme.pk, cadre.pk)
    return _page(
        request,
        org,
        "reserve/meeting_form.html",
        {
            "programme": programme,
            "cadre": cadre,
            "form": form,
            "heading": _("Disqualification"),
            "explain": _(
                "The seed's reasons: problems of moral character, teacher ethics or integrity; "
                "a mistake at work with serious impact or loss; strong objections among the "
                "staff. The place falls vacant and may be back-filled."
            ),
        },
    )


@programme_view(Can.DECIDE)
@decided_only
def backfill_new(request, org, programme):
    vacancies = [(t, selectors.vacancies(t)) for t in programme.tiers.all()]
    tier_pk = request.POST.get("tier") or request.GET.get("tier")
    tier = programme.tiers.filter(pk=tier_pk).first() if str(tier_pk).isdecimal() else None
    tier = tier or next((t for t, n in vacancies if n > 0), programme.tiers.first())
    ranked = selectors.ranked_for_backfill(tier) if tier else []
    form = BackfillForm(
        request.POST or None,
        body=programme.leading_group,
        programme=programme,
        ranked=ranked,
        initial={
            "tier": tier,
            "source": Backfill.Source.RANKED,
            "subject": _("Propose a back-fill of %(tier)s") % {"tier": tier},
            "date": timezone.localdate(),
            "vacancy": programme.reserve_cadres.filter(tier=tier)
            .exclude(status=ReserveCadre.Status.ACTIVE)
            .order_by("-left_on")
            .first(),
        },
    )
    if programme.leading_group is None:
        return redirect("reserve:detail", org.code, programme.pk)
    if saved(
        request,
        form,
        lambda data: dynamic.backfill_propose(
            actor=request.user,
            programme=programme,
            tier=data["tier"],
            person=form.chosen(),
            source=data["source"],
            reason=data["reason"],
            vacancy=data["vacancy"],
            criteria_attested=data["criteria_attested"],
            meeting=Meeting.from_form(data),
        ),
        _("The leading group's proposal is recorded."),
    ):
        return _to_cadres(org, programme)
    return _page(
        request,
        org,
        "reserve/backfill_form.html",
        {
            "programme": programme,
            "form": form,
            "tier": tier,
            "ranked": ranked,
            "vacancies": vacancies,
            "any_vacancy": any(n > 0 for _t, n in vacancies),
        },
    )


@programme_view(Can.VIEW_ROSTER)
def backfill(request, org, programme, backfill_pk):
    item = get_object_or_404(
        programme.backfills.select_related("tier", "person", "vacancy__person", "proposal"),
        pk=backfill_pk,
    )
    form = None
    if item.status == Backfill.Status.PROPOSED and can(request.user, org, Can.COMMITTEE):
        form = DecisionForm(
            request.POST or None,
            body=programme.committee,
            initial={
                "subject": _("Approve the back-fill of %(name)s to %(tier)s")
                % {"name": item.person.name, "tier": item.tier},
                "date": timezone.localdate(),
            },
        )
        if saved(
            request,
            form,
            lambda data: dynamic.backfill_decide(
                actor=request.user, backfill=item, meeting=Meeting.from_form(data)
            ),
            _("The committee's decision is recorded."),
        ):
            return _to_cadres(org, programme)
    return _page(
        request, org, "reserve/backfill.html", {"programme": programme, "b": item, "form": form}
    )


@programme_view(Can.COMMITTEE)
@decided_only
def outcomes(request, org, programme):
    """The committee decides, for each cadre whose cycle is over and fully assessed, one of
    the four outcomes."""
    active = programme.reserve_cadres.filter(status=ReserveCadre.Status.ACTIVE)
    rows, waiting = [], []
    for r in selectors.cadre_rows(programme, cadres=active):
        # The page says why each of the others must wait.
        r.blockers = outcome.outcome_blockers(r.cadre)
        (waiting if r.blockers else rows).append(r)
    form = OutcomesForm(
        request.POST or None,
        body=programme.committee,
        rows=rows,
        tiers=list(programme.tiers.all()),
        initial={
            "subject": _("Decide the reserve cadres at the end of the cycle of %(title)s")
            % {"title": programme.title},
            "date": timezone.localdate(),
        },
    )
    if saved(
        request,
        form,
        lambda data: outcome.outcomes_decide(
            actor=request.user,
            programme=programme,
            proposed=[outcome.Proposed(**p) for p in form.proposed()],
            meeting=Meeting.from_form(data),
        ),
        _("The committee's decision is recorded."),
    ):
        return _to_cadres(org, programme)
    return _page(
        request,
        org,
        "reserve/outcomes.html",
        {"programme": programme, "form": form, "rows": rows, "waiting": waiting},
    )
