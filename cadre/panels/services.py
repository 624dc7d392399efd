"""Writes of the oral defence: the panel, experts, conflicts, score sheets, the shortlist."""

import hashlib
import hmac
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.appointments.services.inspection import inspections_open
from cadre.audit.services import audit_record
from cadre.ballots.services import campaign_candidates, evaluation_outcomes
from cadre.campaigns.models import Application, Campaign, Candidacy
from cadre.decisions.models import Decision

from . import scoring
from .models import Expert, Panel, PaperScore, ScoreSheet


def token_hash(token: str) -> str:
    return hmac.new(
        settings.CADRE_BALLOT_KEY.encode(), f"expert:{token}".encode(), hashlib.sha256
    ).hexdigest()


def expert_for_token(token: str) -> Expert | None:
    return (
        Expert.objects.select_related("panel__campaign__organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def panel_create(*, actor, campaign: Campaign, **settings_) -> Panel:
    if campaign.status != Campaign.Status.REVIEW_DONE:
        raise ValidationError(_("The panel is set up once the list of candidates is confirmed."))
    panel = Panel.objects.create(
        campaign=campaign, chair=actor if not isinstance(actor, str) else None, **settings_
    )
    audit_record(
        actor=actor,
        organisation=campaign.organisation,
        action="panel.create",
        obj=panel,
        after={
            "dimensions": panel.dimensions,
            "weights": [str(panel.evaluation_weight), str(panel.defence_weight)],
        },
    )
    return panel


@transaction.atomic
def expert_add(*, actor, panel: Panel, name: str, affiliation: str, title: str = ""):
    """Returns the expert and his personal token, which is shown once and stored hashed."""
    token = secrets.token_urlsafe(16)
    expert = Expert.objects.create(
        panel=panel,
        name=name,
        affiliation=affiliation,
        title=title,
        token_hash=token_hash(token),
        order=panel.experts.count(),
    )
    audit_record(
        actor=actor,
        organisation=panel.campaign.organisation,
        action="expert.add",
        obj=expert,
        after={"name": name, "affiliation": affiliation, "title": title},
    )
    return expert, token


def _set_status(actor, panel: Panel, status: str, action: str) -> Panel:
    before = panel.status
    panel.status = status
    panel.save(update_fields=["status"])
    audit_record(
        actor=actor,
        organisation=panel.campaign.organisation,
        action=action,
        obj=panel,
        before={"status": before},
        after={"status": status},
    )
    return panel


def panel_open(*, actor, panel: Panel) -> Panel:
    if panel.status != Panel.Status.DRAFT or not panel.experts.exists():
        raise ValidationError(_("Add the experts before the defence opens."))
    return _set_status(actor, panel, Panel.Status.OPEN, "panel.open")


def panel_close(*, actor, panel: Panel) -> Panel:
    if panel.status != Panel.Status.OPEN:
        raise ValidationError(_("Only a panel in session can be closed."))
    return _set_status(actor, panel, Panel.Status.CLOSED, "panel.close")


def candidates(panel: Panel):
    """The qualified candidates, in the order of the positions they stand for."""
    return campaign_candidates(panel.campaign)


@transaction.atomic
def conflict_declare(*, expert: Expert, person, conflicted: bool) -> None:
    if conflicted:
        expert.conflicts.add(person)
        ScoreSheet.objects.filter(expert=expert, person=person).delete()
    else:
        expert.conflicts.remove(person)
    audit_record(
        actor=f"专家 {expert.name}",
        organisation=expert.panel.campaign.organisation,
        action="expert.conflict" if conflicted else "expert.conflict_withdrawn",
        obj=expert,
        after={"candidate": person.name},
    )


def validate_points(panel: Panel, raw: dict) -> dict[str, str]:
    points = {}
    step = Decimal(panel.step)
    for dim in panel.dimensions:
        value = (raw.get(dim["code"]) or "").strip()
        if value == "":
            continue
        try:
            number = Decimal(value)
            if not number.is_finite():  # Decimal reads NaN and Infinity; they compare with nothing
                raise InvalidOperation
        except InvalidOperation:
            raise ValidationError(
                _("%(dim)s: “%(v)s” is not a number.") % {"dim": dim["label"], "v": value}
            ) from None
        if not 0 <= number <= Decimal(dim["max"]):
            raise ValidationError(
                _("%(dim)s: between 0 and %(max)s.") % {"dim": dim["label"], "max": dim["max"]}
            )
        if step and (number / step) % 1:
            raise ValidationError(
                _("%(dim)s: in steps of %(step)s.") % {"dim": dim["label"], "step": step}
            )
        points[dim["code"]] = str(number)
    return points


@transaction.atomic
def sheet_save(
    *,
    expert: Expert,
    person,
    raw_points: dict,
    submit: bool = False,
    signature: str = "",
    on_paper: bool = False,
    actor=None,
) -> ScoreSheet:
    panel = expert.panel
    if panel.status != Panel.Status.OPEN and not on_paper:
        raise ValidationError(_("Scoring is open only during the defence session."))
    if expert.conflicts.filter(pk=person.pk).exists():
        raise ValidationError(_("You declared a conflict with this candidate."))
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        panel=panel, expert=expert, person=person
    )
    if sheet.status == ScoreSheet.Status.SUBMITTED:
        raise ValidationError(_("This sheet is submitted; only the chair can reopen it."))
    sheet.points = validate_points(panel, raw_points)
    sheet.on_paper = on_paper
    if submit:
        if len(sheet.points) != len(panel.dimensions):
            raise ValidationError(_("Score every dimension before submitting."))
        if signature.strip() != expert.name:
            raise ValidationError(
                _("Sign with your name, %(name)s, to submit.") % {"name": expert.name}
            )
        sheet.status = ScoreSheet.Status.SUBMITTED
        sheet.signature = signature.strip()
        sheet.submitted_at = timezone.now()
    sheet.save()
    if submit:
        audit_record(
            actor=actor or f"专家 {expert.name}",
            organisation=panel.campaign.organisation,
            action="sheet.submit",
            obj=sheet,
            after={
                "candidate": person.name,
                "points": sheet.points,
                "total": str(sheet.total),
                "on_paper": on_paper,
            },
        )
    return sheet


@transaction.atomic
def sheet_reopen(*, actor, sheet: ScoreSheet, reason: str) -> ScoreSheet:
    if not reason.strip():
        raise ValidationError(_("Reopening a sheet needs a reason."))
    if sheet.panel.status != Panel.Status.OPEN:
        raise ValidationError(_("Scoring is open only during the defence session."))
    before = {"status": sheet.status, "points": sheet.points}
    sheet.status = ScoreSheet.Status.DRAFT
    sheet.save(update_fields=["status"])
    audit_record(
        actor=actor,
        organisation=sheet.panel.campaign.organisation,
        action="sheet.reopen",
        obj=sheet,
        before=before,
        after={"status": "draft", "reason": reason.strip()},
    )
    return sheet


def ranking(panel: Panel) -> list[dict]:
    """Per position: each candidate's evaluation, defence aggregate, composite, rank, gate
    and whether he is on the shortlist."""
    campaign = panel.campaign
    outcomes = evaluation_outcomes(campaign)
    sheets = {}
    for s in panel.sheets.filter(status=ScoreSheet.Status.SUBMITTED).select_related("expert"):
        sheets.setdefault(s.person_id, []).append(s)
    candidacies = (
        Candidacy.objects.filter(
            application__campaign=campaign,
            application__status=Application.Status.SUBMITTED,
            result=Candidacy.Result.QUALIFIED,
        )
        .select_related("application__person", "position")
        .order_by("position__order", "rank")
    )
    rows = []
    for c in candidacies:
        person = c.application.person
        mine = sheets.get(person.pk, [])
        defence = scoring.aggregate([s.total for s in mine], panel.trim_from)
        outcome = outcomes.get(person.pk, {})
        if panel.evaluation_measure == Panel.Measure.SCORE and outcome.get("score"):
            evaluation_value = Decimal(outcome["score"])
        else:
            evaluation_value = Decimal(outcome["percent"]) if outcome.get("percent") else None
        rows.append(
            {
                "candidacy": c,
                "person": person,
                "position": c.position,
                "choice": c.rank,
                "evaluation": evaluation_value,
                "passed": bool(outcome.get("passed")),
                "sheets": mine,
                "defence": defence,
                "dimensions": scoring.dimension_means(
                    {k: Decimal(v) for k, v in s.points.items()} for s in mine
                ),
                "composite": scoring.composite(
                    evaluation_value, defence, panel.maximum, panel.weights
                ),
            }
        )
    places = {p.pk: panel.places(p) for p in campaign.positions.all()}
    chosen = scoring.shortlist(
        [
            scoring.Entry(
                str(r["person"].pk), str(r["position"].pk), r["choice"], r["composite"], r["passed"]
            )
            for r in rows
        ],
        {str(k): v for k, v in places.items()},
    )
    for position in campaign.positions.all():
        mine = [r for r in rows if r["position"].pk == position.pk]
        ranks = scoring.rank({str(r["person"].pk): r["composite"] for r in mine})
        for r in mine:
            r["rank"] = ranks[str(r["person"].pk)]
            r["shortlisted"] = str(r["person"].pk) in chosen[str(position.pk)]
    rows.sort(key=lambda r: (r["position"].order, r["rank"] or 10_000))
    return rows


@transaction.atomic
def shortlist_confirm(*, actor, panel: Panel, decision: Decision) -> Panel:
    if panel.status != Panel.Status.CLOSED:
        raise ValidationError(_("Close the scoring before the shortlist is confirmed."))
    if decision.body_id != panel.campaign.leading_group_id or decision.outcome != (
        Decision.Outcome.APPROVED
    ):
        raise ValidationError(_("The shortlist needs an approving decision of the leading group."))
    rows = ranking(panel)
    panel.shortlist_decision = decision
    panel.save(update_fields=["shortlist_decision"])
    shortlisted = [r for r in rows if r["shortlisted"]]
    if not shortlisted:
        raise ValidationError(_("Nobody passed the evaluation's gate; the shortlist is empty."))
    audit_record(
        actor=actor,
        organisation=panel.campaign.organisation,
        action="shortlist.confirm",
        obj=panel,
        after={
            "decision": decision.pk,
            "shortlist": [
                f"{r['position'].title}：{r['person'].name}（{r['composite']}）"
                for r in shortlisted
            ],
        },
    )
    inspections_open(actor=actor, campaign=panel.campaign, shortlist=shortlisted)
    return panel


@transaction.atomic
def paper_score_enter(*, actor, expert: Expert, person, raw_points: dict) -> ScoreSheet | None:
    """Enter a filled paper sheet. The second matching entry, by someone else, submits it;
    returns the sheet then, None while it waits (or the entries differ)."""
    panel = expert.panel
    if panel.status != Panel.Status.OPEN:
        raise ValidationError(_("Scoring is open only during the defence session."))
    points = validate_points(panel, raw_points)
    if len(points) != len(panel.dimensions):
        raise ValidationError(_("Score every dimension before submitting."))
    PaperScore.objects.update_or_create(
        panel=panel, expert=expert, person=person, entered_by=actor, defaults={"points": points}
    )
    entries = list(PaperScore.objects.filter(expert=expert, person=person))
    audit_record(
        actor=actor,
        organisation=panel.campaign.organisation,
        action="sheet.paper_enter",
        obj=expert,
        after={"candidate": person.name, "entries": len(entries)},
    )
    if len(entries) < 2 or any(e.points != entries[0].points for e in entries):
        return None
    return sheet_save(
        expert=expert,
        person=person,
        raw_points=points,
        submit=True,
        signature=expert.name,
        on_paper=True,
        actor=actor,
    )


@transaction.atomic
def questions_set(
    *, actor, panel: Panel, questions: dict[str, str], places: dict[str, str] | None = None
) -> Panel:
    """Per position: the questions the experts put (optional) and the number of places on
    the shortlist (its quota unless set)."""
    positions = {str(p.pk): p for p in panel.campaign.positions.all()}
    panel.questions = {k: v.strip() for k, v in questions.items() if k in positions and v.strip()}
    chosen = {}
    for key, raw in (places or {}).items():
        raw = (raw or "").strip()
        if key not in positions or not raw:
            continue
        if not raw.isdecimal() or not 1 <= int(raw) <= 20:
            raise ValidationError(
                _("%(title)s: the places must be a number from 1 to 20.")
                % {"title": positions[key].title}
            )
        if int(raw) != positions[key].quota:
            chosen[key] = int(raw)
    panel.shortlist_places = chosen
    panel.save(update_fields=["questions", "shortlist_places"])
    audit_record(
        actor=actor,
        organisation=panel.campaign.organisation,
        action="panel.positions",
        obj=panel,
        after={"questions": panel.questions, "places": chosen},
    )
    return panel
