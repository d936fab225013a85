"""SLA policies compile faithfully: each playbook policy is one help-desk policy with its selector, position,
clock and every metric, recomputed here from the playbook (examples/saas-desk and small playbooks)."""

from __future__ import annotations

import math
import textwrap

import pytest

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.helpdesk import metric_map
from compiler.plan.plan import build_plan
from tests.helpers import EXAMPLES, TODAY
from tests.targets.support import build_example, build_path, manifest, notes, payloads

LEVELS = {"zendesk": {"P1": "urgent", "P2": "high", "P3": "normal", "P4": "low"}}
FRESHDESK_LEVELS = {"P1": 4, "P2": 3, "P3": 2, "P4": 1}


@pytest.fixture(scope="module")
def plan():
    result = lint_path(str(EXAMPLES / "saas-desk"), RuleSettings(today=TODAY))
    assert result.book is not None
    return build_plan(result.book)


def _zendesk_policies():
    return [body["sla_policy"] for body in payloads(build_example("saas-desk", "zendesk"), "sla_policy")]


def test_zendesk_has_one_policy_per_playbook_policy_in_order(plan):
    policies = _zendesk_policies()
    assert [p["title"] for p in policies] == [p.policy.title for p in plan.policies]
    assert [p["position"] for p in policies] == list(range(1, 11))


def test_zendesk_metrics_are_every_written_target_on_its_clock(plan):
    mapping = metric_map(plan.book, "zendesk")
    for written, policy in zip(plan.policies, _zendesk_policies(), strict=True):
        expected = []
        for prio in plan.priorities:
            cells = prio.policies[written.id]
            held = {}
            for metric, cell in cells.items():
                if metric in mapping and (mapping[metric] not in held or metric not in ("update_every", "resolve")):
                    held[mapping[metric]] = cell
            for product, cell in held.items():
                minutes = max(1, math.floor(cell.seconds / 60 + 1e-9))
                business = cell.clock == "business"
                expected.append((LEVELS["zendesk"][prio.id], product, minutes, business))
        found = [(m["priority"], m["metric"], m["target"], m["business_hours"]) for m in policy["policy_metrics"]]
        assert sorted(found) == sorted(expected), written.id


def test_zendesk_filters_are_the_written_selectors():
    by_title = {p["title"]: p["filter"] for p in _zendesk_policies()}
    tags = {"field": "current_tags", "operator": "includes"}
    assert by_title["Security reports (24/7)"] == {"all": [{**tags, "value": "security vulnerability"}], "any": []}
    assert by_title["Emergency for Enterprise and Premium (24/7)"] == {
        "all": [{**tags, "value": "emergency"}],
        "any": [{**tags, "value": "plan_enterprise plan_premium"}],
    }
    assert by_title["Billing requests"] == {
        "all": [{"field": "ticket_form_id", "operator": "is", "value": "{{ticket_form:billing-request}}"}],
        "any": [],
    }
    assert by_title["Reseller partners"]["any"] == [
        {"field": "organization_id", "operator": "is", "value": "{{organization:northwind-traders}}"},
        {"field": "organization_id", "operator": "is", "value": "{{organization:contoso-partners}}"},
    ]
    assert by_title["Enterprise plan"] == {"all": [{**tags, "value": "plan_enterprise"}], "any": []}
    assert by_title["Triage (no plan recognised)"] == {"all": [], "any": []}


def test_zendesk_looks_up_forms_and_organizations_by_name():
    lookups = {entry["ref"]: entry for entry in manifest(build_example("saas-desk", "zendesk"))["lookups"]}
    assert lookups["{{ticket_form:billing-request}}"]["match"] == {"name": "Billing request"}
    assert lookups["{{organization:contoso-partners}}"]["find"] == "GET /api/v2/organizations"


def test_zendesk_triggers_tag_and_schedule_in_reverse_order_so_the_first_match_wins():
    files = build_example("saas-desk", "zendesk")
    titles = [t["trigger"]["title"] for t in payloads(files, "trigger") if t["trigger"]["title"].startswith("SLA")]
    numbers = [int(title.split()[2].rstrip(":")) for title in titles]
    assert numbers == sorted(numbers, reverse=True)
    assert titles.index("SLA policy 6: Enterprise plan") < titles.index(
        "SLA policy 6: Enterprise plan, preferred_region emea"
    )
    enterprise = next(
        t["trigger"] for t in payloads(files, "trigger") if t["trigger"]["title"] == "SLA policy 6: Enterprise plan"
    )
    actions = {a["field"]: a["value"] for a in enterprise["actions"]}
    assert actions["current_tags"] == "pb_sla_enterprise"
    assert "pb_sla_security" in actions["remove_tags"].split()
    assert actions["set_schedule"] == "{{schedule:americas-office}}"


def test_zendesk_schedules_every_calendar_a_policy_can_pick():
    files = build_example("saas-desk", "zendesk")
    names = {body["schedule"]["name"].split(": ")[1] for body in payloads(files, "schedule")}
    assert names == {"americas-office", "emea-office", "apac-office", "billing-office"}


