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
    kind: str = ""  # "helpdesk" for the targets with priority levels, channel codes and SLA policies
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
        data=data,
    )


def helpdesks(names: Iterable[str]) -> tuple[str, ...]:
    """The help-desk targets among `names`, sorted."""
    return tuple(sorted(n for n in set(names) if (found := facts(n)) is not None and found.kind == "helpdesk"))
