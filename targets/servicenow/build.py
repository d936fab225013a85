"""The ServiceNow bundle: groups and members, schedules and their entries, SLA definitions, manual steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler.plan.helpdesk import level_owners, priority_levels, sla_policies
from compiler.plan.plan import EVERY_CHANNEL, Plan, PriorityPlan, SlaCell, policy_cells
from playbook.model import SLA_METRICS
from playbook.policies import SlaPolicy
from playbook.units import duration_text
from targets.servicenow.context import API, Build, glide_duration, servicenow_facts, table_path, whole_seconds
from targets.servicenow.directory import groups
from targets.servicenow.query import And, Query, Term, policy_queries
from targets.servicenow.schedules import schedules
from targets.shared.helpdesk import (
    carried_priorities,
    node_name,
    slug,
)
from targets.shared.payloads import Bundle

# An escalation step hangs on the SLA definition of the metric it waits for.
WHEN_METRIC = {"unacknowledged": "acknowledge", "unmitigated": "mitigate", "unresolved": "resolve"}


def emit(plan: Plan) -> Bundle:
    found = servicenow_facts()
    build = Build(plan, found, Bundle("servicenow", plan.book.id, API))
    groups(build)
    schedules(build)
    sla_definitions(build)
    ladder(build)
    standing_steps(build)
    return build.bundle


# --- SLA definitions ----------------------------------------------------------------------------------------


def carried(build: Build) -> list[tuple[PriorityPlan, int]]:
    levels = priority_levels(build.book, "servicenow")
    owners = level_owners(build.book, "servicenow")
    found = carried_priorities(build.plan.priorities, levels, owners)
    for prio in build.plan.priorities:
        if all(prio is not p for p, _ in found):
            build.bundle.note(
                "omitted",
                f"priority {prio.id}",
                f"{prio.id} has no incident priority of its own (ServiceNow has 5): it has no SLA definitions",
            )
    return [(prio, int(level)) for prio, level in found]


@dataclass(frozen=True)
class Scope:
    """Which incidents a set of SLA definitions attaches to."""

    key: str  # for names and files: the policy id, the channels, or "all"
    title: str
    query: list[And]  # an or of ands; [frozenset()] for every incident
    channel: str = EVERY_CHANNEL  # without SLA policies: a channel of the group, whose targets it holds


def contact_types(build: Build) -> dict[str, str]:
    return dict(build.facts.data.get("contact_type", {}))


def channel_scopes(build: Build) -> list[Scope]:
    """Without SLA policies: one scope per group of channels sharing every target (or every incident)."""
    grouped = sla_policies(build.plan)
    if len(grouped) == 1:
        return [Scope("all", "every incident", [frozenset()])]
    types = contact_types(build)
    found = []
    for channels in grouped:
        values = tuple(
            dict.fromkeys(types[build.book.channels[c].type] for c in channels if build.book.channels[c].type in types)
        )
        missing = [c for c in channels if build.book.channels[c].type not in types]
        if missing:
            build.bundle.note(
                "not-expressible",
                f"channel {', '.join(missing)}",
                f"ServiceNow has no incident channel (contact_type) for {', '.join(missing)}: its targets have no "
                "SLA definition (rule PB550)",
            )
        if values:
            terms = [frozenset([Term("contact_type", values)])]
            found.append(Scope("-".join(channels), ", ".join(channels), terms, channels[0]))
    return found


def sla_definitions(build: Build) -> None:
    owned = carried(build)
    if not build.plan.policies:
        for scope in channel_scopes(build):
            for prio, level in owned:
                cells = prio.cells(None) if scope.channel == EVERY_CHANNEL else prio.sla.get(scope.channel, {})
                for metric in SLA_METRICS:
                    if metric in cells:
                        definition(build, scope, prio, level, cells[metric], default=True)
        return
    fields = dict(build.facts.policy_fields)
    for found in policy_queries(build.book, fields, contact_types(build), build.facts.title):
        policy = found.policy
        if found.query.problems:
            build.bundle.note(
                "not-expressible",
                f"SLA policy {policy.id}",
                f"{'; '.join(found.query.problems)}: the policy has no SLA definitions (rule PB550)",
            )
            continue
        if not found.query.ands:
            build.bundle.note(
                "omitted",
                f"SLA policy {policy.id}",
                "earlier policies take every incident it selects: it has no SLA definitions",
            )
            continue
        for scope, field_value in policy_scopes(build, policy, found.query, fields):
            for prio, level in owned:
                cells = policy_cells(build.book, policy, prio.priority, field_value)
                for metric in SLA_METRICS:
                    if metric in cells:
                        definition(build, scope, prio, level, cells[metric], default=policy.fallback)


def policy_scopes(
    build: Build, policy: SlaPolicy, query: Query, fields: dict[str, str]
) -> list[tuple[Scope, str | None]]:
    """The policy's scope, split by the ticket field that picks its calendar (one scope per choice)."""
    choice = policy.calendar
    if choice is None or not choice.field_name or not choice.choices:
        return [(Scope(policy.id, f"SLA policy {policy.id}", query.ands), None)]
    column = fields.get("fields", "u_{name}").replace("{name}", choice.field_name)
    values = tuple(choice.choices)
    found = []
    for value in values:
        ands = [terms | {Term(column, (value,))} for terms in query.ands]
        found.append(
            (Scope(f"{policy.id}-{value}", f"SLA policy {policy.id}, {choice.field_name} {value}", ands), value)
        )
    ands = [terms | {Term(column, values, negated=True)} for terms in query.ands]
    found.append((Scope(policy.id, f"SLA policy {policy.id}, other {choice.field_name}", ands), None))
    return found


