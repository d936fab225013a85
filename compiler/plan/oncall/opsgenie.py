"""Opsgenie (and Jira Service Management Operations) escalations: delays counted from the start.

Semantics: an escalation rule notifies its one recipient once its `delay` has
passed since the escalation started (the alert was created) and the alert
still meets the rule's condition; the delay is not counted from the previous
rule. The evidence, and the one piece of counter-evidence, are in
`targets/opsgenie/schemas/escalation.schema.json`. So a delay is the start time
itself, and converting back is the identity; only whole minutes are lost.
Conditions: `if-not-acked` or `if-not-closed`; rotations hand over on :00 or :30.
The facts are data, in `targets/opsgenie/facts.toml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from compiler.plan.oncall.delays import Moved, in_minutes
from compiler.plan.targetfacts import facts

_FACTS = facts("opsgenie")
assert _FACTS is not None, "targets/opsgenie/facts.toml is missing"
PRODUCT = _FACTS.title
HANDOFF_MINUTES = _FACTS.handoff_minutes  # rotation start minutes Opsgenie keeps; it moves others itself
CONDITIONS = _FACTS.conditions  # the playbook's `when` -> the rule condition

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
