"""Output formats for lint results. Each is a pure function of a `Report` (see compiler/lint/report.py).

Every format but `text` is built from `Report.records()`, the one serialisation
of the findings; `text` reads the same records without their fingerprints.
"""

from __future__ import annotations

import importlib
from typing import Any

FORMATS = {
    "text": "compiler.lint.reporters.text",
    "json": "compiler.lint.reporters.json_report",
    "sarif": "compiler.lint.reporters.sarif",
    "github": "compiler.lint.reporters.github",
    "junit": "compiler.lint.reporters.junit",
}


def render(name: str, report: Any, style: Any = None) -> str:
    """Render `report` in the format `name` (a key of FORMATS)."""
    module = importlib.import_module(FORMATS[name])
    if name == "text":
        return module.render_report(report, style or module.plain)
    return module.render(report)
