"""`playbook plan` and `apply` against the fake help desks, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from cli import main
from schemas import load_schema
from targets.shared.live import run
from targets.shared.live.applying import ApplyFailed
from tests.fakes import FakeFreshdesk, FakeZendesk
from tests.helpers import TODAY
from tests.live.support import Waits, client, env, given_ids, id_options, seed
from tests.targets.support import APPLIED_EXAMPLES, EXAMPLE_PATHS, build_example, build_path, manifest

CASES = [(target, example) for target in ("zendesk", "freshdesk") for example in APPLIED_EXAMPLES]
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
        yield Account(target, str(EXAMPLE_PATHS[example]), fake, build_example(example, target))


class Account:
    """A fake account and the bundle an example compiles to: plan and apply in-process, over the same HTTP."""

    def __init__(self, target: str, path: str, fake, files: dict[str, bytes]) -> None:
        self.target, self.path, self.fake, self.files = target, path, fake, files

    def plan(self, files: dict[str, bytes] | None = None, **options):
        with client(self.fake) as http:
            return run.plan(self.target, http, files or self.files, ids=given_ids(self.files), **options)

    def apply(self, files: dict[str, bytes] | None = None, **options):
        ids = given_ids(self.files)
        with client(self.fake) as http:
            run.apply(self.target, http, run.plan(self.target, http, files or self.files, ids=ids, **options))
            return run.plan(self.target, http, files or self.files, ids=ids, **options)

    def cli(self, command: str, *args: str, **options):
        live = command in ("plan", "apply")
        ids = id_options(self.files) if live else []
        return cli(self.fake, command, *([self.path] if live else []), *args, *ids, **options)


def by_case(cases):
    return pytest.mark.parametrize("account", cases, indirect=True, ids=[f"{t}-{e}" for t, e in cases])


@by_case(CASES)
def test_apply_then_plan_exits_0_and_a_second_apply_sends_no_write(account):
    applied = account.cli("apply", "-t", account.target, "--yes")
    assert applied.exit_code == 0, applied.output
    assert f"{account.target} is in sync with the playbook" in applied.stdout
    _every_object_sent_follows_its_payload_schema(account)
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 0, planned.output
    assert "in sync: no changes" in planned.stdout
    account.fake.clear_log()
    again = account.cli("apply", "-t", account.target, "--yes")
    assert again.exit_code == 0, again.output
    assert account.fake.writes() == []


@by_case([("zendesk", "online-care")])
def test_ui_edit_to_an_sla_target_makes_plan_exit_1_naming_the_field(account):
    account.apply()
    fake = account.fake
    policy = fake.find("sla_policies", "Lumen Online Care: email")
    metrics = [{**m, "target": 30} if m["metric"] == "first_reply_time" and m["priority"] == "urgent" else m
               for m in policy["policy_metrics"]]  # fmt: skip
    fake.ui_edit("sla_policies", "Lumen Online Care: email", {"policy_metrics": metrics})
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 1
    assert '~ update sla_policy "Lumen Online Care: email"' in planned.stdout
    assert "policy_metrics[urgent first_reply_time].target: 30 -> 15" in planned.stdout
    applied = account.cli("apply", "-t", account.target, stdin="y\n")
    assert applied.exit_code == 0, applied.output
    assert f"Apply 1 change to {account.fake.url}? [y/N]: " in applied.stdout
    assert applied.stdout.endswith("applied 1 change; zendesk is in sync with the playbook\n")


@by_case([("freshdesk", "field-service")])
def test_ui_edit_in_freshdesk_names_the_field_and_apply_puts_it_back(account):
    account.apply()
    fake, name = account.fake, "Prairie Field Service: phone, chat, email, Web form"
    targets = fake.find("sla_policies", name)["sla_target"]
    targets["priority_4"]["respond_within"] = 3600
    fake.ui_edit("sla_policies", name, {"sla_target": targets})
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 1
    assert "sla_target.priority_4.respond_within: 3600 -> 900" in planned.stdout
    assert account.apply().in_sync
    assert fake.find("sla_policies", name)["sla_target"]["priority_4"]["respond_within"] == 900


@by_case([("zendesk", "field-service")])
def test_rule_switched_off_in_the_ui_is_switched_back_on(account):
    account.apply()
    account.fake.ui_edit("automations", account.fake.objects("automations")[0]["title"], {"active": False})
    changes = account.plan().changes
    assert [(c.action, [(f.path, f.old, f.new) for f in c.fields]) for c in changes] == [
        ("update", [("active", False, True)])
    ]
    assert account.apply().in_sync


@by_case([("zendesk", "minimal"), ("freshdesk", "minimal")])
def test_rate_limits_on_reads_and_writes_are_waited_out_and_apply_converges(account):
    account.fake.inject(429, method="POST", retry_after="0", times=3)
    account.fake.inject(429, method="GET", retry_after="0", times=2)
    applied = account.cli("apply", "-t", account.target, "--yes")
    assert applied.exit_code == 0, applied.output
    assert applied.stderr.count("rate limited: waiting 0 s") == 5
    assert account.plan().in_sync


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


@by_case([("zendesk", "minimal")])
def test_missing_user_stops_before_any_write_and_names_the_email(account):
    users = account.fake.store["users"]
    del users[next(uid for uid, u in users.items() if u["email"] == "sam@cornershop.example")]
    applied = account.cli("apply", "-t", account.target, "--yes")
    assert applied.exit_code == 2
    assert "no Zendesk user with email sam@cornershop.example (Sam Owner, {{user:owner}})" in applied.output
    assert account.fake.writes() == []
    assert account.plan().problems


@by_case([("freshdesk", "minimal")])
def test_missing_business_hours_point_to_the_manual_step(account):
    hours = account.fake.store["business_hours"]
    account.fake.store["business_hours"] = {k: v for k, v in hours.items() if v["is_default"]}
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 2
    assert "no Freshdesk business hours named 'Corner Shop Support: shop'" in planned.output


@by_case([("freshdesk", "field-service")])
def test_plan_lists_the_manual_steps_no_lookup_can_confirm(account):
    # The agents are found by email and the business hours by name: only the business-hours
    # step is done; the routing switch, the survey and the tagging habit are still to check by hand.
    titles = [step["title"] for step in manifest(account.files)["manual_steps"]]
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 1, planned.output
    listed = planned.stdout.split("Manual steps the API cannot do (see the build's manifest.json):\n", 1)[1]
    assert listed.splitlines() == [f"  - {title}" for title in titles if not title.startswith("Create business hours")]
    assert "Keep ticket-creation rules on 'first matching rule'" in listed


@by_case([("zendesk", "field-service")])
def test_refused_write_stops_with_the_vendors_reason_and_a_rerun_finishes(account):
    user = next(u for u in account.fake.store["users"].values() if u["email"] == "billing@prairie.example")
    user["role"] = "end-user"  # group members must be agents: Zendesk refuses the membership
    applied = account.cli("apply", "-t", account.target, "--yes")
    assert applied.exit_code == 2
    assert "applied 4 of 38 changes" in applied.stderr
    assert "422" in applied.stderr and "Billing Desk is not an agent" in applied.stderr
    user["role"] = "agent"
    assert account.apply().in_sync


@by_case([("zendesk", "minimal")])
def test_objects_playbook_does_not_manage_are_never_touched(account):
    fake = account.fake
    mine = fake.ui_create("triggers", {"title": "Route 1: VIP", "conditions": {"all": [], "any": []},
                                        "actions": [{"field": "priority", "value": "high"}]})  # fmt: skip
    before = fake.find("triggers", "Route 1: VIP")
    assert account.apply().in_sync
    assert fake.find("triggers", "Route 1: VIP") == before
    assert all(str(mine) not in w.path for w in fake.writes())


@by_case([("zendesk", "online-care")])
def test_existing_group_is_adopted(account):
    fake = account.fake
    gid = fake.ui_create("groups", {"name": "Engineering", "description": "made by hand"})
    helper = fake.add_user("Helper", "helper@lumen.example")
    fake.ui_create("group_memberships", {"user_id": helper, "group_id": gid})
    planned = account.cli("plan", "-t", account.target)
    assert '* adopt group "Engineering"' in planned.stdout
    assert "made by hand" in planned.stdout
    assert f'x delete group_membership "{helper} in {gid} (group Engineering)"' in planned.stdout
    assert account.apply().in_sync  # one apply: the adopted group's members are the playbook's at once
    assert [g["name"] for g in fake.objects("groups")].count("Engineering") == 1
    assert fake.find("groups", "Engineering")["description"].endswith("[playbook:lumen-care]")


def _without_chat_route(tmp_path, target: str) -> dict[str, bytes]:
    copy = tmp_path / "playbook"
    shutil.copytree(EXAMPLE_PATHS["online-care"], copy)
    text = (copy / "playbook.yaml").read_text()
    (copy / "playbook.yaml").write_text(text.replace("  - {channel: chat, team: care-agents, within: 5m}\n", ""))
    return build_path(copy, target)


@by_case([("zendesk", "online-care"), ("freshdesk", "online-care")])
def test_rule_dropped_from_the_playbook_is_deactivated_then_deleted_with_delete(account, tmp_path):
    account.apply()
    smaller = _without_chat_route(tmp_path, account.target)
    changes = account.plan(smaller).changes
    # Routes are numbered, so the default route is renumbered too: a new rule, the old one switched off.
    assert sorted((c.action, c.key) for c in changes if c.action in ("create", "deactivate")) == [
        ("create", "Route 4: default -> Care Agents"),
        ("deactivate", "Route 4: channel chat -> Care Agents"),
        ("deactivate", "Route 5: default -> Care Agents"),
    ]
    assert account.apply(smaller).in_sync
    kind, rule_type = ("triggers", ()) if account.target == "zendesk" else ("rules", (1,))
    assert account.fake.find(kind, "Route 4: channel chat -> Care Agents", *rule_type)["active"] is False
    assert account.apply(smaller, delete=True).in_sync
    with pytest.raises(KeyError):
        account.fake.find(kind, "Route 4: channel chat -> Care Agents", *rule_type)


@by_case([("zendesk", "online-care")])
def test_sla_policies_moved_in_the_ui_are_put_back_in_order(account):
    fake = account.fake
    fake.ui_create("sla_policies", {"title": "Hand-made", "filter": {"all": [], "any": []}, "policy_metrics": []})
    account.apply()
    moved = {"Lumen Online Care: email": 1, "Hand-made": 2, "Lumen Online Care: phone, chat": 3}
    for policy in fake.store["sla_policies"].values():
        policy["position"] = moved[policy["title"]]
    planned = account.cli("plan", "-t", account.target)
    assert planned.exit_code == 1 and "^ reorder sla_policy" in planned.stdout
    assert account.apply().in_sync
    assert [p["title"] for p in fake.objects("sla_policies")] == [
        "Lumen Online Care: phone, chat",
        "Hand-made",
        "Lumen Online Care: email",
    ]


@by_case([("zendesk", "minimal")])
def test_declining_the_prompt_writes_nothing(account):
    declined = account.cli("apply", "-t", account.target, stdin="n\n")
    assert declined.exit_code == 1 and "nothing was written" in declined.stderr
    assert account.fake.writes() == []
    # No answer at all (no terminal, as in CI without --yes) is no, and says how to apply anyway.
    unanswered = account.cli("apply", "-t", account.target, stdin="")
    assert unanswered.exit_code == 1
    assert unanswered.stderr.endswith("\nnothing was written (--yes applies without asking)\n")
    assert "Aborted" not in unanswered.output
    assert account.fake.writes() == []
    accepted = account.cli("apply", "-t", account.target, stdin="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "[1/12] create schedule" in accepted.stderr and "[12/12]" in accepted.stderr


@by_case([("zendesk", "minimal")])
def test_wrong_token_is_an_error_without_the_token_in_any_output(account):
    planned = account.cli("plan", "-t", account.target, extra_env={"ZENDESK_API_TOKEN": "do-not-print-me"})
    assert planned.exit_code == 2
    assert "401" in planned.output and "do-not-print-me" not in planned.output


@by_case([("zendesk", "minimal")])
def test_plain_http_to_a_real_host_is_refused(account):
    refused = account.cli("plan", "-t", account.target, "--url", "http://acme.zendesk.com")
    assert refused.exit_code == 2 and "refusing plain http://" in refused.output
    assert account.fake.requests == []


@by_case([("zendesk", "online-care"), ("freshdesk", "minimal")])
def test_json_plan_follows_its_schema_and_markdown_is_a_table(account):
    from jsonschema import Draft7Validator

    account.apply()
    name = {"zendesk": "Security", "freshdesk": "Corner Shop Support: email"}[account.target]
    kind = {"zendesk": "groups", "freshdesk": "sla_policies"}[account.target]
    marker = "[playbook:lumen-care]" if account.target == "zendesk" else "[playbook:corner-shop]"
    account.fake.ui_edit(kind, name, {"description": f"changed\n\n{marker}"})
    planned = account.cli("plan", "-t", account.target, "--format", "json")
    report = json.loads(planned.stdout)
    Draft7Validator(load_schema("live-plan")).validate(report)
    assert report["in_sync"] is False and report["summary"] == {"update": 1}
    markdown = account.cli("plan", "-t", account.target, "--format", "markdown").stdout
    assert f'| `description` | `"changed\\n\\n{marker}"` |' in markdown


def test_playbook_with_errors_is_refused_before_connecting(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("playbook: x\npriorities: {P1: {title: A}}\nsla: {P9: {acknowledge: 1h}}\n")
    with FakeZendesk() as fake:
        refused = cli(fake, "plan", str(bad), "-t", "zendesk")
        assert refused.exit_code == 2 and "fix the playbook first" in refused.output
        assert fake.requests == []


def _every_object_sent_follows_its_payload_schema(account: Account) -> None:
    """What apply sent (markers added, placeholders resolved) still validates against the target's contracts."""
    from targets.shared.contracts import target_validator

    checked = 0
    for write in account.fake.writes():
        kind = _kind_of(account.target, write.method, write.path, write.body or {})
        if kind is None:
            continue
        errors = [e.message for e in target_validator(f"{account.target}/{kind}").iter_errors(write.body)]
        assert errors == [], (write.path, errors)
        assert "{{" not in json.dumps(write.body).replace("{{ticket.", ""), write.body  # every placeholder resolved
        checked += 1
    assert checked == len(json.loads(account.files["manifest.json"])["steps"])


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


