"""A fake Zendesk Support API (test fixture): the business rules, schedules and groups playbook manages.

Written from developer.zendesk.com/api-reference (pages cited per resource
below; notes in ../shared/reference/helpdesk-targets.md §2 and live-apis.md §1):

- authentication: Basic `{email}/token:{api_token}`; 401 `{"error": "Couldn't authenticate you"}`
  (api-reference/introduction/security-and-auth);
- writes wrap the object in its singular key, lists come under the plural key;
- cursor pagination: `page[size]` (at most 100) and `page[after]`, answered with
  `meta {has_more, after_cursor, before_cursor}` and `links {next, prev}`; without
  them, offset pagination with `next_page` (api-reference/introduction/pagination);
  SLA policies, schedules and holidays are documented without pagination;
- validation errors: 422 `{"error": "RecordInvalid", "description": "Record validation
  errors", "details": {field: [{"description", "error"}]}}`; unknown ids 404
  `{"error": "RecordNotFound", "description": "Not found"}`;
- 429 with `Retry-After` in seconds (api-reference/introduction/rate-limits).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
from typing import Any

from tests.fakes.base import Call, FakeServer, Refusal

EMAIL = "admin@example.com"
TOKEN = "zendesk-test-token"

PRIORITIES = ("low", "normal", "high", "urgent")
SLA_METRICS = (
    "agent_work_time",
    "first_reply_time",
    "next_reply_time",
    "pausable_update_time",
    "periodic_update_time",
    "requester_wait_time",
    "total_resolution_time",
)
# Automations: "the all array must hold at least one time-based condition" and one on
# status, type, group, assignee or requester (business-rules/automations, "Conditions").
TIME_FIELDS = {
    "NEW", "OPEN", "PENDING", "HOLD", "SOLVED", "CLOSED", "assigned_at", "updated_at", "requester_updated_at",
    "assignee_updated_at", "due_date", "until_due_date", "sla_next_breach_at", "until_sla_next_breach_at",
}  # fmt: skip
ANCHOR_FIELDS = {"status", "type", "group_id", "assignee_id", "requester_id", "custom_status_id"}
FIELD_TYPES = {
    "text", "textarea", "checkbox", "date", "integer", "decimal", "regexp", "partialcreditcard", "multiselect",
    "tagger", "lookup",
}  # fmt: skip
# Rails time-zone names (GET /api/v2/time_zones); the ones the tests need and their neighbours.
TIME_ZONES = {
    "Pacific Time (US & Canada)", "Mountain Time (US & Canada)", "Central Time (US & Canada)",
    "Eastern Time (US & Canada)", "London", "Dublin", "Lisbon", "UTC", "Paris", "Berlin", "Amsterdam",
    "Singapore", "Tokyo", "Sydney", "Kolkata", "Hawaii", "Alaska", "Arizona",
}  # fmt: skip
# A new schedule is open Monday to Friday, 09:00-17:00, until its workweek is set (schedules, "Create Schedule").
DEFAULT_WEEK = [{"start_time": day * 1440 + 540, "end_time": day * 1440 + 1020} for day in range(1, 6)]


def invalid(field: str, description: str, error: str = "InvalidValue") -> Refusal:
    return Refusal(
        422,
        {
            "error": "RecordInvalid",
            "description": "Record validation errors",
            "details": {field: [{"description": description, "error": error}]},
        },
    )


def missing_root(key: str) -> Refusal:
    return Refusal(400, {"error": "ParameterMissing", "description": f"param is missing or the value is empty: {key}"})


def not_found() -> Refusal:
    return Refusal(404, {"error": "RecordNotFound", "description": "Not found"})


class FakeZendesk(FakeServer):
    """Zendesk Support with a few users; everything else starts empty, as in a new account."""

    def setup(self) -> None:
        self.store: dict[str, dict[Any, dict[str, Any]]] = {
            name: {}
            for name in (
                "users", "groups", "group_memberships", "ticket_fields", "schedules", "holidays",
                "trigger_categories", "triggers", "sla_policies", "automations", "views", "macros",
                "organizations", "ticket_forms", "brands",
            )
        }  # fmt: skip
        self.add_user("Admin", EMAIL, "admin")
        api = "/api/v2"
        self.add("GET", f"{api}/users", self.list_users)
        self.add("GET", f"{api}/users/search", self.search_users)
        self.add("GET", f"{api}/users/show_many", self.show_many_users)
        self.add("GET", rf"{api}/users/(?P<oid>\d+)", self.show_user)
        # What SLA policy filters name and an admin makes in the web UI: organizations (cursor-paginated, like every
        # list), ticket forms and brands (ticket-management/ticket_forms, account-configuration/brands: unpaged).
        self.add("GET", f"{api}/organizations", self.lister("organizations"))
        self.add("GET", f"{api}/ticket_forms", self.unpaged("ticket_forms"))
        self.add("GET", f"{api}/brands", self.unpaged("brands"))
        for kind, path in (
            ("groups", "groups"),
            ("ticket_fields", "ticket_fields"),
            ("triggers", "triggers"),
            ("automations", "automations"),
            ("views", "views"),
            ("macros", "macros"),
            ("trigger_categories", "trigger_categories"),
        ):
            self._crud(kind, f"{api}/{path}")
        self.add("GET", f"{api}/group_memberships", self.lister("group_memberships"))
        self.add("GET", rf"{api}/groups/(?P<gid>\d+)/memberships", self.group_memberships)
        self.add("POST", f"{api}/group_memberships", self.creator("group_memberships"))
        self.add("GET", rf"{api}/group_memberships/(?P<oid>\d+)", self.shower("group_memberships"))
        self.add("DELETE", rf"{api}/group_memberships/(?P<oid>\d+)", self.deleter("group_memberships"))
        for kind in ("triggers", "automations", "views"):
            self.add("PUT", f"{api}/{kind}/update_many", self.updater_many(kind))
        # SLA policies (business-rules/sla_policies): no pagination, reorder by a complete id list.
        sla = f"{api}/slas/policies"
        self.add("GET", sla, self.unpaged("sla_policies"))
        self.add("POST", sla, self.creator("sla_policies"))
        self.add("PUT", f"{sla}/reorder", self.reorder_sla)
        self.add("GET", rf"{sla}/(?P<oid>\d+)", self.shower("sla_policies"))
        self.add("PUT", rf"{sla}/(?P<oid>\d+)", self.updater("sla_policies"))
        self.add("DELETE", rf"{sla}/(?P<oid>\d+)", self.deleter("sla_policies"))
        # Schedules and holidays (ticket-management/schedules).
        schedules = f"{api}/business_hours/schedules"
        self.add("GET", schedules, self.unpaged("schedules"))
        self.add("POST", schedules, self.creator("schedules"))
        self.add("GET", rf"{schedules}/(?P<oid>\d+)", self.shower("schedules"))
        self.add("PUT", rf"{schedules}/(?P<oid>\d+)", self.updater("schedules"))
        self.add("DELETE", rf"{schedules}/(?P<oid>\d+)", self.deleter("schedules"))
        self.add("PUT", rf"{schedules}/(?P<oid>\d+)/workweek", self.put_workweek)
        self.add("GET", rf"{schedules}/(?P<sid>\d+)/holidays", self.list_holidays)
        self.add("POST", rf"{schedules}/(?P<sid>\d+)/holidays", self.create_holiday)
        self.add("PUT", rf"{schedules}/(?P<sid>\d+)/holidays/(?P<oid>\d+)", self.update_holiday)
        self.add("DELETE", rf"{schedules}/(?P<sid>\d+)/holidays/(?P<oid>\d+)", self.delete_holiday)

    def authorized(self, user: str, password: str) -> bool:
        return user == f"{EMAIL}/token" and password == TOKEN

    def not_found(self) -> Refusal:
        return not_found()

    # -- what tests and people in the web UI do -------------------------------------------------
    def add_user(self, name: str, email: str, role: str = "agent") -> int:
        uid = self.new_id()
        self.store["users"][uid] = {"id": uid, "name": name, "email": email, "role": role, "active": True}
        return uid

    def ui_add(self, kind: str, name: str, **fields: Any) -> int:
        """An organization, ticket form or brand, made in the web UI (playbook only looks them up)."""
        oid = self.new_id()
        self.store[kind][oid] = {"id": oid, "name": name, **fields}
        return oid

    def objects(self, kind: str) -> list[dict[str, Any]]:
        with self.lock:
            return [copy.deepcopy(self.shape(kind, obj)) for obj in self._ordered(kind)]

    def find(self, kind: str, name: str) -> dict[str, Any]:
        """The object whose title or name is `name` (a test helper; fails when there is none)."""
        for obj in self.objects(kind):
            if name in (obj.get("title"), obj.get("name")):
                return obj
        raise KeyError(f"no {kind} named {name!r}")

    def _named(self, kind: str, name: str) -> dict[str, Any]:
        for obj in self.store[kind].values():
            if name in (obj.get("title"), obj.get("name")):
                return obj
        raise KeyError(f"no {kind} named {name!r}")

    def ui_create(self, kind: str, fields: dict[str, Any]) -> Any:
        """Create an object as an administrator would in the web UI (validated like the API)."""
        with self.lock:
            return self._create(kind, copy.deepcopy(fields))["id"]

    def ui_edit(self, kind: str, name: str, changes: dict[str, Any]) -> None:
        """Change fields of the object named `name` as an administrator would in the web UI."""
        with self.lock:
            stored = self.store[kind][self._named(kind, name)["id"]]
            stored.update(copy.deepcopy(changes))
            stored["updated_at"] = self.stamp()

    def ui_delete(self, kind: str, name: str) -> None:
        with self.lock:
            del self.store[kind][self._named(kind, name)["id"]]

    # -- generic handlers -----------------------------------------------------------------------
    def _crud(self, kind: str, path: str) -> None:
        self.add("GET", path, self.lister(kind))
        self.add("POST", path, self.creator(kind))
        self.add("GET", rf"{path}/(?P<oid>\d+)", self.shower(kind))
        self.add("PATCH" if kind == "trigger_categories" else "PUT", rf"{path}/(?P<oid>\d+)", self.updater(kind))
        self.add("DELETE", rf"{path}/(?P<oid>\d+)", self.deleter(kind))

    def lister(self, kind: str):  # type: ignore[no-untyped-def]
        return lambda call: (200, self.paginate(call, kind, [self.shape(kind, o) for o in self._ordered(kind)]))

    def unpaged(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call) -> tuple[int, Any]:
            items = [self.shape(kind, o) for o in self._ordered(kind)]
            return 200, {kind: items, "next_page": None, "previous_page": None, "count": len(items)}

        return handler

    def shower(self, kind: str):  # type: ignore[no-untyped-def]
        return lambda call, oid: (200, {self.singular(kind): self.shape(kind, self._get(kind, oid))})

    def creator(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call) -> tuple[int, Any]:
            root = self.singular(kind)
            body = self._root(call, root)
            return 201, {root: self.shape(kind, self._create(kind, body))}

        return handler

    def updater(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call, oid: str) -> tuple[int, Any]:
            root = self.singular(kind)
            stored = self._get(kind, oid)
            prepared = self.prepare(kind, self._root(call, root), stored)
            self.validate(kind, {**copy.deepcopy(stored), **prepared}, stored["id"])
            stored.update(prepared)
            stored["updated_at"] = self.stamp()
            return 200, {root: self.shape(kind, stored)}

        return handler

    def deleter(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call, oid: str) -> tuple[int, Any]:
            stored = self._get(kind, oid)
            if kind == "trigger_categories" and any(
                t["category_id"] == stored["id"] for t in self.store["triggers"].values()
            ):
                raise invalid("base", "Cannot delete a category that has triggers", "CategoryNotEmpty")
            if kind == "groups":
                for mid, membership in list(self.store["group_memberships"].items()):
                    if membership["group_id"] == stored["id"]:
                        del self.store["group_memberships"][mid]
            if kind == "schedules":
                for hid, holiday in list(self.store["holidays"].items()):
                    if holiday["schedule_id"] == stored["id"]:
                        del self.store["holidays"][hid]
            del self.store[kind][stored["id"]]
            return 204, None

        return handler

    def updater_many(self, kind: str):  # type: ignore[no-untyped-def]
        """PUT /api/v2/{kind}/update_many: position, active (and a trigger's category) of several at once."""

        def handler(call: Call) -> tuple[int, Any]:
            items = (call.body or {}).get(kind)
            if not isinstance(items, list) or not items:
                raise missing_root(kind)
            allowed = {"id", "position", "active"} | ({"category_id"} if kind == "triggers" else set())
            for item in items:
                if not isinstance(item, dict) or set(item) - allowed or "id" not in item:
                    raise invalid(kind, f"each item takes only {sorted(allowed)}")
                self._get(kind, str(item["id"]))
                if "position" in item and not (isinstance(item["position"], int) and item["position"] >= 0):
                    raise invalid("position", "Position must be a whole number")
                if "category_id" in item and str(item["category_id"]) not in self.store["trigger_categories"]:
                    raise invalid("category_id", "Category not found")
            for item in items:
                stored = self._get(kind, str(item["id"]))
                stored.update({k: (str(v) if k == "category_id" else v) for k, v in item.items() if k != "id"})
                stored["updated_at"] = self.stamp()
            return 200, {kind: [self.shape(kind, self._get(kind, str(i["id"]))) for i in items]}

        return handler

    def group_memberships(self, call: Call, gid: str) -> tuple[int, Any]:
        group = self._get("groups", gid)
        found = [self.shape("group_memberships", m) for m in self._ordered("group_memberships")]
        return 200, self.paginate(call, "group_memberships", [m for m in found if m["group_id"] == group["id"]])

    # -- users ------------------------------------------------------------------------------------
    def list_users(self, call: Call) -> tuple[int, Any]:
        return 200, self.paginate(call, "users", list(self.store["users"].values()))

    def search_users(self, call: Call) -> tuple[int, Any]:
        query = (call.arg("query") or "").strip()
        field, _, value = query.partition(":")
        users = list(self.store["users"].values())
        if value and field in ("email", "name"):
            found = [u for u in users if str(u[field]).lower() == value.lower()]
        else:
            found = [u for u in users if query.lower() in u["email"].lower() or query.lower() in u["name"].lower()]
        return 200, {"users": found, "next_page": None, "previous_page": None, "count": len(found)}

    def show_many_users(self, call: Call) -> tuple[int, Any]:
        ids = [int(i) for i in (call.arg("ids") or "").split(",") if i.strip().isdigit()]
        return 200, {"users": [self.store["users"][i] for i in ids if i in self.store["users"]]}

    def show_user(self, call: Call, oid: str) -> tuple[int, Any]:
        return 200, {"user": self._get("users", oid)}

    # -- SLA policies -------------------------------------------------------------------------------
    def reorder_sla(self, call: Call) -> tuple[int, Any]:
        ids = call.query.get("sla_policy_ids[]") or (call.body or {}).get("sla_policy_ids")
        if not isinstance(ids, list) or not ids:
            raise missing_root("sla_policy_ids")
        wanted = [int(i) for i in ids]
        if sorted(wanted) != sorted(self.store["sla_policies"]):
            raise invalid("sla_policy_ids", "Reorder must list every SLA policy exactly once")
        for position, pid in enumerate(wanted, start=1):
            self.store["sla_policies"][pid]["position"] = position
        return 200, {"sla_policies": [self.shape("sla_policies", o) for o in self._ordered("sla_policies")]}

    # -- schedules ----------------------------------------------------------------------------------
    def put_workweek(self, call: Call, oid: str) -> tuple[int, Any]:
        stored = self._get("schedules", oid)
        week = self._root(call, "workweek")
        intervals = week.get("intervals")
        self._check_intervals(intervals)
        stored["intervals"] = [{"start_time": i["start_time"], "end_time": i["end_time"]} for i in intervals]
        stored["updated_at"] = self.stamp()
        return 200, {"workweek": {"intervals": stored["intervals"]}}

    def _check_intervals(self, intervals: Any) -> None:
        if not isinstance(intervals, list):
            raise invalid("intervals", "Intervals must be a list")
        spans = []
        for interval in intervals:
            start, end = (interval or {}).get("start_time"), (interval or {}).get("end_time")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= 10080):
                raise invalid("intervals", "Each interval needs a start_time before its end_time, within 0..10080")
            if start // 1440 != (end - 1) // 1440:
                raise invalid("intervals", "An interval cannot span calendar days", "InvalidInterval")
            spans.append((start, end))
        spans.sort()
        for (_, first_end), (second_start, _) in zip(spans, spans[1:], strict=False):
            if second_start < first_end:
                raise invalid("intervals", "Intervals cannot overlap", "InvalidInterval")

    def list_holidays(self, call: Call, sid: str) -> tuple[int, Any]:
        schedule = self._get("schedules", sid)
        items = [h for h in self.store["holidays"].values() if h["schedule_id"] == schedule["id"]]
        return 200, {"holidays": [self.shape("holidays", h) for h in items]}

    def create_holiday(self, call: Call, sid: str) -> tuple[int, Any]:
        schedule = self._get("schedules", sid)
        body = self._root(call, "holiday")
        self._check_holiday(body)
        hid = self.new_id()
        holiday = {"id": hid, "schedule_id": schedule["id"], **{k: body[k] for k in ("name", "start_date", "end_date")}}
        self.store["holidays"][hid] = holiday
        return 201, {"holiday": self.shape("holidays", holiday)}

    def update_holiday(self, call: Call, sid: str, oid: str) -> tuple[int, Any]:
        self._get("schedules", sid)
        stored = self._get("holidays", oid)
        body = self._root(call, "holiday")
        merged = {**stored, **body}
        self._check_holiday(merged)
        stored.update({k: merged[k] for k in ("name", "start_date", "end_date")})
        return 200, {"holiday": self.shape("holidays", stored)}

    def delete_holiday(self, call: Call, sid: str, oid: str) -> tuple[int, Any]:
        self._get("schedules", sid)
        del self.store["holidays"][self._get("holidays", oid)["id"]]
        return 204, None

    def _check_holiday(self, body: dict[str, Any]) -> None:
        if not body.get("name"):
            raise invalid("name", "Name: cannot be blank", "BlankValue")
        try:
            start = dt.date.fromisoformat(body.get("start_date") or "")
            end = dt.date.fromisoformat(body.get("end_date") or "")
        except (TypeError, ValueError):
            raise invalid("start_date", "Dates must be YYYY-MM-DD") from None
        if end < start:
            raise invalid("end_date", "End date must not be before the start date")
        # "Start date can't be earlier than 2 years ago; end date can't be later than 2 years from now."
        if start < self.today.replace(year=self.today.year - 2) or end > self.today.replace(year=self.today.year + 2):
            raise invalid("start_date", "Holidays must be within two years of today", "InvalidDate")

    # -- creation and validation, per kind ------------------------------------------------------------
    def _create(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        prepared = self.prepare(kind, body, None)
        self.validate(kind, prepared, None)
        oid: Any = self.new_id()
        if kind == "trigger_categories":
            oid = str(oid)  # trigger category ids are strings (business-rules/trigger_categories)
        stored = {"id": oid, "created_at": self.stamp(), "updated_at": self.stamp(), **prepared}
        self.store[kind][oid] = stored
        self._place(kind, stored, body.get("position"))
        return stored

    def _place(self, kind: str, stored: dict[str, Any], asked: Any) -> None:
        """Positions: SLA policies go where asked (else last) and the rest move down; others go last."""
        if kind == "sla_policies":
            others = [o for o in self._ordered(kind) if o is not stored]
            index = min(max(int(asked) - 1, 0), len(others)) if isinstance(asked, int) else len(others)
            others.insert(index, stored)
            for position, obj in enumerate(others, start=1):
                obj["position"] = position
        elif kind in ("triggers", "automations", "views", "macros", "trigger_categories", "ticket_fields"):
            if not isinstance(asked, int):
                peers = [o for o in self.store[kind].values() if o is not stored]
                if kind == "triggers":
                    peers = [o for o in peers if o.get("category_id") == stored.get("category_id")]
                stored["position"] = max((o.get("position", 0) for o in peers), default=0) + 1

    def prepare(self, kind: str, body: dict[str, Any], stored: dict[str, Any] | None) -> dict[str, Any]:
        """What is kept of a request body: writable fields only, in the shape they are stored."""
        body = copy.deepcopy(body)
        if kind == "views":
            conditions = body.pop("conditions", None) or {}
            if "all" in body or "any" in body or conditions:
                body["conditions"] = {
                    "all": body.pop("all", conditions.get("all", [])),
                    "any": body.pop("any", conditions.get("any", [])),
                }
        if kind == "schedules":
            body.pop("intervals", None)  # written only through /workweek
            if stored is None:
                body["intervals"] = copy.deepcopy(DEFAULT_WEEK)
        if kind == "triggers" and "category_id" in body:
            body["category_id"] = str(body["category_id"])
        if kind == "ticket_fields" and "custom_field_options" in body:
            body["custom_field_options"] = [
                {"id": self.new_id(), "name": o["name"], "value": o["value"]} for o in body["custom_field_options"]
            ]
        if kind in ("triggers", "automations", "macros", "views", "ticket_fields") and "title" in body:
            body["raw_title"] = body["title"]
        for read_only in ("id", "url", "created_at", "updated_at", "default"):
            body.pop(read_only, None)
        return body

    def validate(self, kind: str, body: dict[str, Any], oid: Any) -> None:
        getattr(self, f"_validate_{kind}")(body, oid)

    def _validate_groups(self, body: dict[str, Any], oid: Any) -> None:
        name = body.get("name")
        if not name:
            raise invalid("name", "Name: cannot be blank", "BlankValue")
        if any(g["name"] == name and g["id"] != oid for g in self.store["groups"].values()):
            raise invalid("name", "Name: has already been taken", "DuplicateValue")

    def _validate_group_memberships(self, body: dict[str, Any], oid: Any) -> None:
        user = self.store["users"].get(body.get("user_id"))  # type: ignore[arg-type]
        if user is None:
            raise invalid("user_id", "User not found", "InvalidValue")
        if user["role"] not in ("agent", "admin"):
            raise invalid("user_id", f"{user['name']} is not an agent", "InvalidValue")
        if body.get("group_id") not in self.store["groups"]:
            raise invalid("group_id", "Group not found", "InvalidValue")
        for membership in self.store["group_memberships"].values():
            if (membership["user_id"], membership["group_id"]) == (body["user_id"], body["group_id"]):
                raise invalid("user_id", "User is already a member of this group", "DuplicateValue")

    def _validate_ticket_fields(self, body: dict[str, Any], oid: Any) -> None:
        if body.get("type") not in FIELD_TYPES:
            raise invalid("type", "Type: is not included in the list", "InvalidValue")
        if not body.get("title"):
            raise invalid("title", "Title: cannot be blank", "BlankValue")
        if body["type"] in ("tagger", "multiselect"):
            options = body.get("custom_field_options")
            if not isinstance(options, list) or not options:
                raise invalid("custom_field_options", "A drop-down field needs at least one option", "BlankValue")
            tags = [o.get("value") for o in options]
            taken = {
                o["value"] for f in self.store["ticket_fields"].values() if f["id"] != oid
                for o in f.get("custom_field_options") or []
            }  # fmt: skip
            if len(set(tags)) != len(tags) or taken & set(tags) or not all(tags):
                raise invalid("custom_field_options", "Option tags must be unique and not used by another field")

    def _validate_schedules(self, body: dict[str, Any], oid: Any) -> None:
        if not body.get("name"):
            raise invalid("name", "Name: cannot be blank", "BlankValue")
        if body.get("time_zone") not in TIME_ZONES:
            raise invalid("time_zone", "Time zone: is not included in the list", "InvalidValue")

    def _validate_trigger_categories(self, body: dict[str, Any], oid: Any) -> None:
        if not body.get("name"):
            raise invalid("name", "Name: cannot be blank", "BlankValue")

    def _rule(self, body: dict[str, Any], kind: str) -> None:
        if not body.get("title"):
            raise invalid("title", "Title: cannot be blank", "BlankValue")
        actions = body.get("actions")
        if kind != "views" and (not isinstance(actions, list) or not actions):
            raise invalid("actions", "Actions: cannot be blank", "BlankValue")
        for action in actions or []:
            if not isinstance(action, dict) or not action.get("field") or "value" not in action:
                raise invalid("actions", "Each action needs a field and a value")

    def _conditions(self, conditions: Any) -> tuple[list[dict], list[dict]]:
        if not isinstance(conditions, dict):
            raise invalid("conditions", "Conditions: cannot be blank", "BlankValue")
        found = []
        for part in ("all", "any"):
            items = conditions.get(part, [])
            if not isinstance(items, list) or not all(isinstance(c, dict) and c.get("field") for c in items):
                raise invalid("conditions", f"'{part}' must be a list of conditions with a field")
            found.append(items)
        return found[0], found[1]

    def _validate_triggers(self, body: dict[str, Any], oid: Any) -> None:
        self._rule(body, "triggers")
        self._conditions(body.get("conditions"))
        category = body.get("category_id")
        if category is None and self.store["trigger_categories"]:
            raise invalid("category_id", "Category: cannot be blank", "BlankValue")
        if category is not None and str(category) not in self.store["trigger_categories"]:
            raise invalid("category_id", "Category not found", "InvalidValue")

    def _validate_automations(self, body: dict[str, Any], oid: Any) -> None:
        self._rule(body, "automations")
        all_, any_ = self._conditions(body.get("conditions"))
        timed = [c for c in all_ if c["field"] in TIME_FIELDS]
        if not timed or not all(str(c.get("value", "")).isdigit() for c in timed):
            raise invalid("conditions", "Automations need a time-based condition (whole hours) in 'all'")
        if not any(c["field"] in ANCHOR_FIELDS for c in all_):
            raise invalid("conditions", "Automations need a condition on status, type, group, assignee or requester")
        if any(c["field"] in TIME_FIELDS for c in any_):
            raise invalid("conditions", "Time-based conditions are not allowed in 'any'")
        if body.get("active", True):
            for other in self.store["automations"].values():
                same = other["conditions"] == body["conditions"] and other["actions"] == body["actions"]
                if other["id"] != oid and other.get("active", True) and same:
                    raise invalid("base", "Active automations may not be identical", "DuplicateValue")

    def _validate_views(self, body: dict[str, Any], oid: Any) -> None:
        self._rule(body, "views")
        conditions = body.get("conditions") or {"all": body.get("all", []), "any": body.get("any", [])}
        all_, _ = self._conditions(conditions)
        if not any(c["field"] in ANCHOR_FIELDS for c in all_):
            raise invalid("conditions", "Views need a condition on status, type, group, assignee or requester")
        columns = (body.get("output") or {}).get("columns", [])
        if len(columns) > 10:
            raise invalid("output", "A view shows at most 10 columns")

    def _validate_macros(self, body: dict[str, Any], oid: Any) -> None:
        self._rule(body, "macros")

    def _validate_sla_policies(self, body: dict[str, Any], oid: Any) -> None:
        if not body.get("title"):
            raise invalid("title", "Title: cannot be blank", "BlankValue")
        self._conditions(body.get("filter"))
        seen = set()
        for metric in body.get("policy_metrics") or []:
            if metric.get("priority") not in PRIORITIES or metric.get("metric") not in SLA_METRICS:
                raise invalid("policy_metrics", "Unknown priority or metric", "InvalidValue")
            target = metric.get("target")
            if not isinstance(target, int) or isinstance(target, bool) or target < 1:
                raise invalid("policy_metrics", "Target must be a positive whole number of minutes")
            if not isinstance(metric.get("business_hours"), bool):
                raise invalid("policy_metrics", "business_hours must be true or false")
            key = (metric["priority"], metric["metric"])
            if key in seen:
                raise invalid("policy_metrics", "A metric may appear once per priority", "DuplicateValue")
            seen.add(key)

    # -- helpers --------------------------------------------------------------------------------------
    @staticmethod
    def singular(kind: str) -> str:
        return {"sla_policies": "sla_policy", "trigger_categories": "trigger_category"}.get(kind, kind[:-1])

    def _root(self, call: Call, key: str) -> dict[str, Any]:
        body = call.body
        if not isinstance(body, dict) or not isinstance(body.get(key), dict):
            raise missing_root(key)
        return body[key]

    def _get(self, kind: str, oid: str) -> dict[str, Any]:
        key: Any = oid if kind == "trigger_categories" else int(oid)
        stored = self.store[kind].get(key)
        if stored is None:
            raise not_found()
        return stored

    def _ordered(self, kind: str) -> list[dict[str, Any]]:
        items = list(self.store[kind].values())
        if kind == "triggers":
            categories = {c["id"]: c.get("position", 0) for c in self.store["trigger_categories"].values()}
            return sorted(items, key=lambda o: (categories.get(o.get("category_id"), 0), o.get("position", 0), o["id"]))
        if items and "position" in items[0]:
            return sorted(items, key=lambda o: (o.get("position", 0), str(o["id"])))
        return items

    def shape(self, kind: str, stored: dict[str, Any]) -> dict[str, Any]:
        """The object as the API returns it (read-only fields added; a shallow copy, serialised at once)."""
        obj = dict(stored)
        if kind == "holidays":
            obj.pop("schedule_id", None)
            return obj
        if kind != "users":
            obj["url"] = f"https://example.zendesk.com/api/v2/{kind}/{obj['id']}.json"
        if kind in ("triggers", "automations", "views", "macros"):
            obj.setdefault("active", True)
            obj["default"] = False
        if kind == "views":
            output = obj.pop("output", None) or {}
            obj["execution"] = {
                "columns": [{"id": c, "title": c.replace("_", " ").capitalize()} for c in output.get("columns", [])],
                "group_by": output.get("group_by"),
                "sort_by": output.get("sort_by"),
                "group_order": output.get("group_order"),
                "sort_order": output.get("sort_order"),
            }
        return obj

    def paginate(self, call: Call, key: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        cursor_mode = any(name.startswith("page[") for name in call.query)
        if not cursor_mode:
            page = int(call.arg("page") or 1)
            per_page = min(int(call.arg("per_page") or 100), 100)
            chunk = items[(page - 1) * per_page : page * per_page]
            more = page * per_page < len(items)
            next_page = f"{call.base}{call.path}.json?page={page + 1}&per_page={per_page}" if more else None
            return {key: chunk, "next_page": next_page, "previous_page": None, "count": len(items)}
        size_text = call.arg("page[size]") or "100"
        if not size_text.isdigit() or not 1 <= int(size_text) <= 100:
            raise Refusal(400, {"error": "InvalidPaginationParameter", "description": "page[size] must be 1..100"})
        size = int(size_text)
        start = 0
        after = call.arg("page[after]")
        if after:
            try:
                last = base64.urlsafe_b64decode(after.encode()).decode()
            except ValueError:
                raise Refusal(400, {"error": "InvalidPaginationParameter", "description": "bad cursor"}) from None
            ids = [str(item["id"]) for item in items]
            if last not in ids:
                raise Refusal(400, {"error": "InvalidPaginationParameter", "description": "cursor expired"})
            start = ids.index(last) + 1
        chunk = items[start : start + size]
        more = start + size < len(items)
        after_cursor = base64.urlsafe_b64encode(str(chunk[-1]["id"]).encode()).decode() if chunk else None
        before_cursor = base64.urlsafe_b64encode(str(chunk[0]["id"]).encode()).decode() if chunk else None
        next_link = f"{call.base}{call.path}.json?page[size]={size}&page[after]={after_cursor}" if more else None
        return {
            key: chunk,
            "meta": {"has_more": more, "after_cursor": after_cursor, "before_cursor": before_cursor},
            "links": {"next": next_link, "prev": None},
        }
