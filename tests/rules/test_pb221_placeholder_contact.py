import pytest

from compiler.check.rules.pb221_placeholder_contact import impossible_phone, placeholder_email, placeholder_phone
from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
"""


def test_fictional_number_and_example_domain_fire_at_each_value(tmp_path):
    text = BASE + "  a: {name: A, phone: '+16155550101', email: a@acme.example, verified: 2026-11-25}\n"
    assert at(lint_text(tmp_path, text).findings, "PB221") == [(5, 23), (5, 46)]


def test_team_email_on_a_reserved_domain_fires(tmp_path):
    text = BASE + "  a: {name: A}\nteams:\n  crew: {name: Crew, email: crew@example.com}\n"
    assert at(lint_text(tmp_path, text).findings, "PB221") == [(7, 29)]


def test_files_under_an_examples_directory_are_skipped(tmp_path):
    (tmp_path / "examples").mkdir()
    text = BASE + "  a: {name: A, phone: '+16155550101', verified: 2026-11-25}\n"
    assert at(lint_text(tmp_path, text, name="examples/playbook.yaml").findings, "PB221") == []


def test_examples_are_checked_when_the_option_says_so(tmp_path):
    (tmp_path / "examples").mkdir()
    text = BASE + "  a: {name: A, phone: '+16155550101', verified: 2026-11-25}\n"
    result = lint_text(tmp_path, text, name="examples/playbook.yaml", options={"PB221": {"skip_examples": False}})
    assert at(result.findings, "PB221") == [(5, 23)]


def test_real_looking_contacts_are_quiet(tmp_path):
    text = BASE + "  a: {name: A, phone: '+16152220101', email: a@acme-support.com, verified: 2026-11-25}\n"
    assert at(lint_text(tmp_path, text).findings, "PB221") == []


@pytest.mark.parametrize(
    ("phone", "fictional"),
    [
        ("+16155550100", True),
        ("+18005550199", True),
        ("+16155550200", False),  # 555-0200 is not in the reserved 0100-0199 block
        ("+16155551234", False),
        ("+442079460123", True),
        ("+447700900123", True),
        ("+441134960000", True),
        ("+442079461234", False),
        ("+4915112345678", False),
    ],
)
def test_fictional_phone_ranges(phone, fictional):
    assert placeholder_phone(phone) is fictional


@pytest.mark.parametrize(
    ("email", "reserved"),
    [
        ("a@example.com", True),
        ("a@mail.example.org", True),
        ("a@acme.example", True),
        ("a@corp.test", True),
        ("a@x.invalid", True),
        ("a@myexample.com", False),
        ("a@example.co.uk", False),
        ("a@acme.com", False),
    ],
)
def test_reserved_email_domains(email, reserved):
    assert placeholder_email(email) is reserved


@pytest.mark.parametrize(
    ("phone", "why"),
    [
        ("+15558675309", "area code 555 is not assigned to any area"),
        ("+16155551234", None),
        ("+10155550123", "no North American area code starts with 0"),
        ("+16151230123", "no North American exchange starts with 1"),
        ("+14115550123", "area code 411 is a service code (like 411 and 911), not part of a phone number"),
        ("+16159110123", "exchange 911 is a service code (like 411 and 911), not part of a phone number"),
        ("+1615555012", "a +1 number has ten digits after +1, not 9"),
        ("+442079461234", None),
    ],
)
def test_impossible_north_american_numbers(phone, why):
    assert impossible_phone(phone) == why


def test_number_with_area_code_555_fires(tmp_path):
    text = BASE + "  a: {name: A, phone: '+15558675309', verified: 2026-11-25}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB221") == [(5, 23)]
    assert "cannot exist: area code 555" in next(f.message for f in result.findings if f.code == "PB221")


def test_status_page_on_a_reserved_domain_fires(tmp_path):
    text = BASE.replace("contacts:\n", "organisation: {name: Acme, status_page: https://status.example.com/}\n")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB221") == [(4, 41)]
    assert "status page https://status.example.com/" in next(f.message for f in result.findings if f.code == "PB221")


def test_status_page_written_without_a_scheme_is_checked_too(tmp_path):
    text = BASE.replace("contacts:\n", "organisation: {name: Acme, status_page: status.acme.test}\n")
    assert at(lint_text(tmp_path, text).findings, "PB221") == [(4, 41)]


def test_real_status_page_is_quiet(tmp_path):
    text = BASE.replace("contacts:\n", "organisation: {name: Acme, status_page: https://status.acme-support.com}\n")
    assert at(lint_text(tmp_path, text).findings, "PB221") == []


def test_a_playbook_marked_as_a_template_may_use_placeholders(tmp_path):
    text = "template: true\n" + BASE.replace(
        "contacts:\n", "organisation: {name: Acme, status_page: https://status.example.com}\ncontacts:\n"
    )
    text += "  a: {name: A, phone: '+15558675309', email: a@example.com}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB221") == []


def test_the_hint_offers_the_template_flag(tmp_path):
    text = BASE + "  a: {name: A, phone: '+16155550101', verified: 2026-11-25}\n"
    finding = next(f for f in lint_text(tmp_path, text).findings if f.code == "PB221")
    assert (
        finding.hint
        == "write the real phone for A (or, if this playbook is a template, add 'template: true' at its top)"
    )
