"""A collective decision of the leading group or the party committee on reserve cadres: the
meeting as entered, and the one check every such decision makes before it is recorded — a
member whom the matter concerns must stand aside (回避)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.decisions.models import Body, Decision
from cadre.decisions.services import Vote, decision_record


@dataclass
class Meeting:
    subject: str
    on: date
    present: list
    vote: Vote
    recused: list = field(default_factory=list)
    note: str = ""

    @classmethod
    def from_form(cls, data: dict) -> "Meeting":
        """From a campaigns.forms.DecisionForm's cleaned data."""
        return cls(
            subject=data["subject"],
            on=data["date"],
            present=list(data["present"]),
            recused=list(data["recused"]),
            vote=Vote(data["votes_for"], data["votes_against"], data["abstentions"]),
            note=data["note"],
        )


def meeting_record(
    *, actor, body: Body | None, meeting: Meeting, kind: str, concerning: set[int]
) -> Decision:
    """Record the meeting's decision; `concerning` holds the ids of the people it is about."""
    if body is None or not body.members.exists():
        raise ValidationError(_("Name the members of the body that decides this first."))
    recused = {m.pk for m in meeting.recused}
    concerned = [
        m.person.name for m in meeting.present if m.person_id in concerning and m.pk not in recused
    ]
    if concerned:
        raise ValidationError(
            _("%(names)s is concerned by the decision and must be recorded as recused.")
            % {"names": "、".join(concerned)}
        )
    return decision_record(
        actor=actor,
        body=body,
        subject=meeting.subject,
        kind=kind,
        on=meeting.on,
        present=meeting.present,
        recused=meeting.recused,
        vote=meeting.vote,
        note=meeting.note,
    )


def carried(decision: Decision) -> bool:
    return decision.outcome == Decision.Outcome.APPROVED
