"""Freshdesk objects for `playbook plan` and `apply`: how each kind is listed, compared, marked and written.

Endpoints and shapes from developers.freshdesk.com/api (see the payload schemas
under schemas/targets/freshdesk and ../shared/reference/helpdesk-targets.md §3):
bare JSON bodies and lists, `page`/`per_page` pagination with a Link header;
SLA policies have no DELETE (switched off with `active: false`); automation
rules are ordered by their `position`; business hours are read-only (looked up
by name, created by hand: a manual step of the build).

Ownership marker: `[playbook:<id>]` at the end of the description of groups,
SLA policies and automation rules.

Adopted objects (made by hand, named in `adopted.freshdesk.json`) are compared
and written only in what the playbook holds of them (`held`): a group's name,
agents, lead and 'unassigned for'; an SLA policy's sources, targets and
escalation; a routing rule's conditions, group and priority; a time trigger's
hours, priority, status and whom it emails. Names, descriptions, email
subjects and bodies, guard tags and other actions stay as the account has them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from targets.shared.live.compare import split_marker, with_kept, without
from targets.shared.live.engine import Adapter, Have, Kind, LivePlan, position
from targets.shared.live.http import Client

API = "/api/v2"
EMAIL = ("send_email_to_agent", "send_email_to_group")
# What the playbook holds of an adopted automation rule, by its role: condition fields (None: all), actions.
HELD_PROPERTIES = {"route": None, "step": {"hours_since_created", "priority", "status"}}
HELD_ACTIONS = {"route": {"group_id", "priority"}, "step": set(EMAIL)}


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))


def _held_property(role: str, prop: dict[str, Any]) -> bool:
    fields = HELD_PROPERTIES[role]
    return fields is None or prop.get("field_name") in fields


def _property(prop: dict[str, Any]) -> dict[str, Any]:
    """A condition as the playbook compares it: values in order, a business-hours id as text."""
    prop = dict(prop)
    if isinstance(prop.get("value"), list):
        prop["value"] = sorted(prop["value"], key=str)
    if prop.get("business_hours_id") is not None:
        prop["business_hours_id"] = str(prop["business_hours_id"])
    return prop


def emailed(action: dict[str, Any]) -> dict[str, Any]:
    """An email action as the playbook holds it: to whom, not what it says."""
    return {"field_name": action.get("field_name"), "email_to": str(action.get("email_to"))}


def held_rule(body: dict[str, Any], role: str) -> dict[str, Any]:
    sets = []
    for condition_set in body.get("conditions") or []:
        props = [_property(p) for p in condition_set.get("properties") or [] if _held_property(role, p)]
        # One condition matches the same whether the set says all or any.
        match = "all" if len(condition_set.get("properties") or []) == 1 else condition_set.get("match_type")
        sets.append({"match_type": match, "properties": _sorted(props)})
    actions = [a for a in body.get("actions") or [] if a.get("field_name") in HELD_ACTIONS[role]]
    return {
        "active": body.get("active", True),
        "operator": body.get("operator"),
        "conditions": sets,
        "actions": _sorted([emailed(a) if a.get("field_name") in EMAIL else a for a in actions]),
    }


def merged_rule(live: dict[str, Any], body: dict[str, Any], role: str) -> dict[str, Any]:
    """The compiled rule's held conditions and actions in the hand-made one, whose others stay, as do its emails'
    subjects and bodies."""
    theirs = live.get("conditions") or []
    sets = []
    for index, condition_set in enumerate(body.get("conditions") or []):
        kept = theirs[index].get("properties") or [] if index < len(theirs) else []
        props = [p for p in condition_set["properties"] if _held_property(role, p)]
        props += [p for p in kept if not _held_property(role, p)]
        sets.append({**condition_set, "properties": props})
    texts = [
        {k: a[k] for k in ("email_subject", "email_body") if k in a}
        for a in live.get("actions") or []
        if a.get("field_name") in EMAIL
    ]
    actions = []
    for action in body.get("actions") or []:
        if action.get("field_name") not in HELD_ACTIONS[role]:
            continue
        if action.get("field_name") in EMAIL and texts:
            action = {**action, **texts.pop(0)}
        actions.append(action)
    actions += [a for a in live.get("actions") or [] if a.get("field_name") not in HELD_ACTIONS[role]]
    merged = {"active": body.get("active", True), "conditions": sets, "actions": actions}
    if body.get("operator") is not None or live.get("operator") is not None:
        merged["operator"] = body.get("operator")
    return merged


def _pick(raw: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: raw.get(name) for name in names if name in raw and raw.get(name) is not None}


class FreshdeskKind(Kind):
    path = ""
    title_field = "name"

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        return client.all(self.path)

    def create(self, client: Client, body: dict[str, Any], parent: Any) -> dict[str, Any]:
        return client.request("POST", self.path, body=body)

    def update(self, client: Client, have: Have, body: dict[str, Any]) -> None:
        client.request("PUT", f"{self.path}/{have.id}", body=body)

    def delete(self, client: Client, have: Have) -> None:
        client.request("DELETE", f"{self.path}/{have.id}")

    def deactivate(self, client: Client, have: Have) -> None:
        client.request("PUT", f"{self.path}/{have.id}", body={"active": False})


class Group(FreshdeskKind):
    name, path = "group", f"{API}/groups"
    # A group's name is its team's; its business hours are set by hand (a manual step of the build).
    live_owned = frozenset({"description", "business_hour_id"})

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description", "agent_ids", "escalate_to", "unassigned_for", "business_hour_id")

    def comparable(self, body: dict[str, Any]) -> dict[str, Any]:
        if isinstance(body.get("agent_ids"), list):
            body = {**body, "agent_ids": sorted(body["agent_ids"], key=str)}
        return body


class SlaPolicy(FreshdeskKind):
    name, path = "sla_policy", f"{API}/sla_policies"
    deactivates, deletable = True, False  # the API has no DELETE for SLA policies

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        return [p for p in client.all(self.path) if not p.get("is_default")]

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "name", "description", "active", "sla_target", "applicable_to", "escalation")
        if not body.get("escalation"):
            body.pop("escalation", None)
        return body

    def held(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        found = super().held(body, role, keep)
        scope = found.get("applicable_to")
        if isinstance(scope, dict):
            found["applicable_to"] = {k: sorted(v, key=str) if isinstance(v, list) else v for k, v in scope.items()}
        return found


class Rule(FreshdeskKind):
    """Automation rules of one type; `position` orders them (first match wins for ticket creation)."""

    rule_type = 0
    ordered, deactivates = True, True
    role_name = "route"

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description", "active", "performer", "events", "conditions", "operator", "actions")

    def role(self, file: str) -> str:
        return self.role_name

    def held(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        return without(held_rule(body, role or self.role_name), keep)

    def merged(self, have: Have, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        return with_kept(without(merged_rule(have.body, body, role or self.role_name), keep), have.body, keep)

    def kept_parts(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> list[str]:
        role = role or self.role_name
        found = super().kept_parts(body, role, keep)
        for condition_set in body.get("conditions") or []:
            for prop in condition_set.get("properties") or []:
                if not _held_property(role, prop):
                    found.append(f"condition {prop.get('field_name')} {prop.get('operator')} {prop.get('value')!r}")
        for action in body.get("actions") or []:
            if action.get("field_name") not in HELD_ACTIONS[role]:
                found.append(f"action {action.get('field_name')} {action.get('value')!r}")
            elif action.get("field_name") in EMAIL:
                found.append("the email's subject and body")
        return found

    def reorder(self, client: Client, live: list[Have], wanted: list[Have]) -> None:
        """Each managed rule moves into the next slot its group holds; moving upwards leaves earlier ones alone."""
        slots = sorted(h.position for h in live if any(h is w for w in wanted))
        for have, slot in zip(wanted, slots, strict=True):
            client.request("PUT", f"{self.path}/{have.id}", body={"position": slot})


class TicketCreationRule(Rule):
    name, path, rule_type = "ticket_creation_rule", f"{API}/automations/1/rules", 1


class TimeTriggerRule(Rule):
    name, path, rule_type = "time_trigger_rule", f"{API}/automations/3/rules", 3
    role_name = "step"


class FreshdeskAdapter(Adapter):
    target = "freshdesk"
    kinds = [Group(), SlaPolicy(), TicketCreationRule(), TimeTriggerRule()]

    def manual_done(self, client: Client, step: dict[str, Any], plan: LivePlan) -> bool:
        """The SLA policies' order and the default policy: the API reads both, though it cannot write them."""
        if step.get("id") == "freshdesk-sla-order":
            wanted = [plan.adopted[w.step].key if w.step in plan.adopted else w.key
                      for w in plan.wants if w.kind == "sla_policy"]  # fmt: skip
            live = sorted(plan.haves.get("sla_policy", []), key=position)
            return [h.key for h in live if h.key in wanted and h.active] == wanted
        if step.get("id") == "freshdesk-default-sla":
            data = step.get("data") or {}
            default = next((p for p in client.all(SlaPolicy.path) if p.get("is_default")), None)
            return (
                default is not None
                and split_marker(default.get("name"))[0] == data.get("name")
                and all(
                    {k: (default.get("sla_target") or {}).get(level, {}).get(k) for k in entry} == entry
                    for level, entry in (data.get("sla_target") or {}).items()
                )
            )
        return False

    def lookup(self, client: Client, entry: dict[str, Any]) -> Any:
        """An agent by email (or name), business hours, a company or a product by name, with the manifest's request.

        A lookup whose `find` is no GET request (segments: Freshdesk documents no API for them) is done by hand.
        """
        method, _, target = entry["find"].partition(" ")
        if method != "GET":
            return None
        parts = urlsplit(target)
        items = client.all(parts.path, params=dict(parse_qsl(parts.query)))
        field, wanted = next(iter(entry["match"].items()))
        for item in items:
            value = item.get(field)
            if value is None and "contact" in item:
                value = item["contact"].get(field.removeprefix("contact."))
            if str(value or "").lower() == str(wanted).lower():
                return item["id"]
        return None

    def missing(self, entry: dict[str, Any]) -> str:
        field, value = next(iter(entry["match"].items()))
        if not entry["find"].startswith("GET "):
            ref = entry["ref"].strip("{}")
            return (
                f"{entry['label']} ({entry['ref']}) has no API to look it up: find its id in {entry['find']} and "
                f"give it with --id {ref}=ID"
            )
        if not entry["ref"].startswith(("{{agent:", "{{business_hours:")):
            what = entry["ref"][2:].partition(":")[0].replace("_", " ")
            return f"no Freshdesk {what} named {value!r}: create it, then run again"
        if entry["ref"].startswith("{{business_hours:"):
            return (
                f"no Freshdesk business hours named {value!r}: Freshdesk's API cannot create them, so create them in "
                "Admin > Business hours as the build manifest's manual step says, then run again"
            )
        return (
            f"no Freshdesk agent with {field.removeprefix('contact.')} {value} ({entry['label']}, {entry['ref']}): "
            "add them as an agent (an occasional agent is enough), then run again"
        )


ADAPTER = FreshdeskAdapter()
