"""The servicenow target: Table API bodies valid against their schemas, exact durations and hours, policies."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
import zoneinfo
from pathlib import Path

import pytest

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.time import businesstime
from targets.shared.contracts import target_validator
from tests.helpers import ROOT, TODAY
from tests.targets.support import EXAMPLE_PATHS, build_example, build_path, manifest, notes

TARGET = "servicenow"


def _build(tmp_path: Path, text: str) -> dict[str, bytes]:
    path = tmp_path / "playbook.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return build_path(path, TARGET)


def _bodies(files: dict[str, bytes], kind: str) -> list[dict]:
    return [json.loads(files[s["file"]]) for s in manifest(files)["steps"] if s["kind"] == kind]


def _definition(files: dict[str, bytes], name_end: str) -> dict:
    (found,) = [b for b in _bodies(files, "contract_sla") if b["name"].endswith(name_end)]
    return found


def _errors(name: str, body: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in target_validator(name).iter_errors(body)]


# --- every example ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLE_PATHS))
def test_every_body_of_every_example_validates_against_its_schema(example):
    files = build_example(example, TARGET)
    steps = manifest(files)["steps"]
    assert steps and {s["kind"] for s in steps} >= {"contract_sla"}
    for step in steps:
        assert step["path"] == f"/api/now/table/{step['kind']}"
        assert _errors(f"{TARGET}/{step['kind']}", json.loads(files[step["file"]])) == [], step["file"]
    assert _errors("manifest", manifest(files)) == []
    assert sorted(s["file"] for s in steps) == sorted(set(files) - {"manifest.json"})


@pytest.mark.parametrize("example", sorted(EXAMPLE_PATHS))
def test_every_example_builds_the_same_bytes_twice(example):
    assert build_path(EXAMPLE_PATHS[example], TARGET) == build_example(example, TARGET)


def test_the_schema_refuses_a_duration_written_in_hours():
    body = _definition(build_example("minimal", TARGET), "P1 resolve")
    assert _errors(f"{TARGET}/contract_sla", {**body, "duration": "4 hours"}) != []
    assert _errors(f"{TARGET}/contract_sla", {**body, "schedule_source": "sla_definition", "schedule": None}) != []


# --- durations and hours ------------------------------------------------------------------------------------

HOURS = """\
playbook: t
timezone: Europe/London
calendars:
  office:
    weekly: {mon-fri: "09:00-17:00", sun: "10:00-12:00"}
    holidays: [{date: 2026-12-25, name: Christmas}]
    years: "2026-2027"
priorities:
  P1: {title: Down, calendar: office, hours: calendar}
  P2: {title: Slow, calendar: office}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
  P2: {acknowledge: 2h, resolve: 5bd}
