"""The voter's side: the ballot page and the bulletin board. No login, no cookie.

These views never read or write the session, set no cookie and keep no log of who asked: the
code is the voter's only credential (so there is no CSRF token either — a forged request
would need the code). Failed attempts are counted per client, under a keyed hash of the
address that is kept only for the counting window, to stop code guessing.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cadre.core.downloads import download
from cadre.core.net import client_address

from . import services
from .models import Evaluation

log = logging.getLogger(__name__)

# Generous, because a school hall often reaches the server from one address (its Wi-Fi or a
# proxy) and typos add up; codes carry 59 bits, so even thousands of guesses find nothing.
FAILURES_ALLOWED = 200
WINDOW_SECONDS = 15 * 60


def _client_key(request, evaluation) -> str:
    address = client_address(request)
    digest = hmac.new(
        settings.CADRE_BALLOT_KEY.encode(), f"{evaluation.salt}:{address}".encode(), hashlib.sha256
    ).hexdigest()
    return f"ballot-failures:{digest[:32]}"


# The count is a guard against guessing, which the codes' length already makes hopeless: if
# the shared cache (Redis, on a district's servers) is down, the meeting goes on uncounted
# rather than every voter in the hall getting an error.
def _failures(key: str) -> int:
    try:
        return cache.get(key, 0)
    except Exception:
        log.exception("the cache is unavailable: wrong ballot codes are not being counted")
        return 0


def _count_failure(key: str) -> None:
    try:
        try:
            cache.incr(key)
        except ValueError:  # the first failure in the window
            cache.set(key, 1, WINDOW_SECONDS)
    except Exception:
        log.exception("the cache is unavailable: wrong ballot codes are not being counted")


def _evaluation(public_id) -> Evaluation:
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("organisation"), public_id=public_id
    )
    return services.close_if_due(evaluation)


def _marks_from(request, evaluation, candidates):
    if evaluation.kind == Evaluation.Kind.CHOOSE:
        return request.POST.getlist("choose")
    return {c.key: request.POST.get(f"c{c.key}", "") for c in candidates}


@csrf_exempt
@never_cache
def ballot(request, public_id):
    evaluation = _evaluation(public_id)
    candidates = list(evaluation.candidates.select_related("person"))
    ctx = {
        "evaluation": evaluation,
        "candidates": candidates,
        "open": services.is_open(evaluation),
        "options": evaluation.options,
    }
    if request.method != "POST":
        return render(request, "ballots/vote.html", ctx)
    key = _client_key(request, evaluation)
    if _failures(key) >= FAILURES_ALLOWED:
        ctx["error"] = _(
            "Too many wrong codes from this device. Wait a quarter of an hour, "
            "or ask the organisers for help."
        )
        return render(request, "ballots/vote.html", ctx, status=429)
    code = request.POST.get("code", "")
    marks = _marks_from(request, evaluation, candidates)
    ctx.update(code=code, marks=marks)
    if request.POST.get("step") == "edit":
        return render(request, "ballots/vote.html", ctx)
    if request.POST.get("step") != "cast":
        # The confirmation step: the voter sees what he marked before anything is stored.
        try:
            services.validate_marks(evaluation, marks, [c.key for c in candidates])
        except services.BallotRefused as exc:
            ctx["error"] = str(exc)
            return render(request, "ballots/vote.html", ctx, status=400)
        ctx["summary"] = _summary(evaluation, candidates, marks)
        return render(request, "ballots/confirm.html", ctx)
    try:
        tracker = services.ballot_cast(
            evaluation=evaluation,
            code=code,
            marks=marks,
            candidate_keys=[c.key for c in candidates],
        )
    except services.BallotRefused as exc:
        _count_failure(key)
        ctx["error"] = str(exc)
        return render(request, "ballots/vote.html", ctx, status=400)
    return render(request, "ballots/receipt.html", {"evaluation": evaluation, "tracker": tracker})


def _summary(evaluation, candidates, marks):
    if evaluation.kind == Evaluation.Kind.CHOOSE:
        return [c for c in candidates if c.key in marks]
    labels = {o["code"]: o["label"] for o in evaluation.options}
    return [(c, labels.get(marks.get(c.key, ""), _("no mark"))) for c in candidates]


@never_cache
def board(request, public_id):
    evaluation = _evaluation(public_id)
    if evaluation.status != Evaluation.Status.CLOSED:
        return render(request, "ballots/board.html", {"evaluation": evaluation}, status=404)
    tracker = request.GET.get("tracker", "").strip().upper()
    data = evaluation.board
    return render(
        request,
        "ballots/board.html",
        {
            "evaluation": evaluation,
            "board": data,
            "tracker": tracker,
            "found": tracker in set(data["trackers"]) if tracker else None,
            "discrepancies": services.discrepancies(data["reconciliation"]),
            "rows": [(c, data["tally"].get(c["id"], {})) for c in data["evaluation"]["candidates"]],
        },
    )


def board_json(request, public_id):
    evaluation = _evaluation(public_id)
    if evaluation.status != Evaluation.Status.CLOSED:
        raise Http404
    return download(
        services.board_bytes(evaluation.board),
        f"board-{public_id}.json",
        "application/json; charset=utf-8",
    )
