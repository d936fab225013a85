"""Slack incoming-webhook messages (Block Kit) for each alert, escalation step and update cadence.

Each message is a header, the facts as section fields, the note and runbook
link, and a context line saying what sends it; text is escaped for Slack's
mrkdwn and kept within Block Kit's documented limits (`compiler.plan.messaging`),
shortened with an ellipsis when the playbook's text is longer (PB519 warns).
"""

from __future__ import annotations

from typing import Any

from compiler.plan import messaging
from compiler.plan.messaging import Message
from compiler.plan.plan import Plan

NAME = "slack"
DESCRIPTION = "Slack incoming-webhook messages (Block Kit) for alerts, escalation steps and update reminders"
API = {
    "name": "Slack incoming webhooks",
    "base_url": "the room's webhook URL (its environment variable)",
    "reference": "https://api.slack.com/messaging/webhooks",
}


def render(plan: Plan) -> dict[str, bytes]:
    from targets.shared import chat

    return chat.render(plan, NAME, API, body, messaging.slack_overflows)


def escape(text: str) -> str:
    """Slack mrkdwn control characters: &, < and > would start entities and links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def body(message: Message) -> dict[str, Any]:
    fields = [
        {"type": "mrkdwn", "text": fit(f"*{escape(fact.title)}*\n{escape(fact.value)}", messaging.SLACK_FIELD)}
        for fact in message.facts[: messaging.SLACK_FIELDS]
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": fit(message.headline, messaging.SLACK_HEADER)}},
        {"type": "section", "fields": fields},
    ]
    lines = [escape(message.note)] if message.note else []
    if message.link is not None:
        title, url = message.link
        lines.append(f"<{url}|{escape(title)}>")
    if lines:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": fit("\n".join(lines), messaging.SLACK_SECTION)}}
        )
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": fit(escape(message.footer), messaging.SLACK_SECTION)}],
        }
    )
    return {"text": fit(message.summary, messaging.SLACK_TEXT), "blocks": blocks}
