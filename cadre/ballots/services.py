"""Writes of the secret ballot.

Casting writes no audit entry and no timestamp: the record of who did what must never link a
voter to a ballot. Opening, closing, issuing and voiding codes, check-ins and paper entries
are audited.
"""

import hashlib
import json
import random
import uuid
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record
from cadre.campaigns.models import Application, Candidacy

from . import codes, tally
from .models import (
    Ballot,
    Candidate,
    CheckIn,
    CodeBatch,
    Evaluation,
    PaperBatch,
    PaperEntry,
    Tracker,
    VotingCode,
)

MAX_CODES = 2000

DISCREPANCIES = {
    tally.MORE_BALLOTS_THAN_PRESENT: gettext_lazy(
        "More ballots were cast than people were checked in."
    ),
    tally.MORE_PRESENT_THAN_ENTITLED: gettext_lazy(
        "More people were checked in than are entitled to vote."
    ),
    tally.BALLOTS_AND_CODES_DISAGREE: gettext_lazy(
        "The electronic ballots and the codes used disagree."
    ),
    tally.TRACKERS_AND_BALLOTS_DISAGREE: gettext_lazy(
        "The trackers and the electronic ballots disagree."
    ),
    tally.MORE_CODES_USED_THAN_ISSUED: gettext_lazy("More codes were used than were issued."),
}


def discrepancies(reconciliation: dict) -> list:
    """What the reconciliation of a closed evaluation fails, in words."""
    return [DISCREPANCIES[d] for d in tally.discrepancies(reconciliation)] if reconciliation else []


class BallotRefused(Exception):
    """A cast that stored nothing; the message says why, to the voter."""


def _key() -> bytes:
    return settings.CADRE_BALLOT_KEY.encode()


def is_open(evaluation: Evaluation, now=None) -> bool:
    now = now or timezone.now()
    return evaluation.status == Evaluation.Status.OPEN and not (
        evaluation.closes_at and now >= evaluation.closes_at
    )


# ---------------------------------------------------------------- preparing and opening


@transaction.atomic
def evaluation_open(*, actor, evaluation: Evaluation) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status != Evaluation.Status.DRAFT:
        raise ValidationError(_("Only an evaluation being prepared can be opened."))
    if not evaluation.candidates.exists():
        raise ValidationError(_("The ballot lists no candidate."))
    if not VotingCode.objects.filter(evaluation=evaluation, batch__voided=False).exists():
        raise ValidationError(_("Issue the voting codes first."))
    evaluation.status = Evaluation.Status.OPEN
    evaluation.opened_at = timezone.now()
    evaluation.save()
    audit_record(
        actor=actor,
        organisation=evaluation.organisation,
        action="evaluation.open",
        obj=evaluation,
        before={"status": "draft"},
        after={"status": "open"},
    )
    return evaluation


@transaction.atomic
def codes_issue(*, actor, evaluation: Evaluation, count: int) -> list[str]:
    """Generate `count` codes; returns the plain codes, which are never stored.

    Issuing again voids every earlier batch: a reprint replaces the slips.
    """
    if evaluation.status == Evaluation.Status.CLOSED:
        raise ValidationError(_("The evaluation is closed."))
    if not 1 <= count <= MAX_CODES:
        raise ValidationError(_("Issue between 1 and %(n)s codes.") % {"n": MAX_CODES})
    if (
        evaluation.status == Evaluation.Status.OPEN
        and VotingCode.objects.filter(evaluation=evaluation, spent=True).exists()
    ):
        raise ValidationError(_("Votes have been cast; the codes can no longer be reprinted."))
    voided = CodeBatch.objects.filter(evaluation=evaluation, voided=False).update(voided=True)
    batch = CodeBatch.objects.create(
        evaluation=evaluation, size=count, created_by=actor if not isinstance(actor, str) else None
    )
    plain = set()
    while len(plain) < count:
        plain.add(codes.new_code())
    plain = list(plain)
    VotingCode.objects.bulk_create(
        [
            VotingCode(
                evaluation=evaluation,
                batch=batch,
                code_hash=codes.code_hash(_key(), evaluation.salt, c),
            )
            for c in plain
        ]
    )
    audit_record(
        actor=actor,
        organisation=evaluation.organisation,
        action="evaluation.codes_reissue" if voided else "evaluation.codes_issue",
        obj=evaluation,
        after={"batch": batch.pk, "codes": count, "voided_batches": voided},
    )
    return plain


