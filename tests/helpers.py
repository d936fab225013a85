"""Shared test helpers: lint YAML text and look at findings by code."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from compiler.lint.pipeline import Result, check_source
from compiler.lint.settings import RuleSettings
from playbook import source
from playbook.findings import Finding

TODAY = dt.date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def lint_text(
    tmp_path: Path,
    text: str,
    *,
    options: dict[str, dict[str, Any]] | None = None,
    targets: tuple[str, ...] = (),
    name: str = "playbook.yaml",
) -> Result:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = RuleSettings(options=options or {}, today=TODAY, targets=frozenset(targets))
    return check_source(source.load(str(path)), settings)


def at(findings: list[Finding], code: str) -> list[tuple[int, int]]:
    """(line, column) of every finding with `code`."""
    return [(f.location.line, f.location.column) for f in findings if f.code == code]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}
