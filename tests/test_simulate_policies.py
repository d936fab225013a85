"""`playbook simulate` with SLA policies: the ticket's attributes choose the policy, and the output says why."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main
from tests.helpers import EXAMPLES
from tests.test_simulate import rows

SAAS = str(EXAMPLES / "saas-desk")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["simulate", SAAS, *args])


def as_json(*args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_an_enterprise_ticket_with_region_emea_counts_dublin_hours():
    result = run("-p", "P2", "-c", "email", "--opened", "2026-12-02T16:00", "--org-tag", "plan_enterprise",
                 "--field", "preferred_region=emea")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "SLA policy: 6. Enterprise plan (enterprise), the first that matches:" in result.output
    assert "  enterprise: yes (segment enterprise (Enterprise plan): yes (organization tag plan_enterprise: yes))" in (
        result.output
    )
    assert "SLA calendar: emea-office (preferred_region = emea)" in result.output
    timeline = rows(result.output)
    # 16:00 in Boston is 21:00 in Dublin, closed: the first hour counts from 08:00 Dublin, 03:00 Boston.
    assert timeline["acknowledge due (1h, business hours)"] == "Thu 2026-12-03 04:00 EST"
    # The band 1bd-3bd: the target after one 10-hour Dublin day, the limit after three.
    assert timeline["resolve due (1bd-3bd, business hours)"] == "Thu 2026-12-03 13:00 EST"
    assert timeline["resolve limit due (1bd-3bd, business hours)"] == "Mon 2026-12-07 13:00 EST"
    assert "(after each customer reply, the next reply is due within 2h)" in result.output


def test_without_the_field_the_policy_counts_its_default_calendar():
    data = as_json("-p", "P2", "-c", "email", "--opened", "2026-12-02T16:00", "--org-tag", "plan_enterprise")
    assert data["policy"]["calendar"] == "americas-office"
    acknowledge = next(e for e in data["events"] if e.get("metric") == "acknowledge")
    assert acknowledge["at"]["utc"] == "2026-12-02T22:00:00Z"  # 17:00 Boston, open until 20:00


def test_a_billing_form_acknowledges_by_the_end_of_the_business_day():
    timeline = rows(run("-p", "P3", "-c", "web", "--opened", "2026-12-02T10:00", "--form", "Billing request").output)
    assert timeline["acknowledge due (eod, business hours)"] == "Wed 2026-12-02 17:00 EST"
    late = rows(run("-p", "P3", "-c", "web", "--opened", "2026-12-02T18:30", "--form", "Billing request").output)
    assert late["acknowledge due (eod, business hours)"] == "Thu 2026-12-03 17:00 EST"
    # eod+1 the next business day's end; Thanksgiving (26 November) is closed.
    before = rows(run("-p", "P4", "-c", "web", "--opened", "2026-11-25T10:00", "--form", "Billing request").output)
    assert before["acknowledge due (eod+1, business hours)"] == "Fri 2026-11-27 17:00 EST"


def test_an_emergency_of_a_premium_customer_is_the_24_7_policy_in_calendar_hours():
    data = as_json("-p", "P1", "-c", "phone", "--opened", "2026-12-05T03:00", "--tag", "emergency",
                   "--org-tag", "plan_premium")  # fmt: skip
    assert data["policy"]["id"] == "emergency"
    assert data["policy"]["position"] == 2
    mitigate = [e for e in data["events"] if e.get("metric", "").startswith("mitigate")]
    assert [(e["label"], e["at"]["utc"], e["clock"]) for e in mitigate] == [
        ("mitigate", "2026-12-05T08:30:00Z", "calendar"),
        ("mitigate limit", "2026-12-05T09:00:00Z", "calendar"),
    ]


def test_a_ticket_nothing_selects_gets_the_fallback_and_every_reason_is_listed():
    data = as_json("-p", "P3", "-c", "chat", "--opened", "2026-12-02T10:00")
    assert data["policy"]["id"] == "triage"
    assert len(data["policy"]["why"]) == 10
    assert data["policy"]["why"][-1].startswith("triage: yes (the fallback")


def test_the_first_matching_policy_wins_over_a_later_one():
    # A security report from an enterprise customer: security comes first.
    data = as_json("-p", "P1", "-c", "email", "--opened", "2026-12-02T10:00", "--tag", "vulnerability",
                   "--org-tag", "plan_enterprise")  # fmt: skip
    assert data["policy"]["id"] == "security"
    assert data["policy"]["why"] == ["security: yes (segment security (Security report): yes (tag security or "
                                     "vulnerability: yes))"]  # fmt: skip


def test_ticket_attributes_without_sla_policies_are_a_usage_error():
    result = CliRunner().invoke(
        main, ["simulate", str(EXAMPLES / "online-care"), "-p", "P1", "-c", "email", "--opened", "2026-12-02T10:00",
               "--tag", "vip"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--tag: the playbook has no sla_policies" in result.output


def test_a_field_without_a_value_is_a_usage_error():
    result = run("-p", "P1", "-c", "email", "--opened", "2026-12-02T10:00", "--field", "preferred_region")
    assert result.exit_code == 2
    assert "--field: 'preferred_region' is not NAME=VALUE" in result.output
