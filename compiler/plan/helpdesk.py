"""How a playbook maps onto the help-desk products: priority levels, channel codes, SLA policies.

Shared by the PB5xx lint rules and the help-desk renderers, so that what the
linter warns about is exactly what a renderer approximates. What each product
can express comes from its facts (`targets/<name>/facts.toml`, via
`compiler.plan.targetfacts`), never from names written here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from compiler.plan.plan import EVERY_CHANNEL, Plan, SlaCell
from compiler.plan.targetfacts import TargetFacts, facts, helpdesks
from playbook.model import SLA_METRICS, Playbook, Priority, SlaTarget


def requested(targets: frozenset[str]) -> tuple[str, ...]:
    """The help-desk targets among the requested ones, in a stable order."""
    return helpdesks(targets)


def facts_of(target: str) -> TargetFacts:
    """The facts of a help-desk target (the callers only ever ask for those)."""
    found = facts(target)
    assert found is not None, f"{target} has no facts.toml"
    return found


def priority_levels(book: Playbook, target: str) -> dict[str, str | int]:
    """Priority id -> the target's level: the priority's own `levels: {target: ...}`, else by rank."""
    levels = facts_of(target).levels
    result: dict[str, str | int] = {}
    for priority in book.priorities.values():
        explicit = priority.levels.get(target)
        if explicit is not None:
            result[priority.id] = explicit
        elif priority.rank < len(levels):
            result[priority.id] = levels[priority.rank]
    return result


@dataclass(frozen=True)
class LevelProblem:
    priority: Priority
    message: str
    shares_with: Priority | None = None


def level_problems(book: Playbook, target: str) -> Iterator[LevelProblem]:
    """Priorities the target cannot tell apart: no level left, or a level already taken."""
    levels = priority_levels(book, target)
    holder: dict[str | int, Priority] = {}
    target_facts = facts_of(target)
    count = len(target_facts.levels)
    for priority in book.priorities.values():
        level = levels.get(priority.id)
        if level is None:
            yield LevelProblem(
                priority,
                f"{target} has {count} priority levels and {priority.id} is priority number {priority.rank + 1}",
            )
        elif level in holder:
            first = holder[level]
            yield LevelProblem(
                priority,
                f"{priority.id} and {first.id} both map to {target} priority {target_facts.level_name(level)!r}",
                first,
            )
        else:
            holder[level] = priority


def level_owners(book: Playbook, target: str) -> dict[str | int, str]:
    """Level -> the priority whose targets it carries (the most urgent of those mapped to it)."""
    owners: dict[str | int, str] = {}
    for pid, level in priority_levels(book, target).items():
        owners.setdefault(level, pid)
    return owners


def channel_codes(book: Playbook, target: str) -> dict[str, tuple[int, ...]]:
    """Channel id -> the vendor codes that mean it (empty when the target has no such channel)."""
    settings = book.helpdesk.get(target)
    result: dict[str, tuple[int, ...]] = {}
    for cid, channel in book.channels.items():
        if settings is not None and cid in settings.channels:
            result[cid] = tuple(settings.channels[cid])
        else:
            result[cid] = facts_of(target).default_channel_codes.get(channel.type, ())
    return result


@dataclass(frozen=True)
class PolicyGroup:
    """Channels that share every SLA target: one SLA policy in the help desk."""

    channels: tuple[str, ...]  # (EVERY_CHANNEL,) when the playbook names no channels
    codes: tuple[int, ...]

    @property
    def every_channel(self) -> bool:
        return self.channels == (EVERY_CHANNEL,)

    @property
    def slug(self) -> str:
        return "all-channels" if self.every_channel else "-".join(self.channels)

    def names(self, book: Playbook) -> list[str]:
        """The channels' names, for titles."""
        if self.every_channel:
            return ["All channels"]
        return [book.channels[cid].name for cid in self.channels]

    def scope(self) -> str:
        """Which channels, for descriptions."""
        return "every channel" if self.every_channel else ", ".join(self.channels)


def _signature(plan: Plan, channel: str) -> tuple[object, ...]:
    cells = []
    for prio in plan.priorities:
        for metric, cell in sorted(prio.sla.get(channel, {}).items()):
            cells.append((prio.id, metric, round(cell.seconds, 3), cell.clock))
    return tuple(cells)


def policy_groups(plan: Plan, target: str) -> list[PolicyGroup]:
    """Mapped channels grouped by identical SLA targets, in the order channels are written.

    A playbook without channels gets one group for every ticket.
    """
    if not plan.book.channels:
        return [PolicyGroup((EVERY_CHANNEL,), facts_of(target).every_ticket_codes)]
    codes = channel_codes(plan.book, target)
    grouped: dict[tuple[object, ...], list[str]] = {}
    for cid in plan.book.channels:
        if codes[cid]:
            grouped.setdefault(_signature(plan, cid), []).append(cid)
    groups = []
    for channels in grouped.values():
        union = sorted({code for cid in channels for code in codes[cid]})
        groups.append(PolicyGroup(tuple(channels), tuple(union)))
    return groups


