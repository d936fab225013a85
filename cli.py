"""The `playbook` command. The only module that imports click: it wires the stages together.

Exit codes (stable):
  0  clean, or only findings below the --fail-on threshold
  1  findings at or above the --fail-on threshold (default: error)
  2  usage error, unreadable input (missing path, directory without YAML), invalid config
"""

from __future__ import annotations

import sys

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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Compile and lint service playbooks: priorities, SLAs, escalation, contacts."""


def _style_for(colour: bool):  # type: ignore[no-untyped-def]
    from compiler.reporters.text import plain

    if not colour:
        return plain
    colours = {"error": "red", "warning": "yellow", "info": "cyan", "dim": "bright_black", "bold": None}

    def style(text: str, kind: str) -> str:
        if kind == "bold":
            return click.style(text, bold=True)
        return click.style(text, fg=colours.get(kind))

    return style


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--color/--no-color", "colour", default=None, help="Colour the text output (default: when on a terminal)."
)
def lint(paths: tuple[str, ...], fail_on: str, colour: bool | None) -> None:
    """Check playbooks (each PATH is a YAML file or a directory of them)."""
    from compiler.lint import lint_path, summary
    from compiler.reporters import text
    from playbook.findings import Severity
    from playbook.source import UsageError

    results = []
    for path in paths:
        try:
            results.append(lint_path(path))
        except UsageError as exc:
            click.echo(f"playbook: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    findings = [f for r in results for f in r.findings]
    texts = {loaded.path: loaded.text for r in results for loaded in r.source.files}
    use_colour = sys.stdout.isatty() if colour is None else colour
    click.echo(text.render(findings, lambda p: texts.get(p, ""), _style_for(use_colour)), nl=False)
    click.echo(text.summary_line(dict(summary(findings)), len(results)))
    threshold = Severity.parse(fail_on)
    sys.exit(EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every lint rule, or print one rule's documentation (by code or name)."""
    from compiler.rules import all_rules, find_rule

    if code is None:
        for rule in all_rules():
            click.echo(f"{rule.code}  {rule.name:<34} {str(rule.severity):<8} {rule.summary}")
        return
    rule = find_rule(code)
    if rule is None:
        click.echo(f"playbook: error: no rule {code!r}; run 'playbook rules' for the list", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity})\n")
    click.echo(_dedent(rule.doc))
    if rule.options:
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
    help="Output directory (replaced atomically).",
)
def build(path: str, target_names: tuple[str, ...], out_dir: str) -> None:
    """Lint PATH, then build the requested targets into OUT (one sub-folder per target).

    Refuses to build (exit 1) when the playbook has errors; a failed build leaves
    the previous OUT untouched.
    """
    import targets
    from compiler.lint import RuleSettings, lint_path, summary
    from compiler.plan import build_plan
    from compiler.reporters import text
    from playbook.source import UsageError
    from targets.output import write_atomic

    unknown = [t for t in target_names if t not in targets.TARGETS and t not in targets.GROUPS]
    if unknown:
        click.echo(
            f"playbook: error: unknown target {unknown[0]!r}; choose from {', '.join(targets.names())}", err=True
        )
        sys.exit(EXIT_USAGE)
    names = targets.expand(list(target_names))
    try:
        result = lint_path(path, RuleSettings(targets=frozenset(names)))
    except UsageError as exc:
        click.echo(f"playbook: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if result.has_errors() or result.book is None:
        texts = {loaded.path: loaded.text for loaded in result.source.files}
        click.echo(
            text.render(result.findings, lambda p: texts.get(p, ""), _style_for(sys.stderr.isatty())),
            nl=False,
            err=True,
        )
        click.echo(text.summary_line(dict(summary(result.findings)), 1) + "; nothing built", err=True)
        sys.exit(EXIT_FINDINGS)
    plan = build_plan(result.book)
    files: dict[str, bytes] = {}
    for name in names:
        for relative, content in targets.load(name).render(plan).items():
            files[f"{name}/{relative}"] = content
    write_atomic(out_dir, files)
    click.echo(f"built {', '.join(names)} into {out_dir} ({len(files)} files)")


def _checked_book(path: str, what: str):  # type: ignore[no-untyped-def]
    """Lint PATH; print the findings and exit 1 when it has errors, exit 2 when unreadable."""
    from compiler.lint import RuleSettings, lint_path, summary
    from compiler.reporters import text
    from playbook.source import UsageError

    try:
        result = lint_path(path, RuleSettings())
    except UsageError as exc:
        click.echo(f"playbook: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if result.has_errors() or result.book is None:
        texts = {loaded.path: loaded.text for loaded in result.source.files}
        style = _style_for(sys.stderr.isatty())
        click.echo(text.render(result.findings, lambda p: texts.get(p, ""), style), nl=False, err=True)
        click.echo(text.summary_line(dict(summary(result.findings)), 1) + f"; {what}", err=True)
        sys.exit(EXIT_FINDINGS)
    return result.book


def _usage_error(message: str) -> None:
    click.echo(f"playbook: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _check_zone(name: str | None, option: str) -> None:
    import zoneinfo

    if name is None:
        return
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        _usage_error(f"{option}: unknown time zone {name!r}; use an IANA name such as America/Chicago")


def _time_option(parse, text: str, zone: str, option: str) -> float:  # type: ignore[no-untyped-def]
    try:
        return parse(text, zone)
    except ValueError as exc:
        _usage_error(f"{option}: {exc}")
        raise


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
    from compiler.plan import build_plan
    from compiler.reporters import timeline as report
    from compiler.simulate import parse_time, simulate

    _check_zone(requester_tz, "--tz")
    book = _checked_book(path, "cannot simulate")
    if priority not in book.priorities:
        _usage_error(f"--priority: no priority {priority!r}; choose from {', '.join(book.priorities)}")
    if channel is not None and channel not in book.channels:
        _usage_error(f"--channel: no channel {channel!r}; choose from {', '.join(book.channels) or '(none)'}")
    if channel is None and book.channels:
        _usage_error(f"--channel is required; choose from {', '.join(book.channels)}")
    zone = requester_tz or book.timezone
    opened_at = _time_option(parse_time, opened, zone, "--opened")
    at = _time_option(parse_time, at_text, zone, "--at") if at_text is not None else None
    timeline = simulate(build_plan(book), priority, channel, opened_at)
    render = report.render_json if fmt == "json" else report.render_text
    click.echo(render(timeline, requester_tz, at), nl=False)


@main.command(name="targets")
def list_targets() -> None:
    """List the build targets."""
    import targets

    for name in sorted(targets.TARGETS):
        click.echo(f"{name:<12} {targets.load(name).DESCRIPTION}")
    for name, members in sorted(targets.GROUPS.items()):
        click.echo(f"{name:<12} = {' + '.join(members)}")


@main.command()
def schema() -> None:
    """Print the playbook JSON Schema (draft-07) for editors and other tools."""
    from schemas import schema_text

    click.echo(schema_text("playbook"), nl=False)


if __name__ == "__main__":
    main()
