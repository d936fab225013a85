"""Ramp goals must be in week order and never ask for less productivity later.

Why: a ramp says how productive a new hire should be by each week (70-85% by
week 8, 100% by week 12). Goals out of order, or a later goal below an earlier
one, are a typo in the week or the percentage; the onboarding guide and the
team lead's expectations would contradict each other.

Bad:
    onboarding:
      ramp:
        - {week: 8, productivity: 85%}
        - {week: 12, productivity: 70%}

Good:
    onboarding:
      ramp:
        - {week: 8, productivity: 85%}
        - {week: 12, productivity: 100%}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.units import Target

CODE = "PB253"
NAME = "ramp-not-increasing"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which week's goal is wrong is the team's decision"


def _floor(target: Target) -> float | None:
    return target.low if target.low is not None else target.high


def _ceiling(target: Target) -> float | None:
    return target.high if target.high is not None else target.low


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.onboarding is None:
        return
    ramp = book.onboarding.ramp
    for (week, target, _), (next_week, next_target, loc) in zip(ramp, ramp[1:], strict=False):
        if next_week <= week:
            yield ctx.finding(
                loc,
                f"ramp goal for week {next_week} comes after the goal for week {week}",
                "list ramp goals in week order, each week once",
            )
            continue
        earlier, later = _floor(target), _ceiling(next_target)
        if earlier is not None and later is not None and later < earlier:
            yield ctx.finding(
                loc,
                f"week {next_week} asks for {next_target.text}, less than week {week}'s {target.text}",
                f"raise week {next_week}'s goal to at least {earlier:g}{target.unit}, or lower week {week}'s: "
                "goals rise (or stay) week by week",
            )
