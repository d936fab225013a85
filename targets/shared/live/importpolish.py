"""What `playbook import` changes in its draft once it has compiled it, and what it reports of the lint.

A draft is first written from what the account holds; compiled, it says what
the account cannot (how long a calendar's business day is), and linted, which
findings the imported playbook will show and why.
"""

from __future__ import annotations

from typing import Any

from playbook.policyview import policy_calendar, policy_clock
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
    policies = {policy.id: policy for policy in getattr(book, "policies", None) or []}
    for written in draft.sla_policies:
        policy = policies.get(written["id"])
        for pid, cells in written.get("targets", {}).items():
            if policy is None or pid not in book.priorities:
                continue
            # On the calendar the policy's metric counts on in the help desk: its default, when a field chooses.
            calendar = policy_calendar(book, policy, book.priorities[pid])
            for metric, value in cells.items():
                hours = value.get("hours") if isinstance(value, dict) else None
                clock = hours or policy_clock(book, policy, book.priorities[pid], None, calendar)
                cells[metric] = _days(value, calendar, clock)
    for edge in draft.escalation:
        priorities = [book.priorities[p] for p in edge.get("priorities") or book.priorities if p in book.priorities]
        if priorities and isinstance(edge.get("after"), str):
            edge["after"] = _in_days(edge["after"], book, priorities)


def _in_days(value: Any, book: Any, priorities: list[Any]) -> Any:
    """A duration read back (text, or {target, hours}) in days where it is a whole number of them on its clock."""
    hours = value.get("hours") if isinstance(value, dict) else None
    calendars = {id(book.calendar_of(p)) for p in priorities}
    clocks = {hours or book.clock_of(p) for p in priorities}
    if len(calendars) != 1 or len(clocks) != 1:
        return value  # a step shared by priorities that count differently: a day means different things
    return _days(value, book.calendar_of(priorities[0]), clocks.pop())


def _days(value: Any, calendar: Any, clock: str) -> Any:
    """`value` in days where it is a whole number of them on `clock` ('business' days of `calendar`)."""
    text = value.get("target") if isinstance(value, dict) else value
    if not isinstance(text, str):
        return value
    try:
        seconds = parse_duration(text).nominal_seconds
    except ValueError_:
        return value  # a band, as its automation gives it
    if clock == "business" and calendar is not None and not calendar.always:
        days = seconds / calendar.business_day_seconds() if calendar.business_day_seconds() else 0
        if days >= 1 and abs(days - round(days)) < 1e-9:
            return f"{round(days)}bd"  # bd counts business hours whatever the priority's clock: no `hours` needed
        return value
    if clock == "calendar" and seconds >= 3 * 86400 and seconds % 86400 == 0:
        found = f"{int(seconds // 86400)}d"
        return type(value)({**value, "target": found}) if isinstance(value, dict) else found
    return value
