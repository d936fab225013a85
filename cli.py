"""The `playbook` command. The only module that imports click: it declares the commands and prints.

Each command parses its options, calls one runner (compiler/lint/run.py, targets/run.py,
targets/shared/live/run.py, compiler/diff/run.py, compiler/time/..., mcpserver/server.py) and prints
what it returns; a runner's UsageError (and its findings) ends any command with exit 2, in one place.
Options are declared one a line, their help in the command's docstring after its own (see _Command).
Runners are imported inside the commands: `playbook --help` and shell completion (run on every Tab)
then start in 0.35 s, not 0.95 s (`python -c 'import cli'` without and with the runners, best of five
on the 2-core CI machine).

Exit codes (stable): 0 clean, or only findings below the --fail-on threshold; 1 findings at or above
it (default: error); 2 usage error, unreadable input (missing path, directory without YAML), invalid
config; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
import shlex
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from compiler.time import clock  # the standard library only: cheap
from playbook import __version__
from playbook.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by SIGINT
_FILE = click.Path(dir_okay=False)
_DIR = click.Path(file_okay=False)


class _Command(click.Command):
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


class _Group(click.Group):
    command_class = _Command

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Usage errors exit 2 (click's default); anything unexpected is a bug,
        # reported in one line with exit 2, never a traceback for the user.
        try:
            return super().main(*args, **kwargs)
        except Exception as exc:
            if os.environ.get("PLAYBOOK_DEBUG"):
                raise
            if isinstance(exc, OSError):  # the system refused (disk full, permission): the user's to fix, not a bug
                _usage_error(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else f"{exc.strerror or exc}")
            where = traceback.extract_tb(exc.__traceback__)[-1]
            _usage_error(
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
            _print_findings(exc.findings, exc.text_of)
            _usage_error(str(exc))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Compile and lint service playbooks: priorities, SLAs, escalation, contacts."""


def _style_for(colour: bool) -> Callable[[str, str], str]:
    from compiler.lint.reporters.text import coloured, plain

    return coloured(click.style) if colour else plain


def _print_findings(findings: Iterable[Finding], text_of: Callable[[str], str]) -> None:
    """Findings with their source lines, on stderr: the one way commands other than lint show them."""
    from compiler.lint.reporters import text

    click.echo(text.render(list(findings), text_of, _style_for(sys.stderr.isatty())), nl=False, err=True)


def _stop(findings: list[Finding], text_of: Callable[[str], str], outcome: str) -> NoReturn:
    """Show the findings that stop a command, then their summary ending in `outcome` (exit 1)."""
    from compiler.lint.run import outcome_line

    _print_findings(findings, text_of)
    click.echo(outcome_line(findings, outcome), err=True)
    sys.exit(EXIT_FINDINGS)


def _usage_error(message: str, kind: str = "error") -> NoReturn:
    click.echo(f"playbook: {kind}: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _usage_on_value_error(call: Callable[[], Any]) -> Any:
    """`call()`; its ValueError is a usage error (exit 2) with the error's message."""
    try:
        return call()
    except ValueError as exc:
        _usage_error(str(exc))


def _finish(said: list[tuple[str, bool]], usage: Any = False, changes: Any = False) -> NoReturn:
    """Print what a runner said, (text, to stderr) in order, then exit: 2 on `usage`, else 1 on `changes`, else 0."""
    for text, to_stderr in said:
        click.echo(text, nl=False, err=to_stderr)
    sys.exit(EXIT_USAGE if usage else EXIT_FINDINGS if changes else EXIT_OK)


def _on_wait(message: str) -> None:
    click.echo(f"playbook: {message}", err=True)


def _targets(_ctx: click.Context, _param: click.Parameter, names: tuple[str, ...]) -> list[str]:
    """-t/--target: the names with groups (and `all`) expanded; an unknown one is a usage error."""
    import targets

    return _usage_on_value_error(lambda: targets.resolve(list(names)))


def _complete_targets(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    import targets

    return [name for name in targets.names() if name.startswith(incomplete)]


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    return _usage_on_value_error(lambda: clock.pinned_on_command_line(value))  # type: ignore[no-any-return]


def _nonempty_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        _usage_error("--url is empty; give the account's address, or leave --url out for ZENDESK_URL or FRESHDESK_URL")
    return value


# Options several commands share. Their help, where it differs by command, is in each command's docstring.
_TARGETS = {"multiple": True, "callback": _targets, "shell_complete": _complete_targets}
_targets_option = click.option("--target", "-t", "names", **_TARGETS)  # type: ignore[arg-type]
_required_targets_option = click.option("--target", "-t", "names", required=True, **_TARGETS)  # type: ignore[arg-type]


def _format_option(*choices: str) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True)


_today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_today,
    help="The date that date-based rules take as today (default: PLAYBOOK_TODAY, the configuration's "
    "'today', else the machine's date).",
)
# The targets with a live adapter and importer (targets/<name>/live.py, importer.py).
_LIVE_TARGETS = ("zendesk", "freshdesk")
_live_target = click.option("--target", "-t", required=True, type=click.Choice(_LIVE_TARGETS), help="The help desk.")
_live_url = click.option(
    "--url",
    callback=_nonempty_url,
    help="The account's address, e.g. https://acme.zendesk.com (default: ZENDESK_URL or FRESHDESK_URL).",
)
_live_delete = click.option(
    "--delete",
    is_flag=True,
    help="Delete managed objects the playbook no longer has (default: deactivate rules, keep the rest).",
)
_live_ids = click.option(
    "--id",
    "ids",
    multiple=True,
    metavar="KIND:NAME=ID",
    help="The id of an object no API can find by name (Freshdesk segments), as the plan's error names it, e.g. "
    "company_segment:enterprise-plan=43000012. Repeatable.",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:PATH]")
