"""runbook.json: the runbook's facts for software agents, in the shape of schemas/runbook.schema.json.

Times are seconds on the clock named next to them ("business" seconds only
tick while the calendar is open). Escalation steps carry both their own delay
(`after_seconds`, from when `from` got the ticket) and `offset_seconds` from
the ticket's start, so "who has it after 45 minutes" is a filter, not a sum.
"""

from __future__ import annotations

from typing import Any

from compiler.plan.plan import Plan, PriorityPlan, SlaCell
from playbook.model import Calendar, Channel, Contact, Playbook, Team, Window
from playbook.policies import Condition, Selector, SlaPolicy
from targets.shared import jsontext

SCHEMA_ID = "https://playbook.dev/schemas/runbook-v1.json"
FORMAT_VERSION = 1


def number(value: float) -> int | float:
    """Whole seconds as integers, so the JSON reads 900 rather than 900.0."""
    return int(value) if float(value).is_integer() else round(value, 3)


def runbook_json(plan: Plan, pages: dict[str, str] | None = None) -> bytes:
    data = runbook_data(plan, pages or {})
    return jsontext.file_bytes(data)


def runbook_data(plan: Plan, pages: dict[str, str]) -> dict[str, Any]:
    book = plan.book
    org = book.organisation
    return {
        "$schema": SCHEMA_ID,
        "format_version": FORMAT_VERSION,
        "playbook": book.id,
        "organisation": {
            "name": book.name,
            "address": org.address if org else "",
            "status_page": org.status_page if org else "",
            "emergency_line": org.emergency_line if org else None,
            "security_contact": org.security_contact if org else None,
            "privacy_contact": org.privacy_contact if org else None,
        },
        "timezone": book.timezone,
        "calendars": {cid: _calendar(c) for cid, c in book.calendars.items()},
        "channels": {cid: _channel(c) for cid, c in book.channels.items()},
        "priorities": [_priority(pp, pages.get(pp.id)) for pp in plan.priorities],
        "contacts": {cid: _contact(c) for cid, c in book.contacts.items()},
        "teams": {tid: _team(t) for tid, t in book.teams.items()},
        "compliance": _compliance(book),
        "closure": _closure(book),
        **_policies(plan),
    }


def _policies(plan: Plan) -> dict[str, Any]:
    """Segments and SLA policies, when the playbook has them: who each policy applies to, in order."""
    book = plan.book
    found: dict[str, Any] = {}
    if book.segments:
        found["segments"] = {
            sid: {
                "title": segment.title,
                "description": segment.description,
                "match": segment.match,
                "tier": segment.tier,
                "conditions": [_condition(c) for c in segment.conditions],
            }
            for sid, segment in book.segments.items()
        }
    if plan.policies:
        found["sla_policies"] = [
            {
                "id": p.id,
                "position": p.position,
                "title": p.policy.title,
                "description": p.policy.description,
                "fallback": p.policy.fallback,
                "applies_to": p.policy.describe(),
                "when": _selector(p.policy.when) if p.policy.when is not None else None,
                "calendar": _choice(p.policy),
                "hours": p.policy.hours,
            }
            for p in plan.policies
        ]
    return found


def _condition(condition: Condition) -> dict[str, Any]:
    found: dict[str, Any] = {"attribute": condition.attribute, "values": list(condition.values)}
    if condition.field_name:
        found["field"] = condition.field_name
    return found


def _selector(selector: Selector) -> dict[str, Any]:
    if selector.kind == "segment":
        return {"segment": selector.segment}
    if selector.kind == "condition":
        assert selector.condition is not None
        return {"condition": _condition(selector.condition)}
    return {selector.kind: [_selector(child) for child in selector.children]}


def _choice(policy: SlaPolicy) -> dict[str, Any] | None:
    choice = policy.calendar
    if choice is None:
        return None
    return {"default": choice.default, "field": choice.field_name or None, "choose": dict(choice.choices)}


