"""SLA policies: all four priorities in seconds, business hours per priority, the escalation block.

With `sla_policies:`, one Freshdesk SLA policy per playbook policy, scoped by
`applicable_to` (compiler.plan.scopes; what Freshdesk cannot scope leaves the
policy out, PB520). The fallback is Freshdesk's default policy, which the API
cannot update, and the order of policies cannot be written either: both are
manual steps with the exact values.
"""

from __future__ import annotations

import math

from compiler.plan.helpdesk import PolicyGroup, facts_of, metric_map, policy_gaps, product_cells
from compiler.plan.plan import PriorityPlan
from compiler.plan.scopes import Test, scope
from playbook.model import SLA_METRICS
from playbook.units import duration_text
from targets.freshdesk.context import Context
from targets.freshdesk.escalation import BlockStep, EscalationSplit
from targets.shared.helpdesk import slug
from targets.shared.payloads import Ref

FACTS = facts_of("freshdesk")
MIN_TARGET = FACTS.min_target or 0
MAX_TARGET = FACTS.max_target or 0
# The sla_target fields, in the order Freshdesk documents them.
FIELDS = tuple(dict.fromkeys(FACTS.next_response_metrics.values()))


def emit(ctx: Context, escalation: EscalationSplit) -> None:
    if ctx.plan.policies:
        _policies(ctx, escalation)
        _report(ctx)
        return
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


# Where a scope's values are looked up by name (objects the account already has). Freshdesk documents no
# API for segments: their ids are looked up by hand.
LOOKUPS = {
    "company_ids": ("company", "GET /api/v2/companies"),
    "product_ids": ("product", "GET /api/v2/products"),
    "company_segments": ("company_segment", "Admin > Segments > Company segments (no documented API)"),
    "contact_segments": ("contact_segment", "Admin > Segments > Contact segments (no documented API)"),
}


def _policies(ctx: Context, escalation: EscalationSplit) -> None:
    for gap in policy_gaps(ctx.plan, "freshdesk"):
        kind = {"selector": "omitted", "calendar": "not-expressible", "metric": "not-expressible"}.get(
            gap.rule, "approximated"
        )
        ctx.bundle.note(kind, f"SLA policy {gap.policy.id}", gap.message)
    order: list[str] = []
    for group in ctx.groups:
        policy = next(p for p in ctx.book.policies if p.id == group.policy)
        if policy.fallback:
            _default_policy(ctx, group, escalation)
            continue
        found = scope(ctx.book, policy, FACTS, ctx.codes)
        targets = {f"priority_{level}": _targets(ctx, group, level, escalation) for level in (4, 3, 2, 1)}
        body: dict[str, object] = {
            "name": policy.title,
            "description": policy.description or f"Playbook {ctx.book.id}: {policy.describe()}.",
            "active": True,
            "sla_target": targets,
            "applicable_to": {test.field: _values(ctx, test) for test in found.all},
        }
        block = _block(ctx, group, escalation)
        if block:
            body["escalation"] = block
        order.append(policy.title)
        ctx.bundle.add(
            "sla_policy",
            f"sla_policies/{len(order):02d}-{slug(policy.id)}.json",
            "POST",
            "/api/v2/sla_policies",
            body,
            f"SLA policy {len(order)}: {policy.title}",
        )
    if order:
        ctx.bundle.manual(
            "freshdesk-sla-order",
            "Order the SLA policies",
            "Freshdesk applies the first SLA policy whose scope matches, in the order of its SLA policies page; "
            "the API cannot set that order (position is read-only).",
            [
                "Admin > Workflows > SLA policies: drag the policies into this order, the default policy last:",
                *[f"{number}. {title}" for number, title in enumerate(order, start=1)],
            ],
        )
    for name, stand_ins in _stand_in_notes(ctx):
        ctx.bundle.note("mapping", f"segment {name}", stand_ins)


def _values(ctx: Context, test: Test) -> list[object]:
    if test.field == "sources":
        return [int(code) for code in test.values]
    if test.field == "group_ids":
        return [ctx.group(team) for team in test.values]
    if test.field in LOOKUPS:
        kind, find = LOOKUPS[test.field]
        refs = []
        for name in test.values:
            ref = Ref(kind, slug(name), "integer")
            ctx.bundle.lookup(ref, find, {"name": name}, name)
            refs.append(ref)
        return refs
    return list(test.values)


