"""What the `playbook` commands share: the group's exits and error handling, option help read from a
command's docstring, the options several commands take, and how findings and endings are printed.

cli.py declares the commands with these; the two are the only modules that import click.
Exit codes (stable): 0 clean, or only findings below the --fail-on threshold; 1 findings at or above
it (default: error); 2 usage error, unreadable input (missing path, directory without YAML), invalid
config; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import click

from compiler.time import clock  # the standard library only: cheap
from playbook.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by SIGINT
FILE = click.Path(dir_okay=False)
DIR = click.Path(file_okay=False)


class Command(click.Command):
    """A command whose options without `help=` take it from its docstring, after the command's own help: a
    `--name: text` paragraph each (continued on indented lines), so declarations stay one line each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own, *paragraphs = re.split(r"\n(?=--[a-z-]+: )", inspect.cleandoc(self.help or ""))
        self.help = own.rstrip()
        written = dict(" ".join(paragraph.split()).split(": ", 1) for paragraph in paragraphs)
        for param in self.params:
            if isinstance(param, click.Option) and param.help is None:
                param.help = written.pop(next(opt for opt in param.opts if opt.startswith("--")), None)
        if written:
            raise ValueError(f"playbook {self.name}: the docstring documents no option {', '.join(written)}")


class Group(click.Group):
    command_class = Command

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Usage errors exit 2 (click's default); anything unexpected is a bug,
        # reported in one line with exit 2, never a traceback for the user.
        try:
            return super().main(*args, **kwargs)
        except Exception as exc:
            if os.environ.get("PLAYBOOK_DEBUG"):
                raise
            if isinstance(exc, OSError):  # the system refused (disk full, permission): the user's to fix, not a bug
                usage_error(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else f"{exc.strerror or exc}")
            where = traceback.extract_tb(exc.__traceback__)[-1]
            usage_error(
                f"{type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno}; this is a bug, "
                "please report it with the input that caused it; PLAYBOOK_DEBUG=1 shows the traceback)",
                "internal error",
            )

    def invoke(self, ctx: click.Context) -> Any:
        from playbook.source import UsageError

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # caught before click, which says "Aborted!" and exits 1
            closing = "\n" if sys.stderr.isatty() else ""  # ends the terminal's ^C echo
            said = "" if ctx.invoked_subcommand == "mcp" else "interrupted\n"  # Ctrl-C is how mcp stops: quietly
            click.echo(closing + said, err=True, nl=False)
            sys.exit(EXIT_INTERRUPTED)
        except UsageError as exc:  # unusable input, configuration, baseline, account: the user's to fix
            print_findings(exc.findings, exc.text_of)
            usage_error(str(exc))


def style_for(colour: bool) -> Callable[[str, str], str]:
    from compiler.lint.reporters.text import coloured, plain

    return coloured(click.style) if colour else plain


def print_findings(findings: Iterable[Finding], text_of: Callable[[str], str]) -> None:
    """Findings with their source lines, on stderr: the one way commands other than lint show them."""
    from compiler.lint.reporters import text

    click.echo(text.render(list(findings), text_of, style_for(sys.stderr.isatty())), nl=False, err=True)


def stop(findings: list[Finding], text_of: Callable[[str], str], outcome: str) -> NoReturn:
    """Show the findings that stop a command, then their summary ending in `outcome` (exit 1)."""
    from compiler.lint.run import outcome_line

    print_findings(findings, text_of)
    click.echo(outcome_line(findings, outcome), err=True)
    sys.exit(EXIT_FINDINGS)


def usage_error(message: str, kind: str = "error") -> NoReturn:
    click.echo(f"playbook: {kind}: {message}", err=True)
    sys.exit(EXIT_USAGE)


def usage_on_value_error(call: Callable[[], Any]) -> Any:
    """`call()`; its ValueError is a usage error (exit 2) with the error's message."""
    try:
        return call()
    except ValueError as exc:
        usage_error(str(exc))


def finish(said: list[tuple[str, bool]], usage: Any = False, changes: Any = False) -> NoReturn:
    """Print what a runner said, (text, to stderr) in order, then exit: 2 on `usage`, else 1 on `changes`, else 0."""
    for text, to_stderr in said:
        click.echo(text, nl=False, err=to_stderr)
    sys.exit(EXIT_USAGE if usage else EXIT_FINDINGS if changes else EXIT_OK)


def on_wait(message: str) -> None:
    click.echo(f"playbook: {message}", err=True)


def targets(_ctx: click.Context, _param: click.Parameter, names: tuple[str, ...]) -> list[str]:
    """-t/--target: the names with groups (and `all`) expanded; an unknown one is a usage error."""
    import targets

    return usage_on_value_error(lambda: targets.resolve(list(names)))


def complete_targets(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    import targets

    return [name for name in targets.names() if name.startswith(incomplete)]


def today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    return usage_on_value_error(lambda: clock.pinned_on_command_line(value))  # type: ignore[no-any-return]


def nonempty_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        usage_error("--url is empty; give the account's address, or leave --url out for ZENDESK_URL or FRESHDESK_URL")
    return value


# Options several commands share. Their help, where it differs by command, is in each command's docstring.
TARGETS = {"multiple": True, "callback": targets, "shell_complete": complete_targets}
targets_option = click.option("--target", "-t", "names", **TARGETS)  # type: ignore[arg-type]
required_targets_option = click.option("--target", "-t", "names", required=True, **TARGETS)  # type: ignore[arg-type]


def format_option(*choices: str) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True)


today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=today,
    help="The date that date-based rules take as today (default: PLAYBOOK_TODAY, the configuration's "
    "'today', else the machine's date).",
)
# The targets with a live adapter and importer (targets/<name>/live.py, importer.py).
LIVE_TARGETS = ("zendesk", "freshdesk")
live_target = click.option("--target", "-t", required=True, type=click.Choice(LIVE_TARGETS), help="The help desk.")
live_url = click.option(
    "--url",
    callback=nonempty_url,
    help="The account's address, e.g. https://acme.zendesk.com (default: ZENDESK_URL or FRESHDESK_URL).",
)
live_delete = click.option(
    "--delete",
    is_flag=True,
    help="Delete managed objects the playbook no longer has (default: deactivate rules, keep the rest).",
)
live_ids = click.option(
    "--id",
    "ids",
    multiple=True,
    metavar="KIND:NAME=ID",
    help="The id of an object no API can find by name (Freshdesk segments), as the plan's error names it, e.g. "
    "company_segment:enterprise-plan=43000012. Repeatable.",
)
