"""Every option of every command is documented in its --help and in the README."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text()


def test_every_lint_option_is_in_help_and_readme():
    help_text = CliRunner().invoke(main, ["lint", "--help"]).output
    options = README.split("\n### Options\n", 1)[1].split("\n### ", 1)[0]
    command = main.commands["lint"]
    for param in command.params:
        for flag in [*param.opts, *param.secondary_opts]:
            if flag.startswith("--"):
                assert flag in help_text, flag
                assert f"`{flag}" in options, f"{flag} is not in the README's table of lint options"


def test_every_option_of_every_command_has_help_and_is_in_the_readme():
    import click

    for name, command in main.commands.items():
        for param in command.params:
            if not isinstance(param, click.Option) or param.name == "help":
                continue
            assert param.help, f"playbook {name} {param.opts[0]} has no help text"
            for flag in [*param.opts, *param.secondary_opts]:
                if flag.startswith("--"):
                    # As `--flag`, in a synopsis (`[--flag`) or a command line (` --flag`).
                    assert any(f"{before}{flag}" in README for before in "`[ "), f"playbook {name} {flag}"


def test_readme_has_the_lint_sections():
    for heading in ("### Output formats", "### Configuration", "### Suppressions", "### Baseline"):
        assert f"\n{heading}\n" in README
    assert "\n## CI: pre-commit and GitHub Actions\n" in README
