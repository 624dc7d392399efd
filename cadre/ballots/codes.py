"""One-time voting codes. No Django here.

12 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L): 59 bits, typed
as XXXX-XXXX-XXXX. Only a keyed hash is ever stored; the plain code exists on the slip alone.
"""

import hashlib
import hmac
import math
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(typed: str) -> str:
    """What a voter typed, as a code: case, spaces and dashes do not matter."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def code_hash(key: bytes, salt: str, code: str) -> str:
    return hmac.new(key, f"{salt}:{normalise(code)}".encode(), hashlib.sha256).hexdigest()


def bits() -> float:
    return LENGTH * math.log2(len(ALPHABET))


def new_tracker() -> str:
    """A receipt: random, short enough to read out, never linked to the ballot it vouches for."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"
