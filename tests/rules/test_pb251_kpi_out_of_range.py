import pytest

from compiler.check.rules.pb251_kpi_out_of_range import problem
from playbook.units import parse_target
from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  phone: {abandon_rate: "<= 5%"}
priorities:
  P1: {title: Outage}
kpis:
"""


def test_percentage_above_100_fires_at_the_target(tmp_path):
    result = lint_text(tmp_path, BASE + '  csat: ">= 920%"\n')
    assert at(result.findings, "PB251") == [(7, 9)]


def test_per_channel_aht_in_percent_fires_at_the_channel_value(tmp_path):
    result = lint_text(tmp_path, BASE + "  aht: {phone: 10%}\n")
    assert at(result.findings, "PB251") == [(7, 16)]


def test_channel_abandon_rate_above_100_fires(tmp_path):
    text = BASE.replace('"<= 5%"', '"<= 105%"') + '  csat: ">= 92%"\n'
    assert at(lint_text(tmp_path, text).findings, "PB251") == [(3, 25)]


def test_detailed_kpi_target_fires_at_target(tmp_path):
    result = lint_text(tmp_path, BASE + '  sla_compliance: {target: ">= 195%", metric: acknowledge}\n')
    assert at(result.findings, "PB251") == [(7, 28)]


def test_sensible_targets_are_quiet(tmp_path):
    text = BASE + '  csat: ">= 92%"\n  nps: ">= -10"\n  aht: {phone: 7m-12m}\n  cost_per_contact: "<= 4.50"\n'
    assert at(lint_text(tmp_path, text).findings, "PB251") == []


@pytest.mark.parametrize(
    ("kind", "text", "bad"),
    [
        ("nps", ">= 130", True),
        ("nps", ">= -100", False),
        ("fcr", "78%-85%", False),
        ("fcr", "4m", True),
        ("asa", "<= 60s", False),
        ("asa", "<= 60", True),
        ("cost_per_contact", "5%", True),
        ("cost_per_contact", "-1", True),
        ("reopen_rate", "-5%", True),
    ],
)
def test_kpi_kinds(kind, text, bad):
    assert (problem(kind, parse_target(text)) is not None) is bad
