"""What the help-desk products can express, and how a playbook maps onto them.

Shared by the PB5xx lint rules and the `zendesk`/`freshdesk` renderers, so that
what the linter warns about is exactly what a renderer approximates. The vendor
facts come from the products' API references (each cited in the matching
schema under `schemas/targets/`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from compiler.plan.plan import EVERY_CHANNEL, Plan, PriorityPlan, SlaCell
from playbook.model import SLA_METRICS, Playbook, Priority, SlaTarget

HELPDESK_TARGETS = ("zendesk", "freshdesk")

# Priority levels, most urgent first (Zendesk names; Freshdesk codes 4 urgent .. 1 low).
LEVELS: dict[str, tuple[str | int, ...]] = {
    "zendesk": ("urgent", "high", "normal", "low"),
    "freshdesk": (4, 3, 2, 1),
}
FRESHDESK_LEVEL_NAMES = {4: "urgent", 3: "high", 2: "medium", 1: "low"}

# Channel type -> the vendor's channel codes (Zendesk via_id, Freshdesk ticket source).
# Zendesk native messaging has no documented via_id and Freshdesk has no social,
# SMS or messaging source: those need `helpdesk.<target>.channels`.
DEFAULT_CHANNEL_CODES: dict[str, dict[str, tuple[int, ...]]] = {
    "zendesk": {
        "email": (4,),
        "web": (0, 48, 50),  # web form, web widget, help center
        "chat": (29,),
        "phone": (33, 34, 44, 45),  # voicemail, inbound call, CTI voicemail, CTI inbound
        "social": (23, 26, 30, 38, 41),  # Twitter like/DM/tweet, Facebook post/message
        "sms": (57,),
    },
    "freshdesk": {
        "email": (1,),
        "web": (2, 9),  # portal, feedback widget
        "phone": (3,),
        "chat": (7,),
    },
}
CHANNEL_CODE_NAME = {"zendesk": "via_id", "freshdesk": "source"}
# The scope of the one SLA policy of a playbook without channels, which covers every ticket.
# Zendesk: no condition at all (the filter's `all` and `any` are both optional). Freshdesk: a
# custom policy must have a scope (the unscoped default policy cannot be written), so every
# ticket source its API documents.
EVERY_CHANNEL_CODES: dict[str, tuple[int, ...]] = {"zendesk": (), "freshdesk": (1, 2, 3, 7, 9, 10)}

# Zendesk SLA metric for each playbook metric it can hold, unless `helpdesk.zendesk` picks another
# (mitigate has no Zendesk metric). policy_metrics[].target is whole minutes, at least 1.
ZENDESK_METRICS = {
    "acknowledge": "first_reply_time",
    "update_every": "periodic_update_time",
    "resolve": "requester_wait_time",
}
ZENDESK_MIN_TARGET = 60  # seconds

FRESHDESK_MIN_TARGET = 900  # seconds; respond/resolve targets below 15 minutes are refused
FRESHDESK_MAX_TARGET = 31_536_000
# Freshdesk SLA escalation times (seconds after the target is missed): a fixed menu.
FRESHDESK_ESCALATION_TIMES = (0, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000)
# Freshdesk group "unassigned for" choices.
FRESHDESK_UNASSIGNED_FOR = (
    ("30m", 1800),
    ("1h", 3600),
    ("2h", 7200),
    ("4h", 14400),
    ("8h", 28800),
    ("12h", 43200),
    ("1d", 86400),
    ("2d", 172800),
    ("3d", 259200),
)


def requested(targets: frozenset[str]) -> tuple[str, ...]:
    """The help-desk targets among the requested ones, in a stable order."""
    return tuple(t for t in HELPDESK_TARGETS if t in targets)


def level_name(target: str, level: str | int) -> str:
    return FRESHDESK_LEVEL_NAMES[level] if target == "freshdesk" else str(level)  # type: ignore[index]


def priority_levels(book: Playbook, target: str) -> dict[str, str | int]:
    """Priority id -> the target's level: the priority's own `zendesk:`/`freshdesk:`, else by rank."""
    levels = LEVELS[target]
    result: dict[str, str | int] = {}
    for priority in book.priorities.values():
        explicit = getattr(priority, target)
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
    count = len(LEVELS[target])
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
                f"{priority.id} and {first.id} both map to {target} priority {level_name(target, level)!r}",
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
            result[cid] = DEFAULT_CHANNEL_CODES[target].get(channel.type, ())
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
        return [PolicyGroup((EVERY_CHANNEL,), EVERY_CHANNEL_CODES[target])]
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


def zendesk_policy_cells(plan: Plan, group: PolicyGroup) -> list[tuple[str, SlaCell]]:
    """(Zendesk priority, target) for every metric the Zendesk SLA policy of `group` holds.

    The targets of each priority that owns its Zendesk level (PB506), for the
    metrics Zendesk has. Empty means the policy would have no metrics (PB508).
    """
    levels = priority_levels(plan.book, "zendesk")
    owners = level_owners(plan.book, "zendesk")
    found = []
    for prio in plan.priorities:
        level = levels.get(prio.id)
        if level is None or owners.get(level) != prio.id:
            continue
        for metric in SLA_METRICS:
            cell = prio.cell(group.channels[0], metric)
            if cell is not None and metric in ZENDESK_METRICS:
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


def zendesk_minutes(seconds: float) -> int:
    """A Zendesk SLA target: whole minutes rounded down (stricter), but at least 1 (looser, PB507)."""
    return max(ZENDESK_MIN_TARGET // 60, math.floor(seconds / 60 + 1e-9))


def snap_down(seconds: float, menu: tuple[int, ...]) -> int:
    """The largest menu value not above `seconds` (the smallest when all are above)."""
    fitting = [value for value in menu if value <= seconds + 1e-9]
    return max(fitting) if fitting else min(menu)


def duration_text(seconds: float) -> str:
    """Compact human text for a number of seconds: 90m -> '1h30m', 86400 -> '24h'."""
    seconds = int(round(seconds))
    if seconds < 0:
        return "-" + duration_text(-seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts) or "0m"


def priority_plans(plan: Plan) -> dict[str, PriorityPlan]:
    return {prio.id: prio for prio in plan.priorities}


def freshdesk_metrics(book: Playbook) -> tuple[str, ...]:
    """The playbook metrics a Freshdesk SLA policy holds (update_every only with next-response SLAs)."""
    settings = book.helpdesk.get("freshdesk")
    if settings is not None and settings.next_response:
        return ("acknowledge", "update_every", "resolve")
    return ("acknowledge", "resolve")


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