@transaction.atomic
def check_in(*, actor, evaluation: Evaluation, person, present: bool = True) -> None:
    if evaluation.status == Evaluation.Status.CLOSED:
        raise ValidationError(_("The evaluation is closed."))
    if person.organisation_id != evaluation.organisation_id:
        raise ValidationError(_("Only staff on this school's roster can be checked in."))
    if present:
        _obj, created = CheckIn.objects.get_or_create(evaluation=evaluation, person=person)
    else:
        created = bool(CheckIn.objects.filter(evaluation=evaluation, person=person).delete()[0])
    if created:
        audit_record(
            actor=actor,
            organisation=evaluation.organisation,
            action="evaluation.check_in" if present else "evaluation.check_out",
            obj=evaluation,
            object_repr=f"{evaluation} · {person.name}",
            after={"person": person.staff_no},
        )


@transaction.atomic
def speaker_set(*, actor, evaluation: Evaluation, index: int | None) -> Evaluation:
    """The meeting screen's current speaker; the countdown starts now."""
    count = evaluation.candidates.count()
    if index is not None and not 0 <= index < count:
        raise ValidationError(_("There is no such speaker."))
    evaluation.current_speaker = index
    evaluation.speech_started_at = timezone.now() if index is not None else None
    evaluation.save(update_fields=["current_speaker", "speech_started_at"])
    return evaluation


# ---------------------------------------------------------------- casting


def validate_marks(evaluation: Evaluation, marks, candidate_keys=None) -> dict | list:
    candidates = candidate_keys or [c.key for c in evaluation.candidates.all()]
    if evaluation.kind == Evaluation.Kind.CHOOSE:
        chosen = list(marks)
        if len(chosen) > (evaluation.max_choices or 0):
            raise BallotRefused(_("Choose at most %(n)s names.") % {"n": evaluation.max_choices})
        if len(set(chosen)) != len(chosen) or not set(chosen) <= set(candidates):
            raise BallotRefused(_("The ballot names someone who is not on it."))
        return sorted(chosen)
    allowed = {o["code"] for o in evaluation.options}
    clean = {}
    for c in candidates:
        mark = marks.get(c, tally.BLANK)
        if mark not in allowed and mark != tally.BLANK:
            raise BallotRefused(_("The ballot holds a mark that is not one of the options."))
        clean[c] = mark
    if set(marks) - set(candidates):
        raise BallotRefused(_("The ballot names someone who is not on it."))
    return clean


def ballot_cast(*, evaluation: Evaluation, code: str, marks, now=None, candidate_keys=None) -> str:
    """Spend the code and store the ballot in one transaction; returns the voter's tracker.

    The UPDATE … WHERE spent = false succeeds for exactly one of any number of concurrent
    casts with the same code; the others store nothing.
    """
    if not is_open(evaluation, now):
        raise BallotRefused(_("Voting is not open."))
    marks = validate_marks(evaluation, marks, candidate_keys)
    digest = codes.code_hash(_key(), evaluation.salt, code)
    # The batches still valid, as plain ids: the UPDATE must test `spent` on the code row
    # itself, with no join or subquery. PostgreSQL re-checks a row's WHERE clause after a
    # concurrent update only for conditions on that row, not for a subquery's snapshot, and
    # a subquery lets two casts spend the same code.
    batches = list(
        CodeBatch.objects.filter(evaluation=evaluation, voided=False).values_list("pk", flat=True)
    )
    with transaction.atomic():
        spent = VotingCode.objects.filter(
            evaluation=evaluation,
            code_hash=digest,
            spent=False,
            batch_id__in=batches,
        ).update(spent=True)
        if spent != 1:
            raise BallotRefused(_why_refused(evaluation, digest))
        _store(evaluation, marks)
        tracker = codes.new_tracker()
        Tracker.objects.create(id=uuid.uuid4(), evaluation=evaluation, value=tracker)
    return tracker


