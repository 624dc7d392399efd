"""严格考核: the leading group's yearly assessment of the reserve cadres, one meeting for the
year's assessments, each cadre's year of cultivation graded with comments."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import Change, audit_record_many
from cadre.core.status import require_status
from cadre.decisions.models import Decision

from ..cycle import first_unassessed
from ..models import Assessment, Programme, ReserveCadre
from ._meeting import Meeting, carried, meeting_record


@dataclass
class Grading:
    cadre: ReserveCadre
    grade: str
    comments: str


def due_year(cadre: ReserveCadre):
    """The year of cultivation the cadre's next assessment is for, or None when all are."""
    return first_unassessed(cadre.years, [a.period_ends for a in cadre.assessments.all()])


def assessments_decide(
    *, actor, programme: Programme, gradings: list[Grading], meeting: Meeting
) -> Decision:
    """The leading group's assessment meeting. Carried, each cadre's next year of
    cultivation gets its grade; not carried, only the meeting is on the record."""
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        require_status(
            current, Programme.Status.DECIDED, doing=gettext_lazy("Assessing reserve cadres")
        )
        if not gradings:
            raise ValidationError(_("Grade at least one reserve cadre."))
        if len({g.cadre.pk for g in gradings}) < len(gradings):
            raise ValidationError(_("Each reserve cadre is graded once at a meeting."))
        rows = []
        for g in gradings:
            cadre = g.cadre
            if cadre.programme_id != current.pk:
                raise ValidationError(
                    _("%(name)s is not a reserve cadre of this programme.")
                    % {"name": cadre.person.name}
                )
            if not cadre.active:
                raise ValidationError(
                    _("%(name)s is no longer in cultivation.") % {"name": cadre.person.name}
                )
            if g.grade not in Assessment.Grade.values:
                raise ValidationError(
                    _("Choose a grade for %(name)s.") % {"name": cadre.person.name}
                )
            if not g.comments.strip():
                raise ValidationError(
                    _("Write the comments on %(name)s.") % {"name": cadre.person.name}
                )
            year = due_year(cadre)
            if year is None:
                raise ValidationError(
                    _("Every year of %(name)s's cycle is already assessed.")
                    % {"name": cadre.person.name}
                )
            if not year.assessable(meeting.on):
                raise ValidationError(
                    _(
                        "Year %(n)s of %(name)s's cultivation ends on %(ends)s; it can be "
                        "assessed from %(from)s."
                    )
                    % {
                        "n": year.number,
                        "name": cadre.person.name,
                        "ends": year.ends.isoformat(),
                        "from": year.assessable_from.isoformat(),
                    }
                )
            rows.append((g, year))
        decision = meeting_record(
            actor=actor,
            body=current.leading_group,
            meeting=meeting,
            kind="reserve.assessment",
            concerning={g.cadre.person_id for g in gradings},
        )
        if not carried(decision):
            return decision
        made = Assessment.objects.bulk_create(
            [
                Assessment(
                    cadre=g.cadre,
                    year=year.number,
                    period_starts=year.starts,
                    period_ends=year.ends,
                    grade=g.grade,
                    comments=g.comments.strip(),
                    decision=decision,
                )
                for g, year in rows
            ]
        )
        audit_record_many(
            actor=actor,
            organisation=current.organisation,
            changes=[
                Change(
                    "reserve.assessment.create",
                    obj=a,
                    object_repr=f"{a.cadre} · {a.year}",
                    after={
                        "person": a.cadre.person.name,
                        "year": a.year,
                        "period": f"{a.period_starts.isoformat()}—{a.period_ends.isoformat()}",
                        "grade": a.grade,
                        "comments": a.comments,
                        "decision": decision.pk,
                    },
                )
                for a in made
            ],
        )
    return decision
