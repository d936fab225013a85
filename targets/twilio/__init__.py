"""`--target twilio`: Twilio Flex TaskRouter workflows (one per channel) and the task queues they use.

Filters come from the routing rules and priorities (first match wins, as in the
playbook), targets from teams and the escalation ladder, each target's
`timeout` from the ladder's times converted to TaskRouter's cumulative reading
(`compiler.plan.taskrouter`), task priorities from the playbook's order. The
payloads are the TaskRouter API's parameters (`schemas/`), applied in the order
of `manifest.json`; what TaskRouter cannot do is a note or a manual step there.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "twilio"
DESCRIPTION = "Twilio Flex TaskRouter workflows per channel and their task queues (REST API parameters)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.twilio.workflows import render_bundle

    return render_bundle(plan)
