"""The on-call, status-page and chat targets from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main
from tests.helpers import EXAMPLES

NEW = ("pagerduty", "opsgenie", "slack", "teams", "statuspage")


def test_targets_lists_each_new_target_and_the_groups():
    output = CliRunner().invoke(main, ["targets"]).output
    for name in NEW:
        assert f"\n{name:<12} " in "\n" + output, name
    assert "oncall       = pagerduty + opsgenie" in output
    assert "chat         = slack + teams" in output


def test_build_writes_every_new_target_with_a_manifest(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(EXAMPLES / "online-care"), *[arg for name in NEW for arg in ("-t", name)], "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(NEW)
    for name in NEW:
        data = json.loads((out / name / "manifest.json").read_text())
        assert data["target"] == name
    assert (out / "pagerduty" / "escalation_policies" / "p0.json").is_file()
    assert (out / "slack" / "alerts" / "01-queue-depth-chat.json").is_file()


def test_groups_expand_on_the_command_line(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(EXAMPLES / "field-service"),
            "-t",
            "oncall",
            "-t",
            "chat",
            "--out",
            str(tmp_path / "o"),
            "--today",
            "2026-11-26",
        ],
    )
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith("."))
    assert built == ["opsgenie", "pagerduty", "slack", "teams"]
