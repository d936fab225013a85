"""Building what `sla:` and `sla_policies:` hold: targets with bands, end-of-business-day deadlines and
answer speeds, SLA policies, customer segments and cadences (for `playbook.build`)."""

from __future__ import annotations

from typing import Any

from playbook import model, operations, policies
from playbook.findings import Location
from playbook.yamlload import Map

# Another name for a metric: `first_reply` is the help desks' word for `acknowledge`.
METRIC_ALIASES = {"first_reply": "acknowledge"}


def sla_targets(builder: Any, raw: Map) -> dict[str, model.SlaTarget]:
    """metric -> target, as written under a priority (or a policy's priority, or a channel override)."""
    targets: dict[str, model.SlaTarget] = {}
    for written in (*model.SLA_METRICS, *METRIC_ALIASES):
        if written not in raw:
            continue
        metric = METRIC_ALIASES.get(written, written)
        if metric in targets:
            builder.problem(
                Location(*raw.key_loc(written)),
                f"{written} is another name for {metric}, which is already written here",
                f"keep one of {metric} and {written}",
            )
            continue
        value = raw[written]
        holder, key, hours = raw, written, None
        if isinstance(value, Map):
            holder, key, hours = value, "target", value.get("hours")
        parser = policies.parse_answer if metric == "answer" else policies.parse_deadline
        hint = "write '80% in 20s' or a duration" if metric == "answer" else "write 4h, a band '24h-72h' or eod"
        deadline = builder.parse(holder, key, parser, hint)
        if deadline is not None:
            loc = Location(*holder.value_loc(key))
            targets[metric] = model.SlaTarget(
                deadline.duration, hours, loc, deadline.upper, deadline.eod, deadline.percent
            )
    return targets


def sections(builder: Any, book: model.Playbook) -> None:
    """`segments:`, `sla_policies:` and `cadences:` into the book."""
    for sid, raw in builder.section("segments"):
        book.segments[sid] = policies.segment(sid, raw)
    for index, raw in builder.items("sla_policies"):
        book.policies.append(policies.policy(builder, index, raw))
    for cid, raw in builder.section("cadences"):
        book.cadences[cid] = operations.cadence(builder, cid, raw)
