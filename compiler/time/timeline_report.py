"""A ticket timeline as text for people and as JSON for programs."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

from compiler.time.simulate import Event, Person, Timeline
from playbook.units import format_seconds

JSON_VERSION = 1
_WHEN = {"unacknowledged": "if unacknowledged", "unmitigated": "if unmitigated", "unresolved": "if unresolved"}


def local(instant: float, zone: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone))


def stamp(instant: float | None, zone: str) -> str:
    if instant is None:
        return "never"
    return local(instant, zone).strftime("%a %Y-%m-%d %H:%M %Z")


def zones(timeline: Timeline, requester: str | None) -> list[str]:
    own = timeline.book.timezone
    return [own] if requester in (None, own) else [own, requester]


def who(person: Person) -> str:
    parts = [f"{person.name} ({person.id})" if person.id and person.id != person.name else person.name]
    parts += [p for p in (person.role, person.phone or person.email) if p]
    return ", ".join(parts)


def describe(timeline: Timeline, event: Event) -> str:
    if event.kind == "opened":
        holder, _ = timeline.holder_at(timeline.opened)
        return f"opened; held by {who(holder)}"
    clock = "" if event.clock == timeline.plan.clock else f", {event.clock} hours"
    if event.kind == "deadline":
        every = "every " if event.metric == "update_every" else ""
        return f"{event.label} due ({every}{event.target}{clock})"
    assert event.step is not None and event.person is not None
    edge = event.step.edge
    verb = "bring in" if edge.kind == "functional" else "notify"
    condition = _WHEN.get(edge.when, "")
    detail = f"{event.target} after {event.step.source}{clock}" + (f", {condition}" if condition else "")
    if event.step.segments:
        detail += f", {' or '.join(event.step.segments)} tickets only"
    note = f": {edge.note}" if edge.note else ""
    return f"{verb} {who(event.person)} ({detail}){note}"


def clock_line(timeline: Timeline) -> str:
    plan = timeline.plan
    calendar = plan.calendar
    if plan.clock == "calendar" or calendar is None:
        why = ""
        if calendar is not None:
            why = " (24/7 calendar)" if calendar.always else f" (hours: calendar, calendar '{calendar.id}')"
        return f"calendar hours, elapsed time{why}"
    zones_ = sorted({calendar.timezone} if not calendar.regions else {r.timezone for r in calendar.regions})
    return f"business hours of calendar '{calendar.id}' ({', '.join(zones_)})"


def _policy_lines(timeline: Timeline) -> list[str]:
    """Which SLA policy applies and why, and what its targets count on."""
    choice = timeline.policy
    if choice is None:
        return []
    policy = choice.policy.policy
    lines = [f"SLA policy: {choice.policy.position}. {policy.title} ({policy.id}), the first that matches:"]
    lines += [f"  {reason}" for reason in choice.why]
    calendar = choice.calendar
    if calendar is not None:
        picked = f" ({policy.calendar.field_name} = {choice.field_value})" if choice.field_value is not None else ""
        if policy.calendar is not None and policy.calendar.field_name and choice.field_value is None:
            picked = f" (no {policy.calendar.field_name} given: the default)"
        lines.append(f"SLA calendar: {calendar.id}{picked}")
    return lines


def render_text(timeline: Timeline, requester: str | None, at: float | None = None) -> str:
    shown = zones(timeline, requester)
    plan = timeline.plan
    title = f"{timeline.book.name}: {plan.id} {plan.priority.title}".rstrip()
    channel = f", {timeline.channel} ticket" if timeline.channel else ""
    lines = [f"{title}{channel}", f"Clock: {clock_line(timeline)}", *_policy_lines(timeline), ""]
    width = max(len(stamp(e.at, z)) for e in timeline.events for z in shown)
    lines.append("  ".join(z.ljust(width) for z in shown) + "  What")
    for event in timeline.events:
        lines.append("  ".join(stamp(event.at, z).ljust(width) for z in shown) + "  " + describe(timeline, event))
    if timeline.updates_continue:
        lines.append(" " * (len(shown) * (width + 2)) + f"(updates continue every {_update_text(timeline)})")
    for note in timeline.notes:
        lines.append(" " * (len(shown) * (width + 2)) + f"({note})")
    if at is not None:
        lines += ["", *_at_lines(timeline, shown, at)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _update_text(timeline: Timeline) -> str:
    return next((e.target for e in timeline.events if e.metric == "update_every"), "")


def _at_lines(timeline: Timeline, shown: list[str], at: float) -> list[str]:
    since = at - timeline.opened
    relation = f"{format_seconds(abs(since))} {'after' if since >= 0 else 'before'} opening"
    lines = [f"At {' = '.join(stamp(at, z) for z in shown)} ({relation}):"]
    holder, others = timeline.holder_at(at)
    lines.append(f"  held by  {who(holder)}")
    lines.extend(f"  {'also' if index == 0 else '':<7}  {who(p)}" for index, p in enumerate(others))
    for event in timeline.overdue_at(at):
        ago = format_seconds(at - (event.at or at))
        lines.append(f"  overdue  {event.label}: was due {stamp(event.at, shown[0])}, {ago} ago (unless done)")
    for event in timeline.next_due_at(at):
        left = format_seconds((event.at or at) - at)
        lines.append(f"  next     {event.label}: due {stamp(event.at, shown[0])}, in {left}")
    return lines


def _when(instant: float | None, shown: list[str]) -> dict[str, Any] | None:
    if instant is None:
        return None
    moment = dt.datetime.fromtimestamp(instant, dt.UTC)
    return {
        "utc": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local": {zone: local(instant, zone).isoformat() for zone in shown},
    }


def _person(person: Person) -> dict[str, str]:
    return {"id": person.id, "name": person.name, "role": person.role, "phone": person.phone, "email": person.email}


def _event(timeline: Timeline, event: Event, shown: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": event.kind, "label": event.label, "at": _when(event.at, shown)}
    if event.kind == "deadline":
        record |= {"metric": event.metric, "target": event.target, "clock": event.clock}
    if event.kind == "escalation" and event.step is not None and event.person is not None:
        edge = event.step.edge
        record |= {
            "order": event.step.order,
            "from": event.step.source,
            "to": _person(event.person),
            "after": event.target,
            "clock": event.clock,
            "step_kind": edge.kind,
            "when": edge.when,
            "note": edge.note,
            "segments": list(event.step.segments),
        }
    return record


def to_dict(timeline: Timeline, requester: str | None, at: float | None = None) -> dict[str, Any]:
    shown = zones(timeline, requester)
    plan = timeline.plan
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "playbook": timeline.book.id,
        "priority": {"id": plan.id, "title": plan.priority.title},
        "channel": timeline.channel,
        "clock": plan.clock,
        "calendar": plan.calendar.id if plan.calendar else None,
        "timezones": shown,
        "opened": _when(timeline.opened, shown),
        "events": [_event(timeline, e, shown) for e in timeline.events],
        "updates_continue": timeline.updates_continue,
        "notes": list(timeline.notes),
    }
    if timeline.policy is not None:
        choice = timeline.policy
        data["policy"] = {
            "id": choice.policy.id,
            "title": choice.policy.policy.title,
            "position": choice.policy.position,
            "why": list(choice.why),
            "calendar": choice.calendar.id if choice.calendar else None,
            "field_value": choice.field_value,
        }
    if at is not None:
        holder, others = timeline.holder_at(at)
        data["at"] = {
            "time": _when(at, shown),
            "holder": _person(holder),
            "also_notified": [_person(p) for p in others],
            "overdue": [_event(timeline, e, shown) for e in timeline.overdue_at(at)],
            "next_due": [_event(timeline, e, shown) for e in timeline.next_due_at(at)],
        }
    return data


def render_json(timeline: Timeline, requester: str | None, at: float | None = None) -> str:
    return json.dumps(to_dict(timeline, requester, at), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