"""


def test_a_calendar_hours_target_is_its_duration_on_no_schedule(tmp_path):
    files = _build(tmp_path, HOURS)
    body = _definition(files, "P1 resolve")
    assert body["duration"] == "1970-01-01 04:00:00"
    assert body["schedule_source"] == "no_schedule" and "schedule" not in body
    assert body["start_condition"] == "priority=1" and body["stop_condition"] == "stateIN6,7,8"
    assert _definition(files, "P1 acknowledge")["duration"] == "1970-01-01 00:15:00"


def test_a_business_hours_target_is_its_business_time_on_the_calendars_schedule(tmp_path):
    files = _build(tmp_path, HOURS.replace(', sun: "10:00-12:00"', ""))
    body = _definition(files, "P2 resolve")
    # 5 business days of 8 hours: 40 business hours, written as days of 24 hours (1 day 16:00:00).
    assert body["duration"] == "1970-01-02 16:00:00"
    assert body["schedule_source"] == "sla_definition" and body["schedule"] == "{{schedule:office}}"
    assert body["timezone_source"] == "sla.timezone" and body["timezone"] == "Europe/London"
    assert body["start_condition"] == "priority=2"
    creating = [s for s in manifest(files)["steps"] if s.get("creates") == "{{schedule:office}}"]
    assert [s["kind"] for s in creating] == ["cmn_schedule"]
    assert json.loads(files[creating[0]["file"]])["time_zone"] == "Europe/London"


def test_schedule_entries_hold_exactly_the_calendars_weekly_hours(tmp_path):
    entries = [e for e in _bodies(_build(tmp_path, HOURS), "cmn_schedule_span") if e["type"] == ""]
    found = sorted((e["days_of_week"], e["start_date_time"][9:], e["end_date_time"][9:]) for e in entries)
    weekdays = [(str(d), "090000", "170000") for d in range(1, 6)]
    assert found == [*weekdays, ("7", "100000", "120000")]
    for entry in entries:  # each entry starts on the weekday it repeats on, in the calendar's first year
        date = dt.datetime.strptime(entry["start_date_time"], "%Y%m%dT%H%M%S").date()
        assert date.year == 2026 and str(date.isoweekday()) == entry["days_of_week"]
        assert entry["repeat_type"] == "weekly" and entry["repeat_count"] == 1


def _open_seconds(entries: list[dict], day: dt.date) -> float:
    """Open seconds of a local day as a ServiceNow schedule reads its entries: weekly ones from their start, less
    excluded all-day ones."""

    def parse(text: str) -> dt.datetime:
        return dt.datetime.strptime(text, "%Y%m%dT%H%M%S")

    stamp = f"{day:%Y%m%d}"
    if any(e["type"] == "exclude" and e["start_date_time"].startswith(stamp) for e in entries):
        return 0.0
    total = 0.0
    for entry in entries:
        start, end = parse(entry["start_date_time"]), parse(entry["end_date_time"])
        if entry["type"] == "" and str(day.isoweekday()) in entry["days_of_week"] and start.date() <= day:
            total += (end - start).total_seconds()
    return total


@pytest.mark.parametrize("example", sorted(EXAMPLE_PATHS))
def test_schedules_open_exactly_the_hours_the_business_time_engine_counts(example):
    files = build_example(example, TARGET)
    book = lint_path(str(EXAMPLE_PATHS[example]), RuleSettings(today=TODAY)).book
    checked = 0
    for step in [s for s in manifest(files)["steps"] if s["kind"] == "cmn_schedule"]:
        calendar = book.calendars[step["creates"][len("{{schedule:") : -2]]
        if any(tz != calendar.timezone for tz, _ in calendar.all_windows()):
            continue  # follow the sun: regions are moved into the calendar's zone, a union (noted)
        entries = [e for e in _bodies(files, "cmn_schedule_span") if e["schedule"] == step["creates"]]
        zone = zoneinfo.ZoneInfo(calendar.timezone)
        days = [dt.date(2026, 6, 7) + dt.timedelta(days=n) for n in range(7)]
        days += sorted(h.date for h in calendar.holidays if h.date is not None)
        for day in days:
            lo = dt.datetime.combine(day, dt.time(), zone)
            hi = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
            expected = businesstime.engine(calendar).between(lo.timestamp(), hi.timestamp())
            assert _open_seconds(entries, day) == expected, (calendar.id, day)
            checked += 1
    assert checked or example in ("online-care", "saas-desk")  # their schedules all follow the sun or none


def test_a_holiday_is_an_excluded_all_day_entry(tmp_path):
    holidays = [e for e in _bodies(_build(tmp_path, HOURS), "cmn_schedule_span") if e["type"] == "exclude"]
    assert [(e["name"], e["start_date_time"], e["end_date_time"], e["all_day"]) for e in holidays] == [
        ("Christmas", "20261225T000000", "20261225T235959", True)
    ]


def test_an_opening_that_runs_to_midnight_ends_at_the_next_days_midnight(tmp_path):
    text = HOURS.replace('sun: "10:00-12:00"', 'sat: "18:00-24:00"')
    entries = [e for e in _bodies(_build(tmp_path, text), "cmn_schedule_span") if e.get("days_of_week") == "6"]
    assert [(e["start_date_time"], e["end_date_time"]) for e in entries] == [("20260110T180000", "20260111T000000")]


def test_a_target_off_the_second_is_rounded_down_and_noted(tmp_path):
    files = _build(tmp_path, HOURS.replace("acknowledge: 15m", "acknowledge: 0.5s"))
    assert _definition(files, "P1 acknowledge")["duration"] == "1970-01-01 00:00:01"
    assert any("is 1s in ServiceNow" in n for n in notes(files, "rounded"))


# --- priorities, groups, escalation -------------------------------------------------------------------------


def test_a_priority_names_its_servicenow_priority(tmp_path):
    text = HOURS.replace(
        "P2: {title: Slow, calendar: office}", "P2: {title: Slow, calendar: office, levels: {servicenow: 4}}"
    )
    assert _definition(_build(tmp_path, text), "P2 resolve")["start_condition"] == "priority=4"


def test_teams_become_groups_with_members_found_by_email():
    files = build_example("field-service", TARGET)
    groups = _bodies(files, "sys_user_group")
    members = _bodies(files, "sys_user_grmember")
    assert groups and members
    lookups = {entry["ref"]: entry for entry in manifest(files)["lookups"]}
    for member in members:
        assert member["user"] in lookups and "sysparm_query=email=" in lookups[member["user"]]["find"]
        assert any(s.get("creates") == member["group"] for s in manifest(files)["steps"])


def test_the_escalation_ladder_is_a_manual_step_at_exact_percentages():
    files = build_example("field-service", TARGET)
    (ladder,) = [m for m in manifest(files)["manual_steps"] if m["id"] == "ladder-p1"]
    rows = ladder["data"]["notifications"]
    resolve = _definition(files, "P1 resolve")
    hours, minutes, _ = map(int, resolve["duration"][11:].split(":"))
    for row in rows:
        assert row["sla_definition"] == resolve["name"]
    # 30 minutes into a 4-hour resolution SLA is 12.5% of it.
    assert (hours, minutes) == (4, 0) and rows[0]["after_incident_opened"] == "30m"
    assert rows[0]["percent_of_duration"] == 12.5


def test_metrics_no_incident_state_marks_are_noted_not_dropped():
    files = build_example("field-service", TARGET)
    found = notes(files, "not-expressible")
    assert any("P1 mitigate 4h" in n and "PB551" in n for n in found)
    assert not [b for b in _bodies(files, "contract_sla") if "mitigate" in b["name"]]


def test_an_update_target_restarts_at_each_customer_visible_comment():
    files = build_example("field-service", TARGET)
    body = _definition(files, "P1 update_every")
    assert body["duration"] == "1970-01-01 00:30:00"
    assert (body["reset_condition"], body["reset_action"]) == ("commentsVALCHANGES", "complete")
    assert body["stop_condition"] == "stateIN6,7,8"
    assert _definition(files, "P1 resolve")["reset_condition"] == ""
    assert any("update_every recurs" in n for n in notes(files, "approximated"))


CHANNELS = """\
playbook: t
priorities:
  P1: {title: Down, hours: calendar}
