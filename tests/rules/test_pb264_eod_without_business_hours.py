from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  always: 24/7
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
priorities:
"""


def test_eod_on_a_24_7_calendar_fires_at_the_target(tmp_path):
    text = BASE + "  P3: {title: C, calendar: always}\nsla:\n  P3: {acknowledge: 4h, resolve: eod}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB264") == [(8, 34)]
    assert "24/7 calendar always" in next(f for f in result.findings if f.code == "PB264").message


def test_eod_without_a_calendar_fires(tmp_path):
    text = BASE + "  P3: {title: C}\nsla:\n  P3: {resolve: eod+1}\n"
    assert at(lint_text(tmp_path, text).findings, "PB264") == [(8, 17)]


def test_policy_calendar_decides(tmp_path):
    text = BASE + (
        "  P3: {title: C, calendar: always}\n"
        "sla_policies:\n"
        "  - {id: rest, title: All, calendar: office, targets: {P3: {acknowledge: 4h, resolve: eod}}}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB264") == []


def test_eod_on_an_office_calendar_is_quiet(tmp_path):
    text = BASE + "  P3: {title: C, calendar: office}\nsla:\n  P3: {resolve: eod}\n"
    assert at(lint_text(tmp_path, text).findings, "PB264") == []
