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
  P1: {acknowledge: 15m, resolve: 4h}
"""


def test_priority_without_sla_fires_at_the_priority(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB213") == [(7, 3)]


def test_channel_left_without_a_target_fires_at_the_sla_entry(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {resolve: 3d, channels: {chat: {acknowledge: 60s}}}\n")
    assert at(result.findings, "PB213") == [(10, 3)]
    assert "acknowledge target on email" in next(f.message for f in result.findings if f.code == "PB213")


def test_metric_missing_everywhere_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {acknowledge: 1h}\n")
    assert at(result.findings, "PB213") == [(10, 3)]
    assert "no resolve target at all" in next(f.message for f in result.findings if f.code == "PB213")


def test_every_channel_covered_is_quiet(tmp_path):
    text = BASE + "  P2: {resolve: 3d, channels: {chat: {acknowledge: 60s}, email: {acknowledge: 4h}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB213") == []