@click.option("--config", "config_file", type=_FILE)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None)
@click.option("--exit-zero", is_flag=True)
@click.option("--warn-unused-suppressions", is_flag=True)
@click.option("--baseline", type=_FILE)
@click.option("--write-baseline", type=_FILE)
@click.option("--color/--no-color", "colour", default=None)
@_targets_option
@_today_option
def lint(formats: tuple[str, ...], colour: bool | None, exit_zero: bool, names: list[str], **options: Any) -> None:
    """Check playbooks (each PATH is a YAML file or a directory of them).

    \b
    Exit codes: 0 no finding reaches --fail-on; 1 some do;
    2 usage error, unreadable input, invalid configuration or baseline.

    --format: Output format, optionally written to a file: FORMAT or FORMAT:PATH, where FORMAT is text, json,
      sarif, github or junit. Repeat to write several in one run (at most one to stdout). Default: text, or
      github when GITHUB_ACTIONS=true.
    --config: Configuration file (.playbook.yaml or pyproject.toml). Default: the nearest one above each PATH.
    --fail-on: Exit 1 when a finding is at least this severe. Default: the configuration's fail_on, else error.
    --exit-zero: Exit 0 even when findings reach --fail-on (exit 2 still means unusable input).
    --warn-unused-suppressions: Report suppressions (comments and lint: keys) that hide nothing (PB302).
    --baseline: Do not report findings recorded in this baseline file; fail only on new ones.
    --write-baseline: Record every current finding in this baseline file, then exit 0.
    --color: Colour the text output (default: when on a terminal).
    --target: Also run the rules of this build target (repeatable), e.g. zendesk; see 'playbook targets'.
    """
    from compiler.lint.reporters import parse_outputs
    from compiler.lint.run import LintOptions, deliver, paused_gc, run
    from targets.shared.output import replace_file

    outputs = _usage_on_value_error(lambda: parse_outputs(formats, os.environ.get("GITHUB_ACTIONS") == "true"))
    with paused_gc():
        outcome = run(LintOptions(**options, targets=frozenset(names)))
        shown = deliver(outcome, outputs, _style_for(sys.stdout.isatty() if colour is None else colour), replace_file)
    failed = outcome.report.failed and not (options["write_baseline"] or exit_zero)
    _finish([(shown.printed, False)] + [(f"playbook: {line}\n", True) for line in shown.lines()], shown.errors, failed)


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True)
def rules(code: str | None, markdown: bool) -> None:
    """List every lint rule and suppression check, or print one's documentation (by code or name).

    --markdown: Markdown: the list as a table (the README's rule list), or CODE's documentation with its examples.
    """
    from compiler.check.ruledoc import page

    click.echo(page(code, markdown), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@_required_targets_option
@click.option("--out", "-o", "out_dir", default="out", show_default=True, type=_DIR)
@_today_option
def build(path: str, names: list[str], out_dir: str, today: dt.date | None) -> None:
    """Lint PATH, then build the requested targets into OUT (one sub-folder per target).

    Refuses to build (exit 1) when the playbook has errors; a failed build leaves the previous OUT untouched.
    Refuses (exit 2) an OUT that is or holds the playbook, the current directory or a repository, or that playbook
    did not make; only the built targets' own sub-folders are ever replaced (see README, Building).

    --target: What to build (repeatable): a target, a group, or all; see 'playbook targets'.
    --out: Output directory: each target's sub-folder in it is replaced atomically; nothing else is touched.
    """
    from targets.run import run
    from targets.shared.docs.words import plural

    # An OUT that is not playbook's to write is output.Refused, a UsageError.
    outcome = run(
        path, names, out_dir, today, lambda: click.echo(f"waiting for another build into {out_dir}", err=True)
    )
    result = outcome.result
    if not outcome.built:
        _stop(result.findings, result.source.text_of, "nothing built")
    # Warnings (e.g. what a target cannot express) are shown too; errors stop the build.
    _print_findings(result.findings, result.source.text_of)
    if outcome.refused:
        _usage_error(outcome.refused)
    click.echo(f"built {', '.join(names)} into {out_dir} ({plural(outcome.files, 'file')})")


def _model_of(path: str, strict: bool, doing: str) -> Any:
    """The model of PATH (see compiler.lint.run.model_of); the input errors that stop staffing exit 1."""
    from compiler.lint.run import model_of

    model = model_of(path, strict, doing)
    if model.book is None:
        _stop(model.stop, model.text_of, doing)
    return model.book


@main.command()
@click.argument("path", type=click.Path())
@click.option("--priority", "-p", "priority", required=True)
@click.option("--channel", "-c", "channel")
@click.option("--opened", required=True)
@click.option("--tz", "requester_tz")
@click.option("--at", "at_text")
@click.option("--tag", "tags", multiple=True)
@click.option("--org", "organization")
@click.option("--org-tag", "organization_tags", multiple=True)
@click.option("--form")
@click.option("--type", "ticket_type")
@click.option("--group")
@click.option("--brand")
@click.option("--field", "fields", multiple=True, metavar="NAME=VALUE")
@_format_option("text", "json")
def simulate(path: str, priority: str, channel: str | None, opened: str, **given: Any) -> None:
    """Show a ticket's timeline: SLA deadlines and who is notified when.

    Times are shown in the playbook's time zone and the requester's (--tz). Business-hour targets follow the
    priority's calendar (or the SLA policy's), holidays and daylight-saving changes included. With SLA policies, the
    ticket's tags, organization, form, type, group, brand, fields and channel choose the policy, the first that
    matches, and the output says why.

    --priority: Priority id, e.g. P1.
    --channel: Channel id, e.g. chat (required when the playbook has channels).
    --opened: When the ticket was opened, e.g. 2026-12-24T16:50; read in --tz unless it carries an offset.
    --tz: The requester's time zone (IANA); default: the playbook's.
    --at: Also show what is due or overdue at this time (not before --opened) and who holds the ticket.
    --tag: A tag on the ticket (repeat for several); chooses the SLA policy.
    --org: The requester's organization, by name; chooses the SLA policy.
    --org-tag: A tag of the requester's organization (repeat).
    --form: The ticket form, by name; chooses the SLA policy.
    --type: The ticket type (e.g. incident); chooses the SLA policy.
    --group: The ticket's group (a team id); chooses the SLA policy.
    --brand: The ticket's brand, by name; chooses the SLA policy.
    --field: A custom field's value (repeat).
    --format: text for a person; json for programs (version 1, times in UTC and local).
    """
    from compiler.plan.plan import build_plan
    from compiler.time import timeline_report as report
    from compiler.time.simulate import BadArgument, check_zone, question, simulate

    zone, at, fmt = given.pop("requester_tz"), given.pop("at_text"), given.pop("fmt")
    try:
        check_zone(zone)
        book = _model_of(path, True, "simulating")
        asked = question(book, priority, channel, opened, at, zone, **given)
    except BadArgument as exc:
        _usage_error(exc.worded("--"))
    timeline = simulate(build_plan(book), priority, channel, asked.opened, asked.ticket)
    render = report.render_json if fmt == "json" else report.render_text
    click.echo(render(timeline, zone, asked.at), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@_format_option("text", "json")
def staffing(path: str, fmt: str) -> None:
    """Show the agents each forecast interval needs (Erlang C) against the agents planned.

    \b
    Exit codes: 0 shown (lint-rule findings, PB410-PB412 included, do not stop it);
    1 input errors (printed), as lint and build; 2 usage error or unreadable input.

    --format: text for a person; json for programs and BI tools.
    """
    from compiler.time import staffing as maths
    from compiler.time import staffing_report as report

    book = _model_of(path, False, "cannot compute staffing")
    tables = maths.tables(book)
    click.echo(report.render_json(book.id, tables) if fmt == "json" else report.render_text(tables), nl=False)


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--git", "git_rev", metavar="REV")
@_format_option("text", "markdown")
@click.option("--fail-on-loosened", is_flag=True)
@_today_option
def diff(base: str, head: str | None, git_rev: str | None, fmt: str, fail_on_loosened: bool, today: Any) -> None:
    """Compare two versions of a playbook: SLA targets, priorities, escalation, contacts, calendars.

    \b
    playbook diff OLD_PATH NEW_PATH          two folders or files
    playbook diff origin/main PATH           PATH at a git revision against PATH now
    playbook diff --git origin/main PATH     the same
    playbook diff REV1:PATH REV2:PATH        two git revisions

    Exit codes: 0 compared; 1 with --fail-on-loosened when a change loosens the service; 2 usage error, or a version
    that does not load or has errors.

    --git: Compare BASE (a playbook path) as of git revision REV with it now.
    --format: text for a terminal, markdown for a pull-request comment.
    --fail-on-loosened: Exit 1 when a change loosens an SLA or removes an escalation step.
    """
    from compiler.diff import report
    from compiler.diff.run import run

    changes = run(base, head, git_rev, today)  # a version with errors: SideHasErrors, a UsageError
    click.echo(report.markdown(changes) if fmt == "markdown" else report.text(changes), nl=False)
    sys.exit(EXIT_FINDINGS if fail_on_loosened and changes.flagged else EXIT_OK)


@main.command()
@click.argument("directory", default=".", type=_DIR)
def init(directory: str) -> None:
    """Write a commented starter playbook (playbook.yaml) and lint configuration (.playbook.yaml) into DIRECTORY
    (default: the current folder; created if missing). Never replaces a file: if either exists, nothing is
    written (exit 2).
    """
    from playbook.starter import write_starter

    written = write_starter(Path(directory))  # an existing file, or a folder that refuses: a UsageError
    click.echo(f"wrote {' and '.join(str(path) for path in written)}\nnext: playbook lint {shlex.quote(directory)}")


@main.command(name="mcp")
@click.argument("path", type=click.Path())
@click.option("--http", is_flag=True)
@click.option("--port", type=click.IntRange(0, 65535))
def mcp_command(path: str, http: bool, port: int | None) -> None:
    """Serve the playbook to software agents over the Model Context Protocol (MCP).

    Read-only tools answer which priority a ticket is, its deadlines, who holds it, its SLA status, whom to call and
    whether a calendar is open, each citing the playbook line it rests on; the runbook pages and runbook.json are
    resources. Speaks MCP on stdin/stdout unless --http; Ctrl-C stops it (exit 130). Needs the optional 'mcp' extra
    (in a clone: pip install -e '.[mcp]').

    --http: Serve Streamable HTTP on 127.0.0.1 instead of stdio (no authentication).
    --port: The HTTP port, with --http (default: 8000; 0: a free port, announced on start).
    """
    from mcpserver import install_hint

    if port is not None and not http:
        _usage_error("--port is for --http; without it playbook mcp speaks MCP on stdin/stdout")
    try:
        from mcpserver.server import run
    except ImportError as exc:
        _usage_error(install_hint(exc, shlex.quote(sys.executable)))
    book = _model_of(path, True, "serving it")
    run(book, http=http, port=port, announce=lambda url: _on_wait(f"serving {path} over MCP at {url} (Ctrl-C stops)"))


@main.command(name="plan")
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@_format_option("text", "markdown", "json")
@_live_delete
@_live_ids
@_today_option
def plan_command(
    path: str, target: str, url: str | None, fmt: str, delete: bool, ids: tuple[str, ...], today: dt.date | None
) -> None:
    """Compare a live help desk with what PATH compiles to: every create, update, reorder, deactivation.

    Reads only. Credentials come from the environment: ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN; FRESHDESK_URL,
    FRESHDESK_API_KEY.

    \b
    Exit codes: 0 in sync; 1 changes pending; 2 error (unusable playbook,
    connection, a user or agent missing from the account).

    --format: text for a terminal, markdown for a pull-request comment, json for scripts
      (schemas/live-plan.schema.json).
    """
    from targets.shared.live import report, run

    files, adopted = run.bundle(path, target, today)
    given = run.given_ids(ids)
    with run.connect(target, url, on_wait=_on_wait) as client:
        current = run.plan(target, client, files, delete=delete, adoption=adopted, ids=given)
    _finish([(report.render(current, fmt), False)], current.problems, current.changes)


def _ask_to_apply(plan: Any) -> bool:
    from targets.shared.docs.words import plural

    try:
        return click.confirm(f"Apply {plural(len(plan.changes), 'change')} to {plan.account}?", default=False)
    except click.Abort:  # no answer: end of input (no terminal, as in CI) or Ctrl-C
        click.echo("", err=True)
        return False


@main.command()
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@click.option("--yes", "-y", is_flag=True)
@_live_delete
@_live_ids
@_today_option
def apply(
    path: str, target: str, url: str | None, yes: bool, delete: bool, ids: tuple[str, ...], today: dt.date | None
) -> None:
    """Make a live help desk match PATH: show the plan, ask, write in dependency order, check it is empty.

        Only objects playbook manages are changed (see README, "Live help desks"): those
    it marked, and the hand-made ones adopted.<target>.json beside PATH names.
        After a failure part-way, run it again: it continues from the account as it is.

        \b
        Exit codes: 0 in sync at the end; 1 declined, or changes remain;
        2 error (nothing written when the playbook, connection or lookups fail).

    --yes: Apply without asking (for CI).
    """
    from targets.shared.live import report, run

    files, adopted = run.bundle(path, target, today)
    given = run.given_ids(ids)
    with run.connect(target, url, on_wait=_on_wait) as client:
        done = run.apply_confirmed(
            target,
            client,
            files,
            delete=delete,
            adoption=adopted,
            ids=given,
            show=lambda current: click.echo(report.text(current), nl=False),
            confirm=None if yes else _ask_to_apply,
            progress=lambda count, total, what: click.echo(f"[{count}/{total}] {what}", err=True),
        )
    said, ending = done.ending(target, client.counters)
    _finish(said, ending == "error", ending == "changes")


@main.command(name="import")
@click.argument("target", type=click.Choice(_LIVE_TARGETS))
@click.option("--out", "out_dir", required=True, type=_DIR)
@click.option("--from", "from_dir", type=_DIR)
@click.option("--save", "save_dir", type=_DIR)
@click.option("--playbook", "book_id")
@_live_url
@_today_option
def import_command(target: str, **options: Any) -> None:
    """Read a help desk and write the playbook that manages it (OUT/playbook.yaml), with OUT/import-report.md.

    Reads what `playbook apply` wrote (objects marked [playbook:ID]), or, in an account configured by hand, what the
    language can hold of it: then OUT/adopted.<target>.json also says which hand-made object each compiled object
    is, so that plan and apply manage them instead of adding duplicates. The report lists what the language cannot
    hold and what playbook does not manage. The new playbook is then compiled and planned against the account: the
    report says whether it is in sync. Never replaces a file an import did not write, nor writes into a folder
    holding other YAML files.

    \b
    Exit codes: 0 written, and in sync; 1 written, but something could not be
    held (see the report); 2 error, nothing written.

    --out: Folder to write into.
    --from: Read API responses saved earlier (see --save) instead of the live account.
    --save: Also save every API response read.
    --playbook: The playbook to import when several manage objects in one account; the new playbook's id for an
      account configured by hand (default: from the account's address).
    """
    from targets.shared.live import run

    done = run.import_account(target, on_wait=_on_wait, **options)
    wrote = f"wrote {', '.join(done.written[:-1])} and {done.written[-1]}\n"
    _finish([(wrote, False), (done.summary() + "\n", True)], changes=not done.complete)


@main.command(name="targets")
def list_targets() -> None:
    """List the build targets and groups (-t/--target of build and lint takes either)."""
    import targets

    click.echo(targets.listing(), nl=False)


@main.command()
@click.argument("name", type=click.Choice(["playbook", "config", "lint-report"]), default="playbook")
@click.option("--output", "-o", type=_FILE)
def schema(name: str, output: str | None) -> None:
    """Print a JSON Schema (draft-07): the playbook language (default), the lint configuration (config) or the `lint
    --format json` report (lint-report).

    --output: Write the schema to this file (for an editor's settings) instead of printing it.
    """
    from schemas import schema_text
    from targets.shared.output import replace_file

    text = schema_text(name)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        replace_file(output, text)
    except OSError as exc:
        _usage_error(f"cannot write {output}: {exc.strerror}")
    click.echo(f"wrote the {name} schema to {output}")


if __name__ == "__main__":
    main()
