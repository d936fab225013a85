"""Usage errors a new user runs into, through the CLI: each says what is wrong and exits 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.check.catalog import lookup
from compiler.check.ruledoc import listed
from tests.helpers import EXAMPLES, TODAY

FIELD = str(EXAMPLES / "field-service")


def run(*args: str, **kwargs):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), **kwargs)


def test_simulate_at_a_time_before_the_opening_is_a_usage_error_naming_both_times():
    result = run(
        "simulate", FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--at", "2026-11-27T16:49"
    )
    assert result.exit_code == 2
    assert result.output == (
        "playbook: error: --at: '2026-11-27T16:49' is before the ticket was opened ('2026-11-27T16:50')\n"
    )


def test_simulate_at_the_opening_itself_is_shown():
    result = run(
        "simulate", FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--at", "2026-11-27T16:50"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["plan", "apply", "import"])
def test_an_empty_url_is_a_usage_error_not_the_environments_account(command):
    args = ["import", "zendesk", "--out", "new"] if command == "import" else [command, FIELD, "-t", "zendesk"]
    result = run(*args, "--url", "", env={"ZENDESK_URL": "https://from-the-environment.example"})
    assert result.exit_code == 2
    assert result.output.startswith("playbook: error: --url is empty;")


def test_rules_markdown_with_a_code_prints_that_rules_documentation_as_markdown():
    result = run("rules", "--markdown", "PB210")
    assert result.exit_code == 0
    assert result.output.startswith("## PB210 `priority-order-inverted`\n\nDefault severity: error.\n")
    assert "**Bad:**\n\n```yaml\nsla:\n  P1: {acknowledge: 1h}\n  P2: {acknowledge: 15m}\n```\n" in result.output
    assert run("rules", "--markdown", "priority-order-inverted").output == result.output


def test_every_rules_markdown_page_has_its_examples_in_closed_yaml_blocks():
    for info in listed():
        text = run("rules", "--markdown", info.code).output
        assert text.count("```") % 2 == 0, info.code
        assert text.count("```yaml") == info.help.count("\nBad:\n") + info.help.count("\nGood:\n"), info.code
        assert lookup(info.code) is not None


def test_build_target_all_builds_every_target(tmp_path):
    result = run("build", FIELD, "-t", "all", "--out", str(tmp_path / "out"), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    built = {path.name for path in (tmp_path / "out").iterdir() if path.is_dir()}
    assert built == set(targets.TARGETS)


def test_playbook_targets_lists_all():
    assert run("targets").output.splitlines()[-1] == "all          = every target above"


def test_the_shell_completes_target_names_and_groups():
    completed = run(
        env={"_PLAYBOOK_COMPLETE": "bash_complete", "COMP_WORDS": "playbook build x -t he", "COMP_CWORD": "4"},
        prog_name="playbook",
    )
    assert completed.exit_code == 0
    assert completed.output.splitlines() == ["plain,helpdesk"]
    everything = run(
        env={"_PLAYBOOK_COMPLETE": "bash_complete", "COMP_WORDS": "playbook lint x --target ", "COMP_CWORD": "4"},
        prog_name="playbook",
    )
    assert [line.split(",")[1] for line in everything.output.splitlines()] == targets.names()


def test_option_help_written_in_a_docstring_reaches_the_option_and_a_stray_one_is_refused():
    import click

    from clikit import Command

    def command(size: int) -> None:
        """Do a thing.

        --size: How big, in
          metres.
        """

    made = Command("thing", callback=command, params=[click.Option(["--size"])], help=command.__doc__)
    assert made.help == "Do a thing." and made.params[0].help == "How big, in metres."
    with pytest.raises(ValueError, match="documents no option --colour"):
        Command("thing", callback=command, params=[], help="Do a thing.\n\n--colour: Which.")


def test_ctrl_c_during_another_command_says_interrupted_and_exits_130(monkeypatch, tmp_path):
    import targets.run

    def interrupted(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(targets.run, "run", interrupted)
    result = run("build", FIELD, "-t", "runbook", "--out", str(tmp_path / "out"))
    assert result.exit_code == 130
    assert result.output == "interrupted\n"
