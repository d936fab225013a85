"""Rows of the KPI tables, written as CSV and JSON with the columns of `columns.py`."""

from __future__ import annotations

import csv
import io
from typing import Any

from compiler.plan.helpdesk import sla_policies
from compiler.plan.plan import EVERY_CHANNEL, Plan, policy_cells
from compiler.time.staffing import tables as staffing_tables
from playbook.model import SLA_METRICS
from playbook.policies import CalendarChoice, resolve
from playbook.units import DAYS, Target
from targets.kpis.columns import TABLES, names
from targets.shared.payloads import dumps

UNITS = {"%": "percent", "s": "seconds", "": "number"}

Row = dict[str, Any]


def target_columns(text: str, low: float | None, high: float | None, unit: str) -> Row:
    if low is not None and high is not None:
        direction = "exactly" if low == high else "within"
    elif low is not None:
        direction = "at_least"
    else:
        direction = "at_most"
    return {"target": text, "direction": direction, "band_low": low, "band_high": high, "unit": unit}


def from_target(target: Target) -> Row:
    return target_columns(target.text, target.low, target.high, UNITS[target.unit])


def kpi_rows(plan: Plan) -> list[Row]:
    book = plan.book
    rows: list[Row] = []
    for name, kpi in book.kpis.items():
        scope = {"playbook": book.id, "kpi": name, "metric": kpi.metric or None}
        scope["priorities"] = " ".join(kpi.priorities) or None
        if kpi.target is not None:
            rows.append({**scope, "channel": " ".join(kpi.channels) or None, **from_target(kpi.target)})
        for channel, target in kpi.per_channel.items():
            rows.append({**scope, "channel": channel, **from_target(target)})
    return rows


def group_id(channels: tuple[str, ...]) -> str:
    """A channel group's id: bounded in length, so rows that name it grow with the rows, not the channels."""
    if channels == (EVERY_CHANNEL,):
        return "all"
    if len(channels) <= 4:
        return "+".join(channels)
    # Groups partition the channels, so the first channel names one group only.
    return f"{channels[0]}+{len(channels) - 1}-more"


def _calendar_text(choice: CalendarChoice | None) -> str | None:
    if choice is None:
        return None
    if not choice.field_name or not choice.choices:
        return choice.default
    picks = " ".join(f"{value}={calendar}" for value, calendar in choice.choices.items())
    return f"{choice.default or ''}; by {choice.field_name}: {picks}"


def sla_policy_rows(plan: Plan) -> list[Row]:
    """One row per SLA policy (or channel group without policies): the one place its tickets are described."""
    book = plan.book
    if plan.policies:
        return [
            {
                "playbook": book.id,
                "policy": policy_plan.policy.id,
                "position": policy_plan.position,
                "title": policy_plan.policy.title or None,
                "applies_to": "every other ticket"
                if policy_plan.policy.when is None
                else resolve(policy_plan.policy.when, book.segments).describe(),
                "calendar": _calendar_text(policy_plan.policy.calendar),
            }
            for policy_plan in plan.policies
        ]
    return [
        {
            "playbook": book.id,
            "policy": group_id(channels),
            "position": position,
            "title": None,
            "applies_to": "every ticket" if channels == (EVERY_CHANNEL,) else "channel " + " ".join(channels),
            "calendar": None,
        }
        for position, channels in enumerate(sla_policies(plan), start=1)
    ]


def policy_rows(plan: Plan) -> list[Row]:
    """One row per SLA policy, calendar it can pick, priority and metric, in the order policies are tried."""
    book = plan.book
    rows: list[Row] = []
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        for value in policy.calendar.values() if policy.calendar is not None else [None]:
            for prio in plan.priorities:
                for metric, cell in policy_cells(book, policy, prio.priority, value).items():
                    rows.append(
                        {
                            "playbook": book.id,
                            "priority": prio.id,
                            "priority_rank": prio.priority.rank + 1,
                            "policy": policy.id,
                            "channel": None,
                            "metric": metric,
                            "clock": cell.clock,
                            "calendar": cell.calendar,
                            **target_columns(cell.text, None, round(cell.seconds, 3), "seconds"),
                        }
                    )
    return rows


def sla_rows(plan: Plan) -> list[Row]:
    if plan.policies:
        return policy_rows(plan)
    rows: list[Row] = []
    for channels in sla_policies(plan):
        policy = group_id(channels)
        for channel in channels:
            for prio in plan.priorities:
                for metric in SLA_METRICS:
                    cell = prio.cell(channel, metric)
                    if cell is None:
                        continue
                    rows.append(
                        {
                            "playbook": plan.book.id,
                            "priority": prio.id,
                            "priority_rank": prio.priority.rank + 1,
                            "policy": policy,
                            "channel": None if channel == EVERY_CHANNEL else channel,
                            "metric": metric,
                            "clock": cell.clock,
                            "calendar": prio.calendar.id if prio.calendar is not None else None,
                            **target_columns(cell.text, None, round(cell.seconds, 3), "seconds"),
                        }
                    )
    return rows


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def staffing_rows(plan: Plan) -> list[Row]:
    rows: list[Row] = []
    for table in staffing_tables(plan.book):
        basis = table.basis
        channel = plan.book.channels[basis.channel]
        if channel.service_level is not None:
            percent, seconds = channel.service_level
            target = target_columns(f"{percent:g}% in {seconds:g}s", percent, None, "percent")
        else:
            target = target_columns("", None, None, "percent") | {"direction": None, "unit": None, "target": None}
        for row in table.rows:
            rows.append(
                {
                    "playbook": plan.book.id,
                    "channel": basis.channel,
                    "interval_start": _hhmm(row.start),
                    "interval_seconds": int(basis.interval),
                    "volume": row.volume,
                    "model": row.model,
                    "traffic_erlangs": round(row.traffic, 4),
                    "agents_required": row.required,
                    "agents_scheduled": row.scheduled,
                    "agents_planned": row.planned,
                    "service_level_at_planned": _percent(row.planned_service_level),
                    "occupancy_at_planned": _percent(row.planned_occupancy),
                    **target,
                }
            )
    return rows


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 2)


def coverage_rows(plan: Plan) -> list[Row]:
    staffing = plan.book.staffing
    if staffing is None:
        return []
    return [
        {
            "playbook": plan.book.id,
            "days": " ".join(DAYS[d] for d in rule.days),
            "start": _hhmm(rule.start),
            "end": _hhmm(rule.end),
            "team": rule.team,
            "channel": rule.channel,
            **target_columns(f">= {rule.min}", float(rule.min), None, "number"),
        }
        for rule in staffing.coverage
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_bytes(table: str, rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(names(table))
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names(table)])
    return out.getvalue().encode("utf-8")


def json_doc(plan: Plan, table: str, rows: list[Row]) -> dict[str, Any]:
    columns = [{"name": c.name, "type": c.type, "description": c.description} for c in TABLES[table]]
    return {
        "table": table,
        "playbook": plan.book.id,
        "columns": columns,
        "rows": [{name: row.get(name) for name in names(table)} for row in rows],
    }


def render_tables(plan: Plan) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    builders = {
        "kpis": kpi_rows,
        "sla_targets": sla_rows,
        "sla_policies": sla_policy_rows,
        "staffing": staffing_rows,
        "coverage": coverage_rows,
    }
    for table, build in builders.items():
        rows = build(plan)
        files[f"{table}.csv"] = csv_bytes(table, rows)
        files[f"{table}.json"] = dumps(json_doc(plan, table, rows))
    return files
