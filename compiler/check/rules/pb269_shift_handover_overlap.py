"""Consecutive shifts must overlap by the hand-over time `staffing.handover` asks for.

Why: "shifts overlap by 30-60 minutes" is how the open tickets and the
context travel from one shift to the next. A late shift that starts as the
early one ends has no hand-over; one that starts two hours early pays for two
shifts doing one job. Each shift is compared with the next one to start (of
the same team), on every day it works.

Bad:
    staffing:
      handover: 30m-60m
      shifts:
        - {name: early, days: daily, hours: "06:00-14:00", staff: 3}
        - {name: late, days: daily, hours: "14:00-22:30", staff: 3}
        - {name: night, days: daily, hours: "22:00-06:30+1", staff: 2}

Good:
    staffing:
      handover: 30m-60m
      shifts:
        - {name: early, days: daily, hours: "06:00-14:30", staff: 3}
        - {name: late, days: daily, hours: "14:00-22:30", staff: 3}
        - {name: night, days: daily, hours: "22:00-06:30+1", staff: 2}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._shifts import WEEK, clock, hours
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.operations import Shift

CODE = "PB269"
NAME = "shift-handover-overlap"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which shift moves is the team's decision"


def _instances(shifts: list[Shift]) -> list[tuple[int, int, Shift]]:
    """(start, end) minute of the week of every shift on every day it works, by start."""
    return sorted(((d * 1440 + s.start, d * 1440 + s.end, s) for s in shifts for d in s.days), key=lambda i: i[0])


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    staffing = book.staffing
    if staffing is None or staffing.handover is None or len(staffing.shifts) < 2:
        return
    low, high = (d.nominal_seconds / 60 for d in staffing.handover)
    reported: set[tuple[str, str]] = set()
    for team in dict.fromkeys(s.team for s in staffing.shifts):
        found = _instances([s for s in staffing.shifts if s.team == team])
        for index, (start, end, shift) in enumerate(found):
            later = [i for i in found[index + 1 :] + [(s + WEEK, e + WEEK, x) for s, e, x in found] if i[0] > start]
            if not later:
                continue
            next_start, _, following = later[0]
            overlap = end - next_start
            if low <= overlap <= high or (shift.name, following.name) in reported:
                continue
            reported.add((shift.name, following.name))
            if overlap < 0:
                what = f"{following.name} starts {hours(-overlap)} after {shift.name} ends ({clock(end)}): no hand-over"
            else:
                what = f"{shift.name} and {following.name} overlap {hours(overlap)} (from {clock(next_start)})"
            band = hours(int(low)) + (f"-{hours(int(high))}" if high != low else "")
            yield ctx.finding(
                shift.loc,
                f"{what}, but the hand-over is {band}",
                f"move {shift.name}'s end or {following.name}'s start so they overlap by {band}",
                [(following.loc, f"shift {following.name}")],
            )
