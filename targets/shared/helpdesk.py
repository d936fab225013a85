"""Pieces the Zendesk and Freshdesk renderers share: schedules, escalation texts, names."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from compiler.plan.helpdesk import hourly_window
from compiler.plan.plan import Plan, PolicyPlan, PriorityPlan, Step
from playbook.model import Calendar, Playbook
from playbook.policyview import used_calendars
from playbook.units import duration_text
from targets.shared import timezones

REFERENCE_YEARS = (2026, 2027)  # for time-zone offsets when a calendar names no years or dated holidays
WHEN_WORDS = {"unacknowledged": "acknowledged", "unmitigated": "mitigated", "unresolved": "resolved"}
MITIGATED_TAG = "pb_mitigated"


MAX_SLUG = 80  # file names are built from slugs; most file systems stop at 255 bytes


def slug(text: str) -> str:
    """Lower-case words joined by '-'; a long one is cut and keeps a digest of the rest, so names stay unique."""
    found = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
    if len(found) <= MAX_SLUG:
        return found
    digest = hashlib.sha256(found.encode()).hexdigest()[:12]
    return f"{found[: MAX_SLUG - 13].rstrip('-')}-{digest}"


def tag(*parts: str) -> str:
    """A help-desk tag: lower case, no spaces (both products split tags on spaces)."""
    return "_".join(re.sub(r"[^a-z0-9]+", "_", p.lower()).strip("_") for p in parts)


def step_tag(step: Step) -> str:
    return tag("pb", "esc", step.priority, str(step.order))


def node_name(book: Playbook, node: str) -> str:
    entity = book.node(node)
    return entity.name if entity is not None and entity.name else node


@dataclass
class WeeklySchedule:
    """A calendar as one weekly schedule in one Rails-named time zone."""

    calendar: Calendar
    zone: str  # Rails name
    intervals: list[tuple[int, int]]
    holidays: list[tuple[dt.date, str]]  # closed dates and their names, by date
    notes: list[str] = field(default_factory=list)


def _years(calendar: Calendar) -> tuple[int, int]:
    if calendar.years:
        return calendar.years
    years = sorted(h.date.year for h in calendar.holidays if h.date)
    return (years[0], years[-1]) if years else REFERENCE_YEARS


def weekly_schedule(calendar: Calendar) -> WeeklySchedule:
    """The calendar's hours in its own zone (or the nearest one the products can name).

    Follow-the-sun regions in other zones are moved into the calendar's zone;
    where daylight-saving changes move a hand-over, the schedule takes every
    position it can have (the union), so business-hour clocks never stop
    while a region is open.
    """
    moments = timezones.sample_days(_years(calendar))
    zone, stands_for = timezones.rails_zone(calendar.timezone, moments)
    home = stands_for or "UTC"
    notes: list[str] = []
    if stands_for is None:
        notes.append(f"{calendar.timezone} has no Rails time-zone name: the hours were moved to UTC")
    elif stands_for != calendar.timezone:
        notes.append(f"{calendar.timezone} has no Rails time-zone name: {zone!r} ({stands_for}) keeps the same offsets")
    windows, moves = [], []
    for tz, window in calendar.all_windows():
        shift = [0] if tz == home else timezones.shifts(tz, home, moments)
        if len(shift) > 1:
            hours = " or ".join(duration_text(abs(s) * 60) for s in shift)
            notes.append(
                f"{tz} hours move against {home} through the year ({hours} apart): the schedule is open whenever "
                "either alignment is, so business-hour targets never pause while a region is open"
            )
        windows.append((window.day, window.start, window.end))
        moves.append(shift)
    intervals = timezones.week_intervals(windows, moves)
    closed = holiday_dates(calendar, notes)
    return WeeklySchedule(calendar, zone, intervals, closed, sorted(set(notes), key=notes.index))


def holiday_dates(calendar: Calendar, notes: list[str]) -> list[tuple[dt.date, str]]:
    """Dated holidays plus the named public holidays of countries, expanded for the calendar's years."""
    found: dict[dt.date, str] = {}
    for holiday in calendar.holidays:
        if holiday.date is not None:
            found.setdefault(holiday.date, holiday.name or f"Holiday {holiday.date.isoformat()}")
    named = [h for h in calendar.holidays if h.country]
    if named:
        from playbook.publicholidays import holiday_names  # imported only for calendars with named holidays

        first, last = calendar.years or REFERENCE_YEARS
        if calendar.years is None:
            notes.append(f"public holidays are listed for {first}-{last}: the calendar names no 'years'")
        for holiday in named:
            for day, name in holiday_names(holiday.country, holiday.subdivision, first, last):
                found.setdefault(day, name)
    return sorted(found.items())