SAAS_POLICIES = [
    "Security reports (24/7)",
    "Emergency for Enterprise and Premium (24/7)",
    "Privacy requests",
    "Billing requests",
    "Reseller partners",
    "Enterprise plan",
    "Premium plan",
    "Standard plan",
    "Free plan",
]


@by_case([("zendesk", "saas-desk")])
def test_zendesk_sla_policies_keep_their_filters_and_positions_and_a_ui_move_is_put_back(account):
    fake = account.fake
    assert account.apply().in_sync
    assert [p["title"] for p in fake.objects("sla_policies")] == [*SAAS_POLICIES, "Triage (no plan recognised)"]
    partners = fake.find("sla_policies", "Reseller partners")["filter"]
    organizations = sorted(str(o["id"]) for o in fake.objects("organizations"))  # condition values are text
    assert sorted(c["value"] for c in partners["any"] if c["field"] == "organization_id") == organizations
    billing = fake.find("sla_policies", "Billing requests")["filter"]["all"]
    assert {
        "field": "ticket_form_id",
        "operator": "is",
        "value": str(fake.find("ticket_forms", "Billing request")["id"]),
    } in billing
    for policy in fake.store["sla_policies"].values():  # "Free plan" dragged to the top in Admin Center
        policy["position"] = 0 if policy["title"] == "Free plan" else policy["position"]
    planned = account.cli("plan", "-t", "zendesk")
    assert planned.exit_code == 1 and "^ reorder sla_policy" in planned.stdout
    assert account.apply().in_sync
    assert [p["title"] for p in fake.objects("sla_policies")][:9] == SAAS_POLICIES


