"""Runbook pages on a playbook with SLA policies: every policy's targets where an agent looks, not the fallback's."""

from __future__ import annotations

from tests.docs.support import example_plan, render


def test_quick_reference_card_gives_each_targets_range_over_the_policies():
    card = render("runbook", example_plan("saas-desk"))["quick-reference.md"].decode("utf-8")
    p1 = next(line for line in card.splitlines() if line.startswith("| P1: Service down |"))
    # The security policy answers P1 in 15 minutes; the triage fallback alone said 1 hour.
    assert "15 minutes to 4 hours, by SLA policy" in p1
    assert "4 hours to 7 days, by SLA policy" in p1
    assert "each priority's page lists every policy's targets" in card


def test_each_priority_page_lists_every_policys_targets_in_order():
    plan = example_plan("saas-desk")
    page = render("runbook", plan)["P2.md"].decode("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert [row.split("|")[1].strip().split(". ", 1)[1] for row in rows] == [p.policy.title for p in plan.policies]
    enterprise = next(row for row in rows if "Enterprise plan |" in row)
    assert "1 hour (business hours)" in enterprise and "emea-office when preferred_region is emea" in enterprise
