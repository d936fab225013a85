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
      office: {weekly: {mon-fri: "09:00-17:00"}, years: "2024-2026"}
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
MANUAL_FIX = "the coming years' holidays are the team's knowledge"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.years is None:
            continue
        last_day = dt.date(calendar.years[1], 12, 31)
        left = (last_day - ctx.today).days
        warn = int(ctx.options["warn_days"])
        if left > warn:
            continue
        state = "ended" if left < 0 else f"ends in {left} day{'s' if left != 1 else ''}"
        # The first year-end far enough away for this rule to be quiet again.
        through = ctx.today.year + (1 if (dt.date(ctx.today.year, 12, 31) - ctx.today).days <= warn else 0)
        yield ctx.finding(
            calendar.where("years"),
            f"calendar {calendar.id!r} is kept only through {calendar.years[1]} and {state}",
            f"add the holidays through {through} and extend 'years' to '{calendar.years[0]}-{through}'",
        )
