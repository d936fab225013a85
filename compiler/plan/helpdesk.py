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

from compiler.plan.plan import EVERY_CHANNEL, Plan, PolicyPlan, PriorityPlan, SlaCell
from compiler.plan.scopes import scope
from compiler.plan.targetfacts import TargetFacts, facts, helpdesks
from playbook.findings import Location
from playbook.model import SLA_METRICS, Playbook, Priority, SlaTarget
from playbook.policies import SlaPolicy
from playbook.policyview import target_seconds
from playbook.policyview import written_targets as every_target


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
    """One SLA policy in the help desk: channels that share every SLA target, or one playbook SLA policy."""

    channels: tuple[str, ...]  # (EVERY_CHANNEL,) when the playbook names no channels; () for a playbook policy
    codes: tuple[int, ...]
    policy: str = ""  # the playbook SLA policy (id) it is, with `sla_policies:`

    @property
    def every_channel(self) -> bool:
        return self.channels == (EVERY_CHANNEL,)

    @property
    def slug(self) -> str:
        if self.policy:
            return self.policy
        return "all-channels" if self.every_channel else "-".join(self.channels)

    def names(self, book: Playbook) -> list[str]:
        """The channels' names (or the policy's title), for titles."""
        if self.policy:
            return [next(p.title for p in book.policies if p.id == self.policy)]
        if self.every_channel:
            return ["All channels"]
        return [book.channels[cid].name for cid in self.channels]

    def scope(self) -> str:
        """Which channels, for descriptions."""
        if self.policy:
            return f"SLA policy {self.policy}"
        return "every channel" if self.every_channel else ", ".join(self.channels)

    def cell(self, prio: PriorityPlan, metric: str) -> SlaCell | None:
        """The priority's target for `metric` in this help-desk policy."""
        if self.policy:
            return prio.policy_cell(self.policy, metric)
        return prio.cell(self.channels[0], metric)

    def has_targets(self, prio: PriorityPlan) -> bool:
        return bool(prio.policies.get(self.policy)) if self.policy else bool(prio.sla)


def _signature(plan: Plan, channel: str) -> tuple[object, ...]:
    cells = []
    for prio in plan.priorities:
        for metric, cell in sorted(prio.sla.get(channel, {}).items()):
            cells.append((prio.id, metric, round(cell.seconds, 3), cell.clock))
    return tuple(cells)


def policy_groups(plan: Plan, target: str) -> list[PolicyGroup]:
    """Mapped channels grouped by identical SLA targets, in the order channels are written.

    A playbook without channels gets one group for every ticket. With SLA policies,
    one group per playbook policy the target can express (PB520), in order.
    """
    if plan.policies:
        codes = channel_codes(plan.book, target)
        return [
            PolicyGroup((), (), policy=p.id)
            for p in plan.policies
            if scope(plan.book, p.policy, facts_of(target), codes).expressible
        ]
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
            cell = group.cell(prio, metric)
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
    """(priority, written target, its seconds, the minimum) for each SLA target shorter than the product allows.

    Targets of `sla:` and of every SLA policy, in seconds on their own clock and calendar.
    """
    minimum = facts_of(target).min_target or 0
    metrics = metric_map(book, target)
    for written in every_target(book):
        if written.metric not in metrics:
            continue
        seconds, _ = target_seconds(book, written)
        if seconds < minimum:
            yield book.priorities[written.priority], written.target, seconds, minimum


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


# SLA policies (`sla_policies:`) -------------------------------------------------------------------------------

# Metrics named as the products name them: where one and a playbook metric (update_every, resolve) land on
# the same product metric, the precise one is what the author meant for that product.
PRECISE = ("acknowledge", "next_reply", "periodic_update", "requester_wait", "agent_work")
# Metrics whose breach a ticket's status shows (still unsolved): a band's upper end can become a notice.
RESOLUTION_METRICS = ("mitigate", "requester_wait", "agent_work", "resolve")


def metric_map(book: Playbook, target: str) -> dict[str, str]:
    """Playbook metric -> the product's SLA metric, with the playbook's `helpdesk:` settings applied."""
    target_facts = facts_of(target)
    settings = book.helpdesk.get(target)
    if settings is not None and settings.next_response and target_facts.next_response_metrics:
        mapping = dict(target_facts.next_response_metrics)
    else:
        mapping = dict(target_facts.sla_metrics)
    if settings is not None and settings.update_metric and "update_every" in mapping:
        mapping["update_every"] = settings.update_metric
    if settings is not None and settings.resolution_metric and "resolve" in mapping:
        mapping["resolve"] = settings.resolution_metric
    return mapping


@dataclass(frozen=True)
class MetricClash:
    """Two playbook metrics of one priority that compile to the same product metric: `kept` is used."""

    priority: str
    product_metric: str
    kept: SlaCell
    dropped: SlaCell


