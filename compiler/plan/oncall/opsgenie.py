"""Opsgenie (and Jira Service Management Operations) escalations: delays counted from the start.

Semantics: an escalation rule notifies its one recipient once its `delay` has
passed since the escalation started (the alert was created) and the alert
still meets the rule's condition; the delay is not counted from the previous
rule. The evidence, and the one piece of counter-evidence, are in
`schemas/targets/opsgenie/escalation.schema.json`. So a delay is the start time
itself, and converting back is the identity; only whole minutes are lost.
Conditions: `if-not-acked` or `if-not-closed`; rotations hand over on :00 or :30.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from compiler.plan.oncall.delays import Moved, in_minutes

PRODUCT = "Opsgenie"
HANDOFF_MINUTES = (0, 30)  # rotation start minutes Opsgenie keeps; others are moved to the nearest
MAX_REPEATS = 20
# The playbook's `when` -> the rule condition. Opsgenie cannot see mitigation, so an
# `unmitigated` step keeps escalating until the alert is closed (longer, never shorter).
CONDITIONS = {"unacknowledged": "if-not-acked", "unmitigated": "if-not-closed", "unresolved": "if-not-closed"}

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    delay: int  # minutes after the escalation starts
    recipient: T


@dataclass
class Escalation(Generic[T]):
    rules: list[Rule[T]] = field(default_factory=list)
    moved: list[Moved[T]] = field(default_factory=list)


def escalation(starts: Sequence[tuple[float, T]]) -> Escalation[T]:
    """One rule per target, in start order, each delayed by its own start time in whole minutes (rounded down)."""
    minutes, moved = in_minutes(list(starts), PRODUCT)
    return Escalation([Rule(minute, target) for minute, target in minutes], moved)


def start_times(rules: Sequence[tuple[int, T]]) -> list[tuple[int, T]]:
    """The inverse: (delay, recipient) rules -> (minutes after the alert, recipient); delays are offsets already."""
    return sorted(((delay, target) for delay, target in rules), key=lambda item: item[0])
