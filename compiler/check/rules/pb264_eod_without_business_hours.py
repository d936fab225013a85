"""An end-of-business-day deadline (`eod`) needs a calendar with business hours.

Why: `eod` means "by the end of the business day the ticket arrives on"
(`eod+1`: the next business day's end). On a 24/7 calendar, or a priority
with no calendar, there is no end of the business day, so the deadline means
nothing and every target derived from it (simulate, runbooks, the help desks'
one-business-day approximation) would be invented. Give the priority (or the
SLA policy) an office calendar, or write a duration.

Bad:
    calendars:
      always: 24/7
    priorities:
      P3: {title: Minor, calendar: always}
    sla:
      P3: {acknowledge: 4h, resolve: eod}

Good:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P3: {title: Minor, calendar: office}
    sla:
      P3: {acknowledge: 4h, resolve: eod}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policyview import target_calendar, written_targets

CODE = "PB264"
NAME = "eod-without-business-hours"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which calendar it counts on, or which duration replaces the deadline, is the team's choice"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for written in written_targets(book):
        if written.target.eod is None:
            continue
        calendar = target_calendar(book, written)
        if calendar is not None and not calendar.always:
            continue
        whose = f"SLA policy {written.policy.id}" if written.policy else f"priority {written.priority}"
        why = f"counts on the 24/7 calendar {calendar.id}" if calendar else "has no calendar"
        yield ctx.finding(
            written.target.loc,
            f"{written.priority} {written.metric} is {written.target.duration.text}, but {whose} {why}: there is "
            "no end of the business day",
            "give it a calendar with business hours, or write a duration such as 8h",
        )
