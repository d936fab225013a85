from tests.helpers import at, lint_text

BASE = """\
playbook: t
timezone: Europe/London
calendars:
  always: 24/7
  office: {timezone: America/New_York, weekly: {mon-fri: "09:00-17:00"}}
priorities:
  P1: {title: A}
teams:
  desk: {name: Desk, email: desk@acme-support.com, calendar: always}
  us: {name: US desk, email: us@acme-support.com, calendar: office}
staffing:
  shifts:
"""


def test_gap_between_shifts_fires_at_the_team_first_shift(tmp_path):
    text = BASE + (
        "    - {name: day, days: daily, hours: '06:00-18:00', staff: 3, team: desk}\n"
        "    - {name: night, days: daily, hours: '18:30-06:00+1', staff: 2, team: desk}\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB268") == [(13, 7)]
    message = next(f for f in result.findings if f.code == "PB268").message
    assert "from mon 18:00 to mon 18:30 (and 6 more gaps)" in message
    assert "3h30m a week uncovered" in message


def test_calendar_in_another_zone_is_moved_to_the_playbook_zone(tmp_path):
    # New York 09:00-17:00 is 14:00-22:00 in London: a London 08:00-16:00 shift leaves 16:00-22:00.
    text = BASE + "    - {name: day, days: mon-fri, hours: '08:00-16:00', staff: 2, team: us}\n"
    message = next(f for f in lint_text(tmp_path, text).findings if f.code == "PB268").message
    assert "from mon 16:00 to mon 22:00" in message


def test_coverage_minimum_above_the_shift_staff_fires_at_the_row(tmp_path):
    text = BASE + (
        "    - {name: day, days: daily, hours: '06:00-18:30', staff: 1, team: desk}\n"
        "    - {name: night, days: daily, hours: '18:00-06:30+1', staff: 2, team: desk}\n"
        "  coverage:\n    - {days: mon-fri, hours: '08:00-18:00', min: 2, team: desk}\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB268") == [(16, 7)]
    assert "put 1 on from mon 08:00 to mon 18:00" in next(f for f in result.findings if f.code == "PB268").message


def test_overlapping_shifts_that_cover_everything_are_quiet(tmp_path):
    text = BASE + (
        "    - {name: day, days: daily, hours: '06:00-18:30', staff: 3, team: desk}\n"
        "    - {name: night, days: daily, hours: '18:00-06:30+1', staff: 2, team: desk}\n"
        "  coverage:\n    - {days: mon-fri, hours: '08:00-18:00', min: 2, team: desk}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB268") == []
