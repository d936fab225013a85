from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
priorities:
  P1: {title: A}
cadences:
"""


def test_daily_before_opening_fires_at_the_time(tmp_path):
    text = BASE + "  summary: {title: Summary, every: daily, on: mon-fri, at: '08:00', calendar: office}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB266") == [(7, 60)]
    assert "closed on mon, tue, wed, thu, fri" in next(f for f in result.findings if f.code == "PB266").message


def test_daily_without_days_includes_the_weekend(tmp_path):
    text = BASE + "  summary: {title: Summary, every: daily, at: '10:00', calendar: office}\n"
    result = lint_text(tmp_path, text)
    assert "closed on sat, sun" in next(f for f in result.findings if f.code == "PB266").message


def test_weekly_on_a_closed_day_fires(tmp_path):
    text = BASE + "  review: {title: Review, every: weekly, on: sat, at: '10:00', calendar: office}\n"
    assert at(lint_text(tmp_path, text).findings, "PB266") == [(7, 55)]


def test_monthly_on_the_31st_fires_at_on(tmp_path):
    text = BASE + "  sla-review: {title: SLA review, every: monthly, on: 31}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB266") == [(7, 55)]


def test_cadence_inside_opening_hours_is_quiet(tmp_path):
    text = BASE + (
        "  summary: {title: Summary, every: daily, on: mon-fri, at: '09:30', calendar: office}\n"
        "  review: {title: Review, every: monthly, on: 1, at: '14:00', calendar: office}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB266") == []


def test_day_of_month_on_a_weekly_cadence_is_invalid_input(tmp_path):
    text = BASE + "  review: {title: Review, every: weekly, on: 3}\n"
    assert at(lint_text(tmp_path, text).findings, "PB101") == [(7, 46)]
