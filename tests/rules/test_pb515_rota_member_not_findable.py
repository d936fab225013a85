from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: duty, hours: calendar, page: true}
contacts:
  duty: {name: Duty manager, kind: role}
  ama: {name: Ama, email: ama@acme.example}
  ben: {name: Ben, phone: "+442079460131"}
  desk: {name: Night desk, kind: role, email: desk@acme.example}
rotas:
  duty-managers: {covers: duty, members: [ama, ben, desk], start: 2026-11-30, handoff: "09:00", every: 1w}
"""


def test_members_without_an_email_or_who_are_not_people_are_reported_where_listed(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty",))
    assert at(result.findings, "PB515") == [(10, 48), (10, 53)]
    assert [f.message for f in result.findings if f.code == "PB515"] == [
        "rota 'duty-managers': 'ben' has no email, so PagerDuty cannot give them a turn",
        "rota 'duty-managers': 'desk' is a role, not a person, so PagerDuty cannot give them a turn",
    ]


def test_quiet_without_an_on_call_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("statuspage",)).findings, "PB515") == []
