"""Freshdesk API v2 configuration: one JSON request body per API object, plus manifest.json.

Emits, in apply order: groups (from teams, with escalate_to and unassigned_for),
SLA policies (all four priorities in seconds, business hours per priority, the
escalation block), ticket-creation rules (routing) and time-trigger rules (the
escalation steps the SLA block cannot hold). Business hours cannot be created
through Freshdesk's API: they are manual steps in the manifest, like every
other setting the API cannot reach. Everything approximated is a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compiler.plan.plan import Plan

if TYPE_CHECKING:
    from targets.freshdesk.context import Context

NAME = "freshdesk"
DESCRIPTION = "Freshdesk API v2 payloads (groups, SLA policies with escalations, automation rules)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.freshdesk import automations, directory, escalation, sla
    from targets.freshdesk.context import Context

    ctx = Context.create(plan)
    directory.emit_business_hours(ctx)
    directory.emit_groups(ctx)
    split = escalation.split(ctx)
    sla.emit(ctx, split)
    automations.emit_routing(ctx)
    automations.emit_time_triggers(ctx, split)
    _manual_agent_steps(ctx)
    return ctx.bundle.render()


def _manual_agent_steps(ctx: Context) -> None:
    closure = ctx.book.closure
    if closure is not None and (closure.message or closure.survey):
        steps = []
        if closure.message:
            steps.append(
                f"Admin > Agent productivity > Canned responses: add 'Close: resolved' with: {closure.message}"
            )
        if closure.survey:
            steps.append(f"Admin > Workflows > Customer satisfaction: enable the survey. Playbook: {closure.survey}")
        ctx.bundle.manual(
            "freshdesk-closure", "Closure message and survey", "Not part of the compiled API objects.", steps
        )
    if any(step.edge.when == "unmitigated" for prio in ctx.plan.priorities for step in prio.steps):
        ctx.bundle.manual(
            "freshdesk-mitigated-tag",
            "Tell agents to tag mitigated tickets",
            "Freshdesk has no mitigation state: the escalation rules for 'when: unmitigated' stop at the tag.",
            ["When a ticket is mitigated, add the tag pb_mitigated (a canned scenario can do it in one click)."],
        )
