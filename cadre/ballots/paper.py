"""Entering paper ballots.

Ballot by ballot: one line per ballot, one symbol per candidate in speech order — the number of
the option marked (1 满意, 2 基本满意, …), 0 for no mark, * for a candidate marked twice
(spoiled for him only). Totals: a number per candidate and mark.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import tally

BLANK_SYMBOLS = {"0", "-", "－"}
SPOILED_SYMBOLS = {"*", "X", "x", "×"}


def legend(evaluation) -> list[tuple[str, str]]:
    return [(str(i), o["label"]) for i, o in enumerate(evaluation.options, start=1)] + [
        ("0", _("no mark")),
        ("*", _("marked twice (spoiled)")),
    ]


def parse(evaluation, batch, candidates, post) -> list | dict:
    keys = [c.key for c in candidates]
    codes = [o["code"] for o in evaluation.options]
    if batch.kind == "ballots":
        ballots = []
        for n, line in enumerate(post.get("ballots", "").splitlines(), start=1):
            symbols = [s for s in line if not s.isspace()]
            if not symbols:
                continue
            if len(symbols) != len(keys):
                raise ValidationError(
                    _("Line %(n)s has %(got)s marks; the ballot has %(want)s candidates.")
                    % {"n": n, "got": len(symbols), "want": len(keys)}
                )
            ballot = {}
            for key, s in zip(keys, symbols, strict=True):
                if s in BLANK_SYMBOLS:
                    ballot[key] = tally.BLANK
                elif s in SPOILED_SYMBOLS:
                    ballot[key] = tally.SPOILED
                elif s.isdecimal() and 1 <= int(s) <= len(codes):
                    ballot[key] = codes[int(s) - 1]
                else:
                    raise ValidationError(
                        _("Line %(n)s: “%(s)s” is not a mark.") % {"n": n, "s": s}
                    )
            ballots.append(ballot)
        if not ballots:
            raise ValidationError(_("Enter at least one ballot."))
        return ballots
    totals = {}
    for key in keys:
        marks = {}
        for mark in [*codes, tally.BLANK, tally.SPOILED]:
            raw = post.get(f"n_{key}_{mark or 'blank'}".replace("*", "spoiled"), "0").strip()
            if not raw.isdecimal():
                raise ValidationError(_("Totals must be whole numbers, zero or more."))
            marks[mark] = int(raw)
        totals[key] = marks
    return totals


def as_text(evaluation, candidates, ballots) -> str:
    codes = {o["code"]: str(i) for i, o in enumerate(evaluation.options, start=1)}
    codes[tally.BLANK], codes[tally.SPOILED] = "0", "*"
    return "\n".join("".join(codes[b[c.key]] for c in candidates) for b in ballots)
