"""Vendor facts of the build targets, read from each target's own `targets/<name>/facts.toml`.

The compiler may not import `targets/` (code flows the other way), yet the plan and the
target lint rules need to know what a product can express: its priority levels, its channel
codes, its SLA limits. Each target owns those facts as data in its folder; this module is
the one place that reads them, and the renderers read them from here too. A target without
`facts.toml` (the documents) has none.
"""

from __future__ import annotations

import functools
import importlib.util
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Level = str | int


@dataclass(frozen=True)
class TargetFacts:
    name: str
    title: str  # the product's name in messages, e.g. "Zendesk"
    kind: str = ""  # the --target group: "helpdesk" (levels, channel codes, SLA policies), "oncall", "chat"
    levels: tuple[Level, ...] = ()  # priority levels, most urgent first
    open_levels: bool = False  # the product's levels are the customer's own (a picklist): any text is a level
    level_names: tuple[str, ...] = ()  # what the product calls each level, when not the level itself
    channel_code_name: str = ""  # the field that scopes tickets by channel, e.g. "via_id"
    default_channel_codes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # channel type -> codes
    every_ticket_codes: tuple[int, ...] = ()  # the scope of a policy for every ticket (a playbook without channels)
    min_target: int | None = None  # seconds; shorter SLA targets are refused
    max_target: int | None = None
    sla_metrics: dict[str, str] = field(default_factory=dict)  # playbook metric -> the product's, per SLA policy
    next_response_metrics: dict[str, str] = field(default_factory=dict)  # ... with its next-response feature on
    # On-call tools ([escalation], [rotations]): how escalation delays count and what they cannot do.
    delays_count_from: str = ""  # "previous rule" (each delay after the one before) or "start"
    min_delay_minutes: int | None = None
    max_targets_per_rule: int | None = None
    last_rule_delay_minutes: int | None = None
    after_acknowledgement: bool | None = None  # whether escalation goes on once someone acknowledges
    conditions: dict[str, str] = field(default_factory=dict)  # the playbook's `when` -> the product's condition
    handoff_minutes: tuple[int, ...] = ()  # the minutes a rotation may start on (empty: any)
    # SLA policies ([policies]): how a policy selects tickets. "all-any" (conditions that all hold, plus one
    # group of which one holds) or "keys" (each key lists values, every key holds); the product's field for
    # each playbook condition; fields testing several values in one condition; the ticket types there are;
    # what may stand in for a segment (helpdesk.<target>.segments); how the fallback policy is set.
    policy_shape: str = ""
    policy_fields: dict[str, str] = field(default_factory=dict)
    several_in_one: tuple[str, ...] = ()
    ticket_types: tuple[str, ...] = ()
    stand_ins: dict[str, str] = field(default_factory=dict)
    default_policy: str = ""  # "manual": the product's default policy cannot be written through its API
    hours_from: str = ""  # whose business hours a policy counts: "schedule" (set on the ticket) or "group"
    # Messaging ([messages]): the product's size limits, by what they limit.
    message_limits: dict[str, int | str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict, repr=False)  # the whole file, for a target's own tables

    def level_name(self, level: Level) -> str:
        if self.level_names and level in self.levels:
            return self.level_names[self.levels.index(level)]
        return str(level)

    def urgency(self, level: Level) -> int | None:
        """0 for the most urgent level, 1 for the next...; None for a level the product does not have."""
        return self.levels.index(level) if level in self.levels else None


def _targets_folder() -> Path:
    spec = importlib.util.find_spec("targets")  # locates the folder without running the package's code
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def facts(name: str) -> TargetFacts | None:
    """The facts of target `name`, or None when it has none (or is no target at all)."""
    if not name.isidentifier():
        return None
    path = _targets_folder() / name / "facts.toml"
    if not path.is_file():
        return None
    return _parse(name, tomllib.loads(path.read_text(encoding="utf-8")))


def _parse(name: str, data: dict[str, Any]) -> TargetFacts:
    priority = data.get("priority", {})
    channels = data.get("channels", {})
    sla = data.get("sla", {})
    escalation = data.get("escalation", {})
    policies = data.get("policies", {})
    return TargetFacts(
        name=name,
        title=data["title"],
        kind=data.get("kind", ""),
        levels=tuple(priority.get("levels", ())),
        level_names=tuple(priority.get("names", ())),
        open_levels=bool(priority.get("open", False)),
        channel_code_name=channels.get("code_name", ""),
        default_channel_codes={kind: tuple(codes) for kind, codes in channels.get("defaults", {}).items()},
        every_ticket_codes=tuple(channels.get("every_ticket", ())),
        min_target=sla.get("min_target"),
        max_target=sla.get("max_target"),
        sla_metrics=dict(sla.get("metrics", {})),
        next_response_metrics=dict(sla.get("next_response_metrics", {})),
        delays_count_from=escalation.get("delays_count_from", ""),
        min_delay_minutes=escalation.get("min_delay_minutes"),
        max_targets_per_rule=escalation.get("max_targets_per_rule"),
        last_rule_delay_minutes=escalation.get("last_rule_delay_minutes"),
        after_acknowledgement=escalation.get("after_acknowledgement"),
        conditions=dict(escalation.get("conditions", {})),
        handoff_minutes=tuple(data.get("rotations", {}).get("handoff_minutes", ())),
        message_limits=dict(data.get("messages", {})),
        policy_shape=policies.get("shape", ""),
        policy_fields=dict(policies.get("fields", {})),
        several_in_one=tuple(policies.get("several_in_one", ())),
        ticket_types=tuple(policies.get("types", ())),
        stand_ins=dict(policies.get("stand_ins", {})),
        default_policy=policies.get("default_policy", ""),
        hours_from=policies.get("hours_from", ""),
        data=data,
    )


def helpdesks(names: Iterable[str]) -> tuple[str, ...]:
    """The help-desk targets among `names`, sorted."""
    return of_kind(names, "helpdesk")


def of_kind(names: Iterable[str], kind: str) -> tuple[str, ...]:
    """The targets among `names` whose facts say they are of `kind` (helpdesk, oncall, chat), sorted."""
    return tuple(sorted(n for n in set(names) if (found := facts(n)) is not None and found.kind == kind))
