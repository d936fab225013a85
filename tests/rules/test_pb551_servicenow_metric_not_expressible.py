from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down}
sla:
  P1: {acknowledge: 15m, update_every: 30m, mitigate: 1h, resolve: 4h}
"""

POLICY = """\
playbook: t
priorities:
  P1: {title: Down}
sla_policies:
  - {id: rest, title: Everyone, targets: {P1: {first_reply: 15m, next_reply: 1h, resolve: 4h}}}
"""


def test_a_mitigate_target_fires_where_written_and_update_every_is_quiet(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("servicenow",))
    assert at(result.findings, "PB551") == [(5, 55)]
    (finding,) = [f for f in result.findings if f.code == "PB551"]
    assert (
        finding.message == "P1 mitigate 1h: no incident state marks it met, so ServiceNow has no SLA definition for it"
    )


def test_a_policys_next_reply_fires_with_the_policy_named(tmp_path):
    result = lint_text(tmp_path, POLICY, targets=("servicenow",))
    (finding,) = [f for f in result.findings if f.code == "PB551"]
    assert finding.message.startswith("SLA policy rest: P1 next_reply 1h")


def test_acknowledge_and_resolve_are_quiet(tmp_path):
    text = TEXT.replace(" mitigate: 1h,", "")
    assert at(lint_text(tmp_path, text, targets=("servicenow",)).findings, "PB551") == []


def test_quiet_without_the_servicenow_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("salesforce",)).findings, "PB551") == []
