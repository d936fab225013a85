from tests.helpers import at, lint_text

POLICIES = """\
sla_policies:
  - {id: rest, title: Everyone, targets: {P1: {acknowledge: 1h, resolve: 8h}}}
"""


def test_sla_beside_sla_policies_fires_at_sla(tmp_path):
    text = "playbook: t\npriorities:\n  P1: {title: A}\nsla:\n  P1: {acknowledge: 1h, resolve: 8h}\n" + POLICIES
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB270") == [(4, 1)]
    finding = next(f for f in result.findings if f.code == "PB270")
    assert "fallback policy" in finding.hint


def test_sla_policies_alone_are_quiet(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {title: A}\n" + POLICIES)
    assert at(result.findings, "PB270") == []


def test_sla_alone_is_quiet(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {title: A}\nsla:\n  P1: {acknowledge: 1h}\n")
    assert at(result.findings, "PB270") == []
