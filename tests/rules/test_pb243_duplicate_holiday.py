from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  office:
    weekly: {mon-fri: "09:00-17:00"}
"""


def test_repeated_date_fires_at_the_repeat(tmp_path):
    result = lint_text(tmp_path, BASE + "    holidays: [2026-12-25, 2026-12-26, {date: 2026-12-25, name: Xmas}]\n")
    assert at(result.findings, "PB243") == [(7, 40)]


def test_repeated_country_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "    holidays: [{country: US}, {country: US}]\n")
    assert at(result.findings, "PB243") == [(7, 31)]


def test_distinct_holidays_are_quiet(tmp_path):
    result = lint_text(
        tmp_path, BASE + "    holidays: [2026-12-25, 2026-12-26, {country: US, subdivision: TN}, {country: US}]\n"
    )
    assert at(result.findings, "PB243") == []
