"""Output stays readable whatever the input: a message echoes at most ~80 characters of a value, and
each rule lists at most a hundred findings per file, then one that counts the rest."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from tests.helpers import EXAMPLES

MINIMAL = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
HUGE = "x" * 100_000


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "examples"  # where the minimal example's fictional contacts are fine
    folder.mkdir()
    path = folder / "playbook.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lint(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["lint", str(path), "--today", "2026-11-26", "--no-color", *args])


def test_huge_values_are_echoed_in_short(tmp_path):
    text = (
        MINIMAL.replace("timezone: Europe/London", f"timezone: Europe/{HUGE}")
        .replace("zendesk: urgent", f"zendesk: {HUGE}")
        .replace("    title: Shop is down", "    title: Shop is down\n    " + "k" * 1000 + ": 1")  # YAML's longest key
        .replace("freshdesk: 4", "freshdesk: " + "4" * 5000)
        .replace("    title: Everything else", "    title: " + HUGE)
    )
    path = write(tmp_path, text)
    result = lint(path)
    assert result.exit_code == 1, result.output
    messages = [line for line in result.output.splitlines() if "error" in line or "hint:" in line]
    assert len(messages) >= 8, result.output[:3000]
    assert max(len(line) for line in result.output.splitlines()) < 250, [
        line[:300] for line in result.output.splitlines() if len(line) >= 250
    ]
    assert "100,000 characters" in result.output


def test_a_huge_time_zone_is_short_too(tmp_path):
    result = lint(write(tmp_path, MINIMAL.replace("timezone: Europe/London", f"timezone: Europe/{HUGE}")))
    assert result.exit_code == 1
    assert "unknown time zone 'Europe/xxx" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 250


def test_a_rule_lists_a_hundred_findings_per_file_then_counts_the_rest(tmp_path):
    stale = "".join(
        f'  c{i}: {{name: C{i}, phone: "+44207123{i:04d}", verified: 2020-01-01, timezone: Europe/London}}\n'
        for i in range(250)
    )
    path = write(tmp_path, MINIMAL + stale)
    result = lint(path)
    assert result.output.count("[PB220 contact-not-verified]") == 101
    assert "150 more contact-not-verified problems in this file are not listed" in result.output
    assert "250 warnings" in result.output  # the summary counts every finding
    report = json.loads(lint(path, "--format", "json").output)
    assert sum(1 for f in report["findings"] if f["code"] == "PB220") == 101
    assert report["summary"]["warning"] == 250


def test_the_baseline_records_every_finding_not_only_the_listed_ones(tmp_path):
    stale = "".join(
        f'  c{i}: {{name: C{i}, phone: "+44207123{i:04d}", verified: 2020-01-01, timezone: Europe/London}}\n'
        for i in range(150)
    )
    path = write(tmp_path, MINIMAL + stale)
    baseline = tmp_path / "baseline.json"
    assert "wrote 150 finding(s)" in lint(path, "--write-baseline", str(baseline)).output
    after = lint(path, "--baseline", str(baseline))
    assert after.exit_code == 0
    assert "PB220" not in after.output
