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

Adopted objects (made by hand, named in `adopted.zendesk.json`) are compared
and written only in what the playbook holds of them (`held`): a group's name;
a schedule's zone, hours and holidays; an SLA policy's channels and targets, and
its order; a routing trigger's match, group and priority; an alert's priority
and recipients; an automation's priority, status, hours and recipient. Titles,
descriptions, categories, notification subjects and texts, guard conditions
and other actions stay as the account has them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from targets.shared.live.engine import Adapter, Have, Kind, Want
from targets.shared.live.http import Client

API = "/api/v2"
PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
NOTIFY = ("notification_user", "notification_group")
# The playbook metric each Zendesk SLA metric can stand for (helpdesk.zendesk picks among the alternatives).
METRICS = {
    "first_reply_time": "acknowledge",
    "periodic_update_time": "update_every",
    "pausable_update_time": "update_every",
    "next_reply_time": "update_every",
    "requester_wait_time": "resolve",
    "agent_work_time": "resolve",
    "total_resolution_time": "resolve",
}
# What the playbook holds of an adopted rule, by its role (the build file's name): condition fields, actions.
HELD_CONDITIONS = {
    "route": None,  # every condition but the guards below: what the route matches
    "alert": {"priority"},
    "schedule": {"priority"},
    "step": {"priority", "status", "NEW"},
}
HELD_ACTIONS = {
    "route": {"group_id", "priority"},
    "alert": set(NOTIFY),
    "schedule": {"set_schedule"},
    "step": set(NOTIFY),
}
# Conditions playbook's routing triggers add so that a route only takes new tickets no earlier route took.
GROUP_UNSET = ("group_id", "is", "")
ROUTE_GUARDS = {("update_type", "is", "Create"), GROUP_UNSET}


def route_guard(condition: dict[str, Any]) -> bool:
    return condition_key(condition) in ROUTE_GUARDS


def _held_condition(role: str, condition: dict[str, Any]) -> bool:
    fields = HELD_CONDITIONS[role]
    return not route_guard(condition) if fields is None else condition.get("field") in fields


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))


def _text(condition: dict[str, Any]) -> dict[str, Any]:
    """A condition with a number for a value as the text the compiler writes (Zendesk answers either)."""
    value = condition.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {**condition, "value": str(value)}
    return condition


def notified(action: dict[str, Any]) -> dict[str, Any]:
    """A notification as the playbook holds it: whom (as text, the way Zendesk answers ids), not what it says."""
    value = action.get("value")
    whom = value[0] if isinstance(value, list) and value else value
    return {"field": action.get("field"), "value": [str(whom)]}


def held_rule(body: dict[str, Any], role: str) -> dict[str, Any]:
    """The conditions and actions of a trigger or automation the playbook holds, in a stable order."""
    conditions = _conditions(body.get("conditions"))
    actions = [a for a in body.get("actions") or [] if a.get("field") in HELD_ACTIONS[role]]
    return {
        "active": body.get("active", True),
        "conditions": {
            part: _sorted([_text(c) for c in items if _held_condition(role, c)]) for part, items in conditions.items()
        },
        "actions": _sorted([notified(a) if a.get("field") in NOTIFY else a for a in actions]),
    }


def merged_rule(live: dict[str, Any], body: dict[str, Any], role: str) -> dict[str, Any]:
    """The compiled rule's held conditions and actions in the hand-made one, whose other ones stay (guards,
    tags it adds), as do its notification subjects and texts."""
    mine, theirs = _conditions(body.get("conditions")), _conditions(live.get("conditions"))
    conditions = {
        part: [c for c in mine[part] if _held_condition(role, c)]
        + [c for c in theirs[part] if not _held_condition(role, c)]
        for part in ("all", "any")
    }
    texts = [a["value"][1:] for a in live.get("actions") or [] if a.get("field") in NOTIFY and len(a["value"]) == 3]
    actions = []
    for action in body.get("actions") or []:
        if action.get("field") not in HELD_ACTIONS[role]:
            continue
        if action.get("field") in NOTIFY and texts:
            action = {**action, "value": [action["value"][0], *texts.pop(0)]}
        actions.append(action)
    actions += [a for a in live.get("actions") or [] if a.get("field") not in HELD_ACTIONS[role]]
    return {"active": body.get("active", True), "conditions": conditions, "actions": actions}


def condition_key(condition: dict[str, Any]) -> tuple[Any, Any, str]:
    """(field, operator, value as text): Zendesk answers a number or its text for the same condition."""
    value = condition.get("value")
    return condition.get("field"), condition.get("operator"), "" if value is None else str(value)


def _drop_group_guard(want: Want) -> None:
    """Take "Group is -" out of a compiled route (its references to later conditions move up one)."""
    conditions = want.body["conditions"]["all"]
    index = next((n for n, c in enumerate(conditions) if condition_key(c) == GROUP_UNSET), None)
    if index is None:
        return
    kept = conditions[:index] + conditions[index + 1 :]
    want.body = {**want.body, "conditions": {**want.body["conditions"], "all": kept}}
    for ref in want.refs:
        parts = ref["pointer"].split("/")
        if parts[1:3] == ["conditions", "all"] and int(parts[3]) > index:
            ref["pointer"] = "/".join([*parts[:3], str(int(parts[3]) - 1), *parts[4:]])


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
    live_owned = frozenset({"description"})  # a group's name is its team's name

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        return _pick(raw, "name", "description")


