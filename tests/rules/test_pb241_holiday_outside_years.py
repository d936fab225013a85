from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  office:
    weekly: {mon-fri: "09:00-17:00"}
    years: "2026-2027"
    holidays:
      - 2026-12-25
"""


def test_holiday_in_another_year_fires_at_the_holiday(tmp_path):
    result = lint_text(tmp_path, BASE + "      - {date: 2062-12-25, name: Christmas}\n")
    assert at(result.findings, "PB241") == [(10, 9)]


def test_holidays_within_the_years_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "      - {date: 2027-12-25, name: Christmas}\n")
    assert at(result.findings, "PB241") == []
