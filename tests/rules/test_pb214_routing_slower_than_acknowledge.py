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


INTAKE = """\
playbook: t
channels:
  chat: {intake: 30m}
  email: {intake: 24h}
  phone: {intake: 5m}
priorities:
  P1: {title: Outage}
  P2: {title: Major}
  P3: {title: Minor}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
  P2: {acknowledge: 1h, resolve: 1d}
  P3: {acknowledge: 24h, resolve: 7d}
"""


def test_channel_intake_slower_than_acknowledge_fires_once_per_channel_at_intake(tmp_path):
    result = lint_text(tmp_path, INTAKE)
    assert at(result.findings, "PB214") == [(3, 18), (4, 19)]
    chat, email = [f for f in result.findings if f.code == "PB214"]
    assert chat.message == "chat tickets are routed within 30m, but must be acknowledged there: P1 within 15m"
    assert email.message == (
        "email tickets are routed within 24h, but must be acknowledged there: P1 within 15m, P2 within 1h"
    )
    assert email.hint.startswith("route email within at most 15m ('intake:')")
    assert [r[1] for r in email.related] == ["P1 acknowledge on email", "P2 acknowledge on email"]


def test_intake_is_compared_with_the_channels_own_acknowledge_target(tmp_path):
    text = INTAKE.replace("chat: {intake: 30m}", "chat: {intake: 5m}").replace("email: {intake: 24h}", "email: {}")
    text = text.replace(
        "P1: {acknowledge: 15m, resolve: 4h}",
        "P1: {acknowledge: 15m, resolve: 4h, channels: {phone: {acknowledge: 1m}}}",
    )
    result = lint_text(tmp_path, text)
    assert [f.message for f in result.findings if f.code == "PB214"] == [
        "phone tickets are routed within 5m, but must be acknowledged there: P1 within 1m"
    ]


def test_following_the_intake_hint_fixes_it(tmp_path):
    text = INTAKE.replace("intake: 30m", "intake: 15m").replace("intake: 24h", "intake: 15m")
    assert at(lint_text(tmp_path, text).findings, "PB214") == []


CLOCKS = """\
playbook: t
calendars:
  office: {weekly: {mon-fri: "09:00-17:00"}}
channels:
  email: {intake: 2h}
priorities:
  P2: {title: Major, calendar: office, hours: HOURS}
sla:
  P2: {acknowledge: ACK, resolve: 3bd}
"""


def test_business_hours_intake_later_than_a_calendar_hours_target_fires(tmp_path):
    text = CLOCKS.replace("HOURS", "business").replace("ACK", "{target: 1h, hours: calendar}")
    assert len(at(lint_text(tmp_path, text).findings, "PB214")) == 1


def test_calendar_hours_intake_against_a_business_hours_target_is_not_judged(tmp_path):
    # Two wall-clock hours may be less than one business hour (opened at 16:30) or more: it depends.
    text = CLOCKS.replace("HOURS", "calendar").replace("ACK", "1bh")
    assert at(lint_text(tmp_path, text).findings, "PB214") == []
