"""The columns of the `kpis` target's tables: the one place they are defined.

Every table is tidy (one row per metric and scope, one column per property) and
is written twice with the same rows: `<table>.csv` (RFC 4180, UTF-8, header row)
and `<table>.json` (`{"columns": [...], "rows": [{column: value}]}`). The same
five columns describe a target in every table, so BI tools can stack them:
`target` (as written), `direction`, `band_low`, `band_high` and `unit`.
README.md's column table and the JSON's `columns` are generated from, or
tested against, this module.
"""

from __future__ import annotations

from dataclasses import dataclass

DIRECTIONS = {
    "at_least": "higher is better: met when the value is at least band_low",
    "at_most": "lower is better: met when the value is at most band_high",
    "within": "met when the value lies between band_low and band_high",
    "exactly": "met when the value equals band_low (= band_high)",
}
UNITS = {"percent": "percentage points (92 means 92%)", "seconds": "seconds", "number": "a plain number"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "integer" or "number"; empty CSV cells are JSON null
    description: str


_TARGET = (
    Column("target", "string", "The target as the playbook writes it, e.g. '>= 92%' or '15m'."),
    Column("direction", "string", "at_least, at_most, within or exactly (see below)."),
    Column("band_low", "number", "Lower bound in `unit`; empty when there is none."),
    Column("band_high", "number", "Upper bound in `unit`; empty when there is none."),
    Column("unit", "string", "percent, seconds or number."),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "kpis": (
        Column("playbook", "string", "The playbook's id."),
        Column("kpi", "string", "The KPI's name as written under `kpis:`, e.g. csat, aht."),
        Column("channel", "string", "The channel a per-channel KPI is for; empty for all channels."),
        Column("metric", "string", "The SLA metric an sla_compliance KPI measures; else empty."),
        Column("priorities", "string", "Priorities the KPI covers, separated by spaces; empty for all."),
        *_TARGET,
    ),
    "sla_targets": (
        Column("playbook", "string", "The playbook's id."),
        Column("priority", "string", "The priority's id, e.g. P1."),
        Column("priority_rank", "integer", "1 for the most urgent priority, 2 for the next..."),
        Column(
            "policy",
            "string",
            "The SLA policy's id: a row of sla_policies, which says which tickets the policy takes.",
        ),
        Column("channel", "string", "The channel; empty for every channel (an SLA policy, or no channels named)."),
        Column(
            "metric",
            "string",
            "answer, acknowledge, next_reply, update_every, periodic_update, mitigate, requester_wait, agent_work "
            "or resolve.",
        ),
        Column("clock", "string", "business (counts the calendar's open hours only) or calendar."),
        Column(
            "calendar",
            "string",
            "The calendar business hours count on: the SLA policy's (one row per calendar a ticket field can "
            "pick), else the priority's; empty when there is none.",
        ),
        *_TARGET,
    ),
    "sla_policies": (
        Column("playbook", "string", "The playbook's id."),
        Column(
            "policy",
            "string",
            "The SLA policy's id (`sla_policies:`); without SLA policies, one per group of channels that share "
            "every SLA target: its channels joined by '+' (up to four), else its first channel and '+N-more'; "
            "'all' for a playbook without channels.",
        ),
        Column("position", "integer", "1 for the SLA policy tried first (the first that matches a ticket wins)."),
        Column("title", "string", "The SLA policy's title; empty for a channel group."),
        Column(
            "applies_to",
            "string",
            "The tickets the policy takes, e.g. 'organization tag plan_enterprise'; 'every other ticket' for the "
            "fallback; for a channel group 'channel ' and its channels separated by spaces.",
        ),
        Column(
            "calendar",
            "string",
            "The policy's calendar as written: a calendar id, or the default and the ticket field that picks "
            "another ('office; by region: us=us-office'); empty when the priorities' calendars apply.",
        ),
    ),
    "staffing": (
        Column("playbook", "string", "The playbook's id."),
        Column("channel", "string", "The forecast's channel."),
        Column("interval_start", "string", "Start of the interval, HH:MM local time."),
        Column("interval_seconds", "integer", "Length of the interval."),
        Column("volume", "number", "Contacts forecast in the interval."),
        Column("model", "string", "erlang-c, erlang-c-concurrency (approximation) or workload."),
        Column("traffic_erlangs", "number", "Offered load: volume / interval x handle time."),
        Column("agents_required", "integer", "Fewest agents that meet the service level and occupancy cap."),
        Column("agents_scheduled", "integer", "agents_required raised for shrinkage: the headcount to roster."),
        Column("agents_planned", "integer", "Agents the playbook plans for the interval; empty when not given."),
        Column("service_level_at_planned", "number", "Percent answered within the target with agents_planned."),
        Column("occupancy_at_planned", "number", "Percent of time agents_planned are busy."),
        *_TARGET,
    ),
    "coverage": (
        Column("playbook", "string", "The playbook's id."),
        Column("days", "string", "Days the minimum holds, e.g. 'mon tue wed thu fri'."),
        Column("start", "string", "HH:MM local time."),
        Column("end", "string", "HH:MM local time; after 24:00 ends the next day."),
        Column("team", "string", "The team the minimum is for; empty for anyone."),
        Column("channel", "string", "The channel the minimum is for; empty for every channel."),
        *_TARGET,
    ),
}

DESCRIPTIONS = {
    "kpis": "One row per KPI target (per channel for a per-channel KPI).",
    "sla_targets": "One row per SLA policy (or channel), priority and SLA metric, in seconds on the target's clock.",
    "sla_policies": "One row per SLA policy, in the order policies are tried: which tickets it takes, described once.",
    "staffing": "One row per forecast interval and channel; the target is the channel's service level.",
    "coverage": "One row per minimum-staffing rule; the target is the minimum number of agents.",
}


def names(table: str) -> list[str]:
    return [column.name for column in TABLES[table]]


def markdown() -> str:
    """The column reference as Markdown tables (README.md's copy is tested against it)."""
    lines: list[str] = []
    for table, columns in TABLES.items():
        lines += [f"`{table}.csv` / `{table}.json`: {DESCRIPTIONS[table]}", "", "| column | type | meaning |"]
        lines.append("|---|---|---|")
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in columns]
        lines.append("")
    lines += ["| direction | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in DIRECTIONS.items()]
    return "\n".join(lines) + "\n"
