"""Automation rules: ticket-creation rules for routing, hourly time triggers for escalation steps."""

from __future__ import annotations

import html

from compiler.plan.helpdesk import facts_of, whole_hours
from compiler.plan.plan import PriorityPlan, Step
from compiler.plan.scopes import RULE_FIELDS, rule_conditions
from playbook.model import Route
from targets.freshdesk.context import OPEN, RESOLVED, TEXTS, Context
from targets.freshdesk.escalation import EscalationSplit
from targets.shared.helpdesk import MITIGATED_TAG, escalation_texts, rounding_note, slug, step_tag, tag

TICKET_CREATION = 1
TIME_TRIGGERS = 3


def prop(field: str, operator: str, value: object, **extra: object) -> dict[str, object]:
    return {"resource_type": "ticket", "field_name": field, "operator": operator, "value": value, **extra}


def _rule(
    ctx: Context, kind: int, name: str, title: str, position: int, props: list[dict], actions: list[dict]
) -> None:
    body = {
        "name": title,
        "position": position,
        "active": True,
        "conditions": [{"name": "condition_set_1", "match_type": "all", "properties": props}],
        "actions": actions,
    }
    folder = "ticket_creation_rules" if kind == TICKET_CREATION else "time_trigger_rules"
    ctx.bundle.add(
        folder[:-1], f"automations/{folder}/{name}.json", "POST", f"/api/v2/automations/{kind}/rules", body, title
    )


def emit_routing(ctx: Context) -> None:
    position = 0
    for route in ctx.book.routing:
        props = _route_match(ctx, route)
        if props is None:
            continue
        position += 1
        team = ctx.book.teams[route.team]
        actions: list[dict] = [{"field_name": "group_id", "value": ctx.group(route.team)}]
        if route.priority and route.priority in ctx.levels:
            actions.append({"field_name": "priority", "value": ctx.levels[route.priority]})
        what = _describe(route)
        title = f"Route {route.index + 1}: {what} -> {team.name}"
        _rule(ctx, TICKET_CREATION, f"route-{route.index + 1:02d}-{slug(what)}", title, position, props, actions)
    if position:
        ctx.bundle.manual(
            "freshdesk-first-match",
            "Keep ticket-creation rules on 'first matching rule'",
            "Routing in the playbook is first match wins; Freshdesk's choice between running the first or all "
            "matching ticket-creation rules is an account setting the API cannot set.",
            ["Admin > Workflows > Automations > Ticket creation: select 'Execute first matching rule'."],
        )


def _describe(route: Route) -> str:
    if route.category:
        return f"category {route.category}"
    if route.tag:
        return f"tag {route.tag}"
    if route.segment:
        return f"segment {route.segment}"
    if route.channel:
        return f"channel {route.channel}"
    return "default"


def _route_match(ctx: Context, route: Route) -> list[dict] | None:
    if route.category:
        return [prop("tags", "in", [tag("category", route.category)])]
    if route.tag:
        return [prop("tags", "in", [route.tag])]
    if route.segment:
        return _segment_match(ctx, route)
    if route.channel:
        codes = ctx.codes.get(route.channel, ())
        if not codes:
            message = f"channel {route.channel} has no Freshdesk source, so this route was left out"
            ctx.bundle.note("omitted", f"routing[{route.index}]", message)
            return None
        return [prop("source", "in", list(codes))]
    # The catch-all: tickets no earlier rule gave a group ('' means none).
    return [prop("group_id", "in", [""])]


def _segment_match(ctx: Context, route: Route) -> list[dict] | None:
    """A segment as ticket-creation conditions: tags, ticket types and sources (its stand-in, if it names one)."""
    assert route.segment is not None
    props, why = segment_props(ctx, route.segment)
    if why:
        message = f"a Freshdesk ticket-creation rule cannot test segment {route.segment} ({why})"
        ctx.bundle.note("omitted", f"routing[{route.index}]", message + ", so this route was left out")
        return None
    return props


