"""Today is pinned in one place: --today, then PLAYBOOK_TODAY, then the configuration's `today:`, then the clock."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main
from compiler.time import clock
from tests.helpers import EXAMPLES, ROOT

STALE = """\
playbook: stale
priorities:
  P1: {title: Down, examples: [Nothing loads]}
contacts:
  desk: {name: Desk, kind: role, email: desk@acme-support.com, verified: 2026-11-20}
"""


def _lint(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["lint", "--format", "json", *args])


@pytest.fixture
def stale(tmp_path, monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    monkeypatch.setattr(clock, "_machine_date", lambda: dt.date(2028, 12, 1))
    (tmp_path / "playbook.yaml").write_text(STALE, encoding="utf-8")
    return tmp_path


def _codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    import json

    return sorted(f["code"] for f in json.loads(result.output)["findings"])


def test_the_machine_clock_is_used_when_nothing_pins_today(stale):
    assert "PB220" in _codes(_lint(str(stale)))


def test_today_option_pins_the_date(stale):
    assert "PB220" not in _codes(_lint("--today", "2026-11-22", str(stale)))


def test_environment_pins_the_date(stale, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-11-22")
    assert "PB220" not in _codes(_lint(str(stale)))


def test_configuration_pins_the_date(stale):
    (stale / ".playbook.yaml").write_text("today: 2026-11-22\n", encoding="utf-8")
    assert "PB220" not in _codes(_lint(str(stale)))


def test_option_wins_over_environment_and_environment_over_configuration(stale, monkeypatch):
    (stale / ".playbook.yaml").write_text("today: 2026-11-22\n", encoding="utf-8")
    monkeypatch.setenv(clock.ENV, "2027-06-01")
    assert "PB220" in _codes(_lint(str(stale)))
    assert "PB220" not in _codes(_lint("--today", "2026-11-21", str(stale)))


@pytest.mark.parametrize("value", ["2026-13-01", "26-11-2026", "20261126", "tomorrow"])
def test_a_bad_today_option_is_a_usage_error(stale, value):
    result = CliRunner().invoke(main, ["lint", "--today", value, str(stale)])
    assert result.exit_code == 2
    assert "--today" in result.output and "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("value", ["0001-01-01", "1900-12-31", "2199-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", ["lint", "build", "diff"])
def test_a_today_outside_the_years_playbook_works_in_is_a_usage_error(value, command, tmp_path):
    # The field-service example walks its ladder through today's week in business time,
    # which cannot be computed in year 1 or 9999: a one-line usage error, not an internal one.
    field = str(EXAMPLES / "field-service")
    args = {"lint": [field], "build": [field, "-t", "runbook", "--out", str(tmp_path / "out")], "diff": [field, field]}
    result = CliRunner().invoke(main, [command, *args[command], "--today", value])
    assert result.exit_code == 2, result.output
    assert result.output == f"playbook: error: --today: '{value}' is outside the years 1901-2198 playbook works in\n"


@pytest.mark.parametrize("value", ["1901-01-01", "2198-12-31"])
def test_the_first_and_last_days_playbook_works_in_lint_every_example(value):
    result = CliRunner().invoke(
        main, ["lint", "--today", value, *(str(p) for p in sorted(EXAMPLES.iterdir()) if p.name[0] != ".")]
    )
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output


def test_a_bad_environment_date_is_a_usage_error_for_build_too(stale, monkeypatch, tmp_path_factory):
    monkeypatch.setenv(clock.ENV, "soon")
    out = tmp_path_factory.mktemp("build") / "out"
    result = CliRunner().invoke(main, ["build", str(stale), "-t", "runbook", "--out", str(out)])
    assert result.exit_code == 2
    assert "PLAYBOOK_TODAY: 'soon' is not a date" in result.output


def test_a_bad_configured_date_is_located(stale):
    (stale / ".playbook.yaml").write_text("fail_on: error\ntoday: 2026-02-30\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(stale)])
    assert result.exit_code == 2
    assert "2:8  error  today: '2026-02-30' is not a date" in result.output


def test_build_and_diff_accept_today(stale, tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    built = CliRunner().invoke(main, ["build", str(stale), "-t", "runbook", "--out", str(out), "--today", "2026-11-22"])
    assert built.exit_code == 0, built.output
    assert "PB220" not in built.output
    compared = CliRunner().invoke(main, ["diff", str(stale), str(stale), "--today", "2026-11-22"])
    assert compared.exit_code == 0, compared.output


def test_examples_lint_clean_with_the_clock_two_years_ahead(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    monkeypatch.setattr(clock, "_machine_date", lambda: dt.date(2028, 12, 2))
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if not p.name.startswith("."))
    result = CliRunner().invoke(main, ["lint", *paths])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "4 playbooks checked: no problems"


@pytest.mark.skipif(shutil.which("faketime") is None, reason="libfaketime is not installed (.ci/run installs it)")
def test_examples_lint_clean_in_a_process_whose_clock_is_two_years_ahead(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if not p.name.startswith("."))
    code = "import datetime, sys, cli; print(datetime.date.today(), file=sys.stderr); cli.main()"
    done = subprocess.run(
        ["faketime", "-f", "+730d", sys.executable, "-c", code, "lint", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr.strip() >= (dt.date(2026, 12, 1) + dt.timedelta(days=700)).isoformat()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "4 playbooks checked: no problems"
