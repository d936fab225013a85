"""Shrinkage and occupancy must be possible percentages.

Why: shrinkage is the share of paid time not spent on contacts; at 100% nobody
ever takes a call, and every headcount computed from it divides by zero.
Occupancy is the share of logged-in time spent handling contacts; above 100% is
impossible and 0% means nobody works. Both must be written as percentages
(`30%`, `75%-85%`): a bare `0.3` is read as 0.3%, not 30%.

Bad:
    staffing: {shrinkage: 100%, occupancy: 0.85}

Good:
    staffing: {shrinkage: 30%, occupancy: 85%}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding, shown
from playbook.model import Playbook
from playbook.units import Target

CODE = "PB252"
NAME = "staffing-out-of-range"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the right percentage is the team's plan"


def _problem(name: str, target: Target) -> str | None:
    values = [v for v in (target.low, target.high) if v is not None]
    if target.unit != "%":
        return "is not a percentage"
    if name == "shrinkage" and any(v < 0 or v >= 100 for v in values):
        return "must be at least 0% and below 100%"
    if name == "occupancy" and any(v <= 0 or v > 100 for v in values):
        return "must be above 0% and at most 100%"
    return None


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    staffing = book.staffing
    if staffing is None:
        return
    for name in ("shrinkage", "occupancy"):
        target = getattr(staffing, name)
        found = _problem(name, target) if target is not None else None
        if found is None:
            continue
        yield ctx.finding(staffing.where(name), f"{name} {shown(target.text)} {found}", _hint(name, target))


def _hint(name: str, target: Target) -> str:
    if target.unit == "" and target.high is not None and 0 < target.high <= 1:
        return f"write {name} as a percentage: '{_percent(target)}'"  # 0.85 meant 85%
    typical = "30%-35%" if name == "shrinkage" else "75%-85%"
    bounds = "from 0% to under 100%" if name == "shrinkage" else "above 0% and at most 100%"
    return f"write {name} as a percentage {bounds}, typically {typical}"


def _percent(target: Target) -> str:
    low, high = (round((v or 0) * 100, 6) for v in (target.low, target.high))
    return f"{low:g}%" if low == high else f"{low:g}%-{high:g}%"
