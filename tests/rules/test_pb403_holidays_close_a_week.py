from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, examples: [x]}
calendars:
  office:
    timezone: Europe/London
"""


def test_week_closed_by_holidays_fires_at_its_first_holiday(tmp_path):
    text = BASE + '    weekly: {mon-thu: "09:00-17:00"}\n    years: "2026"\n'
    text += "    holidays: [2026-12-21, 2026-12-22, 2026-12-23, 2026-12-24, 2026-12-28]\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB403") == [(9, 16)]
    finding = next(f for f in result.findings if f.code == "PB403")
    assert "in the week of Mon 2026-12-21" in finding.message
    assert [(r.line, r.column) for r, _ in finding.related] == [(9, 28), (9, 40), (9, 52)]


def test_named_public_holidays_can_close_a_week(tmp_path):
    # Thanksgiving (Thu) and the day after as a dated holiday close a Thu-Fri desk.
    text = BASE.replace("Europe/London", "America/Chicago") + '    weekly: {thu-fri: "09:00-17:00"}\n'
    text += '    years: "2026"\n    holidays: [{country: US}, 2026-11-27]\n'
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB403") == [(9, 16)]
    assert "(2026-11-26, 2026-11-27)" in next(f.message for f in result.findings if f.code == "PB403")


def test_week_with_one_open_day_left_is_quiet(tmp_path):
    text = BASE + '    weekly: {mon-fri: "09:00-17:00"}\n    years: "2026"\n'
    text += "    holidays: [2026-12-21, 2026-12-22, 2026-12-23, 2026-12-24]\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB403") == []
