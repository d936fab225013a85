from tests.helpers import at, lint_text

BASE = """\
playbook: t
timezone: Europe/London
calendars:
  americas: {timezone: America/New_York, weekly: {mon-fri: "08:00-17:00"}}
priorities:
  P1: {title: Outage, owner: desk}
contacts:
  desk: {name: Desk, kind: role, phone: '+442071230100'}
  boss: {name: Morgan, phone: '+442071230101'}
escalation:
  - {from: desk, to: boss, after: 30m}
"""


def test_person_on_ladder_without_timezone_fires_at_the_contact(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB223") == [(9, 3)]


def test_person_with_timezone_is_quiet(tmp_path):
    text = BASE.replace("boss: {name: Morgan,", "boss: {name: Morgan, timezone: Europe/London,")
    assert at(lint_text(tmp_path, text).findings, "PB223") == []


def test_single_time_zone_playbook_is_quiet(tmp_path):
    text = BASE.replace("America/New_York", "Europe/London")
    assert at(lint_text(tmp_path, text).findings, "PB223") == []
