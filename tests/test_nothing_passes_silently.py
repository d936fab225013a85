"""Inputs that used to pass as "no problems", hang, or end in an internal error: each is now a located finding.

A null document, a file that is not a file (FIFO, device), a folder that cannot
be read, standard YAML tags on values they do not fit, and a directory that
holds several playbooks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from playbook import source
from tests.helpers import ROOT
from tests.test_bad_input import VALID, assert_reported, lint, write


@pytest.mark.parametrize(
    ("content", "column"),
    [("~", 1), ("null", 1), ("NULL", 1), ("!!null", 1), ('!!null ""', 1), ("---", 1), ("--- ~", 5), ("# a\n---\n", 1)],
)
def test_a_null_document_is_an_empty_file_error(tmp_path, content, column):
    path = write(tmp_path, content + "\n")
    run = lint(str(path))
    assert_reported(run, path, 1, column, "PB008")
    assert "its document is empty (null)" in run.output


@pytest.mark.parametrize("content", ["~\n", "", "# nothing yet\n", "---\n"])
def test_an_empty_file_in_a_directory_is_named_and_the_rest_is_still_checked(tmp_path, content):
    write(tmp_path, VALID, "a.yaml")
    empty = write(tmp_path, content, "b.yaml")
    run = lint(str(tmp_path))
    assert_reported(run, empty, 1, 1, "PB008")
    assert "[PB203 " in run.output  # the rules still ran over a.yaml
    assert "1 error" in run.output


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is tagged !!int, but it is not a whole number"),
        ("!!int 0x1G", "'0x1G' is tagged !!int, but it is not a whole number"),
        ('!!int ""', "'' is tagged !!int, but it is not a whole number"),
        ("!!float abc", "'abc' is tagged !!float, but it is not a number"),
        ("!!bool maybe", "'maybe' is tagged !!bool, but it is not true or false"),
        ("!!null x", "'x' is tagged !!null, but it is not empty (null)"),
        ("!!timestamp soon", "'soon' is tagged !!timestamp, but it is not a date or a date and time"),
        ("!!timestamp 2026-13-45", "'2026-13-45' is tagged !!timestamp, but it is not a real date"),
        ("!!map x", "'x' is tagged !!map, but it is not a mapping"),
        ("!!map [a]", "the tag !!map needs a mapping, not a list"),
        ("!!seq x", "'x' is tagged !!seq, but it is not a list"),
        ("!!seq {a: 1}", "the tag !!seq needs a list, not a mapping"),
        ("!!str {a: 1}", "the tag !!str needs text, not a mapping"),
        ("!!str [a]", "the tag !!str needs text, not a list"),
        ("!!int {a: 1}", "the tag !!int needs a whole number, not a mapping"),
        ("&anchor !!bool maybe", "'maybe' is tagged !!bool, but it is not true or false"),
    ],
)
def test_a_standard_tag_on_a_value_it_does_not_fit_is_a_located_finding(tmp_path, value, message):
    path = write(tmp_path, f"{VALID}notes: {value}\n")
    run = lint(str(path))
    assert_reported(run, path, 4, 8, "PB011")
    assert message in run.output
    assert "internal error" not in run.output
    tag = value.split("!!")[1].split()[0]
    assert f"hint: remove the tag !!{tag}" in run.output


@pytest.mark.parametrize("value", ["!!int abc", "!!map x", "!!str {a: 1}", "!!seq {a: 1}", "!!bool maybe"])
def test_removing_the_tag_as_hinted_removes_the_finding(tmp_path, value):
    path = write(tmp_path, f"{VALID}notes: {value.split(' ', 1)[1]}\n")
    assert "PB011" not in lint(str(path)).output


def test_a_long_value_is_echoed_only_in_part(tmp_path):
    path = write(tmp_path, f"{VALID}notes: !!int {'x' * 5000}\n")
    run = lint(str(path))
    assert_reported(run, path, 4, 8, "PB011")
    message = next(line for line in run.output.splitlines() if "[PB011" in line)
    assert len(message) < 200


def test_an_untagged_value_that_only_looks_like_a_number_stays_text(tmp_path):
    path = write(tmp_path, f"{VALID}notes: [0b_, 0x_]\n")
    assert "PB011" not in lint(str(path)).output


def test_a_directory_with_several_playbooks_says_so_once(tmp_path):
    first = write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID.replace("playbook: t", "playbook: other"), "b.yaml")
    run = lint(str(tmp_path))
    assert_reported(run, first, 1, 11, "PB012")
    assert "these files hold 2 playbooks ('t', 'other')" in run.output
    assert f"note: {tmp_path / 'b.yaml'}:1:11: playbook 'other'" in run.output
    assert "PB002" not in run.output
    assert "1 error" in run.output


def test_one_playbook_named_in_two_files_is_a_duplicate_not_two_playbooks(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, "playbook: t\n", "b.yaml")
    run = lint(str(tmp_path))
    assert "[PB002 " in run.output
    assert "PB012" not in run.output


def _lint_in_a_process(*paths: Path) -> subprocess.CompletedProcess[str]:
    # A real process with a timeout: a FIFO opened for reading would block forever.
    return subprocess.run(
        [sys.executable, "-m", "cli", "lint", "--no-color", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_fifo_in_a_playbook_directory_is_reported_without_hanging(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = _lint_in_a_process(tmp_path)
    assert done.returncode == 1, done.stderr
    assert f"{fifo}\n  -  error  not a regular file but a named pipe (FIFO): it was not read" in done.stdout
    assert "[PB010 unreadable-file]" in done.stdout
    assert "[PB203 " in done.stdout  # the real file was still checked


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_in_a_playbook_directory_is_reported_not_read(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    write(tmp_path, VALID, "a.yaml")
    (tmp_path / "device.yaml").symlink_to(device)
    done = _lint_in_a_process(tmp_path)
    assert done.returncode == 1, done.stderr
    assert "not a regular file but a character device: it was not read  [PB010 unreadable-file]" in done.stdout


def test_an_unreadable_folder_is_reported_and_the_rest_checked(tmp_path, monkeypatch):
    # Root reads any folder whatever its mode, so refuse it the way the system would.
    write(tmp_path, VALID, "a.yaml")
    locked = tmp_path / "team"
    locked.mkdir()
    write(locked, "contacts: {x: {name: X}}\n", "contacts.yaml")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    run = lint(str(tmp_path))
    assert run.exit_code == 1
    assert f"{locked}\n  -  error  cannot read this folder of the playbook: Permission denied" in run.output
    assert "[PB010 unreadable-file]" in run.output
    assert "[PB203 " in run.output


def test_an_unreadable_folder_with_real_permissions(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    locked = tmp_path / "team"
    locked.mkdir()
    write(locked, "contacts: {x: {name: X}}\n", "contacts.yaml")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read a mode-000 folder")
        run = lint(str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert run.exit_code == 1
    assert "cannot read this folder of the playbook" in run.output


def test_an_unreadable_playbook_directory_is_a_usage_error(tmp_path, monkeypatch):
    write(tmp_path, VALID, "a.yaml")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(tmp_path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    run = lint(str(tmp_path))
    assert run.exit_code == 2
    assert f"{tmp_path}: cannot read this directory: Permission denied" in run.output


def test_discover_still_lists_only_yaml_files(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    os.mkfifo(tmp_path / "pipe")  # not a YAML name: not part of the playbook, never opened
    assert source.discover(str(tmp_path)) == [str(tmp_path / "a.yaml")]


def test_a_multi_path_run_with_broken_inputs_still_writes_every_report(tmp_path):
    import json
    import xml.etree.ElementTree as ET

    import jsonschema

    from schemas import load_schema
    from tests.test_lint_formats import SARIF_SCHEMA

    good = write(tmp_path, VALID, "good.yaml")
    tagged = write(tmp_path, "playbook: t\npriorities: !!int abc\n", "tagged.yaml")
    null = write(tmp_path, "~\n", "null.yaml")
    missing = tmp_path / "missing.yaml"
    reports = tmp_path / "reports"
    formats = ["json", "sarif", "junit"]
    args = [str(good), str(tagged), str(null), str(missing)]
    run = lint(*args, *(arg for f in formats for arg in ("--format", f"{f}:{reports / f}")))
    assert run.exit_code == 2
    assert f"playbook: error: {missing}: no such file or directory" in run.output
    document = json.loads((reports / "json").read_text())
    jsonschema.Draft7Validator(load_schema("lint-report")).validate(document)
    found = {(Path(f["path"]).name, f["code"]) for f in document["findings"]}
    assert {
        ("good.yaml", "PB203"),
        ("tagged.yaml", "PB011"),
        ("null.yaml", "PB008"),
        ("missing.yaml", "PB010"),
    } <= found
    sarif = json.loads((reports / "sarif").read_text())
    if SARIF_SCHEMA.exists():
        jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"PB203", "PB011", "PB008", "PB010"}
    assert ET.parse(reports / "junit").getroot() is not None


def test_a_report_that_cannot_be_written_does_not_stop_the_others(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder is needed")
    path = write(tmp_path, VALID)
    run = lint(str(path), "--format", f"json:{blocked / 'report.json'}", "--format", f"sarif:{tmp_path / 'r.sarif'}")
    assert run.exit_code == 2
    assert f"playbook: error: cannot write {blocked / 'report.json'}" in run.output
    assert (tmp_path / "r.sarif").exists()


def test_a_linked_folder_is_read_once_even_when_a_link_loops(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    write(book, VALID, "a.yaml")
    shared = tmp_path / "shared"
    shared.mkdir()
    write(shared, "contacts: {x: {name: X, email: x@corp.test}}\n", "contacts.yaml")
    (book / "people").symlink_to(shared, target_is_directory=True)
    (shared / "back").symlink_to(book, target_is_directory=True)  # a loop through both links
    found = source.discover(str(book))
    assert found == [str(book / "a.yaml"), str(book / "people" / "contacts.yaml")]
