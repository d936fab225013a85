"""Zendesk Support API configuration: one JSON request body per API object, plus manifest.json.

Emits, in apply order: groups (from teams) and memberships, the Category field,
business-hours schedules (workweek and holidays), a trigger category and
triggers (routing, per-priority schedule, each SLA policy's tag and schedule,
top-priority alert), SLA policies (one per playbook SLA policy, else one per
group of channels sharing every target), automations (the escalation graph,
and a notice at each band's upper end), views of tickets close to a breach,
and macros (closure message, "Mark as mitigated"). Everything approximated or
left out is a note in the manifest.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "zendesk"
DESCRIPTION = "Zendesk Support API payloads (SLA policies, schedules, triggers, automations, views, macros)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.zendesk import automations, directory, schedules, sla, triggers, views
    from targets.zendesk.context import Context

    ctx = Context.create(plan)
    directory.emit_groups(ctx)
    directory.emit_category_field(ctx)
    schedules.emit(ctx)
    triggers.emit(ctx)
    sla.emit(ctx)
    automations.emit(ctx)
    automations.emit_bands(ctx)
    views.emit_views(ctx)
    views.emit_macros(ctx)
    return ctx.bundle.render()
