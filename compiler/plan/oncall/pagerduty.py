"""PagerDuty escalation policies: per-rule delays, as the REST API v2 takes them.

Semantics (API reference, EscalationRule): `escalation_delay_in_minutes` is
"the number of minutes before an unacknowledged incident escalates away from
this rule". The first rule's targets are notified when the incident triggers;
the targets of rule k at the sum of the delays of rules 1..k-1. So a delay is
the gap between two consecutive start times, and converting back is a running
sum. Limits: a delay is a whole number of minutes, at least 1 (the Terraform
provider validates `IntAtLeast(1)`; the web app asks for 3 when a rule has
several targets, issue #630); 1 to 10 targets per rule; escalation stops once
the incident is acknowledged. The limits are data, in `targets/pagerduty/facts.toml`;
the sources are cited in `targets/pagerduty/schemas/escalation_policy.schema.json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from compiler.plan.oncall.delays import Moved, in_minutes
from compiler.plan.targetfacts import facts

_FACTS = facts("pagerduty")
assert _FACTS is not None, "targets/pagerduty/facts.toml is missing"
PRODUCT = _FACTS.title
MIN_DELAY_MINUTES = _FACTS.min_delay_minutes or 1
MAX_TARGETS_PER_RULE = _FACTS.max_targets_per_rule or 1
# The last rule's delay only matters when the policy repeats (num_loops > 0); the compiler never repeats.
LAST_RULE_DELAY_MINUTES = _FACTS.last_rule_delay_minutes or MIN_DELAY_MINUTES

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One escalation rule: notified targets, then minutes until the next rule."""

    delay: int
    targets: tuple[T, ...]


@dataclass
class Policy(Generic[T]):
    rules: list[Rule[T]] = field(default_factory=list)
    moved: list[Moved[T]] = field(default_factory=list)


def policy(starts: Sequence[tuple[float, T]]) -> Policy[T]:
    """Escalation rules that notify each target at its start time (seconds after the incident triggers).

    Targets due in the same minute share a rule. What PagerDuty cannot do
    exactly is done in the safe direction where there is one, and recorded:
    start times are rounded down to whole minutes; the first rule is notified
    at once, so an earliest start after zero moves to zero; a minute with more
    than ten targets passes the rest to the next minute (the only move later).
    """
    minutes, moved = in_minutes(list(starts), PRODUCT)
    wanted = {target: seconds for seconds, target in reversed(list(starts))}  # the earliest start of each
    levels: dict[int, list[T]] = {}
    for minute, target in minutes:
        level = levels.setdefault(minute, [])
        if target not in level:
            level.append(target)
    if levels and min(levels) > 0:
        first = min(levels)
        why = f"{PRODUCT} notifies its first rule when the incident triggers"
        moved.extend(Moved(target, wanted[target], 0, why) for target in levels[first])
        levels[0] = levels.pop(first)
    _merge_close_levels(levels, moved, wanted)
    _spill_full_levels(levels, moved, wanted)
    order = sorted(levels)
    rules = [
        Rule(order[i + 1] - order[i] if i + 1 < len(order) else LAST_RULE_DELAY_MINUTES, tuple(levels[minute]))
        for i, minute in enumerate(order)
    ]
    return Policy(rules, moved)


def _merge_close_levels(levels: dict[int, list[T]], moved: list[Moved[T]], wanted: dict[T, float]) -> None:
    """A level less than the minimum delay after the one before joins it (paged earlier, never later)."""
    previous = None
    for minute in sorted(levels):
        if previous is not None and minute - previous < MIN_DELAY_MINUTES:
            why = f"{PRODUCT} needs at least {MIN_DELAY_MINUTES}m between rules"
            for target in levels.pop(minute):
                moved.append(Moved(target, wanted[target], previous, why))
                if target not in levels[previous]:
                    levels[previous].append(target)
            continue
        previous = minute


def _spill_full_levels(levels: dict[int, list[T]], moved: list[Moved[T]], wanted: dict[T, float]) -> None:
    minute = min(levels, default=0)
    while minute <= max(levels, default=0):
        level = levels.get(minute, [])
        if len(level) > MAX_TARGETS_PER_RULE:
            rest = level[MAX_TARGETS_PER_RULE:]
            del level[MAX_TARGETS_PER_RULE:]
            later = levels.setdefault(minute + 1, [])
            for target in rest:
                why = f"{PRODUCT} takes at most {MAX_TARGETS_PER_RULE} targets a rule"
                moved.append(Moved(target, wanted[target], minute + 1, why))
            later[:0] = rest
        minute += 1


def start_times(rules: Sequence[tuple[int, Sequence[T]]]) -> list[tuple[int, T]]:
    """The inverse: (delay, targets) rules in order -> (minutes after trigger, target), as PagerDuty pages them."""
    found: list[tuple[int, T]] = []
    elapsed = 0
    for delay, targets in rules:
        found.extend((elapsed, target) for target in targets)
        elapsed += delay
    return found
