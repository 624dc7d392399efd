"""The hash chain of the audit trail. No Django here.

Each entry's hash covers its own fields and the previous entry's hash, so changing,
inserting or deleting any stored entry breaks every hash after it.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping

GENESIS = "0" * 64

HASHED_FIELDS = (
    "at",
    "actor",
    "organisation",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
)


def canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(prev_hash: str, fields: Mapping) -> str:
    body = canonical({"prev": prev_hash, **{k: fields[k] for k in HASHED_FIELDS}})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def first_break(entries: Iterable[tuple[object, str, str, Mapping]]) -> tuple[object, str] | None:
    """Walk (id, prev_hash, hash, fields) in chain order.

    Returns (id, reason) of the first entry that does not verify, or None.
    """
    expected_prev = GENESIS
    for entry_id, prev_hash, stored_hash, fields in entries:
        if prev_hash != expected_prev:
            return entry_id, "prev"
        if entry_hash(prev_hash, fields) != stored_hash:
            return entry_id, "hash"
        expected_prev = stored_hash
    return None
