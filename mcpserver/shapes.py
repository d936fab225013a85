"""The answers' shapes: typed dictionaries, from which the MCP tools' output schemas are generated."""

from __future__ import annotations

import sys

from playbook.findings import Location

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:  # pydantic, which builds the tools' schemas, needs this TypedDict before 3.12
    from typing_extensions import TypedDict


class Moment(TypedDict):
    """One instant, three ways."""

    utc: str  # 2026-11-27T23:35:00Z
    local: str  # ISO 8601 with offset, in the playbook's time zone
    shown: str  # as `playbook simulate` prints it: 'Fri 2026-11-27 17:35 CST'
    requester_local: str | None  # ISO 8601 in the `tz` asked for, when it differs from the playbook's


class Contactable(TypedDict):
    """Someone a ticket can reach: a contact or a team (reached through its lead's phone and its email)."""

    id: str
    name: str
    kind: str  # person, role, vendor, service or team
    title: str
    phone: str  # E.164, exactly as in the playbook
    phone_display: str  # grouped for reading aloud: '+1 615-555-0102'
    tel: str  # 'tel:+16155550102'
    email: str
    source: str  # where it is defined, path:line


class Holding(TypedDict):
    """Someone who has the ticket at the moment asked about, and how they came to have it."""

    person: Contactable
    how: str  # 'owner' (had it from the start), 'escalated' (hierarchical step) or 'brought in' (functional step)
    since: Moment
    source: str  # the priority's owner or the escalation step, path:line


class TimelineEvent(TypedDict):
    kind: str  # opened, deadline or escalation
    label: str  # 'acknowledge', 'update 2', 'escalate to team-lead'
    at: Moment | None  # None: the calendar never gives the time
    what: str  # the line `playbook simulate` prints for it
    metric: str | None  # deadlines: answer, acknowledge, update_every, mitigate, ..., resolve (a band: 'resolve limit')
    target: str | None  # the duration as written (deadlines), or the step's delay (escalations)
    clock: str  # business or calendar
    person: Contactable | None  # escalations: who is notified
    step_kind: str | None  # escalations: hierarchical (takes the ticket) or functional (brought in to help)
    condition: str | None  # escalations: unacknowledged, unmitigated or unresolved (the step fires only then)
    note: str | None
    source: str


class PriorityRef(TypedDict):
    id: str
    title: str
    definition: str
    source: str


class PolicyInfo(TypedDict):
    """The SLA policy the ticket's attributes choose (the first that matches), as `playbook simulate` says."""

    id: str
    title: str
    position: int  # 1-based: the order the help desks try the policies in
    why: list[str]  # policy by policy up to the chosen one: what decided, as simulate prints it
    calendar: str | None  # what its business-hours targets count on (a field may pick it)
    field_value: str | None  # the value of the field that picked the calendar, when given
    source: str  # where the policy is written, path:line


class TimelineAnswer(TypedDict):
    playbook: str
    priority: PriorityRef
    channel: str | None
    policy: PolicyInfo | None  # None: the playbook has no sla_policies
    clock: str  # the clock line of `playbook simulate`
    opened: Moment
    events: list[TimelineEvent]
    updates_continue: bool  # status updates go on after the last one listed
    text: str  # the whole timeline as `playbook simulate` prints it


class WhoHoldsAnswer(TypedDict):
    at: Moment
    policy: PolicyInfo | None  # the SLA policy whose deadlines `overdue` and `next_due` are
    since_opened: str  # '45m'
    holder: Holding
    also_notified: list[Holding]  # everyone else who has the ticket, in the order they got it
    next_escalations: list[TimelineEvent]  # the next step(s) to fire after `at`, all at the same moment
    overdue: list[TimelineEvent]  # deadlines passed by `at` (unless already done)
    next_due: list[TimelineEvent]  # the next deadline of each kind
    summary: str


class RuleRef(TypedDict):
    index: int  # position in `routing`, from 0
    matches: str  # 'category safety', 'the default rule'
    source: str


class TeamRef(TypedDict):
    id: str
    name: str
    email: str
    source: str


class SlaTargetInfo(TypedDict):
    metric: str
    target: str  # as written
    seconds: float  # on its clock
    clock: str
    source: str


class Example(TypedDict):
    priority: str
    example: str
    shared_words: list[str]
    source: str


class ClassifyAnswer(TypedDict):
    rule: RuleRef | None  # None: no rule takes the ticket (the playbook has no default rule)
    team: TeamRef | None
    within: str | None  # the routing target: assign within this long
    priority: PriorityRef | None  # None when the rule sets no priority
    priority_reason: str
    policy: PolicyInfo | None  # the SLA policy the ticket's attributes choose; None without sla_policies
    sla: list[SlaTargetInfo]  # the targets of that priority in that policy (else on that channel)
    similar_examples: list[Example]  # example tickets sharing words with `text`, most shared first
    candidates: list[PriorityRef]  # when no rule sets the priority: every priority to choose from, most urgent first
    ignored_fields: list[str]  # fields routing does not read
    summary: str


class MetricState(TypedDict):
    metric: str
    status: str  # met, breached, at_risk or on_track
    target: str
    clock: str
    due: Moment | None
    done: Moment | None
    left_seconds: float | None  # on the target's clock, from done (or now) to due; negative: late by this much
    left: str  # '15m', 'late by 30m'
    update_number: int | None  # a cadence (update_every, periodic_update): the update this is about (1 = the first)
    late_updates: int | None  # a cadence: updates that came late
    source: str


class SlaStatusAnswer(TypedDict):
    priority: PriorityRef
    channel: str | None
    policy: PolicyInfo | None  # the SLA policy whose targets are judged; None without sla_policies
    now: Moment
    metrics: list[MetricState]
    breached: list[str]
    at_risk: list[str]
    summary: str


class Availability(TypedDict):
    summary: str  # 'any time (on call)', 'office hours: Mon–Fri 09:00–17:30 (America/Chicago)'
    calendar: str | None  # the calendar that limits it; None: any time
    open_at: bool | None  # at the moment asked about (None when no moment was given)
    next_change: Moment | None
    source: str


class ContactMatch(TypedDict):
    contact: Contactable
    on_call: bool
    available: Availability
    roles: list[str]  # what the playbook asks of them: 'P1 owner', 'privacy contact', 'P1 escalation step 2'
    team: str | None
    verified: str | None  # YYYY-MM-DD the details were last checked
    notes: str
    matched: list[str]  # which words of the query matched


class FindContactAnswer(TypedDict):
    query: str
    matches: list[ContactMatch]
    summary: str


class HolidayInfo(TypedDict):
    date: str
    name: str
    source: str


class CalendarAnswer(TypedDict):
    calendar: str
    description: str
    timezones: list[str]
    always_open: bool
    hours: list[str]
    at: Moment
    open: bool
    next_change: Moment | None  # None: never changes (24/7) or not within a year
    next_state: str | None  # 'open' or 'closed' after next_change
    holiday: HolidayInfo | None  # the holiday that closes the day asked about, if any
    upcoming_holidays: list[HolidayInfo]  # the next ones, within a year
    summary: str
    source: str


def cite(loc: Location) -> str:
    """A line an answer rests on, as `path:line`."""
    return f"{loc.path}:{loc.line}" if loc.line else loc.path
