from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
priorities:
  P1: {title: A, calendar: office, levels: {zendesk: urgent, freshdesk: 4}}
sla_policies:
  - id: rest
    title: Everyone
    targets:
"""


def test_eod_fires_for_each_help_desk(tmp_path):
    text = BASE + "      P1: {acknowledge: eod, resolve: 3bd}\n"
    result = lint_text(tmp_path, text, targets=("zendesk",))
    assert at(result.findings, "PB522") == [(10, 25)]
    assert "1 business day there" in next(f for f in result.findings if f.code == "PB522").message


def test_a_resolution_band_is_a_zendesk_notice_but_not_a_freshdesk_one(tmp_path):
    text = BASE + "      P1: {acknowledge: 1h, resolve: 1bd-3bd}\n"
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB522") == []
    result = lint_text(tmp_path, text, targets=("freshdesk",))
    assert at(result.findings, "PB522") == [(10, 38)]


def test_a_reply_band_is_not_compiled_anywhere(tmp_path):
    text = BASE + "      P1: {acknowledge: 1h-2h, resolve: 3bd}\n"
    result = lint_text(tmp_path, text, targets=("zendesk",))
    assert (
        "no ticket condition shows a reply still missing"
        in next(f for f in result.findings if f.code == "PB522").message
    )


def test_durations_are_quiet(tmp_path):
    text = BASE + "      P1: {acknowledge: 1h, resolve: 3bd}\n"
    assert at(lint_text(tmp_path, text, targets=("zendesk", "freshdesk")).findings, "PB522") == []
