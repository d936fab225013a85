"""How one lint run is configured: rule severities and options, today's date, targets, per-path ignores.

Apart from the pipeline and the suppressions so that both can read it without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from compiler.check.rules import Context, Rule
from compiler.time import clock
from playbook.findings import Location, Severity


@dataclass(frozen=True)
class Ignore:
    """A per-path ignore from the configuration: `codes` (all rules when empty) in files matching `patterns`."""

    patterns: tuple[str, ...]
    codes: frozenset[str] = frozenset()
    base_dir: str = "."
    written: Location = field(default_factory=lambda: Location(""))


@dataclass
class RuleSettings:
    """How one run configures the rules (from the config file and the command line)."""

    severities: dict[str, Severity | None] = field(default_factory=dict)  # None = off
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    today: dt.date | None = None
    targets: frozenset[str] = frozenset()
    ignores: tuple[Ignore, ...] = ()  # per-path ignores from the configuration
    warn_unused_suppressions: bool = False

    def enabled(self, rule: Rule) -> bool:
        return self.severities.get(rule.code, rule.severity) is not None

    def context(self, rule: Rule) -> Context:
        options = {**rule.options, **self.options.get(rule.code, {})}
        return Context(
            rule,
            options=options,
            severity=self.severities.get(rule.code, rule.severity),
            today=self.today or clock.today(),
            targets=self.targets,
        )
