"""A business-hours calendar must open at some point of the week.

Why: a calendar that is not `24/7` and has no weekly windows and no regions
(or only `closed` days) has no business time at all: every business-hours SLA
on it never comes due, and every escalation waits forever.

Bad:
    calendars:
      office: {timezone: America/Chicago, weekly: {mon-fri: closed}}

Good:
    calendars:
      office: {timezone: America/Chicago, weekly: {mon-fri: "09:00-17:30"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB242"
NAME = "calendar-without-hours"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows its opening hours"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.always or calendar.weekly_seconds() > 0:
            continue
        yield ctx.finding(
            key_loc(book, "calendars", calendar.id),
            f"calendar {calendar.id!r} has no business hours in any week",
            "give 'weekly:' opening hours such as {mon-fri: \"09:00-17:30\"}, add regions, or make the calendar '24/7'",
        )
