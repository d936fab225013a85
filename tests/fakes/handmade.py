"""Help-desk accounts configured by hand, as a team that never used playbook runs them (a test fixture).

Each function fills a fake through the API's own handlers (`FakeServer.ui`,
validated as the vendor validates) with what an administrator makes in the
web UI: agents, groups with members, business hours with holidays, SLA
policies scoped and ordered their own way, routing, notifications and
escalations, and the rules every account has that a playbook cannot hold
(auto-close, reminders to the requester, a VIP policy by organisation). Names,
texts and tags are the team's own, never playbook's.

`ZENDESK` and `FRESHDESK` name what the tests look for.
"""

from __future__ import annotations

from typing import Any

from tests.fakes.freshdesk import FakeFreshdesk
from tests.fakes.zendesk import FakeZendesk

API = "/api/v2"
PEOPLE = {
    "alice": ("Alice Moreno", "alice.moreno@harbor.example"),
    "ben": ("Ben Okafor", "ben.okafor@harbor.example"),
    "chen": ("Chen Wei", "chen.wei@harbor.example"),
    "dana": ("Dana Kowalski", "dana.kowalski@harbor.example"),
    "eve": ("Eve Lindqvist", "eve.lindqvist@harbor.example"),
    "frank": ("Frank Osei", "frank.osei@harbor.example"),
}
# What the tests name.
ZENDESK = {
    "adopted_policy": "Email and web form",
    "other_policy": "Phone and chat",
    "vip_policy": "VIP customers",
    "schedule": "Support hours",
    "unused_schedule": "Warehouse hours",
    "alert": "Page the duty manager on urgent tickets",
    "urgent_step": "Urgent: escalate to Specialists after 1 hour",
    "auto_close": "Close solved tickets after 4 days",
    "reminder": "Pending reminder to the requester",
}


def _week(days: range, start: str, end: str) -> list[dict[str, int]]:
    """Zendesk's minutes of the week (Sunday 00:00 = 0) for the same hours on each of `days` (0 = Sunday)."""
    minutes = [int(t[:2]) * 60 + int(t[3:]) for t in (start, end)]
    return [{"start_time": day * 1440 + minutes[0], "end_time": day * 1440 + minutes[1]} for day in days]


def _zendesk_rule(title: str, all_: list[dict], actions: list[dict], any_: list[dict] | None = None, **extra: Any):
    return {"title": title, "conditions": {"all": all_, "any": any_ or []}, "actions": actions, **extra}


def zendesk(fake: FakeZendesk) -> dict[str, Any]:
    """A Zendesk account run by hand by a small online shop's support team; the ids of what was made."""
    users = {key: fake.add_user(name, email) for key, (name, email) in PEOPLE.items()}
    fake.add_user("Pat Customer", "pat@customer.example", "end-user")
    groups = {}
    for name, description, members in (
        ("Frontline", "First line: every new ticket lands here", ["alice", "ben"]),
        ("Specialists", "Second line for hard cases and phone calls", ["chen"]),
        ("Billing", "Refunds, invoices and payment problems", ["eve"]),
        ("Managers", "Duty and support managers", ["dana", "frank"]),
    ):
        group = {"group": {"name": name, "description": description}}
        groups[name] = fake.ui("POST", f"{API}/groups", group)["group"]["id"]
        for member in members:
            membership = {"group_membership": {"user_id": users[member], "group_id": groups[name]}}
            fake.ui("POST", f"{API}/group_memberships", membership)
    schedules = {
        "support": _zendesk_schedule(fake, "Support hours", "Eastern Time (US & Canada)", range(1, 6), "08:00-18:00"),
        "warehouse": _zendesk_schedule(
            fake, "Warehouse hours", "Pacific Time (US & Canada)", range(1, 7), "06:00-14:00"
        ),
    }
    for name, start, end in (
        ("Thanksgiving", "2026-11-26", "2026-11-26"),
        ("Christmas", "2026-12-24", "2026-12-25"),
        ("New Year", "2027-01-01", "2027-01-01"),
    ):
        holiday = {"holiday": {"name": name, "start_date": start, "end_date": end}}
        fake.ui("POST", f"{API}/business_hours/schedules/{schedules['support']}/holidays", holiday)
    _zendesk_policies(fake)
    _zendesk_triggers(fake, users, groups)
    _zendesk_automations(fake, users, groups)
    view = {
        "title": "Unassigned tickets",
        "all": [_is("status", "solved", "less_than"), _is("assignee_id", "")],
        "any": [],
        "output": {"columns": ["status", "subject", "requester"]},
    }
    fake.ui("POST", f"{API}/views", {"view": view})
    macro = {"title": "Refund issued", "actions": [_set("comment_value", "We have refunded your order.")]}
    fake.ui("POST", f"{API}/macros", {"macro": macro})
    return {"users": users, "groups": groups, "schedules": schedules}


