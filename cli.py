"""The `playbook` command. The only module that imports click: it wires the stages together.

Exit codes (stable):
  0  clean, or only findings below the --fail-on threshold
  1  findings at or above the --fail-on threshold (default: error)
  2  usage error, unreadable input (missing path, directory without YAML), invalid config
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from typing import NoReturn

import click

from playbook import __version__

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
        except OSError as exc:
            # The system refused (disk full, permission denied): the user's to fix, not a bug.
            if os.environ.get("PLAYBOOK_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"playbook: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("PLAYBOOK_DEBUG"):
                raise
            import traceback

            where = traceback.extract_tb(exc.__traceback__)[-1]
            click.echo(
                f"playbook: internal error: {type(exc).__name__}: {exc} "
                f"(at {os.path.basename(where.filename)}:{where.lineno}; this is a bug, please report it "
                "with the input that caused it; PLAYBOOK_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(EXIT_USAGE)


def _without_cyclic_gc(command):  # type: ignore[no-untyped-def]
    """Run a command with the cyclic garbage collector paused (and restored after, also for in-process callers).

    A lint run builds millions of objects and almost no cycles; the collector
    would rescan the whole loaded playbook again and again for nothing.
    """

    @functools.wraps(command)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        import gc

        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return command(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Compile and lint service playbooks: priorities, SLAs, escalation, contacts."""


def _style_for(colour: bool):  # type: ignore[no-untyped-def]
    from compiler.lint.reporters.text import plain

    if not colour:
        return plain
    colours = {"error": "red", "warning": "yellow", "info": "cyan", "dim": "bright_black", "bold": None}

    def style(text: str, kind: str) -> str:
        if kind == "bold":
            return click.style(text, bold=True)
        return click.style(text, fg=colours.get(kind))

    return style


_FORMAT_HELP = (
    "Output format, optionally written to a file: FORMAT or FORMAT:PATH, where FORMAT is text, json, sarif, "
    "github or junit. Repeat to write several in one run (at most one to stdout). "
    "Default: text, or github when GITHUB_ACTIONS=true."
)


def _today_value(ctx: click.Context, param: click.Parameter, value: str | None):  # type: ignore[no-untyped-def]
    """--today as a date; a bad --today or PLAYBOOK_TODAY is a usage error (exit 2)."""
    import os

    from compiler.time import clock

    try:
        if os.environ.get(clock.ENV, "").strip():
            clock.parse(os.environ[clock.ENV], clock.ENV)
        return clock.parse(value, "--today") if value is not None else None
    except clock.BadDate as exc:
        _usage_error(str(exc))


_today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_today_value,
    help="The date that date-based rules take as today (default: PLAYBOOK_TODAY, the configuration's "
    "'today', else the machine's date).",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:PATH]", help=_FORMAT_HELP)
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
@_without_cyclic_gc
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
    import os

    from compiler.lint.baseline import BaselineError
    from compiler.lint.config import ConfigError
    from compiler.lint.run import LintOptions, run

    outputs = _parse_formats(formats, os.environ.get("GITHUB_ACTIONS") == "true")
    options = LintOptions(paths, config_file, fail_on, warn_unused_suppressions, baseline, write_baseline)
    options.targets = frozenset(_expand_targets(target_names))
    options.today = today
    try:
        outcome = run(options)
    except BaselineError as exc:
        _usage_error(str(exc))
    except ConfigError as exc:
        _config_error(exc)
    # One report that cannot be written does not cost the others.
    unwritten = [
        problem for name, target in outputs if (problem := _write_output(name, target, outcome.report, colour))
    ]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        _append_summary(summary_file, outcome.report)
    for note in outcome.notes:
        click.echo(f"playbook: {note}", err=True)
    for problem in outcome.unusable + unwritten:
        click.echo(f"playbook: error: {problem}", err=True)
    if outcome.unusable or unwritten:
        sys.exit(EXIT_USAGE)
    if write_baseline or exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if outcome.report.failed else EXIT_OK)