def product_cells(cells: dict[str, SlaCell], mapping: dict[str, str]) -> tuple[dict[str, SlaCell], list[MetricClash]]:
    """product metric -> the cell it holds; a precise metric wins over update_every or resolve (a clash)."""
    found: dict[str, SlaCell] = {}
    clashes = []
    for metric in SLA_METRICS:
        cell = cells.get(metric)
        if cell is None or metric not in mapping:
            continue
        product = mapping[metric]
        held = found.get(product)
        if held is None:
            found[product] = cell
            continue
        keep, drop = (cell, held) if metric in PRECISE and held.metric not in PRECISE else (held, cell)
        found[product] = keep
        clashes.append(MetricClash(cell.priority, product, keep, drop))
    return found, clashes


@dataclass(frozen=True)
class PolicyGap:
    """Something of one SLA policy a help desk cannot hold: reported by PB520-PB522 and noted by the build."""

    rule: str  # "selector" or "calendar" (PB520), "metric" (PB521), "deadline" (PB522)
    policy: SlaPolicy
    message: str
    where: str = ""  # "when", "calendar" or "priority.metric": what it is about


def policy_gaps(plan: Plan, target: str) -> Iterator[PolicyGap]:
    """Everything the target cannot express of the playbook's SLA policies, policy by policy."""
    book = plan.book
    target_facts = facts_of(target)
    mapping = metric_map(book, target)
    levels = priority_levels(book, target)
    owners = level_owners(book, target)
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        found = scope(book, policy, target_facts, channel_codes(book, target))
        for problem in found.problems:
            yield PolicyGap("selector", policy, f"{problem}; the {target} build leaves the policy out", "when")
        if target_facts.hours_from == "group" and policy.calendar is not None:
            yield from _group_hours(policy, policy_plan, target_facts.title)
        for prio in plan.priorities:
            cells = prio.policies.get(policy.id, {})
            if not cells or owners.get(levels.get(prio.id, "")) != prio.id:
                continue
            unheld = [m for m in cells if m not in mapping and m != "answer"]
            if unheld:
                yield PolicyGap(
                    "metric",
                    policy,
                    f"{target_facts.title} has no SLA metric for {prio.id} {', '.join(unheld)}",
                    f"{prio.id}.{unheld[0]}",
                )
            for clash in product_cells(cells, mapping)[1]:
                yield PolicyGap(
                    "metric",
                    policy,
                    f"{prio.id} {clash.kept.metric} and {clash.dropped.metric} are both {target_facts.title}'s "
                    f"{clash.product_metric}: the build uses {clash.kept.metric}",
                    f"{prio.id}.{clash.dropped.metric}",
                )
            for cell in cells.values():
                if cell.eod is not None and cell.metric in mapping:
                    yield PolicyGap(
                        "deadline",
                        policy,
                        f"{target_facts.title} has no end-of-business-day deadline: {prio.id} {cell.metric} "
                        f"{cell.text} is {cell.eod + 1} business day{'s' if cell.eod else ''} there, later than "
                        "the playbook for a ticket opened after the start of the day",
                        f"{prio.id}.{cell.metric}",
                    )
                if cell.upper is not None and not band_notice(target, cell):
                    why = (
                        "no ticket condition shows a reply still missing"
                        if cell.metric not in RESOLUTION_METRICS
                        else "its SLA escalations are one block for every priority of a policy"
                    )
                    yield PolicyGap(
                        "deadline",
                        policy,
                        f"{prio.id} {cell.metric} {cell.text}: the band's upper end is not compiled for "
                        f"{target_facts.title} ({why}); runbooks and simulate show it",
                        f"{prio.id}.{cell.metric}",
                    )


def band_notice(target: str, cell: SlaCell) -> bool:
    """Whether the target compiles a band's upper end into a breach notice (Zendesk automations, resolution)."""
    return facts_of(target).policy_shape == "all-any" and cell.metric in RESOLUTION_METRICS


def _group_hours(policy: SlaPolicy, policy_plan: PolicyPlan, title: str) -> Iterator[PolicyGap]:
    business = [c for c in policy_plan.calendars if not c.always]
    if not business:
        return
    names = ", ".join(c.id for c in business)
    yield PolicyGap(
        "calendar",
        policy,
        f"{title} counts business hours on the ticket's group's hours, not on a policy's calendar ({names}): "
        "set each group's business hours to match (a manual step)",
        "calendar",
    )


def gap_location(gap: PolicyGap) -> Location:
    """Where a gap is written: the policy's `when` or `calendar`, or the target ('P1.resolve')."""
    policy = gap.policy
    if gap.where in ("when", "calendar"):
        return policy.where(gap.where)
    pid, _, metric = gap.where.partition(".")
    sla = policy.targets.get(pid)
    target = sla.targets.get(metric) if sla is not None else None
    return target.loc if target is not None else policy.loc
