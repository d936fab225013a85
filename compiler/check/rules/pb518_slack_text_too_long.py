"""Slack messages must fit Block Kit's limits.

Why: Slack refuses a header over 150 characters, a section field over 2000
and a section over 3000. The slack target shortens longer playbook text with
an ellipsis (a long priority title, contact name or step note), so the
message says less than the playbook. Active for the requested slack target.

Bad:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar}
    escalation:
      - {from: desk, to: lead, after: 30m}
    contacts:
      desk: {name: Desk}
      lead:
        name: >-
          The lead engineer of the week for the payments platform, the checkout service,
          the order pipeline, the warehouse integration and the customer portal

Good:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar}
    escalation:
      - {from: desk, to: lead, after: 30m}
    contacts:
      desk: {name: Desk}
      lead: {name: Payments lead of the week}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan import messaging
from compiler.plan.plan import shared_plan
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB518"
NAME = "slack-text-too-long"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which text to shorten is the author's choice"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "slack" not in ctx.targets:
        return
    for message in messaging.messages(shared_plan(book)):
        over = messaging.slack_overflows(message)
        if over:
            yield ctx.finding(
                message.where,
                f"the Slack message for {message.about} is shortened: {'; '.join(over)}",
                "shorten the text the message is made of (a title, a name or a note)",
            )