def _usage_error(message: str) -> NoReturn:
    click.echo(f"playbook: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _parse_formats(specs: tuple[str, ...], in_github: bool) -> list[tuple[str, str | None]]:
    from compiler.lint.reporters import FORMATS

    if not specs:
        return [("github" if in_github else "text", None)]
    outputs: list[tuple[str, str | None]] = []
    for spec in specs:
        name, _, target = spec.partition(":")
        if name not in FORMATS:
            _usage_error(f"unknown format {name!r}; choose from {', '.join(FORMATS)} (FORMAT or FORMAT:PATH)")
        outputs.append((name, target or None))
    if sum(1 for _, target in outputs if target is None) > 1:
        _usage_error("only one --format may write to stdout; give the others a path (FORMAT:PATH)")
    return outputs


def _write_output(name: str, target: str | None, report, colour: bool | None) -> str | None:  # type: ignore[no-untyped-def]
    """Print or write one report; the reason when it could not be written."""
    from compiler.lint.reporters import render

    if target is None:
        use_colour = sys.stdout.isatty() if colour is None else colour
        click.echo(render(name, report, _style_for(use_colour and name == "text")), nl=False)
        return None
    try:
        _replace_file(target, render(name, report))
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror}"
    return None


def _replace_file(path: str, content: str) -> None:
    """Write `path` whole or not at all: a reader (a CI upload step) never sees half a report."""
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=".playbook-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(staging, path)
    except BaseException:
        if os.path.exists(staging):
            os.unlink(staging)
        raise


def _append_summary(path: str, report) -> None:  # type: ignore[no-untyped-def]
    from compiler.lint.reporters import summary

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(summary.render(report) + "\n")
    except OSError as exc:
        click.echo(f"playbook: warning: cannot append to GITHUB_STEP_SUMMARY ({path}): {exc.strerror}", err=True)