FIELD_NOTES = {
    "company.name": "organizations are matched by the incident's company name (company.name): the companies must "
    "exist with the playbook's names",
    "assignment_group.name": "groups are matched by the incident's assignment group name (assignment_group.name)",
    "contact_type": "channels are matched by the incident's channel (contact_type)",
}


def field_notes(build: Build, scope: Scope) -> None:
    """How each incident field a condition tests stands for the playbook's attribute."""
    for terms in scope.query:
        for term in terms:
            if term.field in FIELD_NOTES:
                build.bundle.note("mapping", term.field, FIELD_NOTES[term.field])
            elif term.field.startswith("u_"):
                build.bundle.note(
                    "mapping",
                    term.field,
                    f"the ticket field {term.field[2:]} is the incident column {term.field}: add it to the incident "
                    "table if it is missing",
                )


def metric_spec(build: Build, metric: str) -> dict[str, str] | None:
    found = build.facts.data.get("metrics", {}).get(metric)
    return dict(found) if found is not None else None


def definition(build: Build, scope: Scope, prio: PriorityPlan, level: int, cell: SlaCell, default: bool) -> None:
    bundle = build.bundle
    about = f"priority {prio.id}" + ("" if scope.key == "all" else f" ({scope.title})")
    spec = metric_spec(build, cell.metric)
    if spec is None:
        if cell.metric == "answer":
            bundle.note(
                "omitted",
                about,
                f"{prio.id} answer {cell.text} is a telephony service level, not an "
                "incident SLA: measure it in the contact centre",
            )
        else:
            bundle.note(
                "not-expressible",
                about,
                f"{prio.id} {cell.metric} {cell.text}: no incident state marks "
                f"it met, so ServiceNow has no SLA definition for it (rule PB551)",
            )
        return
    seconds = whole_seconds(cell.seconds)
    if abs(seconds - cell.seconds) > 1e-6:
        bundle.note(
            "rounded",
            about,
            f"{prio.id} {cell.metric} {cell.text} is {seconds}s in ServiceNow "
            f"({'stricter' if seconds < cell.seconds else 'looser'})",
        )
    if cell.eod is not None:
        bundle.note(
            "approximated",
            about,
            f"{prio.id} {cell.metric} {cell.text}: an end-of-business-day deadline "
            f"is a fixed duration of {duration_text(seconds)} business time in ServiceNow",
        )
    if cell.upper is not None:
        bundle.note(
            "approximated",
            about,
            f"{prio.id} {cell.metric} {cell.text}: the SLA definition breaches at the "
            "band's lower end; the upper end is in the runbooks",
        )
    if spec.get("reset"):
        bundle.note(
            "approximated",
            f"{cell.metric} SLA definitions",
            f"{cell.metric} recurs: each change of the incident's additional comments ({spec['reset']}) completes "
            "the running SLA and attaches a new one; check in a sub-production instance that your comments reset it",
        )
    field_notes(build, scope)
    calendar = build.book.calendars.get(cell.calendar) if cell.calendar else None
    if cell.clock == "business" and calendar is not None and not calendar.always and calendar.id not in build.schedules:
        bundle.note(
            "omitted",
            about,
            f"{prio.id} {cell.metric} counts business hours of calendar {calendar.id}, "
            "which has no schedule here: the SLA definition counts every hour",
        )
    name = f"{build.book.id} {prio.id} {cell.metric}" + ("" if scope.key == "all" else f" ({scope.key})")
    level_term = f"{build.facts.data['priority']['field']}={level}"
    body: dict[str, Any] = {
        "name": name,
        "collection": build.table,
        "type": "SLA",
        "target": spec["target"],
        "active": True,
        "duration_type": "",
        "duration": glide_duration(seconds),
        "start_condition": Query(scope.query).text(level_term),
        "stop_condition": spec["stop"],
        "pause_condition": spec["pause"],
        "when_to_cancel": "no_match",
        "when_to_resume": "no_match",
        "reset_condition": spec.get("reset", ""),
        "reset_action": "complete",
        "retroactive": True,
        "set_start_to": "opened_at",
        "retroactive_pause": False,
    }
    if cell.clock == "business" and calendar is not None and calendar.id in build.schedules:
        body |= {
            "schedule_source": "sla_definition",
            "schedule": build.schedules[calendar.id],
            "timezone_source": "sla.timezone",
            "timezone": calendar.timezone,
        }
    else:
        body["schedule_source"] = "no_schedule"
    file = f"sla_definitions/{slug(scope.key)}/{slug(prio.id)}-{cell.metric}.json"
    bundle.add("contract_sla", file, "POST", table_path("contract_sla"), body, f"Create SLA definition {name}")
    if default:
        build.definitions.setdefault((prio.id, cell.metric), name)


