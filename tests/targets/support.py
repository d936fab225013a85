"""Build help-desk targets in memory for the tests."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import targets
from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from tests.helpers import EXAMPLES, TODAY

EXAMPLE_PATHS = {
    "minimal": EXAMPLES / "minimal.yaml",
    "field-service": EXAMPLES / "field-service",
    "online-care": EXAMPLES / "online-care",
    "saas-desk": EXAMPLES / "saas-desk",
}
# Examples the live tests apply to the fake accounts (every one), and those `import` reads back per help desk: the
# Freshdesk import does not read SLA policies back into `segments:` and `sla_policies:` yet, so there the SaaS desk
# is applied, not imported.
APPLIED_EXAMPLES = ("minimal", "field-service", "online-care", "saas-desk")
LIVE_EXAMPLES = {
    "zendesk": ("minimal", "field-service", "online-care", "saas-desk"),
    "freshdesk": ("minimal", "field-service", "online-care"),
}
HELPDESK = ("zendesk", "freshdesk")
ONCALL = ("pagerduty", "opsgenie", "statuspage")  # configuration applied through the API, like the help desks
MESSAGING = ("slack", "teams")  # message templates posted to webhooks later
PAYLOAD_TARGETS = HELPDESK + ONCALL + MESSAGING


@functools.cache
def build_example(example: str, target: str) -> dict[str, bytes]:
    return build_path(EXAMPLE_PATHS[example], target)


def build_path(path: Path, target: str) -> dict[str, bytes]:
    result = lint_path(str(path), RuleSettings(today=TODAY, targets=frozenset([target])))
    assert not result.has_errors(), [f.message for f in result.findings]
    assert result.book is not None
    return targets.load(target).render(build_plan(result.book))


def manifest(files: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(files["manifest.json"])


def payload(files: dict[str, bytes], name: str) -> Any:
    return json.loads(files[name])


def messages(files: dict[str, bytes]) -> dict[str, Any]:
    """file -> body of every message a messaging target wrote, in manifest order."""
    return {entry["file"]: json.loads(files[entry["file"]]) for entry in manifest(files).get("messages", [])}


def payloads(files: dict[str, bytes], kind: str) -> list[Any]:
    """The bodies of every manifest step of `kind`, in apply order."""
    return [json.loads(files[step["file"]]) for step in manifest(files)["steps"] if step["kind"] == kind]


def notes(files: dict[str, bytes], kind: str | None = None) -> list[str]:
    return [n["message"] for n in manifest(files)["notes"] if kind is None or n["kind"] == kind]
