"""A calendar should list each holiday once.

Why: the same date twice (or the same country's public holidays twice) is
harmless to the clock but a sign of a merge gone wrong: one of the two entries
was probably meant to be another day, which is now open.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, holidays: [2026-12-25, 2026-12-26, 2026-12-25]}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}, holidays: [2026-12-24, 2026-12-25, 2026-12-26]}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding, Location
from playbook.model import Holiday, Playbook

CODE = "PB243"
NAME = "duplicate-holiday"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the repeat is a typo for another day is the team's knowledge"


def _key(holiday: Holiday) -> tuple[str, str] | None:
    if holiday.date is not None:
        return ("date", holiday.date.isoformat())
    if holiday.country:
        return ("country", f"{holiday.country} {holiday.subdivision}".strip())
    return None


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        seen: dict[tuple[str, str], Location] = {}
        for holiday in calendar.holidays:
            key = _key(holiday)
            if key is None:
                continue
            if key not in seen:
                seen[key] = holiday.loc
                continue
            what = key[1] if key[0] == "date" else f"the public holidays of {key[1]}"
            yield ctx.finding(
                holiday.loc,
                f"calendar {calendar.id!r} lists {what} twice",
                "remove the repeat, or correct it to the day that was meant",
                [(seen[key], "first listed here")],
            )
