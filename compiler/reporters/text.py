"""Human-readable output: findings grouped by file, each with a code frame."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from playbook.findings import Finding

Style = Callable[[str, str], str]
Record = Mapping[str, Any]


def plain(text: str, _style: str) -> str:
    return text


def render(
    findings: Iterable[Finding],
    source_text: Callable[[str], str],
    style: Style = plain,
    context_lines: int = 1,
) -> str:
    """Render findings grouped by file. `source_text(path)` returns a file's text for code frames."""
    return render_records((f.to_dict() for f in findings), source_text, style, context_lines)


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
        for number in range(first, line + 1):
            text = lines[number - 1].replace("\t", " ")
            marker = ">" if number == line else " "
            result.append(style(f"    {marker} {number:>{width}} | ", "dim") + text)
        caret_pad = " " * (max(column, 1) - 1)
        result.append(style(f"      {' ' * width} | ", "dim") + caret_pad + style("^", severity))
    if record["hint"]:
        result.append(f"    hint: {record['hint']}")
    for related in record["related"]:
        place = f"{related['path']}:{related['line']}:{related['column']}" if related["line"] else related["path"]
        result.append(style(f"    note: {place}: {related['message']}", "dim"))
    return result


def summary_line(counts: Mapping[str, int], files: int) -> str:
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    noun = "playbook" if files == 1 else "playbooks"
    hidden = counts.get("suppressed", 0)
    tail = f" ({hidden} suppressed)" if hidden else ""
    if not parts:
        return f"{files} {noun} checked: no problems{tail}"
    return f"{files} {noun} checked: " + ", ".join(parts) + tail
