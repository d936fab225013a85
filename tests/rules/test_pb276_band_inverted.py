from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:00"}}
priorities:
  P2: {title: B, calendar: office}
"""


def test_inverted_band_in_sla_fires_at_the_band(tmp_path):
    # On this business clock 3d is three 8-hour days: 5d (40h) ends after 24h.
    result = lint_text(tmp_path, BASE + "sla:\n  P2: {acknowledge: 1h, resolve: 5d-24h}\n")
    assert at(result.findings, "PB276") == [(7, 34)]
    assert "5d-24h" in next(f for f in result.findings if f.code == "PB276").message


def test_business_days_count_business_hours(tmp_path):
    # One business day is 8 hours here: 1bd-10h is a band, 2bd-10h is not.
    quiet = lint_text(tmp_path, BASE + "sla:\n  P2: {resolve: 1bd-10h}\n")
    assert at(quiet.findings, "PB276") == []
    loud = lint_text(tmp_path, BASE + "sla:\n  P2: {resolve: 2bd-10h}\n")
    assert at(loud.findings, "PB276") == [(7, 17)]


def test_inverted_band_in_a_policy_names_the_policy(tmp_path):
    text = BASE + "sla_policies:\n  - {id: rest, title: All, targets: {P2: {mitigate: 60m-30m}}}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB276") == [(7, 53)]
    assert "SLA policy rest" in next(f for f in result.findings if f.code == "PB276").message


def test_ordered_band_is_quiet(tmp_path):
    assert at(lint_text(tmp_path, BASE + "sla:\n  P2: {resolve: 24h-72h}\n").findings, "PB276") == []
