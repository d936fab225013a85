"""Suppression comments: `# playbook: disable=PB220 reason="..."` for the next line (or, at the end of
a line, that line) and everything nested under it; or a block up to `# playbook: enable=PB220`."""

from __future__ import annotations

import re

from compiler.lint.suppression import Collector, Suppression
from playbook.findings import Location

MARKER = "playbook:"
# Every playbook has a `playbook:` key, so the cheap test looks for the comment form.
HAS_DIRECTIVE = re.compile(r"#[ \t]*playbook:")
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*playbook:\s*(?P<body>.*?)\s*$")
_BODY = re.compile(
    r"^(?P<action>disable|enable)\s*=\s*(?P<codes>[A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?$"
)


def scan(collector: Collector, path: str, text: str) -> None:
    lines = text.splitlines()
    open_blocks: dict[str, list[Suppression]] = {}
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        column = match.start() + (1 if match.group(0)[0].isspace() else 0) + 1
        where = Location(path, number, column)
        body = _BODY.match(match.group("body"))
        if body is None:
            collector.problem(
                "PB303",
                f"cannot read this suppression: {match.group('body')!r}",
                where,
                "write '# playbook: disable=PB220 reason=\"why\"' (or enable=PB220 to end a block)",
            )
            continue
        trailing = bool(line[: match.start()].strip())
        codes = [c.strip() for c in body.group("codes").split(",")]
        if body.group("action") == "enable":
            _close_blocks(collector, open_blocks, codes, where)
            continue
        reason = (body.group("dq") if body.group("dq") is not None else body.group("sq")) or ""
        if not reason.strip():
            collector.problem(
                "PB301",
                "this suppression gives no reason",
                where,
                'add reason="..." saying why the finding is acceptable here',
            )
        first, last = _scope(lines, number, trailing)
        for key in codes:
            code = collector.resolve(key, where)
            if code is None:
                continue
            item = Suppression("inline", code, reason.strip(), where, path, (first, 0), (last, 1 << 30))
            collector.suppressions.append(item)
            if not trailing:
                open_blocks.setdefault(code, []).append(item)


def _close_blocks(
    collector: Collector, open_blocks: dict[str, list[Suppression]], codes: list[str], where: Location
) -> None:
    for key in codes:
        code = collector.resolve(key, where)
        if code is None:
            continue
        pending = open_blocks.get(code)
        if not pending:
            collector.problem(
                "PB303",
                f"'enable={key}' has no 'disable={key}' above it to end",
                where,
                "remove it, or add the matching disable comment where the block starts",
            )
            continue
        item = pending.pop()
        item.first = (item.written.line, 0)
        item.last = (where.line, 1 << 30)


def _scope(lines: list[str], number: int, trailing: bool) -> tuple[int, int]:
    """Lines a next-line (or same-line) directive covers: that line and everything indented under it."""
    start = number if trailing else _next_content_line(lines, number)
    if start is None:
        return number, number - 1  # nothing follows: an empty span, reported as unused
    indent = _indent(lines[start - 1])
    end = start
    for candidate in range(start + 1, len(lines) + 1):
        text = lines[candidate - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) <= indent:
            break
        end = candidate
    return start, end


def _next_content_line(lines: list[str], number: int) -> int | None:
    for candidate in range(number + 1, len(lines) + 1):
        text = lines[candidate - 1].strip()
        if text and not text.startswith("#"):
            return candidate
    return None


def _indent(line: str) -> int:
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    # A list item's content is nested one step deeper than its dash.
    return indent + 1 if stripped.startswith("- ") else indent