def _store(evaluation, marks) -> None:
    Ballot.objects.create(id=uuid.uuid4(), evaluation=evaluation, marks=marks)


def _why_refused(evaluation, digest) -> str:
    code = (
        VotingCode.objects.filter(evaluation=evaluation, code_hash=digest)
        .select_related("batch")
        .first()
    )
    if code is None:
        return _("This code is not valid for this evaluation. Check what you typed.")
    if code.batch.voided:
        return _("This code was voided when the slips were reprinted.")
    return _("This code has already been used.")


# ---------------------------------------------------------------- paper ballots


def _normalise_paper(evaluation: Evaluation, kind: str, data):
    """Paper ballots as entered: a list of ballots ({candidate: mark}, SPOILED allowed), or
    totals {candidate: {mark: n}}."""
    candidates = {c.key for c in evaluation.candidates.all()}
    marks = {o["code"] for o in evaluation.options} | {tally.BLANK, tally.SPOILED}
    if kind == PaperBatch.Kind.BALLOTS:
        out = []
        for ballot in data:
            if not set(ballot) <= candidates or not set(ballot.values()) <= marks:
                raise ValidationError(_("A paper ballot names an unknown candidate or mark."))
            out.append({c: ballot.get(c, tally.BLANK) for c in sorted(candidates)})
        return out
    out = {}
    for c, counts in data.items():
        if c not in candidates or not set(counts) <= marks:
            raise ValidationError(_("The totals name an unknown candidate or mark."))
        if any(not isinstance(n, int) or n < 0 for n in counts.values()):
            raise ValidationError(_("Totals must be whole numbers, zero or more."))
        out[c] = {m: n for m, n in sorted(counts.items()) if n}
    return out


@transaction.atomic
def paper_enter(*, actor, batch: PaperBatch, data) -> PaperBatch:
    """One person's entry of a batch; the second matching entry by someone else confirms it."""
    batch = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    evaluation = batch.evaluation
    if evaluation.status == Evaluation.Status.CLOSED:
        raise ValidationError(_("The evaluation is closed."))
    if batch.confirmed:
        raise ValidationError(_("This batch is already confirmed."))
    data = _normalise_paper(evaluation, batch.kind, data)
    PaperEntry.objects.update_or_create(batch=batch, entered_by=actor, defaults={"data": data})
    entries = list(batch.entries.all())
    audit_record(
        actor=actor,
        organisation=evaluation.organisation,
        action="paper.enter",
        obj=batch,
        object_repr=f"{evaluation} · {batch.label}",
        after={"entries": len(entries)},
    )
    if len(entries) >= 2:
        first, second = entries[0].data, entries[1].data
        if _canonical(first) != _canonical(second):
            return batch  # shown as a mismatch; either person corrects his entry
        batch.confirmed = True
        batch.data = first
        batch.save()
        audit_record(
            actor=actor,
            organisation=evaluation.organisation,
            action="paper.confirm",
            obj=batch,
            object_repr=f"{evaluation} · {batch.label}",
            after={"entered_by": sorted(e.entered_by.username for e in entries)},
        )
    return batch


def _canonical(data) -> str:
    if isinstance(data, list):
        data = sorted(json.dumps(b, sort_keys=True) for b in data)
    return json.dumps(data, sort_keys=True)


# ---------------------------------------------------------------- closing and counting


def evaluation_close(*, actor, evaluation: Evaluation) -> Evaluation:
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.status != Evaluation.Status.OPEN:
            raise ValidationError(_("Only an open evaluation can be closed."))
        _shuffle(evaluation)
        board = bulletin_board(evaluation)
        evaluation.status = Evaluation.Status.CLOSED
        evaluation.closed_at = timezone.now()
        evaluation.result = {"tally": board["tally"], "reconciliation": board["reconciliation"]}
        evaluation.board = board
        evaluation.board_sha256 = hashlib.sha256(board_bytes(board)).hexdigest()
        evaluation.save()
        audit_record(
            actor=actor,
            organisation=evaluation.organisation,
            action="evaluation.close",
            obj=evaluation,
            before={"status": "open"},
            after={
                "status": "closed",
                "board_sha256": evaluation.board_sha256,
                "reconciliation": board["reconciliation"],
            },
        )
    _forget_order()
    return evaluation


