"""A more urgent priority must not have a slower target than a less urgent one.

Why: priorities are listed highest first. If P1 must be acknowledged within 1h
but P2 within 15m, agents will (rightly) work P2 tickets first, and every
report comparing priorities is upside down. Compared per SLA metric and channel,
in seconds on each priority's own clock. When the two targets count on
different clocks (a 24/7 priority against an office-hours one), a number of
hours is not comparable with a number of business hours: the deadlines are
then compared for every opening time of an ordinary week (a 15-minute grid and
each opening and closing of the calendars), and the pair is reported only when
the more urgent priority's deadline is later whenever the ticket opens.

Bad:
    sla:
      P1: {acknowledge: 1h}
      P2: {acknowledge: 15m}

Good:
    sla:
      P1: {acknowledge: 15m}
      P2: {acknowledge: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import WEEK, monday_of, weekly_pattern
from compiler.time.timing import later
from playbook.findings import Finding
from playbook.model import SLA_METRICS, Playbook, Priority, SlaTarget

CODE = "PB210"
NAME = "priority-order-inverted"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which of the two targets is wrong is the team's decision"
PER_POLICY = True


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    order = [p for p in book.priorities if p in book.sla]
    channels = [None, *book.channels]
    for higher, lower in zip(order, order[1:], strict=False):
        for metric in SLA_METRICS:
            for channel in channels:
                fast = book.sla_seconds(higher, metric, channel)
                slow = book.sla_seconds(lower, metric, channel)
                if fast is None or slow is None or fast <= slow:
                    continue
                high_target = book.sla[higher].target(metric, channel)
                low_target = book.sla[lower].target(metric, channel)
                if channel is not None and high_target is book.sla[higher].target(metric):
                    if low_target is book.sla[lower].target(metric):
                        continue  # same pair as the channel-less comparison; report once
                high, low = _Side(book, higher, high_target, fast), _Side(book, lower, low_target, slow)
                if not _always_later(book, ctx, high, low):
                    continue
                where = f" on {channel}" if channel else ""
                clocks = f" ({high.clock} hours)" if high.clock_key != low.clock_key else ""
                yield ctx.finding(
                    high_target.loc,
                    f"{higher} {metric}{where} is {high_target.duration}{clocks}, slower than {lower}'s "
                    f"{low_target.duration}" + (f" ({low.clock} hours) whenever a ticket opens" if clocks else ""),
                    f"make {higher}'s target at most {lower}'s ({low_target.duration}), or swap the two targets",
                    [(low_target.loc, f"{lower} {metric}{where}")],
                )


class _Side:
    """One priority's target: its clock, and the calendar that clock counts on."""

    def __init__(self, book: Playbook, pid: str, target: SlaTarget, seconds: float) -> None:
        priority: Priority = book.priorities[pid]
        calendar = book.calendar_of(priority)
        self.seconds = seconds
        self.clock = book.clock_of(priority, target)
        if calendar is None or calendar.always:
            self.clock = "calendar"
        self.calendar = calendar if self.clock == "business" else None
        self.clock_key = (self.clock, self.calendar.id if self.calendar else None)

    def due(self, opened: float) -> float:
        hours = weekly_pattern(self.calendar) if self.calendar is not None else None
        found = later(hours, opened, self.seconds, self.clock)
        return float("inf") if found is None else found


def _always_later(book: Playbook, ctx: Context, high: _Side, low: _Side) -> bool:
    """Whether the more urgent side's deadline is later than the other's whenever a ticket opens.

    Same clock and calendar: the seconds say it. A business-hours target takes at
    least its seconds of wall time, so one longer than a calendar-hours target is
    always later. Otherwise every opening time of an ordinary week is tried.
    """
    if high.clock_key == low.clock_key or (high.clock == "business" and low.clock == "calendar"):
        return True
    start = monday_of(ctx.today, book.timezone)
    candidates = {start + minute * 60.0 for minute in range(0, 7 * 1440, 15)}
    for side in (high, low):
        if side.calendar is not None:
            for lo, hi in weekly_pattern(side.calendar).intervals(start, start + WEEK):
                candidates.update((lo - 60, lo, lo + 60, hi - 60, hi, hi + 60))
    return all(high.due(opened) > low.due(opened) for opened in sorted(candidates))
