from tests.helpers import at, lint_text

TEXT = """\
playbook: t
calendars:
  office: {weekly: {mon-fri: "09:10-17:00", sat: "10:00-14:00"}}
priorities:
  P1: {title: Down, calendar: office}
"""


def test_a_window_off_the_quarter_hour_is_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("intercom",))
    assert at(result.findings, "PB546") == [(3, 30)]  # once, though the window covers five days


def test_quarter_hours_are_quiet(tmp_path):
    text = TEXT.replace("09:10", "09:15")
    assert at(lint_text(tmp_path, text, targets=("intercom",)).findings, "PB546") == []


def test_quiet_without_the_intercom_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("twilio",)).findings, "PB546") == []
