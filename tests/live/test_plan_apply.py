"""`playbook plan` and `apply` against the fake help desks, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from cli import main
from schemas import load_schema
from targets.live import run
from targets.live.engine import ApplyFailed
from tests.fakes import FakeFreshdesk, FakeZendesk
from tests.fakes import zendesk as zd
from tests.helpers import TODAY
from tests.live.support import Waits, client, env, seed
from tests.targets.support import EXAMPLE_PATHS, build_example

CASES = [(target, example) for target in ("zendesk", "freshdesk") for example in EXAMPLE_PATHS]
FAKES = {"zendesk": FakeZendesk, "freshdesk": FakeFreshdesk}


def cli(fake, *args: str, extra_env: dict[str, str] | None = None, stdin: str | None = None):
    return CliRunner().invoke(
        main, [*args, "--today", TODAY.isoformat()], env={**env(fake), **(extra_env or {})}, input=stdin
    )


@pytest.fixture
def account(request):
    """A fake account for (target, example), seeded with the people the example's build looks up."""
    target, example = request.param
    with FAKES[target]() as fake:
        seed(fake, build_example(example, target))
        yield target, str(EXAMPLE_PATHS[example]), fake


def by_case(cases):
    return pytest.mark.parametrize("account", cases, indirect=True, ids=[f"{t}-{e}" for t, e in cases])


@by_case(CASES)
def test_apply_then_plan_is_in_sync_for_every_example(account):
    target, path, fake = account
    applied = cli(fake, "apply", path, "-t", target, "--yes")
    assert applied.exit_code == 0, applied.output
    assert f"{target} is in sync with the playbook" in applied.stdout
    planned = cli(fake, "plan", path, "-t", target)
    assert planned.exit_code == 0, planned.output
    assert "in sync: no changes" in planned.stdout


@by_case(CASES)
def test_second_apply_sends_no_write_request(account):
    target, path, fake = account
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    fake.clear_log()
    again = cli(fake, "apply", path, "-t", target, "--yes")
    assert again.exit_code == 0, again.output
    assert fake.writes() == []


@by_case([("zendesk", "online-care")])
def test_ui_edit_to_an_sla_target_makes_plan_exit_1_naming_the_field(account):
    target, path, fake = account
    cli(fake, "apply", path, "-t", target, "--yes")
    policy = fake.find("sla_policies", "Lumen Online Care: email")
    metrics = [{**m, "target": 30} if m["metric"] == "first_reply_time" and m["priority"] == "urgent" else m
               for m in policy["policy_metrics"]]  # fmt: skip
    fake.ui_edit("sla_policies", "Lumen Online Care: email", {"policy_metrics": metrics})
    planned = cli(fake, "plan", path, "-t", target)
    assert planned.exit_code == 1
    assert '~ update sla_policy "Lumen Online Care: email"' in planned.stdout
    assert "policy_metrics[urgent first_reply_time].target: 30 -> 15" in planned.stdout
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert cli(fake, "plan", path, "-t", target).exit_code == 0


@by_case([("freshdesk", "field-service")])
def test_ui_edit_in_freshdesk_names_the_field_and_apply_puts_it_back(account):
    target, path, fake = account
    cli(fake, "apply", path, "-t", target, "--yes")
    name = "Prairie Field Service: phone, chat, email, Web form"
    targets = fake.find("sla_policies", name)["sla_target"]
    targets["priority_4"]["respond_within"] = 3600
    fake.ui_edit("sla_policies", name, {"sla_target": targets})
    planned = cli(fake, "plan", path, "-t", target)
    assert planned.exit_code == 1
    assert "sla_target.priority_4.respond_within: 3600 -> 900" in planned.stdout
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert fake.find("sla_policies", name)["sla_target"]["priority_4"]["respond_within"] == 900


@by_case([("zendesk", "field-service")])
def test_rule_switched_off_in_the_ui_is_switched_back_on(account):
    target, path, fake = account
    cli(fake, "apply", path, "-t", target, "--yes")
    fake.ui_edit("automations", fake.objects("automations")[0]["title"], {"active": False})
    planned = cli(fake, "plan", path, "-t", target, "--format", "json")
    report = json.loads(planned.stdout)
    assert planned.exit_code == 1
    assert report["changes"][0]["fields"] == [{"path": "active", "live": False, "playbook": True}]