def _is(field: str, value: str, operator: str = "is") -> dict[str, str]:
    return {"field": field, "operator": operator, "value": value}


def _set(field: str, value: Any) -> dict[str, Any]:
    return {"field": field, "value": value}


def _zendesk_schedule(fake: FakeZendesk, name: str, zone: str, days: range, hours: str) -> int:
    path = f"{API}/business_hours/schedules"
    sid = fake.ui("POST", path, {"schedule": {"name": name, "time_zone": zone}})["schedule"]["id"]
    start, end = hours.split("-")
    fake.ui("PUT", f"{path}/{sid}/workweek", {"workweek": {"intervals": _week(days, start, end)}})
    return sid


def _zendesk_policies(fake: FakeZendesk) -> None:
    def metrics(*cells: tuple[str, str, int, bool]) -> list[dict[str, Any]]:
        return [{"priority": p, "metric": m, "target": t, "business_hours": b} for p, m, t, b in cells]

    first, update, wait = "first_reply_time", "periodic_update_time", "requester_wait_time"
    for title, description, filter_, cells in (
        ("VIP customers", "Our ten biggest accounts", {"all": [_is("organization_id", "9001")], "any": []},
         metrics(("urgent", first, 15, False))),
        ("Phone and chat", "Live channels", {"all": [], "any": [_is("via_id", "34"), _is("via_id", "29")]},
         metrics(("urgent", first, 30, False), ("urgent", wait, 240, False), ("high", first, 60, True),
                 ("high", wait, 480, True))),
        ("Email and web form", "Written channels", {"all": [], "any": [_is("via_id", "4"), _is("via_id", "0")]},
         metrics(("urgent", first, 60, False), ("urgent", update, 120, False), ("urgent", wait, 480, False),
                 ("high", first, 240, True), ("high", wait, 960, True), ("normal", first, 480, True),
                 ("normal", wait, 2400, True), ("low", first, 1440, True), ("low", wait, 4800, True))),
    ):  # fmt: skip
        policy = {"title": title, "description": description, "filter": filter_, "policy_metrics": cells}
        fake.ui("POST", f"{API}/slas/policies", {"sla_policy": policy})


def _zendesk_triggers(fake: FakeZendesk, users: dict[str, int], groups: dict[str, int]) -> None:
    def category(name: str, position: int) -> str:
        body = {"trigger_category": {"name": name, "position": position}}
        return fake.ui("POST", f"{API}/trigger_categories", body)["trigger_category"]["id"]

    routing, notices = category("Routing", 1), category("Notifications", 2)
    created = _is("update_type", "Create")

    def group(name: str) -> dict[str, Any]:
        return _set("group_id", str(groups[name]))

    # Every routing trigger sets the group; later ones win, so the catch-all comes first.
    for category_id, title, all_, any_, actions, active in (
        (routing, "Everything else to Frontline", [created], [], [group("Frontline")], True),
        (routing, "Phone calls to Specialists", [created], [_is("via_id", "34")],
         [group("Specialists"), _set("priority", "high")], True),
        (routing, "Billing questions to Billing", [created, _is("current_tags", "billing", "includes")], [],
         [group("Billing")], True),
        (routing, "Old VIP routing", [created, _is("organization_id", "9001")], [], [group("Specialists")], False),
        (notices, ZENDESK["alert"], [_is("priority", "urgent"), created], [],
         [_set("notification_user", [str(users["dana"]), "Urgent ticket {{ticket.id}}", "Look: {{ticket.link}}"])],
         True),
        (notices, "Notify requester of received request", [created], [],
         [_set("notification_user", ["requester_id", "We got your request", "Thanks for writing to us."])], True),
    ):  # fmt: skip
        rule = _zendesk_rule(title, all_, actions, any_, active=active, category_id=category_id)
        fake.ui("POST", f"{API}/triggers", {"trigger": rule})


