"""Lint rules: one module per rule, discovered from this package.

A rule module defines, at top level:

- a docstring: the rule's user documentation (what, why, a bad and a good example);
- `CODE` (stable, e.g. "PB201"), `NAME` (kebab-case), `SEVERITY` ("error", "warning" or "info");
- `OPTIONS`: a dict of option names to defaults (may be empty);
- `check(book, ctx)`: yields findings made with `ctx.finding(...)`;
- either findings that carry a `fix` (edits that make the finding go away) or
  `MANUAL_FIX`: why the change is left to a person (it needs their choice or
  knowledge, or more than edits of written values), in which case the Good
  example is the Bad one with the hint followed (tests/test_hints_fix.py checks both).
- optionally `PER_POLICY = True`: the rule is about SLA targets as `sla:` holds them, and on a
  playbook with `sla_policies:` it checks each policy through its view (`policy_view`): the
  policy's targets as `book.sla`, on the policy's calendar and clock. Its findings name the policy.

Adding a rule means adding one module (and its tests); nothing else changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from compiler.time import clock
from playbook.findings import Edit, Finding, Location, Severity
from playbook.model import Playbook
from playbook.policyview import policy_view


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    options: dict[str, Any]
    doc: str
    check: Callable[[Playbook, Context], Iterable[Finding]]
    module: str
    manual_fix: str = ""  # why the fix needs a person; empty when findings carry edits

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


@dataclass
class Context:
    """What a rule may know besides the model: its options, today's date, requested targets."""

    rule: Rule
    options: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    today: dt.date = field(default_factory=clock.today)
    targets: frozenset[str] = frozenset()

    def finding(
        self,
        location: Location,
        message: str,
        hint: str = "",
        related: Iterable[tuple[Location, str]] = (),
        fix: Iterable[Edit] = (),
    ) -> Finding:
        return Finding(
            self.rule.code,
            self.rule.name,
            self.severity or self.rule.severity,
            message,
            location,
            hint,
            tuple(related),
            tuple(fix),
        )


def _rule_from(module: ModuleType) -> Rule:
    check = module.check
    if getattr(module, "PER_POLICY", False):
        check = _per_policy(check)
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=Severity.parse(module.SEVERITY),
        options=dict(getattr(module, "OPTIONS", {})),
        doc=module.__doc__ or "",
        check=check,
        module=module.__name__,
        manual_fix=getattr(module, "MANUAL_FIX", ""),
    )


def _per_policy(
    check: Callable[[Playbook, Context], Iterable[Finding]],
) -> Callable[[Playbook, Context], Iterable[Finding]]:
    """Run an `sla:` rule on every SLA policy's view, naming the policy in its findings."""

    def run(book: Playbook, ctx: Context) -> Iterable[Finding]:
        if not book.policies:
            yield from check(book, ctx)
            return
        for policy in book.policies:
            for found in check(policy_view(book, policy), ctx):
                hint = found.hint.replace("under 'sla:'", f"in SLA policy {policy.id}'s targets")
                yield dataclasses.replace(found, message=f"{found.message} (SLA policy {policy.id})", hint=hint)

    return run


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code."""
    rules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "CODE"):
            rules.append(_rule_from(module))
    return tuple(sorted(rules, key=lambda r: r.code))


def find_rule(key: str) -> Rule | None:
    """A rule by code or name (case-insensitive for codes)."""
    for rule in all_rules():
        if key.upper() == rule.code or key == rule.name:
            return rule
    return None