@by_case([("zendesk", "minimal"), ("freshdesk", "minimal")])
def test_rate_limits_on_writes_are_waited_out_and_apply_converges(account):
    target, path, fake = account
    fake.inject(429, method="POST", retry_after="0", times=3)
    fake.inject(429, method="GET", retry_after="0", times=2)
    applied = cli(fake, "apply", path, "-t", target, "--yes")
    assert applied.exit_code == 0, applied.output
    assert applied.stderr.count("rate limited: waiting 0 s") == 5
    assert cli(fake, "plan", path, "-t", target).exit_code == 0


@pytest.mark.parametrize("target", ["zendesk", "freshdesk"])
def test_503_mid_apply_after_the_write_took_effect_creates_no_duplicate(target):
    files = build_example("online-care", target)
    with FAKES[target]() as fake:
        seed(fake, files)
        fake.inject(429, method="POST", path="rules$|triggers$", retry_after="2", times=2)
        fake.inject(503, method="POST", path="sla_policies$|slas/policies$", after=True)
        fake.inject(503, method="GET", times=2)
        waits = Waits()
        with client(fake, waits) as http:
            run.apply(target, http, run.plan(target, http, files))
            final = run.plan(target, http, files)
        assert final.in_sync, final.changes
        assert waits == [1, 2, 2, 2]  # the two 503s on reads backed off; the 429s waited as asked
        titles = [p.get("title") or p.get("name") for p in fake.objects("sla_policies")]
        assert len(titles) == len(set(titles))


@pytest.mark.parametrize("target", ["zendesk", "freshdesk"])
def test_failure_half_way_reports_what_was_applied_and_a_rerun_converges(target):
    files = build_example("field-service", target)
    with FAKES[target]() as fake:
        seed(fake, files)
        broken = fake.inject(500, method="POST", path="sla_policies$|slas/policies$", times=None)
        with client(fake) as http:
            first = run.plan(target, http, files)
            with pytest.raises(ApplyFailed) as caught:
                run.apply(target, http, first)
            assert caught.value.done and caught.value.change.kind == "sla_policy"
            assert "may or may not have taken effect" in str(caught.value)
            broken.times = 0  # the outage is over
            middle = run.plan(target, http, files)
            assert 0 < len(middle.changes) < len(first.changes)
            run.apply(target, http, middle)
            assert run.plan(target, http, files).in_sync


@by_case([("zendesk", "online-care")])
def test_missing_user_stops_before_any_write_and_names_the_email(account):
    target, path, fake = account
    users = fake.store["users"]
    gone = next(uid for uid, u in users.items() if u["email"] == "merchant-support@payflow.example")
    del users[gone]
    applied = cli(fake, "apply", path, "-t", target, "--yes")
    assert applied.exit_code == 2
    assert "no Zendesk user with email merchant-support@payflow.example" in applied.output
    assert fake.writes() == []
    assert cli(fake, "plan", path, "-t", target).exit_code == 2


@by_case([("freshdesk", "field-service")])
def test_missing_business_hours_point_to_the_manual_step(account):
    target, path, fake = account
    fake.store["business_hours"] = {k: v for k, v in fake.store["business_hours"].items() if v["is_default"]}
    planned = cli(fake, "plan", path, "-t", target)
    assert planned.exit_code == 2
    assert "no Freshdesk business hours named 'Prairie Field Service: office'" in planned.output


@by_case([("zendesk", "field-service")])
def test_refused_write_stops_with_the_vendors_reason_and_a_rerun_finishes(account):
    target, path, fake = account
    user = next(u for u in fake.store["users"].values() if u["email"] == "billing@prairie.example")
    user["role"] = "end-user"  # group members must be agents: Zendesk refuses the membership
    applied = cli(fake, "apply", path, "-t", target, "--yes")
    assert applied.exit_code == 2
    assert "applied 4 of 38 changes" in applied.stderr
    assert "422" in applied.stderr and "Billing Desk is not an agent" in applied.stderr
    user["role"] = "agent"
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert cli(fake, "plan", path, "-t", target).exit_code == 0


