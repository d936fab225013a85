"""`playbook simulate`: a ticket's deadlines and escalation times, in both time zones."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from cli import main
from tests.helpers import EXAMPLES

FIELD = str(EXAMPLES / "field-service")
CARE = str(EXAMPLES / "online-care")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["simulate", *args])


def rows(output: str) -> dict[str, str]:
    """What -> first time column, for each timeline row."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
            what = line.split("  ")[-1]
            found.setdefault(what, line[:24].strip())
    return found


def test_field_service_p1_phone_friday_afternoon_ladder():
    result = run(
        FIELD, "--priority", "P1", "--channel", "phone", "--opened", "2026-11-27T16:50", "--tz", "America/Chicago"
    )
    assert result.exit_code == 0, result.output
    timeline = rows(result.output)
    assert timeline["acknowledge due (15m)"] == "Fri 2026-11-27 17:05 CST"
    notified = {what.split(" (")[0]: when for what, when in timeline.items() if what.startswith("notify")}
    assert notified == {
        "notify Dana Whitfield": "Fri 2026-11-27 17:20 CST",
        "notify Luis Romero": "Fri 2026-11-27 17:50 CST",
        "notify Priya Natarajan": "Fri 2026-11-27 20:50 CST",
    }
    assert "Priya Natarajan (vp-operations), VP Operations, +16155550103" in result.output


