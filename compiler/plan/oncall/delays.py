"""Start times in seconds to the whole minutes on-call tools count in, with a record of every change.

Both PagerDuty and Opsgenie take delays in whole minutes. A start time that is
not on a whole minute is rounded down, so nobody is paged later than the
playbook says; each change is kept as a `Moved` so that the lint rules and the
build notes can say exactly what happened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Moved(Generic[T]):
    """A target the product notifies at another time than the playbook."""

    target: T
    wanted: float  # seconds after the start, as the playbook says
    got: int  # minutes after the start, as the product will do it
    why: str  # a sentence for the note


def whole_minutes(seconds: float) -> int:
    """Round down to whole minutes (never later than the playbook)."""
    return max(0, math.floor(seconds / 60 + 1e-9))


def in_minutes(starts: list[tuple[float, T]], product: str) -> tuple[list[tuple[int, T]], list[Moved[T]]]:
    """(minutes, target) for each (seconds, target), in start order, and every rounding made."""
    found: list[tuple[int, T]] = []
    moved: list[Moved[T]] = []
    for seconds, target in sorted(starts, key=lambda item: item[0]):
        minutes = whole_minutes(seconds)
        if abs(minutes * 60 - seconds) > 1e-6:
            moved.append(Moved(target, seconds, minutes, f"{product} counts whole minutes: rounded down to {minutes}m"))
        found.append((minutes, target))
    return found, moved