@by_case([("zendesk", "minimal")])
def test_objects_playbook_does_not_manage_are_never_touched(account):
    target, path, fake = account
    mine = fake.ui_create("triggers", {"title": "Route 1: VIP", "conditions": {"all": [], "any": []},
                                        "actions": [{"field": "priority", "value": "high"}]})  # fmt: skip
    before = fake.find("triggers", "Route 1: VIP")
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert fake.find("triggers", "Route 1: VIP") == before
    assert all(str(mine) not in w.path for w in fake.writes())


@by_case([("zendesk", "online-care")])
def test_existing_group_is_adopted(account):
    target, path, fake = account
    fake.ui_create("groups", {"name": "Engineering", "description": "made by hand"})
    planned = cli(fake, "plan", path, "-t", target)
    assert '* adopt group "Engineering"' in planned.stdout
    assert "made by hand" in planned.stdout
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert [g["name"] for g in fake.objects("groups")].count("Engineering") == 1
    assert fake.find("groups", "Engineering")["description"].endswith("[playbook:lumen-care]")


def _without_last_route(tmp_path, example: str):
    copy = tmp_path / "playbook"
    shutil.copytree(EXAMPLE_PATHS[example], copy)
    text = (copy / "playbook.yaml").read_text()
    (copy / "playbook.yaml").write_text(text.replace("  - {channel: chat, team: care-agents, within: 5m}\n", ""))
    return copy


@by_case([("zendesk", "online-care"), ("freshdesk", "online-care")])
def test_rule_dropped_from_the_playbook_is_deactivated_not_deleted(account, tmp_path):
    target, path, fake = account
    cli(fake, "apply", path, "-t", target, "--yes")
    smaller = _without_last_route(tmp_path, "online-care")
    planned = cli(fake, "plan", str(smaller), "-t", target)
    assert planned.exit_code == 1
    assert "- deactivate" in planned.stdout and "Route 4: channel chat" in planned.stdout
    assert cli(fake, "apply", str(smaller), "-t", target, "--yes").exit_code == 0
    kind, rule_type = ("triggers", None) if target == "zendesk" else ("rules", 1)
    found = fake.find(kind, "Route 4: channel chat -> Care Agents", *([rule_type] if rule_type else []))
    assert found["active"] is False
    assert cli(fake, "plan", str(smaller), "-t", target).exit_code == 0
    deleted = cli(fake, "apply", str(smaller), "-t", target, "--yes", "--delete")
    assert deleted.exit_code == 0, deleted.output
    with pytest.raises(KeyError):
        fake.find(kind, "Route 4: channel chat -> Care Agents", *([rule_type] if rule_type else []))


@by_case([("zendesk", "online-care")])
def test_sla_policies_moved_in_the_ui_are_put_back_in_order(account):
    target, path, fake = account
    fake.ui_create("sla_policies", {"title": "Hand-made", "filter": {"all": [], "any": []}, "policy_metrics": []})
    cli(fake, "apply", path, "-t", target, "--yes")
    moved = {"Lumen Online Care: email": 1, "Hand-made": 2, "Lumen Online Care: phone, chat": 3}
    for policy in fake.store["sla_policies"].values():
        policy["position"] = moved[policy["title"]]
    planned = cli(fake, "plan", path, "-t", target)
    assert planned.exit_code == 1 and "^ reorder sla_policy" in planned.stdout
    assert cli(fake, "apply", path, "-t", target, "--yes").exit_code == 0
    assert [p["title"] for p in fake.objects("sla_policies")] == [
        "Lumen Online Care: phone, chat",
        "Hand-made",
        "Lumen Online Care: email",
    ]
    assert cli(fake, "plan", path, "-t", target).exit_code == 0


