"""Quorum and majority of a collective decision (三重一大). No Django here."""


def has_quorum(present: int, members: int) -> bool:
    """At least two-thirds of the members present, compared as integers."""
    return members > 0 and 3 * present >= 2 * members


def carried(votes_for: int, voters: int) -> bool:
    """More than half of those voting on the item agree."""
    return 2 * votes_for > voters
