"""Roster imports as jobs: check the uploaded workbook, then apply it once confirmed.

Both steps read the whole workbook, which takes seconds for a large school, so they run in the
background (cadre.core.jobs) and report their progress on the RosterUpload row.
"""

import io

from django.db import transaction
from django.utils import timezone

from cadre.core.jobs import run_in_background

from .models import RosterUpload
from .roster import StaleImport, roster_apply, roster_plan
from .roster_xlsx import RosterErrors, read_roster

PREVIEW_ROWS = 200
Status = RosterUpload.Status


def upload_start(*, actor, organisation, filename: str, content: bytes) -> RosterUpload:
    upload = RosterUpload.objects.create(
        organisation=organisation,
        uploaded_by=actor,
        filename=filename[:200],
        content=content,
        status=Status.CHECKING,
    )
    run_in_background(_check, upload.pk)
    return upload


def upload_confirm(*, actor, upload: RosterUpload, fingerprint: str) -> bool:
    """Start applying a checked upload; False if it is not (or no longer) awaiting that."""
    with transaction.atomic():
        started = RosterUpload.objects.filter(pk=upload.pk, status=Status.CHECKED).update(
            status=Status.APPLYING, confirmed_by=actor, progress_done=0, updated_at=timezone.now()
        )
        if started:
            run_in_background(_apply, upload.pk, fingerprint)
    return bool(started)


def _reporter(pk):
    def progress(done, total):
        RosterUpload.objects.filter(pk=pk).update(
            progress_done=done, progress_total=total, updated_at=timezone.now()
        )

    return progress


def _finish(pk, status, result, **fields):
    RosterUpload.objects.filter(pk=pk).update(
        status=status, result=result, updated_at=timezone.now(), **fields
    )


def _check(pk) -> None:
    upload = RosterUpload.objects.select_related("organisation").get(pk=pk)
    try:
        data = read_roster(io.BytesIO(bytes(upload.content)), progress=_reporter(pk))
    except RosterErrors as exc:
        _finish(
            pk,
            Status.FAILED,
            {
                "errors": [
                    {"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message}
                    for e in exc.errors
                ],
                "error_total": exc.total,
            },
        )
        return
    plan = roster_plan(upload.organisation, data)
    _finish(
        pk,
        Status.CHECKED,
        {
            "fingerprint": plan.fingerprint,
            "created": len(plan.created),
            "updated": len(plan.updated),
            "unchanged": plan.unchanged,
            "new_departments": plan.new_departments,
            "kept": plan.kept,
            "change_total": len(plan.changes),
            "changes": [
                {
                    "staff_no": c.staff_no,
                    "name": c.name,
                    "created": c.created,
                    "fields": c.fields,
                    "records": c.records,
                }
                for c in plan.changes[:PREVIEW_ROWS]
            ],
        },
        progress_done=upload.progress_total or 0,
    )


def _apply(pk, fingerprint) -> None:
    upload = RosterUpload.objects.select_related("organisation", "confirmed_by").get(pk=pk)
    try:
        data = read_roster(io.BytesIO(bytes(upload.content)), progress=_reporter(pk))
        plan = roster_apply(
            actor=upload.confirmed_by,
            organisation=upload.organisation,
            data=data,
            expected_fingerprint=fingerprint,
        )
    except StaleImport:
        _finish(pk, Status.STALE, upload.result)
        return
    except RosterErrors:
        _finish(pk, Status.FAILED, upload.result)
        return
    except Exception as exc:
        # Nothing was written (the import is one transaction); say so instead of spinning.
        _finish(pk, Status.ERROR, {**upload.result, "error": exc.__class__.__name__})
        raise
    _finish(
        pk,
        Status.APPLIED,
        {
            **upload.result,
            "created": len(plan.created),
            "updated": len(plan.updated),
            "unchanged": plan.unchanged,
        },
        applied_at=timezone.now(),
        content=b"",
    )
