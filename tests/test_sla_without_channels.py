"""A playbook without `channels:`: its priorities' SLA targets hold for every ticket.

`simulate` (which takes no --channel then) has always shown them; every built
output must show the same targets: runbook pages, quick reference, index,
runbook.json, the site, and the Zendesk and Freshdesk SLA policies.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cli import main
from schemas import load_schema
from targets.shared.contracts import target_validator
from tests.helpers import EXAMPLES

ZENDESK_METRIC = {
    "acknowledge": "first_reply_time",
    "update_every": "periodic_update_time",
    "resolve": "requester_wait_time",
}
FRESHDESK_FIELD = {"acknowledge": "respond_within", "resolve": "resolve_within"}


def _without_channels() -> str:
    """examples/minimal.yaml with its `channels:` section taken out."""
    text = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    stripped = re.sub(r"^channels:\n(?:  .*\n)+\n", "", text, flags=re.MULTILINE)
    assert "channels" not in stripped and stripped != text
    return stripped


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("no-channels")
    playbook = root / "playbook.yaml"
    playbook.write_text(_without_channels(), encoding="utf-8")
    out = root / "out"
    args = ["build", str(playbook), "-t", "docs", "-t", "site", "-t", "helpdesk", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return playbook, out


def simulated(playbook: Path, priority: str) -> dict[str, tuple[str, str]]:
    """metric -> (target as written, clock), as `playbook simulate` shows them."""
    args = ["simulate", str(playbook), "--priority", priority, "--opened", "2026-11-27T10:00", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    found: dict[str, tuple[str, str]] = {}
    for event in json.loads(result.output)["events"]:
        if event["kind"] == "deadline":
            found.setdefault(event["metric"], (event["target"], event["clock"]))
    return found


def test_simulate_shows_the_priorities_own_targets(built):
    playbook, _ = built
    assert simulated(playbook, "P1") == {
        "acknowledge": ("1h", "business"),
        "update_every": ("2h", "business"),
        "resolve": ("1bd", "business"),
    }
    assert simulated(playbook, "P2") == {"acknowledge": ("8h", "business"), "resolve": ("3bd", "business")}


@pytest.mark.parametrize("folder", ["runbook", "site"])
def test_runbook_json_holds_the_targets_simulate_shows_for_every_channel(built, folder):
    playbook, out = built
    document = json.loads((out / folder / "runbook.json").read_text())
    for entry in document["priorities"]:
        assert list(entry["sla"]) == ["*"]
        written = {metric: (cell["text"], cell["clock"]) for metric, cell in entry["sla"]["*"].items()}
        assert written == simulated(playbook, entry["id"])


def test_runbook_pages_list_the_targets_instead_of_none(built):
    _, out = built
    for page in sorted((out / "runbook").glob("*.md")) + sorted((out / "site").glob("*.html")):
        assert "No SLA targets" not in page.read_text(), page.name
    p1 = (out / "runbook" / "P1.md").read_text()
    assert "| All channels | 1 hour | 2 hours | 1 business day |" in p1
    assert "- Update the customer every 2 hours (All channels)." in p1
    assert "| All channels | 8 hours | 3 business days |" in (out / "runbook" / "P2.md").read_text()
    assert "<td>All channels</td>\n<td>1 hour</td>" in (out / "site" / "P1.html").read_text()


def test_quick_reference_and_index_show_each_priority_row(built):
    _, out = built
    card = (out / "runbook" / "quick-reference.md").read_text()
    assert "| P1: Shop is down | All channels | 1 hour | 2 hours | — | 1 business day | business hours |" in card
    assert "| P2: Everything else | All channels | 8 hours | — | — | 3 business days | business hours |" in card
    index = (out / "runbook" / "index.md").read_text()
    assert "| Customers cannot order at all. | 1 hour | 1 business day | business hours |" in index


def _seconds(out: Path) -> dict[str, dict[str, tuple[float, bool]]]:
    """priority -> metric -> (seconds, business hours?), from runbook.json (checked against simulate above)."""
    document = json.loads((out / "runbook" / "runbook.json").read_text())
    return {
        p["id"]: {m: (c["seconds"], c["clock"] == "business") for m, c in p["sla"]["*"].items()}
        for p in document["priorities"]
    }


def test_zendesk_has_one_policy_for_every_ticket_with_those_targets(built):
    _, out = built
    policies = sorted((out / "zendesk" / "sla_policies").glob("*.json"))
    assert [p.name for p in policies] == ["all-channels.json"]
    policy = json.loads(policies[0].read_text())["sla_policy"]
    assert policy["filter"] == {"all": [], "any": []}
    metrics = {(m["priority"], m["metric"]): (m["target"] * 60, m["business_hours"]) for m in policy["policy_metrics"]}
    expected = {
        (level, ZENDESK_METRIC[metric]): value
        for pid, level in (("P1", "urgent"), ("P2", "normal"))
        for metric, value in _seconds(out)[pid].items()
    }
    assert metrics == expected
    notes = json.loads((out / "zendesk" / "manifest.json").read_text())["notes"]
    assert any("names no channels" in n["message"] for n in notes)


def test_freshdesk_has_one_policy_for_every_source_with_those_targets(built):
    _, out = built
    policies = sorted((out / "freshdesk" / "sla_policies").glob("*.json"))
    assert [p.name for p in policies] == ["all-channels.json"]
    policy = json.loads(policies[0].read_text())
    assert policy["applicable_to"] == {"sources": [1, 2, 3, 7, 9, 10]}
    seconds = _seconds(out)
    for pid, level in (("P1", 4), ("P2", 2)):
        entry = policy["sla_target"][f"priority_{level}"]
        for metric, field in FRESHDESK_FIELD.items():
            assert (entry[field], entry["business_hours"]) == seconds[pid][metric], (pid, metric)


@pytest.mark.parametrize("target", ["zendesk", "freshdesk"])
def test_every_payload_still_meets_its_contract(built, target):
    _, out = built
    for step in json.loads((out / target / "manifest.json").read_text())["steps"]:
        body = json.loads((out / target / step["file"]).read_text())
        errors = [e.message for e in target_validator(f"{target}/{step['kind']}").iter_errors(body)]
        assert errors == [], (step["file"], errors)
    document = json.loads((out / "runbook" / "runbook.json").read_text())
    jsonschema.Draft7Validator(load_schema("runbook")).validate(document)
