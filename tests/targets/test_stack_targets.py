"""The support-stack targets on every bundled example: Salesforce, Twilio, Intercom, KPIs, checklists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from compiler.plan.taskrouter import starts, whole_seconds
from targets.kpis.columns import TABLES, markdown, names
from targets.shared.contracts import target_validator
from tests.helpers import EXAMPLES, TODAY, lint_text
from tests.targets.support import EXAMPLE_PATHS, build_example, build_path, manifest

ROOT = Path(__file__).resolve().parents[2]
STACK = ("salesforce", "twilio", "intercom", "kpis", "checklists")
CASES = [(example, target) for example in EXAMPLE_PATHS for target in STACK]
NS = "{http://soap.sforce.com/2006/04/metadata}"
UNROUTABLE = ("vendor", "service")


def _xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "targets/salesforce/schemas/metadata.xsd")))


def _plan(example: str):
    result = lint_path(str(EXAMPLE_PATHS[example]), RuleSettings(today=TODAY))
    return build_plan(result.book)


@pytest.mark.parametrize(("example", "target"), CASES)
def test_every_example_builds_for_every_stack_target_deterministically(example, target):
    files = build_example(example, target)
    assert files and all(content for content in files.values())
    assert build_path(EXAMPLE_PATHS[example], target) == files


# --- Salesforce ---------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_salesforce_xml_validates_against_the_metadata_api_schema(example):
    schema = _xsd()
    files = build_example(example, "salesforce")
    xml = [name for name in files if not name.endswith(".json")]
    assert "package.xml" in xml
    for name in xml:
        document = etree.fromstring(files[name])
        assert schema.validate(document), f"{name}: {schema.error_log}"


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_salesforce_package_lists_every_component_it_ships(example):
    files = build_example(example, "salesforce")
    package = etree.fromstring(files["package.xml"])
    listed = {
        (t.find(f"{NS}name").text, m.text) for t in package.findall(f"{NS}types") for m in t.findall(f"{NS}members")
    }
    shipped = set()
    for name in files:
        folder, _, file = name.partition("/")
        if folder == "entitlementProcesses":
            shipped.add(("EntitlementProcess", file.removesuffix(".entitlementProcess")))
        elif folder == "milestoneTypes":
            shipped.add(("MilestoneType", file.removesuffix(".milestoneType")))
        elif folder == "settings":
            shipped.add(("Settings", "BusinessHours"))
    assert listed == shipped


def test_salesforce_milestones_carry_the_playbooks_targets_and_clocks():
    files = build_example("field-service", "salesforce")
    (name,) = [n for n in files if n.startswith("entitlementProcesses/")]
    process = etree.fromstring(files[name])
    found = {
        (m.find(f"{NS}milestoneCriteriaFilterItems/{NS}value").text, m.find(f"{NS}milestoneName").text): (
            int(m.find(f"{NS}minutesToComplete").text),
            m.find(f"{NS}businessHours").text,
        )
        for m in process.findall(f"{NS}milestones")
    }
    assert found[("High", "First Response")] == (15, "prairie-field-service 24x7")
    # P2 resolves in 3 business days of an 8.5-hour office day, counted on the office's hours.
    assert found[("Medium", "Resolution")] == (3 * 510, "prairie-field-service office")
    assert not any(level == "Low" and metric == "Mitigation" for level, metric in found)


def test_salesforce_business_hours_are_one_window_a_day_and_holidays_close_the_calendar():
    settings = etree.fromstring(build_example("field-service", "salesforce")["settings/BusinessHours.settings"])
    office = next(e for e in settings.findall(f"{NS}businessHours") if e.find(f"{NS}name").text.endswith("office"))
    assert office.find(f"{NS}mondayStartTime").text == "09:00:00.000Z"
    assert office.find(f"{NS}mondayEndTime").text == "17:30:00.000Z"
    assert office.find(f"{NS}saturdayStartTime") is None  # closed
    holidays = {h.find(f"{NS}activityDate").text for h in settings.findall(f"{NS}holidays")}
    assert "2026-12-25" in holidays and len(holidays) == 7


def test_salesforce_says_what_it_cannot_carry():
    data = manifest(build_example("field-service", "salesforce"))
    assert data["target"] == "salesforce"
    steps = {step["id"] for step in data["manual_steps"]}
    assert {"complete-milestones", "entitlement-settings", "ladder-p1"} <= steps
    ladder = next(s for s in data["manual_steps"] if s["id"] == "ladder-p1")["data"]["time_triggers"]
    # Team Lead at 30m while P1 is unmitigated: on the Mitigation milestone (240m), 210 minutes before its target.
    assert ladder[0] == {
        "step": 1,
        "notify": "Dana Whitfield",  # the team lead
        "after_case_created": "30m",
        "milestone": "Mitigation",
        "timeLength": 30 - 240,
        "workflowTimeTriggerUnit": "Minutes",
        "kind": "warning",
    }
    messages = [n["message"] for n in data["notes"]]
    assert any("P4 has no Case.Priority value" in m for m in messages)
    assert not list(target_validator("salesforce/manifest").iter_errors(data))


def test_salesforce_split_days_open_the_gap_and_say_so(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        calendars:
          office: {weekly: {mon: ["09:00-12:00", "13:00-17:00"]}}
        priorities:
          P1: {title: A, calendar: office}
        sla:
          P1: {resolve: 8h}
        """,
        targets=("salesforce",),
    )
    files = __import__("targets").load("salesforce").render(build_plan(result.book))
    settings = etree.fromstring(files["settings/BusinessHours.settings"])
    entry = settings.find(f"{NS}businessHours")
    assert (entry.find(f"{NS}mondayStartTime").text, entry.find(f"{NS}mondayEndTime").text) == (
        "09:00:00.000Z",
        "17:00:00.000Z",
    )
    assert any("Monday has 2 windows" in n["message"] for n in json.loads(files["manifest.json"])["notes"])


