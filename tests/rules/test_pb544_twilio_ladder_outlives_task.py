from playbook.findings import Severity
from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar}
escalation:
  - {from: desk, to: lead, after: 2d}
contacts:
  desk: {name: Desk, kind: role, email: d@x.example}
  lead: {name: Lead, email: l@x.example}
"""


def _found(tmp_path, text, options=None):
    result = lint_text(tmp_path, text, targets=("twilio",), options=options)
    return [f for f in result.findings if f.code == "PB544"]


def test_past_the_default_task_timeout_is_a_warning(tmp_path):
    (finding,) = _found(tmp_path, TEXT)
    assert (finding.location.line, finding.location.column, finding.severity) == (5, 35, Severity.WARNING)
    assert "at least 172801 seconds" in finding.hint


def test_a_longer_configured_task_timeout_is_quiet(tmp_path):
    assert _found(tmp_path, TEXT, {"PB544": {"task_timeout": 259200}}) == []


def test_past_two_weeks_is_an_error_whatever_the_option(tmp_path):
    (finding,) = _found(tmp_path, TEXT.replace("2d", "15d"), {"PB544": {"task_timeout": 10**9}})
    assert finding.severity == Severity.ERROR


def test_quiet_without_the_twilio_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("kpis",)).findings, "PB544") == []
