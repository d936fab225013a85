"""The questions the MCP server answers, over a checked playbook: plain functions, no MCP here.

Every answer is a typed dictionary (the tools' output schemas are generated from
these types) and says which playbook line it rests on, as `path:line`, so an
agent's action can be checked against the rule behind it. Times come from the same
code as `playbook simulate` (`compiler.time.simulate`), so the answers agree with it.
Nothing reads the machine's clock: every moment is an argument.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence

from compiler.check.rules.pb402_round_the_clock_step_office_hours import office_hours_of
from compiler.plan import routing
from compiler.plan.phones import phone as parse_phone
from compiler.plan.plan import Plan, build_plan
from compiler.time import calendars, slastatus
from compiler.time import timeline_report as report
from compiler.time.simulate import (
    BadArgument,
    Event,
    Person,
    Timeline,
    check_channel,
    check_ticket,
    check_zone,
    read_time,
    simulate,
)
from compiler.time.timing import targets
from playbook.findings import Location
from playbook.model import Calendar, Contact, Playbook, Priority, Team
from playbook.units import format_seconds
from playbook.yamlload import Seq
from targets.shared.docs import words

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:  # pydantic, which builds the tools' schemas, needs this TypedDict before 3.12
    from typing_extensions import TypedDict

__all__ = ["Answers", "BadArgument"]

_STOP_WORDS = frozenset(
    "a an and are as at be by can do for from has have how i in is it its me my of on or our the their them "
    "they this to was we what when where which who whom why will with you your contact number call reach".split()
)


def cite(loc: Location) -> str:
    return f"{loc.path}:{loc.line}" if loc.line else loc.path


# ---------------------------------------------------------------- answer shapes


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
    metric: str | None  # deadlines: acknowledge, update_every, mitigate or resolve
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


class TimelineAnswer(TypedDict):
    playbook: str
    priority: PriorityRef
    channel: str | None
    clock: str  # the clock line of `playbook simulate`
    opened: Moment
    events: list[TimelineEvent]
    updates_continue: bool  # status updates go on after the last one listed
    text: str  # the whole timeline as `playbook simulate` prints it


class WhoHoldsAnswer(TypedDict):
    at: Moment
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
    sla: list[SlaTargetInfo]  # the targets of that priority on that channel
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
    update_number: int | None  # update_every: the update this is about (1 = the first)
    late_updates: int | None  # update_every: updates that came late
    source: str


class SlaStatusAnswer(TypedDict):
    priority: PriorityRef
    channel: str | None
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


# ---------------------------------------------------------------- the questions


class Answers:
    """The six questions over one checked playbook (no errors: `playbook lint` passes)."""

    def __init__(self, book: Playbook, plan: Plan | None = None) -> None:
        self.book = book
        self.plan = plan or build_plan(book)

    # -- classify_ticket

    def classify_ticket(
        self,
        channel: str | None = None,
        category: str | None = None,
        tags: Sequence[str] = (),
        fields: dict[str, str] | None = None,
        text: str = "",
    ) -> ClassifyAnswer:
        book = self.book
        check_channel(book, channel)
        fields = dict(fields or {})
        if category is None and "category" in fields:
            category = str(fields["category"])
        ignored = sorted(name for name in fields if name != "category")
        route = routing.first_match(book, channel, category, tags)
        examples = self._similar_examples(text)
        if route is None:
            return ClassifyAnswer(
                rule=None,
                team=None,
                within=None,
                priority=None,
                priority_reason="no routing rule takes this ticket and the playbook has no default rule",
                sla=[],
                similar_examples=examples,
                candidates=[self._priority_ref(p) for p in book.priorities.values()],
                ignored_fields=ignored,
                summary="No routing rule matches; add a rule with 'default: true' to route every ticket.",
            )
        rule = RuleRef(index=route.index, matches=routing.describe(route), source=cite(route.loc))
        team = book.teams.get(route.team)
        team_ref = TeamRef(
            id=route.team,
            name=team.name if team else route.team,
            email=team.email if team else "",
            source=cite(team.loc if team else route.where("team")),
        )
        within = route.within.text if route.within else None
        summary = f"Routing rule {route.index + 1} ({rule['matches']}, {rule['source']}) sends it to {team_ref['name']}"
        summary += f" within {within}" if within else ""
        if route.priority is None:
            reason = f"the matching rule ({rule['matches']}) sets no priority: choose one by its definition"
            return ClassifyAnswer(
                rule=rule,
                team=team_ref,
                within=within,
                priority=None,
                priority_reason=reason,
                sla=[],
                similar_examples=examples,
                candidates=[self._priority_ref(p) for p in book.priorities.values()],
                ignored_fields=ignored,
                summary=summary + "; it sets no priority.",
            )
        priority = book.priorities[route.priority]
        ref = self._priority_ref(priority)
        ref["source"] = cite(route.where("priority"))
        sla = [
            SlaTargetInfo(metric=t.metric, target=t.text, seconds=t.seconds, clock=t.clock, source=cite(t.source.loc))
            for t in targets(book, self.plan.priority(priority.id), channel).values()
        ]
        return ClassifyAnswer(
            rule=rule,
            team=team_ref,
            within=within,
            priority=ref,
            priority_reason=f"set by the matching routing rule ({rule['matches']})",
            sla=sla,
            similar_examples=examples,
            candidates=[],
            ignored_fields=ignored,
            summary=summary + f" as {priority.id} {priority.title}.".rstrip(),
        )

    def _priority_ref(self, priority: Priority) -> PriorityRef:
        return PriorityRef(
            id=priority.id, title=priority.title, definition=priority.definition, source=cite(priority.loc)
        )

    def _similar_examples(self, text: str) -> list[Example]:
        wanted = _words(text)
        if not wanted:
            return []
        found: list[tuple[int, int, int, Example]] = []
        for rank, priority in enumerate(self.book.priorities.values()):
            holder = priority.raw.get("examples")
            for index, example in enumerate(priority.examples):
                shared = sorted(wanted & _words(example))
                if not shared:
                    continue
                loc = Location(*holder.item_loc(index)) if isinstance(holder, Seq) else priority.where("examples")
                item = Example(priority=priority.id, example=example, shared_words=shared, source=cite(loc))
                found.append((-len(shared), rank, index, item))
        return [item for *_, item in sorted(found, key=lambda f: f[:3])[:5]]

    # -- ticket_timeline and who_holds

    def _timeline(self, priority: str, channel: str | None, opened: str, tz: str | None) -> tuple[Timeline, str]:
        check_zone(tz)
        check_ticket(self.book, priority, channel)
        zone = tz or self.book.timezone
        return simulate(self.plan, priority, channel, read_time(opened, zone, "opened")), zone

    def ticket_timeline(self, priority: str, channel: str | None, opened: str, tz: str | None = None) -> TimelineAnswer:
        timeline, _ = self._timeline(priority, channel, opened, tz)
        return TimelineAnswer(
            playbook=self.book.id,
            priority=self._priority_ref(timeline.plan.priority),
            channel=channel,
            clock=report.clock_line(timeline),
            opened=self._moment(timeline.opened, tz),
            events=[self._event(timeline, event, tz) for event in timeline.events],
            updates_continue=timeline.updates_continue,
            text=report.render_text(timeline, tz),
        )

    def who_holds(
        self, priority: str, channel: str | None, opened: str, at: str, tz: str | None = None
    ) -> WhoHoldsAnswer:
        timeline, zone = self._timeline(priority, channel, opened, tz)
        instant = read_time(at, zone, "at")
        holder, others = timeline.holder_at(instant)
        upcoming = [e for e in timeline.events if e.kind == "escalation" and e.at is not None and e.at > instant]
        first = upcoming[0].at if upcoming else None
        since = instant - timeline.opened
        relation = f"{format_seconds(abs(since))} {'after' if since >= 0 else 'before'} opening"
        holding = self._holding(timeline, holder, instant, tz)
        also = [self._holding(timeline, person, instant, tz) for person in others]
        nexts = [self._event(timeline, e, tz) for e in upcoming if e.at == first]
        summary = f"At {report.stamp(instant, self.book.timezone)} ({relation}): held by {report.who(holder)}"
        brought = [h["person"]["name"] for h in also if h["how"] == "brought in"]
        if brought:
            summary += f"; brought in: {', '.join(brought)}"
        if nexts:
            summary += f"; next at {nexts[0]['at']['shown'] if nexts[0]['at'] else 'never'}: "
            summary += "; ".join(e["what"] for e in nexts)
        return WhoHoldsAnswer(
            at=self._moment(instant, tz),
            since_opened=relation,
            holder=holding,
            also_notified=also,
            next_escalations=nexts,
            overdue=[self._event(timeline, e, tz) for e in timeline.overdue_at(instant)],
            next_due=[self._event(timeline, e, tz) for e in timeline.next_due_at(instant)],
            summary=summary + ".",
        )

    def _holding(self, timeline: Timeline, person: Person, instant: float, tz: str | None) -> Holding:
        for event in timeline.events:
            if event.kind == "escalation" and event.person == person and event.at is not None and event.at <= instant:
                assert event.step is not None
                how = "brought in" if event.step.edge.kind == "functional" else "escalated"
                return Holding(
                    person=self._contactable(person.id),
                    how=how,
                    since=self._moment(event.at, tz),
                    source=cite(event.step.edge.loc),
                )
        priority = timeline.plan.priority
        return Holding(
            person=self._contactable(person.id),
            how="owner",
            since=self._moment(timeline.opened, tz),
            source=cite(priority.where("owner")),
        )

    def _event(self, timeline: Timeline, event: Event, tz: str | None) -> TimelineEvent:
        edge = event.step.edge if event.step is not None else None
        if edge is not None:
            source = cite(edge.loc)
        elif event.kind == "deadline":
            found = targets(self.book, timeline.plan, timeline.channel).get(event.metric)
            source = cite(found.source.loc) if found else cite(timeline.plan.priority.loc)
        else:
            source = cite(timeline.plan.priority.where("owner"))
        return TimelineEvent(
            kind=event.kind,
            label=event.label,
            at=self._moment(event.at, tz) if event.at is not None else None,
            what=report.describe(timeline, event),
            metric=event.metric or None,
            target=event.target or None,
            clock=event.clock,
            person=self._contactable(event.person.id) if event.person is not None else None,
            step_kind=edge.kind if edge else None,
            condition=edge.when if edge else None,
            note=(edge.note or None) if edge else None,
            source=source,
        )

    # -- sla_status

    def sla_status(
        self,
        priority: str,
        channel: str | None,
        opened: str,
        now: str,
        acknowledged: str | None = None,
        mitigated: str | None = None,
        resolved: str | None = None,
        updates: Sequence[str] = (),
        tz: str | None = None,
    ) -> SlaStatusAnswer:
        check_zone(tz)
        check_ticket(self.book, priority, channel)
        zone = tz or self.book.timezone
        start = read_time(opened, zone, "opened")
        instant = read_time(now, zone, "now")
        if instant < start:
            raise BadArgument("now", f"{now!r} is before the ticket was opened ({opened!r})")
        moments: dict[str, float | None] = {}
        for name, text in (("acknowledged", acknowledged), ("mitigated", mitigated), ("resolved", resolved)):
            moments[name] = self._progress_time(name, text, zone, start, instant)
        done_updates = [self._progress_time("updates", text, zone, start, instant) or start for text in updates]
        progress = slastatus.Progress(moments["acknowledged"], moments["mitigated"], moments["resolved"], done_updates)
        plan = self.plan.priority(priority)
        states = [
            self._metric_state(item, tz)
            for item in slastatus.status(self.book, plan, channel, start, instant, progress)
        ]
        breached = [s["metric"] for s in states if s["status"] == "breached"]
        at_risk = [s["metric"] for s in states if s["status"] == "at_risk"]
        if not states:
            summary = f"{priority} has no SLA targets{f' on {channel}' if channel else ''}."
        else:
            summary = "; ".join(f"{s['metric']} {s['status'].replace('_', ' ')} ({s['left']})" for s in states) + "."
        return SlaStatusAnswer(
            priority=self._priority_ref(plan.priority),
            channel=channel,
            now=self._moment(instant, tz),
            metrics=states,
            breached=breached,
            at_risk=at_risk,
            summary=summary,
        )

    def _progress_time(self, name: str, text: str | None, zone: str, start: float, now: float) -> float | None:
        if text is None:
            return None
        instant = read_time(text, zone, name)
        if instant < start:
            raise BadArgument(name, f"{text!r} is before the ticket was opened")
        if instant > now:
            raise BadArgument(name, f"{text!r} is after now; the status is judged at now")
        return instant

    def _metric_state(self, item: slastatus.MetricStatus, tz: str | None) -> MetricState:
        if item.left is None:
            left = "no deadline: the calendar never gives the time"
        elif item.left < 0:
            left = f"late by {format_seconds(-item.left)}"
        elif item.done is not None:
            left = f"done with {format_seconds(item.left)} to spare"
        else:
            left = f"{format_seconds(item.left)} left"
        cadence = item.metric == "update_every"
        return MetricState(
            metric=item.metric,
            status=item.status,
            target=item.target.text,
            clock=item.target.clock,
            due=self._moment(item.due, tz) if item.due is not None else None,
            done=self._moment(item.done, tz) if item.done is not None else None,
            left_seconds=item.left,
            left=left,
            update_number=item.number if cadence else None,
            late_updates=item.late if cadence else None,
            source=cite(item.target.source.loc),
        )

    # -- find_contact

    def find_contact(self, query: str, at: str | None = None, tz: str | None = None) -> FindContactAnswer:
        check_zone(tz)
        words_wanted = _words(query, keep_short=True)
        typed_digits = re.sub(r"\D", "", query)
        if not words_wanted and len(typed_digits) < 4:
            raise BadArgument("query", "give a name, role, team, id or phone number to look for")
        instant = read_time(at, tz or self.book.timezone, "at") if at is not None else None
        roles = self._roles()
        scored: list[tuple[int, int, ContactMatch]] = []
        nodes: list[Contact | Team] = [*self.book.contacts.values(), *self.book.teams.values()]
        for order, node in enumerate(nodes):
            hay = _words(" ".join(self._haystack(node, roles.get(node.id, []))), keep_short=True)
            matched = sorted(w for w in words_wanted if any(h == w or h.startswith(w) for h in hay))
            number = node.phone if isinstance(node, Contact) else self._team_phone(node)
            if number and parse_phone(number).matches(query):
                matched.append(number)
            if not matched:
                continue
            scored.append(
                (-len(matched), order, self._contact_match(node, roles.get(node.id, []), matched, instant, tz))
            )
        matches = [item for *_, item in sorted(scored, key=lambda s: s[:2])][:5]
        if not matches:
            summary = f"No contact or team matches {query!r}."
        else:
            best = matches[0]
            person = best["contact"]
            reach = person["phone_display"] or person["email"] or "no phone or email"
            summary = f"{person['name']} ({person['id']}): {reach}; {best['available']['summary']}"
            summary += (
                f"; {len(matches) - 1} more match" + ("es" if len(matches) > 2 else "") if len(matches) > 1 else ""
            )
        return FindContactAnswer(query=query, matches=matches, summary=summary + ".")

    def _roles(self) -> dict[str, list[str]]:
        """What the playbook asks of each contact or team, in words an agent would search for."""
        book = self.book
        roles: dict[str, list[str]] = {}

        def add(node: str | None, role: str) -> None:
            if node:
                roles.setdefault(node, [])
                if role not in roles[node]:
                    roles[node].append(role)

        organisation = book.organisation
        if organisation is not None:
            add(organisation.privacy_contact, "privacy contact")
            add(organisation.security_contact, "security contact")
            add(organisation.emergency_line, "emergency line")
        for pp in self.plan.priorities:
            for owner in pp.owners:
                add(owner, f"{pp.id} owner")
            add(pp.priority.incident_commander, f"{pp.id} incident commander")
            first = len(pp.owners) + 1
            for index, step in enumerate(pp.steps):
                kind = "brought in" if step.edge.kind == "functional" else "escalation"
                add(step.target, f"{pp.id} {kind} step {first + index}")
        for team in book.teams.values():
            add(team.lead, f"lead of {team.name}")
            for member in team.members:
                add(member, f"member of {team.name}")
        for route in book.routing:
            add(route.team, f"routing: {routing.describe(route)}")
        for alert in book.alerts:
            add(alert.notify, f"notified by the {alert.metric} alert")
        return roles

    def _haystack(self, node: Contact | Team, roles: list[str]) -> list[str]:
        parts = [node.id, node.id.replace("-", " "), node.name, *roles]
        if isinstance(node, Contact):
            parts += [node.title, node.kind, node.notes, node.email]
            team = self.book.teams.get(node.team) if node.team else None
            parts += [team.name] if team else []
            parts += ["on call"] if node.on_call else []
        else:
            parts += ["team", node.email]
        return parts

    def _team_phone(self, team: Team) -> str:
        lead = self.book.contacts.get(team.lead) if team.lead else None
        return lead.phone if lead else ""

    def _contact_match(
        self, node: Contact | Team, roles: list[str], matched: list[str], instant: float | None, tz: str | None
    ) -> ContactMatch:
        return ContactMatch(
            contact=self._contactable(node.id),
            on_call=node.on_call,
            available=self._availability(node, instant, tz),
            roles=roles,
            team=node.team if isinstance(node, Contact) else None,
            verified=node.verified.isoformat() if isinstance(node, Contact) and node.verified else None,
            notes=node.notes if isinstance(node, Contact) else "",
            matched=matched,
        )

    def _availability(self, node: Contact | Team, instant: float | None, tz: str | None) -> Availability:
        calendar, why, loc = self._reach_calendar(node)
        if calendar is None:
            return Availability(
                summary=why,
                calendar=None,
                open_at=True if instant is not None else None,
                next_change=None,
                source=cite(loc),
            )
        summary = f"{calendar.id} hours: " + "; ".join(words.opening_hours(calendar))
        open_at: bool | None = None
        change: Moment | None = None
        if instant is not None:
            open_at, when = calendars.state_at(calendar, instant)
            change = self._moment(when, tz) if when is not None else None
            summary += "; open now" if open_at else "; closed now"
            if change is not None:
                summary += f", {'closes' if open_at else 'opens'} {change['shown']}"
        return Availability(
            summary=summary, calendar=calendar.id, open_at=open_at, next_change=change, source=cite(loc)
        )

    def _reach_calendar(self, node: Contact | Team) -> tuple[Calendar | None, str, Location]:
        """The calendar limiting when `node` can be reached (None: any time), why, and the line that says so.

        Rule PB402's reading, so the linter and the answers never disagree: on call (or a team
        with an on-call member) means any time; else the contact's `available` calendar, else
        its team's; a 24/7 calendar limits nothing.
        """
        limit = office_hours_of(self.book, node.id)
        if limit is not None:
            return limit[0], "", limit[1]
        if node.on_call:
            return None, "any time (on call)", node.where("on_call")
        return None, "any time", node.loc

    # -- calendar_status

    def calendar_status(self, calendar: str, at: str, tz: str | None = None) -> CalendarAnswer:
        check_zone(tz)
        found = self.book.calendars.get(calendar)
        if found is None:
            raise BadArgument(
                "calendar", f"no calendar {calendar!r}; choose from {', '.join(self.book.calendars) or '(none)'}"
            )
        instant = read_time(at, tz or self.book.timezone, "at")
        is_open, when = calendars.state_at(found, instant)
        dates = calendars.local_dates(found, instant)
        near = calendars.holidays_between(found, min(dates), min(dates) + dt.timedelta(days=366))
        today = next((h for h in near if h.date in dates), None)
        upcoming = [h for h in near if h.date > max(dates)][:5]
        change = self._moment(when, tz) if when is not None else None
        next_state = None if when is None else ("closed" if is_open else "open")
        summary = f"{found.id} is {'open' if is_open else 'closed'} at {report.stamp(instant, self.book.timezone)}"
        if today is not None:
            summary += f" ({today.name})"
        if change is not None:
            summary += f"; {'closes' if is_open else 'opens'} {change['shown']}"
        elif found.always:
            summary += "; open around the clock"
        return CalendarAnswer(
            calendar=found.id,
            description=str(found.raw.get("description", "")),
            timezones=calendars.zones(found),
            always_open=found.always,
            hours=words.opening_hours(found),
            at=self._moment(instant, tz),
            open=is_open,
            next_change=change,
            next_state=next_state,
            holiday=_holiday(today) if today else None,
            upcoming_holidays=[_holiday(h) for h in upcoming],
            summary=summary + ".",
            source=cite(found.loc),
        )

    # -- shared pieces

    def _moment(self, instant: float, tz: str | None) -> Moment:
        own = self.book.timezone
        return Moment(
            utc=dt.datetime.fromtimestamp(instant, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            local=report.local(instant, own).isoformat(),
            shown=report.stamp(instant, own),
            requester_local=report.local(instant, tz).isoformat() if tz and tz != own else None,
        )

    def _contactable(self, node_id: str) -> Contactable:
        node = self.book.node(node_id)
        if isinstance(node, Contact):
            number, kind, title, email = node.phone, node.kind, node.title, node.email
        elif isinstance(node, Team):
            number, kind, email = self._team_phone(node), "team", node.email
            lead = self.book.contacts.get(node.lead) if node.lead else None
            title = f"team, led by {lead.name}" if lead else "team"
        else:
            return Contactable(
                id=node_id, name=node_id, kind="", title="", phone="", phone_display="", tel="", email="", source=""
            )
        shown = parse_phone(number) if number else None
        return Contactable(
            id=node.id,
            name=node.name,
            kind=kind,
            title=title,
            phone=number,
            phone_display=shown.display if shown else "",
            tel=shown.tel if shown else "",
            email=email,
            source=cite(node.loc),
        )


def _holiday(holiday: calendars.Holiday) -> HolidayInfo:
    return HolidayInfo(date=holiday.date.isoformat(), name=holiday.name, source=cite(holiday.loc))


def _words(text: str, *, keep_short: bool = False) -> set[str]:
    found = set(re.findall(r"[a-z0-9]+", text.lower()))
    return {w for w in found if w not in _STOP_WORDS and (keep_short or len(w) > 2)}
