from tests.helpers import at, lint_text


def _only(result, code):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


def test_unknown_key_suggests_the_closest_allowed_key(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {title: A, calender: x}\n")
    finding = _only(result, "PB100")
    assert (finding.location.line, finding.location.column) == (3, 18)
    assert "'calendar'" in finding.hint


def test_wrong_duration_explains_the_format(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {title: A}\nsla:\n  P1: {acknowledge: 15 minutes}\n")
    finding = _only(result, "PB100")
    assert (finding.location.line, finding.location.column) == (5, 21)
    assert "15m" in finding.hint
    assert "oneOf" not in finding.message


def test_enum_mistake_gets_did_you_mean(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {title: A, zendesk: urgnet}\n")
    finding = _only(result, "PB100")
    assert "'urgent'" in finding.hint


def test_calendar_shorthand_other_than_24_7_is_explained(tmp_path):
    result = lint_text(tmp_path, "playbook: t\ncalendars:\n  c: 24/5\npriorities:\n  P1: {title: A}\n")
    assert at(result.findings, "PB100") == [(3, 6)]


def test_missing_required_field_names_it(tmp_path):
    result = lint_text(tmp_path, "playbook: t\npriorities:\n  P1: {definition: x}\n")
    finding = _only(result, "PB100")
    assert "'title'" in finding.message


def test_unknown_reference_suggests_a_near_id(tmp_path):
    result = lint_text(
        tmp_path, "playbook: t\ncalendars:\n  office: 24/7\npriorities:\n  P1: {title: A, calendar: ofice}\n"
    )
    finding = _only(result, "PB102")
    assert (finding.location.line, finding.location.column) == (5, 28)
    assert "'office'" in finding.hint


def test_unknown_time_zone_is_a_value_error(tmp_path):
    result = lint_text(tmp_path, "playbook: t\ntimezone: America/Chicgo\npriorities:\n  P1: {title: A}\n")
    assert at(result.findings, "PB101") == [(2, 11)]


def test_missing_sections_are_reported(tmp_path):
    result = lint_text(tmp_path, "contacts:\n  a: {name: A}\n")
    assert at(result.findings, "PB103") == [(1, 1), (1, 1)]


KPIS = "playbook: t\npriorities:\n  P1: {title: A}\nkpis:\n  csat: '>= 90%'\n  NAME: '>= 70%'\n"


def test_unknown_kpi_is_reported_at_its_own_key_with_did_you_mean(tmp_path):
    finding = _only(lint_text(tmp_path, KPIS.replace("NAME", "fcrr")), "PB100")
    assert (finding.location.line, finding.location.column) == (6, 3)
    assert finding.hint == "did you mean 'fcr'?"


def test_long_name_of_a_kpi_suggests_its_key(tmp_path):
    finding = _only(lint_text(tmp_path, KPIS.replace("NAME", "first_contact_resolution")), "PB100")
    assert (finding.location.line, finding.location.column) == (6, 3)
    assert finding.hint == "did you mean 'fcr'?"


def test_following_the_kpi_suggestion_fixes_it(tmp_path):
    assert at(lint_text(tmp_path, KPIS.replace("NAME", "fcr")).findings, "PB100") == []


def test_invalid_id_is_reported_at_that_id(tmp_path):
    text = "playbook: t\npriorities:\n  P1: {title: A}\ncontacts:\n  good: {name: A}\n  'bad id!': {name: B}\n"
    assert at(lint_text(tmp_path, text).findings, "PB100") == [(6, 3)]
