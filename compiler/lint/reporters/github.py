"""The `github` format: GitHub Actions workflow commands, shown as annotations on the pull request.

GitHub shows at most 10 annotations of each kind per step, so the CLI also
writes a Markdown table to $GITHUB_STEP_SUMMARY (see `summary.py`).
"""

from __future__ import annotations

from typing import Any

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Any) -> str:
    lines = []
    for record in report.records(identify=False):
        props = [f"file={_property(record['path'])}"]
        if record["line"]:
            props += [f"line={record['line']}", f"col={record['column']}"]
        props.append(f"title={_property(record['code'] + ' ' + record['name'])}")
        message = record["message"] + (f"\nhint: {record['hint']}" if record["hint"] else "")
        lines.append(f"::{_COMMAND[record['severity']]} {','.join(props)}::{_data(message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
