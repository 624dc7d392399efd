"""Planned against actual dates of the timetable's stages. No Django here."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    DONE = "done"  # reached by its planned end
    LATE = "late"  # reached, after its planned end
    OVERDUE = "overdue"  # not reached, its planned end has passed
    UNDER_WAY = "under_way"  # not reached, within its planned dates
    AHEAD = "ahead"  # not reached, not planned to start yet


@dataclass(frozen=True)
class Progress:
    state: State
    days_late: int  # after the planned end: when it was reached, or up to today


def progress(start: date, end: date | None, actual: date | None, today: date) -> Progress:
    """Where a stage stands. A stage without an end date is planned for its start day."""
    due = end or start
    if actual is not None:
        late = max((actual - due).days, 0)
        return Progress(State.LATE if late else State.DONE, late)
    if today > due:
        return Progress(State.OVERDUE, (today - due).days)
    if today >= start:
        return Progress(State.UNDER_WAY, 0)
    return Progress(State.AHEAD, 0)


@dataclass
class Row:
    stage: object  # a timetable stage: planned_start, planned_end, milestone
    actual: date | None
    progress: Progress | None  # None for a stage not tied to a milestone


def timetable(stages: Iterable, reached: Mapping[str, date | None], today: date) -> list[Row]:
    """Each stage with the day its milestone was reached (`reached`) and where it stands."""
    rows = []
    for stage in stages:
        if not stage.milestone:
            rows.append(Row(stage, None, None))
            continue
        actual = reached.get(stage.milestone)
        rows.append(
            Row(stage, actual, progress(stage.planned_start, stage.planned_end, actual, today))
        )
    return rows
