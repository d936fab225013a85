"""Entitlement processes: which cases each runs on, its milestones, and the ladder as time triggers.

Without `sla_policies:`, one process per group of channels that share every
target. With them, one per SLA policy (and per calendar its ticket field can
pick: business hours belong to the process), and a manual step says which
entitlement each case gets, in the policies' order, since the metadata cannot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from compiler.plan.helpdesk import level_owners, priority_levels, sla_policies
from compiler.plan.plan import EVERY_CHANNEL, Plan, PolicyPlan, PriorityPlan, SlaCell, policy_cells
from playbook.model import SLA_METRICS
from playbook.policies import resolve
from playbook.units import duration_text
from targets.salesforce.metadata import (
    MILESTONE_OF,
    WHEN_MILESTONE,
    Build,
    business_hours,
    calendar_values,
    manifest,
    milestone_minutes,
    milestone_spec,
    milestone_types,
    package_xml,
    salesforce_facts,
    standing_manual_steps,
)
from targets.salesforce.xml import Node, document
from targets.shared.helpdesk import node_name, slug
from targets.shared.payloads import dumps


def render_files(plan: Plan) -> dict[str, bytes]:
    """Every file of the metadata folder, with the manifest of manual steps and notes."""
    build = Build(plan, salesforce_facts())
    business_hours(build)
    milestone_types(build)
    entitlement_processes(build)
    ladder_steps(build)
    standing_manual_steps(build)
    build.files["package.xml"] = package_xml(build)
    build.files["manifest.json"] = dumps(manifest(build))
    return build.files


@dataclass(frozen=True)
class Process:
    """One entitlement process: a group of channels sharing every target, or one SLA policy on one calendar.

    A policy whose calendar a ticket field picks has a process per calendar (business hours are the
    process's, not the case's), and the entitlement chosen for a case picks among them.
    """

    name: str
    scope: str  # for descriptions: 'every channel', 'email, web' or 'SLA policy 6. Enterprise plan'
    cells: dict[str, dict[str, SlaCell]]  # priority id -> playbook metric -> target
    policy: PolicyPlan | None = None
    field_value: str | None = None  # the value of the policy's calendar field this process is for
    calendar: str | None = None  # the calendar its business-hours targets count on


def carried(build: Build) -> list[tuple[PriorityPlan, str]]:
    """(priority plan, Case.Priority value) for each priority that owns its value, most urgent first."""
    levels = priority_levels(build.book, "salesforce")
    owners = level_owners(build.book, "salesforce")
    found = []
    for prio in build.plan.priorities:
        level = levels.get(prio.id)
        if level is None:
            build.note(
                "omitted",
                f"priority {prio.id}",
                f"{prio.id} has no Case.Priority value (Salesforce's standard values run out), so it has no "
                "milestones: add a value to the Case Priority picklist and name it in levels: {salesforce: ...} "
                "(rule PB540)",
            )
        elif owners.get(level) != prio.id:
            build.note(
                "omitted",
                f"priority {prio.id}",
                f"{prio.id} shares Case.Priority {level!r} with {owners[level]}, whose milestones apply (rule PB540)",
            )
        else:
            found.append((prio, str(level)))
    return found


def milestone_item(build: Build, prio: PriorityPlan, level: str, cell: SlaCell, about: str = "") -> Node:
    """`about`: the process's SLA policy, for notes (' in SLA policy enterprise')."""
    spec = milestone_spec(build, MILESTONE_OF.get(cell.metric, cell.metric))
    minutes = milestone_minutes(cell.seconds)
    if abs(minutes * 60 - cell.seconds) > 1e-6:
        direction = "stricter" if minutes * 60 < cell.seconds else "looser"
        build.note(
            "rounded",
            f"priority {prio.id}",
            f"{prio.id} {cell.metric}{about} {cell.text} is {minutes} whole minutes in Salesforce ({direction})",
        )
    key = "24x7" if cell.clock == "calendar" or cell.calendar is None else cell.calendar
    hours = build.hours_names.get(key, build.hours_names.get("24x7"))
    criteria: Node = (
        "milestoneCriteriaFilterItems",
        [("field", build.facts.data["priority"]["field"]), ("operation", "equals"), ("value", level)],
    )
    return (
        "milestones",
        [
            ("businessHours", hours),
            criteria,
            ("milestoneName", spec["name"]),
            ("minutesToComplete", minutes),
            ("useCriteriaStartTime", False),
        ],
    )


def process_name(build: Build, channels: tuple[str, ...]) -> str:
    scope = "all channels" if channels == (EVERY_CHANNEL,) else " ".join(channels)
    return _name(build, scope)


def _name(build: Build, scope: str) -> str:
    return slug(f"{build.book.id} {scope}").replace("-", "_")[: int(build.facts.data["metadata"]["max_name"])]


