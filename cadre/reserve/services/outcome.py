"""培养周期结束: for each cadre whose cycle is over, the party committee decides one of
提拔任用, 进入更高培养梯队培养, 延长培养期 or 终止培养."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record, snapshot
from cadre.core.status import require_status
from cadre.decisions.models import Decision

from ..cycle import cycle_end, first_unassessed
from ..models import Outcome, Programme, ReserveCadre, Tier
from ._meeting import Meeting, carried, meeting_record

Kind = Outcome.Kind


@dataclass
class Proposed:
    cadre: ReserveCadre
    kind: str
    tier: Tier | None = None
    extended_to: date | None = None
    comments: str = ""


def outcome_blockers(cadre: ReserveCadre) -> list[str]:
    """Why the cycle of `cadre` cannot be closed yet; empty when it can."""
    if not cadre.active:
        return [_("%(name)s is no longer in cultivation.") % {"name": cadre.person.name}]
    year = first_unassessed(cadre.years, [a.period_ends for a in cadre.assessments.all()])
    if year is not None:
        return [
            _("Year %(n)s of %(name)s's cycle is not assessed yet.")
            % {"n": year.number, "name": cadre.person.name}
        ]
    return []


def _check(p: Proposed, programme: Programme) -> None:
    name = p.cadre.person.name
    if p.cadre.programme_id != programme.pk:
        raise ValidationError(
            _("%(name)s is not a reserve cadre of this programme.") % {"name": name}
        )
    blockers = outcome_blockers(p.cadre)
    if blockers:
        raise ValidationError(blockers)
    if p.kind not in Kind.values:
        raise ValidationError(_("Choose the outcome for %(name)s.") % {"name": name})
    if p.kind == Kind.MOVE_UP:
        if p.tier is None or p.tier.programme_id != programme.pk:
            raise ValidationError(_("Choose the tier %(name)s moves up to.") % {"name": name})
        if p.tier.order >= p.cadre.tier.order:
            raise ValidationError(
                _("%(tier)s is not a higher tier than %(name)s's %(current)s.")
                % {"tier": p.tier, "name": name, "current": p.cadre.tier}
            )
    if p.kind == Kind.EXTEND and (p.extended_to is None or p.extended_to <= p.cadre.cycle_ends):
        raise ValidationError(
            _("An extension of %(name)s's cycle must end after %(ends)s.")
            % {"name": name, "ends": p.cadre.cycle_ends.isoformat()}
        )


def outcomes_decide(
    *, actor, programme: Programme, proposed: list[Proposed], meeting: Meeting
) -> Decision:
    """The committee's decision on the cadres at the end of their cycle; not carried, only the
    meeting is on the record and the cadres stay as they were."""
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        require_status(
            current, Programme.Status.DECIDED, doing=gettext_lazy("Deciding the end of the cycle")
        )
        if not proposed:
            raise ValidationError(_("Decide on at least one reserve cadre."))
        if len({p.cadre.pk for p in proposed}) < len(proposed):
            raise ValidationError(_("Each reserve cadre gets one outcome at a meeting."))
        for p in proposed:
            _check(p, current)
        decision = meeting_record(
            actor=actor,
            body=current.committee,
            meeting=meeting,
            kind="reserve.outcome",
            concerning={p.cadre.person_id for p in proposed},
        )
        if not carried(decision):
            return decision
        for p in proposed:
            _apply(actor, current, p, decision, meeting.on)
    return decision


def _apply(actor, programme: Programme, p: Proposed, decision: Decision, on: date) -> None:
    cadre = ReserveCadre.objects.select_for_update().get(pk=p.cadre.pk)
    before = snapshot(cadre)
    outcome = Outcome.objects.create(
        cadre=cadre,
        kind=p.kind,
        tier=p.tier if p.kind == Kind.MOVE_UP else None,
        extended_to=p.extended_to if p.kind == Kind.EXTEND else None,
        comments=p.comments.strip(),
        decision=decision,
    )
    if p.kind == Kind.PROMOTE:
        cadre.status, cadre.left_on = ReserveCadre.Status.PROMOTED, on
    elif p.kind == Kind.TERMINATE:
        cadre.status, cadre.left_on = ReserveCadre.Status.TERMINATED, on
    elif p.kind == Kind.MOVE_UP:
        # A new cycle in the higher tier, from the day of the decision.
        cadre.tier = p.tier
        cadre.cycle_starts = on
        cadre.cycle_ends = cycle_end(on, programme.cycle_years)
    else:
        cadre.cycle_ends = p.extended_to
    cadre.left_decision = decision if p.kind in (Kind.PROMOTE, Kind.TERMINATE) else None
    cadre.save()
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action=f"reserve.cadre.{p.kind}",
        obj=cadre,
        before=before,
        after={**snapshot(cadre), "outcome": outcome.pk, "comments": outcome.comments},
    )
