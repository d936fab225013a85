"""PagerDuty and Opsgenie reproduce the playbook's ladder: each person's start time, recomputed from the payloads."""

from __future__ import annotations

import json
import re

import pytest

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.oncall.paging import paged_priorities
from compiler.plan.plan import build_plan
from tests.helpers import TODAY
from tests.targets.support import EXAMPLE_PATHS, build_example, build_path, manifest, notes, payloads

REALISTIC = ("online-care", "field-service")
PLACEHOLDER = re.compile(r"^\{\{(user|schedule):([^}]+)\}\}$")


def _book(example):
    result = lint_path(str(EXAMPLE_PATHS[example]), RuleSettings(today=TODAY))
    return result.book


def _expected(example):
    """Priority -> {(kind, id): start minute} from the compiled plan: the playbook's own ladder."""
    found = {}
    for paged in paged_priorities(build_plan(_book(example))):
        found[paged.id] = {page.key: seconds / 60 for seconds, page in paged.starts()}
    return found


def _pagerduty_starts(policy):
    """Walk the rules as PagerDuty does: a rule's targets are paged at the sum of the delays before it."""
    starts, elapsed = {}, 0
    for rule in policy["escalation_policy"]["escalation_rules"]:
        for target in rule["targets"]:
            kind, ident = PLACEHOLDER.match(target["id"]).groups()
            starts.setdefault((kind, ident), elapsed)
        elapsed += rule["escalation_delay_in_minutes"]
    return starts


def _opsgenie_starts(escalation, book):
    """Opsgenie: each rule pages its recipient its delay after the escalation starts."""
    by_name = {rota.name: rota.id for rota in book.rotas.values()}
    by_email = {contact.email: contact.id for contact in book.contacts.values() if contact.email}
    starts = {}
    for rule in escalation["rules"]:
        recipient = rule["recipient"]
        key = (
            ("schedule", by_name[recipient["name"]])
            if recipient["type"] == "schedule"
            else ("user", by_email[recipient["username"]])
        )
        assert rule["delay"]["timeUnit"] == "minutes"
        starts.setdefault(key, rule["delay"]["timeAmount"])
    return starts


@pytest.mark.parametrize("example", REALISTIC)
def test_pagerduty_pages_everyone_at_the_playbooks_time(example):
    files = build_example(example, "pagerduty")
    expected = _expected(example)
    policies = {p["escalation_policy"]["name"].split()[0]: p for p in payloads(files, "escalation_policy")}
    assert sorted(policies) == sorted(expected)
    for pid, starts in expected.items():
        assert _pagerduty_starts(policies[pid]) == starts, pid
    assert notes(files, "rounded") == []


@pytest.mark.parametrize("example", REALISTIC)
def test_opsgenie_pages_everyone_at_the_playbooks_time(example):
    files = build_example(example, "opsgenie")
    book = _book(example)
    expected = _expected(example)
    escalations = {e["name"].split()[0]: e for e in payloads(files, "escalation")}
    assert sorted(escalations) == sorted(expected)
    for pid, starts in expected.items():
        assert _opsgenie_starts(escalations[pid], book) == starts, pid


def test_online_care_ladders_are_the_ones_the_playbook_describes():
    # P0: duty manager at once, engineering on-call at 5m, Head of Care at 30m; the vendor (15m) is called by hand.
    assert _expected("online-care") == {
        "P0": {("schedule", "duty-managers"): 0, ("schedule", "engineering-on-call"): 5, ("user", "head-of-care"): 30},
        "P1": {("schedule", "care-leads"): 0, ("schedule", "duty-managers"): 30},
    }


@pytest.mark.parametrize("target", ["pagerduty", "opsgenie"])
def test_someone_who_cannot_be_paged_is_a_manual_step_with_the_time(target):
    steps = {step["id"]: step for step in manifest(build_example("online-care", target))["manual_steps"]}
    [line] = steps[f"{target}-P0-manual-pages"]["instructions"]
    assert line.startswith("15m after the incident starts if still unresolved: bring in PayFlow Merchant Hotline")
    assert "+18005550123" in line


def test_opsgenie_keeps_steps_after_acknowledgement_that_pagerduty_cannot():
    escalation = next(
        e for e in payloads(build_example("online-care", "opsgenie"), "escalation") if e["name"].startswith("P1")
    )
    conditions = {rule["recipient"]["name"]: rule["condition"] for rule in escalation["rules"]}
    assert conditions == {"Care lead on call": "if-not-closed", "Duty managers": "if-not-acked"}
    pagerduty = notes(build_example("online-care", "pagerduty"), "not-expressible")
    assert any("PagerDuty escalates only while an incident is unacknowledged" in n for n in pagerduty)


