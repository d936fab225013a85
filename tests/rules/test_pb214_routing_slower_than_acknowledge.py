from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  phone: {}
priorities:
  P1: {title: Outage}
sla:
  P1: {acknowledge: 15m, resolve: 4h, channels: {phone: {acknowledge: 5m}}}
teams:
  crew: {name: Crew, email: crew@corp.test}
routing:
"""


def test_route_slower_than_acknowledge_fires_at_within(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {category: safety, team: crew, priority: P1, within: 30m}\n")
    assert at(result.findings, "PB214") == [(11, 58)]


def test_route_on_a_channel_compares_with_that_channels_target(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {channel: phone, team: crew, priority: P1, within: 10m}\n")
    assert at(result.findings, "PB214") == [(11, 56)]


def test_fast_route_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {category: safety, team: crew, priority: P1, within: 10m}\n")
    assert at(result.findings, "PB214") == []
