from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A}
segments:
  paying: {title: Paying, organization_tags: [plan_gold, plan_silver]}
  gold: {title: Gold, organization_tags: plan_gold}
  billing: {title: Billing, forms: Billing}
  privacy: {title: Privacy, forms: Privacy}
sla_policies:
"""
REST = "  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}\n"


def _policy(pid, when):
    return f"  - {{id: {pid}, title: {pid}, when: {when}, targets: {{P1: {{acknowledge: 1h}}}}}}\n"


def test_policy_after_a_broader_one_fires_and_names_the_taker(tmp_path):
    text = BASE + _policy("paying", "{segment: paying}") + _policy("gold", "{segment: gold}") + REST
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB272") == [(11, 5)]
    finding = next(f for f in result.findings if f.code == "PB272")
    assert "taken first by paying" in finding.message


def test_policy_after_the_fallback_fires(tmp_path):
    text = BASE + REST + _policy("gold", "{segment: gold}")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB272") == [(11, 5)]
    assert "the fallback" in next(f for f in result.findings if f.code == "PB272").message


def test_contradictory_conditions_fire_at_when(tmp_path):
    text = BASE + _policy("both", "{all: [{segment: billing}, {segment: privacy}]}") + REST
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB272") == [(10, 35)]
    assert "contradict" in next(f for f in result.findings if f.code == "PB272").message


def test_alternatives_taken_by_different_earlier_policies_fire(tmp_path):
    text = (
        BASE
        + _policy("billing", "{segment: billing}")
        + _policy("privacy", "{segment: privacy}")
        + _policy("forms", "{forms: [Billing, Privacy]}")
        + REST
    )
    assert at(lint_text(tmp_path, text).findings, "PB272") == [(12, 5)]


def test_specific_before_general_is_quiet(tmp_path):
    text = BASE + _policy("gold", "{segment: gold}") + _policy("paying", "{segment: paying}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB272") == []


def test_a_tag_does_not_exclude_another_tag(tmp_path):
    text = BASE + _policy("a", "{tags: a}") + _policy("b", "{tags: b}") + REST
    assert at(lint_text(tmp_path, text).findings, "PB272") == []
