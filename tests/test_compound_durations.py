"""Compound durations (`1h30m`, `1d4h`, `1bd4bh`) work everywhere a duration does: lint, every target, simulate."""

from __future__ import annotations

import targets
from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from playbook import source
from tests.helpers import EXAMPLES, TODAY

MINIMAL = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


COMPOUND = swap(
    swap(
        swap(MINIMAL, "update_every: 2h, resolve: 1bd}", "update_every: 1h30m, resolve: 1bd4bh}"),
        "P2: {acknowledge: 8h, resolve: 3bd}",
        "P2: {acknowledge: 8h, resolve: 2d4h}",
    ),
    "first_reply: 8h}",
    "first_reply: 7h45m30s}",
)


def test_a_playbook_with_compound_durations_lints_clean_and_builds_every_target(tmp_path):
    path = tmp_path / "playbook.yaml"
    path.write_text(COMPOUND, encoding="utf-8")
    result = check_source(source.load(str(path)), RuleSettings(today=TODAY, targets=frozenset(targets.TARGETS)))
    assert not result.has_errors(), [f"{f.location} {f.message}" for f in result.findings]
    assert result.book is not None
    assert result.book.sla_seconds("P1", "update_every") == 5400
    assert result.book.sla_seconds("P2", "resolve") == 2 * 9 * 3600 + 4 * 3600  # business days of 09:00-18:00
    plan = build_plan(result.book)
    runbook = targets.load("runbook").render(plan)
    assert "1 hour 30 minutes" in runbook["P1.md"].decode()
    for name in sorted(targets.TARGETS):
        assert targets.load(name).render(plan), name
