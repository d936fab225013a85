"""`--target intercom`: Intercom office hours schedules and holidays, and the SLA rules as manual steps.

Office hours are writable (Preview API, `/office_hours_schedules` and their
`office_hours_exceptions`): one schedule per calendar, holidays as closed
exceptions. SLA rules are read-only in the API, so each one is a manual step
with the exact values to enter. Payloads validate against `schemas/`.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "intercom"
DESCRIPTION = "Intercom office hours and holidays (Preview API); SLA rules as manual steps with exact values"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.intercom.officehours import render_bundle

    return render_bundle(plan)
