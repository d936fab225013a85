"""SLA policies: one per playbook SLA policy, in order, with its filter; else one per group of channels.

With `sla_policies:`, each becomes a Zendesk SLA policy at its position, its
`when` translated to a filter (compiler.plan.scopes: what Zendesk cannot filter
on leaves the policy out, with a note; PB520). Without, one policy per group of
channels that share every target, filtered on via_id.
"""

from __future__ import annotations

import math

from compiler.plan.helpdesk import PolicyGroup, facts_of, policy_cells, policy_gaps, product_cells
from compiler.plan.plan import PolicyPlan, SlaCell
from compiler.plan.scopes import Scope, Test, scope
from playbook.units import duration_text
from targets.shared.helpdesk import slug, tag
from targets.shared.payloads import Ref
from targets.zendesk.context import Context

FACTS = facts_of("zendesk")
MIN_TARGET = FACTS.min_target or 0
# Where a condition's values are looked up by name (objects the account already has).
LOOKUPS = {
    "organization_id": ("organization", "GET /api/v2/organizations"),
    "ticket_form_id": ("ticket_form", "GET /api/v2/ticket_forms"),
    "brand_id": ("brand", "GET /api/v2/brands"),
}


def policy_tag(policy_id: str) -> str:
    """The tag a trigger puts on the tickets one SLA policy applies to (automations select on it)."""
    return tag("pb", "sla", policy_id)


def policy_scopes(ctx: Context) -> list[tuple[PolicyPlan, Scope]]:
    """(policy, its filter) for every SLA policy Zendesk can express, in order."""
    found = []
    for policy_plan in ctx.plan.policies:
        found_scope = scope(ctx.book, policy_plan.policy, FACTS, ctx.codes)
        if found_scope.expressible:
            found.append((policy_plan, found_scope))
    return found


def conditions(ctx: Context, found: Scope) -> tuple[list[dict], list[dict]]:
    """The filter's `all` and `any` conditions (also the triggers' and automations' ones)."""
    return [_condition(ctx, test) for test in found.all], [_condition(ctx, test) for test in found.any]


def _condition(ctx: Context, test: Test) -> dict:
    if test.field == "current_tags":
        return {"field": "current_tags", "operator": "includes", "value": " ".join(test.values)}
    if test.field == "via_id":
        return {"field": "via_id", "operator": "is", "value": test.values[0]}
    if test.field == "group_id":
        return {"field": "group_id", "operator": "is", "value": ctx.group(test.values[0])}
    if test.field == "type":
        return {"field": "type", "operator": "is", "value": test.values[0].lower()}
    kind, find = LOOKUPS[test.field]
    name = test.values[0]
    ref = Ref(kind, slug(name))
    ctx.bundle.lookup(ref, find, {"name": name}, name)
    return {"field": test.field, "operator": "is", "value": ref}


def emit_policies(ctx: Context) -> None:
    """One Zendesk SLA policy per playbook policy Zendesk can express, at its position in the order."""
    for gap in policy_gaps(ctx.plan, "zendesk"):
        kind = {"selector": "omitted", "metric": "not-expressible"}.get(gap.rule, "approximated")
        ctx.bundle.note(kind, f"SLA policy {gap.policy.id}", gap.message)
    position = 0
    expressible = dict((p.id, s) for p, s in policy_scopes(ctx))
    for policy_plan in ctx.plan.policies:
        found = expressible.get(policy_plan.id)
        if found is None:
            continue
        metrics = _policy_metrics(ctx, policy_plan)
        if not metrics:
            ctx.bundle.note(
                "omitted",
                f"SLA policy {policy_plan.id}",
                f"SLA policy {policy_plan.id} has no target Zendesk can hold on a priority with a Zendesk level of "
                "its own, and a Zendesk SLA policy needs at least one metric: left out",
            )
            continue
        position += 1
        _policy_body(ctx, policy_plan, found, position, metrics)
    fields = {t.field_name for _, found in policy_scopes(ctx) for t in found.all + found.any if t.attribute == "fields"}
    for name in sorted(fields):
        ctx.bundle.note(
            "mapping",
            f"field {name}",
            "custom field conditions are on the tag of the drop-down option (Zendesk adds it to the ticket): "
            "the playbook's value is the option's tag",
        )
    ctx.bundle.note(
        "mapping",
        "sla policies",
        "one Zendesk SLA policy per playbook SLA policy, at its position (the first whose filter matches applies); "
        "the fallback has no conditions and comes last; organization tags are ticket tags (Zendesk copies them "
        "onto each new ticket)",
    )


def _policy_metrics(ctx: Context, policy_plan: PolicyPlan) -> list[dict[str, object]]:
    metrics = []
    for prio, level in ctx.carried():
        cells = prio.policies.get(policy_plan.id, {})
        held, _ = product_cells(cells, ctx.metrics)
        for product in sorted(held, key=lambda m: list(ctx.metrics.values()).index(m)):
            metrics.append(_metric(ctx, level, product, held[product]))
    return metrics


def _policy_body(ctx: Context, policy_plan: PolicyPlan, found: Scope, position: int, metrics: list) -> None:
    policy = policy_plan.policy
    all_, any_ = conditions(ctx, found)
    description = policy.description or f"Playbook {ctx.book.id}: {policy.describe()}."
    body = {
        "sla_policy": {
            "title": policy.title,
            "description": description,
            "position": position,
            "filter": {"all": all_, "any": any_},
            "policy_metrics": metrics,
        }
    }
    ctx.bundle.add(
        "sla_policy",
        f"sla_policies/{position:02d}-{slug(policy.id)}.json",
        "POST",
        "/api/v2/slas/policies",
        body,
        f"SLA policy {position}: {policy.title}",
    )


