from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  office:
    weekly: {mon-fri: "09:00-17:00"}
"""


def test_calendar_past_its_years_fires_at_years(tmp_path):
    result = lint_text(tmp_path, BASE + '    years: "2024-2025"\n')
    assert at(result.findings, "PB244") == [(7, 12)]
    assert "ended" in next(f.message for f in result.findings if f.code == "PB244")


def test_calendar_ending_within_warn_days_fires(tmp_path):
    result = lint_text(tmp_path, BASE + '    years: "2026"\n', options={"PB244": {"warn_days": 40}})
    assert "ends in 35 days" in next(f.message for f in result.findings if f.code == "PB244")


def test_current_calendar_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + '    years: "2026-2027"\n')
    assert at(result.findings, "PB244") == []
