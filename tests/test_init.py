"""`playbook init`: a starter that lints and builds clean on any day, and never replaces a file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.lint import config
from playbook.starter import CONFIG_FILE, FILES, PLAYBOOK_FILE
from tests.helpers import ROOT, TODAY


def init(directory: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["init", str(directory)])


@pytest.fixture
def starter(tmp_path) -> Path:
    (tmp_path / ".git").mkdir()  # a repository root: the configuration search stops here
    folder = tmp_path / "support"
    result = init(folder)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {folder / PLAYBOOK_FILE} and {folder / CONFIG_FILE}\nnext: playbook lint {folder}\n"
    return folder


def test_init_writes_a_commented_playbook_and_configuration(starter):
    assert sorted(p.name for p in starter.iterdir()) == sorted([PLAYBOOK_FILE, CONFIG_FILE])
    for name, text in FILES.items():
        assert (starter / name).read_text(encoding="utf-8") == text
        assert text.startswith("# ") and "playbook init" in text.splitlines()[0]
    # Every top-level section of the playbook is explained by a comment above it or beside it.
    lines = FILES[PLAYBOOK_FILE].splitlines()
    for index, line in enumerate(lines):
        if line and not line[0].isspace() and not line.startswith("#") and line.endswith(":"):
            assert lines[index - 1].startswith("#"), line


def test_starter_lints_with_no_findings(starter):
    result = CliRunner().invoke(main, ["lint", str(starter), "--target", "zendesk", "--target", "freshdesk"])
    assert result.exit_code == 0, result.output
    assert "1 playbook checked: no problems" in result.output


@pytest.mark.parametrize("today", [TODAY, TODAY + dt.timedelta(days=2 * 366), dt.date(2040, 2, 29)])
def test_starter_lints_clean_on_any_day(starter, today):
    args = ["lint", str(starter), "--today", today.isoformat(), "--fail-on", "info"]
    result = CliRunner().invoke(main, [*args, "--target", "zendesk", "--target", "freshdesk"])
    assert result.exit_code == 0, result.output
    assert result.output == "1 playbook checked: no problems (4 suppressed)\n"


def test_starter_configuration_reports_unused_suppressions(starter):
    found = config.find(str(starter))
    assert found == str(starter / CONFIG_FILE)
    assert config.load(found).warn_unused_suppressions


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_starter_builds_every_target_without_a_warning(starter, tmp_path, target):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(starter), "--target", target, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"built {target} into ") and result.output.count("\n") == 1, result.output
    assert (out / target).is_dir()


def test_replacing_a_placeholder_reports_the_suppression_to_delete(starter):
    playbook = starter / PLAYBOOK_FILE
    playbook.write_text(playbook.read_text().replace("help@my-support.example", "help@acme-support.com"))
    result = CliRunner().invoke(main, ["lint", str(starter)])
    assert result.exit_code == 0, result.output
    assert "the suppression of PB221 (placeholder-contact) hides nothing here  [PB302 unused-suppression]" in (
        result.output
    )


@pytest.mark.parametrize("existing", [PLAYBOOK_FILE, CONFIG_FILE])
def test_init_refuses_to_replace_an_existing_file_and_writes_nothing(tmp_path, existing):
    (tmp_path / existing).write_text("mine\n")
    result = init(tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / existing} already exists" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]
    assert (tmp_path / existing).read_text() == "mine\n"


def test_init_refuses_a_dangling_symlink_in_place_of_a_file(tmp_path):
    (tmp_path / PLAYBOOK_FILE).symlink_to(tmp_path / "elsewhere.yaml")
    result = init(tmp_path)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "elsewhere.yaml").exists() and not (tmp_path / CONFIG_FILE).exists()


def test_init_defaults_to_the_current_folder_and_respects_umask(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o027)
    try:
        result = CliRunner().invoke(main, ["init"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("next: playbook lint .\n")
    assert (tmp_path / PLAYBOOK_FILE).stat().st_mode & 0o777 == 0o640


def test_init_where_no_folder_can_be_made_is_a_one_line_error(tmp_path):
    (tmp_path / "a-file").write_text("")
    result = init(tmp_path / "a-file" / "support")
    assert result.exit_code == 2
    assert result.output == f"playbook: error: cannot write into {tmp_path / 'a-file' / 'support'}: Not a directory\n"


def test_readme_shows_what_init_and_lint_print(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = "$ playbook init support\n" + readme.split("$ playbook init support\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    made = CliRunner().invoke(main, ["init", "support"])
    linted = CliRunner().invoke(main, ["lint", "support"])
    assert shown == f"$ playbook init support\n{made.output}$ playbook lint support\n{linted.output}"
