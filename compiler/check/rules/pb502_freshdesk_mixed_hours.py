"""Freshdesk counts all of one priority's targets on one clock.

Why: Freshdesk has a single business-hours switch per priority, covering its
response and resolution targets together. A priority that counts some targets
in business hours and others in calendar hours cannot be compiled as written:
the build counts all of them in calendar hours (stricter). Active when the
freshdesk target is requested.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P2: {title: Major, calendar: office}
    sla:
      P2: {acknowledge: {target: 1h, hours: calendar}, resolve: 3bd}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P2: {title: Major, calendar: office}
    sla:
      P2: {acknowledge: 1h, resolve: 3bd}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import policy_metrics, written_targets
from playbook.findings import Finding
from playbook.model import Playbook, Priority, SlaTarget

CODE = "PB502"
NAME = "freshdesk-mixed-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "freshdesk"
MANUAL_FIX = "which clock the priority runs on is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    by_priority: dict[str, list[tuple[Priority, SlaTarget, str]]] = {}
    for priority, target in written_targets(book, policy_metrics(book, TARGET)):
        by_priority.setdefault(priority.id, []).append((priority, target, book.clock_of(priority, target)))
    for entries in by_priority.values():
        if len({clock for _, _, clock in entries}) < 2:
            continue
        priority = entries[0][0]
        usual = book.clock_of(priority)
        odd = [(target, clock) for _, target, clock in entries if clock != usual] or [(entries[0][1], entries[0][2])]
        target, clock = odd[0]
        yield ctx.finding(
            target.loc,
            f"{priority.id} mixes business and calendar hours (this target counts {clock} hours); Freshdesk has one "
            "setting per priority, so the build counts all of them in calendar hours",
            f"count every {priority.id} target on the same clock",
            [(t.loc, f"{c} hours") for t, c in odd[1:]],
        )
