"""Business-hours windows must be non-empty, in order, shorter than a day and not overlap.

Why: `09:00-09:00` opens nothing; `17:00-09:00` was meant as an overnight
shift (`17:00-09:00+1`) but counts as no time at all; two windows that overlap
on one day (`mon-fri: 09:00-17:00` and `fri: 12:00-20:00`) make business-time
deadlines depend on how each tool resolves the overlap. Checked per weekday,
for the calendar's own hours and within each follow-the-sun region (regions may
overlap each other: that is the hand-over). A `+1` window that runs into the
next day is checked against that day's windows too.

Bad:
    calendars:
      office:
        weekly: {mon-fri: "09:00-17:00", fri: "12:00-20:00", sat: "17:00-09:00"}

Good:
    calendars:
      office:
        weekly: {mon-thu: "09:00-17:00", fri: "09:00-20:00", sat: "17:00-09:00+1"}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding, Location
from playbook.model import Playbook, Window
from playbook.units import DAYS

CODE = "PB240"
NAME = "business-hours-invalid"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows which hours were meant"

WEEK = 7 * 1440


def _shape_problem(window: Window) -> tuple[str, str] | None:
    if window.end == window.start:
        return "is empty: it starts and ends at the same time", "write the real closing time, or remove the window"
    if window.end < window.start:
        return (
            "ends before it starts",
            "for hours that run past midnight add '+1' (e.g. '22:00-06:00+1'); otherwise swap the times",
        )
    if window.end - window.start > 1440:
        return "is longer than a day", "a window covers at most 24 hours; use '24/7' or several days instead"
    return None


def _days(days: set[int]) -> str:
    return ", ".join(DAYS[d] for d in sorted(days))


def _order(loc: Location) -> tuple[str, int, int]:
    return (loc.path, loc.line, loc.column)


def _overlaps(windows: list[Window]) -> Iterator[tuple[Location, Location, set[int]]]:
    """(later location, earlier location, days) for each pair of written windows that overlap.

    Windows become minute-of-week spans; each also gets a copy one week earlier
    so that a Sunday window running past midnight meets Monday's windows.
    """
    spans: list[tuple[int, int, bool, Window]] = []
    for w in windows:
        start = w.day * 1440 + w.start
        spans.append((start, start + w.end - w.start, False, w))
        spans.append((start - WEEK, start - WEEK + w.end - w.start, True, w))
    spans.sort(key=lambda s: s[0])
    pairs: dict[tuple[Location, Location], set[int]] = defaultdict(set)
    for index, (start, end, shifted, window) in enumerate(spans):
        for other_start, _, other_shifted, other in spans[index + 1 :]:
            if other_start >= end:
                break
            if (shifted and other_shifted) or other is window:
                continue
            first, second = sorted((window.loc, other.loc), key=_order)
            pairs[(second, first)].add(max(start, other_start) // 1440 % 7)
    for (later, earlier), days in sorted(pairs.items(), key=lambda item: _order(item[0][0])):
        yield later, earlier, days


def _groups(book: Playbook) -> Iterator[tuple[str, list[Window]]]:
    for calendar in book.calendars.values():
        yield f"calendar {calendar.id!r}", calendar.windows
        for region in calendar.regions:
            yield f"region {region.name!r} of calendar {calendar.id!r}", region.windows


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for owner, windows in _groups(book):
        valid: list[Window] = []
        reported: set[Location] = set()
        for window in windows:
            problem = _shape_problem(window)
            if problem is None:
                valid.append(window)
            elif window.loc not in reported:
                reported.add(window.loc)
                yield ctx.finding(window.loc, f"this window of {owner} {problem[0]}", problem[1])
        for later, earlier, days in _overlaps(valid):
            yield ctx.finding(
                later,
                f"this window of {owner} overlaps another on {_days(days)}",
                "make the windows of one day follow each other without overlapping",
                [(earlier, "the other window")],
            )
