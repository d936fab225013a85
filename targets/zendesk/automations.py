"""Automations: the escalation graph, one automation per step, each firing once per ticket.

Zendesk automations run once an hour and their time conditions are whole hours,
counted from the ticket's creation ("hours since created"), on the priority's
clock (business-hour operators for business clocks). "Greater than N" fires at
the first hourly run after N hours, so a step's cumulative offset becomes the
whole hour it falls in (`whole_hours`, PB503): the automation fires within that
hour. Each automation adds its own tag and skips tickets that carry it, so it
never fires twice.
"""

from __future__ import annotations

from compiler.plan.helpdesk import whole_hours
from compiler.plan.plan import PriorityPlan, Step
from targets.shared.helpdesk import MITIGATED_TAG, escalation_texts, rounding_note, slug, step_tag
from targets.zendesk.context import TEXTS, Context

STATUS = {
    "unacknowledged": {"field": "status", "operator": "is", "value": "new"},
    "unmitigated": {"field": "status", "operator": "less_than", "value": "solved"},
    "unresolved": {"field": "status", "operator": "less_than", "value": "solved"},
}


def emit(ctx: Context) -> None:
    for prio, level in ctx.carried():
        for step in prio.steps:
            _automation(ctx, prio, level, step)
    if any(prio.steps for prio, _ in ctx.carried()):
        ctx.bundle.note(
            "approximated",
            "escalation",
            "Zendesk automations run once an hour: a step due at N hours fires at the first run after N hours",
        )
    if any(step.edge.when == "unacknowledged" for prio, _ in ctx.carried() for step in prio.steps):
        ctx.bundle.note(
            "approximated",
            "escalation",
            "'when: unacknowledged' is compiled as 'status is new': Zendesk automations cannot see the first reply",
        )


def conditions(level: str, step: Step) -> list[dict]:
    hours = whole_hours(step.offset)
    operator = "greater_than_business_hours" if step.clock == "business" else "greater_than"
    found = [
        {"field": "priority", "operator": "is", "value": level},
        STATUS.get(step.edge.when, STATUS["unresolved"]),
        {"field": "current_tags", "operator": "not_includes", "value": step_tag(step)},
        {"field": "NEW", "operator": operator, "value": str(hours)},
    ]
    if step.edge.when == "unmitigated":
        found.insert(2, {"field": "current_tags", "operator": "not_includes", "value": MITIGATED_TAG})
    return found


def _automation(ctx: Context, prio: PriorityPlan, level: str, step: Step) -> None:
    kind, ref = ctx.node(step.target)
    subject, text = escalation_texts(ctx.book, prio, step, TEXTS)
    title = f"Escalate {prio.id} step {step.order}: {step.source} -> {step.target}"
    body = {
        "automation": {
            "title": title,
            "active": True,
            "conditions": {"all": conditions(level, step), "any": []},
            "actions": [
                {"field": f"notification_{kind}", "value": [ref, subject, text]},
                {"field": "current_tags", "value": step_tag(step)},
            ],
        }
    }
    name = f"automations/{slug(prio.id)}-step-{step.order}-{slug(step.target)}.json"
    ctx.bundle.add("automation", name, "POST", "/api/v2/automations", body, title)
    note = rounding_note(prio, step, "Zendesk")
    if note:
        ctx.bundle.note("rounded", f"{prio.id} step {step.order}", note)
