from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:00"}}
priorities:
  P1: {title: A, calendar: office}
segments:
  premium: {title: Premium, organization_tags: plan_premium, tier: 1}
  standard: {title: Standard, organization_tags: plan_standard, tier: 2}
sla_policies:
"""
REST = "  - {id: rest, title: Everyone else, targets: {P1: {resolve: 5bd}}}\n"


def _policy(pid, targets):
    return f"  - {{id: {pid}, title: {pid.title()}, when: {{segment: {pid}}}, targets: {{P1: {targets}}}}}\n"


def test_higher_plan_looser_than_lower_fires_at_the_higher_target(tmp_path):
    text = BASE + _policy("premium", "{resolve: 3bd}") + _policy("standard", "{resolve: 2bd}") + REST
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB275") == [(10, 85)]
    finding = next(f for f in result.findings if f.code == "PB275")
    assert "Premium (tier 1) gives P1 resolve 3bd, looser than Standard (tier 2) with 2bd" in finding.message


def test_policy_order_does_not_matter_tiers_do(tmp_path):
    text = BASE + _policy("standard", "{resolve: 2bd}") + _policy("premium", "{resolve: 3bd}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB275") == [(11, 85)]


def test_business_day_against_calendar_hours_is_compared_only_when_certain(tmp_path):
    # 1bd (8 business hours) may take longer than 12 calendar hours, or not: no finding either way.
    premium = _policy("premium", "{resolve: {target: 12h, hours: calendar}}")
    text = BASE + premium + _policy("standard", "{resolve: 1bd}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB275") == []


def test_bands_compare_their_lower_ends(tmp_path):
    text = BASE + _policy("premium", "{resolve: 2bd-6bd}") + _policy("standard", "{resolve: 3bd-4bd}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB275") == []


def test_tighter_higher_plans_are_quiet(tmp_path):
    text = BASE + _policy("premium", "{resolve: 1bd}") + _policy("standard", "{resolve: 3bd}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB275") == []
