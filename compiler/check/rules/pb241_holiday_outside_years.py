"""A dated holiday must fall within its calendar's `years`.

Why: `years: "2026-2027"` says which years the calendar's holidays are kept
for. A holiday dated outside them is usually a typo in the year (`2062-12-25`)
or a leftover from last year's list: either way the day the author meant to
close stays open.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, years: "2026-2027", holidays: [2062-12-25]}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, years: "2026-2027", holidays: [2026-12-25]}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB241"
NAME = "holiday-outside-years"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the date or the years are wrong is the team's knowledge"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.years is None:
            continue
        first, last = calendar.years
        span = str(first) if first == last else f"{first}-{last}"
        for holiday in calendar.holidays:
            if holiday.date is None or first <= holiday.date.year <= last:
                continue
            yield ctx.finding(
                holiday.loc,
                f"holiday {holiday.date.isoformat()} is outside the years of calendar {calendar.id!r} ({span})",
                "fix the year, or extend 'years' if the calendar is maintained that far",
                [(calendar.where("years"), "the calendar's years")],
            )
