"""动态管理: taking the qualification away for the seed's reasons, by the party committee's
recorded decision, and filling a vacancy (增补) — the leading group proposes, the committee
approves, choosing from the ranked nominees or by a new recommendation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record, audit_record_many, snapshot
from cadre.core.status import require_status, transition
from cadre.people.models import Person
from cadre.people.vocab import ACTIVE_STATUSES

from .. import selectors
from ..cycle import cycle_end
from ..models import Backfill, Programme, ReserveCadre, Sheet, Tier
from ._meeting import Meeting, carried, meeting_record
from .selection import selected


def disqualify(
    *, actor, cadre: ReserveCadre, reason: str, facts: str, meeting: Meeting
) -> ReserveCadre:
    """取消后备干部培养资格: carried, the cadre leaves the reserve and his place falls vacant;
    not carried, only the meeting is on the record."""
    with transaction.atomic():
        current = (
            ReserveCadre.objects.select_for_update().select_related("programme").get(pk=cadre.pk)
        )
        require_status(current, ReserveCadre.Status.ACTIVE, doing=gettext_lazy("Disqualifying"))
        if reason not in ReserveCadre.Reason.values:
            raise ValidationError(_("Choose the reason."))
        if not facts.strip():
            raise ValidationError(_("State the facts the decision rests on."))
        decision = meeting_record(
            actor=actor,
            body=current.programme.committee,
            meeting=meeting,
            kind="reserve.disqualify",
            concerning={current.person_id},
        )
        if carried(decision):
            transition(
                actor=actor,
                obj=current,
                expected=ReserveCadre.Status.ACTIVE,
                to=ReserveCadre.Status.DISQUALIFIED,
                action="reserve.cadre.disqualify",
                changes={
                    "left_on": meeting.on,
                    "left_reason": reason,
                    "left_note": facts.strip(),
                    "left_decision": decision,
                },
            )
    cadre.refresh_from_db()
    return cadre


def backfill_propose(
    *,
    actor,
    programme: Programme,
    tier: Tier,
    person: Person,
    source: str,
    reason: str,
    meeting: Meeting,
    vacancy: ReserveCadre | None = None,
    criteria_attested: bool = False,
) -> Backfill:
    """The leading group's motion (动议) to fill a vacancy of `tier` with `person`: one of the
    tier's ranked nominees, or a new recommendation meeting every basic criterion."""
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        require_status(current, Programme.Status.DECIDED, doing=gettext_lazy("A back-fill"))
        if tier.programme_id != current.pk:
            raise ValidationError(_("The tier is not one of this programme's."))
        if selectors.vacancies(tier) <= 0:
            raise ValidationError(
                _("%(tier)s has no vacancy: its target of %(n)s is filled.")
                % {"tier": tier, "n": tier.target}
            )
        if vacancy is not None and (vacancy.programme_id != current.pk or vacancy.active):
            raise ValidationError(_("The vacancy must be a place a reserve cadre has left."))
        if vacancy is not None and vacancy.tier_id != tier.pk:
            raise ValidationError(
                _("%(name)s left a place in %(tier)s, not in this tier.")
                % {"name": vacancy.person.name, "tier": vacancy.tier}
            )
        if (
            vacancy is not None
            and current.backfills.filter(vacancy=vacancy)
            .exclude(status=Backfill.Status.REJECTED)
            .exists()
        ):
            raise ValidationError(
                _("The place %(name)s left is already being filled.")
                % {"name": vacancy.person.name}
            )
        if not reason.strip():
            raise ValidationError(_("Give the reason for the proposal."))
        if current.reserve_cadres.filter(person=person).exists():
            raise ValidationError(
                _("%(name)s has already been a reserve cadre of this programme.")
                % {"name": person.name}
            )
        if current.backfills.filter(person=person, status=Backfill.Status.PROPOSED).exists():
            raise ValidationError(
                _("%(name)s is already proposed for a back-fill.") % {"name": person.name}
            )
        if person.organisation_id != current.organisation_id or person.status not in (
            ACTIVE_STATUSES
        ):
            raise ValidationError(
                _("%(name)s is not serving staff of this school.") % {"name": person.name}
            )
        if source == Backfill.Source.RANKED:
            ranked = {n.person.pk for n in selectors.ranked_for_backfill(tier)}
            if person.pk not in ranked:
                raise ValidationError(
                    _(
                        "%(name)s is not among the ranked nominees of %(tier)s who meet every "
                        "basic criterion."
                    )
                    % {"name": person.name, "tier": tier}
                )
        elif source == Backfill.Source.NEW:
            if not criteria_attested:
                raise ValidationError(
                    _("A new recommendation must meet every basic criterion: attest them.")
                )
        else:
            raise ValidationError(_("Choose where the person comes from."))
        decision = meeting_record(
            actor=actor,
            body=current.leading_group,
            meeting=meeting,
            kind="reserve.backfill.propose",
            concerning={person.pk},
        )
        backfill = Backfill.objects.create(
            programme=current,
            tier=tier,
            vacancy=vacancy,
            person=person,
            source=source,
            reason=reason.strip(),
            proposal=decision,
            status=Backfill.Status.PROPOSED if carried(decision) else Backfill.Status.REJECTED,
        )
        if source == Backfill.Source.NEW and carried(decision):
            # The new nominee's comprehensive evaluation, as the selection standard asks.
            Sheet.objects.update_or_create(
                programme=current,
                person=person,
                defaults={
                    "criteria_met": [True] * len(current.criteria),
                    # Stored as the school's record reads, whatever the user's language.
                    "remarks": f"增补推荐：{reason.strip()}",
                    "proposed_tier": tier,
                },
            )
        audit_record(
            actor=actor,
            organisation=current.organisation,
            action="reserve.backfill.propose",
            obj=backfill,
            after=snapshot(backfill),
        )
    return backfill


def backfill_decide(*, actor, backfill: Backfill, meeting: Meeting) -> Backfill:
    """经党委会同意: approved, the person joins the tier from the day of the meeting until the
    end of the batch's cycle; not approved, the proposal lapses."""
    with transaction.atomic():
        current = (
            Backfill.objects.select_for_update().select_related("programme").get(pk=backfill.pk)
        )
        require_status(current, Backfill.Status.PROPOSED, doing=gettext_lazy("Approving"))
        programme = current.programme
        decision = meeting_record(
            actor=actor,
            body=programme.committee,
            meeting=meeting,
            kind="reserve.backfill.approve",
            concerning={current.person_id},
        )
        if not carried(decision):
            transition(
                actor=actor,
                obj=current,
                expected=Backfill.Status.PROPOSED,
                to=Backfill.Status.REJECTED,
                action="reserve.backfill.reject",
                changes={"approval": decision},
            )
        else:
            batch_ends = cycle_end(programme.decision.date, programme.cycle_years)
            cadre = ReserveCadre.objects.create(
                programme=programme,
                person=current.person,
                tier=current.tier,
                since=meeting.on,
                cycle_starts=meeting.on,
                cycle_ends=max(batch_ends, cycle_end(meeting.on, 1)),
                decision=decision,
                order=current.tier.cadres.count(),
            )
            audit_record_many(
                actor=actor,
                organisation=programme.organisation,
                changes=[selected(cadre, backfill=current.pk)],
            )
            transition(
                actor=actor,
                obj=current,
                expected=Backfill.Status.PROPOSED,
                to=Backfill.Status.APPROVED,
                action="reserve.backfill.approve",
                changes={"approval": decision, "cadre": cadre},
            )
    backfill.refresh_from_db()
    return backfill
