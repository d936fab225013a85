"""What changed between two versions of a playbook, in the terms a reviewer cares about.

Not a line diff: SLA targets compared in seconds on each priority's own clock
(tightened or loosened, with the old and new value), priorities added or
removed, escalation steps added, removed or moved (from the compiled plan, so
`after` is read with its priority's clock), contacts added, removed or
renumbered, calendars' hours, time zones and holidays, and (in `oncall`) who
is paged, the rotas behind the ladder and where alerts go. Changes that weaken
the service (a slower or removed target, a removed or later escalation step, a
priority that stops paging) are flagged.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

from compiler.diff import oncall, policies
from compiler.diff.kinds import Change, Diff
from compiler.plan.plan import Step, build_plan
from playbook.model import SLA_METRICS, Calendar, Contact, Playbook, Priority, SlaTarget
from playbook.units import format_clock, format_on_clock, format_seconds

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def compare(base: Playbook, head: Playbook, base_label: str = "base", head_label: str = "head") -> Diff:
    """Every reviewer-relevant change from `base` to `head` (both checked: no reference errors)."""
    changes = [
        *_priorities(base, head),
        *_sla(base, head),
        *_escalation(base, head),
        *_contacts(base, head),
        *_calendars(base, head),
        *oncall.changes(base, head),
        *policies.changes(base, head),
    ]
    return Diff(base_label, head_label, changes)


# Priorities ------------------------------------------------------------------------------------------------


def _priorities(base: Playbook, head: Playbook) -> Iterator[Change]:
    for pid, priority in base.priorities.items():
        if pid not in head.priorities:
            yield Change("priorities", pid, "removed", old=priority.title)
    before_order, after_order = _common_order(base, head), _common_order(head, base)
    for pid, priority in head.priorities.items():
        old = base.priorities.get(pid)
        if old is None:
            yield Change("priorities", pid, "added", new=priority.title)
            continue
        if before_order[pid] != after_order[pid]:
            # Only a change in the order of the priorities both versions have: inserting P0 moves nothing.
            detail = "most urgent first, among the priorities in both versions"
            yield Change("priorities", f"{pid} rank", "changed", str(before_order[pid]), str(after_order[pid]), detail)
        before, after = _clock_text(base, old), _clock_text(head, priority)
        if before != after:
            yield Change("priorities", f"{pid} clock", "changed", before, after, "SLA durations count on this clock")


def _common_order(book: Playbook, other: Playbook) -> dict[str, int]:
    common = [pid for pid in book.priorities if pid in other.priorities]
    return {pid: rank for rank, pid in enumerate(common, start=1)}


def _clock_text(book: Playbook, priority: Priority) -> str:
    calendar = priority.calendar or "no calendar"
    return f"{calendar} ({book.clock_of(priority)} hours)"


# SLA targets -----------------------------------------------------------------------------------------------


def _sla(base: Playbook, head: Playbook) -> Iterator[Change]:
    for pid in head.priorities:
        if pid not in base.priorities:
            continue
        old, new = _targets(base, pid), _targets(head, pid)
        for key in _ordered_keys(old, new):
            channel, metric = key
            subject = f"{pid} {metric}" + (f" ({channel})" if channel else "")
            change = _sla_change(subject, base, pid, old.get(key), head, new.get(key))
            if change is not None:
                yield change


def _targets(book: Playbook, pid: str) -> dict[tuple[str, str], SlaTarget]:
    sla = book.sla.get(pid)
    if sla is None:
        return {}
    found = {("", metric): target for metric, target in sla.targets.items()}
    for channel, targets in sla.channels.items():
        found.update({(channel, metric): target for metric, target in targets.items()})
    return found


def _ordered_keys(*tables: dict[tuple[str, str], SlaTarget]) -> list[tuple[str, str]]:
    keys = {key for table in tables for key in table}
    return sorted(keys, key=lambda k: (k[0], SLA_METRICS.index(k[1]) if k[1] in SLA_METRICS else 99, k[1]))


def _sla_change(
    subject: str, base: Playbook, pid: str, old: SlaTarget | None, head: Playbook, new: SlaTarget | None
) -> Change | None:
    if old is None and new is None:
        return None
    if old is None:
        return Change("sla", subject, "added", new=_target_text(head, pid, new))
    if new is None:
        return Change("sla", subject, "removed", old=_target_text(base, pid, old), detail="no target", flagged=True)
    before, old_clock = _seconds(base, pid, old)
    after, new_clock = _seconds(head, pid, new)
    if _basis(base, pid, old_clock) != _basis(head, pid, new_clock):
        return _across_clocks(subject, base, pid, old, head, new)
    if abs(before - after) < 1:
        return None
    delta = f"{'+' if after > before else '-'}{format_on_clock(abs(after - before), new_clock)} of {new_clock} time"
    action = "loosened" if after > before else "tightened"
    old_text, new_text = _value(base, pid, old), _value(head, pid, new)
    return Change("sla", subject, action, old_text, new_text, delta, after > before)


def _basis(book: Playbook, pid: str, clock: str) -> tuple[str, str | None]:
    """Seconds compare directly only on the same clock: calendar time, or one calendar's business hours."""
    return (clock, book.priorities[pid].calendar if clock == "business" else None)


