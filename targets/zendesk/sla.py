"""SLA policies: one per group of channels that share every target, filtered on via_id."""

from __future__ import annotations

import math

from compiler.plan.helpdesk import PolicyGroup, facts_of, policy_cells
from compiler.plan.plan import SlaCell
from playbook.units import duration_text
from targets.shared.helpdesk import slug
from targets.zendesk.context import Context

MIN_TARGET = facts_of("zendesk").min_target or 0


def emit(ctx: Context) -> None:
    for cid, codes in ctx.codes.items():
        if not codes:
            ctx.bundle.note(
                "not-expressible",
                f"channel {cid}",
                f"channel {cid} ({ctx.book.channels[cid].type}) has no Zendesk via_id, so no SLA policy covers it; "
                f"set helpdesk.zendesk.channels.{cid} to the via_id values your account uses",
            )
    position = 0
    for group in ctx.groups:
        if _policy(ctx, position + 1, group):
            position += 1
            if group.every_channel:
                ctx.bundle.note(
                    "mapping",
                    "channels",
                    "the playbook names no channels, so its SLA targets hold for every ticket: one SLA policy "
                    "without conditions",
                )
    _report_metric_choices(ctx)


def _policy(ctx: Context, position: int, group: PolicyGroup) -> bool:
    """Add the group's SLA policy at `position`; False when it would have no metrics and is left out."""
    names = group.names(ctx.book)
    metrics = [
        _metric(ctx, level, ctx.metrics[cell.metric], cell) for level, cell in policy_cells(ctx.plan, group, "zendesk")
    ]
    if not metrics:
        # Zendesk's SLA policies hold one or more metrics, and an empty one would still match
        # first and shadow later policies: leave it out (PB508 says so at lint time).
        whose = (
            ": the playbook names no channels and has"
            if group.every_channel
            else f" for {', '.join(group.channels)}: they have"
        )
        ctx.bundle.note(
            "omitted",
            "channels" if group.every_channel else f"channel {group.channels[0]}",
            f"no SLA policy{whose} no target Zendesk can hold (acknowledge, update_every or resolve on a "
            "priority with a Zendesk level of its own), and a Zendesk SLA policy needs at least one metric",
        )
        return False
    body = {
        "sla_policy": {
            "title": f"{ctx.book.name}: {', '.join(names)}",
            "description": f"From playbook {ctx.book.id}: SLA targets for {group.scope()}.",
            "position": position,
            "filter": {
                "all": [],
                "any": [{"field": "via_id", "operator": "is", "value": str(code)} for code in group.codes],
            },
            "policy_metrics": metrics,
        }
    }
    ctx.bundle.add(
        "sla_policy",
        f"sla_policies/{slug(group.slug)}.json",
        "POST",
        "/api/v2/slas/policies",
        body,
        f"SLA policy {', '.join(names)}",
    )
    return True


def _minutes(seconds: float) -> int:
    """A Zendesk SLA target: whole minutes rounded down (stricter), but at least the minimum (looser, PB507)."""
    return max(MIN_TARGET // 60, math.floor(seconds / 60 + 1e-9))


def _metric(ctx: Context, level: str, metric: str, cell: SlaCell) -> dict[str, object]:
    minutes = _minutes(cell.seconds)
    about = f"{cell.priority} {cell.metric} ({cell.channel})"
    if cell.seconds < MIN_TARGET:
        ctx.bundle.note(
            "rounded",
            about,
            f"{cell.priority} {cell.metric} is {duration_text(cell.seconds)}, below Zendesk's 1-minute minimum: it "
            f"is 1 minute in Zendesk (rounded up: {duration_text(MIN_TARGET - cell.seconds)} looser than "
            "the playbook; PB507)",
        )
    elif abs(minutes * 60 - cell.seconds) > 1e-6:
        ctx.bundle.note(
            "rounded",
            about,
            f"{cell.priority} {cell.metric} is {duration_text(cell.seconds)}; Zendesk targets are whole minutes, "
            f"so it is {minutes} minutes (rounded down: stricter, never looser)",
        )
    return {"priority": level, "metric": metric, "target": minutes, "business_hours": cell.clock == "business"}


def _report_metric_choices(ctx: Context) -> None:
    ctx.bundle.note(
        "mapping",
        "metrics",
        f"acknowledge -> first_reply_time; update_every -> {ctx.metrics['update_every']}; resolve -> "
        f"{ctx.metrics['resolve']} (choose with helpdesk.zendesk.update_metric and resolution_metric)",
    )
    mitigating = [prio.id for prio in ctx.plan.priorities if any("mitigate" in cells for cells in prio.sla.values())]
    if mitigating:
        ctx.bundle.note(
            "not-expressible",
            "mitigate",
            f"Zendesk SLA policies have no mitigation metric, so the mitigate targets of {', '.join(mitigating)} are "
            "not SLA metrics; escalation steps 'when: unmitigated' run until agents add the tag pb_mitigated "
            "(macro 'Mark as mitigated')",
        )
    for prio in ctx.plan.priorities:
        if prio.id not in ctx.levels:
            ctx.bundle.note(
                "omitted",
                prio.id,
                f"{prio.id} has no Zendesk priority level, so it has no SLA metrics or escalation automations, and "
                "routing rules that set it leave the ticket's priority as it is",
            )
        elif ctx.owners.get(ctx.levels[prio.id]) != prio.id:
            owner = ctx.owners[ctx.levels[prio.id]]
            ctx.bundle.note(
                "merged",
                prio.id,
                f"{prio.id} shares Zendesk priority {ctx.levels[prio.id]!r} with {owner}, whose targets and escalation "
                "steps are used",
            )