def emit(ctx: Context) -> None:
    if ctx.plan.policies:
        emit_policies(ctx)
        _report_metric_choices(ctx)
        return
    for cid, codes in ctx.codes.items():
        if not codes:
            ctx.bundle.note(
                "not-expressible",
                f"channel {cid}",
                f"channel {cid} ({ctx.book.channels[cid].type}) has no Zendesk via_id, so no SLA policy covers it; "
                f"set helpdesk.zendesk.channels.{cid} to the via_id values your account uses",
            )
    position = 0
    for group in ctx.groups:
        if _policy(ctx, position + 1, group):
            position += 1
            if group.every_channel:
                ctx.bundle.note(
                    "mapping",
                    "channels",
                    "the playbook names no channels, so its SLA targets hold for every ticket: one SLA policy "
                    "without conditions",
                )
    _report_metric_choices(ctx)


def _policy(ctx: Context, position: int, group: PolicyGroup) -> bool:
    """Add the group's SLA policy at `position`; False when it would have no metrics and is left out."""
    names = group.names(ctx.book)
    metrics = [
        _metric(ctx, level, ctx.metrics[cell.metric], cell) for level, cell in policy_cells(ctx.plan, group, "zendesk")
    ]
    if not metrics:
        # Zendesk's SLA policies hold one or more metrics, and an empty one would still match
        # first and shadow later policies: leave it out (PB508 says so at lint time).
        whose = (
            ": the playbook names no channels and has"
            if group.every_channel
            else f" for {', '.join(group.channels)}: they have"
        )
        ctx.bundle.note(
            "omitted",
            "channels" if group.every_channel else f"channel {group.channels[0]}",
            f"no SLA policy{whose} no target Zendesk can hold (acknowledge, update_every or resolve on a "
            "priority with a Zendesk level of its own), and a Zendesk SLA policy needs at least one metric",
        )
        return False
    body = {
        "sla_policy": {
            "title": f"{ctx.book.name}: {', '.join(names)}",
            "description": f"From playbook {ctx.book.id}: SLA targets for {group.scope()}.",
            "position": position,
            "filter": {
                "all": [],
                "any": [{"field": "via_id", "operator": "is", "value": str(code)} for code in group.codes],
            },
            "policy_metrics": metrics,
        }
    }
    ctx.bundle.add(
        "sla_policy",
        f"sla_policies/{slug(group.slug)}.json",
        "POST",
        "/api/v2/slas/policies",
        body,
        f"SLA policy {', '.join(names)}",
    )
    return True


def _minutes(seconds: float) -> int:
    """A Zendesk SLA target: whole minutes rounded down (stricter), but at least the minimum (looser, PB507)."""
    return max(MIN_TARGET // 60, math.floor(seconds / 60 + 1e-9))


def _metric(ctx: Context, level: str, metric: str, cell: SlaCell) -> dict[str, object]:
    minutes = _minutes(cell.seconds)
    about = f"{cell.priority} {cell.metric} ({cell.channel})"
    if cell.seconds < MIN_TARGET:
        ctx.bundle.note(
            "rounded",
            about,
            f"{cell.priority} {cell.metric} is {duration_text(cell.seconds)}, below Zendesk's 1-minute minimum: it "
            f"is 1 minute in Zendesk (rounded up: {duration_text(MIN_TARGET - cell.seconds)} looser than "
            "the playbook; PB507)",
        )
    elif abs(minutes * 60 - cell.seconds) > 1e-6:
        ctx.bundle.note(
            "rounded",
            about,
            f"{cell.priority} {cell.metric} is {duration_text(cell.seconds)}; Zendesk targets are whole minutes, "
            f"so it is {minutes} minutes (rounded down: stricter, never looser)",
        )
    return {"priority": level, "metric": metric, "target": minutes, "business_hours": cell.clock == "business"}


def _report_metric_choices(ctx: Context) -> None:
    ctx.bundle.note(
        "mapping",
        "metrics",
        f"acknowledge -> first_reply_time; update_every -> {ctx.metrics['update_every']}; resolve -> "
        f"{ctx.metrics['resolve']} (choose with helpdesk.zendesk.update_metric and resolution_metric)",
    )
    mitigating = [
        prio.id
        for prio in ctx.plan.priorities
        if any("mitigate" in cells for cells in [*prio.sla.values(), *prio.policies.values()])
    ]
    if mitigating:
        ctx.bundle.note(
            "not-expressible",
            "mitigate",
            f"Zendesk SLA policies have no mitigation metric, so the mitigate targets of {', '.join(mitigating)} are "
            "not SLA metrics; escalation steps 'when: unmitigated' run until agents add the tag pb_mitigated "
            "(macro 'Mark as mitigated')",
        )
    for prio in ctx.plan.priorities:
        if prio.id not in ctx.levels:
            ctx.bundle.note(
                "omitted",
                prio.id,
                f"{prio.id} has no Zendesk priority level, so it has no SLA metrics or escalation automations, and "
                "routing rules that set it leave the ticket's priority as it is",
            )
        elif ctx.owners.get(ctx.levels[prio.id]) != prio.id:
            owner = ctx.owners[ctx.levels[prio.id]]
            ctx.bundle.note(
                "merged",
                prio.id,
                f"{prio.id} shares Zendesk priority {ctx.levels[prio.id]!r} with {owner}, whose targets and escalation "
                "steps are used",
            )
