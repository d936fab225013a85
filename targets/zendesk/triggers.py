"""Triggers: routing (first match wins), the schedule each priority counts on, top-priority alerts."""

from __future__ import annotations

from compiler.plan.scopes import segment_scope
from playbook.model import Route
from targets.shared.helpdesk import business_calendars, node_name, policy_business, slug, tag
from targets.shared.payloads import Ref
from targets.zendesk.context import TEXTS, Context
from targets.zendesk.directory import category_tag
from targets.zendesk.schedules import schedule_ref
from targets.zendesk.sla import FACTS, conditions, policy_scopes, policy_tag

CATEGORY = Ref("trigger_category", "playbook")
UNGROUPED = {"field": "group_id", "operator": "is", "value": ""}
CREATED = {"field": "update_type", "operator": "is", "value": "Create"}
UNSOLVED = {"field": "status", "operator": "less_than", "value": "solved"}


def emit(ctx: Context) -> None:
    body = {"trigger_category": {"name": f"Playbook: {ctx.book.name}"}}
    ctx.bundle.add(
        "trigger_category",
        "trigger_categories/playbook.json",
        "POST",
        "/api/v2/trigger_categories",
        body,
        "Trigger category",
        CATEGORY,
    )
    for route in ctx.book.routing:
        _routing(ctx, route)
    if any(route.within is not None for route in ctx.book.routing):
        ctx.bundle.note(
            "not-expressible",
            "routing",
            "routing time targets ('within') are not a Zendesk setting: the triggers route at creation",
        )
    _schedules(ctx)
    _policies(ctx)
    _top_priority(ctx)


def _add(
    ctx: Context, name: str, title: str, all_: list[dict], actions: list[dict], any_: list[dict] | None = None
) -> None:
    body = {
        "trigger": {
            "title": title,
            "active": True,
            "category_id": CATEGORY,
            "conditions": {"all": all_, "any": any_ or []},
            "actions": actions,
        }
    }
    ctx.bundle.add("trigger", f"triggers/{name}.json", "POST", "/api/v2/triggers", body, f"Trigger {title}")


def _routing(ctx: Context, route: Route) -> None:
    """Each routing trigger only takes tickets no earlier one routed: first match wins, as in the playbook."""
    matched = _route_match(ctx, route)
    if matched is None:
        return
    all_, any_, what = matched
    team = ctx.book.teams[route.team]
    actions: list[dict] = [{"field": "group_id", "value": ctx.group(route.team)}]
    if route.priority and route.priority in ctx.levels:
        actions.append({"field": "priority", "value": ctx.levels[route.priority]})
    title = f"Route {route.index + 1}: {what} -> {team.name}"
    _add(ctx, f"route-{route.index + 1:02d}-{slug(what)}", title, [CREATED, UNGROUPED, *all_], actions, any_)


def _route_match(ctx: Context, route: Route) -> tuple[list[dict], list[dict], str] | None:
    """(all conditions, any conditions, description) for what a route matches; None when Zendesk cannot."""
    if route.category:
        tag_value = category_tag(route.category)
        return [{"field": "current_tags", "operator": "includes", "value": tag_value}], [], f"category {route.category}"
    if route.tag:
        return [{"field": "current_tags", "operator": "includes", "value": route.tag}], [], f"tag {route.tag}"
    if route.segment:
        found = segment_scope(ctx.book, route.segment, FACTS, ctx.codes)
        if not found.expressible:
            message = f"Zendesk cannot select segment {route.segment}: {'; '.join(found.problems)}"
            ctx.bundle.note("omitted", f"routing[{route.index}]", message + ", so this route was left out")
            return None
        all_, any_ = conditions(ctx, found)
        return all_, any_, f"segment {route.segment}"
    if route.channel:
        codes = ctx.codes.get(route.channel, ())
        if not codes:
            message = f"channel {route.channel} has no Zendesk via_id, so this route was left out"
            ctx.bundle.note("omitted", f"routing[{route.index}]", message)
            return None
        return [], [{"field": "via_id", "operator": "is", "value": str(c)} for c in codes], f"channel {route.channel}"
    return [], [], "default"


