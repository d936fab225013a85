from tests.helpers import at, lint_text

TEXT = """\
playbook: t
channels:
  email: {}
priorities:
  P1: {title: Down, hours: calendar}
sla:
  P1: {acknowledge: 5m, resolve: 4h, channels: {email: {resolve: 10m}}}
"""


def test_targets_under_15_minutes_fire_at_each_target(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("freshdesk",))
    assert at(result.findings, "PB501") == [(7, 21), (7, 66)]


def test_quiet_without_the_freshdesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("zendesk",)).findings, "PB501") == []


def test_fifteen_minutes_is_quiet(tmp_path):
    text = TEXT.replace("5m,", "15m,").replace("{resolve: 10m}", "{resolve: 15m}")
    assert at(lint_text(tmp_path, text, targets=("freshdesk",)).findings, "PB501") == []
