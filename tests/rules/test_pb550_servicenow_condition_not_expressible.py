from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A}
segments:
  vip: {title: VIP, tags: vip}
  partners: {title: Partners, organizations: [Northwind, Contoso]}
sla_policies:
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
  - {id: partners, title: Partners, when: {segment: partners}, targets: {P1: {acknowledge: 30m, resolve: 8h}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}
"""

CHANNELS = """\
playbook: t
priorities:
  P1: {title: A}
channels:
  email: {type: email}
  twitter: {type: social}
sla:
  P1:
    acknowledge: 1h
    channels:
      twitter: {acknowledge: 30m}
"""


def test_a_policy_on_tags_fires_at_its_when(tmp_path):
    result = lint_text(tmp_path, BASE, targets=("servicenow",))
    assert at(result.findings, "PB550") == [(8, 33)]
    finding = next(f for f in result.findings if f.code == "PB550")
    assert finding.message.startswith("SLA policy vip: a ServiceNow incident has no field for tag vip")


def test_organizations_are_the_incidents_company(tmp_path):
    text = BASE.replace("vip: {title: VIP, tags: vip}", "vip: {title: VIP, organizations: Fabrikam}")
    assert at(lint_text(tmp_path, text, targets=("servicenow",)).findings, "PB550") == []


def test_a_social_channel_with_targets_of_its_own_fires_at_the_channel(tmp_path):
    result = lint_text(tmp_path, CHANNELS, targets=("servicenow",))
    assert at(result.findings, "PB550") == [(6, 12)]


def test_a_social_channel_sharing_every_target_is_quiet(tmp_path):
    text = CHANNELS.replace("    channels:\n      twitter: {acknowledge: 30m}\n", "")
    assert at(lint_text(tmp_path, text, targets=("servicenow",)).findings, "PB550") == []


def test_quiet_without_the_servicenow_target(tmp_path):
    assert at(lint_text(tmp_path, BASE, targets=("salesforce",)).findings, "PB550") == []
