"""Every payload the payload targets emit, for every example, validates against its contract."""

from __future__ import annotations

import json

import pytest

from targets.shared.contracts import target_validator
from tests.targets.support import EXAMPLE_PATHS, PAYLOAD_TARGETS, build_example, manifest

CASES = [(example, target) for example in EXAMPLE_PATHS for target in PAYLOAD_TARGETS]


def _errors(name: str, body: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in target_validator(name).iter_errors(body)]


@pytest.mark.parametrize(("example", "target"), CASES)
def test_every_payload_validates_against_its_schema(example, target):
    files = build_example(example, target)
    for step in manifest(files)["steps"]:
        errors = _errors(f"{target}/{step['kind']}", json.loads(files[step["file"]]))
        assert errors == [], (step["file"], errors)
    for entry in manifest(files).get("messages", []):
        errors = _errors(f"{target}/message", json.loads(files[entry["file"]]))
        assert errors == [], (entry["file"], errors)


@pytest.mark.parametrize(("example", "target"), CASES)
def test_manifest_validates_and_lists_every_file_once(example, target):
    files = build_example(example, target)
    assert _errors("manifest", manifest(files)) == []
    steps = [step["file"] for step in manifest(files)["steps"]]
    listed = steps + [entry["file"] for entry in manifest(files).get("messages", [])]
    assert sorted(listed) == sorted(set(files) - {"manifest.json"})
    assert [step["step"] for step in manifest(files)["steps"]] == list(range(1, len(steps) + 1))


@pytest.mark.parametrize(("example", "target"), CASES)
def test_every_placeholder_is_declared_where_it_is_used(example, target):
    files = build_example(example, target)
    data = manifest(files)
    known = {entry["ref"] for entry in data["lookups"]}
    for step in data["steps"]:
        body = files[step["file"]].decode()
        for ref in step["references"]:
            assert ref["ref"] in known, (step["file"], ref)
            if ref["pointer"] != "path":
                assert json.dumps(ref["ref"]) in body
        known.add(step.get("creates", ""))


@pytest.mark.parametrize(("example", "target"), CASES)
def test_files_are_sorted_json_with_a_trailing_newline(example, target):
    for name, content in build_example(example, target).items():
        text = content.decode("utf-8")
        assert text.endswith("}\n"), name
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n", name


def test_a_schema_rejects_what_the_vendor_refuses():
    too_short = {"respond_within": 600, "resolve_within": 900, "business_hours": True, "escalation_enabled": False}
    policy = {"name": "x", "sla_target": {f"priority_{n}": too_short for n in (1, 2, 3, 4)}, "applicable_to": {}}
    assert _errors("freshdesk/sla_policy", policy)
    no_clock = {
        "automation": {
            "title": "t",
            "conditions": {"all": [{"field": "status", "operator": "is", "value": "new"}], "any": []},
            "actions": [{"field": "status", "value": "open"}],
        }
    }  # noqa: E501
    assert _errors("zendesk/automation", no_clock)


def test_the_zendesk_schema_rejects_an_sla_policy_without_metrics():
    policy = {"sla_policy": {"title": "t", "filter": {"all": [], "any": []}, "policy_metrics": []}}
    assert _errors("zendesk/sla_policy", policy)
    del policy["sla_policy"]["policy_metrics"]
    assert _errors("zendesk/sla_policy", policy)