@by_case([("freshdesk", "saas-desk")])
def test_freshdesk_policies_apply_with_their_scope_and_plan_checks_the_order_it_cannot_write(account):
    fake = account.fake
    ids = given_ids(account.files)
    assert account.apply().in_sync
    live = fake.objects("sla_policies")
    assert [p["name"] for p in live if not p["is_default"]] == SAAS_POLICIES
    scope = fake.find("sla_policies", "Emergency for Enterprise and Premium (24/7)")["applicable_to"]
    assert scope == {
        "company_segments": [ids["{{company_segment:enterprise-plan}}"], ids["{{company_segment:premium-plan}}"]],
        "ticket_types": ["Emergency"],
    }
    partners = fake.find("sla_policies", "Reseller partners")["applicable_to"]["company_ids"]
    assert sorted(partners) == sorted(c["id"] for c in fake.objects("companies"))
    planned = account.cli("plan", "-t", "freshdesk")
    assert planned.exit_code == 0, planned.output
    assert "Order the SLA policies" not in planned.stdout  # the API reads the order: the manual step is done
    assert "Set the default SLA policy" in planned.stdout  # the default policy is still Freshdesk's own
    for policy in fake.store["sla_policies"].values():  # someone drags "Free plan" to the top
        policy["position"] = 0 if policy["name"] == "Free plan" else policy["position"]
    moved = account.cli("plan", "-t", "freshdesk")
    assert "  - Order the SLA policies" in moved.stdout


