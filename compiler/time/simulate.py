"""A ticket's timeline: when each SLA deadline falls and who is notified when.

Deadlines and escalation delays on a business clock go through the
business-time engine; calendar-clock ones are plain elapsed time. An escalation
step counts from the moment its `from` got the ticket (the earliest path).

With SLA policies, the ticket's attributes (tags, organization, form, fields...)
choose the policy as the help desks do (the first that matches), and its
targets count on the calendar the policy picks; the timeline says which policy
applies and why. A band's upper end is a second deadline ("resolve limit"); an
end-of-business-day target falls at the end of that business day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from compiler.plan.plan import Plan, PolicyPlan, PriorityPlan, SlaCell, Step, policy_cells, ticket_steps
from compiler.time.businesstime import engine, localize
from compiler.time.timing import end_of_business_day, later, step_times
from playbook.model import Calendar, Playbook
from playbook.policies import Selector
from playbook.selection import Ticket, explain

MAX_UPDATES = 48  # a long cadence list says nothing more after this many


@dataclass(frozen=True)
class Person:
    """Who an escalation step notifies, as a person on duty needs it."""

    id: str
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Event:
    kind: str  # "opened", "deadline" or "escalation"
    label: str  # "acknowledge", "update 2", "escalate to team-lead"
    at: float | None  # UTC seconds; None when the calendar never opens
    clock: str
    target: str  # the duration as written
    metric: str = ""
    step: Step | None = None
    person: Person | None = None


@dataclass(frozen=True)
class PolicyChoice:
    """The SLA policy a ticket gets: the first that matches; `why` says, policy by policy, what decided."""

    policy: PolicyPlan
    why: list[str]
    calendar: Calendar | None  # what its business-hours targets count on
    field_value: str | None = None  # the value of the field that picked the calendar


@dataclass
class Timeline:
    book: Playbook
    plan: PriorityPlan
    channel: str | None
    opened: float
    events: list[Event] = field(default_factory=list)
    updates_continue: bool = False  # more updates follow the listed ones
    update_every: tuple[float, str, str] | None = None  # (seconds, clock, as written)
    policy: PolicyChoice | None = None
    sla_calendar: Calendar | None = None  # what the SLA targets count on: the policy's, else the priority's
    notes: list[str] = field(default_factory=list)  # targets that are no deadline from the opening
    steps: list[Step] = field(default_factory=list)  # the ticket's ladder: steps for other segments left out

    def holder_at(self, instant: float) -> tuple[Person, list[Person]]:
        """Who holds the ticket (the last hierarchical step so far) and who else has it, in order notified."""
        owner = person(self.book, self.plan.owners[0]) if self.plan.owners else Person("", "nobody", "", "", "")
        holder, everyone = owner, [owner]
        for event in self.events:
            if event.kind != "escalation" or event.at is None or event.at > instant or event.person is None:
                continue
            everyone.append(event.person)
            if event.step is not None and event.step.edge.kind != "functional":
                holder = event.person
        return holder, [p for p in dict.fromkeys(everyone) if p != holder]

    def overdue_at(self, instant: float) -> list[Event]:
        """Deadlines passed by `instant`; of the updates, only the latest (earlier ones are history)."""
        passed = [e for e in self.events if e.kind == "deadline" and e.at is not None and e.at <= instant]
        latest = self.update_around(instant)[0]
        return [e for e in passed if e.metric != "update_every"] + ([latest] if latest else [])

    def next_due_at(self, instant: float) -> list[Event]:
        """The next deadline of each kind after `instant` (updates go on until the ticket is resolved)."""
        found: dict[str, Event] = {}
        upcoming = self.update_around(instant)[1]
        for event in self.events + ([upcoming] if upcoming else []):
            if event.kind == "deadline" and event.at is not None and event.at > instant:
                found.setdefault(event.metric, event)
        return sorted(found.values(), key=lambda e: e.at or 0.0)

    def update_around(self, instant: float) -> tuple[Event | None, Event | None]:
        """The last status update due by `instant` and the next one after it."""
        if self.update_every is None:
            return None, None
        every, clock, text = self.update_every
        elapsed = instant - self.opened
        if clock == "business" and self.sla_calendar is not None:
            elapsed = engine(self.sla_calendar).between(self.opened, instant)
        done = max(0, int(elapsed // every)) if every > 0 else 0
        events = []
        for number in (done, done + 1):
            due = _later(self, self.opened, number * every, clock) if number else None
            events.append(Event("deadline", f"update {number}", due, clock, text, "update_every") if due else None)
        return events[0], events[1]


def person(book: Playbook, node_id: str) -> Person:
    reach = book.reach(node_id)
    role = reach.contact.title if reach.contact else "team" if reach.team else ""
    return Person(node_id, reach.name, role, reach.phone, reach.email)


def ticket_of(
    channel: str | None = None,
    tags: tuple[str, ...] = (),
    organization_tags: tuple[str, ...] = (),
    organization: str | None = None,
    form: str | None = None,
    ticket_type: str | None = None,
    group: str | None = None,
    brand: str | None = None,
    fields: dict[str, str] | None = None,
) -> Ticket:
    """A ticket's attributes as the selectors read them (`playbook simulate --tag --org --form --field ...`)."""
    values: dict[str, frozenset[str]] = {"tags": frozenset(tags), "organization_tags": frozenset(organization_tags)}
    single = {
        "channels": channel,
        "organizations": organization,
        "forms": form,
        "types": ticket_type,
        "groups": group,
        "brands": brand,
    }
    values.update({key: frozenset([value]) for key, value in single.items() if value is not None})
    values.update({f"fields.{name}": frozenset([value]) for name, value in (fields or {}).items()})
    return Ticket(values)


