"""Shrinkage and occupancy should be in the range real contact centres run at.

Why: an occupancy target above about 90% means agents go from contact to
contact with no recovery time: queues become unstable at the smallest peak and
attrition follows. Shrinkage below about 10% forgets breaks, training, meetings
and leave; above about 60% something else is being counted. Both make the
staffing plan promise a service level the team cannot deliver. The limits are
options: `max_occupancy`, `min_shrinkage`, `max_shrinkage` (percent).

Bad:
    staffing: {shrinkage: 5%, occupancy: 98%}

Good:
    staffing: {shrinkage: 30%-35%, occupancy: 75%-85%}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding, shown
from playbook.model import Playbook
from playbook.units import Target

CODE = "PB254"
NAME = "staffing-implausible"
SEVERITY = "warning"
OPTIONS = {"max_occupancy": 90, "min_shrinkage": 10, "max_shrinkage": 60}
MANUAL_FIX = "the right percentage is the team's plan"


def _span(target: Target) -> tuple[float, float] | None:
    if target.unit != "%":
        return None  # PB252 reports the unit
    low = target.low if target.low is not None else target.high
    high = target.high if target.high is not None else target.low
    return (low, high) if low is not None and high is not None else None


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    staffing = book.staffing
    if staffing is None:
        return
    opts = ctx.options
    occupancy = staffing.occupancy
    span = _span(occupancy) if occupancy else None
    if occupancy and span and span[1] > float(opts["max_occupancy"]):
        yield ctx.finding(
            staffing.where("occupancy"),
            f"occupancy {shown(occupancy.text)} is above {opts['max_occupancy']}%: agents get no recovery time",
            f"plan for at most {opts['max_occupancy']}% occupancy (typically 75%-85%)",
        )
    shrinkage = staffing.shrinkage
    span = _span(shrinkage) if shrinkage else None
    if shrinkage and span and (span[0] < float(opts["min_shrinkage"]) or span[1] > float(opts["max_shrinkage"])):
        yield ctx.finding(
            staffing.where("shrinkage"),
            f"shrinkage {shown(shrinkage.text)} is outside the usual {opts['min_shrinkage']}%-{opts['max_shrinkage']}%",
            "recount shrinkage with breaks, training, meetings, sickness and leave: typically 30%-35%",
        )
