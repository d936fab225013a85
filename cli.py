"""The `playbook` command: it declares the commands and prints (with clikit.py, the only modules that import click).

Each command parses its options, calls one runner (compiler/lint/run.py, targets/run.py,
targets/shared/live/run.py, compiler/diff/run.py, compiler/time/..., mcpserver/server.py) and prints
what it returns; a runner's UsageError (and its findings) ends any command with exit 2, in one place.
Options are declared one a line, their help in the command's docstring after its own (see clikit.Command).
Runners are imported inside the commands: `playbook --help` and shell completion (run on every Tab)
then start in 0.35 s, not 0.95 s (`python -c 'import cli'` without and with the runners, best of five
on the 2-core CI machine).

Exit codes: see clikit.py.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sys
from pathlib import Path
from typing import Any

import click

import clikit as kit
from playbook import __version__


@click.group(cls=kit.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Compile and lint service playbooks: priorities, SLAs, escalation, contacts."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:PATH]")
@click.option("--config", "config_file", type=kit.FILE)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None)
@click.option("--exit-zero", is_flag=True)
@click.option("--warn-unused-suppressions", is_flag=True)
@click.option("--baseline", type=kit.FILE)
@click.option("--write-baseline", type=kit.FILE)
@click.option("--color/--no-color", "colour", default=None)
@kit.targets_option
@kit.today_option
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

    outputs = kit.usage_on_value_error(lambda: parse_outputs(formats, os.environ.get("GITHUB_ACTIONS") == "true"))
    with paused_gc():
        outcome = run(LintOptions(**options, targets=frozenset(names)))
        shown = deliver(
            outcome, outputs, kit.style_for(sys.stdout.isatty() if colour is None else colour), replace_file
        )
    failed = outcome.report.failed and not (options["write_baseline"] or exit_zero)
    kit.finish(
        [(shown.printed, False)] + [(f"playbook: {line}\n", True) for line in shown.lines()], shown.errors, failed
    )


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
@kit.required_targets_option
@click.option("--out", "-o", "out_dir", default="out", show_default=True, type=kit.DIR)
@kit.today_option
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
        kit.stop(result.findings, result.source.text_of, "nothing built")
    # Warnings (e.g. what a target cannot express) are shown too; errors stop the build.
    kit.print_findings(result.findings, result.source.text_of)
    if outcome.refused:
        kit.usage_error(outcome.refused)
    click.echo(f"built {', '.join(names)} into {out_dir} ({plural(outcome.files, 'file')})")


def _model_of(path: str, strict: bool, doing: str) -> Any:
    """The model of PATH (see compiler.lint.run.model_of); the input errors that stop staffing exit 1."""
    from compiler.lint.run import model_of

    model = model_of(path, strict, doing)
    if model.book is None:
        kit.stop(model.stop, model.text_of, doing)
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
@kit.format_option("text", "json")
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
        kit.usage_error(exc.worded("--"))
    timeline = simulate(build_plan(book), priority, channel, asked.opened, asked.ticket)
    render = report.render_json if fmt == "json" else report.render_text
    click.echo(render(timeline, zone, asked.at), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@kit.format_option("text", "json")
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
@kit.format_option("text", "markdown")
@click.option("--fail-on-loosened", is_flag=True)
@kit.today_option
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
    sys.exit(kit.EXIT_FINDINGS if fail_on_loosened and changes.flagged else kit.EXIT_OK)


@main.command()
@click.argument("directory", default=".", type=kit.DIR)
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
        kit.usage_error("--port is for --http; without it playbook mcp speaks MCP on stdin/stdout")
    try:
        from mcpserver.server import run
    except ImportError as exc:
        kit.usage_error(install_hint(exc, shlex.quote(sys.executable)))
    book = _model_of(path, True, "serving it")
    run(
        book, http=http, port=port, announce=lambda url: kit.on_wait(f"serving {path} over MCP at {url} (Ctrl-C stops)")
    )


@main.command(name="plan")
@click.argument("path", type=click.Path())
@kit.live_target
@kit.live_url
@kit.format_option("text", "markdown", "json")
@kit.live_delete
@kit.live_ids
@kit.today_option
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
    with run.connect(target, url, on_wait=kit.on_wait) as client:
        current = run.plan(target, client, files, delete=delete, adoption=adopted, ids=given)
    kit.finish([(report.render(current, fmt), False)], current.problems, current.changes)


def _ask_to_apply(plan: Any) -> bool:
    from targets.shared.docs.words import plural

    try:
        return click.confirm(f"Apply {plural(len(plan.changes), 'change')} to {plan.account}?", default=False)
    except click.Abort:  # no answer: end of input (no terminal, as in CI) or Ctrl-C
        click.echo("", err=True)
        return False


@main.command()
@click.argument("path", type=click.Path())
@kit.live_target
@kit.live_url
@click.option("--yes", "-y", is_flag=True)
@kit.live_delete
@kit.live_ids
@kit.today_option
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
    with run.connect(target, url, on_wait=kit.on_wait) as client:
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
    kit.finish(said, ending == "error", ending == "changes")


@main.command(name="import")
@click.argument("target", type=click.Choice(kit.LIVE_TARGETS))
@click.option("--out", "out_dir", required=True, type=kit.DIR)
@click.option("--from", "from_dir", type=kit.DIR)
@click.option("--save", "save_dir", type=kit.DIR)
@click.option("--playbook", "book_id")
@kit.live_url
@kit.today_option
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

    done = run.import_account(target, on_wait=kit.on_wait, **options)
    wrote = f"wrote {', '.join(done.written[:-1])} and {done.written[-1]}\n"
    kit.finish([(wrote, False), (done.summary() + "\n", True)], changes=not done.complete)


@main.command(name="targets")
def list_targets() -> None:
    """List the build targets and groups (-t/--target of build and lint takes either)."""
    import targets

    click.echo(targets.listing(), nl=False)


@main.command()
@click.argument("name", type=click.Choice(["playbook", "config", "lint-report"]), default="playbook")
@click.option("--output", "-o", type=kit.FILE)
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
        kit.usage_error(f"cannot write {output}: {exc.strerror}")
    click.echo(f"wrote the {name} schema to {output}")


if __name__ == "__main__":
    main()
