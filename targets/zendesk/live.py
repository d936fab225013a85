"""Zendesk objects for `playbook plan` and `apply`: how each kind is listed, compared, marked and written.

Endpoints and shapes from developer.zendesk.com/api-reference (see the payload
schemas under schemas/targets/zendesk and ../shared/reference/helpdesk-targets.md §2):
objects travel in their singular envelope; lists are cursor-paginated except
SLA policies, schedules and holidays; a schedule's hours are written only with
PUT …/workweek; SLA policies are reordered with PUT /api/v2/slas/policies/reorder
(every id, in order); triggers, automations and views with PUT …/update_many.

Ownership marker: `[playbook:<id>]` at the end of the description of groups,
ticket fields, triggers, SLA policies, views and macros; at the end of the
name or title of schedules, trigger categories and automations (they have no
description). Memberships belong to their group, holidays and the workweek to
their schedule.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from targets.shared.live.engine import Adapter, Have, Kind
from targets.shared.live.http import Client

API = "/api/v2"
PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def _conditions(raw: Any) -> dict[str, list[Any]]:
    raw = raw or {}
    return {"all": list(raw.get("all") or []), "any": list(raw.get("any") or [])}


def _pick(raw: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: raw.get(name) for name in names if name in raw}


class ZendeskKind(Kind):
    path = ""
    list_key = ""
    paged = True
    update_method = "PUT"

    @property
    def root(self) -> str:
        return self.name

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        if self.paged:
            return client.all(self.path, self.list_key)
        return list((client.get(self.path) or {}).get(self.list_key) or [])

    def create(self, client: Client, body: dict[str, Any], parent: Any) -> dict[str, Any]:
        return client.request("POST", self.path, body={self.root: body})[self.root]

    def update(self, client: Client, have: Have, body: dict[str, Any]) -> None:
        client.request(self.update_method, f"{self.path}/{have.id}", body={self.root: body})

    def delete(self, client: Client, have: Have) -> None:
        client.request("DELETE", f"{self.path}/{have.id}")

    def deactivate(self, client: Client, have: Have) -> None:
        client.request("PUT", f"{self.path}/{have.id}", body={self.root: {"active": False}})

    def reorder(self, client: Client, live: list[Have], wanted: list[Have]) -> None:
        """update_many: the managed objects take the positions they already hold, in the playbook's order."""
        slots = sorted(h.position for h in live if any(h is w for w in wanted))
        items = [{"id": have.id, "position": slot} for have, slot in zip(wanted, slots, strict=True)]
        client.request("PUT", f"{self.path}/update_many", body={self.list_key: items})


class Group(ZendeskKind):
    name, path, list_key, title_field = "group", f"{API}/groups", "groups", "name"

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description")


class Membership(ZendeskKind):
    name, path, list_key = "group_membership", f"{API}/group_memberships", "group_memberships"
    marker, parent, follows_parent, label_from_step = "parent", "group", True, True

    def key(self, body: dict[str, Any]) -> str:
        return f"{body.get('user_id')} in {body.get('group_id')}"

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        """Memberships of the managed groups only (GET /api/v2/groups/{id}/memberships), not the account's."""
        found = []
        for parent in parents:
            found += [
                {**m, "__parent": parent.id} for m in client.all(f"{Group.path}/{parent.id}/memberships", self.list_key)
            ]
        return found

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "user_id", "group_id")


class TicketField(ZendeskKind):
    name, path, list_key = "ticket_field", f"{API}/ticket_fields", "ticket_fields"

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "type", "title", "description", "active")
        if raw.get("custom_field_options") is not None:
            body["custom_field_options"] = [_pick(o, "name", "value") for o in raw["custom_field_options"]]
        return body


class Schedule(ZendeskKind):
    name, path, list_key, paged = "schedule", f"{API}/business_hours/schedules", "schedules", False
    marker, title_field = "title", "name"

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "time_zone")


class Workweek(ZendeskKind):
    """A schedule's weekly hours: read from the schedule, written only through PUT …/workweek."""

    name, marker, parent, deletable, label_from_step = "workweek", "parent", "schedule", False, True
    ignored = frozenset()

    def key(self, body: dict[str, Any]) -> str:
        return "weekly hours"

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        found = []
        for parent in parents:
            intervals = parent.raw.get("intervals")
            if intervals is None:  # a parent known by id only (re-read after a lost answer)
                intervals = (client.get(f"{Schedule.path}/{parent.id}") or {}).get("schedule", {}).get("intervals")
            found.append({"id": parent.id, "intervals": intervals or [], "__parent": parent.id})
        return found

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return {"intervals": [_pick(i, "start_time", "end_time") for i in raw.get("intervals") or []]}

    def create(self, client: Client, body: dict[str, Any], parent: Any) -> dict[str, Any]:
        client.request("PUT", f"{Schedule.path}/{parent}/workweek", body={"workweek": body})
        return {"id": parent}

    def update(self, client: Client, have: Have, body: dict[str, Any]) -> None:
        self.create(client, body, have.parent_id)


