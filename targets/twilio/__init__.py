"""`--target twilio`: a Twilio Flex TaskRouter workflow for all channels and the task queues it uses.

Filters come from the routing rules and priorities (first match wins, as in the
playbook; a channel's rules test the task's `playbook_channel`), targets from the
escalation ladder (a task queue per rung: everyone notified by then), each target's
`timeout` from the ladder's times converted to TaskRouter's cumulative reading
(`compiler.plan.taskrouter`), task priorities from the playbook's order. The
payloads are the TaskRouter API's parameters (`schemas/`), applied in the order
of `manifest.json`; what TaskRouter cannot do is a note or a manual step there.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "twilio"
DESCRIPTION = "Twilio Flex TaskRouter workflow for all channels and its task queues (REST API parameters)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.twilio.workflows import render_bundle

    return render_bundle(plan)
