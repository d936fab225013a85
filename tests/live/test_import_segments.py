"""`playbook import` of escalation steps for some customer segments (one Zendesk automation per segment)."""

from __future__ import annotations

from pathlib import Path

import yaml

from targets.shared.live import run
from tests.fakes import FakeZendesk
from tests.live.support import client, seed
from tests.live.test_import import cli
from tests.targets.support import build_path
from tests.test_segment_escalation import write


def test_a_zendesk_step_for_two_segments_imports_as_one_step_naming_both(tmp_path):
    """No SLA policies name the segments here: the automations' own conditions make them."""
    files = build_path(Path(write(tmp_path)), "zendesk")
    with FakeZendesk() as fake:
        seed(fake, files)
        with client(fake) as http:
            run.apply("zendesk", http, run.plan("zendesk", http, files))
        imported = cli(fake, "import", "zendesk", "--out", str(tmp_path / "back"))
    assert imported.exit_code == 0, imported.output
    back = yaml.safe_load((tmp_path / "back" / "playbook.yaml").read_text())
    scoped = [edge for edge in back["escalation"] if edge.get("segments")]
    assert [(e["from"], e["to"], e["segments"]) for e in scoped] == [("lead", "tam", ["enterprise", "premium"])]
    assert back["segments"]["enterprise"]["tags"] == "plan_enterprise"
    assert back["segments"]["premium"]["tags"] == "plan_premium"
    report = (tmp_path / "back" / "import-report.md").read_text()
    assert "finds nothing to change: the import is complete" in report
