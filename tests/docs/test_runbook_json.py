"""runbook.json: valid against its published schema, and answers an on-shift question without prose."""

from __future__ import annotations

import json

import jsonschema
import pytest

from schemas import load_schema
from tests.docs.support import example_plan, plan_for, render
from tests.helpers import EXAMPLES


def _runbook(plan) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(render("runbook", plan)["runbook.json"])


@pytest.mark.parametrize("example", ["minimal.yaml", "field-service", "online-care", "saas-desk"])
def test_generated_runbook_json_validates_against_its_schema(example):
    schema = load_schema("runbook")
    jsonschema.Draft7Validator.check_schema(schema)
    document = _runbook(plan_for(EXAMPLES / example))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["$schema"] == schema["$id"]


def test_site_ships_the_same_facts_with_html_page_links():
    plan = example_plan("field-service")
    runbook, site = _runbook(plan), json.loads(render("site", plan)["runbook.json"])
    jsonschema.Draft7Validator(load_schema("runbook")).validate(site)
    assert [p["page"] for p in site["priorities"]] == ["P1.html", "P2.html", "P3.html", "P4.html"]
    for ours, theirs in zip(runbook["priorities"], site["priorities"], strict=True):
        assert {**ours, "page": None} == {**theirs, "page": None}


def escalated_to(document: dict, priority: str, channel: str, elapsed_seconds: float) -> list[dict]:
    """What an agent does with runbook.json: who has been brought in by now, newest first."""
    entry = next(p for p in document["priorities"] if p["id"] == priority)
    assert channel in entry["sla"], f"{priority} has no targets on {channel}"
    fired = [step for step in entry["escalation"] if step["offset_seconds"] <= elapsed_seconds]
    people = {**document["contacts"], **document["teams"]}
    return [{"id": s["to"], "kind": s["kind"], "contact": people[s["to"]]} for s in reversed(fired)]


def test_an_agent_finds_who_to_escalate_a_p1_chat_ticket_to_after_45_minutes():
    document = _runbook(example_plan("field-service"))
    answer = escalated_to(document, "P1", "chat", 45 * 60)
    # At 45 minutes the dispatch on-call has just been brought in (functional), and
    # the management escalation stands at the Team Lead (30 minutes); the Service
    # Manager only follows at 60 minutes.
    assert [(a["id"], a["kind"]) for a in answer] == [("dispatch-on-call", "functional"), ("team-lead", "hierarchical")]
    lead = next(a for a in answer if a["kind"] == "hierarchical")
    assert (lead["contact"]["name"], lead["contact"]["phone"]) == ("Dana Whitfield", "+16155550101")
    p1 = document["priorities"][0]
    assert p1["clock"] == "calendar" and p1["sla"]["chat"]["acknowledge"]["seconds"] == 900
    assert escalated_to(document, "P1", "chat", 60 * 60)[0]["id"] == "service-manager"


def test_business_clock_offsets_count_open_hours_only():
    document = _runbook(example_plan("field-service"))
    p2 = next(p for p in document["priorities"] if p["id"] == "P2")
    # 4h, then 1bd: one open day of the office calendar is 8.5 hours.
    assert p2["clock"] == "business"
    assert [s["offset_seconds"] for s in p2["escalation"]] == [4 * 3600, 4 * 3600 + 30600]


def test_sla_policies_say_who_they_apply_to_and_each_priority_its_targets_per_policy():
    document = _runbook(example_plan("saas-desk"))
    policies = document["sla_policies"]
    assert [p["id"] for p in policies][:3] == ["security", "emergency", "privacy"]
    emergency = policies[1]
    assert emergency["position"] == 2
    assert emergency["applies_to"] == "(segment enterprise or segment premium) and segment emergency"
    assert emergency["when"] == {
        "all": [{"any": [{"segment": "enterprise"}, {"segment": "premium"}]}, {"segment": "emergency"}]
    }
    assert policies[-1]["fallback"] is True
    assert policies[5]["calendar"] == {
        "default": "americas-office",
        "field": "preferred_region",
        "choose": {"emea": "emea-office", "apac": "apac-office"},
    }
    p2 = next(p for p in document["priorities"] if p["id"] == "P2")
    resolve = p2["policies"]["enterprise"]["resolve"]
    assert resolve == {
        "seconds": 43200,
        "clock": "business",
        "text": "1bd-3bd",
        "upper_seconds": 129600,
        "calendar": "americas-office",
    }
    assert p2["policies"]["billing"]["resolve"]["end_of_business_day"] == 0
    assert document["segments"]["enterprise"]["conditions"] == [
        {"attribute": "organization_tags", "values": ["plan_enterprise"]}
    ]