def test_schedules_hand_over_at_the_rotas_local_time():
    files = build_example("online-care", "pagerduty")
    layer = next(s for s in payloads(files, "schedule") if s["schedule"]["name"] == "Duty managers")["schedule"]
    assert layer["time_zone"] == "Europe/London"
    [layer] = layer["schedule_layers"]
    assert layer["rotation_virtual_start"] == "2026-11-30T09:00:00+00:00"
    assert layer["rotation_turn_length_seconds"] == 7 * 86400
    assert [u["user"]["id"] for u in layer["users"]] == [
        "{{user:ama-owusu}}",
        "{{user:ben-carter}}",
        "{{user:chloe-davies}}",
    ]
    rotation = next(
        s for s in payloads(build_example("online-care", "opsgenie"), "schedule") if s["name"] == "Care lead on call"
    )
    assert (rotation["rotations"][0]["type"], rotation["rotations"][0]["length"]) == ("daily", 1)


def test_users_are_looked_up_by_email_in_pagerduty():
    lookups = {entry["ref"]: entry for entry in manifest(build_example("online-care", "pagerduty"))["lookups"]}
    assert lookups["{{user:head-of-care}}"]["match"] == {"email": "morgan.ellis@lumen.example"}
    assert lookups["{{user:head-of-care}}"]["find"] == "GET /users?query=morgan.ellis@lumen.example"


LADDER = """\
playbook: t
timezone: Europe/London
priorities:
  P1: {title: Down, owner: desk, hours: calendar, page: true}
escalation:
  - {from: desk, to: lead, after: 90s, when: unacknowledged}
  - {from: lead, to: boss, after: 30m, when: unacknowledged}
contacts:
  desk: {name: Desk, email: desk@acme.example}
  lead: {name: Lead, email: lead@acme.example}
  boss: {name: Boss, email: boss@acme.example}
rotas:
  leads: {covers: lead, members: [lead], start: 2026-11-30, handoff: "09:15", every: 1d}
"""


def test_seconds_are_rounded_down_to_whole_minutes_and_noted(tmp_path):
    (tmp_path / "playbook.yaml").write_text(LADDER)
    files = build_path(tmp_path / "playbook.yaml", "pagerduty")
    [policy] = payloads(files, "escalation_policy")
    assert _pagerduty_starts(policy) == {("user", "desk"): 0, ("schedule", "leads"): 1, ("user", "boss"): 31}
    assert notes(files, "rounded") == [
        "P1: the playbook pages schedule leads 90s after the start; PagerDuty pages it at 1m "
        "(PagerDuty counts whole minutes: rounded down to 1m)",
        "P1: the playbook pages user boss 31m30s after the start; PagerDuty pages it at 31m "
        "(PagerDuty counts whole minutes: rounded down to 31m)",
    ]


def test_opsgenie_moves_a_quarter_past_handoff_to_the_half_hour_before(tmp_path):
    (tmp_path / "playbook.yaml").write_text(LADDER)
    files = build_path(tmp_path / "playbook.yaml", "opsgenie")
    [schedule] = payloads(files, "schedule")
    assert schedule["rotations"][0]["startDate"] == "2026-11-30T09:00:00+00:00"
    assert any("09:15 hand-over of rota 'leads' is sent as 09:00" in n for n in notes(files, "rounded"))


def test_a_playbook_that_pages_nothing_builds_an_empty_bundle_that_says_so(tmp_path):
    (tmp_path / "playbook.yaml").write_text(LADDER.replace(", page: true", ""))
    for target in ("pagerduty", "opsgenie"):
        files = build_path(tmp_path / "playbook.yaml", target)
        assert list(files) == ["manifest.json"]
        assert notes(files, "omitted") == ["no priority has page: true, so there is nothing to page"]


def test_files_are_deterministic():
    for target in ("pagerduty", "opsgenie", "statuspage", "slack", "teams"):
        first = build_path(EXAMPLE_PATHS["online-care"], target)
        assert build_path(EXAMPLE_PATHS["online-care"], target) == first
        assert all(json.loads(content) is not None for content in first.values())


def test_a_long_escalation_name_is_shortened_for_opsgenie_and_noted(tmp_path):
    (tmp_path / "playbook.yaml").write_text(LADDER.replace("title: Down", "title: " + "Everything is down " * 8))
    files = build_path(tmp_path / "playbook.yaml", "opsgenie")
    [escalation] = payloads(files, "escalation")
    assert len(escalation["name"]) == 100 and escalation["name"].endswith("…")
    assert any("escalation names take 100 characters" in n for n in notes(files, "approximated"))
