"""The `sarif` format: SARIF 2.1.0, as GitHub code scanning and other review tools read it.

Each rule carries its documentation (the rule module's docstring) as help text.
Related locations (where a referenced contact is defined, each edge of a cycle)
become `relatedLocations`; suppressed findings are included with their
suppression and its justification, so code scanning shows them as dismissed.
"""

from __future__ import annotations

import json
from typing import Any

from compiler.check.catalog import CodeInfo, catalog
from compiler.lint.report import relative_uri
from playbook import __version__
from playbook.findings import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_KIND = {"inline": "inSource", "entity": "inSource", "config": "external", "baseline": "external"}


def render(report: Any) -> str:
    records = report.records()
    hidden = report.suppressed_records()
    rules = _rules({r["code"]: r for r in records + hidden})
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [_result(r, index) for r in records] + [_result(r, index) for r in hidden]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "playbook",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _rules(seen: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every lint rule, plus any other code that appears in the results."""
    known = catalog()
    codes = sorted({code for code, info in known.items() if info.kind in ("rule", "suppression")} | set(seen))
    out = []
    for code in codes:
        info = known.get(code)
        if info is None:  # a code the catalogue does not know yet: describe it from the finding
            record = seen[code]
            info = CodeInfo(code, record["name"], Severity.parse(record["severity"]), record["name"], "input")
        out.append(_rule(info))
    return out


def _rule(info: CodeInfo) -> dict[str, Any]:
    help_text = info.help
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": _markdown_help(info)},
        "defaultConfiguration": {"level": _LEVEL[str(info.severity)]},
        "properties": {"tags": ["playbook", info.kind]},
    }


def _markdown_help(info: CodeInfo) -> str:
    # Rule docstrings indent their examples by four spaces, which Markdown shows as code.
    return f"**{info.code} {info.name}**\n\n{info.help}\n"


def _result(record: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    text = record["message"] + (f"\nhint: {record['hint']}" if record["hint"] else "")
    result: dict[str, Any] = {
        "ruleId": record["code"],
        "ruleIndex": index[record["code"]],
        "level": _LEVEL[record["severity"]],
        "message": {"text": text},
        "locations": [{"physicalLocation": _physical(record["path"], record["line"], record["column"])}],
        "partialFingerprints": {"playbookFinding/v1": record["fingerprint"]},
    }
    if record["related"]:
        result["relatedLocations"] = [
            {
                "id": number,
                "message": {"text": related["message"]},
                "physicalLocation": _physical(related["path"], related["line"], related["column"]),
            }
            for number, related in enumerate(record["related"], start=1)
        ]
    if "suppression" in record:
        how = record["suppression"]
        result["suppressions"] = [{"kind": _KIND[how["kind"]], "justification": how["reason"], "status": "accepted"}]
    return result


def _physical(path: str, line: int, column: int) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": relative_uri(path), "uriBaseId": "%SRCROOT%"}}
    if line:
        location["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return location
