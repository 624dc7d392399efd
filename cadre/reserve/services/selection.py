"""综合考评 and 党委会讨论确定: the nominees' sheets, the preliminary list, the committee's
decision and the published result."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import Change, audit_record, audit_record_many, snapshot
from cadre.core.status import require_status, transition
from cadre.decisions.models import Decision

from ..cycle import cycle_end
from ..models import Programme, ReserveCadre, Sheet, Tier
from ._meeting import Meeting, meeting_record

EVALUATE = gettext_lazy("Changing a comprehensive evaluation")


@transaction.atomic
def sheet_save(
    *,
    actor,
    sheet: Sheet,
    criteria_met: list[bool],
    staff_opinion: str,
    conduct: str,
    remarks: str,
    proposed_tier: Tier | None,
) -> Sheet:
    programme = sheet.programme
    require_status(programme, Programme.Status.EVALUATION, doing=EVALUATE)
    if proposed_tier is not None and proposed_tier.programme_id != programme.pk:
        raise ValidationError(_("The tier is not one of this programme's."))
    if len(criteria_met) != len(programme.criteria):
        raise ValidationError(_("Attest each of the basic criteria."))
    if proposed_tier is not None and not all(criteria_met):
        raise ValidationError(
            _("A nominee can be proposed only when every basic criterion is attested.")
        )
    before = snapshot(Sheet.objects.get(pk=sheet.pk))
    sheet.criteria_met = [bool(v) for v in criteria_met]
    sheet.staff_opinion = staff_opinion.strip()
    sheet.conduct = conduct.strip()
    sheet.remarks = remarks.strip()
    sheet.proposed_tier = proposed_tier
    sheet.updated_by = actor if not isinstance(actor, str) else None
    sheet.save()
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.sheet.update",
        obj=sheet,
        before=before,
        after=snapshot(sheet),
    )
    return sheet


def list_submit(*, actor, programme: Programme, on: date | None = None) -> Programme:
    """The preliminary list goes to the party committee; the sheets are locked from then."""
    if not programme.committee_id or not programme.committee.members.exists():
        raise ValidationError(_("Name the members of the party committee first."))
    if not programme.sheets.filter(proposed_tier__isnull=False).exists():
        raise ValidationError(_("Nobody is proposed yet: propose a tier on the nominees' sheets."))
    return transition(
        actor=actor,
        obj=programme,
        expected=Programme.Status.EVALUATION,
        to=Programme.Status.SUBMITTED,
        action="reserve.list.submit",
        changes={"list_submitted_on": on or timezone.localdate()},
    )


def list_return(*, actor, programme: Programme) -> Programme:
    """The office takes the list back to revise it, before the committee has decided."""
    return transition(
        actor=actor,
        obj=programme,
        expected=Programme.Status.SUBMITTED,
        to=Programme.Status.EVALUATION,
        action="reserve.list.return",
    )


def committee_decide(
    *,
    actor,
    programme: Programme,
    chosen: list[tuple],
    meeting: Meeting,
) -> Decision:
    """党委会讨论确定: the committee's recorded decision on the list [(person, tier)]. Carried,
    the people become reserve cadres of their tiers from the day of the meeting; not carried,
    the list goes back to the office. A member on the list himself must stand aside."""
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        require_status(current, Programme.Status.SUBMITTED, doing=gettext_lazy("Deciding the list"))
        if not chosen:
            raise ValidationError(_("The decided list names nobody."))
        nominees = set(current.sheets.values_list("person_id", flat=True))
        strangers = [p.name for p, _tier in chosen if p.pk not in nominees]
        if strangers:
            raise ValidationError(
                _("Not among the nominees evaluated: %(names)s") % {"names": "、".join(strangers)}
            )
        if any(t.programme_id != current.pk for _p, t in chosen):
            raise ValidationError(_("The tier is not one of this programme's."))
        decision = meeting_record(
            actor=actor,
            body=current.committee,
            meeting=meeting,
            kind="reserve.list",
            concerning={p.pk for p, _tier in chosen},
        )
        if decision.outcome != Decision.Outcome.APPROVED:
            transition(
                actor=actor,
                obj=current,
                expected=Programme.Status.SUBMITTED,
                to=Programme.Status.EVALUATION,
                action="reserve.list.rejected",
                changes={"decision": None},
            )
            programme.refresh_from_db()
            return decision
        cadres = ReserveCadre.objects.bulk_create(
            [
                ReserveCadre(
                    programme=current,
                    person=p,
                    tier=t,
                    since=meeting.on,
                    cycle_starts=meeting.on,
                    cycle_ends=cycle_end(meeting.on, current.cycle_years),
                    decision=decision,
                    order=i,
                )
                for i, (p, t) in enumerate(chosen)
            ]
        )
        audit_record_many(
            actor=actor,
            organisation=current.organisation,
            changes=[selected(c) for c in cadres],
        )
        transition(
            actor=actor,
            obj=current,
            expected=Programme.Status.SUBMITTED,
            to=Programme.Status.DECIDED,
            action="reserve.list.decide",
            changes={"decision": decision},
        )
    programme.refresh_from_db()
    return decision


def selected(cadre: ReserveCadre, **extra) -> Change:
    """The audit entry of a person becoming a reserve cadre (by the list or a back-fill)."""
    return Change(
        "reserve.cadre.select",
        obj=cadre,
        after={
            "person": cadre.person.name,
            "staff_no": cadre.person.staff_no,
            "tier": cadre.tier.code,
            "since": cadre.since.isoformat(),
            "cycle_ends": cadre.cycle_ends.isoformat(),
            "decision": cadre.decision_id,
            **extra,
        },
    )


@transaction.atomic
def result_publish(*, actor, programme: Programme, at=None) -> Programme:
    """公布结果: the decided list on the programme's public page."""
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    require_status(current, Programme.Status.DECIDED, doing=gettext_lazy("Publishing the result"))
    if current.result_published_at:
        raise ValidationError(_("The result is already published."))
    current.result_published_at = at or timezone.now()
    current.save(update_fields=["result_published_at"])
    audit_record(
        actor=actor,
        organisation=current.organisation,
        action="reserve.result.publish",
        obj=current,
        after={"result_published_at": current.result_published_at},
    )
    programme.refresh_from_db()
    return programme
