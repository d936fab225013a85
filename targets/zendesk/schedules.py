"""Business-hours schedules: the workweek in minutes of the week, holidays as their own objects."""

from __future__ import annotations

import datetime as dt

from targets.shared.helpdesk import WeeklySchedule, schedule_calendars, slug, unused_calendars, weekly_schedule
from targets.shared.payloads import Ref
from targets.zendesk.context import Context

# Zendesk accepts holidays from two years before to two years after the day they are sent.
WINDOW_YEARS = 2


def schedule_ref(calendar_id: str) -> Ref:
    return Ref("schedule", calendar_id)


def emit(ctx: Context) -> None:
    for calendar in schedule_calendars(ctx.plan):
        emit_schedule(ctx, weekly_schedule(calendar))
    for cid in unused_calendars(ctx.book):
        ctx.bundle.note(
            "omitted", f"calendar {cid}", f"calendar {cid} is declared but nothing uses it, so no schedule (PB245)"
        )


def emit_schedule(ctx: Context, schedule: WeeklySchedule) -> None:
    cid = schedule.calendar.id
    ref = schedule_ref(cid)
    body = {"schedule": {"name": f"{ctx.book.name}: {cid}", "time_zone": schedule.zone}}
    ctx.bundle.add(
        "schedule",
        f"schedules/{slug(cid)}.json",
        "POST",
        "/api/v2/business_hours/schedules",
        body,
        f"Schedule {cid}",
        ref.integer(),
    )
    intervals = [{"start_time": start, "end_time": end} for start, end in schedule.intervals]
    ctx.bundle.add(
        "workweek",
        f"schedules/{slug(cid)}--workweek.json",
        "PUT",
        f"/api/v2/business_hours/schedules/{ref.text}/workweek",
        {"workweek": {"intervals": intervals}},
        f"Schedule {cid}: weekly hours",
    )
    for note in schedule.notes:
        ctx.bundle.note("approximated", f"calendar {cid}", note)
    for first, last, name in _runs(_within_window(ctx, cid, schedule.holidays)):
        day, end = first.isoformat(), last.isoformat()
        body = {"holiday": {"name": name, "start_date": day, "end_date": end}}
        ctx.bundle.add(
            "holiday",
            f"schedules/{slug(cid)}--holiday-{day}.json",
            "POST",
            f"/api/v2/business_hours/schedules/{ref.text}/holidays",
            body,
            f"Schedule {cid}: holiday {day}" + (f" to {end}" if end != day else ""),
        )


def _runs(holidays: list[tuple[dt.date, str]]) -> list[tuple[dt.date, dt.date, str]]:
    """Consecutive days with one name as one holiday (first day, last day, name), as Zendesk holds them:
    a holiday has a start and an end date, and one made by hand for 24-26 December is one object."""
    runs: list[tuple[dt.date, dt.date, str]] = []
    for date, name in holidays:
        if runs and runs[-1][2] == name and runs[-1][1] + dt.timedelta(days=1) == date:
            runs[-1] = (runs[-1][0], date, name)
        else:
            runs.append((date, date, name))
    return runs


def _within_window(ctx: Context, cid: str, holidays: list[tuple[dt.date, str]]) -> list[tuple[dt.date, str]]:
    """Holidays that can all be sent on one day; the oldest go when they span more than the window allows."""
    if not holidays:
        return []
    last = holidays[-1][0]
    earliest = _years_before(last, 2 * WINDOW_YEARS)
    kept = [(date, name) for date, name in holidays if date >= earliest]
    for dropped, _ in holidays[: len(holidays) - len(kept)]:
        ctx.bundle.note(
            "omitted",
            f"calendar {cid}",
            f"holiday {dropped} is more than {2 * WINDOW_YEARS} years before {last}; Zendesk only accepts "
            f"holidays within {WINDOW_YEARS} years of the day they are sent, so it was left out",
        )
    first = kept[0][0]
    ctx.bundle.note(
        "window",
        f"calendar {cid}",
        f"Zendesk accepts holidays dated within {WINDOW_YEARS} years of the day they are sent: apply these "
        f"between {_years_before(last, WINDOW_YEARS)} and {_years_before(first, -WINDOW_YEARS)}",
    )
    return kept


def _years_before(day: dt.date, years: int) -> dt.date:
    year = min(max(day.year - years, dt.MINYEAR), dt.MAXYEAR)  # a window past 9999 ends there
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)