# --- Twilio -------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_twilio_payloads_and_manifest_validate(example):
    files = build_example(example, "twilio")
    data = manifest(files)
    assert not list(target_validator("manifest").iter_errors(data))
    for step in data["steps"]:
        body = json.loads(files[step["file"]])
        errors = [e.message for e in target_validator(f"twilio/{step['kind']}").iter_errors(body)]
        assert errors == [], (step["file"], errors)


def _ladder_filters(files):
    for name, content in files.items():
        if name.startswith("workflows/"):
            for flt in json.loads(content)["Configuration"]["task_routing"]["filters"]:
                if len(flt["targets"]) > 1 or "timeout" in flt["targets"][0]:
                    yield name, flt


def _queue_workers(files, ref):
    """A task queue's TargetWorkers expression, from the placeholder that names it ({{task_queue:<slug>}})."""
    return json.loads(files[f"task_queues/{ref[len('{{task_queue:') : -2]}.json"])["TargetWorkers"]


@pytest.mark.parametrize("example", ["field-service", "online-care"])
def test_twilio_timeouts_add_up_to_the_ladders_times(example):
    """Recompute: the cumulative sum of each filter's timeouts is when each ladder node may take the task."""
    plan = _plan(example)
    files = build_example(example, "twilio")
    checked = 0
    for _, flt in _ladder_filters(files):
        queue = flt["targets"][0]["queue"]  # {{task_queue:<priority>-<rung>[-<route's team>]}}
        prio = next(p for p in plan.priorities if queue.startswith(f"{{{{task_queue:{p.id.lower()}-0"))
        recomputed = starts([t.get("timeout") for t in flt["targets"]])
        contacts = plan.book.contacts
        routable = [s for s in prio.steps if s.target not in contacts or contacts[s.target].kind not in UNROUTABLE]
        assert recomputed == sorted({0} | {whole_seconds(s.offset) for s in routable})
        workers = [_queue_workers(files, t["queue"]) for t in flt["targets"]]
        for step in routable:
            rung = recomputed.index(whole_seconds(step.offset))
            assert step.target.replace("-", "_") in workers[rung]
            assert all(step.target.replace("-", "_") not in w for w in workers[:rung])
        checked += 1
    assert checked


def test_twilio_field_service_p1_is_the_ladder_of_the_playbook():
    files = build_example("field-service", "twilio")
    routing = json.loads(files["workflows/all-channels.json"])["Configuration"]["task_routing"]
    safety = routing["filters"][0]
    assert safety["expression"] == "category == 'safety'"
    assert [t.get("timeout") for t in safety["targets"]] == [1800, 900, 900, 10800, None]
    assert {t["priority"] for t in safety["targets"]} == {4}  # most urgent of four priorities
    phone = [f for f in routing["filters"] if f["expression"] == "playbook_channel == 'phone'"]
    assert [t["queue"] for f in phone for t in f["targets"]] == ["{{task_queue:team-coordinators}}"]
    assert routing["default_filter"] == {"queue": "{{task_queue:team-coordinators}}"}


