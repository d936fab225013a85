from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
"""


def test_stale_verification_fires_at_the_date(tmp_path):
    result = lint_text(tmp_path, BASE + "  a: {name: A, phone: '+442079460000', verified: 2026-10-01}\n")
    assert at(result.findings, "PB220") == [(5, 50)]


def test_missing_verification_fires_at_the_contact(tmp_path):
    result = lint_text(tmp_path, BASE + "  a: {name: A, email: a@corp.test}\n")
    assert at(result.findings, "PB220") == [(5, 6)]


def test_max_age_option_is_respected(tmp_path):
    text = BASE + "  a: {name: A, phone: '+442079460000', verified: 2026-10-01}\n"
    result = lint_text(tmp_path, text, options={"PB220": {"max_age_days": 90}})
    assert at(result.findings, "PB220") == []


def test_recent_verification_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  a: {name: A, phone: '+442079460000', verified: 2026-11-25}\n")
    assert at(result.findings, "PB220") == []


def test_a_template_has_no_contacts_to_verify(tmp_path):
    result = lint_text(tmp_path, "template: true\n" + BASE + "  a: {name: A, email: a@corp.test}\n")
    assert at(result.findings, "PB220") == []
