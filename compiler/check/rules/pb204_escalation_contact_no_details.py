"""Everyone on an escalation ladder must have a phone number or an email address.

Why: a step that escalates to a contact nobody can call or write to looks like
a safety net and catches nothing. This covers every escalation step's `from`
and `to`, each priority's `owner` and `incident_commander`: a contact needs
`phone` or `email`; a team needs an `email` or a member or lead who has one.

Bad:
    contacts:
      service-manager: {name: Luis Romero}
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}

Good:
    contacts:
      service-manager: {name: Luis Romero, phone: "+16152220102", verified: 2026-11-23}
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from playbook.findings import Finding, Location
from playbook.model import Playbook

CODE = "PB204"
NAME = "escalation-contact-no-details"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def _ladder(book: Playbook) -> dict[str, tuple[Location, str]]:
    """Each node on a ladder, with the first place it is used."""
    used: dict[str, tuple[Location, str]] = {}
    for priority in book.priorities.values():
        for key in ("owner", "incident_commander"):
            node = getattr(priority, key)
            if node:
                used.setdefault(node, (priority.where(key), f"{key.replace('_', ' ')} of {priority.id}"))
    for edge in book.escalation:
        used.setdefault(edge.source, (edge.where("from"), "escalates from here"))
        used.setdefault(edge.target, (edge.where("to"), "escalated to here"))
    return used


def _reachable(book: Playbook, node: str) -> bool:
    contact = book.contacts.get(node)
    if contact is not None:
        return bool(contact.phone or contact.email)
    team = book.teams.get(node)
    if team is None:
        return True  # unknown ids are reported as references, not here
    people = [book.contacts.get(m) for m in [*team.members, *([team.lead] if team.lead else [])]]
    return bool(team.email) or any(p is not None and (p.phone or p.email) for p in people)


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for node, (where, how) in sorted(_ladder(book).items()):
        if _reachable(book, node):
            continue
        is_team = node in book.teams
        section = "teams" if is_team else "contacts"
        yield ctx.finding(
            key_loc(book, section, node),
            f"{'team' if is_team else 'contact'} {node!r} is on an escalation ladder but has no phone or email",
            "add an email address to the team or a member who can be reached"
            if is_team
            else "add 'phone:' (E.164, quoted) or 'email:'",
            [(where, how)],
        )