def test_twilio_workflow_grows_with_the_routing_rules_not_channels_times_rules(tmp_path):
    """Every channel shares one workflow and each rung one queue: 4x the channels and rules, 4x the bytes (±25%)."""
    from bench import gen

    sizes = []
    for contacts in (200, 800):
        book = tmp_path / f"{contacts}.yaml"
        gen.write_file(book, gen.generate(contacts, today=TODAY))
        files = build_path(book, "twilio")
        sizes.append(sum(len(v) for k, v in files.items() if k != "manifest.json"))
    assert 3 <= sizes[1] / sizes[0] <= 5, sizes


def test_twilio_leaves_vendors_out_and_says_so():
    files = build_example("online-care", "twilio")
    assert "payments_vendor" not in b"".join(v for k, v in files.items() if k.startswith("workflows/")).decode()
    notes = [n["message"] for n in manifest(files)["notes"]]
    assert any("Payments vendor hotline" in n or "payments-vendor" in n or "not a Flex agent" in n for n in notes)


# --- Intercom -----------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_intercom_payloads_and_manifest_validate(example):
    files = build_example(example, "intercom")
    data = manifest(files)
    assert not list(target_validator("manifest").iter_errors(data))
    for step in data["steps"]:
        body = json.loads(files[step["file"]])
        assert not list(target_validator(f"intercom/{step['kind']}").iter_errors(body)), step["file"]


def test_intercom_office_hours_count_from_monday_and_holidays_are_closed_days():
    files = build_example("field-service", "intercom")
    office = json.loads(files["office_hours/office.json"])
    assert office["time_zone_name"] == "America/Chicago"
    assert office["time_intervals"][0] == {"start_minute": 540, "end_minute": 1050}  # Monday 09:00-17:30
    assert office["time_intervals"][4] == {"start_minute": 4 * 1440 + 540, "end_minute": 4 * 1440 + 1050}
    closed = json.loads(files["office_hours/office--closed-2026-12-25.json"])
    assert closed == {"exception_date": "2026-12-25", "exception_type": "closed", "name": "Christmas Day"}
    sla = next(s for s in manifest(files)["manual_steps"] if s["id"].startswith("sla-"))
    p1 = sla["data"]["rules"][0]
    assert p1["targets"] == {"First reply time": "15m", "Next reply time": "30m", "Time to close": "4h"}


