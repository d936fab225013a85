"""Staffing tables as text for people and as JSON for programs."""

from __future__ import annotations

import json
import math
from typing import Any

from compiler.time.staffing import Assumptions, Row, Table
from playbook.units import format_clock, format_seconds

JSON_VERSION = 1
COLUMNS = (
    ("start", 5),
    ("volume", 7),
    ("traffic", 8),
    ("required", 8),
    ("SL", 6),
    ("P(wait)", 7),
    ("ASA", 7),
    ("occupancy", 9),
    ("scheduled", 9),
    ("planned", 7),
    ("planned SL", 10),
    ("planned occ", 11),
)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def heading(basis: Assumptions) -> str:
    parts = [f"{basis.channel}: {basis.label}"]
    if basis.level is not None and basis.target is not None:
        parts.append(f"target {basis.level * 100:g}% in {format_seconds(basis.target)}")
    elif basis.target is not None:
        parts.append(f"target {format_seconds(basis.target)}")
    handle = format_seconds(basis.handle_time * basis.concurrency)
    if basis.concurrency > 1:
        handle += f" ÷ {basis.concurrency} = {format_seconds(basis.handle_time)}"
    parts.append(f"handle time {handle}")
    parts.append(f"{format_seconds(basis.interval)} intervals")
    if basis.occupancy_cap is not None:
        parts.append(f"occupancy cap {basis.occupancy_cap * 100:g}%")
    parts.append(f"shrinkage {basis.shrinkage * 100:g}%")
    return ", ".join(parts)


def cells(row: Row) -> list[str]:
    asa = "-" if row.asa is None else ("never" if math.isinf(row.asa) else f"{row.asa:.1f}s")
    return [
        format_clock(row.start),
        f"{row.volume:g}",
        f"{row.traffic:.2f}",
        str(row.required),
        percent(row.service_level),
        percent(row.wait_probability),
        asa,
        percent(row.occupancy),
        str(row.scheduled),
        "-" if row.planned is None else str(row.planned),
        percent(row.planned_service_level),
        percent(row.planned_occupancy),
    ]


def render_text(tables: list[Table]) -> str:
    if not tables:
        return "no staffing forecast: add staffing.forecast (see docs/language.md)\n"
    out: list[str] = []
    for table in tables:
        out += [heading(table.basis), "  ".join(name.rjust(width) for name, width in COLUMNS)]
        for row in table.rows:
            out.append("  ".join(cell.rjust(width) for cell, (_, width) in zip(cells(row), COLUMNS, strict=True)))
        out.append("")
    out.append(
        "traffic in Erlangs; required = agents on the queue for the target; scheduled = required ÷ (1 - shrinkage);"
    )
    out.append("planned = the forecast's agents on the queue.")
    return "\n".join(out) + "\n"


def _number(value: float | None) -> float | None:
    if value is None or math.isinf(value):
        return None
    return round(value, 6)


def _row(row: Row) -> dict[str, Any]:
    return {
        "start": format_clock(row.start),
        "volume": row.volume,
        "traffic": _number(row.traffic),
        "required": row.required,
        "scheduled": row.scheduled,
        "planned": row.planned,
        "service_level": _number(row.service_level),
        "wait_probability": _number(row.wait_probability),
        "asa_seconds": _number(row.asa),
        "occupancy": _number(row.occupancy),
        "planned_service_level": _number(row.planned_service_level),
        "planned_occupancy": _number(row.planned_occupancy),
    }


def to_dict(book_id: str, tables: list[Table]) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "playbook": book_id,
        "channels": [
            {
                "channel": t.basis.channel,
                "model": t.basis.model,
                "label": t.basis.label,
                "interval_seconds": t.basis.interval,
                "handle_time_seconds": t.basis.handle_time * t.basis.concurrency,
                "concurrency": t.basis.concurrency,
                "service_level": t.basis.level,
                "target_seconds": t.basis.target,
                "occupancy_cap": t.basis.occupancy_cap,
                "shrinkage": t.basis.shrinkage,
                "rows": [_row(r) for r in t.rows],
            }
            for t in tables
        ],
    }


def render_json(book_id: str, tables: list[Table]) -> str:
    return json.dumps(to_dict(book_id, tables), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