@by_case([("zendesk", "minimal")])
def test_declining_the_prompt_writes_nothing(account):
    target, path, fake = account
    declined = cli(fake, "apply", path, "-t", target, stdin="n\n")
    assert declined.exit_code == 1 and "nothing was written" in declined.stderr
    assert fake.writes() == []
    accepted = cli(fake, "apply", path, "-t", target, stdin="y\n")
    assert accepted.exit_code == 0, accepted.output


@by_case([("zendesk", "minimal")])
def test_apply_shows_progress_as_done_of_total(account):
    target, path, fake = account
    applied = cli(fake, "apply", path, "-t", target, "--yes")
    assert "[1/12] create schedule" in applied.stderr and "[12/12]" in applied.stderr


@by_case([("zendesk", "minimal")])
def test_wrong_token_is_an_error_without_the_token_in_any_output(account):
    target, path, fake = account
    planned = cli(fake, "plan", path, "-t", target, extra_env={"ZENDESK_API_TOKEN": "do-not-print-me"})
    assert planned.exit_code == 2
    assert "401" in planned.output and "do-not-print-me" not in planned.output
    assert zd.TOKEN not in planned.output


@by_case([("zendesk", "minimal")])
def test_plain_http_to_a_real_host_is_refused(account):
    target, path, fake = account
    refused = cli(fake, "plan", path, "-t", target, "--url", "http://acme.zendesk.com")
    assert refused.exit_code == 2 and "refusing plain http://" in refused.output
    assert fake.requests == []


@by_case([("zendesk", "online-care"), ("freshdesk", "online-care")])
def test_json_plan_follows_its_schema_and_markdown_is_a_table(account):
    from jsonschema import Draft7Validator

    target, path, fake = account
    cli(fake, "apply", path, "-t", target, "--yes")
    fake.ui_edit("groups", "Security", {"description": "changed\n\n[playbook:lumen-care]"})
    planned = cli(fake, "plan", path, "-t", target, "--format", "json")
    report = json.loads(planned.stdout)
    Draft7Validator(load_schema("live-plan")).validate(report)
    assert report["in_sync"] is False and report["summary"] == {"update": 1}
    markdown = cli(fake, "plan", path, "-t", target, "--format", "markdown").stdout
    assert '| `description` | `"changed\\n\\n[playbook:lumen-care]"` |' in markdown


def test_playbook_with_errors_is_refused_before_connecting(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("playbook: x\npriorities: {P1: {title: A}}\nsla: {P9: {acknowledge: 1h}}\n")
    with FakeZendesk() as fake:
        refused = cli(fake, "plan", str(bad), "-t", "zendesk")
        assert refused.exit_code == 2 and "fix the playbook first" in refused.output
        assert fake.requests == []


def _kind_of(target: str, method: str, path: str, body: dict) -> str | None:
    """The payload contract a write to `path` follows (None for partial writes: reorders, switching off)."""
    if target == "zendesk":
        kind = next(iter(body))
        return kind if method == "POST" or kind == "workweek" else None
    if method != "POST":
        return None
    for suffix, kind in (("/groups", "group"), ("/sla_policies", "sla_policy"), ("/1/rules", "ticket_creation_rule"),
                         ("/3/rules", "time_trigger_rule")):  # fmt: skip
        if path.endswith(suffix):
            return kind
    return None


@pytest.mark.parametrize(("target", "example"), CASES)
def test_every_object_sent_validates_against_its_payload_schema(target, example):
    from schemas import target_validator

    files = build_example(example, target)
    with FAKES[target]() as fake:
        seed(fake, files)
        with client(fake) as http:
            run.apply(target, http, run.plan(target, http, files))
        checked = 0
        for write in fake.writes():
            kind = _kind_of(target, write.method, write.path, write.body or {})
            if kind is None:
                continue
            errors = [e.message for e in target_validator(f"{target}/{kind}").iter_errors(write.body)]
            assert errors == [], (write.path, errors)
            assert "{{" not in json.dumps(write.body).replace("{{ticket.", ""), write.body  # every placeholder resolved
            checked += 1
        assert checked == len(json.loads(files["manifest.json"])["steps"])