def policy_cells(plan: Plan, group: PolicyGroup, target: str) -> list[tuple[str, SlaCell]]:
    """(level, target) for every metric the target's SLA policy of `group` holds.

    The targets of each priority that owns its level (PB506), for the metrics the
    product has. Empty means the policy would have no metrics (PB508).
    """
    levels = priority_levels(plan.book, target)
    owners = level_owners(plan.book, target)
    metrics = policy_metrics(plan.book, target)
    found = []
    for prio in plan.priorities:
        level = levels.get(prio.id)
        if level is None or owners.get(level) != prio.id:
            continue
        for metric in SLA_METRICS:
            cell = prio.cell(group.channels[0], metric)
            if cell is not None and metric in metrics:
                found.append((str(level), cell))
    return found


def overlaps(groups: list[PolicyGroup]) -> Iterator[tuple[PolicyGroup, PolicyGroup, tuple[int, ...]]]:
    """Pairs of policies (earlier, later) whose scopes share channel codes: the earlier one wins."""
    for index, first in enumerate(groups):
        for later in groups[index + 1 :]:
            shared = tuple(sorted(set(first.codes) & set(later.codes)))
            if shared:
                yield first, later, shared


def whole_hours(seconds: float) -> int:
    """N for an hourly 'hours since created greater than N' condition: the whole hour the delay falls in.

    Zendesk automations and Freshdesk time triggers run once an hour, and such a
    condition holds from the first run after N hours have passed: it fires between
    N and N+1 hours after the ticket opens. Rounding down makes that hour the one
    that holds the due time, so a step is never more than an hour early or late;
    on a whole hour it is never early (see PB503 for the sources).
    """
    return max(0, math.floor(seconds / 3600 + 1e-9))


def hourly_window(seconds: float) -> tuple[int, float, float]:
    """(N, how early, how late) an hourly rule for a step due `seconds` after the start can fire, in seconds."""
    hours = whole_hours(seconds)
    return hours, max(0.0, seconds - hours * 3600), (hours + 1) * 3600 - seconds


def snap_down(seconds: float, menu: tuple[int, ...]) -> int:
    """The largest menu value not above `seconds` (the smallest when all are above)."""
    fitting = [value for value in menu if value <= seconds + 1e-9]
    return max(fitting) if fitting else min(menu)


def policy_metrics(book: Playbook, target: str) -> tuple[str, ...]:
    """The playbook metrics one of the target's SLA policies holds (more with its next-response feature on)."""
    target_facts = facts_of(target)
    settings = book.helpdesk.get(target)
    if settings is not None and settings.next_response and target_facts.next_response_metrics:
        return tuple(target_facts.next_response_metrics)
    return tuple(target_facts.sla_metrics)


def below_minimum(book: Playbook, target: str) -> Iterator[tuple[Priority, SlaTarget, float, int]]:
    """(priority, written target, its seconds, the minimum) for each SLA target shorter than the product allows."""
    minimum = facts_of(target).min_target or 0
    for priority, written in written_targets(book, policy_metrics(book, target)):
        seconds = book.seconds(written.duration, priority, written.hours)
        if seconds < minimum:
            yield priority, written, seconds, minimum


def written_targets(book: Playbook, metrics: tuple[str, ...]) -> Iterator[tuple[Priority, SlaTarget]]:
    """Every SLA target written for `metrics`: each priority's own, then its channel overrides."""
    for pid, sla in book.sla.items():
        priority = book.priorities.get(pid)
        if priority is None:
            continue
        for metric in metrics:
            if metric in sla.targets:
                yield priority, sla.targets[metric]
        for overrides in sla.channels.values():
            for metric in metrics:
                if metric in overrides:
                    yield priority, overrides[metric]


def sla_policies(plan: Plan) -> list[tuple[str, ...]]:
    """Every channel grouped by identical SLA targets, in the order written: one SLA policy each.

    The target-neutral grouping (no vendor channel codes), for products that select
    cases otherwise (Salesforce entitlements) and for the KPI tables. A playbook
    without channels has one policy for every ticket, `(EVERY_CHANNEL,)`.
    """
    if not plan.book.channels:
        return [(EVERY_CHANNEL,)]
    grouped: dict[tuple[object, ...], list[str]] = {}
    for cid in plan.book.channels:
        grouped.setdefault(_signature(plan, cid), []).append(cid)
    return [tuple(channels) for channels in grouped.values()]
