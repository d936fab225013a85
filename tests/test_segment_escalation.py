"""Escalation steps for some customer segments (`segments:` on a step), through the CLI: lint, simulate, build."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from cli import main
from targets.shared.contracts import target_validator
from tests.helpers import EXAMPLES, TODAY
from tests.test_simulate import rows

SAAS = str(EXAMPLES / "saas-desk")

TEXT = """\
playbook: seg
timezone: UTC
calendars:
  always: 24/7
priorities:
  P1: {title: Down, owner: desk, calendar: always, levels: {zendesk: urgent, freshdesk: 4}}
sla:
  P1: {acknowledge: 1h, resolve: 8h}
segments:
  enterprise: {title: Enterprise plan, tags: plan_enterprise}
  premium: {title: Premium plan, tags: plan_premium}
escalation:
  - {from: desk, to: lead, after: 2h, priorities: [P1]}
  - {from: lead, to: tam, after: 1h, priorities: [P1], segments: [enterprise, premium]}
contacts:
  desk: {name: Desk, email: desk@example.com}
  lead: {name: Team Lead, email: lead@example.com}
  tam: {name: Technical Account Manager, email: tam@example.com}
"""


def write(tmp_path: Path, text: str = TEXT) -> str:
    path = tmp_path / "playbook.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def build(tmp_path: Path, target: str, text: str = TEXT) -> Path:
    tmp_path.mkdir(exist_ok=True)
    out = tmp_path / "out"
    result = invoke("build", write(tmp_path, text), "-t", target, "-o", str(out), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return out / target


def test_an_unknown_segment_on_a_step_is_a_located_error_with_a_suggestion(tmp_path):
    result = invoke("lint", write(tmp_path, TEXT.replace("segments: [enterprise, premium]", "segments: [enterprize]")))
    assert result.exit_code == 1
    assert "14:67  error  unknown segment 'enterprize'  [PB102 unknown-reference]" in result.output
    assert "did you mean 'enterprise'?" in result.output


def test_simulate_leaves_a_segment_step_out_for_other_customers_and_says_why():
    result = invoke("simulate", SAAS, "-p", "P1", "-c", "phone", "--opened", "2026-12-01T10:00")
    assert result.exit_code == 0, result.output
    assert not any("Technical Account Manager" in line for line in rows(result.output))
    assert (
        "(step duty-manager -> tam is for enterprise tickets only: left out (segment enterprise (Enterprise plan): "
        "no (organization tag plan_enterprise: no)))"
    ) in result.output


def test_simulate_includes_a_segment_step_for_its_customers():
    args = ("simulate", SAAS, "-p", "P1", "-c", "phone", "--opened", "2026-12-01T10:00", "--org-tag", "plan_enterprise")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    line = "bring in Technical Account Manager (tam), +16175550135 (15m after duty-manager, if unresolved, "
    assert rows(result.output)[line + "enterprise tickets only)"] == "Tue 2026-12-01 10:15 EST"
    assert "is for enterprise tickets only: included (segment enterprise (Enterprise plan): yes" in result.output
    events = json.loads(invoke(*args, "--format", "json").output)["events"]
    (tam,) = [e for e in events if e["kind"] == "escalation" and e["to"]["id"] == "tam"]
    assert tam["segments"] == ["enterprise"]


def test_a_ticket_in_either_segment_gets_the_step_once(tmp_path):
    path = write(tmp_path)
    for tag in ("plan_enterprise", "plan_premium"):
        result = invoke("simulate", path, "-p", "P1", "--opened", "2026-12-01T10:00", "--tag", tag)
        assert result.exit_code == 0, result.output
        notified = [what for what in rows(result.output) if "Technical Account Manager" in what]
        assert len(notified) == 1, result.output
        assert rows(result.output)[notified[0]] == "Tue 2026-12-01 13:00 UTC"


def test_zendesk_gets_one_automation_per_segment_with_its_conditions_and_one_shared_tag(tmp_path):
    out = build(tmp_path, "zendesk")
    validator = target_validator("zendesk/automation")
    bodies = {}
    for name in ("p1-step-2-tam-enterprise.json", "p1-step-2-tam-premium.json"):
        body = json.loads((out / "automations" / name).read_text())
        validator.validate(body)
        bodies[name] = body["automation"]
    enterprise, premium = bodies.values()
    assert {"field": "current_tags", "operator": "includes", "value": "plan_enterprise"} in enterprise["conditions"][
        "all"
    ]
    assert {"field": "current_tags", "operator": "includes", "value": "plan_premium"} in premium["conditions"]["all"]
    # The shared tag: a ticket in both segments is notified once.
    assert enterprise["actions"][-1] == premium["actions"][-1]
    assert not (out / "automations" / "p1-step-2-tam.json").exists()
    # The step for everyone stays unconditioned.
    lead = json.loads((out / "automations" / "p1-step-1-lead.json").read_text())["automation"]
    assert not any(c.get("value") in ("plan_enterprise", "plan_premium") for c in lead["conditions"]["all"])


def test_freshdesk_time_triggers_test_the_segments_tags(tmp_path):
    out = build(tmp_path, "freshdesk")
    rules = out / "automations" / "time_trigger_rules"
    body = json.loads((rules / "p1-step-2-tam-enterprise.json").read_text())
    props = body["conditions"][0]["properties"]
    assert {"resource_type": "ticket", "field_name": "tags", "operator": "in", "value": ["plan_enterprise"]} in props
    assert (rules / "p1-step-2-tam-premium.json").exists()
    assert not (rules / "p1-step-2-tam.json").exists()


def test_freshdesk_leaves_out_a_step_for_a_segment_its_triggers_cannot_test(tmp_path):
    text = TEXT.replace("tags: plan_enterprise}", "organization_tags: plan_enterprise}")
    out = build(tmp_path, "freshdesk", text)
    rules = out / "automations" / "time_trigger_rules"
    assert not (rules / "p1-step-2-tam-enterprise.json").exists()
    assert (rules / "p1-step-2-tam-premium.json").exists()
    notes = json.loads((out / "manifest.json").read_text())["notes"]
    assert any(n["kind"] == "omitted" and "cannot test segment enterprise" in n["message"] for n in notes)


def test_the_on_call_build_leaves_a_segment_step_out(tmp_path):
    out = build(tmp_path, "pagerduty")
    assert "tam" not in json.dumps([p.read_text() for p in out.rglob("*.json") if p.name != "manifest.json"])


def test_runbooks_and_checklists_say_whose_tickets_a_step_is_for(tmp_path):
    runbook = build(tmp_path, "runbook")
    page = (runbook / "P1.md").read_text()
    assert "for Enterprise plan or Premium plan customers only: escalate to **Technical Account Manager**" in page
    data = json.loads((runbook / "runbook.json").read_text())
    steps = {s["to"]: s for s in data["priorities"][0]["escalation"]}
    assert steps["tam"]["segments"] == ["enterprise", "premium"]
    assert steps["lead"]["segments"] == []
    checklists = build(tmp_path / "c", "checklists")
    text = "\n".join(p.read_text() for p in checklists.rglob("*.md"))
    assert "for Enterprise plan or Premium plan customers only: Technical Account Manager" in text


def test_steps_after_a_segment_step_are_for_the_same_customers(tmp_path):
    step = "  - {from: tam, to: vp, after: 1h, priorities: [P1]}\n"
    text = TEXT.replace("contacts:\n", step + "contacts:\n  vp: {name: VP, email: v@e.com}\n")
    out = build(tmp_path, "zendesk", text)
    names = sorted(p.name for p in (out / "automations").glob("p1-step-3-*"))
    assert names == ["p1-step-3-vp-enterprise.json", "p1-step-3-vp-premium.json"]
