from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  chat: {}
  email: {}
priorities:
  P1: {title: Outage}
  P2: {title: Major}
sla:
"""


def test_higher_priority_slower_than_lower_fires_at_its_target(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 1h}\n  P2: {acknowledge: 15m}\n")
    assert at(result.findings, "PB210") == [(9, 21)]


def test_channel_override_slower_than_lower_priority_fires_at_the_override(tmp_path):
    text = BASE + "  P1: {acknowledge: 15m, channels: {email: {acknowledge: 2h}}}\n  P2: {acknowledge: 1h}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB210") == [(9, 58)]


def test_ordered_targets_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 15m}\n  P2: {acknowledge: 1h}\n")
    assert at(result.findings, "PB210") == []