def processes(build: Build) -> list[Process]:
    """The entitlement processes: one per SLA policy (and calendar a field picks), else per channel group."""
    plan = build.plan
    if not plan.policies:
        return [
            Process(
                process_name(build, channels),
                "every channel" if channels == (EVERY_CHANNEL,) else ", ".join(channels),
                {prio.id: prio.sla.get(channels[0], {}) for prio in plan.priorities},
            )
            for channels in sla_policies(plan)
        ]
    found = []
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        values = calendar_values(policy_plan)
        for value in values:
            cells = {prio.id: policy_cells(build.book, policy, prio.priority, value) for prio in plan.priorities}
            calendar = policy.calendar.pick(value) if policy.calendar is not None else None
            suffix = f" {calendar}" if len(values) > 1 else ""
            scope = f"SLA policy {policy_plan.position}. {policy.title}" + (
                f" ({policy.calendar.field_name} = {value})" if value is not None and policy.calendar else ""
            )
            found.append(Process(_name(build, policy.id + suffix), scope, cells, policy_plan, value, calendar))
    return found


def _unheld(build: Build, process: Process, prio: PriorityPlan) -> None:
    """Say which of a policy's targets no milestone holds, and what a band's upper end needs."""
    if process.policy is None:
        return
    about = f"priority {prio.id}"
    policy = process.policy.id
    cells = process.cells.get(prio.id, {})
    for metric, cell in cells.items():
        if MILESTONE_OF.get(metric, metric) not in build.facts.data["milestones"]:
            build.note(
                "omitted",
                about,
                f"{prio.id} {metric} {cell.text} in SLA policy {policy}: Salesforce milestones have no such metric "
                "(a case milestone runs from the case's start); the runbooks and simulate show it",
            )
        if cell.eod is not None:
            build.note(
                "approximated",
                about,
                f"{prio.id} {metric} {cell.text} in SLA policy {policy}: Salesforce has no end-of-business-day "
                f"deadline, so the milestone is {cell.eod + 1} business day{'s' if cell.eod else ''}, later than "
                "the playbook for a case opened after the start of the day",
            )
        if cell.upper is not None:
            extra = milestone_minutes(cell.upper) - milestone_minutes(cell.seconds)
            build.note(
                "approximated",
                about,
                f"{prio.id} {metric} {cell.text} in SLA policy {policy}: the milestone holds the lower end; for the "
                f"upper end add a violation time trigger with timeLength {extra} (Minutes) in process {process.name}",
            )
    if "update_every" in cells and "periodic_update" in cells:
        build.note(
            "omitted",
            about,
            f"{prio.id} update_every and periodic_update in SLA policy {policy} are both the Customer Update "
            "milestone: the build uses update_every",
        )


def _milestones(build: Build, process: Process, owned: list[tuple[PriorityPlan, str]]) -> list[Node]:
    about = f" in SLA policy {process.policy.id}" if process.policy is not None else ""
    items: list[Node] = []
    for prio, level in owned:
        cells = process.cells.get(prio.id, {})
        _unheld(build, process, prio)
        held: set[str] = set()
        for metric in SLA_METRICS:
            cell = cells.get(metric)
            milestone = MILESTONE_OF.get(metric, metric)
            if cell is None or milestone not in build.facts.data["milestones"] or milestone in held:
                continue
            held.add(milestone)
            items.append(milestone_item(build, prio, level, cell, about))
    return items


def entitlement_processes(build: Build) -> None:
    owned = carried(build)
    names: list[str] = []
    order: list[dict[str, Any]] = []
    for process in processes(build):
        items = _milestones(build, process, owned)
        if not items:
            if process.policy is not None:
                build.note(
                    "omitted",
                    f"SLA policy {process.policy.id}",
                    f"SLA policy {process.policy.id} has no target a Salesforce milestone holds, so it has no "
                    "entitlement process: its cases get none",
                )
            continue
        name, scope = process.name, process.scope
        hours = build.hours_names.get(process.calendar or "", None) if process.policy is not None else None
        if process.policy is not None and hours is None:
            hours = build.hours_names.get("24x7")
        body: list[Node] = [
            ("SObjectType", "Case"),
            ("active", True),
            ("businessHours", hours or next(iter(build.hours_names.values()), None)),
            ("description", f"Generated by playbook from {build.book.id}: SLA targets for {scope}"),
            ("entryStartDateField", "Case.CreatedDate"),
            ("exitCriteriaFilterItems", [("field", "Case.IsClosed"), ("operation", "equals"), ("value", "true")]),
            *items,
            ("name", name),
        ]
        build.files[f"entitlementProcesses/{name}.entitlementProcess"] = document("EntitlementProcess", body)
        build.members.setdefault("EntitlementProcess", []).append(name)
        names.append(name)
        if process.policy is not None:
            order.append(_order_row(build, process, hours))
            continue
        build.manual.append(
            {
                "id": f"entitle-{name}",
                "title": f"Attach entitlement process {name} to cases from {scope}",
                "why": "A process only runs on cases whose Entitlement uses it; the metadata cannot set that",
                "instructions": [
                    f"Create an Entitlement (or Entitlement Template) whose Entitlement Process is {name}.",
                    f"Make cases from {scope} carry that entitlement (Case.EntitlementId), e.g. with a flow on "
                    "case creation.",
                ],
            }
        )
    assignment_step(build, order)