def _config_error(exc) -> NoReturn:  # type: ignore[no-untyped-def]
    from compiler.lint.reporters import text

    texts = {p.location.path: exc.text for p in exc.problems}
    click.echo(
        text.render(exc.problems, lambda p: texts.get(p, ""), _style_for(sys.stderr.isatty())), nl=False, err=True
    )
    click.echo("playbook: error: invalid configuration; nothing was linted", err=True)
    sys.exit(EXIT_USAGE)


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the list as a Markdown table (the README's rule list).")
def rules(code: str | None, markdown: bool) -> None:
    """List every lint rule and suppression check, or print one's documentation (by code or name)."""
    from compiler.check.catalog import catalog, lookup
    from compiler.check.rules import find_rule

    if markdown and code is None:
        from compiler.check.ruledoc import markdown_table

        click.echo(markdown_table(), nl=False)
        return
    if code is None:
        for info in catalog().values():
            if info.kind != "input":
                click.echo(f"{info.code}  {info.name:<34} {str(info.severity):<8} {info.summary}")
        return
    info = lookup(code)
    if info is None:
        click.echo(f"playbook: error: no rule {code!r}; run 'playbook rules' for the list", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{info.code} {info.name} (default severity: {info.severity})\n")
    click.echo(_dedent(info.doc))
    rule = find_rule(info.code)
    if rule is not None and rule.options:
        click.echo("Options (defaults):")
        for name, value in rule.options.items():
            click.echo(f"  {name}: {value!r}")


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc).rstrip() + "\n"


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
    import targets
    from compiler.lint.pipeline import lint_path, summary
    from compiler.lint.reporters import text
    from compiler.plan.plan import build_plan
    from playbook.source import UsageError
    from targets.shared import output

    names = _expand_targets(target_names)
    try:
        output.check(out_dir, path, names)
    except output.Refused as exc:
        _usage_error(str(exc))
    try:
        result = lint_path(path, _configured_settings(path, frozenset(names), today))
    except UsageError as exc:
        click.echo(f"playbook: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    # Warnings (e.g. what a target cannot express) are shown too; errors stop the build.
    texts = {loaded.path: loaded.text for loaded in result.source.files}
    style = _style_for(sys.stderr.isatty())
    click.echo(text.render(result.findings, lambda p: texts.get(p, ""), style), nl=False, err=True)
    if result.has_errors() or result.book is None:
        click.echo(text.summary_line(dict(summary(result.findings)), 1) + "; nothing built", err=True)
        sys.exit(EXIT_FINDINGS)
    plan = build_plan(result.book)
    outputs = {name: targets.load(name).render(plan) for name in names}
    try:
        output.write_targets(
            out_dir, outputs, path, lambda: click.echo(f"waiting for another build into {out_dir}", err=True)
        )
    except output.Refused as exc:
        _usage_error(str(exc))
    count = sum(len(files) for files in outputs.values())
    click.echo(f"built {', '.join(names)} into {out_dir} ({count} files)")


def _configured_settings(path: str, target_names: frozenset[str], today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Rule settings from the configuration that `lint` would use for PATH, so both judge alike."""
    from compiler.lint import config
    from compiler.lint.config import ConfigError

    try:
        found = config.find(path)
        return (config.load(found) if found else config.Config()).settings(today=today, targets=target_names)
    except ConfigError as exc:
        _config_error(exc)


def _expand_targets(target_names: tuple[str, ...]) -> list[str]:
    """Requested target names with groups expanded; an unknown name is a usage error (exit 2)."""
    import targets

    unknown = [t for t in target_names if t not in targets.TARGETS and t not in targets.GROUPS]
    if unknown:
        _usage_error(f"unknown target {unknown[0]!r}; choose from {', '.join(targets.names())}")
    return targets.expand(list(target_names))


def _checked_book(path: str, what: str):  # type: ignore[no-untyped-def]
    """The model of PATH; exit 1 (printing them) on errors that leave no sound model, 2 when unreadable.

    Lint-rule errors (PB2xx and up) do not stop it: simulating or staffing a
    playbook is how one looks into them.
    """
    from compiler.lint.pipeline import lint_path, summary
    from compiler.lint.reporters import text
    from compiler.lint.settings import RuleSettings
    from playbook.findings import Severity
    from playbook.source import UsageError

    try:
        result = lint_path(path, RuleSettings())
    except UsageError as exc:
        click.echo(f"playbook: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    core = [f for f in result.findings if f.severity is Severity.ERROR and f.code[:3] in ("PB0", "PB1")]
    if core or result.book is None:
        texts = {loaded.path: loaded.text for loaded in result.source.files}
        style = _style_for(sys.stderr.isatty())
        click.echo(text.render(core, lambda p: texts.get(p, ""), style), nl=False, err=True)
        click.echo(text.summary_line(dict(summary(core)), 1) + f"; {what}", err=True)
        sys.exit(EXIT_FINDINGS)
    return result.book


def _book_without_errors(path: str, doing: str):  # type: ignore[no-untyped-def]
    """The model of PATH when `playbook lint` (with PATH's configuration) finds no error; else exit 2.

    A timeline drawn from a playbook with errors (a calendar that never opens,
    targets out of order) would look authoritative and be wrong.
    """
    from compiler.lint.pipeline import lint_path
    from compiler.lint.reporters import text
    from playbook.findings import Severity
    from playbook.source import UsageError

    try:
        result = lint_path(path, _configured_settings(path, frozenset()))
    except UsageError as exc:
        _usage_error(str(exc))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors or result.book is None:
        click.echo(text.render(errors, result.source.text_of, _style_for(sys.stderr.isatty())), nl=False, err=True)
        _usage_error(f"{path} has errors; fix them (playbook lint {path}) before {doing}")
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def simulate(
    path: str,
    priority: str,
    channel: str | None,
    opened: str,
    requester_tz: str | None,
    at_text: str | None,
    fmt: str,
) -> None:
    """Show a ticket's timeline: SLA deadlines and who is notified when.

    Times are shown in the playbook's time zone and the requester's (--tz).
    Business-hour targets follow the priority's calendar, holidays and
    daylight-saving changes included.
    """
    from compiler.plan.plan import build_plan
    from compiler.time import timeline_report as report
    from compiler.time.simulate import BadArgument, check_ticket, check_zone, read_time, simulate

    try:
        check_zone(requester_tz)
        book = _book_without_errors(path, "simulating")
        check_ticket(book, priority, channel)
        zone = requester_tz or book.timezone
        opened_at = read_time(opened, zone, "opened")
        at = read_time(at_text, zone, "at") if at_text is not None else None
    except BadArgument as exc:
        _usage_error(exc.worded("--"))
    timeline = simulate(build_plan(book), priority, channel, opened_at)
    render = report.render_json if fmt == "json" else report.render_text
    click.echo(render(timeline, requester_tz, at), nl=False)


# The `mcp` extra of pyproject.toml (a test holds the two together). The message names this
# interpreter's pip, so the SDK lands where playbook runs; a clone can also `pip install -e '.[mcp]'`.
MCP_REQUIREMENT = "mcp>=2.3,<3"


@main.command(name="mcp")
@click.argument("path", type=click.Path())
@click.option("--http", is_flag=True, help="Serve Streamable HTTP on 127.0.0.1 instead of stdio (no authentication).")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The HTTP port, with --http."
)
def mcp_command(path: str, http: bool, port: int) -> None:
    """Serve the playbook to software agents over the Model Context Protocol (MCP).

    Read-only tools answer which priority a ticket is, its deadlines, who holds it,
    its SLA status, whom to call and whether a calendar is open, each citing the
    playbook line it rests on; the runbook pages and runbook.json are resources.
    Speaks MCP on stdin/stdout unless --http. Needs the optional 'mcp' extra
    (in a clone: pip install -e '.[mcp]').
    """
    import shlex

    try:
        from mcpserver.server import build_server, serve
    except ImportError as exc:
        command = f"{shlex.quote(sys.executable)} -m pip install '{MCP_REQUIREMENT}'"
        _usage_error(
            f"playbook mcp needs the MCP SDK (the 'mcp' extra), which is missing or too old ({exc}); "
            f"install it with: {command}"
        )
    book = _book_without_errors(path, "serving it")
    server = build_server(book)
    if http:
        click.echo(f"playbook: serving {path} over MCP at http://127.0.0.1:{port}/mcp (Ctrl-C stops)", err=True)
    serve(server, http=http, port=port)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def staffing(path: str, fmt: str) -> None:
    """Show the agents each forecast interval needs (Erlang C) against the agents planned."""
    from compiler.time import staffing as maths
    from compiler.time import staffing_report as report

    book = _checked_book(path, "cannot compute staffing")
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
    from compiler.lint.config import ConfigError
    from compiler.lint.reporters import text
    from playbook.source import UsageError

    try:
        changes = run(base, head, git_rev, today)
    except UsageError as exc:
        _usage_error(str(exc))
    except ConfigError as exc:
        _config_error(exc)
    except SideHasErrors as exc:
        result = exc.result
        errors = [f for f in result.findings if str(f.severity) == "error"]
        click.echo(text.render(errors, result.source.text_of, _style_for(sys.stderr.isatty())), nl=False, err=True)
        _usage_error(str(exc))
    click.echo(diff_report.markdown(changes) if output_format == "markdown" else diff_report.text(changes), nl=False)
    sys.exit(EXIT_FINDINGS if fail_on_loosened and changes.flagged else EXIT_OK)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Write a commented starter playbook (playbook.yaml) and lint configuration
    (.playbook.yaml) into DIRECTORY (default: the current folder; created if missing).
    Never replaces a file: if either exists, nothing is written (exit 2)."""
    import shlex
    from pathlib import Path

    from playbook.starter import ExistingFile, write_starter

    try:
        written = write_starter(Path(directory))
    except ExistingFile as exc:
        _usage_error(f"{exc.path} already exists; init never replaces a file, so nothing was written")
    except OSError as exc:
        _usage_error(f"cannot write into {directory}: {exc.strerror}")
    click.echo(f"wrote {' and '.join(str(path) for path in written)}")
    click.echo(f"next: playbook lint {shlex.quote(directory)}")


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
    import targets
    from compiler.lint.pipeline import lint_path, summary
    from compiler.lint.reporters import text
    from compiler.plan.plan import build_plan
    from playbook.source import UsageError

    try:
        result = lint_path(path, _configured_settings(path, frozenset([target]), today))
    except UsageError as exc:
        _usage_error(str(exc))
    if result.has_errors() or result.book is None:
        texts = {loaded.path: loaded.text for loaded in result.source.files}
        errors = [f for f in result.findings if str(f.severity) == "error"]
        click.echo(text.render(errors, lambda p: texts.get(p, ""), _style_for(sys.stderr.isatty())), nl=False, err=True)
        _usage_error(text.summary_line(dict(summary(errors)), 1) + "; fix the playbook first")
    return targets.load(target).render(build_plan(result.book))


def _live_client(target: str, url: str | None):  # type: ignore[no-untyped-def]
    from targets.shared.live import run
    from targets.shared.live.http import LiveError

    try:
        return run.connect(target, url, on_wait=lambda message: click.echo(f"playbook: {message}", err=True))
    except LiveError as exc:
        _usage_error(str(exc))


@main.command(name="plan")
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
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
    from targets.shared.live.http import LiveError

    files = _live_bundle(path, target, today)
    with _live_client(target, url) as client:
        try:
            current = run.plan(target, client, files, delete=delete)
        except LiveError as exc:
            _usage_error(str(exc))
    click.echo(report.render(current, fmt), nl=False)
    sys.exit(EXIT_USAGE if current.problems else EXIT_FINDINGS if current.changes else EXIT_OK)


@main.command()
@click.argument("path", type=click.Path())
@_live_target
@_live_url
@click.option("--yes", "-y", is_flag=True, help="Apply without asking (for CI).")
@_live_delete
@_today_option
def apply(path: str, target: str, url: str | None, yes: bool, delete: bool, today: dt.date | None) -> None:
    """Make a live help desk match PATH: show the plan, ask, write in dependency order, check it is empty.

    Only objects playbook manages are changed (see README, "Live help desks").
    After a failure part-way, run it again: it continues from the account as it is.

    \b
    Exit codes: 0 in sync at the end; 1 declined, or changes remain;
    2 error (nothing written when the playbook, connection or lookups fail).
    """
    from targets.shared.live import report, run
    from targets.shared.live.engine import ApplyFailed
    from targets.shared.live.http import LiveError

    files = _live_bundle(path, target, today)
    with _live_client(target, url) as client:
        try:
            current = run.plan(target, client, files, delete=delete)
            click.echo(report.text(current), nl=False)
            if current.problems:
                _usage_error("nothing was written: fix the problems above first")
            if not current.changes:
                sys.exit(EXIT_OK)
            if not yes:
                if not click.confirm(f"Apply {len(current.changes)} changes to {current.account}?", default=False):
                    click.echo("nothing was written", err=True)
                    sys.exit(EXIT_FINDINGS)
                fresh = run.plan(target, client, files, delete=delete)
                if fresh.signature() != current.signature():
                    _usage_error("the account changed while the plan was shown; nothing was written; run apply again")
                current = fresh

            def progress(done: int, total: int, what: str) -> None:
                click.echo(f"[{done}/{total}] {what}", err=True)

            try:
                done = run.apply(target, client, current, progress)
            except ApplyFailed as exc:
                click.echo(f"playbook: applied {len(exc.done)} of {len(current.changes)} changes", err=True)
                _usage_error(f"{exc}; run apply again once fixed: it continues from the account as it is")
            final = run.plan(target, client, files, delete=delete)
        except LiveError as exc:
            _usage_error(str(exc))
    used = client.counters
    waited = f", {used.waited:g} s waiting for rate limits" if used.waited else ""
    click.echo(f"playbook: {used.requests} requests, {used.writes} of them writes{waited}", err=True)
    if final.in_sync:
        click.echo(f"applied {len(done)} changes; {target} is in sync with the playbook")
        sys.exit(EXIT_OK)
    click.echo(report.text(final), nl=False)
    click.echo(f"applied {len(done)} changes, but the account still differs (above)", err=True)
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
@click.option("--playbook", "book_id", help="The playbook to import when several manage objects in one account.")
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

    Reads what `playbook apply` wrote (objects marked [playbook:ID]); the report
    lists what the language cannot hold and what playbook does not manage. The
    new playbook is then compiled and planned against the account: the report
    says whether it is in sync. Never replaces a file an import did not write.

    \b
    Exit codes: 0 written, and in sync; 1 written, but something could not be
    held (see the report); 2 error, nothing written.
    """
    from pathlib import Path

    from targets.shared.live import importing, run, saved
    from targets.shared.live.http import VENDORS, LiveError, Settings

    try:
        if from_dir is not None:
            source = saved.SavedAccount(from_dir, Settings(VENDORS[target], f"saved responses in {from_dir}", ("", "")))
        else:
            source = _live_client(target, url)
            if save_dir is not None:
                folder = Path(save_dir)
                source.record = lambda path, page, body: saved.save(folder, path, page, body)
        with source:
            draft = run.import_playbook(target, source, book_id)
            account = source.settings.base_url
            text = draft.yaml(account)
            differences = run.check_import(target, text, source, today)
        report = draft.report(account, differences)
        written = importing.write_output(out_dir, {"playbook.yaml": text, "import-report.md": report})
    except (LiveError, importing.ImportError_) as exc:
        _usage_error(str(exc))
    click.echo(f"wrote {' and '.join(written)}")
    held = "in sync with the account" if not differences else f"{len(differences)} differences from the account"
    click.echo(
        f"playbook {draft.book_id}: {held}; {len(draft.not_held)} things not held; "
        f"{len(draft.unmanaged)} objects not managed by playbook left alone (see the report)",
        err=True,
    )
    sys.exit(EXIT_FINDINGS if differences or draft.not_held else EXIT_OK)


@main.command(name="targets")
def list_targets() -> None:
    """List the build targets."""
    import targets

    for name in sorted(targets.TARGETS):
        click.echo(f"{name:<12} {targets.load(name).DESCRIPTION}")
    for name, members in sorted(targets.GROUPS.items()):
        click.echo(f"{name:<12} = {' + '.join(members)}")


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

    text = schema_text(name)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        _replace_file(output, text)
    except OSError as exc:
        _usage_error(f"cannot write {output}: {exc.strerror}")
    click.echo(f"wrote the {name} schema to {output}")


if __name__ == "__main__":
    main()
