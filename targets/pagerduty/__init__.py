"""PagerDuty REST API v2 configuration: on-call schedules from rotas, one escalation policy per paged priority.

Users are looked up by email (manifest `lookups`); schedules are created
first and referenced by placeholder. Escalation rules notify each ladder node
at its start time: a rule's delay is the gap to the next rule (see
`compiler.plan.oncall.pagerduty`). What PagerDuty cannot page (vendors, roles
without a rota) is a manual step with its time; every rounding is a note.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "pagerduty"
DESCRIPTION = "PagerDuty REST API payloads (schedules from rotas, an escalation policy per paged priority)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.pagerduty.build import emit

    return emit(plan).render()
