"""Intercom office hours start and end on quarter hours.

Why: Intercom's office hours intervals "must be on a 15-minute boundary"
(Preview API, create_office_hours_schedule_request). A window such as
09:10-17:05 cannot be written: the build widens it to 09:00-17:15, so clocks
keep running a little longer than the playbook's hours. Active when the
intercom target is requested (`--target intercom`).

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:10-17:05"}}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.targetfacts import facts
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB546"
NAME = "intercom-office-hours-step"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to open earlier or close later is the team's decision"
TARGET = "intercom"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    found = facts(TARGET)
    step = int(found.data["office_hours"]["step_minutes"]) if found else 15
    for cid, calendar in book.calendars.items():
        seen = set()
        for _, window in calendar.all_windows():
            if (window.start % step or window.end % step) and window.loc not in seen:
                seen.add(window.loc)
                yield ctx.finding(
                    window.loc,
                    f"calendar {cid}: Intercom office hours move in {step}-minute steps, so this window is widened "
                    "to the nearest quarter hours around it",
                    f"start and end the window on a multiple of {step} minutes",
                )
