"""Every priority needs a target for each measured SLA metric on every channel.

Why: a priority without an SLA, or a channel left without a target for it, is
a gap the help desk fills with "no deadline": those tickets never breach, never
escalate and never show up in compliance reports. A target given on the
priority applies to every channel; a channel override alone covers only its
channel; a channel's `first_reply` is the acknowledge target there of every
priority that sets none. With `sla_policies:`, every policy needs the targets
for every priority (`first_reply` is the same metric as `acknowledge`).

The metrics checked are the playbook's `sla_metrics` when it says which ones
the operation measures (a desk that deliberately tracks first reply and next
reply only writes `sla_metrics: [acknowledge, update_every]`), otherwise the
rule's `metrics` option (acknowledge and resolve).

Bad:
    channels: {chat: {}, email: {}}
    sla:
      P2: {resolve: 3bd, channels: {chat: {acknowledge: 60s}}}

Good:
    channels: {chat: {}, email: {first_reply: 24h}}
    sla:
      P2: {resolve: 3bd, channels: {chat: {acknowledge: 60s}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc, priority_loc
from playbook.findings import Finding, Location
from playbook.model import Playbook, Sla
from playbook.yamlload import Map

CODE = "PB213"
NAME = "missing-sla"
SEVERITY = "warning"
OPTIONS = {"metrics": ["acknowledge", "resolve"]}
MANUAL_FIX = "the target is the team's promise"


def _uncovered(book: Playbook, sla: Sla, metric: str) -> list[str] | None:
    """Channels without a target for `metric`; None when nothing covers it at all."""
    if metric in sla.targets:
        return []
    missing = [c for c in book.channels if metric not in sla.channels.get(c, {})]
    if not book.channels or len(missing) == len(book.channels):
        return None
    return missing


def _written(book: Playbook, pid: str) -> bool:
    section = book.raw.get("sla")
    return isinstance(section, Map) and pid in section


def _policies(book: Playbook, ctx: Context, metrics: list[str]) -> Iterator[Finding]:
    for policy in book.policies:
        holder = policy.raw.get("targets")
        for pid in book.priorities:
            sla = policy.targets.get(pid)
            if sla is None:
                yield ctx.finding(
                    policy.where("targets", at_key=True),
                    f"SLA policy {policy.id} has no targets for {pid}, so its {pid} tickets have no SLA",
                    f"add '{pid}: {{acknowledge: ..., resolve: ...}}' under the policy's 'targets:'",
                )
                continue
            for metric in metrics:
                if metric not in sla.targets:
                    yield ctx.finding(
                        Location(*holder.key_loc(pid)),
                        f"SLA policy {policy.id} has no {metric} target for {pid}",
                        f"add '{metric}:' to {pid}'s targets in the policy",
                    )


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    metrics = book.sla_metrics or ctx.options["metrics"]
    if book.policies:
        yield from _policies(book, ctx, metrics)
        return
    for pid, priority in book.priorities.items():
        sla = book.sla.get(pid)
        if sla is None:
            yield ctx.finding(
                priority_loc(book, priority),
                f"{pid} has no SLA",
                f"add '{pid}: {{{', '.join(f'{m}: ...' for m in metrics)}}}' under 'sla:'",
            )
            continue
        written = _written(book, pid)
        where = key_loc(book, "sla", pid) if written else priority_loc(book, priority)
        for metric in metrics:
            missing = _uncovered(book, sla, metric)
            if missing == []:
                continue
            gap = f"on {', '.join(missing)}" if missing else "at all"
            yield ctx.finding(
                where,
                f"{pid} has no {metric} target {gap}",
                f"add '{metric}:' to {pid}'s SLA (it applies to every channel) or to each channel's override"
                if written
                else f"add '{pid}: {{{metric}: ...}}' under 'sla:'",
            )
