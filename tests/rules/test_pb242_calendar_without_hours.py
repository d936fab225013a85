from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  always: 24/7
"""


def test_calendar_with_only_closed_days_fires_at_the_calendar(tmp_path):
    result = lint_text(tmp_path, BASE + "  office: {weekly: {mon-fri: closed}}\n")
    assert at(result.findings, "PB242") == [(6, 3)]


def test_calendar_without_weekly_or_regions_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  office: {timezone: Europe/London}\n")
    assert at(result.findings, "PB242") == [(6, 3)]


def test_calendar_with_hours_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + '  office: {weekly: {mon-fri: "09:00-17:00", sat: closed}}\n')
    assert at(result.findings, "PB242") == []
