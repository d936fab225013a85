"""A minimum-staffing window must lie within the hours of the team (or channel) it staffs.

Why: `coverage: [{days: daily, hours: "08:00-18:00", min: 2, team: coordinators}]`
promises two coordinators from eight to six every day; if the coordinators'
calendar is Monday to Friday 09:00-17:30, the rota and the calendar disagree:
either the weekend and the early and late hours are not staffed, or the
calendar every SLA and escalation counts on is wrong. A row naming a `team`
is compared with the team's `calendar`; one naming a `channel` with the
channel's `calendar`. Coverage hours are in the playbook's `timezone`;
holidays are not counted (an ordinary week is compared).

Bad:
    timezone: America/Chicago
    calendars:
      office: {weekly: {mon-fri: "09:00-17:30"}}
    teams:
      coordinators: {name: Coordinators, email: coord@acme-support.com, calendar: office}
    staffing:
      coverage:
        - {days: daily, hours: "08:00-18:00", min: 2, team: coordinators}

Good:
    timezone: America/Chicago
    calendars:
      office: {weekly: {mon-fri: "09:00-17:30"}}
    teams:
      coordinators: {name: Coordinators, email: coord@acme-support.com, calendar: office}
    staffing:
      coverage:
        - {days: mon-fri, hours: "09:00-17:30", min: 2, team: coordinators}
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import weekly_pattern
from compiler.time.businesstime import localize
from playbook.findings import Finding, Location
from playbook.model import Calendar, Coverage, Playbook

CODE = "PB405"
NAME = "coverage-outside-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the coverage or the calendar is wrong is the team's knowledge"

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.staffing is None:
        return
    for cover in book.staffing.coverage:
        for what, calendar, where in _hours_of(book, cover):
            gaps, seconds = _outside(book.timezone, calendar, cover, ctx.today)
            if not gaps:
                continue
            yield ctx.finding(
                cover.loc,
                f"coverage asks for at least {cover.min} on {what} {_days(cover.days)} {_clock(cover.start)}-"
                f"{_clock(cover.end)}, but {what} works only during '{calendar.id}' hours: outside them "
                f"{gaps} ({_length(seconds)} a week)",
                f"keep the coverage within '{calendar.id}' hours, or give {what} the calendar it really works",
                [(where, f"{what}'s hours: '{calendar.id}'")],
            )


def _hours_of(book: Playbook, cover: Coverage) -> Iterator[tuple[str, Calendar, Location]]:
    """(who, their calendar, where it is set) for the team and channel a row staffs."""
    team = book.teams.get(cover.team) if cover.team else None
    if team is not None and team.calendar in book.calendars:
        yield f"team {team.id}", book.calendars[team.calendar], team.where("calendar")
    channel = book.channels.get(cover.channel) if cover.channel else None
    if channel is not None and channel.calendar in book.calendars:
        yield f"channel {channel.id}", book.calendars[channel.calendar], channel.where("calendar")


def _outside(zone: str, calendar: Calendar, cover: Coverage, today: dt.date) -> tuple[str, float]:
    """The coverage's times outside the calendar in the week of `today`, as text, and their length."""
    if calendar.always:
        return "", 0.0
    pattern = weekly_pattern(calendar)
    local = zoneinfo.ZoneInfo(zone)
    monday = today - dt.timedelta(days=today.weekday())
    by_day: dict[int, list[str]] = {}
    total = 0.0
    for day in sorted(set(cover.days)):
        begin = dt.datetime.combine(monday + dt.timedelta(days=day), dt.time()) + dt.timedelta(minutes=cover.start)
        finish = begin + dt.timedelta(minutes=cover.end - cover.start)
        lo, hi = localize(begin, zone).timestamp(), localize(finish, zone).timestamp()
        cursor = lo
        for start, end in [*pattern.intervals(lo, hi), (hi, hi)]:
            if start > cursor:
                total += start - cursor
                first = dt.datetime.fromtimestamp(cursor, local).strftime("%H:%M")
                last = dt.datetime.fromtimestamp(start, local).strftime("%H:%M")
                by_day.setdefault(day, []).append(f"{first}-{last}")
            cursor = max(cursor, end)
    grouped: dict[tuple[str, ...], list[int]] = {}
    for day, spans in by_day.items():
        grouped.setdefault(tuple(spans), []).append(day)
    text = "; ".join(f"{_days(days)} {' and '.join(spans)}" for spans, days in grouped.items())
    return text, total


def _length(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h" + (f"{minutes % 60}m" if minutes % 60 else "")


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _days(days: list[int]) -> str:
    """'daily', 'Mon-Fri', 'Sat-Sun' or 'Mon, Wed' for a set of weekdays (0 = Monday)."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "daily"
    runs: list[list[int]] = []
    for day in chosen:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(DAYS[r[0]] if len(r) == 1 else f"{DAYS[r[0]]}-{DAYS[r[-1]]}" for r in runs)
