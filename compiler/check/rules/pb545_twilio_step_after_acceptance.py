"""TaskRouter escalates only tasks nobody has accepted yet.

Why: a workflow's targets move a task while it waits for an agent; once an
agent accepts it, the workflow is done with it. A step that fires while a
ticket is `unmitigated` or `unresolved` (written out; the default is
noted in the build's manifest) also covers tickets someone already
works on, which TaskRouter cannot see: the Twilio build keeps the step for
waiting tasks only, and the rest needs the help desk or an on-call tool. Active
when the twilio target is requested (`--target twilio`).

Bad:
    escalation:
      - {from: desk, to: lead, after: 30m, when: unresolved}

Good:
    escalation:
      - {from: desk, to: lead, after: 30m, when: unacknowledged}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB545"
NAME = "twilio-step-after-acceptance"
SEVERITY = "info"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which target carries the step for accepted tickets is the team's decision"
TARGET = "twilio"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    for edge in book.escalation:
        # Written out only: the default (unresolved) is noted in the build's manifest, not reported on every step.
        if "when" in edge.raw and edge.when != "unacknowledged":
            yield ctx.finding(
                edge.where("when"),
                f"this step fires while the ticket is {edge.when}, but TaskRouter only moves tasks nobody has "
                "accepted: the Twilio workflow escalates waiting tasks only",
                "make sure the help desk or an on-call target carries this step for accepted tickets",
            )
