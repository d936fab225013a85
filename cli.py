"""The `playbook` command. The only module that imports click: it wires the stages together.

Each command runs one runner (compiler/lint/run.py, targets/run.py, compiler/diff/run.py...) and
prints what it returns. Runners are imported inside the commands: `playbook --help` and shell
completion (run on every Tab) then start in 0.35 s, not 0.95 s (`python -c 'import cli'` without
and with the runners, best of five on the 2-core CI machine).

Exit codes (stable):
  0  clean, or only findings below the --fail-on threshold
  1  findings at or above the --fail-on threshold (default: error)
  2  usage error, unreadable input (missing path, directory without YAML), invalid config
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from compiler.time import clock  # the standard library only: cheap
from playbook import __version__
from playbook.findings import Finding, Severity

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Group(click.Group):
    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Usage errors exit 2 (click's default); anything unexpected is a bug,
        # reported in one line with exit 2, never a traceback for the user.
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("PLAYBOOK_DEBUG"):
                raise
            if isinstance(exc, OSError):  # the system refused (disk full, permission): the user's to fix, not a bug
                where_file = f"{exc.filename}: " if exc.filename else ""
                click.echo(f"playbook: error: {where_file}{exc.strerror or exc}", err=True)
                sys.exit(EXIT_USAGE)
            where = traceback.extract_tb(exc.__traceback__)[-1]
            click.echo(
                f"playbook: internal error: {type(exc).__name__}: {exc} "
                f"(at {os.path.basename(where.filename)}:{where.lineno}; this is a bug, please report it "
                "with the input that caused it; PLAYBOOK_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(EXIT_USAGE)


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


def _summary_line(findings: list[Finding], outcome: str) -> str:
    from compiler.lint.pipeline import summary
    from compiler.lint.reporters import text

    return text.summary_line(dict(summary(findings)), 1) + f"; {outcome}"


_today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: _usage_on_value_error(lambda: clock.pinned_on_command_line(value)),
    help="The date that date-based rules take as today (default: PLAYBOOK_TODAY, the configuration's "
    "'today', else the machine's date).",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    metavar="FORMAT[:PATH]",
    help="Output format, optionally written to a file: FORMAT or FORMAT:PATH, where FORMAT is text, json, sarif, "
    "github or junit. Repeat to write several in one run (at most one to stdout). "
    "Default: text, or github when GITHUB_ACTIONS=true.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Configuration file (.playbook.yaml or pyproject.toml). Default: the nearest one above each PATH.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at least this severe. Default: the configuration's fail_on, else error.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (exit 2 still means unusable input)."
)
@click.option(
    "--warn-unused-suppressions",
    is_flag=True,
    help="Report suppressions (comments and lint: keys) that hide nothing (PB302).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Do not report findings recorded in this baseline file; fail only on new ones.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record every current finding in this baseline file, then exit 0.",
)
@click.option(
    "--color/--no-color", "colour", default=None, help="Colour the text output (default: when on a terminal)."
)
@click.option(
    "--target",
    "-t",
    "target_names",
    multiple=True,
    help="Also run the rules of this build target (repeatable), e.g. zendesk; see 'playbook targets'.",
)
@_today_option
def lint(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    config_file: str | None,
    fail_on: str | None,
    exit_zero: bool,
    warn_unused_suppressions: bool,
    baseline: str | None,
    write_baseline: str | None,
    colour: bool | None,
    target_names: tuple[str, ...],
    today: dt.date | None,
) -> None:
    """Check playbooks (each PATH is a YAML file or a directory of them).

    \b
    Exit codes: 0 no finding reaches --fail-on; 1 some do;
    2 usage error, unreadable input, invalid configuration or baseline.
    """
    from compiler.lint.reporters import parse_outputs
    from compiler.lint.run import LintOptions, paused_gc, run

    outputs = _usage_on_value_error(lambda: parse_outputs(formats, os.environ.get("GITHUB_ACTIONS") == "true"))
    options = LintOptions(paths, config_file, fail_on, warn_unused_suppressions, baseline, write_baseline)
    options.targets = frozenset(_expand_targets(target_names))
    options.today = today
    with paused_gc():
        with _input_errors():
            outcome = run(options)
        _report(outcome, outputs, colour, bool(write_baseline or exit_zero))


def _report(outcome: Any, outputs: list[tuple[str, str | None]], colour: bool | None, exit_zero: bool) -> NoReturn:
    """Print and write the lint reports, then exit with lint's exit code."""
    from compiler.lint.reporters import summary

    # One report that cannot be written does not cost the others.
    unwritten = [
        problem for name, target in outputs if (problem := _write_output(name, target, outcome.report, colour))
    ]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and (problem := summary.append(summary_file, outcome.report)):
        click.echo(f"playbook: warning: {problem}", err=True)
    for note in outcome.notes:
        click.echo(f"playbook: {note}", err=True)
    for problem in outcome.unusable + unwritten:
        click.echo(f"playbook: error: {problem}", err=True)
    if outcome.unusable or unwritten:
        sys.exit(EXIT_USAGE)
    if exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if outcome.report.failed else EXIT_OK)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _usage_error(message: str) -> NoReturn:
    click.echo(f"playbook: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@contextlib.contextmanager
def _input_errors() -> Iterator[None]:
    """Unreadable input, an invalid configuration or baseline: a usage error (exit 2) that says why."""
    from compiler.lint.baseline import BaselineError
    from compiler.lint.config import ConfigError
    from playbook.source import UsageError

    try:
        yield
    except ConfigError as exc:
        _config_error(exc)
    except (UsageError, BaselineError) as exc:
        _usage_error(str(exc))


def _usage_on_value_error(call: Callable[[], Any]) -> Any:
    """`call()`; its ValueError is a usage error (exit 2) with the error's message."""
    try:
        return call()
    except ValueError as exc:
        _usage_error(str(exc))


def _write_output(name: str, target: str | None, report, colour: bool | None) -> str | None:  # type: ignore[no-untyped-def]
    """Print or write one report; the reason when it could not be written."""
    from compiler.lint.reporters import render

    if target is None:
        use_colour = sys.stdout.isatty() if colour is None else colour
        click.echo(render(name, report, _style_for(use_colour and name == "text")), nl=False)
        return None
    from targets.shared.output import replace_file

    try:
        replace_file(target, render(name, report))
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror}"
    return None


