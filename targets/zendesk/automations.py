"""Automations: the escalation graph, one automation per step, each firing once per ticket.

Zendesk automations run once an hour and their time conditions are whole hours,
counted from the ticket's creation ("hours since created"), on the priority's
clock (business-hour operators for business clocks). "Greater than N" fires at
the first hourly run after N hours, so a step's cumulative offset becomes the
whole hour it falls in (`whole_hours`, PB503): the automation fires within that
hour. Each automation adds its own tag and skips tickets that carry it, so it
never fires twice.
"""

from __future__ import annotations

from compiler.plan.helpdesk import RESOLUTION_METRICS, whole_hours
from compiler.plan.plan import PriorityPlan, SlaCell, Step
from compiler.plan.scopes import segment_scope
from playbook.units import duration_text
from targets.shared.helpdesk import MITIGATED_TAG, escalation_texts, rounding_note, slug, step_tag, tag
from targets.zendesk.context import TEXTS, Context
from targets.zendesk.sla import FACTS, policy_scopes, policy_tag
from targets.zendesk.sla import conditions as segment_conditions

STATUS = {
    "unacknowledged": {"field": "status", "operator": "is", "value": "new"},
    "unmitigated": {"field": "status", "operator": "less_than", "value": "solved"},
    "unresolved": {"field": "status", "operator": "less_than", "value": "solved"},
}


def emit(ctx: Context) -> None:
    for prio, level in ctx.carried():
        for step in prio.steps:
            _automation(ctx, prio, level, step)
    if any(prio.steps for prio, _ in ctx.carried()):
        ctx.bundle.note(
            "approximated",
            "escalation",
            "Zendesk automations run once an hour: a step due at N hours fires at the first run after N hours",
        )
    if any(step.edge.when == "unacknowledged" for prio, _ in ctx.carried() for step in prio.steps):
        ctx.bundle.note(
            "approximated",
            "escalation",
            "'when: unacknowledged' is compiled as 'status is new': Zendesk automations cannot see the first reply",
        )


def emit_bands(ctx: Context) -> None:
    """A breach notice at each band's upper end ('resolve: 24h-72h': 72h), for metrics a ticket's status shows.

    The notice goes to the priority's owners when the ticket is still unsolved
    (for `mitigate`: not tagged mitigated) at the upper end, counted from creation
    on the target's clock; with SLA policies only on the tickets of the policy
    (its trigger's tag).
    """
    notices = 0
    for prio, level in ctx.carried():
        for label, guard_parts, scope_all, scope_any, cell in _band_cells(ctx, prio):
            if cell.upper is None or cell.metric not in RESOLUTION_METRICS or not prio.owners:
                continue
            notices += 1
            hours = whole_hours(cell.upper)
            operator = "greater_than_business_hours" if cell.clock == "business" else "greater_than"
            guard = tag("pb", "band", *guard_parts, prio.id, cell.metric)
            all_ = [
                {"field": "priority", "operator": "is", "value": level},
                STATUS["unresolved"],
                *(
                    [{"field": "current_tags", "operator": "not_includes", "value": MITIGATED_TAG}]
                    if cell.metric == "mitigate"
                    else []
                ),
                *scope_all,
                {"field": "current_tags", "operator": "not_includes", "value": guard},
                {"field": "NEW", "operator": operator, "value": str(hours)},
            ]
            subject = f"[{prio.id} {cell.metric} limit] {TEXTS.title} (#{TEXTS.ticket_id})"
            clock = " business" if cell.clock == "business" else ""
            state = "mitigated" if cell.metric == "mitigate" else "solved"
            body = (
                f"Ticket #{TEXTS.ticket_id} ({prio.id}{label}) is still not {state} "
                f"{duration_text(cell.upper)}{clock} after it was opened: past the latest acceptable time of its "
                f"{cell.metric} band {cell.text}.\n\n{TEXTS.link}"
            )
            actions = [
                {"field": f"notification_{kind}", "value": [ref, subject, body]}
                for kind, ref in [ctx.node(prio.owners[0])]
            ]
            actions.append({"field": "current_tags", "value": guard})
            title = f"Band limit {prio.id} {cell.metric}{label}: {cell.text}"
            name = f"automations/band-{slug('-'.join([*guard_parts, prio.id, cell.metric]))}.json"
            ctx.bundle.add(
                "automation",
                name,
                "POST",
                "/api/v2/automations",
                {
                    "automation": {
                        "title": title,
                        "active": True,
                        "conditions": {"all": all_, "any": scope_any},
                        "actions": actions,
                    }
                },
                title,
            )
            if abs(hours * 3600 - cell.upper) > 0.5:
                ctx.bundle.note(
                    "rounded",
                    f"{prio.id} {cell.metric}{label}",
                    f"the upper end of {prio.id} {cell.metric} {cell.text} is {duration_text(cell.upper)}{clock}: the "
                    f"hourly automation fires between {hours}h and {hours + 1}h{clock} after the ticket opens",
                )
    if notices:
        ctx.bundle.note(
            "mapping",
            "bands",
            "a band's lower end is the SLA metric; its upper end (resolution metrics) is an automation that "
            "notifies the priority's owner when the ticket is still unsolved then, counted from creation (Zendesk "
            "automations cannot count requester-wait or agent-work time)",
        )


