"""A calendar's `years` must not have run out.

Why: `years: "2025-2026"` says the holidays were kept up to the end of 2026.
After that (or close to it) nobody has entered next year's holidays, and the
help desk will count Christmas Day as a business day. Fires once today is
within `warn_days` days of the end of the calendar's last year, or past it.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, years: "2024-2025"}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, years: "2026-2027"}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB244"
NAME = "calendar-years-ended"
SEVERITY = "warning"
OPTIONS = {"warn_days": 30}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.years is None:
            continue
        last_day = dt.date(calendar.years[1], 12, 31)
        left = (last_day - ctx.today).days
        if left > int(ctx.options["warn_days"]):
            continue
        state = "ended" if left < 0 else f"ends in {left} day{'s' if left != 1 else ''}"
        yield ctx.finding(
            calendar.where("years"),
            f"calendar {calendar.id!r} is kept only through {calendar.years[1]} and {state}",
            f"add {calendar.years[1] + 1}'s holidays and extend 'years'",
        )