def choose_policy(plan: Plan, ticket: Ticket) -> PolicyChoice | None:
    """The SLA policy the ticket gets (the first that matches), with why; None without SLA policies."""
    book = plan.book
    why = []
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        if policy.when is None:
            why.append(f"{policy.id}: yes (the fallback: every ticket no earlier policy takes)")
        else:
            matched, reasons = explain(policy.when, ticket, book.segments)
            why.append(f"{policy.id}: {'yes' if matched else 'no'} ({'; '.join(reasons)})")
            if not matched:
                continue
        choice = policy.calendar
        value = None
        if choice is not None and choice.field_name:
            found = ticket.values.get(f"fields.{choice.field_name}")
            value = next(iter(found)) if found else None
        calendar_id = choice.pick(value) if choice is not None else None
        calendar = book.calendars.get(calendar_id or "") if calendar_id else None
        return PolicyChoice(policy_plan, why, calendar, value)
    return None


def simulate(plan: Plan, priority: str, channel: str | None, opened: float, ticket: Ticket | None = None) -> Timeline:
    """The timeline of a ticket of `priority` on `channel` opened at `opened` (UTC seconds).

    With SLA policies, `ticket` (its tags, organization, form, fields...) chooses the policy.
    """
    priority_plan = plan.priority(priority)
    timeline = Timeline(plan.book, priority_plan, channel, opened)
    timeline.sla_calendar = priority_plan.calendar
    if plan.policies:
        timeline.policy = choose_policy(plan, ticket or ticket_of(channel))
        if timeline.policy is not None and timeline.policy.calendar is not None:
            timeline.sla_calendar = timeline.policy.calendar
    timeline.steps = _ladder(timeline, ticket or ticket_of(channel))
    timeline.events.append(Event("opened", "opened", opened, priority_plan.clock, ""))
    timeline.events.extend(_deadlines(timeline))
    timeline.events.extend(_escalations(timeline))
    order = {"opened": 0, "deadline": 1, "escalation": 2}
    timeline.events.sort(key=lambda e: (e.at is None, e.at or 0.0, order[e.kind]))
    return timeline


def sla_view(timeline: Timeline) -> PriorityPlan:
    """The priority as the ticket's SLA sees it: its policy's targets (or its channel's), on its SLA calendar.

    What `compiler.time.slastatus` judges, so that status and timeline agree on every deadline.
    """
    return dataclasses.replace(timeline.plan, calendar=timeline.sla_calendar, sla={}, own=targets_of(timeline))


