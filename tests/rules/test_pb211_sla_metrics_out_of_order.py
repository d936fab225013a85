from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:00"}}
channels:
  chat: {}
  email: {}
priorities:
  P1: {title: Outage}
  P2: {title: Major, calendar: office}
sla:
"""


def test_acknowledge_longer_than_resolve_fires_at_acknowledge(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 4h, resolve: 1h}\n")
    assert at(result.findings, "PB211") == [(11, 21)]


def test_mitigate_after_resolve_fires_at_mitigate(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 15m, mitigate: 8h, resolve: 4h}\n")
    assert at(result.findings, "PB211") == [(11, 36)]


def test_channel_override_out_of_order_fires_at_the_override(tmp_path):
    text = BASE + "  P1: {acknowledge: 15m, resolve: 4h, channels: {email: {acknowledge: 1d}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB211") == [(11, 71)]


def test_business_acknowledge_longer_than_calendar_resolve_fires(tmp_path):
    text = BASE + "  P2: {acknowledge: 2bh, resolve: {target: 1h, hours: calendar}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB211") == [(11, 21)]


def test_calendar_acknowledge_against_business_resolve_is_not_judged(tmp_path):
    text = BASE + "  P2: {acknowledge: {target: 2h, hours: calendar}, resolve: 1bh}\n"
    assert at(lint_text(tmp_path, text).findings, "PB211") == []


def test_ordered_targets_are_quiet(tmp_path):
    text = BASE + "  P1: {acknowledge: 15m, mitigate: 4h, resolve: 4h, channels: {chat: {acknowledge: 60s}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB211") == []
