"""Freshdesk counts all of one priority's targets on one clock.

Why: Freshdesk has a single business-hours switch per priority, covering its
response and resolution targets together. A priority that counts some targets
in business hours and others in calendar hours cannot be compiled as written:
the build counts all of them in calendar hours (stricter). Active when the
freshdesk target is requested. With `sla_policies:`, each policy's targets for
a priority are one Freshdesk priority row, checked on the policy's clock and
named in the finding.

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
from compiler.plan.helpdesk import metric_map, policy_metrics
from playbook.findings import Finding
from playbook.model import Playbook, SlaTarget
from playbook.policyview import policy_clock, written_targets

CODE = "PB502"
NAME = "freshdesk-mixed-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "freshdesk"
MANUAL_FIX = "which clock the priority runs on is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    # (SLA policy id or "", priority id) -> its targets Freshdesk holds, with their clocks
    groups: dict[tuple[str, str], list[tuple[SlaTarget, str]]] = {}
    usual: dict[tuple[str, str], str] = {}
    held, policy_held = policy_metrics(book, TARGET), metric_map(book, TARGET)
    for written in written_targets(book):
        priority = book.priorities[written.priority]
        if written.policy is None:
            if written.metric not in held:
                continue
            key, clock, normal = ("", priority.id), book.clock_of(priority, written.target), book.clock_of(priority)
        else:
            if written.metric not in policy_held:
                continue
            key = (written.policy.id, priority.id)
            clock = policy_clock(book, written.policy, priority, written.target)
            normal = policy_clock(book, written.policy, priority)
        groups.setdefault(key, []).append((written.target, clock))
        usual[key] = normal
    for key, entries in groups.items():
        if len({clock for _, clock in entries}) < 2:
            continue
        policy, pid = key
        odd = [(target, clock) for target, clock in entries if clock != usual[key]] or entries[:1]
        target, clock = odd[0]
        where = f" in SLA policy {policy}" if policy else ""
        yield ctx.finding(
            target.loc,
            f"{pid}{where} mixes business and calendar hours (this target counts {clock} hours); Freshdesk has one "
            "setting per priority, so the build counts all of them in calendar hours",
            f"count every {pid} target{where} on the same clock",
            [(t.loc, f"{c} hours") for t, c in odd[1:]],
        )
