"""Salesforce business hours hold one opening window a day.

Why: a Salesforce business-hours entry has one start and one end time per
weekday (`mondayStartTime`, `mondayEndTime`, ...). A calendar with a break
(09:00-12:00 and 13:00-17:00) cannot be written: the build opens the whole span
from the first opening to the last closing, so business-hour milestones keep
counting through the break (later deadlines than the playbook's). Active when
the salesforce target is requested (`--target salesforce`), for calendars that
some priority or SLA policy uses (each calendar a policy's field can pick).

Bad:
    calendars:
      office: {weekly: {mon-fri: ["09:00-12:00", "13:00-17:00"]}}
    priorities:
      P1: {title: Down, calendar: office}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P1: {title: Down, calendar: office}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB542"
NAME = "salesforce-split-business-day"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to merge the windows or accept the gap is the team's decision"
TARGET = "salesforce"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    used = {p.calendar for p in book.priorities.values() if p.calendar}
    used |= {c for policy in book.policies if policy.calendar is not None for c in policy.calendar.all()}
    for cid, calendar in book.calendars.items():
        if cid not in used or calendar.always:
            continue
        by_day: dict[int, list[tuple[int, int]]] = {}
        for window in calendar.windows:  # the calendar's own zone; regions are noted by the build
            by_day.setdefault(window.day, []).append((window.start, min(window.end, 1440)))
        for day, spans in sorted(by_day.items()):
            spans.sort()
            gaps = [
                (a_end, b_start) for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False) if b_start > a_end
            ]
            if gaps:
                first = next(w for w in calendar.windows if w.day == day)
                yield ctx.finding(
                    first.loc,
                    f"calendar {cid} has {len(gaps) + 1} separate windows on {DAY_NAMES[day]}; Salesforce business "
                    "hours hold one a day, so the build keeps it open through the gap",
                    "use one window a day, or accept that Salesforce milestones count through the break",
                )
