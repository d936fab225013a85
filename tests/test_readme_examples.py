"""The README's own examples, run as a new user would run them: they work as written and print what it shows."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

import targets
from cli import main
from tests.helpers import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    return README.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_quick_start_playbook_lints_clean_where_the_bundled_examples_do(tmp_path):
    block = re.search(r"```yaml\n(.*?)```", _section("## Quick start"), flags=re.DOTALL)
    assert block is not None, "the Quick start playbook is missing"
    # Beside the bundled examples, with their configuration: placeholders belong there.
    shutil.copy(EXAMPLES / ".playbook.yaml", tmp_path / ".playbook.yaml")
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "quick-start.yaml").write_text(block[1], encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(folder / "quick-start.yaml")])
    assert result.exit_code == 0
    assert result.output == "1 playbook checked: no problems\n"


def test_the_building_table_lists_every_target_and_group():
    table = _section("## Building").split("| Target | Writes", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"`([a-z]+)`", "\n".join(row.split("|")[1] for row in table.splitlines()[2:])))
    assert listed == set(targets.TARGETS)
    grouped = {group for row in table.splitlines()[2:] for group in re.findall(r"`([a-z]+)`", row.split("|")[3])}
    assert grouped == set(targets.GROUPS)


def test_the_runbook_json_snippet_prints_what_the_readme_says(tmp_path, monkeypatch):
    section = _section("## Runbooks and onboarding documents")
    code = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert code is not None, "the runbook.json snippet is missing"
    shown = [line.removeprefix("# ") for line in code[1].splitlines() if line.startswith("# ")]
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(main, ["build", str(EXAMPLES / "field-service"), "--target", "docs", "--out", "out"])
    assert built.exit_code == 0, built.output
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code[1], "README.md", "exec"), {})  # noqa: S102 - the README's own snippet
    assert printed.getvalue().splitlines() == shown


def _offline_sessions() -> list[tuple[str, str]]:
    """Each `$ playbook ...` in a console block that reads only the bundled examples, with what it shows."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        for command, shown in re.findall(r"^\$ (playbook .*)\n((?:(?!\$ ).*\n)*)", block, flags=re.MULTILINE):
            words = shlex.split(command)
            if words[1] in ("lint", "simulate", "staffing") and words[2].startswith("examples/"):
                found.append((command, shown))
    return found


@pytest.mark.parametrize(("command", "shown"), _offline_sessions(), ids=[c for c, _ in _offline_sessions()])
def test_every_offline_console_example_prints_what_the_readme_shows(command, shown, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.output == shown, f"run `{command}` and paste its output into the README"


def test_the_console_examples_include_every_offline_command():
    # A guard for the pattern above: it must keep finding the examples it is meant to check.
    assert {shlex.split(c)[1] for c, _ in _offline_sessions()} == {"lint", "simulate", "staffing"}
