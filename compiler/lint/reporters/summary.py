"""A Markdown summary of a lint run, appended to $GITHUB_STEP_SUMMARY.

Annotations are capped at 10 per kind per step; the summary is not, so it
lists every finding (up to a size that GitHub's 1 MiB summary limit allows).
"""

from __future__ import annotations

from typing import Any

MAX_ROWS = 1000
_ICON = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}


def append(path: str, report: Any) -> str | None:
    """Append the summary to the file at `path`; the reason when it cannot be written."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(render(report) + "\n")
    except OSError as exc:
        return f"cannot append to GITHUB_STEP_SUMMARY ({path}): {exc.strerror}"
    return None


def render(report: Any) -> str:
    counts = report.counts()
    records = report.records(identify=False)
    verdict = "failed" if report.failed else "passed"
    lines = [
        f"### playbook lint {verdict}",
        "",
        f"{len(report.results)} playbook(s) checked: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info, {counts['suppressed']} suppressed.",
        "",
    ]
    if not records:
        return "\n".join(lines)
    lines += ["| Severity | Location | Rule | Message |", "|---|---|---|---|"]
    for record in records[:MAX_ROWS]:
        where = f"{record['path']}:{record['line']}:{record['column']}" if record["line"] else record["path"]
        rule = f"{record['code']} {record['name']}"
        lines.append(f"| {_ICON[record['severity']]} | `{_cell(where)}` | {rule} | {_cell(record['message'])} |")
    if len(records) > MAX_ROWS:
        lines.append(f"\n{len(records) - MAX_ROWS} more findings not listed; see the job log or the SARIF report.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
