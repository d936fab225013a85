"""The curriculum's hours must fit the onboarding's `total_hours` band.

Why: `total_hours: 40-80` is what the training budget and the new hire's first
weeks are planned around. If the topics' hours add up to less than the band's
lower end, or can exceed its upper end, the plan and the curriculum disagree
and one of them is wrong. The topics' lower ends are added up and compared
with the band's lower end, their upper ends with the band's upper end.

Bad:
    onboarding:
      total_hours: 40-80
      curriculum:
        - {topic: Product basics, hours: 8-12}
        - {topic: CRM workflows, hours: 6-10}

Good:
    onboarding:
      total_hours: 14-22
      curriculum:
        - {topic: Product basics, hours: 8-12}
        - {topic: CRM workflows, hours: 6-10}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB250"
NAME = "curriculum-outside-band"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def _hours(low: float, high: float) -> str:
    def one(value: float) -> str:
        return f"{value:g}"

    return f"{one(low)} h" if low == high else f"{one(low)}-{one(high)} h"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    onboarding = book.onboarding
    if onboarding is None or onboarding.total_hours is None or not onboarding.curriculum:
        return
    low = sum(t.hours[0] for t in onboarding.curriculum)
    high = sum(t.hours[1] for t in onboarding.curriculum)
    band_low, band_high = onboarding.total_hours
    if low >= band_low and high <= band_high:
        return
    side = "below the band's minimum" if low < band_low else "above the band's maximum"
    yield ctx.finding(
        onboarding.where("total_hours"),
        f"the curriculum adds up to {_hours(low, high)}, {side} ({_hours(band_low, band_high)})",
        "adjust the topics' hours or the 'total_hours' band so they agree",
        [(onboarding.where("curriculum"), "the curriculum")],
    )
