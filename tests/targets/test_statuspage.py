"""Statuspage incident templates: one per status for each priority that posts to the status page."""

from __future__ import annotations

from tests.targets.support import build_example, build_path, manifest, notes, payloads


def test_each_status_page_priority_gets_a_template_per_incident_status():
    templates = [t["template"] for t in payloads(build_example("online-care", "statuspage"), "incident_template")]
    assert [(t["name"], t["update_status"]) for t in templates] == [
        ("P0 - investigating", "investigating"),
        ("P0 - identified", "identified"),
        ("P0 - monitoring", "monitoring"),
        ("P0 - resolved", "resolved"),
    ]
    assert {t["title"] for t in templates} == {"Outage or security incident"}


def test_the_templates_promise_the_priorities_update_cadence():
    templates = {
        t["template"]["update_status"]: t["template"]
        for t in payloads(build_example("field-service", "statuspage"), "incident_template")
    }
    assert templates["investigating"]["body"].endswith("We will post the next update within 30 minutes.")
    assert "next update" not in templates["resolved"]["body"]


def test_the_page_is_looked_up_by_its_url_and_templates_are_replaced_by_hand():
    data = manifest(build_example("online-care", "statuspage"))
    assert data["lookups"] == [
        {
            "ref": "{{page:status}}",
            "find": "GET /v1/pages",
            "match": {"url": "https://status.lumen.example"},
            "label": "Lumen Online Care status page",
        }
    ]
    assert {step["path"] for step in data["steps"]} == {"/v1/pages/{{page:status}}/incident_templates"}
    assert "statuspage-replace" in {step["id"] for step in data["manual_steps"]}


def test_a_priority_without_an_update_cadence_gets_templates_that_promise_none(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "playbook: t\npriorities:\n  P1: {title: Down, status_page: true}\nsla:\n  P1: {acknowledge: 1h, resolve: 4h}\n"
    )
    files = build_path(tmp_path / "p.yaml", "statuspage")
    bodies = [t["template"]["body"] for t in payloads(files, "incident_template")]
    assert not any("next update" in body for body in bodies)
    assert notes(files, "omitted") == [
        "P1 posts to the status page but has no update_every: the templates promise no next update"
    ]


def test_with_sla_policies_the_templates_promise_the_fastest_policys_cadence_and_say_so():
    files = build_example("saas-desk", "statuspage")
    templates = {t["template"]["update_status"]: t["template"] for t in payloads(files, "incident_template")}
    # The triage fallback promises no updates; the emergency policy's P1 updates every 30 minutes.
    assert templates["investigating"]["body"].endswith("We will post the next update within 30 minutes.")
    (note,) = [n for n in notes(files, "approximated") if n.startswith("P1's SLA policies")]
    assert "SLA policy emergency's periodic_update 30m" in note and "security 1h" in note