def test_requester_time_zone_is_shown_beside_the_playbooks():
    result = run(FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--tz", "Europe/London")
    header = result.output.splitlines()[3]
    assert header.split() == ["America/Chicago", "Europe/London", "What"]
    assert "Fri 2026-11-27 10:50 CST  Fri 2026-11-27 16:50 GMT  opened" in result.output


def test_business_clock_skips_the_weekend():
    result = run(FIELD, "-p", "P2", "-c", "phone", "--opened", "2026-11-27T16:50")
    timeline = rows(result.output)
    assert timeline["acknowledge due (1h)"] == "Mon 2026-11-30 09:20 CST"
    assert timeline["resolve due (3bd)"] == "Wed 2026-12-02 16:50 CST"


def test_follow_the_sun_skips_christmas_in_every_region():
    result = run(CARE, "-p", "P2", "-c", "email", "--opened", "2026-12-24T22:50")
    assert rows(result.output)["acknowledge due (4h)"] == "Mon 2026-12-28 01:50 GMT"


def test_at_shows_holder_overdue_and_next_deadlines():
    result = run(FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--at", "2026-11-27T18:00")
    at = result.output.split("\nAt ")[1]
    assert "held by  Luis Romero (service-manager)" in at
    assert "overdue  acknowledge: was due Fri 2026-11-27 17:05 CST, 55m ago" in at
    assert "overdue  update 2: was due Fri 2026-11-27 17:50 CST" in at
    assert "next     update 3: due Fri 2026-11-27 18:20 CST, in 20m" in at
    assert "next     resolve: due Fri 2026-11-27 20:50 CST, in 2h50m" in at


def test_updates_stay_due_after_the_resolution_deadline():
    result = run(FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--at", "2026-11-28T00:30")
    assert "next     update 16: due Sat 2026-11-28 00:50 CST" in result.output


def test_json_timeline_for_programs():
    result = run(
        FIELD, "-p", "P1", "-c", "chat", "--opened", "2026-11-27T22:50Z", "--at", "2026-11-27T17:30", "--format", "json"
    )
    data = json.loads(result.output)
    assert data["version"] == 1 and data["clock"] == "calendar" and data["timezones"] == ["America/Chicago"]
    assert data["opened"]["local"]["America/Chicago"] == "2026-11-27T16:50:00-06:00"
    steps = [e for e in data["events"] if e["kind"] == "escalation"]
    assert [(s["to"]["id"], s["at"]["utc"]) for s in steps if s["step_kind"] == "hierarchical"] == [
        ("team-lead", "2026-11-27T23:20:00Z"),
        ("service-manager", "2026-11-27T23:50:00Z"),
        ("vp-operations", "2026-11-28T02:50:00Z"),
    ]
    assert data["at"]["holder"]["id"] == "team-lead"
    assert [e["metric"] for e in data["at"]["overdue"]] == ["acknowledge", "update_every"]


def test_opened_in_the_skipped_hour_starts_at_the_transition(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            timezone: America/Chicago
            calendars: {always: 24/7}
            priorities:
              P1: {title: Outage, calendar: always, owner: a, examples: [x]}
            sla:
              P1: {acknowledge: 15m, resolve: 4h}
            escalation:
              - {from: a, to: b, after: 1h}
            contacts:
              a: {name: A, email: a@corp.test}
              b: {name: B, email: b@corp.test}
            """
        )
    )
    result = run(str(path), "-p", "P1", "--opened", "2026-03-08T02:30")
    assert result.exit_code == 0, result.output
    assert rows(result.output)["acknowledge due (15m)"] == "Sun 2026-03-08 03:15 CDT"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "P9", "-c", "phone"], "--priority: no priority 'P9'; choose from P1, P2, P3, P4"),
        (["-p", "P1", "-c", "fax"], "--channel: no channel 'fax'"),
        (["-p", "P1"], "--channel is required"),
        (["-p", "P1", "-c", "phone", "--tz", "Mars/Base"], "--tz: unknown time zone 'Mars/Base'"),
        # The machine's own zone: the same command would answer differently on another machine.
        (["-p", "P1", "-c", "phone", "--tz", "localtime"], "--tz: unknown time zone 'localtime'"),
        (["-p", "P1", "-c", "phone", "--tz", "posixrules"], "--tz: unknown time zone 'posixrules'"),
        (["-p", "P1", "-c", "phone", "--at", "tomorrow"], "--at: 'tomorrow' is not a date and time"),
    ],
)
def test_bad_options_are_usage_errors(args, message):
    result = run(FIELD, "--opened", "2026-11-27T16:50", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_bad_opened_time_is_a_usage_error():
    result = run(FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-13-40")
    assert result.exit_code == 2
    assert "--opened: '2026-13-40' is not a date and time such as 2026-12-24T16:50" in result.output


def test_playbook_with_errors_is_not_simulated(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("playbook: t\npriorities:\n  P1: {title: Outage, calendar: nowhere}\n")
    result = run(str(path), "-p", "P1", "--opened", "2026-11-27T16:50")
    assert result.exit_code == 2
    assert "[PB102 " in result.output
    assert f"playbook: error: {path} has errors; fix them (playbook lint {path}) before simulating\n" in result.output


@pytest.mark.parametrize(
    ("before", "after", "code"),
    [
        ('mon-sat: "09:00-18:00"', 'mon-sat: "18:00-09:00"', "PB240"),  # a calendar that never opens
        (
            "acknowledge: 1h, update_every: 2h, resolve: 1bd",
            "acknowledge: 2bd, update_every: 2h, resolve: 1bd",
            "PB211",
        ),
    ],
)
def test_a_lint_rule_error_stops_simulate_with_a_one_line_reason(tmp_path, before, after, code):
    path = tmp_path / "p.yaml"
    path.write_text((EXAMPLES / "minimal.yaml").read_text().replace(before, after))
    result = run(str(path), "-p", "P1", "-c", "email", "--opened", "2026-11-27T10:00")
    assert result.exit_code == 2
    assert f"[{code} " in result.output
    assert result.output.endswith(
        f"playbook: error: {path} has errors; fix them (playbook lint {path}) before simulating\n"
    )
    assert "due" not in result.output  # no timeline drawn from a broken playbook


def test_a_rule_switched_off_in_the_configuration_does_not_stop_simulate(tmp_path):
    path = tmp_path / "p.yaml"
    minimal = (EXAMPLES / "minimal.yaml").read_text()
    path.write_text(minimal.replace("acknowledge: 1h, update_every: 2h", "acknowledge: 2bd, update_every: 2h"))
    (tmp_path / ".playbook.yaml").write_text("rules: {PB210: off, PB211: off}\n")
    result = run(str(path), "-p", "P1", "-c", "email", "--opened", "2026-11-27T10:00")
    assert result.exit_code == 0, result.output
    assert "acknowledge due (2bd)" in result.output


def test_readme_shows_the_real_output():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    command = (
        "playbook simulate examples/field-service --priority P1 --channel phone "
        "--opened 2026-11-27T16:50 --tz America/Chicago --at 2026-11-27T18:00"
    )
    shown = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    result = run(FIELD, *command.split()[3:])
    assert shown == result.output


def test_deadlines_beyond_the_supported_years_show_as_never(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            timezone: America/Chicago
            calendars: {office: {weekly: {mon: "09:00-09:01"}}}
            priorities:
              P1: {title: Outage, calendar: office, owner: a, examples: [x]}
            sla:
              P1: {acknowledge: 15m, resolve: 99999w}
            escalation:
              - {from: a, to: b, after: 9999999h}
            contacts:
              a: {name: A, email: a@corp.test}
              b: {name: B, email: b@corp.test}
            """
        )
    )
    result = run(str(path), "-p", "P1", "--opened", "2026-11-27T16:50")
    assert result.exit_code == 0, result.output
    assert rows(result.output)["acknowledge due (15m)"] == "Mon 2027-03-08 09:01 CST"
    assert "never                     resolve due (99999w)" in result.output


def test_opened_outside_the_supported_years_is_a_usage_error():
    result = run(FIELD, "-p", "P1", "-c", "phone", "--opened", "9999-12-31T23:59")
    assert result.exit_code == 2
    assert "is outside the years 1900-2199" in result.output
