from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  phone: {}
priorities:
  P1: {title: Outage}
teams:
  t: {name: T, email: t@acme-support.com}
routing:
"""


def test_rule_after_default_fires_at_that_rule(tmp_path):
    text = BASE + "  - {default: true, team: t}\n  - {tag: outage, team: t}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB260") == [(10, 5)]
    finding = next(f for f in result.findings if f.code == "PB260")
    assert "the default rule" in finding.message


def test_more_specific_rule_after_general_one_fires(tmp_path):
    text = BASE + "  - {category: billing, team: t}\n  - {category: billing, channel: phone, team: t}\n"
    assert at(lint_text(tmp_path, text).findings, "PB260") == [(10, 5)]


def test_duplicate_match_fires(tmp_path):
    text = BASE + "  - {tag: outage, team: t}\n  - {tag: outage, team: t}\n"
    assert at(lint_text(tmp_path, text).findings, "PB260") == [(10, 5)]


def test_specific_rules_before_general_ones_are_quiet(tmp_path):
    text = BASE + (
        "  - {category: billing, channel: phone, team: t}\n"
        "  - {category: billing, team: t}\n"
        "  - {tag: billing, team: t}\n"
        "  - {default: true, team: t}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB260") == []


def test_rule_for_a_segment_after_the_same_segment_fires(tmp_path):
    text = BASE.replace("routing:\n", "segments:\n  vip: {title: VIP, tags: vip}\nrouting:\n") + (
        "  - {segment: vip, team: t}\n  - {segment: vip, channel: phone, team: t}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB260") == [(12, 5)]