def segment_props(ctx: Context, segment: str) -> tuple[list[dict], str]:
    """The rule conditions that select a segment's tickets, or why a rule cannot (compiler.plan.scopes)."""
    conditions, why = rule_conditions(ctx.book, segment, facts_of("freshdesk"), ctx.codes)
    props = []
    for attribute, values in conditions:
        if attribute == "channels":
            values = tuple(str(code) for cid in values for code in ctx.codes.get(cid, ()))
        props.append(prop(RULE_FIELDS[attribute], "in", [int(v) if attribute == "channels" else v for v in values]))
    return props, why


def email_html(text: str) -> str:
    """Plain text as an email body: paragraphs, line breaks, and playbook text escaped, never markup."""
    paragraphs = (html.escape(part).replace("\n", "<br>") for part in text.split("\n\n"))
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def emit_time_triggers(ctx: Context, escalation: EscalationSplit) -> None:
    position = 0
    unacknowledged = False
    for prio, level in ctx.carried():
        for step in prio.steps:
            if (prio.id, step.order) in escalation.covered:
                continue
            position = _time_trigger(ctx, prio, level, step, position)
            unacknowledged = unacknowledged or step.edge.when == "unacknowledged"
    if position:
        ctx.bundle.note(
            "approximated",
            "escalation",
            "Freshdesk time triggers run once an hour: a step due at N hours fires at the first run after N hours",
        )
    if unacknowledged:
        ctx.bundle.note(
            "approximated",
            "escalation",
            "'when: unacknowledged' is compiled as 'status is Open' in time triggers: they cannot see the first reply",
        )


def _status(step: Step) -> dict[str, object]:
    if step.edge.when == "unacknowledged":
        return prop("status", "in", [OPEN])
    return prop("status", "not_in", RESOLVED)


def _time_trigger(ctx: Context, prio: PriorityPlan, level: int, step: Step, position: int) -> int:
    """The step's time trigger (one per segment for a step scoped to segments) after `position`; the last used."""
    hours = whole_hours(step.offset)
    extra = {}
    if step.clock == "business" and prio.calendar is not None:
        extra["business_hours_id"] = ctx.business_hours(prio.calendar.id)
    # Time triggers run hourly over every ticket, so "0 hours" needs no hours condition at all.
    timing = [prop("hours_since_created", "greater_than", hours, **extra)] if hours else []
    props = [
        *timing,
        prop("priority", "in", [level]),
        _status(step),
        prop("tags", "not_in", [step_tag(step)]),
    ]
    if step.edge.when == "unmitigated":
        props.append(prop("tags", "not_in", [MITIGATED_TAG]))
    scopes: list[tuple[str, str, list[dict]]] = [("", "", [])]
    if step.segments:
        scopes = []
        for segment in step.segments:
            selects, why = segment_props(ctx, segment)
            if why:
                message = f"a Freshdesk time trigger cannot test segment {segment} ({why}), so the step was left out"
                ctx.bundle.note("omitted", f"{prio.id} step {step.order}", message + " for its tickets")
                continue
            scopes.append((f" ({segment})", f"-{slug(segment)}", selects))
    subject, text = escalation_texts(ctx.book, prio, step, TEXTS)
    body = email_html(text)
    if step.target in ctx.book.teams:
        notify = {"field_name": "send_email_to_group", "email_to": ctx.group(step.target)}
    else:
        notify = {"field_name": "send_email_to_agent", "email_to": ctx.agent(step.target)}
    notify.update({"email_subject": subject, "email_body": body})
    actions = [notify, {"field_name": "add_tag", "value": [step_tag(step)]}]
    title = f"Escalate {prio.id} step {step.order}: {step.source} -> {step.target}"
    name = f"{slug(prio.id)}-step-{step.order}-{slug(step.target)}"
    for label, suffix, selects in scopes:
        position += 1
        _rule(ctx, TIME_TRIGGERS, name + suffix, title + label, position, props + selects, actions)
    note = rounding_note(prio, step, "Freshdesk")
    if note and scopes:
        ctx.bundle.note("rounded", f"{prio.id} step {step.order}", note)
    return position
