"""Everyone the playbook sends escalations, alerts or tickets to must be reachable.

Why: a step that escalates to a contact nobody can call or write to looks like
a safety net and catches nothing; an alert whose recipient has no phone or
email goes off in silence; tickets routed to a team with no members and no
address wait in a queue nobody reads. This covers:

- every escalation step's `from` and `to`, each priority's `owner` and
  `incident_commander`, and every alert's `notify`: a contact needs `phone` or
  `email`; a team needs an `email` or a member or lead who has one;
- every routing rule's `team`: it needs `members`, a `lead` or an `email`.

One finding per contact or team, at its definition, with where it is used.

Bad:
    contacts:
      service-manager: {name: Luis Romero}
    teams:
      night-desk: {name: Night desk}
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}
    alerts:
      - {metric: queue_depth, above: 25, notify: service-manager}
    routing:
      - {default: true, team: night-desk}

Good:
    contacts:
      service-manager: {name: Luis Romero, phone: "+16152220102", verified: 2026-11-23}
    teams:
      night-desk: {name: Night desk, email: night-desk@acme-support.com}
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}
    alerts:
      - {metric: queue_depth, above: 25, notify: service-manager}
    routing:
      - {default: true, team: night-desk}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc, reachable
from playbook.findings import Finding, Location
from playbook.model import Playbook

CODE = "PB204"
NAME = "escalation-contact-no-details"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows a number or address that reaches them"

LADDER, ALERTS, ROUTING = "is on an escalation ladder", "receives alerts", "receives routed tickets"


def _uses(book: Playbook) -> dict[str, dict[str, tuple[Location, str]]]:
    """node -> role -> the first place it is used in that role."""
    used: dict[str, dict[str, tuple[Location, str]]] = {}

    def use(node: str | None, role: str, where: Location, how: str) -> None:
        if node:
            used.setdefault(node, {}).setdefault(role, (where, how))

    for priority in book.priorities.values():
        for key in ("owner", "incident_commander"):
            use(getattr(priority, key), LADDER, priority.where(key), f"{key.replace('_', ' ')} of {priority.id}")
    for edge in book.escalation:
        use(edge.source, LADDER, edge.where("from"), "escalates from here")
        use(edge.target, LADDER, edge.where("to"), "escalated to here")
    for alert in book.alerts:
        use(alert.notify, ALERTS, alert.where("notify"), f"the {alert.metric} alert notifies here")
    for route in book.routing:
        if route.team in book.teams:
            use(route.team, ROUTING, route.where("team"), "routed here")
    return used


def _staffed(book: Playbook, team_id: str) -> bool:
    team = book.teams[team_id]
    return bool(team.email or team.members or team.lead)


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for node, roles in sorted(_uses(book).items()):
        is_team = node in book.teams
        if node not in book.contacts and not is_team:
            continue  # unknown ids are reported as references, not here
        notified = [role for role in (LADDER, ALERTS) if role in roles]
        if notified and not reachable(book, node):
            what = "has no phone or email"
            if is_team:
                what = "has no email, and no member or lead with a phone or email"
            hint = (
                "add an email address to the team, or a phone number or email to one of its members"
                if is_team
                else "add 'phone:' (E.164, quoted) or 'email:', and 'verified:' with the day you checked it"
            )
        elif ROUTING in roles and not _staffed(book, node):
            what, hint = "has no members and no email", "add 'members:' or the team's shared 'email:'"
        else:
            continue
        doing = " and ".join(role for role in (LADDER, ALERTS, ROUTING) if role in roles)
        yield ctx.finding(
            key_loc(book, "teams" if is_team else "contacts", node),
            f"{'team' if is_team else 'contact'} {node!r} {doing} but {what}",
            hint,
            list(roles.values()),
        )
