"""Human-readable output: findings grouped by file, each with a code frame."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from playbook.findings import Finding, Severity

Style = Callable[[str, str], str]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan", "dim": "bright_black", "bold": "white"}


def plain(text: str, _style: str) -> str:
    return text


def render(
    findings: Iterable[Finding],
    source_text: Callable[[str], str],
    style: Style = plain,
    context_lines: int = 1,
) -> str:
    """Render findings grouped by file. `source_text(path)` returns a file's text for code frames."""
    out: list[str] = []
    current = None
    lines: list[str] = []
    for finding in findings:
        path = finding.location.path
        if path != current:
            current = path
            lines = source_text(path).splitlines()
            out.append(style(path, "bold"))
        out.extend(_one(finding, lines, style, context_lines))
    return "\n".join(out) + ("\n" if out else "")


def _one(finding: Finding, lines: list[str], style: Style, context_lines: int) -> list[str]:
    loc = finding.location
    severity = str(finding.severity)
    where = f"{loc.line}:{loc.column}" if loc.line else "-"
    head = (
        f"  {where}  {style(severity, severity)}  {finding.message}  {style(f'[{finding.code} {finding.name}]', 'dim')}"
    )
    result = [head]
    if loc.line and 0 < loc.line <= len(lines):
        first = max(1, loc.line - context_lines)
        width = len(str(loc.line))
        for number in range(first, loc.line + 1):
            text = lines[number - 1].replace("\t", " ")
            marker = ">" if number == loc.line else " "
            result.append(style(f"    {marker} {number:>{width}} | ", "dim") + text)
        caret_pad = " " * (max(loc.column, 1) - 1)
        result.append(style(f"      {' ' * width} | ", "dim") + caret_pad + style("^", severity))
    if finding.hint:
        result.append(f"    hint: {finding.hint}")
    for related, message in finding.related:
        result.append(style(f"    note: {related}: {message}", "dim"))
    return result


def summary_line(counts: dict[str, int], files: int) -> str:
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    noun = "playbook" if files == 1 else "playbooks"
    if not parts:
        return f"{files} {noun} checked: no problems"
    return f"{files} {noun} checked: " + ", ".join(parts)


def severity_colour(severity: Severity) -> str:
    return _COLOURS[str(severity)]
