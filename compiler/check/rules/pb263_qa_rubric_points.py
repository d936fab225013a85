"""QA rubric points should add up to 100.

Why: evaluators and reports read a QA score as a percentage. A rubric whose
points add up to 95 or 110 makes every score slightly wrong and scores from
different rubric versions incomparable. The expected total is the `total`
option.

Bad:
    qa:
      rubric:
        - {item: Greeting, points: 10}
        - {item: Accurate answer, points: 30}

Good:
    qa:
      rubric:
        - {item: Greeting, points: 10}
        - {item: Accurate answer, points: 90}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB263"
NAME = "qa-rubric-points"
SEVERITY = "info"
OPTIONS = {"total": 100}
MANUAL_FIX = "how many points each item is worth is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.qa is None or not book.qa.rubric:
        return
    total = sum(item.points for item in book.qa.rubric)
    wanted = float(ctx.options["total"])
    if abs(total - wanted) < 1e-9:
        return
    yield ctx.finding(
        book.qa.where("rubric"),
        f"QA rubric points add up to {total:g}, not {wanted:g}",
        f"adjust the items' points so that a perfect evaluation scores {wanted:g}",
    )
