"""Opsgenie REST API v2 configuration (the same rule shape as Jira Service Management Operations).

Schedules from rotas, one escalation per paged priority. Recipients are named
(users by username, their email; schedules by name), so no id is looked up.
Each rule's delay is its recipient's start time, counted from the start of the
escalation (see `compiler.plan.oncall.opsgenie`); `unacknowledged` steps become
`if-not-acked`, the others `if-not-closed`.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "opsgenie"
DESCRIPTION = "Opsgenie / JSM Operations API payloads (schedules from rotas, an escalation per paged priority)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.opsgenie.build import emit

    return emit(plan).render()