channels:
  email: {type: email}
  web-form: {type: web}
  twitter: {type: social}
sla:
  P1:
    acknowledge: 1h
    channels:
      web-form: {acknowledge: 30m}
      twitter: {acknowledge: 10m}
"""


def test_channels_with_targets_of_their_own_are_told_apart_by_contact_type(tmp_path):
    files = _build(tmp_path, CHANNELS)
    found = {b["name"]: (b["start_condition"], b["duration"]) for b in _bodies(files, "contract_sla")}
    assert found == {
        "t P1 acknowledge (email)": ("priority=1^contact_type=email", "1970-01-01 01:00:00"),
        "t P1 acknowledge (web-form)": ("priority=1^contact_type=self-service", "1970-01-01 00:30:00"),
    }
    assert any("twitter" in n and "PB550" in n for n in notes(files, "not-expressible"))


# --- SLA policies -------------------------------------------------------------------------------------------

POLICIES = """\
playbook: t
priorities:
  P1: {title: Down, hours: calendar}
segments:
  partners: {title: Partners, organizations: [Northwind, Contoso]}
  vip: {title: VIP, organizations: Fabrikam}
  tagged: {title: Tagged, tags: urgent}
sla_policies:
  - {id: partners, title: Partners, when: {segment: partners}, targets: {P1: {acknowledge: 30m, resolve: 8h}}}
  - {id: tagged, title: Tagged, when: {segment: tagged}, targets: {P1: {acknowledge: 10m, resolve: 1h}}}
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 24h}}}
"""


def _matches(query: str, record: dict[str, str]) -> bool:
    """A reading of the encoded-query subset the target writes: ^NQ, ^, ^OR, =, !=, IN, NOT IN, ISEMPTY."""

    def term(text: str) -> bool:
        if text.endswith("ISEMPTY"):
            return not record.get(text[: -len("ISEMPTY")], "")
        if match := re.fullmatch(r"([a-z_.]+)NOT IN(.*)", text):
            value = record.get(match[1], "")
            return bool(value) and value not in match[2].split(",")
        if match := re.fullmatch(r"([a-z_.]+)IN(.*)", text):
            return record.get(match[1], "") in match[2].split(",")
        if match := re.fullmatch(r"([a-z_.]+)!=(.*)", text):
            value = record.get(match[1], "")
            return bool(value) and value != match[2]
        field, _, value = text.partition("=")
        return record.get(field, "") == value

    def conjunction(text: str) -> bool:
        groups: list[list[str]] = []
        for part in text.split("^"):
            if part.startswith("OR"):
                groups[-1].append(part[2:])
            else:
                groups.append([part])
        return all(any(term(t) for t in group) for group in groups)

    return any(conjunction(alternative) for alternative in query.split("^NQ"))


@pytest.mark.parametrize(
    ("company", "expected"),
    [("Northwind", "partners"), ("Contoso", "partners"), ("Fabrikam", "vip"), ("Tailspin", "rest"), ("", "rest")],
)
def test_an_incident_gets_the_sla_definitions_of_the_first_policy_that_matches(tmp_path, company, expected):
    files = _build(tmp_path, POLICIES)
    incident = {"priority": "1", "company.name": company}
    attached = {b["name"] for b in _bodies(files, "contract_sla") if _matches(b["start_condition"], incident)}
    assert attached == {f"t P1 acknowledge ({expected})", f"t P1 resolve ({expected})"}


def test_a_policy_on_tags_has_no_definitions_and_says_why(tmp_path):
    files = _build(tmp_path, POLICIES)
    assert not [b for b in _bodies(files, "contract_sla") if "(tagged)" in b["name"]]
    assert any("SLA policy tagged" in n and "PB550" in n for n in _note_texts(files))


def _note_texts(files: dict[str, bytes]) -> list[str]:
    return [f"{n['about']}: {n['message']}" for n in manifest(files)["notes"]]


def test_a_policy_calendar_chosen_by_a_field_splits_the_definitions_by_its_value():
    files = build_example("saas-desk", TARGET)
    conditions = {b["name"]: b["start_condition"] for b in _bodies(files, "contract_sla")}
    assert "u_preferred_region=emea" in conditions["nimbus-support P1 resolve (partners-emea)"]
    other = conditions["nimbus-support P1 resolve (partners)"]
    assert "u_preferred_regionNOT INemea,apac^ORu_preferred_regionISEMPTY" in other
    mapped = notes(files, "mapping")
    assert any("incident column u_preferred_region" in n for n in mapped)
    assert any("company.name" in n for n in mapped)


# --- the command line ---------------------------------------------------------------------------------------


def test_playbook_build_and_targets_reach_the_servicenow_target(tmp_path):
    out = tmp_path / "out"
    built = subprocess.run(
        [sys.executable, "-m", "cli", "build", str(EXAMPLE_PATHS["minimal"]), "-t", TARGET, "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert json.loads((out / TARGET / "manifest.json").read_text())["target"] == TARGET
    listed = subprocess.run([sys.executable, "-m", "cli", "targets"], cwd=ROOT, capture_output=True, text=True)
    assert re.search(r"^servicenow\s+ServiceNow Table API", listed.stdout, re.M), listed.stdout