def _zendesk_automations(fake: FakeZendesk, users: dict[str, int], groups: dict[str, int]) -> None:
    unsolved, new = _is("status", "solved", "less_than"), _is("status", "new")
    for title, level, status, hours, operator, field, whom, tag in (
        (ZENDESK["urgent_step"], "urgent", unsolved, "1", "greater_than", "group", groups["Specialists"],
         "esc_urgent_specialists"),
        ("Urgent: tell the support manager after 4 hours", "urgent", unsolved, "4", "greater_than", "user",
         users["frank"], "esc_urgent_manager"),
        ("High: untouched after 4 business hours", "high", new, "4", "greater_than_business_hours", "group",
         groups["Managers"], "esc_high_new"),
    ):  # fmt: skip
        conditions = [
            _is("priority", level),
            status,
            _is("NEW", hours, operator),
            _is("current_tags", tag, "not_includes"),
        ]
        notify = _set(
            f"notification_{field}", [str(whom), f"{title}: {{{{ticket.id}}}}", "Please look: {{ticket.link}}"]
        )
        rule = _zendesk_rule(title, conditions, [notify, _set("current_tags", tag)])
        fake.ui("POST", f"{API}/automations", {"automation": rule})
    for title, conditions, actions in (
        (ZENDESK["auto_close"], [_is("status", "solved"), _is("SOLVED", "96", "greater_than")],
         [_set("status", "closed")]),
        (ZENDESK["reminder"], [_is("status", "pending"), _is("PENDING", "24", "greater_than"),
                               _is("current_tags", "reminded", "not_includes")],
         [_set("notification_user", ["requester_id", "Still there?", "We are waiting for you."]),
          _set("current_tags", "reminded")]),
    ):  # fmt: skip
        fake.ui("POST", f"{API}/automations", {"automation": _zendesk_rule(title, conditions, actions)})


FRESHDESK = {
    "adopted_policy": "Email and portal",
    "other_policy": "Phone and chat",
    "vip_policy": "VIP companies",
    "high_step": "High: unresolved after 4 business hours",
    "medium_step": "Medium: unresolved after a day",
    "auto_close": "Close resolved tickets after 2 days",
    "reminder": "Remind the requester of a pending ticket",
    "auto_tag": "Tag tickets from VIP companies",
}


