"""Split the escalation graph between Freshdesk's SLA escalation block and time-trigger rules.

Freshdesk's SLA escalations fire a fixed time *after a target is missed*
(response: one level; resolution: levels 1-4), only to agents, and one block
serves every priority of a policy (each priority only switches it on or off).
So a step goes into the block when it escalates to a person at or after its
target is missed: 'unacknowledged' steps after the response target, others
after the resolution target (Freshdesk has no mitigation target). The block is
built from the most urgent priority that has such steps; a less urgent
priority switches it on only when its own steps would give the same block.
Every other step becomes an hourly time-trigger rule counted from creation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.helpdesk import PolicyGroup, snap_down
from compiler.plan.plan import PriorityPlan, Step
from targets.freshdesk.context import Context

MAX_LEVELS = 4
# SLA escalation times (seconds after the target is missed): a fixed menu.
ESCALATION_TIMES = (0, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000)


@dataclass(frozen=True)
class BlockStep:
    step: Step
    anchor: str  # "acknowledge" or "resolve": the target the step counts after


@dataclass
class EscalationSplit:
    lead: PriorityPlan | None = None
    response: BlockStep | None = None
    resolution: list[BlockStep] = field(default_factory=list)
    enabled: set[str] = field(default_factory=set)  # priorities with escalation_enabled
    covered: set[tuple[str, int]] = field(default_factory=set)  # (priority, step order) handled by the block

    def time_after_breach(self, group: PolicyGroup, item: BlockStep) -> tuple[float, int]:
        """(exact seconds after the target is missed, the menu time used) for one policy."""
        assert self.lead is not None
        cell = group.cell(self.lead, item.anchor)
        assert cell is not None
        exact = item.step.offset - cell.seconds
        return exact, snap_down(exact, ESCALATION_TIMES)


def _anchor(step: Step) -> str:
    return "acknowledge" if step.edge.when == "unacknowledged" else "resolve"


def _after_breach_everywhere(ctx: Context, prio: PriorityPlan, step: Step) -> bool:
    anchor = _anchor(step)
    for group in ctx.groups:
        cell = group.cell(prio, anchor)
        # Times after a missed target count on the target's clock: only a step on that clock can be one.
        if cell is None or cell.clock != step.clock or step.offset + 1e-6 < cell.seconds:
            return False
    return bool(ctx.groups)


def _candidates(ctx: Context, prio: PriorityPlan) -> tuple[BlockStep | None, list[BlockStep]]:
    response: BlockStep | None = None
    resolution: list[BlockStep] = []
    for step in prio.steps:
        # One block serves every ticket of a policy: a step for some segments' tickets is a time trigger.
        if step.segments or step.target not in ctx.book.contacts or not _after_breach_everywhere(ctx, prio, step):
            continue
        item = BlockStep(step, _anchor(step))
        if item.anchor == "acknowledge":
            response = response or item
        elif len(resolution) < MAX_LEVELS:
            resolution.append(item)
    return response, resolution


def _signature(ctx: Context, prio: PriorityPlan, chosen: tuple[BlockStep | None, list[BlockStep]]) -> tuple:
    response, resolution = chosen
    parts = []
    for group in ctx.groups:
        for item in ([response] if response else []) + resolution:
            cell = group.cell(prio, item.anchor)
            exact = item.step.offset - (cell.seconds if cell else 0.0)
            parts.append((group.slug, item.anchor, item.step.target, snap_down(exact, ESCALATION_TIMES)))
    return (response is not None, len(resolution), tuple(parts))


def split(ctx: Context) -> EscalationSplit:
    result = EscalationSplit()
    lead_signature = None
    for prio, _ in ctx.carried():
        chosen = _candidates(ctx, prio)
        if chosen[0] is None and not chosen[1]:
            continue
        signature = _signature(ctx, prio, chosen)
        if result.lead is None:
            result.lead, result.response, result.resolution = prio, chosen[0], chosen[1]
            lead_signature = signature
        elif signature != lead_signature:
            continue
        result.enabled.add(prio.id)
        for item in ([chosen[0]] if chosen[0] else []) + chosen[1]:
            result.covered.add((prio.id, item.step.order))
    return result
