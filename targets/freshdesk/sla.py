"""SLA policies: all four priorities in seconds, business hours per priority, the escalation block."""

from __future__ import annotations

import math

from compiler.plan.helpdesk import PolicyGroup, facts_of
from compiler.plan.plan import PriorityPlan
from playbook.units import duration_text
from targets.freshdesk.context import Context
from targets.freshdesk.escalation import BlockStep, EscalationSplit
from targets.shared.helpdesk import slug

FACTS = facts_of("freshdesk")
MIN_TARGET = FACTS.min_target or 0
MAX_TARGET = FACTS.max_target or 0
FIELDS = tuple(FACTS.next_response_metrics.items())  # (playbook metric, sla_target field), all it can hold


def emit(ctx: Context, escalation: EscalationSplit) -> None:
    for cid, codes in ctx.codes.items():
        if not codes:
            ctx.bundle.note(
                "not-expressible",
                f"channel {cid}",
                f"channel {cid} ({ctx.book.channels[cid].type}) has no Freshdesk ticket source, so no SLA policy "
                f"covers it; set helpdesk.freshdesk.channels.{cid} to the sources your account uses",
            )
    for group in ctx.groups:
        if group.every_channel:
            ctx.bundle.note(
                "mapping",
                "channels",
                "the playbook names no channels, so its SLA targets hold for every ticket: one SLA policy for "
                f"every ticket source the API documents ({', '.join(map(str, group.codes))})",
            )
        _policy(ctx, group, escalation)
    _report(ctx)


def _policy(ctx: Context, group: PolicyGroup, escalation: EscalationSplit) -> None:
    names = group.names(ctx.book)
    targets = {f"priority_{level}": _targets(ctx, group, level, escalation) for level in (4, 3, 2, 1)}
    body: dict[str, object] = {
        "name": f"{ctx.book.name}: {', '.join(names)}",
        "description": f"From playbook {ctx.book.id}: SLA targets for {group.scope()}.",
        "active": True,
        "sla_target": targets,
        "applicable_to": {"sources": list(group.codes)},
    }
    block = _block(ctx, group, escalation)
    if block:
        body["escalation"] = block
    ctx.bundle.add(
        "sla_policy", f"sla_policies/{slug(group.slug)}.json", "POST", "/api/v2/sla_policies", body, body["name"]
    )  # type: ignore[arg-type]


def _carrier(ctx: Context, level: int) -> PriorityPlan | None:
    """The priority whose targets a level takes: its own, else the nearest more urgent, else less urgent."""
    order = [level, *range(level + 1, 5), *range(level - 1, 0, -1)]
    by_id = {prio.id: prio for prio in ctx.plan.priorities}
    for candidate in order:
        pid = ctx.owners.get(candidate)
        if pid is not None and by_id[pid].sla:
            return by_id[pid]
    return None


def _targets(ctx: Context, group: PolicyGroup, level: int, escalation: EscalationSplit) -> dict[str, object]:
    prio = _carrier(ctx, level)
    name = f"priority_{level} ({FACTS.level_name(level)})"
    if prio is None:
        ctx.bundle.note(
            "filled", name, f"no priority has SLA targets: {name} gets the longest targets Freshdesk allows"
        )
        return {
            "respond_within": MAX_TARGET,
            "resolve_within": MAX_TARGET,
            "business_hours": False,
            "escalation_enabled": False,
        }
    if ctx.owners.get(level) != prio.id:
        ctx.bundle.note(
            "filled",
            name,
            f"no playbook priority maps to Freshdesk {name}, but Freshdesk needs all four: "
            f"it copies {prio.id}'s targets",
        )
    cells = {metric: prio.cell(group.channels[0], metric) for metric, _ in FIELDS}
    clocks = {cell.clock for cell in cells.values() if cell is not None}
    entry: dict[str, object] = {
        "business_hours": clocks == {"business"},
        "escalation_enabled": prio.id in escalation.enabled and ctx.owners.get(level) == prio.id,
    }
    if len(clocks) > 1:
        ctx.bundle.note(
            "approximated",
            f"{prio.id} ({group.slug})",
            f"{prio.id} mixes business and calendar hours; Freshdesk has one setting per priority, so every target "
            "counts in calendar hours (stricter, never looser)",
        )
    settings = ctx.book.helpdesk.get("freshdesk")
    for metric, key in FIELDS:
        cell = cells[metric]
        if key == "next_respond_within" and not (settings is not None and settings.next_response):
            continue
        if cell is None:
            if key != "next_respond_within":
                entry[key] = MAX_TARGET
                ctx.bundle.note(
                    "filled",
                    f"{prio.id} {metric}",
                    f"{prio.id} has no {metric} target: Freshdesk needs one, so it is set to the maximum (1 year)",
                )
            continue
        entry[key] = _seconds(ctx, prio.id, metric, cell.seconds)
    return entry


