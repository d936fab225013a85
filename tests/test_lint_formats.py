"""`playbook lint` output formats, run through the CLI on a playbook with known findings."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cli import main
from schemas import load_schema
from tests.helpers import ROOT

KNOWN = ROOT / "tests" / "fixtures" / "ci" / "known"
SARIF_SCHEMA = ROOT.parent / "shared" / "vendor" / "sarif" / "sarif-schema-2.1.0.json"
EXPECTED = {"PB201", "PB210", "PB220"}


def lint(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    base = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""}
    return CliRunner().invoke(main, ["lint", *args], env={**base, **(env or {})})


@pytest.fixture
def known(tmp_path: Path) -> Path:
    target = tmp_path / "known"
    shutil.copytree(KNOWN, target)
    return target


def test_json_report_matches_its_published_schema_and_lists_each_finding(known):
    result = lint(str(known), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.output)
    jsonschema.Draft7Validator(load_schema("lint-report")).validate(document)
    assert {f["code"] for f in document["findings"]} == EXPECTED
    cycle = next(f for f in document["findings"] if f["code"] == "PB201")
    assert (cycle["line"], cycle["column"]) == (12, 22)
    assert [r["line"] for r in cycle["related"]] == [11, 12]
    stale = next(f for f in document["findings"] if f["code"] == "PB220")
    assert stale["yaml_path"] == "contacts.lead.verified"
    assert document["summary"] == {"error": 2, "warning": 1, "info": 0, "suppressed": 0, "failed": True}


def test_fingerprints_survive_lines_moving(known):
    before = {f["code"]: f["fingerprint"] for f in json.loads(lint(str(known), "-f", "json").output)["findings"]}
    for name in ("playbook.yaml", "contacts.yaml"):
        path = known / name
        path.write_text("# a new comment\n\n" + path.read_text())
    after = json.loads(lint(str(known), "-f", "json").output)["findings"]
    assert {f["code"]: f["fingerprint"] for f in after} == before
    assert next(f for f in after if f["code"] == "PB201")["line"] == 14


def test_sarif_is_valid_2_1_0_with_rule_help_and_related_locations(known):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (the shared vendor folder is absent here)")
    result = lint(str(known), "--format", "sarif")
    document = json.loads(result.output)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    run = document["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "Why: a phone number nobody has dialled" in rules["PB220"]["help"]["text"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert set(results) == EXPECTED
    assert results["PB220"]["level"] == "warning"
    assert len(results["PB201"]["relatedLocations"]) == 2
    assert results["PB210"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 21}


def test_sarif_result_points_at_rule_index(known):
    document = json.loads(lint(str(known), "-f", "sarif").output)
    run = document["runs"][0]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["playbookFinding/v1"]


def test_github_format_writes_one_workflow_command_per_finding(known):
    result = lint(str(known), "--format", "github")
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"::warning file={known}/contacts.yaml,line=3,col=55,title=PB220 contact-not-verified::")
    assert any(line.startswith("::error ") and "title=PB201 escalation-cycle" in line for line in lines)
    assert all("%0Ahint: " in line for line in lines)


def test_github_format_is_chosen_inside_github_actions(known):
    result = lint(str(known), env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::")


def test_junit_fails_cases_at_the_threshold_and_skips_the_rest(known):
    root = ET.fromstring(lint(str(known), "--format", "junit").output)
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "2", "1")
    failed = [case for case in root.iter("testcase") if case.find("failure") is not None]
    assert {case.find("failure").get("type") for case in failed} == {"PB201", "PB210"}
    strict = ET.fromstring(lint(str(known), "--format", "junit", "--fail-on", "warning").output)
    assert strict.get("failures") == "3"


def test_junit_lists_clean_files_as_passing_cases(tmp_path):
    root = ET.fromstring(lint(str(ROOT / "examples" / "minimal.yaml"), "-f", "junit").output)
    cases = list(root.iter("testcase"))
    assert len(cases) == 1 and cases[0].find("failure") is None


def test_several_formats_in_one_run(known, tmp_path):
    sarif, report = tmp_path / "out" / "lint.sarif", tmp_path / "lint.json"
    result = lint(str(known), "-f", "text", "-f", f"sarif:{sarif}", "-f", f"json:{report}")
    assert "1 playbook checked: 2 errors, 1 warning" in result.output
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert len(json.loads(report.read_text())["findings"]) == 3


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_reports_and_schemas_written_to_files_get_the_permissions_the_umask_allows(known, tmp_path, umask):
    import os

    previous = os.umask(umask)
    try:
        lint(str(known), "--format", f"sarif:{tmp_path}/reports/lint.sarif", "--format", f"junit:{tmp_path}/junit.xml")
        CliRunner().invoke(main, ["schema", "--output", str(tmp_path / "playbook.schema.json")])
    finally:
        os.umask(previous)
    for name in ("reports/lint.sarif", "junit.xml", "playbook.schema.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask, name
    assert not [p.name for p in tmp_path.rglob(".playbook-*")], "a staging file was left behind"


def test_two_formats_on_stdout_is_a_usage_error(known):
    result = lint(str(known), "-f", "json", "-f", "sarif")
    assert result.exit_code == 2
    assert "only one --format may write to stdout" in result.output


def test_unknown_format_is_a_usage_error(known):
    result = lint(str(known), "-f", "xml")
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.output


def test_step_summary_gets_a_markdown_table(known, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    lint(str(known), "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("earlier step\n### playbook lint failed")
    assert "| Severity | Location | Rule | Message |" in text
    assert f"| ❌ error | `{known}/playbook.yaml:12:22` | PB201 escalation-cycle |" in text


def test_exit_codes_follow_fail_on_and_exit_zero(known):
    assert lint(str(known)).exit_code == 1
    assert lint(str(known), "--exit-zero").exit_code == 0
    assert lint(str(ROOT / "examples" / "minimal.yaml"), "--fail-on", "info").exit_code == 0
    assert lint(str(known / "missing.yaml")).exit_code == 2