def freshdesk(fake: FakeFreshdesk) -> dict[str, Any]:
    """The same team's Freshdesk account, run by hand; the ids of what was made."""
    agents = {key: fake.add_agent(name, email) for key, (name, email) in PEOPLE.items()}
    hours = next(b["id"] for b in fake.objects("business_hours") if b["is_default"])
    fake.ui_add_business_hours("Warehouse", "Pacific Time (US & Canada)", {"saturday": ("06:00 am", "02:00 pm")})
    groups = {}
    for name, description, members, lead, unassigned in (
        ("Frontline", "First line: every new ticket lands here", ["alice", "ben"], "ben", "1h"),
        ("Specialists", "Second line for hard cases and phone calls", ["chen"], None, None),
        ("Billing", "Refunds, invoices and payment problems", ["eve"], "eve", "2d"),
        ("Managers", "Duty and support managers", ["dana", "frank"], None, None),
    ):
        group: dict[str, Any] = {"name": name, "description": description, "agent_ids": [agents[m] for m in members]}
        if lead:
            group.update(escalate_to=agents[lead], unassigned_for=unassigned)
        groups[name] = fake.ui("POST", f"{API}/groups", group)["id"]

    def target(respond: int, resolve: int, business: bool, escalate: bool = False) -> dict[str, Any]:
        return {"respond_within": respond, "resolve_within": resolve, "business_hours": business,
                "escalation_enabled": escalate}  # fmt: skip

    urgent = target(1800, 14400, False, True)
    escalation = {
        "response": {"escalation_time": 1800, "agent_ids": [agents["dana"]]},
        "resolution": {"level_1": {"escalation_time": 3600, "agent_ids": [agents["frank"]]}},
    }
    for name, description, scope, targets, block in (
        ("VIP companies", "Our ten biggest accounts", {"company_ids": [501]},
         [target(900, 7200, False)] * 4, {}),
        ("Phone and chat", "Live channels", {"sources": [7, 3]},
         [urgent, target(3600, 28800, True), target(7200, 57600, True), target(14400, 115200, True)], escalation),
        ("Email and portal", "Written channels", {"sources": [1, 2]},
         [urgent, target(7200, 57600, True), target(14400, 86400, True), target(28800, 172800, True)],
         {**escalation, "reminder_response": {"escalation_time": -1800, "agent_ids": [-1]}}),
    ):  # fmt: skip
        policy = {"name": name, "description": description, "applicable_to": scope, "escalation": block,
                  "sla_target": {f"priority_{4 - n}": t for n, t in enumerate(targets)}}  # fmt: skip
        fake.ui("POST", f"{API}/sla_policies", policy)

    def rule(kind: int, name: str, props: list[dict[str, Any]], actions: list[dict[str, Any]]) -> None:
        conditions = [{"name": "condition_set_1", "match_type": "all", "properties": props}]
        fake.ui("POST", f"{API}/automations/{kind}/rules", {"name": name, "conditions": conditions, "actions": actions})

    def prop(field: str, operator: str, value: Any, **extra: Any) -> dict[str, Any]:
        return {"resource_type": "ticket", "field_name": field, "operator": operator, "value": value, **extra}

    def to_group(name: str) -> dict[str, Any]:
        return {"field_name": "group_id", "value": groups[name]}

    rule(1, "Billing emails to Billing", [prop("tags", "in", ["billing"])], [to_group("Billing")])
    rule(1, "Phone to Specialists", [prop("source", "in", [3])],
         [to_group("Specialists"), {"field_name": "priority", "value": 3}])  # fmt: skip
    rule(1, FRESHDESK["auto_tag"], [prop("company_id", "in", [501])], [{"field_name": "add_tag", "value": ["vip"]}])
    rule(1, "Unassigned to Frontline", [prop("group_id", "in", [""])], [to_group("Frontline")])

    def email(field: str, whom: int, subject: str) -> dict[str, Any]:
        return {"field_name": field, "email_to": whom, "email_subject": subject, "email_body": "<p>Please look.</p>"}

    unresolved = prop("status", "not_in", [4, 5])
    rule(3, FRESHDESK["high_step"],
         [prop("hours_since_created", "greater_than", 4, business_hours_id=int(hours)), prop("priority", "in", [3]),
          unresolved, prop("tags", "not_in", ["esc_high"])],
         [email("send_email_to_group", groups["Specialists"], "High ticket waiting"),
          {"field_name": "add_tag", "value": ["esc_high"]}])  # fmt: skip
    rule(3, FRESHDESK["medium_step"],
         [prop("hours_since_created", "greater_than", 24), prop("priority", "in", [2]), unresolved,
          prop("tags", "not_in", ["esc_medium"])],
         [email("send_email_to_agent", agents["frank"], "Medium ticket open for a day"),
          {"field_name": "add_tag", "value": ["esc_medium"]}])  # fmt: skip
    rule(3, FRESHDESK["auto_close"], [prop("status", "in", [4]), prop("hours_since_resolved", "greater_than", 48)],
         [{"field_name": "status", "value": 5}])  # fmt: skip
    rule(3, FRESHDESK["reminder"], [prop("status", "in", [3]), prop("hours_since_pending", "greater_than", 72)],
         [{"field_name": "send_email_to_requester", "email_subject": "Still there?",
           "email_body": "<p>Hi</p>"}])  # fmt: skip
    return {"agents": agents, "groups": groups, "business_hours": hours}