def carried_priorities(
    plan_priorities: list[PriorityPlan], levels: dict[str, Any], owners: dict[Any, str]
) -> list[tuple[PriorityPlan, Any]]:
    """(priority plan, level) for each priority that owns its product level, most urgent first.

    Two priorities on one level (PB506) cannot both be configured: the level's owner is.
    """
    found = []
    for prio in plan_priorities:
        level = levels.get(prio.id)
        if level is not None and owners.get(level) == prio.id:
            found.append((prio, level))
    return found


def schedule_calendars(plan: Plan) -> list[Calendar]:
    """Every calendar a help desk needs a schedule for: the priorities' (business_calendars) and the SLA
    policies' (each calendar a policy with business-hours targets can pick), in first-use order."""
    found = business_calendars(plan.priorities)
    for policy_plan in plan.policies:
        if not policy_business(plan, policy_plan):
            continue
        for calendar in policy_plan.calendars:
            if not calendar.always and calendar not in found:
                found.append(calendar)
    return found


def policy_business(plan: Plan, policy_plan: PolicyPlan) -> bool:
    """Whether some target of the SLA policy counts business hours."""
    return any(
        cell.clock == "business"
        for prio in plan.priorities
        for cell in prio.policies.get(policy_plan.id, {}).values()
        if cell.metric != "answer"
    )


def unused_calendars(book: Playbook) -> list[str]:
    """Declared calendars nothing names (PB245): no schedule is made for them."""
    used = used_calendars(book)
    return [cid for cid in book.calendars if cid not in used]


def business_calendars(plan_priorities: list[PriorityPlan]) -> list[Calendar]:
    """Calendars some SLA target or escalation step counts business hours on, in first-use order."""
    found: list[Calendar] = []
    for prio in plan_priorities:
        cal = prio.calendar
        if cal is None or cal.always or cal in found:
            continue
        # With SLA policies, targets count on the policies' calendars (schedule_calendars), not the priority's.
        cells = [] if prio.policies else [cell for cells in prio.sla.values() for cell in cells.values()]
        if any(step.clock == "business" for step in prio.steps) or any(cell.clock == "business" for cell in cells):
            found.append(cal)
    return found


@dataclass(frozen=True)
class Texts:
    """A product's own placeholders for the ticket in notification texts."""

    ticket_id: str
    title: str
    link: str


def escalation_texts(book: Playbook, prio: PriorityPlan, step: Step, texts: Texts) -> tuple[str, str]:
    """Subject and body of the notification an escalation step sends."""
    when = WHEN_WORDS.get(step.edge.when, "resolved")
    clock = " business" if step.clock == "business" else ""
    subject = f"[{prio.id} escalation] {texts.title} (#{texts.ticket_id})"
    lines = [
        f"Ticket #{texts.ticket_id} ({prio.id}: {prio.priority.title}) is not {when} "
        f"{duration_text(step.offset)}{clock} after it was opened.",
        f"Escalation step {step.order} of the playbook: {node_name(book, step.source)} -> "
        f"{node_name(book, step.target)} ({step.edge.kind}).",
    ]
    if step.edge.note:
        lines.append(step.edge.note)
    lines.append(texts.link)
    return subject, "\n\n".join(lines)


def rounding_note(prio: PriorityPlan, step: Step, product: str) -> str | None:
    """How an hourly rule's timing differs from a step due off the hour, or None when it is due on one."""
    hours, early, late = hourly_window(step.offset)
    if early <= 0.5:
        return None
    clock = " business" if step.clock == "business" else ""
    return (
        f"{prio.id} step {step.order} ({step.source} -> {step.target}) is due {duration_text(step.offset)}{clock} "
        f"after the ticket opens; {product} time rules run once an hour on whole hours, so it fires at the first "
        f"hourly run after {hours}h: between {hours}h and {hours + 1}h{clock} after the ticket opens, up to "
        f"{duration_text(early)} before or {duration_text(late)} after the step is due"
    )


def local_week(calendar: Calendar) -> tuple[list[tuple[int, int]], list[str]]:
    """The calendar's open hours as minutes-of-week intervals (Sunday 00:00 = 0) in its own IANA zone.

    For products that name IANA zones (Salesforce, Intercom). Follow-the-sun regions
    in other zones are moved into the calendar's zone; where daylight saving moves a
    hand-over, every position is kept open (the union), as `weekly_schedule` does.
    """
    moments = timezones.sample_days(_years(calendar))
    notes: list[str] = []
    windows, moves = [], []
    for tz, window in calendar.all_windows():
        shift = [0] if tz == calendar.timezone else timezones.shifts(tz, calendar.timezone, moments)
        if len(shift) > 1:
            hours = " or ".join(duration_text(abs(s) * 60) for s in shift)
            notes.append(
                f"{tz} hours move against {calendar.timezone} through the year ({hours} apart): the hours are "
                "open whenever either alignment is, so business-hour targets never pause while a region is open"
            )
        windows.append((window.day, window.start, window.end))
        moves.append(shift)
    return timezones.week_intervals(windows, moves), sorted(set(notes), key=notes.index)
