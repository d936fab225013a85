"""Human-readable output: findings grouped by file, each with a code frame."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from playbook.findings import Finding, bounded

Style = Callable[[str, str], str]
Record = Mapping[str, Any]


def plain(text: str, _style: str) -> str:
    return text


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan", "dim": "bright_black", "bold": None}


def coloured(paint: Callable[..., str]) -> Callable[[str, str], str]:
    """A style that colours with `paint` (click.style: the CLI owns the terminal)."""

    def style(text: str, kind: str) -> str:
        return paint(text, bold=True) if kind == "bold" else paint(text, fg=_COLOURS.get(kind))

    return style


def render(
    findings: Iterable[Finding],
    source_text: Callable[[str], str],
    style: Style = plain,
    context_lines: int = 1,
) -> str:
    """Render findings grouped by file, at most a hundred per rule and file (then how many more).

    `source_text(path)` returns a file's text for code frames.
    """
    return render_records((f.to_dict() for f in bounded(findings)), source_text, style, context_lines)


def render_records(
    records: Iterable[Record],
    source_text: Callable[[str], str],
    style: Style = plain,
    context_lines: int = 1,
) -> str:
    out: list[str] = []
    current = None
    lines: list[str] = []
    for record in records:
        path = record["path"]
        if path != current:
            current = path
            lines = source_text(path).splitlines()
            out.append(style(path, "bold"))
        out.extend(_one(record, lines, style, context_lines))
    return "\n".join(out) + ("\n" if out else "")


def render_report(report: Any, style: Style = plain) -> str:
    """The full text output of a lint run: findings, then a summary line."""
    body = render_records(report.records(identify=False), report.text_of, style)
    counts = report.counts()
    return body + summary_line(counts, len(report.results)) + "\n"


def _one(record: Record, lines: list[str], style: Style, context_lines: int) -> list[str]:
    line, column = record["line"], record["column"]
    severity = record["severity"]
    where = f"{line}:{column}" if line else "-"
    tag = style(f"[{record['code']} {record['name']}]", "dim")
    result = [f"  {where}  {style(severity, severity)}  {record['message']}  {tag}"]
    if line and 0 < line <= len(lines):
        first = max(1, line - context_lines)
        width = len(str(line))
        start = _frame_start(column, [lines[n - 1] for n in range(first, line + 1)])
        for number in range(first, line + 1):
            text = _clip(lines[number - 1].replace("\t", " "), start)
            marker = ">" if number == line else " "
            result.append(style(f"    {marker} {number:>{width}} | ", "dim") + text)
        caret_pad = " " * (max(column, 1) - 1 - start + (1 if start else 0))
        result.append(style(f"      {' ' * width} | ", "dim") + caret_pad + style("^", severity))
    if record["hint"]:
        result.append(f"    hint: {record['hint']}")
    for related in record["related"]:
        place = f"{related['path']}:{related['line']}:{related['column']}" if related["line"] else related["path"]
        result.append(style(f"    note: {place}: {related['message']}", "dim"))
    return result


FRAME_WIDTH = 100


def _frame_start(column: int, frame: list[str]) -> int:
    """The first character shown of each frame line: 0, or a window around the caret on long lines."""
    if max((len(text) for text in frame), default=0) <= FRAME_WIDTH:
        return 0
    return max(0, column - 1 - FRAME_WIDTH // 2)


def _clip(text: str, start: int) -> str:
    # Generated or minified YAML can put megabytes on one line; show the part around the caret.
    if start and start >= len(text):
        return ""
    shown = text[start : start + FRAME_WIDTH]
    return ("…" if start else "") + shown + ("…" if len(text) > start + FRAME_WIDTH else "")


def summary_line(counts: Mapping[str, int], files: int) -> str:
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    noun = "playbook" if files == 1 else "playbooks"
    hidden = counts.get("suppressed", 0)
    tail = f" ({hidden} suppressed)" if hidden else ""
    if not parts:
        return f"{files} {noun} checked: no problems{tail}"
    return f"{files} {noun} checked: " + ", ".join(parts) + tail