def _band_cells(ctx: Context, prio: PriorityPlan) -> list[tuple[str, list[str], list[dict], list[dict], SlaCell]]:
    """(label, guard tag parts, all and any scope conditions, cell) for every target of the priority."""
    if ctx.plan.policies:
        found = []
        for policy_plan, _ in policy_scopes(ctx):
            selects = [{"field": "current_tags", "operator": "includes", "value": policy_tag(policy_plan.id)}]
            for cell in prio.policies.get(policy_plan.id, {}).values():
                found.append((f", {policy_plan.policy.title}", [policy_plan.id], selects, [], cell))
        return found
    by_band: dict[tuple[str, float | None, float], list[SlaCell]] = {}
    for cells in prio.sla.values():
        for cell in cells.values():
            by_band.setdefault((cell.metric, cell.upper, cell.seconds), []).append(cell)
    found = []
    for cells in by_band.values():
        channels = [c.channel for c in cells]
        if len(channels) == len(prio.sla):
            found.append(("", [], [], [], cells[0]))
            continue
        codes = [code for cid in channels for code in ctx.codes.get(cid, ())]
        any_ = [{"field": "via_id", "operator": "is", "value": str(code)} for code in codes]
        found.append((f" on {', '.join(channels)}", ["-".join(channels)], [], any_, cells[0]))
    return found


def conditions(level: str, step: Step) -> list[dict]:
    hours = whole_hours(step.offset)
    operator = "greater_than_business_hours" if step.clock == "business" else "greater_than"
    found = [
        {"field": "priority", "operator": "is", "value": level},
        STATUS.get(step.edge.when, STATUS["unresolved"]),
        {"field": "current_tags", "operator": "not_includes", "value": step_tag(step)},
        {"field": "NEW", "operator": operator, "value": str(hours)},
    ]
    if step.edge.when == "unmitigated":
        found.insert(2, {"field": "current_tags", "operator": "not_includes", "value": MITIGATED_TAG})
    return found


def _automation(ctx: Context, prio: PriorityPlan, level: str, step: Step) -> None:
    """One automation; a step for some segments' tickets, one per segment with the segment's conditions.

    The automations of one step share its tag, so a ticket in two of its segments is notified once.
    """
    kind, ref = ctx.node(step.target)
    subject, text = escalation_texts(ctx.book, prio, step, TEXTS)
    title = f"Escalate {prio.id} step {step.order}: {step.source} -> {step.target}"
    name = f"automations/{slug(prio.id)}-step-{step.order}-{slug(step.target)}"
    scopes: list[tuple[str, str, list[dict], list[dict]]] = [("", "", [], [])]
    if step.segments:
        scopes = []
        for segment in step.segments:
            found = segment_scope(ctx.book, segment, FACTS, ctx.codes)
            if not found.expressible:
                why = "; ".join(found.problems)
                message = f"Zendesk cannot select segment {segment} ({why}), so the step was left out for its tickets"
                ctx.bundle.note("omitted", f"{prio.id} step {step.order}", message)
                continue
            all_, any_ = segment_conditions(ctx, found)
            scopes.append((f" ({segment})", f"-{slug(segment)}", all_, any_))
    for label, suffix, all_, any_ in scopes:
        body = {
            "automation": {
                "title": title + label,
                "active": True,
                "conditions": {"all": conditions(level, step) + all_, "any": any_},
                "actions": [
                    {"field": f"notification_{kind}", "value": [ref, subject, text]},
                    {"field": "current_tags", "value": step_tag(step)},
                ],
            }
        }
        ctx.bundle.add("automation", f"{name}{suffix}.json", "POST", "/api/v2/automations", body, title + label)
    note = rounding_note(prio, step, "Zendesk")
    if note and scopes:
        ctx.bundle.note("rounded", f"{prio.id} step {step.order}", note)