@by_case([("freshdesk", "saas-desk")])
def test_a_segment_no_api_can_find_is_an_error_naming_the_id_option(account):
    applied = cli(account.fake, "apply", account.path, "-t", "freshdesk", "--yes")
    assert applied.exit_code == 2
    assert (
        "Enterprise plan ({{company_segment:enterprise-plan}}) has no API to look it up: find its id in Admin > "
        "Segments > Company segments (no documented API) and give it with --id company_segment:enterprise-plan=ID"
    ) in applied.output
    assert account.fake.writes() == []
    bad = cli(account.fake, "plan", account.path, "-t", "freshdesk", "--id", "enterprise-plan")
    assert bad.exit_code == 2 and "write it as KIND:NAME=ID" in bad.output


@by_case([("freshdesk", "saas-desk")])
def test_the_default_policy_set_by_hand_is_a_manual_step_done(account):
    account.apply()
    step = next(s for s in manifest(account.files)["manual_steps"] if s["id"] == "freshdesk-default-sla")
    assert step["title"] in account.plan().manual_steps
    default = next(p for p in account.fake.store["sla_policies"].values() if p["is_default"])
    default.update(name=step["data"]["name"], sla_target=step["data"]["sla_target"])
    assert step["title"] not in account.plan().manual_steps
