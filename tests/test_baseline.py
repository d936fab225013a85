"""Baselines: record today's findings, then fail only on new ones, even after lines move."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.helpers import ROOT

KNOWN = ROOT / "tests" / "fixtures" / "ci" / "known"


def lint(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["lint", *args], env={"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""})


@pytest.fixture
def legacy(tmp_path: Path) -> tuple[Path, Path]:
    playbook = tmp_path / "known"
    shutil.copytree(KNOWN, playbook)
    baseline = tmp_path / "ci" / "playbook-baseline.json"
    result = lint(str(playbook), "--write-baseline", str(baseline))
    assert result.exit_code == 0
    assert "wrote 3 finding(s) to the baseline" in result.output
    return playbook, baseline


def test_baseline_records_readable_entries_without_line_numbers(legacy):
    _, baseline = legacy
    document = json.loads(baseline.read_text())
    assert document["version"] == 1
    entry = next(e for e in document["findings"] if e["code"] == "PB220")
    assert entry["path"] == "../known/contacts.yaml"
    assert entry["yaml_path"] == "contacts.lead.verified"
    assert "line" not in entry


def test_baselined_findings_do_not_fail_the_run(legacy):
    playbook, baseline = legacy
    result = lint(str(playbook), "--baseline", str(baseline), "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["findings"] == []
    assert {f["suppression"]["kind"] for f in document["suppressed"]} == {"baseline"}


def test_new_findings_fail_even_after_lines_moved(legacy):
    playbook, baseline = legacy
    contacts = playbook / "contacts.yaml"
    contacts.write_text(
        "# moved down by a comment\n\n"
        + contacts.read_text()
        + '  new: {name: New, phone: "+16152220109", verified: 2021-01-01}\n'
    )
    result = lint(str(playbook), "--baseline", str(baseline), "-f", "json")
    assert result.exit_code == 0  # PB220 is a warning; the default threshold is error
    found = json.loads(result.output)["findings"]
    assert [(f["code"], f["yaml_path"]) for f in found] == [("PB220", "contacts.new.verified")]
    assert lint(str(playbook), "--baseline", str(baseline), "--fail-on", "warning").exit_code == 1


def test_fixed_findings_leave_a_note_to_shrink_the_baseline(legacy):
    playbook, baseline = legacy
    contacts = playbook / "contacts.yaml"
    contacts.write_text(contacts.read_text().replace("2020-01-01", "2026-11-26"))
    result = lint(str(playbook), "--baseline", str(baseline))
    assert "1 baseline entry no longer matches a finding" in result.output


def test_unreadable_baseline_is_exit_2(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]")
    result = lint(str(KNOWN), "--baseline", str(bad))
    assert result.exit_code == 2
    assert "not a playbook baseline" in result.output
    assert lint(str(KNOWN), "--baseline", str(tmp_path / "none.json")).exit_code == 2


def test_yaml_path_of_a_block_mapping_start_is_its_first_entry(tmp_path):
    from compiler.lint.fingerprint import yaml_paths
    from playbook.yamlload import load_text

    data = load_text("p.yaml", "priorities:\n  P1:\n    title: Outage\n  P2: {title: Minor}\n").data
    index = yaml_paths(data)
    assert index[("p.yaml", 2, 3)] == "priorities.P1"
    assert index[("p.yaml", 3, 5)] == "priorities.P1.title"
    assert index[("p.yaml", 4, 7)] == "priorities.P2"