def _across_clocks(subject: str, base: Playbook, pid: str, old: SlaTarget, head: Playbook, new: SlaTarget) -> Change:
    # Business and calendar seconds do not compare; compare the average wall-clock time instead.
    before, after = _elapsed(base, pid, old), _elapsed(head, pid, new)
    old_text, new_text = _target_text(base, pid, old), _target_text(head, pid, new)
    if before is None or after is None or abs(before - after) < 1:
        return Change("sla", subject, "changed", old_text, new_text, "on another clock")
    minutes = round(abs(after - before) / 60) * 60
    delta = f"about {'+' if after > before else '-'}{format_seconds(minutes)} of wall-clock time on average"
    action = "loosened" if after > before else "tightened"
    return Change("sla", subject, action, old_text, new_text, delta, after > before)


def _seconds(book: Playbook, pid: str, target: SlaTarget) -> tuple[float, str]:
    priority = book.priorities[pid]
    return book.seconds(target.duration, priority, target.hours), book.clock_of(priority, target)


def _elapsed(book: Playbook, pid: str, target: SlaTarget) -> float | None:
    seconds, clock = _seconds(book, pid, target)
    if clock == "calendar":
        return seconds
    calendar = book.calendar_of(book.priorities[pid])
    weekly = calendar.weekly_seconds() if calendar else 0.0
    return seconds * 7 * 86400 / weekly if weekly else None


def _target_text(book: Playbook, pid: str, target: SlaTarget | None) -> str:
    if target is None:
        return ""
    return f"{_value(book, pid, target)} ({_seconds(book, pid, target)[1]} hours)"


def _value(book: Playbook, pid: str, target: SlaTarget) -> str:
    """The target as written; a day on a business clock also shows its hours (the calendar's open day)."""
    seconds, clock = _seconds(book, pid, target)
    if clock == "business" and target.duration.is_days:
        return f"{target.duration.text} = {format_on_clock(seconds, clock)}"
    return target.duration.text


# Escalation ------------------------------------------------------------------------------------------------


def _escalation(base: Playbook, head: Playbook) -> Iterator[Change]:
    base_plan, head_plan = build_plan(base), build_plan(head)
    for plan in head_plan.priorities:
        if plan.id not in base.priorities:
            continue
        old, new = _steps(base_plan.priority(plan.id).steps), _steps(plan.steps)
        for key in [k for k in old if k not in new]:
            step = old[key]
            yield Change("escalation", _step_subject(step), "removed", old=_step_text(step), flagged=True)
        for key, step in new.items():
            before = old.get(key)
            if before is None:
                yield Change("escalation", _step_subject(step), "added", new=_step_text(step))
            elif abs(before.offset - step.offset) >= 1 or abs(before.after - step.after) >= 1:
                later = step.offset > before.offset or (step.offset == before.offset and step.after > before.after)
                action = "loosened" if later else "tightened"
                detail = "escalates later" if later else "escalates sooner"
                yield Change(
                    "escalation", _step_subject(step), action, _step_text(before), _step_text(step), detail, later
                )


def _steps(steps: list[Step]) -> dict[tuple[str, str], Step]:
    found: dict[tuple[str, str], Step] = {}
    for step in steps:  # in firing order: the earliest of parallel edges stands for the pair
        found.setdefault((step.source, step.target), step)
    return found


def _step_subject(step: Step) -> str:
    return f"{step.priority}: {step.source} -> {step.target}"


def _step_text(step: Step) -> str:
    after = step.edge.after.text if step.edge.after else "0m"
    return f"after {after}, at {format_on_clock(step.offset, step.clock)} ({step.clock} hours)"


# Contacts --------------------------------------------------------------------------------------------------


def _contacts(base: Playbook, head: Playbook) -> Iterator[Change]:
    for cid, contact in base.contacts.items():
        if cid not in head.contacts:
            yield Change("contacts", cid, "removed", old=contact.name)
    for cid, contact in head.contacts.items():
        old = base.contacts.get(cid)
        if old is None:
            yield Change("contacts", cid, "added", new=_reach(contact) or contact.name)
            continue
        for label in Contact.REACH:
            before, after = getattr(old, label), getattr(contact, label)
            if before != after:
                action = "renumbered" if before and after else ("added" if after else "removed")
                yield Change("contacts", f"{cid} {label}", action, before, after)


def _reach(contact: Contact) -> str:
    return ", ".join(part for label in Contact.REACH if (part := getattr(contact, label)))


# Calendars and holidays ------------------------------------------------------------------------------------