class Holiday(ZendeskKind):
    name, marker, parent, follows_parent, label_from_step = "holiday", "parent", "schedule", True, True

    def key(self, body: dict[str, Any]) -> str:
        return str(body.get("start_date"))

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        found = []
        for parent in parents:
            holidays = (client.get(f"{Schedule.path}/{parent.id}/holidays") or {}).get("holidays") or []
            found += [{**h, "__parent": parent.id} for h in holidays]
        return found

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "start_date", "end_date")

    def create(self, client: Client, body: dict[str, Any], parent: Any) -> dict[str, Any]:
        return client.request("POST", f"{Schedule.path}/{parent}/holidays", body={"holiday": body})["holiday"]

    def update(self, client: Client, have: Have, body: dict[str, Any]) -> None:
        client.request("PUT", f"{Schedule.path}/{have.parent_id}/holidays/{have.id}", body={"holiday": body})

    def delete(self, client: Client, have: Have) -> None:
        client.request("DELETE", f"{Schedule.path}/{have.parent_id}/holidays/{have.id}")


class TriggerCategory(ZendeskKind):
    name, path, list_key = "trigger_category", f"{API}/trigger_categories", "trigger_categories"
    marker, title_field, update_method = "title", "name", "PATCH"

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name")


class Trigger(ZendeskKind):
    name, path, list_key = "trigger", f"{API}/triggers", "triggers"
    ordered, deactivates = True, True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "title", "description", "active", "actions")
        body["conditions"] = _conditions(raw.get("conditions"))
        if raw.get("category_id") is not None:
            body["category_id"] = str(raw["category_id"])
        return body


class SlaPolicy(ZendeskKind):
    name, path, list_key, paged = "sla_policy", f"{API}/slas/policies", "sla_policies", False
    ordered = True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "title", "description", "policy_metrics")
        body["filter"] = _conditions(raw.get("filter"))
        return body

    def comparable(self, body: dict[str, Any]) -> dict[str, Any]:
        # The order of metrics carries no meaning: compare them sorted.
        if isinstance(body.get("policy_metrics"), list):
            body = dict(body)
            body["policy_metrics"] = sorted(
                body["policy_metrics"], key=lambda m: (PRIORITY_ORDER.get(m.get("priority"), 9), str(m.get("metric")))
            )
        return body

    def reorder(self, client: Client, live: list[Have], wanted: list[Have]) -> None:
        """PUT …/reorder takes every policy: others keep their places, managed ones fill theirs in order."""
        queue = list(wanted)
        order = [queue.pop(0).id if any(h is w for w in wanted) else h.id for h in live]
        client.request("PUT", f"{self.path}/reorder", body={"sla_policy_ids": order})


class Automation(ZendeskKind):
    name, path, list_key = "automation", f"{API}/automations", "automations"
    marker, ordered, deactivates = "title", True, True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "title", "active", "actions")
        body["conditions"] = _conditions(raw.get("conditions"))
        return body


class View(ZendeskKind):
    name, path, list_key = "view", f"{API}/views", "views"
    ordered, deactivates = True, True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "title", "description", "active", "restriction")
        if body.get("restriction") is None:
            body.pop("restriction", None)
        body.update(_conditions(raw.get("conditions")))
        execution = raw.get("execution") or {}
        output: dict[str, Any] = {
            "columns": [c.get("id") if isinstance(c, dict) else c for c in execution.get("columns") or []]
        }
        output.update(
            {k: execution[k] for k in ("group_by", "group_order", "sort_by", "sort_order") if execution.get(k)}
        )
        body["output"] = output
        return body


class Macro(ZendeskKind):
    name, path, list_key = "macro", f"{API}/macros", "macros"
    deactivates = True

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "title", "description", "active", "actions")


class ZendeskAdapter(Adapter):
    target = "zendesk"
    kinds = [
        Group(), Membership(), TicketField(), Schedule(), Workweek(), Holiday(), TriggerCategory(), Trigger(),
        SlaPolicy(), Automation(), View(), Macro(),
    ]  # fmt: skip

    def unwrap(self, kind: str, body: Any) -> tuple[dict[str, Any], str]:
        return body[kind], f"/{kind}"

    def lookup(self, client: Client, entry: dict[str, Any]) -> Any:
        """A user by email (or name), or an organization, ticket form or brand by name: the manifest's request."""
        method, _, target = entry["find"].partition(" ")
        parts = urlsplit(target)
        kind = entry["ref"][2:].partition(":")[0]
        key = {"organization": "organizations", "ticket_form": "ticket_forms", "brand": "brands"}.get(kind, "users")
        items = (client.get(parts.path, dict(parse_qsl(parts.query))) or {}).get(key) or []
        field, wanted = next(iter(entry["match"].items()))
        found = [u for u in items if str(u.get(field, "")).lower() == str(wanted).lower()]
        return found[0]["id"] if found else None

    def missing(self, entry: dict[str, Any]) -> str:
        field, value = next(iter(entry["match"].items()))
        if not entry["ref"].startswith("{{user:"):
            what = entry["ref"][2:].partition(":")[0].replace("_", " ")
            return f"no Zendesk {what} named {value!r} ({entry['ref']}): create it, then run again"
        return (
            f"no Zendesk user with {field} {value} ({entry['label']}, {entry['ref']}): add the user (team members "
            "as agents; people who are only notified can be end users), then run again"
        )


ADAPTER = ZendeskAdapter()
