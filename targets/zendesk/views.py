"""Views of tickets close to an SLA breach (one per priority) and macros agents apply by hand."""

from __future__ import annotations

import math

from compiler.plan.plan import PriorityPlan
from targets.shared.helpdesk import MITIGATED_TAG, slug
from targets.zendesk.context import Context

COLUMNS = ["status", "subject", "requester", "assignee", "group", "updated"]


def warning_hours(prio: PriorityPlan) -> int:
    """How close to a breach counts as close: a quarter of the shortest target, at least an hour."""
    # Answer speed is a queue's service level, not a ticket's SLA metric; SLA policies' targets count too.
    cells = [
        c for group in [*prio.sla.values(), *prio.policies.values()] for c in group.values() if c.metric != "answer"
    ]
    shortest = min((c.seconds for c in cells), default=3600.0)
    return max(1, math.ceil(shortest / 4 / 3600))


def emit_views(ctx: Context) -> None:
    for position, (prio, level) in enumerate(ctx.carried(), start=1):
        if not prio.sla:
            continue
        hours = warning_hours(prio)
        title = f"{prio.id} ({level}): SLA breach within {hours}h"
        body = {
            "view": {
                "title": title,
                "active": True,
                "position": position,
                "all": [
                    {"field": "status", "operator": "less_than", "value": "solved"},
                    {"field": "priority", "operator": "is", "value": level},
                    {"field": "until_sla_next_breach_at", "operator": "less_than", "value": str(hours)},
                ],
                "any": [],
                "output": {"columns": COLUMNS},
            }
        }
        ctx.bundle.add(
            "view", f"views/{slug(prio.id)}-near-breach.json", "POST", "/api/v2/views", body, f"View {title}"
        )


def emit_macros(ctx: Context) -> None:
    closure = ctx.book.closure
    if closure is not None and closure.message:
        actions = [
            {"field": "comment_mode_is_public", "value": "true"},
            {"field": "comment_value", "value": closure.message},
            {"field": "status", "value": "solved"},
        ]
        body = {"macro": {"title": "Close: resolved", "active": True, "actions": actions}}
        ctx.bundle.add("macro", "macros/close-resolved.json", "POST", "/api/v2/macros", body, "Macro Close: resolved")
    if closure is not None and closure.survey:
        ctx.bundle.manual(
            "zendesk-csat",
            "Turn on customer satisfaction surveys",
            "The playbook's closure survey is an account setting, not an API object.",
            [f"Admin Center > Objects and rules > Customer satisfaction: enable it. Playbook: {closure.survey}"],
        )
    if any(step.edge.when == "unmitigated" for prio in ctx.plan.priorities for step in prio.steps):
        actions = [{"field": "current_tags", "value": MITIGATED_TAG}]
        body = {"macro": {"title": "Mark as mitigated", "active": True, "actions": actions}}
        ctx.bundle.add("macro", "macros/mark-mitigated.json", "POST", "/api/v2/macros", body, "Macro Mark as mitigated")