def _stand_in_notes(ctx: Context) -> list[tuple[str, str]]:
    settings = ctx.book.helpdesk.get("freshdesk")
    raw = settings.raw.get("segments") if settings is not None else None
    found = []
    for sid, keys in (raw or {}).items():
        what = "; ".join(f"{key} {', '.join(map(str, v if isinstance(v, list) else [v]))}" for key, v in keys.items())
        found.append((sid, f"segment {sid} is recognised in Freshdesk by {what} (helpdesk.freshdesk.segments)"))
    return found


def _default_policy(ctx: Context, group: PolicyGroup, escalation: EscalationSplit) -> None:
    """The fallback policy is Freshdesk's default policy, which the API cannot update: the exact values, by hand."""
    policy = next(p for p in ctx.book.policies if p.id == group.policy)
    targets = {f"priority_{level}": _targets(ctx, group, level, escalation) for level in (4, 3, 2, 1)}
    lines = [f"Admin > Workflows > SLA policies > Default SLA policy: name it '{policy.title}' and set:"]
    for key, entry in targets.items():
        parts = [
            f"{field.replace('_', ' ')} {duration_text(float(value))}"  # type: ignore[arg-type]
            for field, value in entry.items()
            if field.endswith("within")
        ]
        hours = "business hours" if entry["business_hours"] else "calendar hours"
        lines.append(f"{key} ({FACTS.level_name(int(key[-1]))}): {', '.join(parts)}, {hours}")
    ctx.bundle.manual(
        "freshdesk-default-sla",
        f"Set the default SLA policy ({policy.title})",
        f"The playbook's fallback policy {policy.id} is Freshdesk's default policy, for every ticket no other "
        "policy scopes; the API cannot update the default policy (cannot_update_default_sla).",
        lines,
        {"name": policy.title, "sla_target": targets},
    )


def _carrier(ctx: Context, level: int, group: PolicyGroup) -> PriorityPlan | None:
    """The priority whose targets a level takes: its own, else the nearest more urgent, else less urgent."""
    order = [level, *range(level + 1, 5), *range(level - 1, 0, -1)]
    by_id = {prio.id: prio for prio in ctx.plan.priorities}
    for candidate in order:
        pid = ctx.owners.get(candidate)
        if pid is not None and group.has_targets(by_id[pid]):
            return by_id[pid]
    return None


def _targets(ctx: Context, group: PolicyGroup, level: int, escalation: EscalationSplit) -> dict[str, object]:
    prio = _carrier(ctx, level, group)
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
    written = {metric: cell for metric in SLA_METRICS if (cell := group.cell(prio, metric)) is not None}
    held, _ = product_cells(written, metric_map(ctx.book, "freshdesk"))
    clocks = {cell.clock for cell in held.values()}
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
    for key in FIELDS:
        cell = held.get(key)
        if key == "next_respond_within" and not (settings is not None and settings.next_response):
            continue
        if cell is None:
            if key != "next_respond_within":
                metric = next(m for m, k in FACTS.sla_metrics.items() if k == key)
                entry[key] = MAX_TARGET
                ctx.bundle.note(
                    "filled",
                    f"{prio.id} {metric}",
                    f"{prio.id} has no {metric} target: Freshdesk needs one, so it is set to the maximum (1 year)",
                )
            continue
        entry[key] = _seconds(ctx, prio.id, cell.metric, cell.seconds)
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
    updating = [
        p.id for p in ctx.plan.priorities if any("update_every" in c for c in [*p.sla.values(), *p.policies.values()])
    ]
    if updating and not (settings is not None and settings.next_response):
        ctx.bundle.note(
            "not-expressible",
            "update_every",
            f"Freshdesk has no periodic-update target, so update_every ({', '.join(updating)}) is not compiled; with "
            "the next-response SLA feature, set helpdesk.freshdesk.next_response: true to use next_respond_within",
        )
    mitigating = [
        p.id for p in ctx.plan.priorities if any("mitigate" in c for c in [*p.sla.values(), *p.policies.values()])
    ]
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
