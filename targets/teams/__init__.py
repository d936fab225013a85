"""Microsoft Teams Workflows webhook messages: an Adaptive Card 1.5 for each alert, escalation step and update cadence.

Workflows webhooks take Adaptive Cards only (the old connector MessageCard is
refused); each card is a heading, a FactSet, the note, a footer saying what
sends it, and a button to the runbook page.
"""

from __future__ import annotations

from typing import Any

from compiler.plan.messaging import Message
from compiler.plan.plan import Plan
from compiler.plan.targetfacts import facts

NAME = "teams"
DESCRIPTION = "Microsoft Teams Workflows webhook messages (Adaptive Cards 1.5) for alerts, escalation steps and updates"
API = {
    "name": "Microsoft Teams Workflows webhooks",
    "base_url": "the room's webhook URL (its environment variable)",
    "reference": "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using",
}
CARD_VERSION = str(facts("teams").message_limits["card_version"])  # type: ignore[union-attr]


def render(plan: Plan) -> dict[str, bytes]:
    from targets.shared import chat

    return chat.render(plan, NAME, API, body)


def body(message: Message) -> dict[str, Any]:
    content: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": message.headline,
            "wrap": True,
            "style": "heading",
            "size": "large",
            "weight": "bolder",
        },
        {"type": "FactSet", "facts": [{"title": fact.title, "value": fact.value} for fact in message.facts]},
    ]
    if message.note:
        content.append({"type": "TextBlock", "text": message.note, "wrap": True})
    content.append({"type": "TextBlock", "text": message.footer, "wrap": True, "isSubtle": True, "size": "small"})
    if message.link is not None:
        title, url = message.link
        content.append({"type": "ActionSet", "actions": [{"type": "Action.OpenUrl", "title": title, "url": url}]})
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": CARD_VERSION,
        "body": content,
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }
