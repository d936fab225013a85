"""QA sampling per agent must agree with the evaluations per month.

Why: "review 3-8 interactions per agent per week" and "4 evaluations per
month" cannot both be the plan: 3 a week is 13 a month. The QA lead staffs
reviewers from one figure and the agents are told the other. A week is
52/12 of a month; `evaluations_per_month` must lie in the sampling range
(rounded to whole evaluations).

Bad:
    qa:
      sampling: {interactions: 3-8, every: week}
      evaluations_per_month: 4

Good:
    qa:
      sampling: {interactions: 3-8, every: week}
      evaluations_per_month: 20
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB267"
NAME = "qa-sampling-inconsistent"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which of the two figures is the plan is the QA lead's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    qa = book.qa
    if qa is None or qa.sampling is None or qa.evaluations_per_month is None:
        return
    low, high = qa.sampling.per_month()
    low, high = math.floor(low), math.ceil(high)
    if low <= qa.evaluations_per_month <= high:
        return
    sampling = qa.sampling
    sampled = f"{sampling.low:g}" + (f"-{sampling.high:g}" if sampling.high != sampling.low else "")
    yield ctx.finding(
        qa.where("evaluations_per_month"),
        f"{qa.evaluations_per_month} evaluations a month disagrees with sampling {sampled} interactions a "
        f"{qa.sampling.every} ({low}-{high} a month)",
        f"make evaluations_per_month between {low} and {high}, or change the sampling",
        [(qa.sampling.loc, "the sampling")],
    )