class Membership(ZendeskKind):
    name, path, list_key = "group_membership", f"{API}/group_memberships", "group_memberships"
    marker, parent, follows_parent, label_from_step = "parent", "group", True, True
    live_owned = frozenset()

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
    live_owned = frozenset()

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
    live_owned = frozenset()  # a holiday's name is the calendar's

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


class Rule(ZendeskKind):
    """Triggers and automations: what the playbook holds of an adopted one depends on what it is for."""

    def held(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        return held_rule(body, role or "step")

    def merged(self, have: Have, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        return merged_rule(have.body, body, role or "step")

    def kept_parts(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> list[str]:
        role = role or "step"
        found = super().kept_parts(body, role, keep)
        for part, items in _conditions(body.get("conditions")).items():
            for c in items:
                if not _held_condition(role, c):
                    found.append(f"condition ({part}) {c.get('field')} {c.get('operator')} {c.get('value')!r}")
        for action in body.get("actions") or []:
            if action.get("field") not in HELD_ACTIONS[role]:
                found.append(f"action {action.get('field')} {action.get('value')!r}")
            elif action.get("field") in NOTIFY:
                found.append("the notification's subject and text")
        return found


class Trigger(Rule):
    name, path, list_key = "trigger", f"{API}/triggers", "triggers"
    ordered, deactivates = True, True
    live_owned = frozenset({"title", "description", "category_id"})

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        body = _pick(raw, "title", "description", "active", "actions")
        body["conditions"] = _conditions(raw.get("conditions"))
        if raw.get("category_id") is not None:
            body["category_id"] = str(raw["category_id"])
        return body

    def role(self, file: str) -> str:
        """triggers/route-01-….json, triggers/alert-p1.json, triggers/schedule-office.json."""
        return file.rsplit("/", 1)[-1].split("-", 1)[0]

    # Hand-made routing triggers that test "Group is -" are first match wins, like the playbook's: a route it adds
    # goes among them in the playbook's order. Most set the group whatever an earlier one did, so the last that
    # matches wins (the import lists them the other way round). A route added among those must not wait for
    # "Group is -", which an earlier catch-all never leaves, and must sit where it overrides the routes after it
    # in the playbook and yields to those before: routes go in reverse order.
    def _last_wins(self, wants: list[Want], adopted: dict[int, Have]) -> bool:
        routes = [adopted[w.step] for w in wants if w.step in adopted and self._route(w)]
        conditions = [c for h in routes for c in _conditions(h.body.get("conditions"))["all"]]
        return bool(routes) and GROUP_UNSET not in map(condition_key, conditions)

    def _route(self, want: Want) -> bool:
        return want.kind == self.name and self.role(want.file) == "route"

    def arranged(self, wants: list[Want], adopted: dict[int, Have]) -> list[Want]:
        if not self._last_wins(wants, adopted):
            return wants
        for want in wants:
            if self._route(want) and want.step not in adopted:
                _drop_group_guard(want)
        return wants

    def order(self, wants: list[Want], adopted: dict[int, Have]) -> list[Want]:
        """Routes, adopted ones included, where each takes the tickets the playbook gives it, then the others."""
        routes = [w for w in wants if self._route(w)]
        if not any(w.step in adopted for w in routes):
            return super().order(wants, adopted)
        routes = list(reversed(routes)) if self._last_wins(wants, adopted) else routes
        return [*routes, *(w for w in super().order(wants, adopted) if not self._route(w))]


class SlaPolicy(ZendeskKind):
    name, path, list_key, paged = "sla_policy", f"{API}/slas/policies", "sla_policies", False
    ordered, adopted_ordered = True, True  # the first policy that matches a ticket applies

    def held(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        """Channels and targets; one channel condition under 'all' is the same filter as under 'any'."""
        found = super().held(body, role, keep)
        if "filter" in found:
            conditions = _conditions(found["filter"])
            if not conditions["any"] and len(conditions["all"]) == 1 and conditions["all"][0].get("field") == "via_id":
                conditions = {"all": [], "any": conditions["all"]}
            found["filter"] = {part: _sorted([_text(c) for c in items]) for part, items in conditions.items()}
        return found

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


class Automation(Rule):
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

    optional_files = {
        "views/*": "playbook's views of tickets close to an SLA breach (the account has views of its own)",
        "macros/*": "playbook's macros (closure message, 'Mark as mitigated')",
        "triggers/alert-*": "no trigger of the account alerts the top priority's owner when such a ticket arrives",
        "triggers/schedule-*": "no trigger of the account sets this schedule: tickets get the account's first "
        "schedule, which the playbook's calendar is",
        "trigger_categories/*": "the account has no trigger category for playbook's triggers",
        "ticket_fields/*": "the account has no such field",
    }

    def unwrap(self, kind: str, body: Any) -> tuple[dict[str, Any], str]:
        return body[kind], f"/{kind}"

    def lookup(self, client: Client, entry: dict[str, Any]) -> Any:
        """A user by email (or name), or an organization, ticket form or brand by name: the manifest's request."""
        method, _, target = entry["find"].partition(" ")
        parts = urlsplit(target)
        kind = entry["ref"][2:].partition(":")[0]
        key = {"organization": "organizations", "ticket_form": "ticket_forms", "brand": "brands"}.get(kind, "users")
        params = dict(parse_qsl(parts.query))
        # Organizations come a page at a time, like every list; a user search answers in one.
        items = (
            (client.get(parts.path, params) or {}).get(key) or []
            if key == "users"
            else client.all(parts.path, key, params)
        )
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
