"""A priority worked around the clock must not start with, or escalate to, someone reachable only in office hours.

Why: a P1 on a 24/7 calendar arrives and escalates at 3 a.m. and on Sunday
too. If its `owner` or `incident_commander`, or an escalation step's target, is
a contact whose `available` calendar is office hours (and who is not
`on_call`), or a team that only works office hours, the ticket lands on an
empty desk and waits, at worst for the whole weekend. A contact without
`available` is judged by their team's calendar; a team with an on-call member
counts as reachable. The message gives the longest stretch the ticket can wait
in an ordinary week.

Bad:
    calendars:
      always: 24/7
      office: {timezone: America/Chicago, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P1: {title: Outage, calendar: always, owner: coordinator}
    escalation:
      - {from: coordinator, to: billing-desk, after: 30m}
    contacts:
      coordinator: {name: Coordinator, on_call: true, phone: "+16155550100"}
      billing-desk: {name: Billing Desk, available: office, email: billing@example.com}
    teams:
      billing: {name: Billing, calendar: office, members: [billing-desk]}

Good:
    calendars:
      always: 24/7
      office: {timezone: America/Chicago, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P1: {title: Outage, calendar: always, owner: coordinator}
    escalation:
      - {from: coordinator, to: billing-desk, after: 30m}
    contacts:
      coordinator: {name: Coordinator, on_call: true, phone: "+16155550100"}
      billing-desk: {name: Billing Desk, available: always, email: billing@example.com}
    teams:
      billing: {name: Billing, calendar: office, members: [billing-desk]}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import duration, longest_closed, monday_of, plan_of, span
from playbook.findings import Finding, Location
from playbook.model import Calendar, Contact, Edge, Playbook, Team

CODE = "PB402"
NAME = "round-the-clock-step-office-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "who can take the ticket at night is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    yield from _holders(book, ctx)
    by_edge: dict[int, tuple[Edge, list[str]]] = {}
    for plan in plan_of(book).priorities:
        if plan.calendar is None or not _round_the_clock(plan.calendar):
            continue
        for step in plan.steps:
            by_edge.setdefault(step.edge.index, (step.edge, []))[1].append(plan.id)
    for edge, priorities in by_edge.values():
        limit = office_hours_of(book, edge.target)
        if limit is None:
            continue
        calendar, where = limit
        yield ctx.finding(
            edge.where("to"),
            f"{', '.join(priorities)} {'runs' if len(priorities) == 1 else 'run'} around the clock, but "
            f"{edge.target} is reachable only during '{calendar.id}' hours{_wait(calendar, ctx)}",
            f"escalate to someone on call, mark {edge.target} 'on_call: true', or give them a 24/7 'available' "
            "calendar",
            [(where, f"{edge.target}'s hours: '{calendar.id}'")],
        )


def _holders(book: Playbook, ctx: Context) -> Iterator[Finding]:
    """The owner and incident commander of each round-the-clock priority."""
    for priority in book.priorities.values():
        calendar = book.calendar_of(priority)
        if calendar is None or not _round_the_clock(calendar):
            continue
        for key in ("owner", "incident_commander"):
            node = getattr(priority, key)
            limit = office_hours_of(book, node) if node else None
            if limit is None:
                continue
            hours, where = limit
            role = key.replace("_", " ")
            yield ctx.finding(
                priority.where(key),
                f"{priority.id} runs around the clock, but its {role} {node} is reachable only during "
                f"'{hours.id}' hours{_wait(hours, ctx, 'a new ticket')}",
                f"make someone on call the {role}, mark {node} 'on_call: true', add an on-call member, or give "
                f"them a 24/7 'available' calendar",
                [(where, f"{node}'s hours: '{hours.id}'")],
            )


def _round_the_clock(calendar: Calendar) -> bool:
    return calendar.always or calendar.coverage == "24/7"


def office_hours_of(book: Playbook, node_id: str) -> tuple[Calendar, Location] | None:
    """The limited calendar a node can be reached in, and where it is set; None if reachable around the clock."""
    contact = book.contacts.get(node_id)
    if contact is not None:
        return _contact_hours(book, contact)
    team = book.teams.get(node_id)
    if team is None or team.on_call or any(_on_call(book, member) for member in team.members):
        return None
    return _limited(book, team.calendar, team.where("calendar"))


def _contact_hours(book: Playbook, contact: Contact) -> tuple[Calendar, Location] | None:
    if contact.on_call:
        return None
    if contact.available:
        return _limited(book, contact.available, contact.where("available"))
    team: Team | None = book.teams.get(contact.team) if contact.team else None
    if team is None or team.on_call:
        return None
    return _limited(book, team.calendar, team.where("calendar"))


def _limited(book: Playbook, calendar_id: str | None, where: Location) -> tuple[Calendar, Location] | None:
    calendar = book.calendars.get(calendar_id) if calendar_id else None
    if calendar is None or _round_the_clock(calendar):
        return None
    return calendar, where


def _on_call(book: Playbook, node_id: str) -> bool:
    contact = book.contacts.get(node_id)
    return contact is not None and contact.on_call


def _wait(calendar: Calendar, ctx: Context, what: str = "a step") -> str:
    gap = longest_closed(calendar, monday_of(ctx.today, calendar.timezone))
    if gap is None:
        return ""
    return f": {what} can wait up to {duration(gap[1] - gap[0])} ({span(*gap, calendar.timezone)})"
