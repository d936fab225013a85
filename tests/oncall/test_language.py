"""The language's on-call and messaging parts: rotas, rooms, which priorities page, where messages go."""

from __future__ import annotations

import datetime as dt

from tests.helpers import at, lint_text

BASE = """\
playbook: t
timezone: Europe/London
priorities:
  P1: {title: Down, owner: duty, page: true, post: [incidents]}
escalation:
  - {from: duty, to: boss, after: 30m}
contacts:
  duty: {name: Duty manager, kind: role}
  boss: {name: Boss, email: boss@acme.example}
  ama: {name: Ama, email: ama@acme.example}
  ben: {name: Ben, email: ben@acme.example}
rotas:
  duty-managers:
    covers: duty
    members: [ama, ben]
    start: 2026-11-30
    handoff: "09:00"
    every: 1w
rooms:
  incidents:
    slack: {channel: "#incidents", webhook: env:SLACK_INCIDENTS}
    teams: {channel: "Ops / Incidents", webhook: env:TEAMS_INCIDENTS}
  floor: {slack: {channel: "#care-floor", webhook: env:SLACK_FLOOR}, default: true}
alerts:
  - {metric: queue_depth, above: 25, for: 10m, notify: duty}
"""


def _codes(result):
    """Input findings only: the lint rules have their own tests."""
    return [(f.code, f.message) for f in result.findings if f.code < "PB2"]


def test_rotas_rooms_and_paging_load_into_the_model(tmp_path):
    result = lint_text(tmp_path, BASE)
    assert _codes(result) == []
    book = result.book
    rota = book.rotas["duty-managers"]
    assert (rota.covers, rota.members, rota.timezone, rota.every, rota.turn_seconds) == (
        "duty",
        ["ama", "ben"],
        "Europe/London",
        "1w",
        604800,
    )
    assert rota.first_handoff().isoformat() == "2026-11-30T09:00:00+00:00"
    assert book.rota_of("duty") is rota and book.rota_of("boss") is None
    assert book.priorities["P1"].page is True
    room = book.rooms["incidents"]
    assert room.links["slack"].channel == "#incidents" and room.links["slack"].webhook_env == "SLACK_INCIDENTS"
    assert room.links["teams"].webhook_env == "TEAMS_INCIDENTS"


def test_messages_without_a_post_list_go_to_the_default_rooms(tmp_path):
    book = lint_text(tmp_path, BASE).book
    assert [r.id for r in book.rooms_for(book.priorities["P1"].post)] == ["incidents"]
    assert [r.id for r in book.rooms_for(book.alerts[0].post)] == ["floor"]


def test_a_rota_hands_over_in_its_own_zone_across_daylight_saving(tmp_path):
    text = BASE.replace("    every: 1w\n", "    every: 1w\n    timezone: America/New_York\n").replace(
        "2026-11-30", "2026-07-06"
    )
    rota = lint_text(tmp_path, text).book.rotas["duty-managers"]
    assert rota.first_handoff().utcoffset() == dt.timedelta(hours=-4)


def test_a_rota_for_an_unknown_node_or_member_is_an_error_with_a_suggestion(tmp_path):
    text = BASE.replace("covers: duty", "covers: dutty").replace("members: [ama, ben]", "members: [ama, benn]")
    result = lint_text(tmp_path, text)
    found = {(f.code, f.message, f.hint) for f in result.findings}
    assert ("PB102", "unknown contact or team 'dutty'", "did you mean 'duty'?") in found
    assert ("PB102", "unknown contact 'benn'", "did you mean 'ben'?") in found


def test_two_rotas_covering_one_node_are_an_error(tmp_path):
    night = '  night: {covers: duty, members: [ben], start: 2026-11-30, handoff: "21:00", every: 1d}\n'
    result = lint_text(tmp_path, BASE.replace("rooms:\n", night + "rooms:\n"))
    [finding] = [f for f in result.findings if f.code == "PB102"]
    assert "covered by two rotas, 'duty-managers' and 'night'" in finding.message
    assert [why for _, why in finding.related] == ["the other rota"]


def test_posting_to_an_unknown_room_is_an_error(tmp_path):
    result = lint_text(tmp_path, BASE.replace("post: [incidents]", "post: [incident]"))
    assert [(f.code, f.message, f.hint) for f in result.findings if f.code < "PB2"] == [
        ("PB102", "unknown room 'incident'", "did you mean 'incidents'?")
    ]
    assert at(result.findings, "PB102") == [(4, 53)]


def test_a_webhook_url_in_the_playbook_is_refused_without_echoing_it(tmp_path):
    secret = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
    result = lint_text(tmp_path, BASE.replace("env:SLACK_INCIDENTS", secret))
    [finding] = [f for f in result.findings if f.code < "PB2"]
    assert finding.code == "PB100"
    assert "hooks.slack.com" not in finding.message and "XXXX" not in finding.message
    assert "env:NAME" in finding.hint and "secret" in finding.hint


def test_a_turn_must_be_whole_hours_days_or_weeks(tmp_path):
    result = lint_text(tmp_path, BASE.replace("every: 1w", "every: 90m"))
    [finding] = [f for f in result.findings if f.code < "PB2"]
    assert finding.code == "PB100" and "rotas.duty-managers.every" in finding.message


def test_an_unquoted_handoff_time_gets_the_quote_hint(tmp_path):
    result = lint_text(tmp_path, BASE.replace('handoff: "09:00"', "handoff: 10:30"))
    [finding] = [f for f in result.findings if f.code < "PB2"]
    assert finding.code == "PB003" and finding.hint == 'quote this value: "10:30"'


def test_a_room_needs_slack_or_teams(tmp_path):
    result = lint_text(
        tmp_path,
        BASE.replace(
            '  floor: {slack: {channel: "#care-floor", webhook: env:SLACK_FLOOR}, default: true}',
            "  floor: {default: true}",
        ),
    )
    assert [f.code for f in result.findings if f.code < "PB2"] == ["PB100"]


def test_a_rota_carries_its_own_suppressions(tmp_path):
    quarter_past = BASE.replace('handoff: "09:00"', 'handoff: "09:15"')
    assert [f.code for f in lint_text(tmp_path, quarter_past, targets=("opsgenie",)).findings if f.code == "PB514"]
    suppressed = quarter_past.replace(
        "    every: 1w\n", '    every: 1w\n    lint: {PB514: "the desk changes shift at quarter past"}\n'
    )
    result = lint_text(tmp_path, suppressed, targets=("opsgenie",))
    assert [f.code for f in result.findings if f.code == "PB514"] == []
    assert [(s.finding.code, s.by.reason) for s in result.suppressed] == [
        ("PB514", "the desk changes shift at quarter past")
    ]
