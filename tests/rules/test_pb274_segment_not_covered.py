from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A}
segments:
  enterprise: {title: Enterprise, organization_tags: plan_enterprise}
  premium: {title: Premium, organization_tags: plan_premium}
"""
POLICIES = """\
sla_policies:
  - {id: enterprise, title: Enterprise, when: {segment: enterprise}, targets: {P1: {acknowledge: 15m}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}
"""


def test_segment_no_policy_names_fires_at_its_key(tmp_path):
    result = lint_text(tmp_path, BASE + POLICIES)
    assert at(result.findings, "PB274") == [(6, 3)]
    finding = next(f for f in result.findings if f.code == "PB274")
    assert "fallback policy rest" in finding.message


def test_segment_named_inside_any_counts(tmp_path):
    text = BASE + POLICIES.replace("{segment: enterprise}", "{any: [{segment: enterprise}, {segment: premium}]}")
    assert at(lint_text(tmp_path, text).findings, "PB274") == []


def test_segments_without_policies_are_for_routing_and_quiet(tmp_path):
    text = BASE + "teams:\n  t: {name: T, email: t@acme-support.com}\nrouting:\n  - {segment: premium, team: t}\n"
    assert at(lint_text(tmp_path, text).findings, "PB274") == []
