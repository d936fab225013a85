"""What `playbook import` changes in its draft once it has compiled it, and what it reports of the lint.

A draft is first written from what the account holds; compiled, it says what
the account cannot (how long a calendar's business day is), and linted, which
findings the imported playbook will show and why.
"""

from __future__ import annotations

from typing import Any

from playbook.units import ValueError_, parse_duration
from targets.shared.live.importing import Draft

# Findings an imported playbook is expected to have, because a help desk never stores what they ask for.
NEVER_STORED_FINDINGS = {
    "PB230": "help desks store no example tickets: write some for each priority",
    "PB220": "help desks store no verification dates: check each contact, then write its `verified` date",
}
ACCOUNT_FINDING = (
    "the account is configured so (the playbook holds what it does): change it in the playbook and apply, or "
    "suppress the finding with its reason"
)


def lint_left(findings: list[Any]) -> list[str]:
    """The report's lines for the warnings and notes an imported playbook lints with: each, where, and why."""
    lines = []
    for found in sorted(findings, key=lambda f: f.sort_key()):
        why = NEVER_STORED_FINDINGS.get(found.code, ACCOUNT_FINDING)
        lines.append(f"{found.code} ({found.severity}, line {found.location.line}): {found.message}; {why}")
    return lines


def prefer_days(draft: Draft, book: Any) -> None:
    """Write durations in days where a playbook would: help desks keep minutes or seconds, so a target written
    `1bd` comes back as `9h` on a 9-hour business day. A whole number of business days on a business clock
    becomes `Nbd`, and a whole number of days (three or more) on a calendar clock `Nd`; `book` is the draft
    compiled, whose calendars say how long a business day is (as the compiler counts it)."""
    for pid, entry in draft.sla.items():
        if pid not in book.priorities:
            continue
        for holder in (entry, *entry.get("channels", {}).values()):
            for metric, value in holder.items():
                if metric != "channels":
                    holder[metric] = _in_days(value, book, [book.priorities[pid]])
    for edge in draft.escalation:
        priorities = [book.priorities[p] for p in edge.get("priorities") or book.priorities if p in book.priorities]
        if priorities and isinstance(edge.get("after"), str):
            edge["after"] = _in_days(edge["after"], book, priorities)


def _in_days(value: Any, book: Any, priorities: list[Any]) -> Any:
    """A duration read back (text, or {target, hours}) in days where it is a whole number of them on its clock."""
    text, hours = (value.get("target"), value.get("hours")) if isinstance(value, dict) else (value, None)
    if not isinstance(text, str):
        return value
    try:
        seconds = parse_duration(text).nominal_seconds
    except ValueError_:
        return value
    calendars = {id(book.calendar_of(p)) for p in priorities}
    clocks = {hours or book.clock_of(p) for p in priorities}
    if len(calendars) != 1 or len(clocks) != 1:
        return value  # a step shared by priorities that count differently: a day means different things
    calendar, clock = book.calendar_of(priorities[0]), clocks.pop()
    if clock == "business" and calendar is not None and not calendar.always:
        days = seconds / calendar.business_day_seconds() if calendar.business_day_seconds() else 0
        if days >= 1 and abs(days - round(days)) < 1e-9:
            return f"{round(days)}bd"  # bd counts business hours whatever the priority's clock: no `hours` needed
        return value
    if clock == "calendar" and seconds >= 3 * 86400 and seconds % 86400 == 0:
        found = f"{int(seconds // 86400)}d"
        return type(value)({**value, "target": found}) if isinstance(value, dict) else found
    return value
