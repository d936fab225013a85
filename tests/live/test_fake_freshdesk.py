"""The fake Freshdesk behaves as documented: it is what the live-command tests trust, so it is tested too."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes import FakeFreshdesk
from tests.fakes.freshdesk import API_KEY

TARGETS = {f"priority_{n}": {"respond_within": 3600, "resolve_within": 86400, "business_hours": False,
                             "escalation_enabled": False} for n in (1, 2, 3, 4)}  # fmt: skip


@pytest.fixture
def freshdesk():
    with FakeFreshdesk() as fake:
        yield fake


@pytest.fixture
def client(freshdesk):
    """Make plain HTTP clients for the fake (closed after the test)."""
    made: list[httpx.Client] = []

    def make(key: str = API_KEY) -> httpx.Client:
        made.append(httpx.Client(base_url=freshdesk.url, auth=(key, "X"), timeout=5, verify=False))
        return made[-1]

    yield make
    for http in made:
        http.close()


def test_wrong_key_is_refused(freshdesk, client):
    response = client("nope").get("/api/v2/groups")
    assert response.status_code == 401 and response.json()["code"] == "invalid_credentials"


def test_lists_are_bare_arrays_paged_with_a_link_header(freshdesk, client):
    http = client()
    for n in range(5):
        assert http.post("/api/v2/groups", json={"name": f"G{n}"}).status_code == 201
    first = http.get("/api/v2/groups", params={"per_page": 2})
    assert [g["name"] for g in first.json()] == ["G0", "G1"]
    assert 'rel="next"' in first.headers["Link"]
    names, url = [], "/api/v2/groups?per_page=2"
    while url:
        page = http.get(url)
        names += [g["name"] for g in page.json()]
        url = page.links.get("next", {}).get("url")
    assert names == [f"G{n}" for n in range(5)]


def test_duplicate_group_is_a_409_duplicate_value(freshdesk, client):
    http = client()
    http.post("/api/v2/groups", json={"name": "Billing"})
    refused = http.post("/api/v2/groups", json={"name": "billing"})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["code"] == "duplicate_value"


def test_group_with_an_unknown_agent_is_refused(freshdesk, client):
    refused = client().post("/api/v2/groups", json={"name": "Billing", "agent_ids": [999]})
    assert refused.status_code == 400
    assert refused.json() == {
        "description": "Validation failed",
        "errors": [{"field": "agent_ids", "message": "There are no records matching the ids: '999'",
                    "code": "invalid_value"}],
    }  # fmt: skip


def test_sla_policy_needs_all_four_priorities_and_whole_minutes(freshdesk, client):
    http = client()
    three = {k: v for k, v in TARGETS.items() if k != "priority_1"}
    body = {"name": "P", "sla_target": three, "applicable_to": {"sources": [1]}}
    assert http.post("/api/v2/sla_policies", json=body).status_code == 400
    odd = {**TARGETS, "priority_1": {**TARGETS["priority_1"], "respond_within": 930}}
    assert http.post("/api/v2/sla_policies", json={**body, "sla_target": odd}).status_code == 400
    created = http.post("/api/v2/sla_policies", json={**body, "sla_target": TARGETS})
    assert created.status_code == 201 and isinstance(created.json()["id"], str)


def test_sla_policies_cannot_be_deleted_and_the_default_cannot_be_updated(freshdesk, client):
    http = client()
    assert http.delete("/api/v2/sla_policies/1").status_code == 405
    refused = http.put("/api/v2/sla_policies/1", json={"name": "Mine", "applicable_to": {"sources": [1]}})
    assert refused.json()["errors"][0]["code"] == "cannot_update_default_sla"


def test_escalation_time_off_the_menu_is_refused(freshdesk, client):
    agent = freshdesk.add_agent("Dana", "dana@example.com")
    body = {"name": "P", "sla_target": TARGETS, "applicable_to": {"sources": [1]},
            "escalation": {"response": {"escalation_time": 1000, "agent_ids": [agent]}}}  # fmt: skip
    assert client().post("/api/v2/sla_policies", json=body).status_code == 400


def test_time_trigger_rules_take_one_condition_set(freshdesk, client):
    rule = {"name": "R", "conditions": [
        {"name": "condition_set_1", "match_type": "all", "properties": [
            {"resource_type": "ticket", "field_name": "priority", "operator": "in", "value": [4]}]},
        {"name": "condition_set_2", "match_type": "all", "properties": [
            {"resource_type": "ticket", "field_name": "priority", "operator": "in", "value": [3]}]}],
        "operator": "condition_set_1 or condition_set_2",
        "actions": [{"field_name": "add_tag", "value": ["x"]}]}  # fmt: skip
    http = client()
    assert http.post("/api/v2/automations/3/rules", json=rule).status_code == 400
    assert http.post("/api/v2/automations/1/rules", json=rule).status_code == 201


def test_rule_position_moves_it_and_renumbers_the_others(freshdesk, client):
    http = client()
    base = {"conditions": [{"name": "condition_set_1", "match_type": "all", "properties": [
        {"resource_type": "ticket", "field_name": "priority", "operator": "in", "value": [4]}]}],
        "actions": [{"field_name": "add_tag", "value": ["x"]}]}  # fmt: skip
    ids = [http.post("/api/v2/automations/1/rules", json={**base, "name": n}).json()["id"] for n in "ABC"]
    http.put(f"/api/v2/automations/1/rules/{ids[2]}", json={"position": 1})
    rules = http.get("/api/v2/automations/1/rules").json()
    assert [(r["name"], r["position"]) for r in rules] == [("C", 1), ("A", 2), ("B", 3)]


def test_business_hours_are_read_only(freshdesk, client):
    http = client()
    assert http.post("/api/v2/business_hours", json={"name": "X"}).status_code == 405
    freshdesk.ui_add_business_hours("Office", "London", {"monday": ("09:00 am", "05:00 pm")})
    names = [b["name"] for b in http.get("/api/v2/business_hours").json()]
    assert names == ["Default", "Office"]


def test_injected_503_fails_once(freshdesk, client):
    freshdesk.inject(503, method="GET")
    http = client()
    assert http.get("/api/v2/groups").status_code == 503
    assert http.get("/api/v2/groups").status_code == 200
