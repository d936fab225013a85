"""The curriculum's hours must fit the onboarding's `total_hours` band.

Why: `total_hours: 40-80` is what the training budget and the new hire's first
weeks are planned around. If the topics' hours add up to less than the band's
lower end, or can exceed its upper end, the plan and the curriculum disagree
and one of them is wrong. The topics' lower ends are added up and compared
with the band's lower end, their upper ends with the band's upper end.

Many onboarding guides state a band that also counts shadowing and supervised
work on the queue, which are weeks of the plan, not curriculum topics. Say so
with `total_hours_includes: [classroom, shadowing, supervised]`: the
curriculum is then only part of the band, so only its upper end is checked.

Bad:
    onboarding:
      total_hours: 40-80
      curriculum:
        - {topic: Product basics, hours: 8-12}
        - {topic: CRM workflows, hours: 6-10}

Good:
    onboarding:
      total_hours: 40-80
      total_hours_includes: [classroom, shadowing, supervised]
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
MANUAL_FIX = "whether the topics or the band are wrong is the team's decision"


def _hours(low: float, high: float) -> str:
    def one(value: float) -> str:
        return f"{value:g}"

    return f"{one(low)} h" if low == high else f"{one(low)}-{one(high)} h"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    onboarding = book.onboarding
    if onboarding is None or onboarding.total_hours is None or not onboarding.curriculum:
        return
    if "classroom" not in onboarding.total_includes:
        return  # the band counts other work only: the curriculum is not part of it
    low = sum(t.hours[0] for t in onboarding.curriculum)
    high = sum(t.hours[1] for t in onboarding.curriculum)
    band_low, band_high = onboarding.total_hours
    partial = onboarding.total_includes != ("classroom",)  # other work fills the rest of the band
    if (partial or low >= band_low) and high <= band_high:
        return
    side = "above the band's maximum" if high > band_high else "below the band's minimum"
    also = ""
    if partial:
        also = ", which also counts " + ", ".join(k for k in onboarding.total_includes if k != "classroom")
    yield ctx.finding(
        onboarding.where("total_hours"),
        f"the curriculum adds up to {_hours(low, high)}, {side} ({_hours(band_low, band_high)}{also})",
        "adjust the topics' hours or the 'total_hours' band so they agree"
        if partial or high > band_high
        else "adjust the topics' hours or the 'total_hours' band so they agree, or list the other work the band "
        "counts in 'total_hours_includes' (e.g. [classroom, shadowing, supervised])",
        [(onboarding.where("curriculum"), "the curriculum")],
    )