def _ladder(timeline: Timeline, ticket: Ticket) -> list[Step]:
    """The ticket's escalation steps; a note for each segment-scoped step saying why it is in or left out."""
    book, plan = timeline.book, timeline.plan
    scoped = [step for step in plan.steps if not step.for_everyone()]
    if not scoped:
        return plan.steps
    held: dict[str, tuple[bool, list[str]]] = {}
    for segment in dict.fromkeys(s for step in scoped for s in step.segments):
        held[segment] = explain(Selector("segment", book.segments[segment].loc, segment=segment), ticket, book.segments)
    steps = ticket_steps(book, plan.priority, {segment for segment, (yes, _) in held.items() if yes})
    kept = {step.edge.index for step in steps}
    for step in scoped:
        verdict = "included" if step.edge.index in kept else "left out"
        why = "; ".join(reason for segment in step.segments for reason in held[segment][1])
        timeline.notes.append(
            f"step {step.source} -> {step.target} is for {', '.join(step.segments)} tickets only: {verdict} ({why})"
        )
    return steps


def _later(timeline: Timeline, start: float, seconds: float, clock: str) -> float | None:
    return later(timeline.sla_calendar, start, seconds, clock)


# Targets that are deadlines counted from the opening, in the order a ticket meets them.
DEADLINES = ("answer", "acknowledge", "mitigate", "requester_wait", "agent_work", "resolve")
CADENCES = ("update_every", "periodic_update")  # one of them gives the update events


def targets_of(timeline: Timeline) -> dict[str, SlaCell]:
    """metric -> the ticket's SLA targets: its policy's (on the calendar the policy picks), else its channel's."""
    if timeline.policy is not None:
        choice = timeline.policy
        priority = timeline.plan.priority
        return policy_cells(timeline.book, choice.policy.policy, priority, choice.field_value)
    return timeline.plan.cells(timeline.channel)


def _deadlines(timeline: Timeline) -> list[Event]:
    found = targets_of(timeline)
    events = []
    for metric in DEADLINES:
        if metric not in found:
            continue
        target = found[metric]
        if target.eod is not None:
            due = end_of_business_day(timeline.sla_calendar, timeline.opened, target.eod)
        else:
            due = _later(timeline, timeline.opened, target.seconds, target.clock)
        events.append(Event("deadline", metric, due, target.clock, target.text, metric))
        if target.upper is not None:
            limit = _later(timeline, timeline.opened, target.upper, target.clock)
            events.append(Event("deadline", f"{metric} limit", limit, target.clock, target.text, f"{metric} limit"))
    if "next_reply" in found:
        reply = found["next_reply"]
        timeline.notes.append(f"after each customer reply, the next reply is due within {reply.text}")
    cadence = next((found[m] for m in CADENCES if m in found), None)
    if cadence is not None:
        timeline.update_every = (cadence.seconds, cadence.clock, cadence.text)
        end = next((e.at for e in reversed(events) if e.at is not None and e.metric in ("resolve", "mitigate")), None)
        events.extend(_updates(timeline, *timeline.update_every, end))
    return events


def _updates(timeline: Timeline, every: float, clock: str, text: str, end: float | None) -> list[Event]:
    events: list[Event] = []
    if every <= 0:
        return events
    for number in range(1, MAX_UPDATES + 1):
        due = _later(timeline, timeline.opened, number * every, clock)
        if due is None or (end is not None and due >= end) or (end is None and number > 3):
            return events
        events.append(Event("deadline", f"update {number}", due, clock, text, "update_every"))
    timeline.updates_continue = True
    return events


def _escalations(timeline: Timeline) -> list[Event]:
    events = []
    for step, clock, fires in step_times(timeline.plan, timeline.opened, steps=timeline.steps):
        text = step.edge.after.text if step.edge.after else "0m"
        who = person(timeline.book, step.target)
        events.append(Event("escalation", f"escalate to {step.target}", fires, clock, text, step=step, person=who))
    return events


class BadArgument(ValueError):
    """A question about a ticket that names what the playbook does not have, or a time that is not one.

    Worded once for every surface: `playbook simulate` prefixes the option (`--priority: ...`),
    the MCP tools the argument's name (`priority: ...`).
    """

    def __init__(self, name: str, problem: str, *, colon: bool = True) -> None:
        super().__init__(problem)
        self.name = name
        self.problem = problem
        self.colon = colon

    def worded(self, prefix: str = "") -> str:
        return f"{prefix}{self.name}{': ' if self.colon else ' '}{self.problem}"


@dataclass
class Question:
    """A ticket `playbook simulate` (or an MCP tool) asks about, checked against the playbook."""

    ticket: Ticket
    opened: float
    at: float | None  # also show what is due and who holds the ticket at this instant


