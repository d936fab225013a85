"""Compound durations (`1h30m`, `1d4h`, `1bd4bh`) work everywhere a duration does: lint, every target, simulate."""

from __future__ import annotations

import targets
from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from playbook import source
from tests.helpers import EXAMPLES, TODAY

MINIMAL = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
COMPOUND = (
    MINIMAL.replace(
        "P1: {acknowledge: 1h, update_every: 2h, resolve: 1bd}",
        "P1: {acknowledge: 1h, update_every: 1h30m, resolve: 1bd4bh}",
    )
    .replace("P2: {acknowledge: 8h, resolve: 3bd}", "P2: {acknowledge: 8h, resolve: 2d4h}")
    .replace("email: {intake: 4h, first_reply: 8h}", "email: {intake: 3h30m, first_reply: 7h45m}")
)


def test_a_playbook_with_compound_durations_lints_clean_and_builds_every_target(tmp_path):
    assert COMPOUND.count("h30m") == 2
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
