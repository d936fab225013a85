"""Freshdesk objects for `playbook plan` and `apply`: how each kind is listed, compared, marked and written.

Endpoints and shapes from developers.freshdesk.com/api (see the payload schemas
under schemas/targets/freshdesk and ../shared/reference/helpdesk-targets.md §3):
bare JSON bodies and lists, `page`/`per_page` pagination with a Link header;
SLA policies have no DELETE (switched off with `active: false`); automation
rules are ordered by their `position`; business hours are read-only (looked up
by name, created by hand: a manual step of the build).

Ownership marker: `[playbook:<id>]` at the end of the description of groups,
SLA policies and automation rules.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from targets.shared.live.engine import Adapter, Have, Kind
from targets.shared.live.http import Client

API = "/api/v2"


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

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description", "agent_ids", "escalate_to", "unassigned_for")

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


class Rule(FreshdeskKind):
    """Automation rules of one type; `position` orders them (first match wins for ticket creation)."""

    rule_type = 0
    ordered, deactivates = True, True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description", "active", "performer", "events", "conditions", "operator", "actions")

    def reorder(self, client: Client, live: list[Have], wanted: list[Have]) -> None:
        """Each managed rule moves into the next slot its group holds; moving upwards leaves earlier ones alone."""
        slots = sorted(h.position for h in live if any(h is w for w in wanted))
        for have, slot in zip(wanted, slots, strict=True):
            client.request("PUT", f"{self.path}/{have.id}", body={"position": slot})


class TicketCreationRule(Rule):
    name, path, rule_type = "ticket_creation_rule", f"{API}/automations/1/rules", 1


class TimeTriggerRule(Rule):
    name, path, rule_type = "time_trigger_rule", f"{API}/automations/3/rules", 3


class FreshdeskAdapter(Adapter):
    target = "freshdesk"
    kinds = [Group(), SlaPolicy(), TicketCreationRule(), TimeTriggerRule()]

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
            return (
                f"{entry['label']} ({entry['ref']}) has no API to look it up: find its id in {entry['find']} and "
                "put it in place of the placeholder, then run again"
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
