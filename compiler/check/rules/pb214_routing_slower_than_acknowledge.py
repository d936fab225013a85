"""Tickets must be routed faster than they must be acknowledged.

Why: a ticket cannot be acknowledged before it reaches a team. If a rule
routes safety tickets as P1 within 30 minutes but P1 must be acknowledged
within 15, every such ticket is born late. The same holds for a channel's
`intake` (how soon its tickets are routed): when email is routed within 24
hours but P1 must be acknowledged within 15 minutes, every P1 that arrives by
email breaches before anyone sees it. Checked:

- a routing rule that sets a priority, against that priority's acknowledge
  target (on the rule's channel when it names one);
- each channel's `intake`, against the acknowledge target on that channel of
  every priority (one finding per channel, naming each priority it fails).

Durations are compared on each priority's clock; a business-hours intake is
compared with a calendar-hours target only where it is certainly later.

Bad:
    channels:
      email: {intake: 24h}
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
    routing:
      - {category: safety, team: coordinators, priority: P1, within: 30m}

Good:
    channels:
      email: {intake: 15m}
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
    routing:
      - {category: safety, team: coordinators, priority: P1, within: 5m}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Edit, Finding, Location
from playbook.model import Channel, Playbook, Priority, SlaTarget
from playbook.units import Duration

CODE = "PB214"
NAME = "routing-slower-than-acknowledge"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
PER_POLICY = True


def _later(book: Playbook, priority: Priority, routed: Duration, target: SlaTarget) -> bool:
    """Whether routing within `routed` can come after the acknowledge `target` is due."""
    clock = "business" if routed.business else book.clock_of(priority)
    if book.clock_of(priority, target) != clock and clock != "business":
        return False  # calendar-hours routing against a business-hours target: depends on the hour
    return book.seconds(routed, priority) > book.seconds(target.duration, priority, target.hours)


def _routes(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for route in book.routing:
        priority = book.priorities.get(route.priority or "")
        sla = book.sla.get(route.priority or "")
        if route.within is None or priority is None or sla is None:
            continue
        target = sla.target("acknowledge", route.channel)
        if target is None or not _later(book, priority, route.within, target):
            continue
        where = f" on {route.channel}" if route.channel else ""
        # The acknowledge target as written, counted on the routing rule's clock, must still fit.
        fits = not _later(book, priority, target.duration, target)
        yield ctx.finding(
            route.where("within"),
            f"this rule routes {priority.id} tickets within {route.within}, "
            f"but {priority.id} must be acknowledged{where} within {target.duration}",
            f"route within at most {target.duration}",
            [(target.loc, f"{priority.id} acknowledge{where}")],
            [Edit(route.where("within"), route.within.text, target.duration.text)] if fits else [],
        )


def _intake(book: Playbook, channel: Channel, ctx: Context) -> Iterator[Finding]:
    if channel.intake is None:
        return
    late: list[tuple[Priority, SlaTarget]] = []
    for pid, priority in book.priorities.items():
        sla = book.sla.get(pid)
        target = sla.target("acknowledge", channel.id) if sla else None
        if target is not None and _later(book, priority, channel.intake, target):
            late.append((priority, target))
    if not late:
        return
    fastest = min(late, key=lambda pair: book.seconds(pair[1].duration, pair[0], pair[1].hours))
    names = ", ".join(f"{p.id} within {t.duration}" for p, t in late)
    related: list[tuple[Location, str]] = [(t.loc, f"{p.id} acknowledge on {channel.id}") for p, t in late]
    # Routing within the fastest target, as written, must be in time for every priority on this channel.
    fits = not any(_later(book, p, fastest[1].duration, t) for p, t in book_targets(book, channel.id))
    yield ctx.finding(
        channel.where("intake"),
        f"{channel.id} tickets are routed within {channel.intake}, but must be acknowledged there: {names}",
        f"route {channel.id} within at most {fastest[1].duration} ('intake:'), or give "
        f"{', '.join(p.id for p, _ in late)} a slower acknowledge target on {channel.id} under 'sla:'",
        related,
        [Edit(channel.where("intake"), channel.intake.text, fastest[1].duration.text)] if fits else [],
    )


def book_targets(book: Playbook, channel: str) -> Iterator[tuple[Priority, SlaTarget]]:
    """Each priority with its acknowledge target on `channel`."""
    for pid, priority in book.priorities.items():
        sla = book.sla.get(pid)
        target = sla.target("acknowledge", channel) if sla else None
        if target is not None:
            yield priority, target


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    yield from _routes(book, ctx)
    for channel in book.channels.values():
        yield from _intake(book, channel, ctx)
