import pytest

from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "09:00-17:30"}}
priorities:
  P1: {title: Outage, calendar: always}
"""


def test_calendar_nothing_names_fires_at_its_key(tmp_path):
    result = lint_text(tmp_path, BASE)
    assert at(result.findings, "PB245") == [(4, 3)]
    finding = next(f for f in result.findings if f.code == "PB245")
    assert finding.message == "calendar 'office' is declared but nothing uses it, so no check or build reads it"


@pytest.mark.parametrize(
    "user",
    [
        "priorities:\n  P2: {title: Major, calendar: office}\n",
        "teams:\n  crew: {name: Crew, email: crew@corp.test, calendar: office}\n",
        "contacts:\n  desk: {name: Desk, email: desk@corp.test, available: office, verified: 2026-11-25}\n",
        "channels:\n  phone: {calendar: office}\n",
    ],
)
def test_calendar_named_by_a_priority_team_contact_or_channel_is_quiet(tmp_path, user):
    text = BASE.replace("priorities:\n  P1: {title: Outage, calendar: always}\n", "")
    text += "priorities:\n  P1: {title: Outage, calendar: always}\n" if "priorities" not in user else ""
    text += user.replace("priorities:\n", "priorities:\n  P1: {title: Outage, calendar: always}\n")
    assert at(lint_text(tmp_path, text).findings, "PB245") == []