def _config_error(exc) -> NoReturn:  # type: ignore[no-untyped-def]
    texts = {p.location.path: exc.text for p in exc.problems}
    _print_findings(exc.problems, lambda p: texts.get(p, ""))
    click.echo("playbook: error: invalid configuration; nothing was linted", err=True)
    sys.exit(EXIT_USAGE)


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the list as a Markdown table (the README's rule list).")
def rules(code: str | None, markdown: bool) -> None:
    """List every lint rule and suppression check, or print one's documentation (by code or name)."""
    from compiler.check.catalog import lookup
    from compiler.check.ruledoc import markdown_table, rule_help, rule_list

    if code is None:
        click.echo(markdown_table() if markdown else rule_list(), nl=False)
        return
    info = lookup(code)
    if info is None:
        _usage_error(f"no rule {code!r}; run 'playbook rules' for the list")
    click.echo(rule_help(info), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@click.option(
    "--target",
    "-t",
    "target_names",
    multiple=True,
    required=True,
    help="What to build (repeatable); see 'playbook targets'.",
)
@click.option(
    "--out",
    "-o",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Output directory: each target's sub-folder in it is replaced atomically; nothing else is touched.",
)
@_today_option
def build(path: str, target_names: tuple[str, ...], out_dir: str, today: dt.date | None) -> None:
    """Lint PATH, then build the requested targets into OUT (one sub-folder per target).

    Refuses to build (exit 1) when the playbook has errors; a failed build leaves
    the previous OUT untouched. Refuses (exit 2) an OUT that is or holds the
    playbook, the current directory or a repository, or that playbook did not
    make; only the built targets' own sub-folders are ever replaced (see README, Building).
    """
    from targets.run import run

    names = _expand_targets(target_names)
    with _input_errors():  # also an OUT that is not playbook's to write (output.Refused)
        outcome = run(
            path, names, out_dir, today, lambda: click.echo(f"waiting for another build into {out_dir}", err=True)
        )
    result = outcome.result
    # Warnings (e.g. what a target cannot express) are shown too; errors stop the build.
    _print_findings(result.findings, result.source.text_of)
    if not outcome.built:
        click.echo(_summary_line(result.findings, "nothing built"), err=True)
        sys.exit(EXIT_FINDINGS)
    if outcome.refused:
        _usage_error(outcome.refused)
    click.echo(f"built {', '.join(names)} into {out_dir} ({_count(outcome.files, 'file')})")


def _expand_targets(target_names: tuple[str, ...]) -> list[str]:
    """Requested target names with groups expanded; an unknown name is a usage error (exit 2)."""
    import targets

    return _usage_on_value_error(lambda: targets.resolve(list(target_names)))


def _model_of(path: str, strict: bool, doing: str) -> Any:
    """The model of PATH, for simulate (strict) and staffing.

    Strict: `playbook lint` with PATH's configuration finds no error, else exit 2 (a
    timeline of a playbook with errors would look authoritative and be wrong). Else
    only input errors stop it, with exit 1: staffing a playbook is how one looks into
    its rule errors.
    """
    from compiler.lint.config import settings_for
    from compiler.lint.pipeline import lint_path
    from compiler.lint.settings import RuleSettings

    with _input_errors():
        result = lint_path(path, settings_for(path) if strict else RuleSettings())
    stop = [f for f in result.findings if f.severity is Severity.ERROR and (strict or f.code[:3] in ("PB0", "PB1"))]
    if stop or result.book is None:
        _print_findings(stop, result.source.text_of)
        if strict:
            _usage_error(f"{path} has errors; fix them (playbook lint {path}) before {doing}")
        click.echo(_summary_line(stop, doing), err=True)
        sys.exit(EXIT_FINDINGS)
    return result.book


@main.command()
@click.argument("path", type=click.Path())
@click.option("--priority", "-p", "priority", required=True, help="Priority id, e.g. P1.")
@click.option("--channel", "-c", "channel", help="Channel id, e.g. chat (required when the playbook has channels).")
@click.option(
    "--opened",
    required=True,
    help="When the ticket was opened, e.g. 2026-12-24T16:50; read in --tz unless it carries an offset.",
)
@click.option("--tz", "requester_tz", help="The requester's time zone (IANA); default: the playbook's.")
@click.option("--at", "at_text", help="Also show what is due or overdue at this time and who holds the ticket.")
@click.option("--tag", "tags", multiple=True, help="A tag on the ticket (repeat for several); chooses the SLA policy.")
@click.option("--org", "organization", help="The requester's organization, by name; chooses the SLA policy.")
@click.option("--org-tag", "organization_tags", multiple=True, help="A tag of the requester's organization (repeat).")
@click.option("--form", help="The ticket form, by name; chooses the SLA policy.")
@click.option("--type", "ticket_type", help="The ticket type (e.g. incident); chooses the SLA policy.")
@click.option("--group", help="The ticket's group (a team id); chooses the SLA policy.")
@click.option("--brand", help="The ticket's brand, by name; chooses the SLA policy.")
@click.option("--field", "fields", multiple=True, metavar="NAME=VALUE", help="A custom field's value (repeat).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for a person; json for programs (version 1, times in UTC and local).",
)
def simulate(
    path: str,
    priority: str,
    channel: str | None,
    opened: str,
    requester_tz: str | None,
    at_text: str | None,
    tags: tuple[str, ...],
    organization: str | None,
    organization_tags: tuple[str, ...],
    form: str | None,
    ticket_type: str | None,
    group: str | None,
    brand: str | None,
    fields: tuple[str, ...],
    fmt: str,
) -> None:
    """Show a ticket's timeline: SLA deadlines and who is notified when.

    Times are shown in the playbook's time zone and the requester's (--tz).
    Business-hour targets follow the priority's calendar (or the SLA policy's),
    holidays and daylight-saving changes included. With SLA policies, the
    ticket's tags, organization, form, type, group, brand, fields and channel
    choose the policy, the first that matches, and the output says why.
    """
    from compiler.plan.plan import build_plan
    from compiler.time import timeline_report as report
    from compiler.time.simulate import BadArgument, check_ticket, check_zone, read_time, simulate, ticket_of

    attributes = {"--tag": tags, "--org": organization, "--org-tag": organization_tags, "--form": form}
    attributes |= {"--type": ticket_type, "--group": group, "--brand": brand, "--field": fields}
    try:
        check_zone(requester_tz)
        book = _model_of(path, True, "simulating")
        check_ticket(book, priority, channel)
        given = [name for name, value in attributes.items() if value]
        if given and not book.policies:
            raise BadArgument(
                given[0][2:], "the playbook has no sla_policies, so a ticket's attributes choose no SLA policy"
            )
        if group is not None and group not in book.teams:
            raise BadArgument("group", f"no team {group!r}; choose from {', '.join(book.teams) or '(none)'}")
        values = {}
        for text in fields:
            name, equals, value = text.partition("=")
            if not equals or not name.strip():
                raise BadArgument("field", f"{text!r} is not NAME=VALUE, e.g. preferred_region=emea")
            values[name.strip()] = value.strip()
        zone = requester_tz or book.timezone
        opened_at = read_time(opened, zone, "opened")
        at = read_time(at_text, zone, "at") if at_text is not None else None
    except BadArgument as exc:
        _usage_error(exc.worded("--"))
    ticket = ticket_of(channel, tags, organization_tags, organization, form, ticket_type, group, brand, values)
    timeline = simulate(build_plan(book), priority, channel, opened_at, ticket)
    render = report.render_json if fmt == "json" else report.render_text
    click.echo(render(timeline, requester_tz, at), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for a person; json for programs and BI tools.",
)
def staffing(path: str, fmt: str) -> None:
    """Show the agents each forecast interval needs (Erlang C) against the agents planned.

    \b
    Exit codes: 0 shown (lint-rule findings, PB410-PB412 included, do not stop it);
    1 input errors (printed), as lint and build; 2 usage error or unreadable input.
    """
    from compiler.time import staffing as maths
    from compiler.time import staffing_report as report

    book = _model_of(path, False, "cannot compute staffing")
    tables = maths.tables(book)
    click.echo(report.render_json(book.id, tables) if fmt == "json" else report.render_text(tables), nl=False)


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--git", "git_rev", metavar="REV", help="Compare BASE (a playbook path) as of git revision REV with it now."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull-request comment.",
)
@click.option(
    "--fail-on-loosened", is_flag=True, help="Exit 1 when a change loosens an SLA or removes an escalation step."
)
@_today_option
def diff(
    base: str, head: str | None, git_rev: str | None, output_format: str, fail_on_loosened: bool, today: dt.date | None
) -> None:
    """Compare two versions of a playbook: SLA targets, priorities, escalation, contacts, calendars.

    \b
    playbook diff OLD_PATH NEW_PATH          two folders or files
    playbook diff origin/main PATH           PATH at a git revision against PATH now
    playbook diff --git origin/main PATH     the same
    playbook diff REV1:PATH REV2:PATH        two git revisions

    Exit codes: 0 compared; 1 with --fail-on-loosened when a change loosens the
    service; 2 usage error, or a version that does not load or has errors.
    """
    from compiler.diff import report as diff_report
    from compiler.diff.run import SideHasErrors, run

    try:
        with _input_errors():
            changes = run(base, head, git_rev, today)
    except SideHasErrors as exc:
        result = exc.result
        _print_findings([f for f in result.findings if f.severity is Severity.ERROR], result.source.text_of)
        _usage_error(str(exc))
    click.echo(diff_report.markdown(changes) if output_format == "markdown" else diff_report.text(changes), nl=False)
    sys.exit(EXIT_FINDINGS if fail_on_loosened and changes.flagged else EXIT_OK)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Write a commented starter playbook (playbook.yaml) and lint configuration
    (.playbook.yaml) into DIRECTORY (default: the current folder; created if missing).
    Never replaces a file: if either exists, nothing is written (exit 2)."""
    from playbook.starter import ExistingFile, write_starter

    try:
        written = write_starter(Path(directory))
    except ExistingFile as exc:
        _usage_error(f"{exc.path} already exists; init never replaces a file, so nothing was written")
    except OSError as exc:
        _usage_error(f"cannot write into {directory}: {exc.strerror}")
    click.echo(f"wrote {' and '.join(str(path) for path in written)}\nnext: playbook lint {shlex.quote(directory)}")


# The `mcp` extra of pyproject.toml (a test holds the two together). The message names this
# interpreter's pip, so the SDK lands where playbook runs; a clone can also `pip install -e '.[mcp]'`.
MCP_REQUIREMENT = "mcp>=2.3,<3"


@main.command(name="mcp")
@click.argument("path", type=click.Path())
@click.option("--http", is_flag=True, help="Serve Streamable HTTP on 127.0.0.1 instead of stdio (no authentication).")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="The HTTP port, with --http (default: 8000; 0: a free port, announced on start).",
)
def mcp_command(path: str, http: bool, port: int | None) -> None:
    """Serve the playbook to software agents over the Model Context Protocol (MCP).

    Read-only tools answer which priority a ticket is, its deadlines, who holds it,
    its SLA status, whom to call and whether a calendar is open, each citing the
    playbook line it rests on; the runbook pages and runbook.json are resources.
    Speaks MCP on stdin/stdout unless --http. Needs the optional 'mcp' extra
    (in a clone: pip install -e '.[mcp]').
    """
    if port is not None and not http:
        _usage_error("--port is for --http; without it playbook mcp speaks MCP on stdin/stdout")
    try:
        from mcpserver.server import build_server, listen, serve
    except ImportError as exc:
        command = f"{shlex.quote(sys.executable)} -m pip install '{MCP_REQUIREMENT}'"
        _usage_error(
            f"playbook mcp needs the MCP SDK (the 'mcp' extra), which is missing or too old ({exc}); "
            f"install it with: {command}"
        )
    book = _model_of(path, True, "serving it")
    server = build_server(book)
    if not http:
        serve(server)
        return
    wanted = 8000 if port is None else port
    try:
        sock = listen(wanted)
    except OSError as exc:
        _usage_error(f"cannot listen on 127.0.0.1:{wanted}: {exc.strerror}; choose another --port (0 picks a free one)")
    click.echo(
        f"playbook: serving {path} over MCP at http://127.0.0.1:{sock.getsockname()[1]}/mcp (Ctrl-C stops)", err=True
    )
    serve(server, http=sock)


# The targets with a live adapter and importer (targets/<name>/live.py, importer.py).
_LIVE_TARGETS = ("zendesk", "freshdesk")
_live_target = click.option(
    "--target", "-t", "target", required=True, type=click.Choice(_LIVE_TARGETS), help="The help desk."
)
_live_url = click.option(
    "--url", help="The account's address, e.g. https://acme.zendesk.com (default: ZENDESK_URL or FRESHDESK_URL)."
)
_live_delete = click.option(
    "--delete",
    is_flag=True,
    help="Delete managed objects the playbook no longer has (default: deactivate rules, keep the rest).",
)


def _live_bundle(path: str, target: str, today: dt.date | None) -> dict[str, bytes]:
    """What PATH compiles to for `target` (lint errors stop here: exit 2, nothing is read or written)."""
    from targets.run import compile_playbook

    with _input_errors():
        compiled = compile_playbook(path, [target], today)
    result = compiled.result
    if not compiled.built:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        _print_findings(errors, result.source.text_of)
        _usage_error(_summary_line(errors, "fix the playbook first"))
    return compiled.rendered[target]


def _live_adoption(path: str, target: str, files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    """The hand-made objects PATH adopted (adopted.<target>.json in its folder, from `playbook import`), or None."""
    import json

    from targets.shared.live import adoption

    try:
        return adoption.load(path, target, json.loads(files["manifest.json"])["playbook"])
    except adoption.AdoptionError as exc:
        _usage_error(str(exc))


@contextlib.contextmanager
def _live_errors() -> Iterator[None]:
    """A live account that cannot be reached or read, or an import that cannot be written: exit 2."""
    from targets.shared.live.http import LiveError
    from targets.shared.live.importfiles import ImportError_

    try:
        yield
    except (LiveError, ImportError_) as exc:
        _usage_error(str(exc))


def _on_wait(message: str) -> None:
    click.echo(f"playbook: {message}", err=True)


@main.command(name="plan")
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull-request comment, json for scripts (schemas/live-plan.schema.json).",
)
@_live_delete
@_today_option
def plan_command(path: str, target: str, url: str | None, fmt: str, delete: bool, today: dt.date | None) -> None:
    """Compare a live help desk with what PATH compiles to: every create, update, reorder, deactivation.

    Reads only. Credentials come from the environment: ZENDESK_URL, ZENDESK_EMAIL,
    ZENDESK_API_TOKEN; FRESHDESK_URL, FRESHDESK_API_KEY.

    \b
    Exit codes: 0 in sync; 1 changes pending; 2 error (unusable playbook,
    connection, a user or agent missing from the account).
    """
    from targets.shared.live import report, run

    files = _live_bundle(path, target, today)
    adopted = _live_adoption(path, target, files)
    with _live_errors(), run.connect(target, url, on_wait=_on_wait) as client:
        current = run.plan(target, client, files, delete=delete, adoption=adopted)
    click.echo(report.render(current, fmt), nl=False)
    sys.exit(EXIT_USAGE if current.problems else EXIT_FINDINGS if current.changes else EXIT_OK)


def _ask_to_apply(plan: Any) -> bool:
    try:
        return click.confirm(f"Apply {_count(len(plan.changes), 'change')} to {plan.account}?", default=False)
    except click.Abort:  # no answer: end of input (no terminal, as in CI) or Ctrl-C
        click.echo("", err=True)
        return False


@main.command()
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@click.option("--yes", "-y", is_flag=True, help="Apply without asking (for CI).")
@_live_delete
@_today_option
def apply(path: str, target: str, url: str | None, yes: bool, delete: bool, today: dt.date | None) -> None:
    """Make a live help desk match PATH: show the plan, ask, write in dependency order, check it is empty.

        Only objects playbook manages are changed (see README, "Live help desks"): those
    it marked, and the hand-made ones adopted.<target>.json beside PATH names.
        After a failure part-way, run it again: it continues from the account as it is.

        \b
        Exit codes: 0 in sync at the end; 1 declined, or changes remain;
        2 error (nothing written when the playbook, connection or lookups fail).
    """
    from targets.shared.live import report, run

    files = _live_bundle(path, target, today)
    adopted = _live_adoption(path, target, files)
    with _live_errors(), run.connect(target, url, on_wait=_on_wait) as client:
        done = run.apply_confirmed(
            target,
            client,
            files,
            delete=delete,
            adoption=adopted,
            show=lambda current: click.echo(report.text(current), nl=False),
            confirm=None if yes else _ask_to_apply,
            progress=lambda count, total, what: click.echo(f"[{count}/{total}] {what}", err=True),
        )
    if done.outcome == "problems":
        _usage_error("nothing was written: fix the problems above first")
    if done.outcome == "declined":
        click.echo("nothing was written (--yes applies without asking)", err=True)
        sys.exit(EXIT_FINDINGS)
    if done.outcome == "changed":
        _usage_error("the account changed while the plan was shown; nothing was written; run apply again")
    if done.outcome == "failed":
        click.echo(f"playbook: applied {len(done.done)} of {_count(len(done.plan.changes), 'change')}", err=True)
        _usage_error(f"{done.error}; run apply again once fixed: it continues from the account as it is")
    if done.outcome == "in-sync":
        sys.exit(EXIT_OK)
    used = client.counters
    waited = f", {used.waited:g} s waiting for rate limits" if used.waited else ""
    click.echo(f"playbook: {_count(used.requests, 'request')}, {used.writes} of them writes{waited}", err=True)
    if done.final is not None and done.final.in_sync:
        click.echo(f"applied {_count(len(done.done), 'change')}; {target} is in sync with the playbook")
        sys.exit(EXIT_OK)
    click.echo(report.text(done.final), nl=False)
    click.echo(f"applied {_count(len(done.done), 'change')}, but the account still differs (above)", err=True)
    sys.exit(EXIT_FINDINGS)


@main.command(name="import")
@click.argument("target", type=click.Choice(_LIVE_TARGETS))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option(
    "--from",
    "from_dir",
    type=click.Path(file_okay=False),
    help="Read API responses saved earlier (see --save) instead of the live account.",
)
@click.option("--save", "save_dir", type=click.Path(file_okay=False), help="Also save every API response read.")
@click.option(
    "--playbook",
    "book_id",
    help="The playbook to import when several manage objects in one account; the new playbook's id for an account "
    "configured by hand (default: from the account's address).",
)
@_live_url
@_today_option
def import_command(
    target: str,
    out_dir: str,
    from_dir: str | None,
    save_dir: str | None,
    book_id: str | None,
    url: str | None,
    today: dt.date | None,
) -> None:
    """Read a help desk and write the playbook that manages it (OUT/playbook.yaml), with OUT/import-report.md.

    Reads what `playbook apply` wrote (objects marked [playbook:ID]), or, in an
    account configured by hand, what the language can hold of it: then
    OUT/adopted.<target>.json also says which hand-made object each compiled
    object is, so that plan and apply manage them instead of adding duplicates.
    The report lists what the language cannot hold and what playbook does not
    manage. The new playbook is then compiled and planned against the account:
    the report says whether it is in sync. Never replaces a file an import did
    not write, nor writes into a folder holding other YAML files.

    \b
    Exit codes: 0 written, and in sync; 1 written, but something could not be
    held (see the report); 2 error, nothing written.
    """
    from targets.shared.live import run

    with _live_errors():
        done = run.import_account(
            target,
            out_dir,
            from_dir=from_dir,
            save_dir=save_dir,
            book_id=book_id,
            url=url,
            today=today,
            on_wait=_on_wait,
        )
    draft, differences = done.draft, done.differences
    click.echo(f"wrote {', '.join(done.written[:-1])} and {done.written[-1]}")
    held = (
        "in sync with the account" if not differences else f"{_count(len(differences), 'difference')} from the account"
    )
    adopted = (
        f"{_count(len(draft.adoption.objects), 'hand-made object')} adopted, {len(draft.absent)} left out; "
        if draft.adoption is not None
        else ""
    )
    click.echo(
        f"playbook {draft.book_id}: {held}; {adopted}{_count(len(draft.not_held), 'thing')} not held; "
        f"{_count(len(draft.unmanaged), 'object')} not managed by playbook left alone (see the report)",
        err=True,
    )
    sys.exit(EXIT_FINDINGS if differences or draft.not_held else EXIT_OK)


@main.command(name="targets")
def list_targets() -> None:
    """List the build targets."""
    import targets

    click.echo(targets.listing(), nl=False)


@main.command()
@click.argument("name", type=click.Choice(["playbook", "config", "lint-report"]), default="playbook")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the schema to this file (for an editor's settings) instead of printing it.",
)
def schema(name: str, output: str | None) -> None:
    """Print a JSON Schema (draft-07): the playbook language (default), the lint
    configuration (config) or the `lint --format json` report (lint-report)."""
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
