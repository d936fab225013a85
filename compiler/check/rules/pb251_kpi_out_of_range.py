"""KPI targets must be possible values in the right unit.

Why: a CSAT target of `>= 920%` or an NPS of `>= 130` can never be met and is
a typo; an AHT of `10%` or a CSAT of `4m` mixes up two KPIs. Dashboards and
alerts built from these targets would be wrong from day one. Checked:

- percentages (`csat`, `fcr`, `reopen_rate`, `sla_compliance`, `abandon_rate`,
  `service_level`, `quality_score`, and each channel's `abandon_rate`) lie
  between 0% and 100% and are not durations;
- `nps` lies between -100 and +100;
- `aht` and `asa` (and each channel's `handle_time`) are non-negative durations
  with a unit (`7m-12m`, not `7-12`);
- `cost_per_contact` is a non-negative amount, not a percentage or a duration.

Bad:
    kpis:
      csat: ">= 920%"
      nps: ">= 130"
      aht: {phone: 10%}

Good:
    kpis:
      csat: ">= 92%"
      nps: ">= 30"
      aht: {phone: 7m-12m}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding, Location, shown
from playbook.model import Playbook
from playbook.units import Target

CODE = "PB251"
NAME = "kpi-out-of-range"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the target is the team's goal"

PERCENT = {"csat", "fcr", "reopen_rate", "sla_compliance", "abandon_rate", "service_level", "quality_score"}
DURATION = {"aht", "asa", "handle_time"}
SCORE = {"nps"}
AMOUNT = {"cost_per_contact"}


def _bounds(target: Target) -> list[float]:
    return [v for v in (target.low, target.high) if v is not None]


def problem(kind: str, target: Target) -> tuple[str, str] | None:
    """(what is wrong, what to do) for a target of KPI `kind`, or None."""
    values = _bounds(target)
    if kind in PERCENT:
        if target.unit == "s":
            return "is a duration, but this KPI is a percentage", "write a percentage such as '>= 92%'"
        if any(v < 0 or v > 100 for v in values):
            return "is outside 0%-100%", "write a percentage from 0% to 100%, such as '>= 92%'"
    elif kind in SCORE:
        if target.unit == "s" or any(v < -100 or v > 100 for v in values):
            return "is not a possible NPS (-100 to +100)", "write a score such as '>= 30'"
    elif kind in DURATION:
        if target.unit != "s":
            return "is not a duration", "write a duration with a unit, such as '7m-12m' or '<= 60s'"
        if any(v < 0 for v in values):
            return "is negative", "a duration cannot be negative"
    elif kind in AMOUNT:
        if target.unit in ("%", "s"):
            return "is not an amount of money", "write an amount such as '<= 4.50'"
        if any(v < 0 for v in values):
            return "is negative", "a cost cannot be negative"
    return None


def _targets(book: Playbook) -> Iterator[tuple[str, str, Target, Location]]:
    """(kind, label, target, location) for every KPI-like target in the playbook."""
    for name, kpi in book.kpis.items():
        if kpi.target is not None:
            yield name, name, kpi.target, kpi.where("target")
        for channel, target in kpi.per_channel.items():
            yield name, f"{name} on {channel}", target, kpi.where(channel)
    for channel in book.channels.values():
        if channel.abandon_rate is not None:
            yield "abandon_rate", f"{channel.id} abandon_rate", channel.abandon_rate, channel.where("abandon_rate")
        if channel.handle_time is not None:
            yield "handle_time", f"{channel.id} handle_time", channel.handle_time, channel.where("handle_time")


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for kind, label, target, where in _targets(book):
        found = problem(kind, target)
        if found is not None:
            yield ctx.finding(where, f"{label} target {shown(target.text)} {found[0]}", found[1])
