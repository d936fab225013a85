from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, zendesk: urgent, freshdesk: 4}
"""


def test_less_urgent_priority_mapped_higher_fires_at_its_mapping(tmp_path):
    text = BASE + "  P2: {title: Major, zendesk: normal, freshdesk: 2}\n"
    text += "  P3: {title: Minor, zendesk: high, freshdesk: 1}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB231") == [(5, 31)]


def test_freshdesk_inversion_fires_at_freshdesk(tmp_path):
    text = BASE + "  P2: {title: Major, freshdesk: 2}\n  P3: {title: Minor, freshdesk: 3}\n"
    assert at(lint_text(tmp_path, text).findings, "PB231") == [(5, 33)]


def test_mappings_in_order_are_quiet(tmp_path):
    text = BASE + "  P2: {title: Major, zendesk: high, freshdesk: 3}\n"
    text += "  P3: {title: Minor, zendesk: low, freshdesk: 1}\n"
    assert at(lint_text(tmp_path, text).findings, "PB231") == []
