"""People on an escalation ladder need a time zone when the playbook spans several.

Why: "call the Service Manager after 30 minutes" is fine at 2 p.m. and a
different decision at 3 a.m. their time. When a playbook's calendars cover more
than one time zone (follow-the-sun regions, offices abroad), the playbook's
default zone says nothing about where a person is, so runbooks cannot show
their local time. This fires for a person (not a role, vendor or service) on a
ladder (escalation `from`/`to`, priority `owner` or `incident_commander`) with
a phone but neither `timezone` nor an `available` calendar.

Bad:
    calendars:
      emea: {timezone: Europe/London, weekly: {mon-fri: "08:00-17:00"}}
      americas: {timezone: America/New_York, weekly: {mon-fri: "08:00-17:00"}}
    contacts:
      head-of-care: {name: Morgan Ellis, phone: "+442071230101"}
    escalation:
      - {from: duty-manager, to: head-of-care, after: 30m}

Good:
    calendars:
      emea: {timezone: Europe/London, weekly: {mon-fri: "08:00-17:00"}}
      americas: {timezone: America/New_York, weekly: {mon-fri: "08:00-17:00"}}
    contacts:
      head-of-care: {name: Morgan Ellis, phone: "+442071230101", timezone: Europe/London}
    escalation:
      - {from: duty-manager, to: head-of-care, after: 30m}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB223"
NAME = "ladder-timezone-unknown"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows where the person works"


def _zones(book: Playbook) -> set[str]:
    zones = {book.timezone}
    for calendar in book.calendars.values():
        if not calendar.always:
            zones.update(tz for tz, _ in calendar.all_windows())
    return zones


def _ladder(book: Playbook) -> set[str]:
    nodes = {n for p in book.priorities.values() for n in (p.owner, p.incident_commander) if n}
    return nodes | {e.source for e in book.escalation} | {e.target for e in book.escalation}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    zones = _zones(book)
    if len(zones) < 2:
        return
    for cid in sorted(_ladder(book)):
        contact = book.contacts.get(cid)
        if contact is None or contact.kind != "person" or not contact.phone:
            continue
        if contact.timezone or contact.available:
            continue
        yield ctx.finding(
            key_loc(book, "contacts", cid),
            f"{cid!r} is on an escalation ladder but their time zone is unknown "
            f"(the playbook spans {', '.join(sorted(zones))})",
            "add 'timezone:' (an IANA name) or 'available: <calendar>'",
        )
