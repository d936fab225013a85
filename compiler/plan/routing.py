"""Which routing rule takes a ticket: the rules in order, the first whose conditions all hold.

A rule's conditions are `segment` (a customer segment, recognised by its
conditions on the ticket's attributes), `category` (the ticket's category
field), `tag` (one of the ticket's tags) and `channel`; a rule with none of
them, or `default: true`, takes every ticket. The help-desk targets compile the same order into triggers
and ticket-creation rules; this is the one reading of it in Python.
"""

from __future__ import annotations

from collections.abc import Iterable

from playbook.model import Playbook, Route
from playbook.selection import Ticket, explain

CONDITIONS = ("segment", "category", "tag", "channel")


def matches(
    route: Route,
    channel: str | None,
    category: str | None,
    tags: Iterable[str],
    book: Playbook | None = None,
    ticket: Ticket | None = None,
) -> bool:
    """Whether `route` takes the ticket; a segment rule only when `ticket` (its attributes) is in the segment."""
    if route.default:
        return True
    if route.segment is not None:
        segment = book.segments.get(route.segment) if book is not None else None
        if segment is None or ticket is None or not explain(segment.selector(), ticket, book.segments)[0]:
            return False
    if route.category is not None and route.category != category:
        return False
    if route.tag is not None and route.tag not in set(tags):
        return False
    return route.channel is None or route.channel == channel


def first_match(
    book: Playbook, channel: str | None, category: str | None, tags: Iterable[str], ticket: Ticket | None = None
) -> Route | None:
    """The rule that takes the ticket, or None when no rule does (a playbook without a default rule).

    `ticket`: the ticket's attributes (organization, its tags, form...), which segment rules read.
    """
    wanted = list(tags)
    return next((route for route in book.routing if matches(route, channel, category, wanted, book, ticket)), None)


def describe(route: Route) -> str:
    """'category safety', 'tag outage and channel phone', 'the default rule'."""
    if route.default:
        return "the default rule"
    parts = [f"{name} {getattr(route, name)}" for name in CONDITIONS if getattr(route, name) is not None]
    return " and ".join(parts) or "every ticket"