def _seconds(ctx: Context, pid: str, metric: str, seconds: float) -> int:
    """Whole minutes (rounded down), within Freshdesk's 15 minutes to 1 year."""
    value = int(math.floor(seconds / 60 + 1e-9) * 60)
    about = f"{pid} {metric}"
    if value < MIN_TARGET:
        ctx.bundle.note(
            "rounded",
            about,
            f"{pid} {metric} is {duration_text(seconds)}, below Freshdesk's 15-minute minimum: it is 15 minutes "
            "in Freshdesk (looser than the playbook; watch it with the views or reports)",
        )
        return MIN_TARGET
    if value > MAX_TARGET:
        ctx.bundle.note("rounded", about, f"{pid} {metric} is longer than Freshdesk's 1-year maximum: it is 1 year")
        return MAX_TARGET
    if value != round(seconds):
        ctx.bundle.note(
            "rounded", about, f"{pid} {metric} is {duration_text(seconds)}: whole minutes in Freshdesk ({value // 60}m)"
        )
    return value


def _block(ctx: Context, group: PolicyGroup, escalation: EscalationSplit) -> dict[str, object]:
    block: dict[str, object] = {}
    if escalation.response is not None:
        block["response"] = _level(ctx, group, escalation, escalation.response, "response")
    levels = {}
    for number, item in enumerate(escalation.resolution, start=1):
        levels[f"level_{number}"] = _level(ctx, group, escalation, item, f"resolution level {number}")
    if levels:
        block["resolution"] = levels
    return block


def _level(
    ctx: Context, group: PolicyGroup, escalation: EscalationSplit, item: BlockStep, label: str
) -> dict[str, object]:
    exact, used = escalation.time_after_breach(group, item)
    step = item.step
    if abs(exact - used) > 1e-6:
        ctx.bundle.note(
            "rounded",
            f"{step.priority} step {step.order} ({group.slug})",
            f"{step.priority} step {step.order} ({step.source} -> {step.target}) is due {duration_text(exact)} after "
            f"the {item.anchor} target is missed; Freshdesk's escalation times are a fixed menu, so {label} uses "
            f"{'immediately' if used == 0 else duration_text(used)} (the nearest earlier choice)",
        )
    if step.edge.when == "unmitigated":
        ctx.bundle.note(
            "approximated",
            f"{step.priority} step {step.order}",
            f"{step.priority} step {step.order} escalates while the ticket is unmitigated; Freshdesk has no "
            "mitigation target, so it escalates after the resolution target is missed",
        )
    return {"escalation_time": used, "agent_ids": [ctx.agent(step.target)]}


def _report(ctx: Context) -> None:
    settings = ctx.book.helpdesk.get("freshdesk")
    updating = [p.id for p in ctx.plan.priorities if any("update_every" in c for c in p.sla.values())]
    if updating and not (settings is not None and settings.next_response):
        ctx.bundle.note(
            "not-expressible",
            "update_every",
            f"Freshdesk has no periodic-update target, so update_every ({', '.join(updating)}) is not compiled; with "
            "the next-response SLA feature, set helpdesk.freshdesk.next_response: true to use next_respond_within",
        )
    mitigating = [p.id for p in ctx.plan.priorities if any("mitigate" in c for c in p.sla.values())]
    if mitigating:
        ctx.bundle.note(
            "not-expressible",
            "mitigate",
            f"Freshdesk SLA policies have no mitigation target ({', '.join(mitigating)}): steps 'when: unmitigated' "
            "run until agents add the tag pb_mitigated",
        )
    for prio in ctx.plan.priorities:
        level = ctx.levels.get(prio.id)
        if level is None:
            ctx.bundle.note(
                "omitted",
                prio.id,
                f"{prio.id} has no Freshdesk priority level, so its SLA targets and escalation steps are not compiled, "
                "and routing rules that set it leave the ticket's priority as it is",
            )
        elif ctx.owners.get(level) != prio.id:
            ctx.bundle.note(
                "merged",
                prio.id,
                f"{prio.id} shares Freshdesk priority {FACTS.level_name(level)!r} with {ctx.owners[level]}, whose "
                "targets and escalation steps are used",
            )
