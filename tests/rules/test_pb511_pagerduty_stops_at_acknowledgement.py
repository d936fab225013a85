from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar, page: true}
escalation:
  - {from: desk, to: lead, after: 10m, when: unacknowledged}
  - {from: lead, to: boss, after: 30m, when: unmitigated}
  - {from: lead, to: vendor, after: 5m}
contacts:
  desk: {name: Desk, email: desk@acme.example}
  lead: {name: Lead, email: lead@acme.example}
  boss: {name: Boss, email: boss@acme.example}
  vendor: {name: Vendor line, kind: vendor, phone: "+18005550123"}
"""


def test_steps_that_should_outlast_an_acknowledgement_are_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty",))
    # boss (when: unmitigated) points at its `when`; the vendor cannot be paged at all (PB512, not this rule).
    assert at(result.findings, "PB511") == [(6, 46)]
    [finding] = [f for f in result.findings if f.code == "PB511"]
    assert finding.message == (
        "P1: 'boss' should be brought in while the incident is not mitigated, but PagerDuty stops escalating at the "
        "first acknowledgement"
    )


def test_the_default_when_points_at_the_step(tmp_path):
    text = TEXT.replace(", when: unmitigated", "")
    assert at(lint_text(tmp_path, text, targets=("pagerduty",)).findings, "PB511") == [(6, 22)]


def test_quiet_for_opsgenie_which_can_wait_for_the_close(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("opsgenie",)).findings, "PB511") == []
