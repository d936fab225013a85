"""Small helpers shared by rules (not a rule: modules starting with '_' are not discovered)."""

from __future__ import annotations

from collections.abc import Iterator

from playbook.findings import Location
from playbook.model import Playbook, Priority, SlaTarget
from playbook.yamlload import Map


def key_loc(book: Playbook, section: str, entity_id: str) -> Location:
    """Where `entity_id` is written as a key of a top-level section (e.g. `P1:` under `priorities:`)."""
    holder = book.raw.get(section)
    if isinstance(holder, Map) and entity_id in holder:
        return Location(*holder.key_loc(entity_id))
    return book.where(section, at_key=True)


def priority_loc(book: Playbook, priority: Priority) -> Location:
    return key_loc(book, "priorities", priority.id)


def channels_of(book: Playbook) -> list[str | None]:
    """None (the priority's default target) followed by every channel id."""
    return [None, *book.channels]


def comparable(book: Playbook, priority: Priority, earlier: SlaTarget, later: SlaTarget) -> bool:
    """Whether `earlier` longer than `later` is certainly wrong.

    Both on one clock: compare directly. A business-clock target runs at least as
    long as its number of seconds in wall time, so a business `earlier` exceeding
    a calendar `later` is wrong too; the reverse depends on when the ticket opens.
    """
    clock_earlier = book.clock_of(priority, earlier)
    clock_later = book.clock_of(priority, later)
    return clock_earlier == clock_later or (clock_earlier == "business" and clock_later == "calendar")


def pairs_per_channel(
    book: Playbook, priority_id: str, first: str, second: str
) -> Iterator[tuple[str | None, SlaTarget, SlaTarget]]:
    """(channel, target of `first`, target of `second`) where both are set, each distinct pair once.

    A channel whose two effective targets are both the priority defaults is the
    same pair as the default row, so it is skipped.
    """
    sla = book.sla.get(priority_id)
    if sla is None:
        return
    for channel in channels_of(book):
        a, b = sla.target(first, channel), sla.target(second, channel)
        if a is None or b is None:
            continue
        if channel is not None and a is sla.target(first) and b is sla.target(second):
            continue
        yield channel, a, b


def reachable(book: Playbook, node: str) -> bool:
    """Whether a contact has a phone or email, or a team an email or a member or lead who has one."""
    contact = book.contacts.get(node)
    if contact is not None:
        return bool(contact.phone or contact.email)
    team = book.teams.get(node)
    if team is None:
        return True  # unknown ids are reported as references
    people = [book.contacts.get(m) for m in [*team.members, *([team.lead] if team.lead else [])]]
    return bool(team.email) or any(p is not None and (p.phone or p.email) for p in people)


def in_examples(path: str) -> bool:
    """True when a directory named 'examples' is part of `path`."""
    parts = path.replace("\\", "/").split("/")[:-1]
    return "examples" in parts


def holders(book: Playbook, priority: Priority) -> set[str] | None:
    """Everyone who can hold a ticket of `priority`: its owner and whoever the steps pass it to.

    A team holds a ticket through its members and lead, so they count too. None
    when the priority has no owner: without one nobody knows where tickets start.
    """
    if not priority.owner:
        return None
    onward: dict[str, list[str]] = {}
    for edge in book.escalation:
        if edge.applies_to(priority.id):
            onward.setdefault(edge.source, []).append(edge.target)
    seen: set[str] = set()
    todo = [priority.owner]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        team = book.teams.get(node)
        if team is not None:
            todo.extend(team.members)
            todo.extend([team.lead] if team.lead else [])
        todo.extend(onward.get(node, ()))
    return seen
