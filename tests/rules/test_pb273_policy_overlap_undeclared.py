from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A}
segments:
  enterprise: {title: Enterprise, organization_tags: plan_enterprise, tier: 1}
  premium: {title: Premium, organization_tags: plan_premium, tier: 2}
  billing: {title: Billing, forms: Billing request}
  emergency: {title: Emergency, tags: emergency}
sla_policies:
"""
REST = "  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}\n"


def _policy(pid, when, extra=""):
    return f"  - {{id: {pid}, title: {pid}, when: {when}{extra}, targets: {{P1: {{acknowledge: 1h}}}}}}\n"


def test_partly_overlapping_policies_fire_at_the_earlier_when(tmp_path):
    text = BASE + _policy("billing", "{segment: billing}") + _policy("enterprise", "{segment: enterprise}") + REST
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB273") == [(10, 41)]
    finding = next(f for f in result.findings if f.code == "PB273")
    assert "enterprise" in finding.message
    assert "overrides: [enterprise]" in finding.hint


def test_one_finding_lists_every_later_policy(tmp_path):
    text = (
        BASE
        + _policy("billing", "{segment: billing}")
        + _policy("enterprise", "{segment: enterprise}")
        + _policy("premium", "{segment: premium}")
        + REST
    )
    findings = [f for f in lint_text(tmp_path, text).findings if f.code == "PB273"]
    assert len(findings) == 1
    assert "enterprise, premium" in findings[0].message
    assert len(findings[0].related) == 2


def test_overrides_declares_the_order(tmp_path):
    text = (
        BASE
        + _policy("billing", "{segment: billing}", ", overrides: [enterprise]")
        + _policy("enterprise", "{segment: enterprise}")
        + REST
    )
    assert at(lint_text(tmp_path, text).findings, "PB273") == []


def test_overrides_all_declares_every_later_policy(tmp_path):
    text = (
        BASE
        + _policy("billing", "{segment: billing}", ", overrides: all")
        + _policy("enterprise", "{segment: enterprise}")
        + _policy("premium", "{segment: premium}")
        + REST
    )
    assert at(lint_text(tmp_path, text).findings, "PB273") == []


def test_special_case_before_general_case_is_quiet(tmp_path):
    special = "{all: [{segment: enterprise}, {segment: emergency}]}"
    text = BASE + _policy("emergency", special) + _policy("enterprise", "{segment: enterprise}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB273") == []


def test_two_plans_never_overlap(tmp_path):
    text = BASE + _policy("enterprise", "{segment: enterprise}") + _policy("premium", "{segment: premium}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB273") == []
