"""The precision corpus: realistic playbooks, each with the findings a careful reviewer expects.

Every case under tests/precision/<case>/ holds a playbook (`playbook/`, a file
or a folder) and `expected.txt`, one expected finding a line: `RULE PATH:LINE`
(path relative to the case folder), then why in words. A test fails on any
finding the file does not list (a false alarm) and on any listed finding the
linter does not report (a miss). tests/precision/README.md says how to add one.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from tests.helpers import ROOT, TODAY

CORPUS = ROOT / "tests" / "precision"
CASES = sorted(path for path in CORPUS.iterdir() if path.is_dir())
_LINE = re.compile(r"(?P<code>PB\d{3})\s+(?P<path>\S+?):(?P<line>\d+)(?:\s+(?P<why>.*))?")

Expected = Counter[tuple[str, str, int]]


def expected_findings(case: Path) -> Expected:
    """(rule, path, line) of every expected finding, as often as it is listed."""
    found: Expected = Counter()
    for number, text in enumerate((case / "expected.txt").read_text(encoding="utf-8").splitlines(), start=1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        match = _LINE.fullmatch(text)
        assert match, f"{case.name}/expected.txt:{number}: write 'RULE PATH:LINE  why', e.g. 'PB214 playbook.yaml:24'"
        assert match["why"], f"{case.name}/expected.txt:{number}: say why a reviewer expects this finding"
        assert (case / match["path"]).is_file(), f"{case.name}/expected.txt:{number}: no file {match['path']}"
        found[(match["code"], match["path"], int(match["line"]))] += 1
    return found


def reported_findings(case: Path) -> tuple[Expected, dict[tuple[str, str, int], str]]:
    """(rule, path, line) of every finding `playbook lint` reports on the case, and each one's message."""
    result = lint_path(str(case / "playbook"), RuleSettings(today=TODAY))
    found: Expected = Counter()
    messages = {}
    for finding in result.findings:
        key = (finding.code, Path(finding.location.path).resolve().relative_to(case).as_posix(), finding.location.line)
        found[key] += 1
        messages[key] = finding.message
    return found, messages


def test_the_corpus_covers_the_kinds_of_support_operation_it_promises():
    names = {case.name for case in CASES}
    assert {"field-service", "online-care", "saas-plans", "small-team", "regulated"} <= names
    for case in CASES:
        assert (case / "playbook").exists(), f"{case.name}: put the playbook in {case.name}/playbook"
        assert (case / "expected.txt").is_file(), f"{case.name}: add expected.txt (empty of findings if none)"


def differences(case: Path) -> list[str]:
    """One line per false alarm and per miss on `case`; empty when the linter agrees with the reviewer."""
    expected = expected_findings(case)
    reported, messages = reported_findings(case)
    lines = [
        f"unexpected (false alarm): {c} {p}:{n}  {messages[(c, p, n)]}"
        for c, p, n in sorted((reported - expected).elements())
    ]
    lines += [f"missing (not reported): {c} {p}:{n}" for c, p, n in sorted((expected - reported).elements())]
    return lines


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_linter_reports_exactly_what_a_reviewer_expects(case):
    lines = differences(case)
    assert not lines, f"{case.name}:\n" + "\n".join(lines)


def test_a_false_alarm_and_a_miss_each_fail_the_case(tmp_path):
    case = tmp_path / "small-team"
    shutil.copytree(CORPUS / "small-team", case)
    listed = (case / "expected.txt").read_text(encoding="utf-8")
    edited = listed.replace("PB245 playbook/playbook.yaml:15", "PB245 playbook/playbook.yaml:16")
    (case / "expected.txt").write_text(edited, encoding="utf-8")
    assert differences(case) == [
        "unexpected (false alarm): PB245 playbook/playbook.yaml:15  calendar 'summer-hours' is declared but "
        "nothing uses it, so no check or build reads it",
        "missing (not reported): PB245 playbook/playbook.yaml:16",
    ]


def test_the_template_case_is_quiet_only_because_it_says_it_is_a_template(tmp_path):
    case = tmp_path / "template"
    shutil.copytree(CORPUS / "template", case)
    playbook = case / "playbook" / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("template: true\n", ""), encoding="utf-8")
    reported, _ = reported_findings(case)
    assert {code for code, _, _ in reported} == {"PB220", "PB221"}
