"""The MCP tools on a playbook with SLA policies: the ticket's attributes choose the policy, as in `simulate`.

Each answer is compared with `playbook simulate` given the same attributes, and the
chosen policies are ones other than the fallback, so a tool that read only the
fallback's targets would disagree.
"""

from __future__ import annotations

from typing import Any

import pytest

from compiler.lint.pipeline import lint_path
from mcpserver.server import build_server
from tests.helpers import EXAMPLES
from tests.mcp.test_server import FIELD, answer, call, cli_error, simulate_json

SAAS = str(EXAMPLES / "saas-desk")
OPENED = "2026-12-02T16:00"  # a Wednesday: 16:00 in Boston, 21:00 in Dublin (closed), 05:00 in Singapore


@pytest.fixture(scope="module")
def saas():  # type: ignore[no-untyped-def]
    return build_server(lint_path(SAAS).book)


@pytest.fixture(scope="module")
def field():  # type: ignore[no-untyped-def]
    return build_server(lint_path(FIELD).book)


# (tool arguments, the same as simulate options, the policy simulate chooses)
TICKETS = [
    (
        {"organization_tags": ["plan_enterprise"], "fields": {"preferred_region": "emea"}},
        ["--org-tag", "plan_enterprise", "--field", "preferred_region=emea"],
        "enterprise",
    ),
    (
        {"organization_tags": ["plan_premium"], "tags": ["emergency"]},
        ["--org-tag", "plan_premium", "--tag", "emergency"],
        "emergency",
    ),
    ({"form": "Billing request"}, ["--form", "Billing request"], "billing"),
    (
        {"organization": "Northwind Traders", "fields": {"preferred_region": "apac"}},
        ["--org", "Northwind Traders", "--field", "preferred_region=apac"],
        "partners",
    ),
    ({}, [], "triage"),
]


def _events(events: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(e["kind"], e["label"], e["at"]["utc"] if e["at"] else None) for e in events]


@pytest.mark.parametrize(("arguments", "options", "policy"), TICKETS)
def test_ticket_timeline_chooses_the_policy_simulate_chooses_and_its_deadlines(saas, arguments, options, policy):
    timeline = answer(saas, "ticket_timeline", priority="P2", channel="email", opened=OPENED, **arguments)
    cli = simulate_json(SAAS, "-p", "P2", "-c", "email", "--opened", OPENED, *options)
    assert timeline["policy"]["id"] == cli["policy"]["id"] == policy
    for key in ("title", "position", "why", "calendar", "field_value"):
        assert timeline["policy"][key] == cli["policy"][key]
    assert timeline["policy"]["source"].startswith(f"{SAAS}/playbook.yaml:")
    assert _events(timeline["events"]) == _events(cli["events"])


def test_deadlines_cite_the_chosen_policys_targets_not_the_fallbacks(saas):
    lines = (EXAMPLES / "saas-desk" / "playbook.yaml").read_text(encoding="utf-8").splitlines()
    enterprise = next(n for n, line in enumerate(lines, 1) if "P2: {answer: 60s, first_reply: 1h" in line)
    timeline = answer(saas, "ticket_timeline", priority="P2", channel="email", opened=OPENED, **TICKETS[0][0])
    ack = next(e for e in timeline["events"] if e["label"] == "acknowledge")
    assert ack["source"] == f"{SAAS}/playbook.yaml:{enterprise}"
    limit = next(e for e in timeline["events"] if e["label"] == "resolve limit")
    assert limit["source"] == f"{SAAS}/playbook.yaml:{enterprise}"


def test_who_holds_gives_the_chosen_policys_deadlines_as_simulate_does(saas):
    at = "2026-12-03T03:30"  # 08:30 in Dublin
    for arguments, options, policy in TICKETS:
        held = answer(saas, "who_holds", priority="P2", channel="email", opened=OPENED, at=at, **arguments)
        cli = simulate_json(SAAS, "-p", "P2", "-c", "email", "--opened", OPENED, "--at", at, *options)
        assert held["policy"]["id"] == policy
        assert f"SLA policy {held['policy']['position']}." in held["summary"]
        for key in ("overdue", "next_due"):
            assert _events(held[key]) == _events(cli["at"][key]), (policy, key)
    # The Enterprise EMEA ticket's acknowledge (Dublin opens 08:00) is still due; the triage one's (Boston) is late.
    emea = answer(saas, "who_holds", priority="P2", channel="email", opened=OPENED, at=at, **TICKETS[0][0])
    triage = answer(saas, "who_holds", priority="P2", channel="email", opened=OPENED, at=at)
    assert "acknowledge" in [e["label"] for e in emea["next_due"]]
    assert "acknowledge" in [e["label"] for e in triage["overdue"]]


def test_sla_status_judges_the_chosen_policys_targets_on_its_calendar(saas):
    base = {"priority": "P2", "channel": "email", "opened": OPENED, "now": "2026-12-03T03:50"}
    emea = answer(saas, "sla_status", **base, **TICKETS[0][0])
    assert emea["policy"]["id"] == "enterprise" and emea["policy"]["calendar"] == "emea-office"
    cli = simulate_json(SAAS, "-p", "P2", "-c", "email", "--opened", OPENED, *TICKETS[0][1])
    due = {e["label"]: e["at"]["utc"] for e in cli["events"] if e["kind"] == "deadline"}
    states = {m["metric"]: m for m in emea["metrics"]}
    assert set(states) == {"acknowledge", "resolve"}
    for metric, state in states.items():
        assert state["due"]["utc"] == due[metric]
    assert states["acknowledge"]["status"] == "at_risk"  # 10 minutes of the hour left at 08:50 in Dublin
    triage = answer(saas, "sla_status", **base)
    assert triage["policy"]["id"] == "triage" and triage["breached"] == ["acknowledge"]


