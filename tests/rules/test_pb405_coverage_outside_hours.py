from tests.helpers import at, lint_text

BASE = """\
playbook: t
timezone: America/Chicago
calendars:
  office: {weekly: {mon-fri: "09:00-17:30"}}
  always: 24/7
priorities:
  P1: {title: Outage, calendar: office}
channels:
  phone: {calendar: office}
  chat: {calendar: always}
teams:
  coordinators: {name: Coordinators, email: coord@corp.test, calendar: office}
staffing:
  coverage:
"""


def test_daily_coverage_beyond_a_weekday_office_team_fires_at_the_row(tmp_path):
    result = lint_text(tmp_path, BASE + '    - {days: daily, hours: "08:00-18:00", min: 2, team: coordinators}\n')
    assert at(result.findings, "PB405") == [(15, 7)]
    finding = next(f for f in result.findings if f.code == "PB405")
    assert finding.message == (
        "coverage asks for at least 2 on team coordinators daily 08:00-18:00, but team coordinators works only "
        "during 'office' hours: outside them Mon-Fri 08:00-09:00 and 17:30-18:00; Sat-Sun 08:00-18:00 "
        "(27h30m a week)"
    )
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(12, 72)]


def test_coverage_within_the_teams_hours_is_quiet(tmp_path):
    text = BASE + '    - {days: mon-fri, hours: "09:00-17:30", min: 2, team: coordinators}\n'
    assert at(lint_text(tmp_path, text).findings, "PB405") == []


def test_channel_coverage_is_compared_with_the_channels_calendar(tmp_path):
    text = BASE + '    - {days: sat, hours: "10:00-12:00", min: 1, channel: phone}\n'
    text += '    - {days: sat, hours: "10:00-12:00", min: 1, channel: chat}\n'
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB405") == [(15, 7)]
    assert "channel phone works only during 'office' hours: outside them Sat 10:00-12:00 (2h a week)" in (
        next(f.message for f in result.findings if f.code == "PB405")
    )


def test_team_without_a_calendar_is_not_judged(tmp_path):
    text = BASE.replace(", calendar: office}\nstaffing", "}\nstaffing")
    text += '    - {days: daily, hours: "00:00-23:59", min: 1, team: coordinators}\n'
    assert at(lint_text(tmp_path, text).findings, "PB405") == []


def test_coverage_hours_are_read_in_the_playbooks_time_zone(tmp_path):
    text = BASE.replace(
        'office: {weekly: {mon-fri: "09:00-17:30"}}',
        'office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}',
    )
    text += '    - {days: mon, hours: "06:00-08:00", min: 1, team: coordinators}\n'  # 12:00-14:00 in London
    assert at(lint_text(tmp_path, text).findings, "PB405") == []