def test_intercom_widens_off_boundary_hours(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        calendars:
          office: {weekly: {tue: "09:10-17:05"}}
        priorities:
          P1: {title: A, calendar: office}
        """,
    )
    files = __import__("targets").load("intercom").render(build_plan(result.book))
    body = json.loads(files["office_hours/office.json"])
    assert body["time_intervals"] == [{"start_minute": 1440 + 540, "end_minute": 1440 + 1035}]


# --- KPIs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
@pytest.mark.parametrize("table", TABLES)
def test_kpi_csv_loads_with_the_csv_module_into_the_documented_columns(example, table):
    files = build_example(example, "kpis")
    reader = csv.DictReader(io.StringIO(files[f"{table}.csv"].decode("utf-8"), newline=""))
    rows = list(reader)
    assert reader.fieldnames == names(table)
    document = json.loads(files[f"{table}.json"])
    assert not list(target_validator("kpis/table").iter_errors(document))
    assert [c["name"] for c in document["columns"]] == names(table)
    assert len(rows) == len(document["rows"])
    for row, twin in zip(rows, document["rows"], strict=True):
        for column in TABLES[table]:
            value = twin[column.name]
            if value is None:
                assert row[column.name] == ""
            elif column.type == "string":
                assert row[column.name] == value
            else:
                assert float(row[column.name]) == pytest.approx(value)


def test_kpi_rows_say_direction_band_and_unit():
    rows = json.loads(build_example("field-service", "kpis")["kpis.json"])["rows"]
    by_name = {(r["kpi"], r["channel"]): r for r in rows}
    assert (by_name[("csat", None)]["direction"], by_name[("csat", None)]["band_low"]) == ("at_least", 92)
    assert by_name[("fcr", None)]["direction"] == "within"
    assert (by_name[("aht", "phone")]["band_low"], by_name[("aht", "phone")]["unit"]) == (420, "seconds")
    assert by_name[("abandon_rate", None)]["direction"] == "at_most"
    sla = json.loads(build_example("field-service", "kpis")["sla_targets.json"])["rows"]
    p2 = next(r for r in sla if r["priority"] == "P2" and r["metric"] == "resolve" and r["channel"] == "phone")
    assert (p2["band_high"], p2["clock"], p2["policy"]) == (3 * 8.5 * 3600, "business", "phone+chat+email+web")
    groups = json.loads(build_example("field-service", "kpis")["sla_policies.json"])["rows"]
    assert [(g["policy"], g["applies_to"]) for g in groups] == [
        ("phone+chat+email+web", "channel phone chat email web")
    ]


def test_kpi_tables_grow_linearly_with_the_channels_when_channel_groups_share_sla_targets(tmp_path):
    """8x the channels (and per group) gives 8x the bytes (+-25%), not 8x8: a group's channels are listed once."""
    from bench import gen

    sizes = []
    for contacts in (200, 1600):
        book = tmp_path / f"{contacts}.yaml"
        # The earlier shape: no sla_policies, every channel's targets shared with a fifth of the channels.
        gen.write_file(book, gen.generate(contacts, today=TODAY, realistic=False))
        files = build_path(book, "kpis")
        sizes.append(sum(len(v) for k, v in files.items() if k.startswith("sla_")))
    assert 6 <= sizes[1] / sizes[0] <= 10, sizes


def test_kpi_sla_targets_name_a_channel_group_by_a_bounded_id_described_once_in_sla_policies(tmp_path):
    from bench import gen

    book = tmp_path / "book.yaml"
    gen.write_file(book, gen.generate(600, today=TODAY, realistic=False))
    files = build_path(book, "kpis")
    groups = list(csv.DictReader(io.StringIO(files["sla_policies.csv"].decode("utf-8"), newline="")))
    targets = list(csv.DictReader(io.StringIO(files["sla_targets.csv"].decode("utf-8"), newline="")))
    assert [g["position"] for g in groups] == ["1", "2", "3", "4", "5"]
    first = groups[0]
    assert first["policy"] == "email-emea-0000+5-more"
    assert first["applies_to"].split()[:3] == ["channel", "email-emea-0000", "chat-dach-0005"]
    assert len(first["applies_to"].split()) == 1 + 6
    channels = {g["policy"]: set(g["applies_to"].removeprefix("channel ").split()) for g in groups}
    assert all(row["channel"] in channels[row["policy"]] for row in targets)
    assert {row["policy"] for row in targets} == set(channels)


def test_kpi_staffing_rows_are_the_staffing_maths():
    rows = json.loads(build_example("online-care", "kpis")["staffing.json"])["rows"]
    first = rows[0]
    assert (first["channel"], first["interval_start"], first["agents_planned"]) == ("phone", "09:00", 24)
    assert first["agents_required"] <= first["agents_scheduled"]


def test_readme_documents_the_kpi_columns():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme


# --- Checklists ---------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_checklists_are_markdown_and_html_for_each_product(example):
    files = build_example(example, "checklists")
    assert sorted(files) == sorted(f"{p}.{ext}" for p in ("hubspot", "five9", "ringcentral") for ext in ("md", "html"))
    assert b"<script" not in b"".join(files[n] for n in files if n.endswith(".html"))


def test_hubspot_checklist_has_every_sla_value_to_enter():
    text = build_example("field-service", "checklists")["hubspot.md"].decode()
    assert "| Urgent (P1) | 15m | 30m | 4h | 24/7 (calendar time) |" in text
    assert "| High (P2) | 1h | 4h | 3bd | office business hours |" in text
    assert "Holiday (closed all day): 2026-11-26 Thanksgiving Day" in text


def test_contact_centre_checklists_have_service_levels_and_the_ladder():
    files = build_example("online-care", "checklists")
    for product in ("five9", "ringcentral"):
        text = files[f"{product}.md"].decode()
        assert "service level 80% answered within 20 seconds" in text
        assert "5m after the ticket opens" in text


def test_stack_targets_are_listed_and_built_from_the_cli(tmp_path):
    from click.testing import CliRunner

    from cli import main

    listed = CliRunner().invoke(main, ["targets"]).output
    for target in STACK:
        assert f"\n{target} " in "\n" + listed
    out = tmp_path / "out"
    args = ["build", str(EXAMPLES / "minimal.yaml"), "--today", TODAY.isoformat(), "--out", str(out)]
    for target in STACK:
        args += ["-t", target]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert all((out / target).is_dir() for target in STACK)