# The ticket's attributes that choose an SLA policy, each with the `playbook simulate` option that gives it.
ATTRIBUTE_OPTIONS = {
    "tags": "tag",
    "organization": "org",
    "organization_tags": "org-tag",
    "form": "form",
    "ticket_type": "type",
    "group": "group",
    "brand": "brand",
    "fields": "field",
}


def question(
    book: Playbook, priority: str, channel: str | None, opened: str, at: str | None, zone: str | None, **attributes: Any
) -> Question:
    """The ticket `playbook simulate` asks about; BadArgument names the option it cannot use.

    `attributes`: the keys of ATTRIBUTE_OPTIONS (`fields` as NAME=VALUE texts); `zone`: the
    requester's, in which `opened` and `at` are read unless they carry an offset.
    """
    check_ticket(book, priority, channel)
    check_attributes(book, {name: attributes.get(name) for name in ATTRIBUTE_OPTIONS})
    values = {}
    for text in attributes.get("fields", ()):
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            raise BadArgument("field", f"{text!r} is not NAME=VALUE, e.g. preferred_region=emea")
        values[name.strip()] = value.strip()
    zone = zone or book.timezone
    opened_at = read_time(opened, zone, "opened")
    at_time = read_time(at, zone, "at") if at is not None else None
    check_after_opening(at_time, opened_at, at or "", opened)
    ticket = ticket_of(channel, **{**attributes, "fields": values})
    return Question(ticket, opened_at, at_time)


def check_after_opening(at: float | None, opened: float, at_text: str, opened_text: str, argument: str = "at") -> None:
    """Raise BadArgument when the instant asked about comes before the ticket was opened: no one holds it yet."""
    if at is not None and at < opened:
        raise BadArgument(argument, f"{at_text!r} is before the ticket was opened ({opened_text!r})")


def check_ticket(book: Playbook, priority: str, channel: str | None) -> None:
    """Raise BadArgument unless `priority` and `channel` are the playbook's (a channel is needed when it has any)."""
    if priority not in book.priorities:
        raise BadArgument("priority", f"no priority {priority!r}; choose from {', '.join(book.priorities)}")
    check_channel(book, channel)
    if channel is None and book.channels:
        raise BadArgument("channel", f"is required; choose from {', '.join(book.channels)}", colon=False)


def check_attributes(
    book: Playbook, given: dict[str, object], names: dict[str, str] | None = None, *, policies_only: bool = True
) -> None:
    """Raise BadArgument for ticket attributes the playbook cannot use to choose an SLA policy.

    `given` maps the attributes of `ticket_of` (tags, organization, ... fields) to what was given;
    `names` says what each is called where it was given (default: simulate's options, ATTRIBUTE_OPTIONS). With
    `policies_only`, attributes on a playbook without `sla_policies:` are an error (they would
    choose nothing); routing reads tags and fields too, so `classify_ticket` turns it off.
    """
    names = names or ATTRIBUTE_OPTIONS
    present = [key for key, value in given.items() if value]
    # Segments also decide the escalation steps written for some of them only.
    if policies_only and present and not book.policies and not any(edge.segments for edge in book.escalation):
        raise BadArgument(
            names[present[0]], "the playbook has no sla_policies, so a ticket's attributes choose no SLA policy"
        )
    group = given.get("group")
    if group and group not in book.teams:
        raise BadArgument(names["group"], f"no team {group!r}; choose from {', '.join(book.teams) or '(none)'}")


def check_channel(book: Playbook, channel: str | None) -> None:
    if channel is not None and channel not in book.channels:
        raise BadArgument("channel", f"no channel {channel!r}; choose from {', '.join(book.channels) or '(none)'}")


def check_zone(name: str | None, argument: str = "tz") -> None:
    """Raise BadArgument unless `name` (when given) is an IANA time zone."""
    from playbook.timemath import known_zone

    if name is not None and not known_zone(name):
        raise BadArgument(argument, f"unknown time zone {name!r}; use an IANA name such as America/Chicago")


def read_time(text: str, zone: str, argument: str) -> float:
    """`parse_time`, with a bad time raised as BadArgument naming `argument`."""
    try:
        return parse_time(text, zone)
    except ValueError as exc:
        raise BadArgument(argument, str(exc)) from None


def parse_time(text: str, zone: str) -> float:
    """An ISO date and time; read in `zone` unless it carries its own offset. Raises ValueError."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time such as 2026-12-24T16:50") from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
        zone = "UTC"
    return localize(value, zone).timestamp()