def _order_row(build: Build, process: Process, hours: str | None) -> dict[str, Any]:
    assert process.policy is not None
    policy = process.policy.policy
    when = resolve(policy.when, build.book.segments).describe() if policy.when is not None else "every other case"
    row: dict[str, Any] = {
        "position": process.policy.position,
        "policy": policy.id,
        "title": policy.title,
        "entitlement_process": process.name,
        "applies_when": when,
        "business_hours": hours,
    }
    if policy.calendar is not None and policy.calendar.field_name:
        row["field"] = policy.calendar.field_name
        row["field_value"] = process.field_value  # None: any other value (the policy's default calendar)
    return row


def assignment_step(build: Build, order: list[dict[str, Any]]) -> None:
    """What picks the process: the case's entitlement, set in the playbook's policy order."""
    if not order:
        return
    fields = sorted({row["field"] for row in order if "field" in row})
    instructions = [
        "Create one Entitlement (or Entitlement Template) per row of data.order, with the Entitlement Process "
        "named there. Where applies_when is about the organization (its name or tags), add the entitlement to "
        "those customers' Accounts (or their Service Contracts) so that their cases can carry it.",
        "On case creation, set Case.EntitlementId (a record-triggered flow) to the entitlement of the first row "
        "whose applies_when holds for the case, in the order of data.order: the first SLA policy that matches "
        "wins, as in the playbook; the last row ('every other case') takes what no row before it took.",
    ]
    if fields:
        instructions.append(
            f"Rows of one SLA policy that differ by {', '.join(fields)} count on different business hours: pick "
            "the row whose field_value is the case's value of that field (null: any other value)."
        )
    build.manual.append(
        {
            "id": "entitlement-order",
            "title": "Give each case the entitlement of the first SLA policy that matches it",
            "why": "Salesforce runs the process of the case's entitlement (Case.EntitlementId); which case gets "
            "which is the playbook's sla_policies order, which the metadata cannot express",
            "instructions": instructions,
            "data": {"order": order},
        }
    )


def _trigger_rows(build: Build, prio: PriorityPlan, groups: list[dict[str, SlaCell]]) -> list[dict[str, Any]]:
    """The ladder's steps as time triggers on the milestones of `groups` (the strictest target where several)."""
    rows = []
    # metric -> the tightest target of any group, in milestone minutes: computed once per priority, not
    # per step (steps x channels: 1.2 million cells at 10k contacts)
    tightest: dict[str, int] = {}
    for cells in groups:
        for c in cells.values():
            minutes = milestone_minutes(c.seconds)
            if c.metric not in tightest or minutes < tightest[c.metric]:
                tightest[c.metric] = minutes
    for step in prio.common_steps():
        metric = WHEN_MILESTONE.get(step.edge.when, "resolve")
        if metric not in tightest:
            metric = "resolve"
        if metric not in tightest:
            build.note(
                "omitted",
                f"priority {prio.id}",
                f"{prio.id} step {step.order} ({step.source} -> {step.target}) has no milestone to hang a time "
                "trigger on (no SLA target); use an on-call tool for it",
            )
            continue
        target = tightest[metric]
        offset = math.floor(step.offset / 60 + 1e-9)
        rows.append(
            {
                "step": step.order,
                "notify": node_name(build.book, step.target),
                "after_case_created": duration_text(offset * 60),
                "milestone": milestone_spec(build, metric)["name"],
                "timeLength": offset - target,
                "workflowTimeTriggerUnit": "Minutes",
                "kind": "violation" if offset > target else "warning",
            }
        )
    return rows


def ladder_steps(build: Build) -> None:
    """The escalation ladder as time triggers to add by hand: their actions must exist in Case.workflow.

    A time trigger counts from its milestone's target, so with SLA policies each process (whose
    targets differ) has its own rows.
    """
    shipped = set(build.members.get("EntitlementProcess", []))
    by_policy = [p for p in processes(build) if p.policy is not None and p.name in shipped]
    for prio, level in carried(build):
        if not build.plan.policies:
            rows = _trigger_rows(build, prio, list(prio.sla.values()))
            where = "In each entitlement process"
        else:
            rows = [
                {"entitlement_process": process.name, **row}
                for process in by_policy
                for row in _trigger_rows(build, prio, [process.cells.get(prio.id, {})])
            ]
            where = "In the entitlement process named on each row"
        if rows:
            build.manual.append(
                {
                    "id": f"ladder-{slug(prio.id)}",
                    "title": f"{prio.id} escalation ladder as milestone time triggers (Case.Priority {level})",
                    "why": "A time trigger's actions (email alerts, field updates) must already exist in "
                    "Case.workflow; the playbook does not define them",
                    "instructions": [
                        f"{where}, on the {prio.id} milestone named below, add a time trigger "
                        "with this timeLength (negative: before the target, a warning; positive: after it, a "
                        "violation) and an email alert to the person or team named.",
                    ],
                    "data": {"time_triggers": rows},
                }
            )
