"""A `bd`/`bh` escalation step means one thing everywhere: simulate, runbooks, runbook.json, Zendesk, Freshdesk.

It counts business hours of the priority's calendar, also on a priority that
otherwise counts calendar hours (docs/language.md, "Clocks"). The office is
open Mon-Fri 09:00-17:00 in London (GMT in November), and a ticket opened on
Friday 27 November 2026 at 16:00 has one business hour that day. So on P3
(calendar hours, office calendar) `1bd` (8 business hours) reaches the lead on
Monday at 16:00 and the further `2bh` the manager on Tuesday at 10:00; on P1
(24/7) business hours are every hour: Saturday 16:00 and 18:00.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from tests.helpers import TODAY

PLAYBOOK = """\
playbook: agree
organisation: {name: Agree Support}
timezone: Europe/London
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "09:00-17:00"}, years: "2026-2027"}
priorities:
  P1: {title: Outage, calendar: always, owner: desk, examples: [Down], zendesk: urgent, freshdesk: 4}
  P3: {title: Minor, calendar: office, hours: calendar, owner: desk, examples: [Slow], zendesk: normal, freshdesk: 2}
sla:
  P1: {acknowledge: 1h, resolve: 3d}
  P3: {acknowledge: 24h, resolve: 5d}
escalation:
  - {from: desk, to: lead, after: 1bd}
  - {from: lead, to: manager, after: 2bh, priorities: [P3]}
  - {from: lead, to: manager, after: 2h, priorities: [P1]}
contacts:
  desk: {name: Desk, kind: role, email: desk@agree-support.com, verified: 2026-11-25}
  lead: {name: Lea Lead, email: lea@agree-support.com, phone: "+442071838001", verified: 2026-11-25}
  manager: {name: Max Manager, email: max@agree-support.com, phone: "+442071838002", verified: 2026-11-25}
"""

OPENED = "2026-11-27T16:00"
# priority -> [(to, clock, hours from the ticket's start on that clock, when simulate says it fires (UTC))]
EXPECTED = {
    "P3": [("lead", "business", 8, "2026-11-30T16:00:00Z"), ("manager", "business", 10, "2026-12-01T10:00:00Z")],
    "P1": [("lead", "calendar", 24, "2026-11-28T16:00:00Z"), ("manager", "calendar", 26, "2026-11-28T18:00:00Z")],
}
LEVELS = {"P1": ("urgent", 4), "P3": ("normal", 2)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, bytes]]]:
    path = tmp_path_factory.mktemp("agree") / "playbook.yaml"
    path.write_text(PLAYBOOK, encoding="utf-8")
    result = lint_path(str(path), RuleSettings(today=TODAY, targets=frozenset({"zendesk", "freshdesk"})))
    assert not result.has_errors(), result.findings
    plan = build_plan(result.book)
    return path, {name: targets.load(name).render(plan) for name in ("runbook", "zendesk", "freshdesk")}


def _payload(files: dict[str, bytes], name: str) -> dict:
    return json.loads(files[name])


@pytest.mark.parametrize("priority", EXPECTED)
def test_simulate_counts_business_units_on_the_priority_calendar(built, priority):
    path, _ = built
    done = CliRunner().invoke(main, ["simulate", str(path), "-p", priority, "--opened", OPENED, "--format", "json"])
    assert done.exit_code == 0, done.output
    steps = [e for e in json.loads(done.output)["events"] if e["kind"] == "escalation"]
    assert [(e["to"]["id"], e["clock"], e["at"]["utc"]) for e in steps] == [
        (to, clock, utc) for to, clock, _, utc in EXPECTED[priority]
    ]


@pytest.mark.parametrize("priority", EXPECTED)
def test_runbook_json_gives_the_same_clock_and_offsets(built, priority):
    _, files = built
    document = _payload(files["runbook"], "runbook.json")
    entry = next(p for p in document["priorities"] if p["id"] == priority)
    assert [(s["to"], s["clock"], s["offset_seconds"] / 3600) for s in entry["escalation"]] == [
        (to, clock, hours) for to, clock, hours, _ in EXPECTED[priority]
    ]


def test_runbook_page_states_business_time_for_the_business_steps(built):
    _, files = built
    page = files["runbook"]["P3.md"].decode()
    assert "**At 8 hours of business time**, if it is still unresolved: escalate to **Lea Lead**" in page
    assert "**At 10 hours of business time**, if it is still unresolved: escalate to **Max Manager**" in page
    assert "That is 2 hours of business time after Lea Lead got it." in page
    p1 = files["runbook"]["P1.md"].decode()
    assert "**At 1 day**, if it is still unresolved: escalate to **Lea Lead**" in p1


@pytest.mark.parametrize("priority", EXPECTED)
def test_zendesk_automations_count_the_same_hours_on_the_same_clock(built, priority):
    _, files = built
    zendesk = files["zendesk"]
    level = LEVELS[priority][0]
    for order, (to, clock, hours, _) in enumerate(EXPECTED[priority], start=1):
        automation = json.loads(zendesk[f"automations/{priority.lower()}-step-{order}-{to}.json"])["automation"]
        timing = next(c for c in automation["conditions"]["all"] if c["field"] == "NEW")
        operator = "greater_than_business_hours" if clock == "business" else "greater_than"
        assert (timing["operator"], timing["value"]) == (operator, str(hours))
        assert {"field": "priority", "operator": "is", "value": level} in automation["conditions"]["all"]


def test_zendesk_gives_the_calendar_hours_priority_its_schedule_for_the_business_steps(built):
    _, files = built
    schedules = [
        json.loads(content)["trigger"]
        for name, content in files["zendesk"].items()
        if name.startswith("triggers/") and b"set_schedule" in content
    ]
    office = [t for t in schedules if {"field": "set_schedule", "value": "{{schedule:office}}"} in t["actions"]]
    assert len(office) == 1
    assert {"field": "priority", "operator": "is", "value": "normal"} in office[0]["conditions"]["any"]
    assert any(name == "schedules/office.json" for name in files["zendesk"])


@pytest.mark.parametrize("priority", EXPECTED)
def test_freshdesk_time_triggers_count_the_same_hours_on_the_same_clock(built, priority):
    _, files = built
    freshdesk = files["freshdesk"]
    for order, (to, clock, hours, _) in enumerate(EXPECTED[priority], start=1):
        rule = json.loads(freshdesk[f"automations/time_trigger_rules/{priority.lower()}-step-{order}-{to}.json"])
        properties = rule["conditions"][0]["properties"]
        timing = next(p for p in properties if p["field_name"] == "hours_since_created")
        assert (timing["operator"], timing["value"]) == ("greater_than", hours)
        if clock == "business":
            assert timing["business_hours_id"] == "{{business_hours:office}}"
        else:
            assert "business_hours_id" not in timing