def _schedules(ctx: Context) -> None:
    """Business-hour targets count on the ticket's schedule: set it from the priority."""
    for calendar in business_calendars(ctx.plan.priorities):
        levels = [level for prio, level in ctx.carried() if prio.calendar is calendar]
        if not levels:
            continue
        any_ = [{"field": "priority", "operator": "is", "value": level} for level in levels]
        actions = [{"field": "set_schedule", "value": schedule_ref(calendar.id)}]
        title = f"Use schedule {calendar.id} for {', '.join(levels)}"
        _add(ctx, f"schedule-{slug(calendar.id)}", title, [UNSOLVED], actions, any_)


def _policies(ctx: Context) -> None:
    """Mark each ticket with its SLA policy and set the schedule the policy counts on.

    Zendesk applies the first SLA policy whose filter matches, but every trigger
    whose conditions hold fires. So the triggers run in reverse policy order,
    each tagging the ticket with its policy (and removing the others' tags) and
    setting its schedule: the last to fire, the first matching policy, wins, as
    in the SLA policies. A calendar chosen by a field is a further trigger per
    value, after the policy's own.
    """
    scopes = policy_scopes(ctx)
    if not scopes:
        return
    tags = [policy_tag(policy_plan.id) for policy_plan, _ in scopes]
    for policy_plan, found in reversed(scopes):
        policy = policy_plan.policy
        own = policy_tag(policy.id)
        others = " ".join(t for t in tags if t != own)
        all_, any_ = conditions(ctx, found)
        business = policy_business(ctx.plan, policy_plan)
        choice = policy.calendar
        actions: list[dict] = [{"field": "current_tags", "value": own}]
        if others:
            actions.append({"field": "remove_tags", "value": others})
        default = ctx.book.calendars.get(choice.default or "") if choice is not None else None
        if business and default is not None and not default.always:
            actions.append({"field": "set_schedule", "value": schedule_ref(default.id)})
        name = f"sla-{policy_plan.position:02d}-{slug(policy.id)}"
        _add(ctx, name, f"SLA policy {policy_plan.position}: {policy.title}", [UNSOLVED, *all_], actions, any_)
        if not business or choice is None or not choice.field_name:
            continue
        for value, cid in choice.choices.items():
            calendar = ctx.book.calendars[cid]
            if calendar.always:
                continue
            field = {"field": "current_tags", "operator": "includes", "value": value}
            title = f"SLA policy {policy_plan.position}: {policy.title}, {choice.field_name} {value}"
            actions = [{"field": "set_schedule", "value": schedule_ref(calendar.id)}]
            _add(ctx, f"{name}-{slug(value)}", title, [UNSOLVED, *all_, field], actions, any_)
    ctx.bundle.note(
        "mapping",
        "sla policies",
        "triggers tag each ticket with its SLA policy (pb_sla_<id>) and set the schedule the policy counts on; "
        "they run in reverse policy order, so the first policy that matches has the last word, as in Zendesk's "
        "SLA policies; a calendar chosen by a field is set from the drop-down option's tag",
    )


def _top_priority(ctx: Context) -> None:
    """Tell whoever owns the most urgent priority the moment a ticket gets it (once per ticket)."""
    carried = ctx.carried()
    if not carried:
        return
    prio, level = carried[0]
    roles = {owner: "owner" for owner in prio.owners}
    commander = prio.priority.incident_commander
    if commander and commander not in roles:
        roles[commander] = "incident commander"
    people = list(roles)
    guard = tag("pb", "alerted", prio.id)
    subject = f"[{prio.id}] {TEXTS.title} (#{TEXTS.ticket_id})"
    who = "; ".join(f"{roles[n]}: {node_name(ctx.book, n)}" for n in people)
    body = f"A {prio.id} ticket ({prio.priority.title}) is open: #{TEXTS.ticket_id} ({who}).\n\n{TEXTS.link}"
    actions: list[dict] = []
    for node in people:
        kind, ref = ctx.node(node)
        actions.append({"field": f"notification_{kind}", "value": [ref, subject, body]})
    actions.append({"field": "current_tags", "value": guard})
    all_ = [{"field": "priority", "operator": "is", "value": level}, _without(guard), UNSOLVED]
    _add(ctx, f"alert-{slug(prio.id)}", f"Alert on {prio.id} ({level}) tickets", all_, actions)


def _without(tag_value: str) -> dict:
    return {"field": "current_tags", "operator": "not_includes", "value": tag_value}
