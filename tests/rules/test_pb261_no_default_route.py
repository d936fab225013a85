from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
teams:
  t: {name: T, email: t@acme-support.com}
routing:
  - {category: billing, team: t}
"""


def test_routing_without_default_fires_at_the_section(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB261") == [(6, 1)]


def test_routing_with_default_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {default: true, team: t}\n")
    assert at(result.findings, "PB261") == []
