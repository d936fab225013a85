from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: duty, hours: calendar, page: true}
contacts:
  duty: {name: Duty manager, kind: role}
  ama: {name: Ama, email: ama@acme.example}
rotas:
  duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:15", every: 1w}
  spare: {covers: ama, members: [ama], start: 2026-11-30, handoff: "09:45", every: 1w}
"""


def test_a_hand_over_off_the_half_hour_is_reported_for_rotas_that_are_paged(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("opsgenie",))
    # 'spare' covers someone no paged ladder reaches: Opsgenie never gets it.
    assert at(result.findings, "PB514") == [(8, 77)]
    [finding] = [f for f in result.findings if f.code == "PB514"]
    assert "(the build sends :00)" in finding.message


def test_quiet_on_the_half_hour_and_for_pagerduty(tmp_path):
    assert at(lint_text(tmp_path, TEXT.replace("09:15", "09:30"), targets=("opsgenie",)).findings, "PB514") == []
    assert at(lint_text(tmp_path, TEXT, targets=("pagerduty",)).findings, "PB514") == []
