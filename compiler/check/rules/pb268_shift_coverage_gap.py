"""The shift model must staff every hour its teams' calendars are open, and every coverage minimum.

Why: a 3x8 rota whose night shift ends at 06:00 while the early shift starts
at 06:30 leaves half an hour a day with nobody on, although the team's
calendar (and every SLA counted on it) says the desk is open; a minimum of
two coordinators from 08:00 to 18:00 is a promise only if the shifts put two
people there. Checked on an ordinary week, in the playbook's time zone: each
team a shift names must be on shift whenever its `calendar` is open, and each
`staffing.coverage` row must have at least `min` people on the shifts of its
team (shifts without a team count for every team).

Bad:
    calendars:
      always: 24/7
    teams:
      desk: {name: Desk, email: desk@acme-support.com, calendar: always}
    staffing:
      shifts:
        - {name: day, days: daily, hours: "06:00-18:00", staff: 3, team: desk}
        - {name: night, days: daily, hours: "18:30-06:00+1", staff: 2, team: desk}

Good:
    calendars:
      always: 24/7
    teams:
      desk: {name: Desk, email: desk@acme-support.com, calendar: always}
    staffing:
      shifts:
        - {name: day, days: daily, hours: "06:00-18:30", staff: 3, team: desk}
        - {name: night, days: daily, hours: "18:00-06:30+1", staff: 2, team: desk}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._shifts import WEEK, clock, hours, open_minutes, spans, staffed
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.operations import Shift

CODE = "PB268"
NAME = "shift-coverage-gap"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "how the rota changes is the team's decision"


def _of_team(shifts: list[Shift], team: str | None) -> list[Shift]:
    return [s for s in shifts if team is None or s.team in (team, None)]


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    staffing = book.staffing
    if staffing is None or not staffing.shifts:
        return
    shifts = staffing.shifts
    for team_id in dict.fromkeys(s.team for s in shifts if s.team):
        team = book.teams[team_id]
        calendar = book.calendars.get(team.calendar or "")
        if calendar is None:
            continue
        on = staffed(_of_team(shifts, team_id))
        is_open = open_minutes(book, calendar)
        gaps = spans([m for m in range(WEEK) if is_open[m] and not on[m]])
        if gaps:
            first = gaps[0]
            total = sum(end - start for start, end in gaps)
            yield ctx.finding(
                next(s.loc for s in shifts if s.team == team_id),
                f"no shift staffs {team.name} from {clock(first[0])} to {clock(first[1])}"
                f"{f' (and {len(gaps) - 1} more gaps)' if len(gaps) > 1 else ''}, while its calendar "
                f"{calendar.id} is open: {hours(total)} a week uncovered",
                "extend or add a shift so the shifts overlap through the calendar's opening hours",
                [(calendar.loc, f"calendar {calendar.id}")],
            )
    for row in staffing.coverage:
        on = staffed(_of_team(shifts, row.team))
        short = []
        for day in row.days:
            for minute in range(day * 1440 + row.start, day * 1440 + row.end):
                if on[minute % WEEK] < row.min:
                    short.append(minute % WEEK)
        if not short:
            continue
        first = spans(short)[0]
        fewest = min(on[m] for m in short)
        who = book.teams[row.team].name if row.team else "the shifts"
        yield ctx.finding(
            row.loc,
            f"{who} need at least {row.min} people here, but the shifts put {fewest} on from {clock(first[0])} "
            f"to {clock(first[1])}",
            "add staff to the shifts that cover these hours, or lower the minimum",
        )
