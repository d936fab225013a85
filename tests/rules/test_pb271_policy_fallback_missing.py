from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A}
segments:
  vip: {title: VIP, tags: vip}
sla_policies:
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
"""


def test_policies_without_a_fallback_fire_at_the_last_policy(tmp_path):
    result = lint_text(tmp_path, BASE)
    assert at(result.findings, "PB271") == [(7, 5)]


def test_a_last_policy_without_when_is_the_fallback(tmp_path):
    text = BASE + "  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB271") == []
