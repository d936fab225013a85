"""The questions the MCP server answers, over a checked playbook: plain functions, no MCP here.

Every answer is a typed dictionary (the tools' output schemas are generated from
these types) and says which playbook line it rests on, as `path:line`, so an
agent's action can be checked against the rule behind it. Times come from the same
code as `playbook simulate` (`compiler.time.simulate`), so the answers agree with it.
Nothing reads the machine's clock: every moment is an argument.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from compiler.plan import routing
from compiler.plan.phones import phone as parse_phone
from compiler.plan.plan import Plan, build_plan, policy_cells
from compiler.time import calendars, slastatus
from compiler.time import timeline_report as report
from compiler.time.simulate import (
    BadArgument,
    Event,
    Person,
    Timeline,
    check_after_opening,
    check_attributes,
    check_channel,
    check_ticket,
    check_zone,
    choose_policy,
    read_time,
    simulate,
    sla_view,
    targets_of,
)
from mcpserver.contacts import ContactSearch, words_in
from mcpserver.policies import (
    ATTRIBUTE_ARGUMENTS,
    NO_ATTRIBUTES,
    TicketAttributes,
    policy_clause,
    policy_fields,
    policy_info,
    ticket_for,
)
from mcpserver.shapes import (
    CalendarAnswer,
    ClassifyAnswer,
    Contactable,
    Example,
    FindContactAnswer,
    Holding,
    HolidayInfo,
    MetricState,
    Moment,
    PriorityRef,
    RuleRef,
    SlaStatusAnswer,
    SlaTargetInfo,
    TeamRef,
    TimelineAnswer,
    TimelineEvent,
    WhoHoldsAnswer,
    cite,
)
from playbook.findings import Location
from playbook.model import Playbook, Priority
from playbook.units import format_seconds
from playbook.yamlload import Seq
from targets.shared.docs import words

__all__ = ["Answers", "BadArgument"]


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
        attributes: TicketAttributes = NO_ATTRIBUTES,
    ) -> ClassifyAnswer:
        """`tags` and `fields` route the ticket and, with the other `attributes`, choose its SLA policy."""
        book = self.book
        check_channel(book, channel)
        fields = dict(fields or {})
        attributes = dataclasses.replace(attributes, tags=tuple(tags), fields=fields)
        check_attributes(book, attributes.given(), ATTRIBUTE_ARGUMENTS, policies_only=False)
        if category is None and "category" in fields:
            category = str(fields["category"])
        read = {"category"} | policy_fields(book)
        ignored = sorted(name for name in fields if name not in read)
        choice = choose_policy(self.plan, ticket_for(channel, attributes)) if self.plan.policies else None
        policy = policy_info(choice)
        route = routing.first_match(book, channel, category, tags, ticket_for(channel, attributes))
        examples = self._similar_examples(text)
        if route is None:
            return ClassifyAnswer(
                rule=None,
                team=None,
                within=None,
                priority=None,
                priority_reason="no routing rule takes this ticket and the playbook has no default rule",
                policy=policy,
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
                policy=policy,
                sla=[],
                similar_examples=examples,
                candidates=[self._priority_ref(p) for p in book.priorities.values()],
                ignored_fields=ignored,
                summary=summary + "; it sets no priority" + policy_clause(choice) + ".",
            )
        priority = book.priorities[route.priority]
        ref = self._priority_ref(priority)
        ref["source"] = cite(route.where("priority"))
        prio = self.plan.priority(priority.id)
        cells = prio.cells(channel)
        if choice is not None:
            cells = policy_cells(book, choice.policy.policy, priority, choice.field_value)
        sla = [
            SlaTargetInfo(metric=t.metric, target=t.text, seconds=t.seconds, clock=t.clock, source=cite(t.source.loc))
            for t in cells.values()
        ]
        return ClassifyAnswer(
            rule=rule,
            team=team_ref,
            within=within,
            priority=ref,
            priority_reason=f"set by the matching routing rule ({rule['matches']})",
            policy=policy,
            sla=sla,
            similar_examples=examples,
            candidates=[],
            ignored_fields=ignored,
            summary=summary + f" as {priority.id} {priority.title}".rstrip() + policy_clause(choice) + ".",
        )

    def _priority_ref(self, priority: Priority) -> PriorityRef:
        return PriorityRef(
            id=priority.id, title=priority.title, definition=priority.definition, source=cite(priority.loc)
        )

    def _similar_examples(self, text: str) -> list[Example]:
        wanted = words_in(text)
        if not wanted:
            return []
        found: list[tuple[int, int, int, Example]] = []
        for rank, priority in enumerate(self.book.priorities.values()):
            holder = priority.raw.get("examples")
            for index, example in enumerate(priority.examples):
                shared = sorted(wanted & words_in(example))
                if not shared:
                    continue
                loc = Location(*holder.item_loc(index)) if isinstance(holder, Seq) else priority.where("examples")
                item = Example(priority=priority.id, example=example, shared_words=shared, source=cite(loc))
                found.append((-len(shared), rank, index, item))
        return [item for *_, item in sorted(found, key=lambda f: f[:3])[:5]]

    # -- ticket_timeline and who_holds

    def _timeline(
        self, priority: str, channel: str | None, opened: str, tz: str | None, attributes: TicketAttributes
    ) -> tuple[Timeline, str]:
        check_zone(tz)
        check_ticket(self.book, priority, channel)
        check_attributes(self.book, attributes.given(), ATTRIBUTE_ARGUMENTS)
        zone = tz or self.book.timezone
        ticket = ticket_for(channel, attributes)
        return simulate(self.plan, priority, channel, read_time(opened, zone, "opened"), ticket), zone

    def ticket_timeline(
        self,
        priority: str,
        channel: str | None,
        opened: str,
        tz: str | None = None,
        attributes: TicketAttributes = NO_ATTRIBUTES,
    ) -> TimelineAnswer:
        timeline, _ = self._timeline(priority, channel, opened, tz, attributes)
        return TimelineAnswer(
            playbook=self.book.id,
            priority=self._priority_ref(timeline.plan.priority),
            channel=channel,
            policy=policy_info(timeline.policy),
            clock=report.clock_line(timeline),
            opened=self._moment(timeline.opened, tz),
            events=[self._event(timeline, event, tz) for event in timeline.events],
            updates_continue=timeline.updates_continue,
            text=report.render_text(timeline, tz),
        )

    def who_holds(
        self,
        priority: str,
        channel: str | None,
        opened: str,
        at: str,
        tz: str | None = None,
        attributes: TicketAttributes = NO_ATTRIBUTES,
    ) -> WhoHoldsAnswer:
        timeline, zone = self._timeline(priority, channel, opened, tz, attributes)
        instant = read_time(at, zone, "at")
        check_after_opening(instant, timeline.opened, at, opened)
        holder, others = timeline.holder_at(instant)
        upcoming = [e for e in timeline.events if e.kind == "escalation" and e.at is not None and e.at > instant]
        first = upcoming[0].at if upcoming else None
        since = instant - timeline.opened
        relation = f"{format_seconds(since)} after opening"
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
        summary += policy_clause(timeline.policy)
        return WhoHoldsAnswer(
            at=self._moment(instant, tz),
            policy=policy_info(timeline.policy),
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
            found = targets_of(timeline).get(event.metric.removesuffix(" limit"))
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
        attributes: TicketAttributes = NO_ATTRIBUTES,
    ) -> SlaStatusAnswer:
        timeline, zone = self._timeline(priority, channel, opened, tz, attributes)
        start = timeline.opened
        instant = read_time(now, zone, "now")
        check_after_opening(instant, start, now, opened, "now")
        moments: dict[str, float | None] = {}
        for name, text in (("acknowledged", acknowledged), ("mitigated", mitigated), ("resolved", resolved)):
            moments[name] = self._progress_time(name, text, zone, start, instant)
        done_updates = [self._progress_time("updates", text, zone, start, instant) or start for text in updates]
        progress = slastatus.Progress(moments["acknowledged"], moments["mitigated"], moments["resolved"], done_updates)
        plan = sla_view(timeline)
        states = [
            self._metric_state(item, tz)
            for item in slastatus.status(self.book, plan, channel, start, instant, progress)
        ]
        breached = [s["metric"] for s in states if s["status"] == "breached"]
        at_risk = [s["metric"] for s in states if s["status"] == "at_risk"]
        if not states:
            summary = f"{priority} has no SLA targets{f' on {channel}' if channel else ''}."
        else:
            summary = "; ".join(f"{s['metric']} {s['status'].replace('_', ' ')} ({s['left']})" for s in states)
            summary += policy_clause(timeline.policy) + "."
        return SlaStatusAnswer(
            priority=self._priority_ref(plan.priority),
            channel=channel,
            policy=policy_info(timeline.policy),
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
        cadence = item.metric in slastatus.CADENCES
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
        return ContactSearch(self.book, self.plan, self._moment, self._contactable).find(query, at, tz)

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
        reach = self.book.reach(node_id)
        node = reach.contact or reach.team
        if node is None:
            return Contactable(
                id=node_id, name=node_id, kind="", title="", phone="", phone_display="", tel="", email="", source=""
            )
        if reach.contact is not None:
            kind, title = reach.contact.kind, reach.contact.title
        else:
            kind, title = "team", f"team, led by {reach.lead.name}" if reach.lead else "team"
        shown = parse_phone(reach.phone) if reach.phone else None
        return Contactable(
            id=node.id,
            name=node.name,
            kind=kind,
            title=title,
            phone=reach.phone,
            phone_display=shown.display if shown else "",
            tel=shown.tel if shown else "",
            email=reach.email,
            source=cite(node.loc),
        )


def _holiday(holiday: calendars.Holiday) -> HolidayInfo:
    return HolidayInfo(date=holiday.date.isoformat(), name=holiday.name, source=cite(holiday.loc))
