"""民主推荐: recommendations through the channels, the optional secret recommendation ballot of
each tier, and closing the recommendation."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record
from cadre.ballots import services as ballot_services
from cadre.ballots.models import Evaluation
from cadre.core.status import require_status, transition
from cadre.people import vocab
from cadre.people.models import Person

from .. import selectors
from ..models import Programme, Recommendation, Sheet, Tier

RECOMMEND = gettext_lazy("Recommending")
Channel = Recommendation.Channel


@transaction.atomic
def recommend(
    *,
    actor,
    programme: Programme,
    person: Person,
    tier: Tier,
    channel: str,
    source: str = "",
    reason: str,
    on: date | None = None,
) -> Recommendation:
    """One recommendation. Refused, with nothing saved: outside the window or the stage, for
    someone not on the school's roster, or a second time by the same recommender in a
    channel."""
    on = on or timezone.localdate()
    require_status(programme, Programme.Status.PUBLISHED, doing=RECOMMEND)
    if not programme.in_window(on):
        raise ValidationError(
            _("Recommendation is open from %(opens)s to %(closes)s; %(on)s is outside it.")
            % {
                "opens": programme.recommendation_opens.isoformat(),
                "closes": programme.recommendation_closes.isoformat(),
                "on": on.isoformat(),
            }
        )
    if on > timezone.localdate():
        raise ValidationError(_("A recommendation cannot be dated in the future."))
    if (
        person.organisation_id != programme.organisation_id
        or person.status not in vocab.ACTIVE_STATUSES
    ):
        raise ValidationError(
            _("%(name)s is not a serving member of this school's staff.") % {"name": person.name}
        )
    if tier.programme_id != programme.pk:
        raise ValidationError(_("The tier is not one of this programme's."))
    if channel not in Channel.values:
        raise ValidationError(_("Unknown channel."))
    source = source.strip()
    if channel == Channel.SELF:
        source = ""
    elif not source:
        raise ValidationError(_("Say which department, group or leader recommends."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for the recommendation."))
    if Recommendation.objects.filter(
        programme=programme, channel=channel, source=source, person=person
    ).exists():
        raise ValidationError(_twice(channel, source, person))
    try:
        with transaction.atomic():
            rec = Recommendation.objects.create(
                programme=programme,
                channel=channel,
                source=source,
                person=person,
                tier=tier,
                reason=reason,
                made_on=on,
                entered_by=actor if not isinstance(actor, str) else None,
            )
    except IntegrityError:
        # Two submissions at once: the constraint decides, with the same message.
        raise ValidationError(_twice(channel, source, person)) from None
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.recommendation.add",
        obj=rec,
        after={
            "channel": channel,
            "source": source,
            "person": person.name,
            "staff_no": person.staff_no,
            "tier": tier.code,
            "on": on.isoformat(),
        },
    )
    return rec


def _twice(channel, source, person) -> str:
    if channel == Channel.SELF:
        return _("%(name)s has already recommended himself or herself.") % {"name": person.name}
    return _("%(source)s has already recommended %(name)s through the channel “%(channel)s”.") % {
        "source": source,
        "name": person.name,
        "channel": Channel(channel).label,
    }


@transaction.atomic
def recommendation_withdraw(*, actor, recommendation: Recommendation) -> None:
    programme = recommendation.programme
    require_status(programme, Programme.Status.PUBLISHED, doing=gettext_lazy("Withdrawing"))
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.recommendation.withdraw",
        obj=recommendation,
        before={
            "channel": recommendation.channel,
            "source": recommendation.source,
            "person": recommendation.person.name,
            "tier": recommendation.tier.code,
        },
    )
    recommendation.delete()


@transaction.atomic
def ballot_create(*, actor, programme: Programme, tier: Tier, entitled: int = 0) -> Evaluation:
    """The tier's secret recommendation ballot: its nominees so far, of whom each voter
    chooses at most the tier's target count. It runs as any other ballot (codes, opening,
    closing, the bulletin board); its votes join the counts once it is closed."""
    require_status(programme, Programme.Status.PUBLISHED, doing=gettext_lazy("Holding a ballot"))
    tier = Tier.objects.select_for_update().get(pk=tier.pk)
    if tier.ballot_id:
        raise ValidationError(_("This tier already has its recommendation ballot."))
    counted = selectors.counts(programme).get(tier.code)
    nominees = [n.person for n in counted.nominees] if counted else []
    if not nominees:
        raise ValidationError(
            _("Nobody has been recommended for this tier yet; the ballot would list no one.")
        )
    evaluation = ballot_services.evaluation_create(
        actor=actor,
        evaluation=Evaluation(
            organisation=programme.organisation,
            title=f"{programme.title}民主推荐票（“{tier.code}”{tier.name}）",
            kind=Evaluation.Kind.CHOOSE,
            max_choices=tier.target,
            entitled=entitled,
        ),
        candidates=[(p, "") for p in nominees],
    )
    tier.ballot = evaluation
    tier.save(update_fields=["ballot"])
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.ballot.create",
        obj=tier,
        object_repr=f"{programme} · {tier}",
        after={"evaluation": evaluation.pk, "candidates": len(nominees), "max": tier.target},
    )
    return evaluation


def close_blockers(programme: Programme) -> list[str]:
    return [
        _("The recommendation ballot of tier “%(code)s” is not closed yet.") % {"code": t.code}
        for t in programme.tiers.select_related("ballot")
        if t.ballot_id and t.ballot.status != Evaluation.Status.CLOSED
    ]


def recommendation_close(*, actor, programme: Programme, on: date | None = None) -> Programme:
    """The end of 民主推荐: a comprehensive evaluation sheet is opened for every nominee."""
    problems = close_blockers(programme)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        programme = transition(
            actor=actor,
            obj=programme,
            expected=Programme.Status.PUBLISHED,
            to=Programme.Status.EVALUATION,
            action="reserve.recommendation.close",
            changes={"recommendation_closed_on": on or timezone.localdate()},
        )
        nominees = {
            n.person.pk: n.person for c in selectors.counts(programme).values() for n in c.nominees
        }
        Sheet.objects.bulk_create([Sheet(programme=programme, person=p) for p in nominees.values()])
    return programme
