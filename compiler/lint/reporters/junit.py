"""The `junit` format: JUnit XML, which most CI systems show as a test report.

One test suite per playbook; one failing test case per finding at or above the
--fail-on threshold, a skipped one per finding below it, and one passing test
case per file without findings, so a clean run still shows what was checked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any


def render(report: Any) -> str:
    by_playbook: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in report.records(identify=False):
        by_playbook[record["playbook"]].append(record)
    root = ET.Element("testsuites", name="playbook lint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in report.results:
        suite = _suite(result, by_playbook[result.source.root])
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(result: Any, records: list[dict[str, Any]]) -> ET.Element:
    suite = ET.Element("testsuite", name=result.source.root)
    with_findings = {r["path"] for r in records}
    failures = skipped = 0
    for record in records:
        case = ET.SubElement(suite, "testcase", name=_case_name(record), classname=record["path"])
        if record["fails"]:
            failures += 1
            failure = ET.SubElement(case, "failure", type=record["code"], message=record["message"])
            failure.text = _details(record)
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"{record['severity']}: {record['message']}")
    for loaded in result.source.files:
        if loaded.path not in with_findings:
            ET.SubElement(suite, "testcase", name=f"{loaded.path} has no findings", classname=loaded.path)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def _case_name(record: dict[str, Any]) -> str:
    where = f"{record['path']}:{record['line']}:{record['column']}" if record["line"] else record["path"]
    return f"{record['code']} {record['name']} at {where}"


def _details(record: dict[str, Any]) -> str:
    lines = [f"{record['severity']}: {record['message']}"]
    if record["hint"]:
        lines.append(f"hint: {record['hint']}")
    lines += [f"note: {r['path']}:{r['line']}:{r['column']}: {r['message']}" for r in record["related"]]
    return "\n".join(lines)
