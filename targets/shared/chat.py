"""Pieces the Slack and Teams renderers share: the bundle of message templates and where each goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from compiler.plan.messaging import Message, messages
from compiler.plan.plan import Plan
from targets.shared.docs.facts import page_names
from targets.shared.helpdesk import slug
from targets.shared.payloads import Bundle


def render(
    plan: Plan,
    target: str,
    api: dict[str, str],
    body: Callable[[Message], Any],
    shortened: Callable[[Message], list[str]] = lambda message: [],
) -> dict[str, bytes]:
    """One file per message (formatted by `body`), and the manifest saying when to send it and where.

    `shortened` says what of a message the product's limits cut; each becomes a note.
    """
    book = plan.book
    bundle = Bundle(target, book.id, api)
    pages = page_names([prio.id for prio in plan.priorities])
    for message in messages(plan, pages):
        rooms = [
            {"room": room.id, "channel": room.links[target].channel, "webhook": f"env:{room.links[target].webhook_env}"}
            for room in message.rooms
            if target in room.links
        ]
        if not rooms:
            bundle.note(
                "omitted",
                message.about,
                f"no room for {message.about} has a {target} channel: the message is written but goes nowhere until "
                f"one does (a post: list, or a default room)",
            )
        over = shortened(message)
        if over:
            bundle.note("approximated", message.about, f"shortened to fit {target}: {'; '.join(over)}")
        bundle.message(
            f"{message.folder}/{slug(message.name)}.json",
            body(message),
            message.about,
            message.send_when,
            message.sent_by,
            rooms,
        )
    if not (book.organisation and book.organisation.runbooks):
        bundle.note(
            "omitted",
            "organisation.runbooks",
            "the playbook does not say where its runbooks are published (organisation.runbooks): messages carry "
            "no runbook link",
        )
    bundle.manual(
        f"{target}-send",
        "Wire each message to what sends it",
        "Nothing playbook builds watches queues or incidents: each message is a template for the system named in "
        "its manifest entry ('sent_by') to post when 'send_when' happens.",
        [
            "Set each room's webhook environment variable (manifest 'messages[].rooms[].webhook') where that "
            "system runs; the URL itself never appears in the playbook or in these files.",
            "POST the file's JSON, unchanged, to the webhook URL when the event happens.",
        ],
    )
    return bundle.render()
