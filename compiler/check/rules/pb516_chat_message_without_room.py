"""Every chat message needs a room it can be posted to.

Why: the slack and teams targets write a message for each alert, escalation
step and update reminder, posted to the rooms a priority's or alert's `post:`
names, else the rooms marked `default: true`. A message with no room in that
product is written but goes nowhere. Active for the requested slack and
teams targets.

Bad:
    alerts:
      - {metric: queue_depth, above: 25, for: 10m, notify: lead}
    contacts:
      lead: {name: Lead}
    rooms:
      ops: {slack: {channel: "#ops", webhook: env:SLACK_OPS}, teams: {channel: "Ops / Alerts", webhook: env:TEAMS_OPS}}

Good:
    alerts:
      - {metric: queue_depth, above: 25, for: 10m, notify: lead, post: [ops]}
    contacts:
      lead: {name: Lead}
    rooms:
      ops: {slack: {channel: "#ops", webhook: env:SLACK_OPS}, teams: {channel: "Ops / Alerts", webhook: env:TEAMS_OPS}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import requested
from playbook.findings import Finding, Location
from playbook.model import Playbook
from playbook.policyview import update_cadences

CODE = "PB516"
NAME = "chat-message-without-room"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which room gets the messages is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    products = requested(ctx.targets, "chat")
    if not products:
        return
    sources: list[tuple[str, list[str], Location]] = [
        (f"alert {alert.index + 1} ({alert.metric})", alert.post, alert.where("post")) for alert in book.alerts
    ]
    for priority in book.priorities.values():
        # Update reminders come from sla:'s update_every or any SLA policy's cadence (compiler.plan.messaging).
        escalates = any(edge.applies_to(priority.id) for edge in book.escalation)
        speaks = escalates or bool(update_cadences(book, priority.id))
        if speaks:
            sources.append((f"{priority.id}'s escalation and update messages", priority.post, priority.where("post")))
    for what, post, loc in sources:
        rooms = book.rooms_for(post)
        missing = [f.title for f in products if not any(f.name in room.links for room in rooms)]
        if missing:
            where = f"none of the rooms it names ({', '.join(post)})" if post else "no default room"
            yield ctx.finding(
                loc,
                f"{what}: {where} has a {' or '.join(missing)} channel, so the message goes nowhere there",
                "name a room with that product under post:, or mark a room default: true",
            )