def _calendars(base: Playbook, head: Playbook) -> Iterator[Change]:
    business = _business_calendars(head)
    for cid in base.calendars:
        if cid not in head.calendars:
            yield Change("calendars", cid, "removed", old=_hours_text(base.calendars[cid]))
    for cid, calendar in head.calendars.items():
        old = base.calendars.get(cid)
        if old is None:
            yield Change("calendars", cid, "added", new=_hours_text(calendar))
            continue
        yield from _calendar_fields(cid, old, calendar, cid in business)
        yield from _holidays(cid, old, calendar, cid in business)


def _business_calendars(book: Playbook) -> set[str]:
    """Calendars some SLA target or escalation step counts business hours on: closing them earlier loosens."""
    found: set[str] = set()
    for prio in build_plan(book).priorities:
        for cells in [*prio.sla.values(), *prio.policies.values()]:
            found |= {cell.calendar for cell in cells.values() if cell.clock == "business" and cell.calendar}
        if prio.calendar is not None and any(step.clock == "business" for step in prio.steps):
            found.add(prio.calendar.id)
    for policy in book.policies:
        if policy.calendar is not None and policy.calendar.default in found:
            found |= set(policy.calendar.all())  # the other calendars a field can pick count the same targets
    return found


def _open_minutes(calendar: Calendar) -> set[int]:
    """Minutes of a reference week (UTC, standard offsets) the calendar is open."""
    if calendar.always:
        return set(range(7 * 1440))
    found: set[int] = set()
    for zone, window in calendar.all_windows():
        offset = _standard_offset(zone)
        found.update((window.day * 1440 + m - offset) % (7 * 1440) for m in range(window.start, window.end))
    return found


def _standard_offset(zone: str) -> int:
    tz = zoneinfo.ZoneInfo(zone)
    offsets = [dt.datetime(2026, month, 1, 12, tzinfo=tz).utcoffset() for month in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


def _calendar_fields(cid: str, old: Calendar, new: Calendar, business: bool) -> Iterator[Change]:
    if old.timezone != new.timezone and not (old.always and new.always):
        yield Change("calendars", f"{cid} time zone", "changed", old.timezone, new.timezone)
    before, after = _hours_text(old), _hours_text(new)
    if before != after:
        detail = f"{_weekly(old)} -> {_weekly(new)} a week"
        closed = business and bool(_open_minutes(old) - _open_minutes(new))
        if closed:
            detail += "; closes where it was open, so business-hours deadlines on it fall later"
        yield Change("calendars", f"{cid} hours", "loosened" if closed else "changed", before, after, detail, closed)
    if old.years != new.years:
        yield Change("calendars", f"{cid} years", "changed", _years(old.years), _years(new.years))


def _hours_text(calendar: Calendar) -> str:
    if calendar.always:
        return "24/7"
    parts = [_windows_text(calendar.windows)] if calendar.windows else []
    parts += [f"{region.name}: {_windows_text(region.windows)}" for region in calendar.regions]
    return "; ".join(parts) or "closed"


def _windows_text(windows: list) -> str:  # type: ignore[type-arg]
    days_by_span: dict[tuple[int, int], list[int]] = {}
    for window in windows:
        days_by_span.setdefault((window.start, window.end), []).append(window.day)
    spans = sorted(days_by_span.items(), key=lambda item: (min(item[1]), item[0]))
    return ", ".join(f"{_days_text(sorted(set(days)))} {_clock(start)}-{_clock(end)}" for (start, end), days in spans)


def _days_text(days: list[int]) -> str:
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{_DAYS[days[0]]}-{_DAYS[days[-1]]}"
    return ",".join(_DAYS[d] for d in days)


def _clock(minutes: int) -> str:
    return format_clock(minutes) if minutes < 1440 else format_clock(minutes - 1440) + "+1"


def _weekly(calendar: Calendar) -> str:
    return format_on_clock(calendar.weekly_seconds(), "business")


def _years(years: tuple[int, int] | None) -> str:
    return f"{years[0]}-{years[1]}" if years else "unset"


def _holidays(cid: str, old: Calendar, new: Calendar, business: bool) -> Iterator[Change]:
    before, after = _holiday_keys(old), _holiday_keys(new)
    for key in sorted(set(before) - set(after)):
        yield Change("calendars", f"{cid} holiday", "removed", old=before[key])
    for key in sorted(set(after) - set(before)):
        detail = "business-hours deadlines over it fall later" if business else ""
        yield Change("calendars", f"{cid} holiday", "added", new=after[key], detail=detail, flagged=business)


def _holiday_keys(calendar: Calendar) -> dict[str, str]:
    found = {}
    for holiday in calendar.holidays:
        if holiday.date is not None:
            key = holiday.date.isoformat()
        else:
            key = "public holidays of " + "-".join(p for p in (holiday.country, holiday.subdivision) if p)
        found[key] = f"{key} {holiday.name}".strip()
    return found
