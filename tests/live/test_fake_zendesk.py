"""The fake Zendesk behaves as documented: it is what the live-command tests trust, so it is tested too."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes import FakeZendesk
from tests.fakes.zendesk import EMAIL, TOKEN


@pytest.fixture
def zendesk():
    with FakeZendesk() as fake:
        yield fake


@pytest.fixture
def client(zendesk):
    """Make plain HTTP clients for the fake (closed after the test)."""
    made: list[httpx.Client] = []

    def make(token: str = TOKEN) -> httpx.Client:
        made.append(httpx.Client(base_url=zendesk.url, auth=(f"{EMAIL}/token", token), timeout=5, verify=False))
        return made[-1]

    yield make
    for http in made:
        http.close()


def test_wrong_token_is_refused_with_zendesks_message(zendesk, client):
    response = client("wrong").get("/api/v2/groups")
    assert response.status_code == 401
    assert response.json() == {"error": "Couldn't authenticate you"}


def test_created_objects_get_ids_and_come_back_in_lists(zendesk, client):
    http = client()
    created = http.post("/api/v2/groups", json={"group": {"name": "Billing"}})
    assert created.status_code == 201
    group = created.json()["group"]
    assert isinstance(group["id"], int) and group["name"] == "Billing"
    listed = http.get("/api/v2/groups", params={"page[size]": 100}).json()
    assert [g["id"] for g in listed["groups"]] == [group["id"]]
    assert listed["meta"]["has_more"] is False


def test_duplicate_group_name_is_a_422_record_invalid(zendesk, client):
    http = client()
    http.post("/api/v2/groups", json={"group": {"name": "Billing"}})
    refused = http.post("/api/v2/groups", json={"group": {"name": "Billing"}})
    assert refused.status_code == 422
    body = refused.json()
    assert body["error"] == "RecordInvalid"
    assert body["details"]["name"][0]["description"] == "Name: has already been taken"


def test_cursor_pagination_walks_every_page_through_links_next(zendesk, client):
    http = client()
    for n in range(7):
        http.post("/api/v2/groups", json={"group": {"name": f"Group {n}"}})
    names, url = [], "/api/v2/groups?page[size]=3"
    while url:
        page = http.get(url).json()
        names += [g["name"] for g in page["groups"]]
        url = page["links"]["next"] if page["meta"]["has_more"] else None
    assert names == [f"Group {n}" for n in range(7)]


def test_page_size_above_100_is_refused(zendesk, client):
    assert client().get("/api/v2/groups", params={"page[size]": 101}).status_code == 400


def test_injected_429_carries_retry_after_and_then_passes(zendesk, client):
    zendesk.inject(429, path="/groups", retry_after="7")
    http = client()
    first = http.get("/api/v2/groups")
    assert first.status_code == 429 and first.headers["Retry-After"] == "7"
    assert http.get("/api/v2/groups").status_code == 200


def test_a_fault_after_the_write_still_creates_the_object(zendesk, client):
    zendesk.inject(503, method="POST", path="/groups$", after=True)
    response = client().post("/api/v2/groups", json={"group": {"name": "Billing"}})
    assert response.status_code == 503
    assert zendesk.find("groups", "Billing")["name"] == "Billing"


def test_automation_without_a_time_condition_is_refused(zendesk, client):
    body = {"automation": {"title": "A", "conditions": {"all": [{"field": "status", "operator": "is", "value": "new"}]},
                           "actions": [{"field": "status", "value": "open"}]}}  # fmt: skip
    refused = client().post("/api/v2/automations", json=body)
    assert refused.status_code == 422
    assert "time-based" in refused.json()["details"]["conditions"][0]["description"]


def test_trigger_needs_a_category_once_categories_exist(zendesk, client):
    http = client()
    http.post("/api/v2/trigger_categories", json={"trigger_category": {"name": "Ops"}})
    body = {
        "trigger": {
            "title": "T",
            "conditions": {"all": [], "any": []},
            "actions": [{"field": "status", "value": "open"}],
        }
    }
    refused = http.post("/api/v2/triggers", json=body)
    assert refused.status_code == 422 and "category_id" in refused.json()["details"]


def test_new_schedule_opens_nine_to_five_until_its_workweek_is_set(zendesk, client):
    http = client()
    schedule = http.post(
        "/api/v2/business_hours/schedules", json={"schedule": {"name": "Office", "time_zone": "London"}}
    ).json()["schedule"]
    assert schedule["intervals"][0] == {"start_time": 1980, "end_time": 2460}
    week = {"workweek": {"intervals": [{"start_time": 1980, "end_time": 2490}]}}
    assert http.put(f"/api/v2/business_hours/schedules/{schedule['id']}/workweek", json=week).status_code == 200
    assert zendesk.find("schedules", "Office")["intervals"] == [{"start_time": 1980, "end_time": 2490}]


def test_interval_spanning_two_days_is_refused(zendesk, client):
    http = client()
    sid = http.post(
        "/api/v2/business_hours/schedules", json={"schedule": {"name": "Office", "time_zone": "London"}}
    ).json()["schedule"]["id"]
    week = {"workweek": {"intervals": [{"start_time": 1980, "end_time": 3900}]}}
    refused = http.put(f"/api/v2/business_hours/schedules/{sid}/workweek", json=week)
    assert refused.status_code == 422 and refused.json()["details"]["intervals"][0]["error"] == "InvalidInterval"


def test_holiday_more_than_two_years_ahead_is_refused(zendesk, client):
    http = client()
    sid = http.post(
        "/api/v2/business_hours/schedules", json={"schedule": {"name": "Office", "time_zone": "London"}}
    ).json()["schedule"]["id"]
    far = {"holiday": {"name": "Far", "start_date": "2029-01-01", "end_date": "2029-01-01"}}
    near = {"holiday": {"name": "Near", "start_date": "2027-01-01", "end_date": "2027-01-01"}}
    assert http.post(f"/api/v2/business_hours/schedules/{sid}/holidays", json=far).status_code == 422
    assert http.post(f"/api/v2/business_hours/schedules/{sid}/holidays", json=near).status_code == 201


def test_sla_reorder_must_name_every_policy(zendesk, client):
    http = client()
    ids = []
    for title in ("A", "B"):
        body = {"sla_policy": {"title": title, "filter": {"all": [], "any": []}, "policy_metrics": []}}
        ids.append(http.post("/api/v2/slas/policies", json=body).json()["sla_policy"]["id"])
    assert http.put("/api/v2/slas/policies/reorder", json={"sla_policy_ids": ids[:1]}).status_code == 422
    assert http.put("/api/v2/slas/policies/reorder", json={"sla_policy_ids": ids[::-1]}).status_code == 200
    assert [p["title"] for p in zendesk.objects("sla_policies")] == ["B", "A"]


def test_ui_edit_changes_what_the_api_returns(zendesk, client):
    http = client()
    http.post("/api/v2/macros", json={"macro": {"title": "Close", "actions": [{"field": "status", "value": "solved"}]}})
    zendesk.ui_edit("macros", "Close", {"active": False})
    assert http.get("/api/v2/macros").json()["macros"][0]["active"] is False


def test_view_conditions_come_back_under_conditions_and_columns_under_execution(zendesk, client):
    body = {"view": {"title": "V", "all": [{"field": "status", "operator": "less_than", "value": "solved"}],
                     "any": [], "output": {"columns": ["status", "subject"]}}}  # fmt: skip
    view = client().post("/api/v2/views", json=body).json()["view"]
    assert view["conditions"]["all"][0]["field"] == "status"
    assert [c["id"] for c in view["execution"]["columns"]] == ["status", "subject"]
    assert "all" not in view


def test_requests_are_recorded_with_their_bodies(zendesk, client):
    client().post("/api/v2/groups", json={"group": {"name": "Billing"}})
    assert [(r.method, r.path, r.status) for r in zendesk.writes()] == [("POST", "/api/v2/groups", 201)]
