"""SLA policies: one per group of channels that share every target, filtered on via_id."""

from __future__ import annotations

import math

from compiler.plan.helpdesk import PolicyGroup, duration_text
from compiler.plan.plan import SlaCell
from playbook.model import SLA_METRICS
from targets.helpdesk import slug
from targets.zendesk.context import Context


def emit(ctx: Context) -> None:
    for cid, codes in ctx.codes.items():
        if not codes:
            ctx.bundle.note(
                "not-expressible",
                f"channel {cid}",
                f"channel {cid} ({ctx.book.channels[cid].type}) has no Zendesk via_id, so no SLA policy covers it; "
                f"set helpdesk.zendesk.channels.{cid} to the via_id values your account uses",
            )
    for position, group in enumerate(ctx.groups, start=1):
        _policy(ctx, position, group)
    _report_metric_choices(ctx)


def _policy(ctx: Context, position: int, group: PolicyGroup) -> None:
    names = [ctx.book.channels[cid].name for cid in group.channels]
    metrics = []
    for prio, level in ctx.carried():
        for metric in SLA_METRICS:
            cell = prio.cell(group.channels[0], metric)
            if cell is not None and metric in ctx.metrics:
                metrics.append(_metric(ctx, level, ctx.metrics[metric], cell))
    body = {
        "sla_policy": {
            "title": f"{ctx.book.name}: {', '.join(names)}",
            "description": f"From playbook {ctx.book.id}: SLA targets for {', '.join(group.channels)}.",
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


def _metric(ctx: Context, level: str, metric: str, cell: SlaCell) -> dict[str, object]:
    minutes = max(1, math.floor(cell.seconds / 60 + 1e-9))
    if abs(minutes * 60 - cell.seconds) > 1e-6:
        ctx.bundle.note(
            "rounded",
            f"{cell.priority} {cell.metric} ({cell.channel})",
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
            ctx.bundle.note("omitted", prio.id, f"{prio.id} has no Zendesk priority level, so it has no SLA metrics")
        elif ctx.owners.get(ctx.levels[prio.id]) != prio.id:
            owner = ctx.owners[ctx.levels[prio.id]]
            ctx.bundle.note(
                "merged",
                prio.id,
                f"{prio.id} shares Zendesk priority {ctx.levels[prio.id]!r} with {owner}, whose targets are used",
            )
