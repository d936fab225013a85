from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  chat: {}
priorities:
  P1: {title: Outage}
sla:
"""


def test_update_cadence_longer_than_resolution_fires_at_update_every(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 15m, update_every: 8h, resolve: 4h}\n")
    assert at(result.findings, "PB212") == [(7, 40)]


def test_channel_override_slower_than_resolution_fires_once_at_the_override(tmp_path):
    text = BASE + "  P1: {update_every: 1h, resolve: 4h, channels: {chat: {update_every: 1d}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB212") == [(7, 71)]


def test_update_cadence_shorter_than_resolution_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}\n")
    assert at(result.findings, "PB212") == []
