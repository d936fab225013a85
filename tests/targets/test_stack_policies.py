"""The support-stack targets on a playbook with SLA policies (examples/saas-desk): every policy, not the fallback.

Each test recomputes the expected values from the playbook's policies, and checks a policy
other than the fallback, so a target that wrote only the fallback's targets would fail.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import Plan, build_plan, policy_cells
from playbook.units import duration_text
from targets.kpis.columns import names
from targets.salesforce.metadata import milestone_minutes
from targets.shared.contracts import target_validator
from tests.helpers import TODAY
from tests.targets.support import EXAMPLE_PATHS, build_example, manifest

ROOT = Path(__file__).resolve().parents[2]
NS = "{http://soap.sforce.com/2006/04/metadata}"
LEVELS = {"P1": "High", "P2": "Medium", "P3": "Low"}  # Salesforce's standard Case.Priority values, by rank
MILESTONES = {
    "acknowledge": "First Response",
    "periodic_update": "Customer Update",
    "mitigate": "Mitigation",
    "resolve": "Resolution",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    result = lint_path(str(EXAMPLE_PATHS["saas-desk"]), RuleSettings(today=TODAY))
    return build_plan(result.book)


# --- Salesforce ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def salesforce() -> dict[str, bytes]:
    return build_example("saas-desk", "salesforce")


def _order(files: dict[str, bytes]) -> list[dict]:
    step = next(s for s in manifest(files)["manual_steps"] if s["id"] == "entitlement-order")
    return step["data"]["order"]


def test_salesforce_has_an_entitlement_process_per_sla_policy_in_the_playbooks_order(plan, salesforce):
    order = _order(salesforce)
    assert list(dict.fromkeys(row["policy"] for row in order)) == [p.id for p in plan.policies]
    assert [row["position"] for row in order] == sorted(row["position"] for row in order)
    assert order[-1]["applies_when"] == "every other case" and order[-1]["policy"] == "triage"
    security = order[0]
    assert security["applies_when"] == "tag security or vulnerability"
    # A calendar chosen by a field: one process per calendar, told apart by the field's value.
    enterprise = [row for row in order if row["policy"] == "enterprise"]
    assert [(row["field"], row["field_value"], row["business_hours"]) for row in enterprise] == [
        ("preferred_region", None, "nimbus-support americas-office"),
        ("preferred_region", "emea", "nimbus-support emea-office"),
        ("preferred_region", "apac", "nimbus-support apac-office"),
    ]
    schema = etree.XMLSchema(etree.parse(str(ROOT / "targets/salesforce/schemas/metadata.xsd")))
    for row in order:
        document = etree.fromstring(salesforce[f"entitlementProcesses/{row['entitlement_process']}.entitlementProcess"])
        assert schema.validate(document), schema.error_log
        assert document.find(f"{NS}businessHours").text == row["business_hours"]
    assert not list(target_validator("salesforce/manifest").iter_errors(manifest(salesforce)))


def test_salesforce_milestones_are_each_policys_targets_on_its_calendar(plan, salesforce):
    book = plan.book
    for row in _order(salesforce):
        policy = plan.policy(row["policy"]).policy
        process = etree.fromstring(salesforce[f"entitlementProcesses/{row['entitlement_process']}.entitlementProcess"])
        found = {
            (m.find(f"{NS}milestoneCriteriaFilterItems/{NS}value").text, m.find(f"{NS}milestoneName").text): (
                int(m.find(f"{NS}minutesToComplete").text),
                m.find(f"{NS}businessHours").text,
            )
            for m in process.findall(f"{NS}milestones")
        }
        expected = {}
        for pid, level in LEVELS.items():
            cells = policy_cells(book, policy, book.priorities[pid], row.get("field_value"))
            for metric, milestone in MILESTONES.items():
                cell = cells.get(metric)
                if cell is not None:
                    hours = "24x7" if cell.clock == "calendar" else cell.calendar
                    expected[(level, milestone)] = (milestone_minutes(cell.seconds), f"nimbus-support {hours}")
        assert found == expected, row["entitlement_process"]
    # Spelled out: the security policy answers P1 in 15 calendar minutes; the triage fallback in an hour.
    security = etree.fromstring(salesforce["entitlementProcesses/nimbus_support_security.entitlementProcess"])
    first = next(
        m for m in security.findall(f"{NS}milestones") if m.find(f"{NS}milestoneName").text == "First Response"
    )
    assert (first.find(f"{NS}minutesToComplete").text, first.find(f"{NS}businessHours").text) == (
        "15",
        "nimbus-support 24x7",
    )


def test_salesforce_business_hours_hold_every_calendar_a_policy_counts_on(salesforce):
    settings = etree.fromstring(salesforce["settings/BusinessHours.settings"])
    entries = {e.find(f"{NS}name").text: e for e in settings.findall(f"{NS}businessHours")}
    assert set(entries) == {
        "nimbus-support 24x7",
        "nimbus-support americas-office",
        "nimbus-support emea-office",
        "nimbus-support apac-office",
        "nimbus-support billing-office",
    }
    assert entries["nimbus-support emea-office"].find(f"{NS}timeZoneId").text == "Europe/Dublin"


def test_salesforce_ladder_triggers_count_from_each_processs_own_target(salesforce):
    step = next(s for s in manifest(salesforce)["manual_steps"] if s["id"] == "ladder-p2")
    rows = {(r["entitlement_process"], r["step"]): r for r in step["data"]["time_triggers"]}
    # P2's team lead at 4h, hung on Resolution: 24h (1440m) for the security policy, 8h for emergency.
    assert rows[("nimbus_support_security", 1)]["timeLength"] == 240 - 1440
    assert rows[("nimbus_support_emergency", 1)]["timeLength"] == 240 - 480


def test_salesforce_says_which_policy_targets_no_milestone_holds(salesforce):
    messages = [n["message"] for n in manifest(salesforce)["notes"]]
    assert any(
        m.startswith("P2 next_reply 2h in SLA policy enterprise: Salesforce milestones have no") for m in messages
    )
    assert any("P2 resolve eod in SLA policy billing: Salesforce has no end-of-business-day" in m for m in messages)
    assert any(
        m.startswith("P2 resolve 1bd-3bd in SLA policy enterprise: the milestone holds the lower end") for m in messages
    )


# --- KPI tables ---------------------------------------------------------------------------------


def test_kpi_sla_targets_have_a_row_per_policy_calendar_priority_and_metric(plan):
    files = build_example("saas-desk", "kpis")
    rows = list(csv.DictReader(io.StringIO(files["sla_targets.csv"].decode("utf-8"))))
    assert list(rows[0]) == names("sla_targets")
    assert json.loads(files["sla_targets.json"])["rows"][0]["policy"] == rows[0]["policy"]
    assert list(dict.fromkeys(row["policy"] for row in rows)) == [p.id for p in plan.policies]
    book = plan.book
    expected = set()
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        for value in policy.calendar.values() if policy.calendar is not None else [None]:
            for pid, priority in book.priorities.items():
                for metric, cell in policy_cells(book, policy, priority, value).items():
                    expected.add((policy.id, pid, metric, cell.calendar or "", cell.clock))
    found = {(r["policy"], r["priority"], r["metric"], r["calendar"], r["clock"]) for r in rows}
    assert found == expected
    wanted = ("enterprise", "P2", "resolve", "emea-office")
    emea = next(r for r in rows if (r["policy"], r["priority"], r["metric"], r["calendar"]) == wanted)
    # 1bd on the Dublin office's ten-hour day; the band's text as written.
    assert (emea["target"], emea["band_high"], emea["channel"]) == ("1bd-3bd", "36000", "")


def test_kpi_sla_policies_describe_each_policy_once_in_the_order_tried(plan):
    files = build_example("saas-desk", "kpis")
    rows = list(csv.DictReader(io.StringIO(files["sla_policies.csv"].decode("utf-8"))))
    assert list(rows[0]) == names("sla_policies")
    assert [(r["policy"], r["position"]) for r in rows] == [(p.policy.id, str(p.position)) for p in plan.policies]
    by_id = {r["policy"]: r for r in rows}
    assert by_id["enterprise"]["applies_to"] == "organization tag plan_enterprise"
    fallback = [p.policy.id for p in plan.policies if p.policy.when is None]
    assert [by_id[pid]["applies_to"] for pid in fallback] == ["every other ticket"] * len(fallback)
    assert all(r["title"] == p.policy.title for r, p in zip(rows, plan.policies, strict=True))


# --- Intercom -----------------------------------------------------------------------------------


def test_intercom_has_sla_rules_per_policy_in_order_with_exact_values(plan):
    files = build_example("saas-desk", "intercom")
    data = manifest(files)
    assert not list(target_validator("manifest").iter_errors(data))
    steps = [s for s in data["manual_steps"] if s["id"].startswith("sla-")]
    assert [s["id"] for s in steps] == [f"sla-{p.id}" for p in plan.policies]
    assert [s["data"]["position"] for s in steps] == list(range(1, len(plan.policies) + 1))
    book = plan.book
    enterprise = next(s for s in steps if s["id"] == "sla-enterprise")["data"]
    assert enterprise["applies_to"] == "organization tag plan_enterprise"
    rule = next(r for r in enterprise["rules"] if r["priority"] == "P2" and r["when_preferred_region"] == "emea")
    cells = policy_cells(book, plan.policy("enterprise").policy, book.priorities["P2"], "emea")
    assert rule["targets"] == {
        "First reply time": duration_text(cells["acknowledge"].seconds),
        "Next reply time": duration_text(cells["next_reply"].seconds),
        "Time to close": duration_text(cells["resolve"].seconds),
        "Speed of answer (phone)": "1m",
    }
    assert rule["office_hours"] == "Nimbus Cloud Support: emea-office"
    security = next(s for s in steps if s["id"] == "sla-security")["data"]["rules"][0]
    assert security["targets"] == {"First reply time": "15m", "Time to close": "4h"}  # the fallback answers in 1h
    messages = [n["message"] for n in data["notes"]]
    assert "P1 periodic_update 1h in SLA policy security has no Intercom SLA field" in messages


# --- Twilio -------------------------------------------------------------------------------------


def test_twilio_tags_tasks_with_their_policy_and_gives_each_policys_answer_speed(plan):
    data = manifest(build_example("saas-desk", "twilio"))
    step = next(s for s in data["manual_steps"] if s["id"] == "sla-policy-attribute")
    rows = step["data"]["policies"]
    assert [(r["position"], r["playbook_sla_policy"]) for r in rows] == [(p.position, p.id) for p in plan.policies]
    by_policy = {r["playbook_sla_policy"]: r for r in rows}
    assert by_policy["emergency"]["answer"] == {"P1": "90% within 20s", "P2": "90% within 30s"}
    assert by_policy["enterprise"]["answer"] == {"P1": "90% within 20s", "P2": "every task within 1m"}
    assert by_policy["triage"] == {
        "position": 10,
        "playbook_sla_policy": "triage",
        "when": "every other task",
        "answer": {},
    }
    assert any(
        n["about"] == "sla_policies" and "TaskRouter holds no SLA targets" in n["message"] for n in data["notes"]
    )
    assert not list(target_validator("manifest").iter_errors(data))


# --- Checklists ---------------------------------------------------------------------------------


def test_hubspot_checklist_has_each_policys_goals_in_order(plan):
    page = build_example("saas-desk", "checklists")["hubspot.md"].decode("utf-8")
    headings = [line for line in page.splitlines() if line.startswith("### SLA policy ")]
    assert headings == [f"### SLA policy {p.position}. {p.policy.title}" for p in plan.policies]
    security = page.split(headings[0])[1].split("###")[0]
    assert "Applies to: tag security or vulnerability." in security
    assert "| Urgent (P1) | 15m | — | 4h | 24/7 (calendar time) |" in security
    enterprise = page.split("### SLA policy 6. Enterprise plan")[1].split("###")[0]
    assert "| High (P2), preferred_region = emea | 1h | 2h | 1bd-3bd | emea-office business hours |" in enterprise


def test_twilio_segment_routes_test_the_tasks_segments_instead_of_taking_every_task():
    files = build_example("saas-desk", "twilio")
    filters = json.loads(files["workflows/all-channels.json"])["Configuration"]["task_routing"]["filters"]
    names = [f["filter_friendly_name"] for f in filters]
    assert names[0] == "route 1: segment security as P1"
    assert filters[0]["expression"] == "playbook_segments HAS 'security'"
    # The rules after a segment rule are still there, in order, down to the default.
    assert [n.split(":")[0] for n in names if "," not in n and " as " not in n] == ["route 2", "route 3", "route 4"]
    step = next(s for s in manifest(files)["manual_steps"] if s["id"] == "task-attributes")
    line = next(i for i in step["instructions"] if i.startswith("playbook_segments:"))
    assert "enterprise: organization tag plan_enterprise" in line


def test_checklists_name_the_segment_a_routing_rule_tests():
    page = build_example("saas-desk", "checklists")["five9.md"].decode("utf-8")
    assert "- [ ] 1. segment security (tag security or vulnerability) → Security Team, priority P1" in page