def test_zendesk_band_upper_end_is_a_breach_notice_at_that_hour():
    files = build_example("saas-desk", "zendesk")
    notices = {
        a["automation"]["title"]: a["automation"]
        for a in payloads(files, "automation")
        if "Band" in a["automation"]["title"]
    }
    enterprise = notices["Band limit P2 resolve, Enterprise plan: 1bd-3bd"]
    conditions = enterprise["conditions"]["all"]
    assert {"field": "current_tags", "operator": "includes", "value": "pb_sla_enterprise"} in conditions
    # 3 business days of a 12-hour Boston day.
    assert {"field": "NEW", "operator": "greater_than_business_hours", "value": "36"} in conditions
    mitigation = notices["Band limit P1 mitigate, Emergency for Enterprise and Premium (24/7): 30m-60m"]
    assert {"field": "NEW", "operator": "greater_than", "value": "1"} in mitigation["conditions"]["all"]


def test_zendesk_notes_what_it_cannot_hold():
    found = notes(build_example("saas-desk", "zendesk"))
    assert "Zendesk has no SLA metric for P1 mitigate" in found
    assert any("P2 resolve eod is 1 business day there" in n for n in found)


def _freshdesk_policies():
    return payloads(build_example("saas-desk", "freshdesk"), "sla_policy")


def test_freshdesk_has_every_scoped_policy_in_order_and_the_default_as_a_manual_step(plan):
    files = build_example("saas-desk", "freshdesk")
    assert [p["name"] for p in _freshdesk_policies()] == [p.policy.title for p in plan.policies[:-1]]
    steps = {step["id"]: step for step in manifest(files)["manual_steps"]}
    assert steps["freshdesk-default-sla"]["data"]["name"] == "Triage (no plan recognised)"
    order = steps["freshdesk-sla-order"]["instructions"]
    assert order[1:3] == ["1. Security reports (24/7)", "2. Emergency for Enterprise and Premium (24/7)"]


def test_freshdesk_targets_are_every_written_target_in_seconds(plan):
    for written, policy in zip(plan.policies, _freshdesk_policies(), strict=False):
        for prio in plan.priorities:
            cells = prio.policies[written.id]
            entry = policy["sla_target"][f"priority_{FRESHDESK_LEVELS[prio.id]}"]
            assert entry["respond_within"] == max(900, math.floor(cells["acknowledge"].seconds / 60) * 60)
            assert entry["resolve_within"] == max(900, math.floor(cells["resolve"].seconds / 60) * 60)
            clocks = {c.clock for m, c in cells.items() if m in ("acknowledge", "next_reply", "resolve")}
            assert entry["business_hours"] == (clocks == {"business"}), (written.id, prio.id)
            if "next_reply" in cells:
                assert entry["next_respond_within"] == max(900, math.floor(cells["next_reply"].seconds / 60) * 60)


def test_freshdesk_scopes_use_stand_ins_companies_and_types():
    by_name = {p["name"]: p["applicable_to"] for p in _freshdesk_policies()}
    assert by_name["Emergency for Enterprise and Premium (24/7)"] == {
        "company_segments": ["{{company_segment:enterprise-plan}}", "{{company_segment:premium-plan}}"],
        "ticket_types": ["Emergency"],
    }
    assert by_name["Reseller partners"] == {
        "company_ids": ["{{company:northwind-traders}}", "{{company:contoso-partners}}"]
    }
    assert by_name["Billing requests"] == {"ticket_types": ["Billing"]}


PLAYBOOK = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:00"}}
  spare: {timezone: Europe/London, weekly: {sat: "09:00-12:00"}}
channels:
  email: {}
  chat: {}
priorities:
  P1: {title: Urgent, calendar: office, levels: {zendesk: urgent, freshdesk: 4}}
segments:
  vip: {title: VIP, tags: vip}
  gold: {title: Gold, organization_tags: plan_gold}
sla_policies:
  - id: mixed
    title: VIP or gold on chat
    when: {all: [{segments: [vip, gold]}, {channels: [chat, email]}]}
    overrides: all
    targets:
      P1: {acknowledge: 1h, resolve: 8h}
  - id: rest
    title: Everyone else
    targets:
      P1: {acknowledge: 4h, resolve: 2d}
"""


def test_a_selector_zendesk_cannot_filter_leaves_the_policy_out_with_a_note(tmp_path):
    # Two groups of alternatives (VIP or gold, chat or email): Zendesk filters have one.
    path = tmp_path / "playbook.yaml"
    path.write_text(PLAYBOOK)
    files = build_path(path, "zendesk")
    assert [p["sla_policy"]["title"] for p in payloads(files, "sla_policy")] == ["Everyone else"]
    assert any("one group of alternatives" in n for n in notes(files, "omitted"))
    assert any("calendar spare is declared but nothing uses it" in n for n in notes(files, "omitted"))


def test_a_segment_on_tags_without_a_freshdesk_stand_in_is_left_out(tmp_path):
    path = tmp_path / "playbook.yaml"
    path.write_text(PLAYBOOK.replace("{channels: [chat, email]}", "{channels: chat}"))
    files = build_path(path, "freshdesk")
    assert payloads(files, "sla_policy") == []
    assert any("cannot select tickets by tag" in n for n in notes(files, "omitted"))


def test_a_stand_in_makes_the_segment_expressible_in_freshdesk(tmp_path):
    text = PLAYBOOK.replace("{segments: [vip, gold]}", "{segment: vip}").replace(
        "{channels: [chat, email]}", "{channels: chat}"
    )
    text += textwrap.dedent(
        """\
        helpdesk:
          freshdesk:
            segments:
              vip: {company_segments: VIP}
        """
    )
    path = tmp_path / "playbook.yaml"
    path.write_text(text)
    (policy,) = payloads(build_path(path, "freshdesk"), "sla_policy")
    assert policy["applicable_to"] == {"company_segments": ["{{company_segment:vip}}"], "sources": [7]}
