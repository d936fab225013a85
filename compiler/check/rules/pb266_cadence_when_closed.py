"""A recurring task must fall when its calendar is open, on a day every month has.

Why: a daily queue summary "at 08:00" for a desk that opens at 09:00, a
weekly review on Saturday for a Monday-to-Friday team, or a monthly report
"on the 31st" are each quietly skipped: nobody is there, or the day does not
exist in most months. Checked against the cadence's `calendar` (an ordinary
week, in the calendar's time zone): the time must be inside the opening hours
on every day the cadence happens; a monthly or quarterly one on day 29-31 is
reported because shorter months skip it.

Bad:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
    cadences:
      queue-summary: {title: Daily queue summary, every: daily, at: "08:00", calendar: office}

Good:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
    cadences:
      queue-summary: {title: Daily queue summary, every: daily, on: mon-fri, at: "09:30", calendar: office}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Calendar, Playbook
from playbook.units import DAYS

CODE = "PB266"
NAME = "cadence-when-closed"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "when the task happens is the team's choice"


def _open(calendar: Calendar, day: int, minute: int) -> bool:
    """Whether the calendar's own hours (not its regions') hold `minute` of weekday `day`, in its zone."""
    for _, window in calendar.all_windows():
        start = window.day * 1440 + window.start
        end = window.day * 1440 + window.end
        at = day * 1440 + minute
        if start <= at < end or start <= at + 7 * 1440 < end:
            return True
    return False


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for cadence in book.cadences.values():
        if cadence.day_of_month is not None and cadence.day_of_month > 28:
            yield ctx.finding(
                cadence.where("on"),
                f"{cadence.title} is on day {cadence.day_of_month} of the month, which shorter months do not have",
                "use a day from 1 to 28",
            )
        calendar = book.calendars.get(cadence.calendar or "")
        if calendar is None or calendar.always or cadence.at is None:
            continue
        days = cadence.days or (list(range(7)) if cadence.every == "daily" else [])
        if cadence.every in ("monthly", "quarterly"):
            closed = [] if any(_open(calendar, day, cadence.at) for day in range(7)) else list(range(7))
        else:
            closed = [day for day in days if not _open(calendar, day, cadence.at)]
        if not closed:
            continue
        at = f"{cadence.at // 60:02d}:{cadence.at % 60:02d}"
        when = "on any day" if len(closed) == 7 else "on " + ", ".join(DAYS[day] for day in closed)
        yield ctx.finding(
            cadence.where("at"),
            f"{cadence.title} is at {at}, when calendar {calendar.id} is closed {when}",
            "move it into the calendar's opening hours, or name the days it happens with 'on:'",
            [(calendar.loc, f"calendar {calendar.id}")],
        )
