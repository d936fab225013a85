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


def parse_outputs(specs: tuple[str, ...], in_github: bool) -> list[tuple[str, str | None]]:
    """(format, path or None for stdout) for each FORMAT[:PATH]; ValueError says what is wrong."""
    if not specs:
        return [("github" if in_github else "text", None)]
    outputs: list[tuple[str, str | None]] = []
    for spec in specs:
        name, _, target = spec.partition(":")
        if name not in FORMATS:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)} (FORMAT or FORMAT:PATH)")
        outputs.append((name, target or None))
    if sum(1 for _, target in outputs if target is None) > 1:
        raise ValueError("only one --format may write to stdout; give the others a path (FORMAT:PATH)")
    return outputs