def _timing(cell: SlaCell) -> dict[str, Any]:
    found: dict[str, Any] = {"seconds": number(cell.seconds), "clock": cell.clock, "text": cell.text}
    if cell.upper is not None:
        found["upper_seconds"] = number(cell.upper)
    if cell.eod is not None:
        found["end_of_business_day"] = cell.eod
    if cell.percent is not None:
        found["percent"] = number(cell.percent)
    if cell.policy and cell.calendar:
        found["calendar"] = cell.calendar
    return found


def _calendar(calendar: Calendar) -> dict[str, Any]:
    return {
        "always": calendar.always,
        "timezone": calendar.timezone,
        "hours": [_window(tz, w) for tz, w in calendar.all_windows()],
        "holidays": [
            {
                "date": h.date.isoformat() if h.date else None,
                "name": h.name,
                "country": h.country or None,
                "subdivision": h.subdivision or None,
            }
            for h in calendar.holidays
        ],
    }


def _window(timezone: str, window: Window) -> dict[str, Any]:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return {"day": days[window.day], "start_minute": window.start, "end_minute": window.end, "timezone": timezone}


def _channel(channel: Channel) -> dict[str, Any]:
    level = channel.service_level
    return {
        "type": channel.type,
        "name": channel.name,
        "service_level": {"percent": number(level[0]), "seconds": number(level[1])} if level else None,
        "first_reply_seconds": number(channel.first_reply.nominal_seconds) if channel.first_reply else None,
    }


def _priority(pp: PriorityPlan, page: str | None) -> dict[str, Any]:
    priority = pp.priority
    return {
        "id": pp.id,
        "rank": priority.rank,
        "title": priority.title,
        "definition": priority.definition,
        "examples": list(priority.examples),
        "calendar": priority.calendar,
        "clock": pp.clock,
        "owners": list(pp.owners),
        "incident_commander": priority.incident_commander,
        "status_page": priority.status_page,
        "page": page,
        "sla": {
            channel: {metric: _timing(cell) for metric, cell in cells.items()} for channel, cells in pp.sla.items()
        },
        **(
            {"policies": {pid: {m: _timing(c) for m, c in cells.items()} for pid, cells in pp.policies.items()}}
            if pp.policies
            else {}
        ),
        "escalation": [
            {
                "order": step.order,
                "from": step.source,
                "to": step.target,
                "after_seconds": number(step.after),
                "offset_seconds": number(step.offset),
                "clock": step.clock,
                "kind": step.edge.kind,
                "when": step.edge.when,
                "note": step.edge.note,
                "segments": list(step.segments),
            }
            for step in pp.steps
        ],
    }


def _contact(contact: Contact) -> dict[str, Any]:
    return {
        "name": contact.name,
        "kind": contact.kind,
        "title": contact.title,
        "email": contact.email or None,
        "phone": contact.phone or None,
        "on_call": contact.on_call,
        "timezone": contact.timezone,
        "available": contact.available,
        "verified": contact.verified.isoformat() if contact.verified else None,
        "team": contact.team,
        "notes": contact.notes,
    }


def _team(team: Team) -> dict[str, Any]:
    return {
        "name": team.name,
        "email": team.email or None,
        "members": list(team.members),
        "lead": team.lead,
        "calendar": team.calendar,
        "on_call": team.on_call,
    }


def _compliance(book: Playbook) -> dict[str, Any] | None:
    rules = book.compliance
    if rules is None:
        return None
    return {
        "identity_verification": rules.identity_verification,
        "identity_channels": list(rules.identity_channels),
        "identity_method": rules.identity_method,
        "card_redaction": rules.card_redaction,
        "recording_retention_seconds": _seconds(rules.recording_retention),
        "data_access_request_seconds": _seconds(rules.data_access_requests),
        "notes": list(rules.notes),
    }


def _closure(book: Playbook) -> dict[str, Any] | None:
    closure = book.closure
    if closure is None:
        return None
    return {
        "message": closure.message,
        "survey": closure.survey,
        "survey_after_seconds": _seconds(closure.survey_after),
    }


def _seconds(duration: Any) -> int | float | None:
    return number(duration.nominal_seconds) if duration is not None else None
