"""Every declared calendar should be used by something.

Why: a calendar does nothing by itself. Only a priority's `calendar` (its SLA
clock), an SLA policy's `calendar`, a team's `calendar`, a contact's
`available`, a channel's or a cadence's `calendar` brings it into the
checks, the timelines and the help-desk schedules; one that nothing names is
silently left out of every build. It is usually a leftover,
or a sign that a priority or team still points at an older calendar: the
holidays someone carefully added to `uk-office` never apply if the priorities
still say `office`.

Bad:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
      weekend: {timezone: Europe/London, weekly: {sat-sun: "10:00-16:00"}}
    priorities:
      P2: {title: Major, calendar: office}

Good:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
      weekend: {timezone: Europe/London, weekly: {sat-sun: "10:00-16:00"}}
    priorities:
      P2: {title: Major, calendar: office}
    teams:
      weekend-crew: {name: Weekend crew, email: weekend@acme-support.com, calendar: weekend}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policyview import used_calendars

CODE = "PB245"
NAME = "calendar-unused"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the calendar is missing a use or is left over is the team's knowledge"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    used = used_calendars(book)
    for calendar in book.calendars.values():
        if calendar.id in used:
            continue
        yield ctx.finding(
            key_loc(book, "calendars", calendar.id),
            f"calendar {calendar.id!r} is declared but nothing uses it, so no check or build reads it",
            "name it in a priority's, SLA policy's or team's 'calendar:', a contact's 'available:' or a channel's "
            "'calendar:', or delete it",
        )