def _shuffle(evaluation: Evaluation) -> None:
    """Rewrite ballots and trackers in random order under new random keys, so that neither
    row ids, SQLite's hidden rowid nor PostgreSQL's physical order keep the casting order."""
    rng = random.SystemRandom()
    for model, field in ((Ballot, "marks"), (Tracker, "value")):
        values = list(model.objects.filter(evaluation=evaluation).values_list(field, flat=True))
        rng.shuffle(values)
        model.objects.filter(evaluation=evaluation).delete()
        model.objects.bulk_create(
            [model(id=uuid.uuid4(), evaluation=evaluation, **{field: v}) for v in values],
            batch_size=500,
        )


def _forget_order() -> None:
    """Drop what the database keeps of the old rows beyond the tables themselves.

    Neither can run inside a transaction: a caller that holds one (a test) skips it.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # secure_delete (settings) zeroed the deleted rows; the WAL still holds the pages
            # as they were, until it is checkpointed and truncated.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            cursor.execute(f"VACUUM FULL {Ballot._meta.db_table}, {Tracker._meta.db_table}")


def close_if_due(evaluation: Evaluation) -> Evaluation:
    """An evaluation past its closing time is closed by whoever looks at it first."""
    if (
        evaluation.status == Evaluation.Status.OPEN
        and evaluation.closes_at
        and (timezone.now() >= evaluation.closes_at)
    ):
        try:
            return evaluation_close(actor="cadre (closing time)", evaluation=evaluation)
        except ValidationError:
            evaluation.refresh_from_db()
    return evaluation


def bulletin_board(evaluation: Evaluation) -> dict:
    candidates = list(evaluation.candidates.select_related("person"))
    # Ordered by their random keys: the shuffled order, the same at every reading.
    ballots = list(
        Ballot.objects.filter(evaluation=evaluation).order_by("id").values_list("marks", flat=True)
    )
    trackers = sorted(Tracker.objects.filter(evaluation=evaluation).values_list("value", flat=True))
    papers = list(evaluation.paper_batches.filter(confirmed=True).order_by("id"))
    paper_ballots = [b for p in papers if p.kind == PaperBatch.Kind.BALLOTS for b in p.data]
    paper_counts = [p.data for p in papers if p.kind == PaperBatch.Kind.COUNTS]
    codes_issued = VotingCode.objects.filter(evaluation=evaluation, batch__voided=False).count()
    codes_used = VotingCode.objects.filter(evaluation=evaluation, spent=True).count()
    checked_in = evaluation.check_ins.count()
    # A batch of totals holds as many ballots as its most-marked candidate has marks.
    paper_total = len(paper_ballots) + sum(
        max((sum(v.values()) for v in counts.values()), default=0) for counts in paper_counts
    )
    board = {
        "format": "cadre-bulletin-board/1",
        "evaluation": {
            "id": evaluation.public_id,
            "title": evaluation.title,
            "kind": evaluation.kind,
            "organisation": evaluation.organisation.name,
            "candidates": [
                {"id": c.key, "name": c.person.name, "note": c.note} for c in candidates
            ],
            "options": evaluation.options,
            "unknown_in_base": evaluation.unknown_in_base,
            "blank_in_base": evaluation.blank_in_base,
            "threshold": [evaluation.threshold_num, evaluation.threshold_den],
            "max_choices": evaluation.max_choices,
        },
        "trackers": trackers,
        "ballots": ballots,
        "paper": {"ballots": paper_ballots, "counts": paper_counts},
        "reconciliation": {
            "entitled": evaluation.entitled,
            "checked_in": checked_in,
            "codes_issued": codes_issued,
            "codes_used": codes_used,
            "electronic_ballots": len(ballots),
            "trackers": len(trackers),
            "paper_ballots": paper_total,
        },
    }
    board["tally"] = count_board(board)
    return board


def count_board(board: dict) -> dict:
    """The tally, from the bulletin board alone: what `cadre ballots recount` repeats."""
    e = board["evaluation"]
    keys = [c["id"] for c in e["candidates"]]
    if e["kind"] == Evaluation.Kind.CHOOSE:
        votes, spoiled = tally.count_choices(
            keys, board["ballots"] + board["paper"]["ballots"], e["max_choices"] or 0
        )
        return {"votes": votes, "spoiled": spoiled}
    rules = tally.Rules(
        options=tuple(tally.Option(**o) for o in e["options"]),
        unknown_in_base=e["unknown_in_base"],
        blank_in_base=e["blank_in_base"],
        threshold=tally.Fraction(*e["threshold"]),
    )
    electronic = tally.count_marks(keys, board["ballots"])
    paper = tally.count_marks(keys, board["paper"]["ballots"])
    for counts in board["paper"]["counts"]:
        tally.add_counts(paper, counts)
    combined = {k: electronic[k] + paper.get(k, Counter()) for k in keys}
    results = tally.tally(keys, combined, rules)
    return {
        k: {
            **results[k].as_json(),
            "electronic": dict(electronic[k]),
            "paper": dict(paper.get(k, Counter())),
        }
        for k in keys
    }


def board_bytes(board: dict) -> bytes:
    return json.dumps(board, ensure_ascii=False, sort_keys=True, indent=1).encode()


@transaction.atomic
def evaluation_create(
    *, actor, evaluation: Evaluation, candidates: list[tuple], with_unknown: bool = False
) -> Evaluation:
    """A new evaluation with its candidates [(person, note)] in speech order."""
    if not candidates:
        raise ValidationError(_("The ballot lists no candidate."))
    if with_unknown and not any(o.get("unknown") for o in evaluation.options):
        evaluation.options = [
            *evaluation.options,
            {
                "code": "unknown",
                "label": "不了解",
                "satisfied": False,
                "weight": None,
                "unknown": True,
            },
        ]
    evaluation.save()
    Candidate.objects.bulk_create(
        [
            Candidate(evaluation=evaluation, person=p, note=note[:200], order=i)
            for i, (p, note) in enumerate(candidates)
        ]
    )
    audit_record(
        actor=actor,
        organisation=evaluation.organisation,
        action="evaluation.create",
        obj=evaluation,
        after={
            "title": evaluation.title,
            "kind": evaluation.kind,
            "candidates": [p.name for p, _note in candidates],
            "options": [o["label"] for o in evaluation.options],
            "threshold": f"{evaluation.threshold_num}/{evaluation.threshold_den}",
        },
    )
    return evaluation


def campaign_candidates(campaign) -> list[tuple]:
    """The qualified candidates of a campaign, in the order of the positions they applied for
    (the order of speeches), each with the positions named."""
    rows = (
        Candidacy.objects.filter(
            application__campaign=campaign,
            application__status=Application.Status.SUBMITTED,
            result=Candidacy.Result.QUALIFIED,
        )
        .select_related("application__person", "position")
        .order_by("position__order", "rank", "application__person__staff_no")
    )
    people: dict[int, tuple] = {}
    for c in rows:
        person = c.application.person
        if person.pk not in people:
            people[person.pk] = (person, [])
        people[person.pk][1].append(c.position.title)
    return [(p, "、".join(titles)) for p, titles in people.values()]


def passed(evaluation: Evaluation, person) -> bool | None:
    """Whether a person's satisfaction reached the threshold; None until the count is in."""
    if evaluation.status != Evaluation.Status.CLOSED:
        return None
    candidate = evaluation.candidates.filter(person=person).first()
    if candidate is None:
        return None
    return bool(evaluation.result["tally"].get(candidate.key, {}).get("passed"))


def evaluation_outcomes(campaign) -> dict[int, dict]:
    """Per person, the result of the campaign's closed evaluation: percent, weighted score and
    whether the threshold was reached. A candidate below it cannot be shortlisted."""
    evaluation = (
        Evaluation.objects.filter(
            campaign=campaign, kind=Evaluation.Kind.RATING, status=Evaluation.Status.CLOSED
        )
        .order_by("-closed_at")
        .first()
    )
    if evaluation is None:
        return {}
    tallies = evaluation.result.get("tally", {})
    return {
        c.person_id: {
            "passed": bool(tallies.get(c.key, {}).get("passed")),
            "percent": tallies.get(c.key, {}).get("percent"),
            "score": tallies.get(c.key, {}).get("score"),
        }
        for c in evaluation.candidates.all()
    }
