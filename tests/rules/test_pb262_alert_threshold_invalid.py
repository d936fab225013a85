import pytest

from compiler.check.rules.pb262_alert_threshold_invalid import _threshold_problem
from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  phone: {}
priorities:
  P1: {title: Outage}
contacts:
  lead: {name: Lead, email: lead@acme-support.com}
alerts:
"""


def test_time_without_unit_fires_at_the_threshold(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {metric: asa, channel: phone, above: 60, notify: lead}\n")
    assert at(result.findings, "PB262") == [(9, 42)]


def test_service_level_above_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {metric: service_level, channel: phone, above: 80%, notify: lead}\n")
    assert at(result.findings, "PB262") == [(9, 52)]


def test_alert_without_threshold_fires_at_the_metric(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {metric: backlog, notify: lead}\n")
    assert at(result.findings, "PB262") == [(9, 14)]


def test_sensible_alerts_are_quiet(tmp_path):
    text = BASE + (
        "  - {metric: queue_depth, channel: phone, above: 25, for: 10m, notify: lead}\n"
        "  - {metric: asa, channel: phone, above: 60s, intervals: 3, notify: lead}\n"
        "  - {metric: service_level, channel: phone, below: 80%, notify: lead}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB262") == []


@pytest.mark.parametrize(
    ("metric", "value", "bad"),
    [
        ("queue_depth", "10m", True),
        ("queue_depth", -1, True),
        ("queue_depth", 0, False),
        ("oldest_ticket", "4h", False),
        ("abandon_rate", "150%", True),
        ("abandon_rate", 5, True),
        ("abandon_rate", "5%", False),
    ],
)
def test_threshold_units(metric, value, bad):
    assert (_threshold_problem(metric, value) is not None) is bad