# --- escalation and standing steps --------------------------------------------------------------------------


def ladder(build: Build) -> None:
    """Escalation steps as notifications at a percentage of an SLA definition's duration (a flow, by hand)."""
    for prio in build.plan.priorities:
        rows = []
        for step in prio.common_steps():
            metric = WHEN_METRIC.get(step.edge.when, "resolve")
            name = build.definitions.get((prio.id, metric)) or build.definitions.get((prio.id, "resolve"))
            cell = prio.cells(None).get(metric) or prio.cells(None).get("resolve")
            if name is None or cell is None:
                build.bundle.note(
                    "omitted",
                    f"priority {prio.id}",
                    f"{prio.id} step {step.order} ({step.source} -> "
                    f"{step.target}) has no SLA definition to time it on; use an on-call tool for it",
                )
                continue
            row: dict[str, Any] = {
                "step": step.order,
                "notify": node_name(build.book, step.target),
                "after_incident_opened": duration_text(step.offset),
                "sla_definition": name,
                "percent_of_duration": round(step.offset / whole_seconds(cell.seconds) * 100, 2),
            }
            if step.clock != cell.clock:
                row["clock"] = f"the step counts {step.clock} hours, the SLA {cell.clock} hours"
            rows.append(row)
        if rows:
            build.bundle.manual(
                f"ladder-{slug(prio.id)}",
                f"{prio.id} escalation ladder as SLA flow notifications",
                "An SLA definition's flow notifies at percentages of its duration; a flow is not a table row the "
                "Table API can create from here",
                [
                    "Copy the Default SLA flow for each SLA definition named below and, at each percentage, notify the "
                    "person or group named (Flow Designer: SLA Percentage Timer, then Send Notification).",
                    "Set the copy as the SLA definition's flow.",
                ],
                {"notifications": rows},
            )


def standing_steps(build: Build) -> None:
    bundle = build.bundle
    bundle.manual(
        "apply-order",
        "Apply the Table API calls in order, resolving sys_ids",
        "Schedule entries, group members and SLA definitions refer to records created by earlier calls",
        [
            "POST each step's file to the instance's Table API in step order; each 'creates' placeholder is the "
            "response's result.sys_id.",
            "Find each looked-up user's sys_id with its 'find' call before applying.",
            "Service Level Management (com.snc.sla) must be active; time zones are the calendar's IANA names, which "
            "the instance's time zone choice list must hold.",
        ],
    )
    bundle.note(
        "mapping",
        "SLA definitions",
        f"every SLA definition attaches to the {build.table} table; for "
        "Customer Service Management cases, change 'collection' and the state values in the conditions",
    )