def test_sla_status_judges_a_periodic_update_cadence_and_an_end_of_day_deadline(saas):
    emergency = answer(
        saas,
        "sla_status",
        priority="P1",
        channel="phone",
        opened=OPENED,
        now="2026-12-02T16:40",
        updates=["2026-12-02T16:20"],
        **TICKETS[1][0],
    )
    update = next(m for m in emergency["metrics"] if m["metric"] == "periodic_update")
    assert update["update_number"] == 2 and update["due"]["utc"] == "2026-12-02T21:50:00Z"
    billing = answer(saas, "sla_status", priority="P3", channel="email", opened="2026-12-02T10:00", now=OPENED)
    assert billing["policy"]["id"] == "triage"
    billing = answer(
        saas,
        "sla_status",
        priority="P3",
        channel="email",
        opened="2026-12-02T10:00",
        now=OPENED,
        form="Billing request",
    )
    ack = next(m for m in billing["metrics"] if m["metric"] == "acknowledge")
    assert ack["target"] == "eod" and ack["due"]["shown"] == "Wed 2026-12-02 17:00 EST"


def test_classify_ticket_names_the_policy_and_gives_its_targets(saas):
    found = answer(saas, "classify_ticket", channel="email", tags=["security"])
    assert found["priority"]["id"] == "P1" and found["policy"]["id"] == "security"
    assert {t["metric"]: t["target"] for t in found["sla"]} == {
        "acknowledge": "15m",
        "periodic_update": "1h",
        "resolve": "4h",
    }
    enterprise = answer(
        saas, "classify_ticket", channel="phone", organization_tags=["plan_enterprise"], fields={"site": "x"}
    )
    assert enterprise["policy"]["id"] == "enterprise" and "SLA policy 6. Enterprise plan" in enterprise["summary"]
    assert enterprise["ignored_fields"] == ["site"]
    regional = answer(saas, "classify_ticket", channel="phone", fields={"preferred_region": "apac"})
    assert regional["ignored_fields"] == [] and regional["policy"]["id"] == "triage"


@pytest.mark.parametrize(
    ("arguments", "options"),
    [
        ({"group": "night-shift"}, ["--group", "night-shift"]),
    ],
)
def test_bad_ticket_attributes_are_tool_errors_worded_like_the_cli(saas, arguments, options):
    result = call(saas, "ticket_timeline", priority="P2", channel="email", opened=OPENED, **arguments)
    assert result.is_error
    expected = cli_error("simulate", SAAS, "-p", "P2", "-c", "email", "--opened", OPENED, *options)
    assert result.content[0].text.endswith(expected.removeprefix("--"))


def test_attributes_on_a_playbook_without_policies_are_an_error_except_for_routing(field):
    result = call(field, "who_holds", priority="P1", channel="phone", opened=OPENED, at=OPENED, form="Billing")
    assert result.is_error
    expected = cli_error("simulate", FIELD, "-p", "P1", "-c", "phone", "--opened", OPENED, "--form", "Billing")
    assert result.content[0].text.endswith(expected.removeprefix("--"))
    routed = answer(field, "classify_ticket", channel="phone", tags=["outage"])
    assert routed["policy"] is None and routed["priority"]["id"] == "P1"


def test_classify_ticket_applies_segment_routing_rules_to_the_tickets_attributes(saas):
    enterprise = answer(saas, "classify_ticket", channel="phone", organization_tags=["plan_enterprise"])
    assert enterprise["rule"]["matches"] == "segment enterprise" and enterprise["team"]["id"] == "enterprise-desk"
    security = answer(saas, "classify_ticket", channel="email", tags=["vulnerability"])
    assert security["rule"]["matches"] == "segment security" and security["priority"]["id"] == "P1"
    # No segment holds: the phone rule, then the default; a segment rule is never a catch-all.
    plain = answer(saas, "classify_ticket", channel="phone")
    assert plain["rule"]["matches"] == "channel phone" and plain["team"]["id"] == "frontline"
    email = answer(saas, "classify_ticket", channel="email", organization_tags=["plan_free"])
    assert email["rule"]["matches"] == "the default rule" and email["priority"] is None


def test_who_holds_brings_in_the_enterprise_tam_only_for_enterprise_tickets(saas):
    base = {"priority": "P1", "channel": "phone", "opened": OPENED, "at": "2026-12-02T16:20"}
    enterprise = answer(saas, "who_holds", **base, organization_tags=["plan_enterprise"])
    others = answer(saas, "who_holds", **base, organization_tags=["plan_premium"])
    assert "tam" in [h["person"]["id"] for h in enterprise["also_notified"]]
    assert "tam" not in [h["person"]["id"] for h in others["also_notified"]]
    timeline = answer(saas, "ticket_timeline", priority="P1", channel="phone", opened=OPENED)
    assert "step duty-manager -> tam is for enterprise tickets only: left out" in timeline["text"]
