"""A fake Freshdesk API v2 (test fixture): agents, groups, SLA policies, automation rules, business hours.

Written from developers.freshdesk.com/api (notes and the server-side validation
rules in ../shared/reference/helpdesk-targets.md §3):

- authentication: Basic `{api_key}:X`; 401 `{"code": "invalid_credentials", …}`;
- bodies are bare objects (no envelope) and lists are bare arrays, paginated with
  `page` / `per_page` (at most 100, default 30) and a `Link: <…>; rel="next"` header;
- validation errors: 400 `{"description": "Validation failed", "errors":
  [{"field", "message", "code"}]}`, a duplicate name 409 `duplicate_value`;
- SLA policies: index, create and update only (no show, no delete: 405); the
  default policy cannot be updated (`cannot_update_default_sla`); `sla_target`
  needs all four priorities, each target 900..31,536,000 seconds in whole minutes;
  escalation times from the fixed menu; ids come back as strings, as live;
- automation rules per type (1 ticket creation, 3 time triggers, 4 ticket
  updates); at most two condition sets, one for time triggers;
- business hours are read-only through the API (an administrator creates them
  in the web UI: `ui_add_business_hours`).
"""

from __future__ import annotations

import copy
from typing import Any

from tests.fakes.base import Call, FakeServer, Fault, Refusal

API_KEY = "freshdesk-test-key"
SOURCES = {1, 2, 3, 7, 9, 10}
UNASSIGNED_FOR = {"30m", "1h", "2h", "4h", "8h", "12h", "1d", "2d", "3d"}
ESCALATION_TIMES = {0, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000}
REMINDER_TIMES = {-28800, -14400, -7200, -3600, -1800}
RULE_TYPES = {"1", "3", "4"}
SLA_FIELDS = {"name", "description", "active", "sla_target", "applicable_to", "escalation"}
RULE_FIELDS = {"name", "description", "position", "active", "performer", "events", "conditions", "operator", "actions"}
GROUP_FIELDS = {"name", "description", "agent_ids", "escalate_to", "unassigned_for", "auto_ticket_assign"}
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def failed(field: str, message: str, code: str = "invalid_value", status: int = 400) -> Refusal:
    return Refusal(
        status, {"description": "Validation failed", "errors": [{"field": field, "message": message, "code": code}]}
    )


class FakeFreshdesk(FakeServer):
    """Freshdesk with its default SLA policy and business hours, plus the agents a test adds."""

    next_response: bool = False  # the account feature next_response_sla

    def setup(self) -> None:
        self.store: dict[str, dict[Any, dict[str, Any]]] = {
            "agents": {}, "groups": {}, "sla_policies": {}, "business_hours": {}, "rules": {}, "companies": {},
            "products": {},
        }  # fmt: skip
        default_targets = {
            f"priority_{n}": {"respond_within": 86400, "resolve_within": 259200, "business_hours": False,
                              "escalation_enabled": False}
            for n in (1, 2, 3, 4)
        }  # fmt: skip
        self.store["sla_policies"]["1"] = {
            "id": "1", "name": "Default SLA Policy", "description": "default policy", "active": True,
            "is_default": True, "position": 1, "sla_target": default_targets, "applicable_to": {},
            "created_at": self.stamp(), "updated_at": self.stamp(),
        }  # fmt: skip
        self.ui_add_business_hours(
            "Default", "Eastern Time (US & Canada)", {d: ("08:00 am", "05:00 pm") for d in DAYS[:5]}, default=True
        )
        api = "/api/v2"
        self.add("GET", f"{api}/agents", self.list_agents)
        self.add("GET", rf"{api}/agents/(?P<oid>\d+)", self.shower("agents"))
        # What SLA policies' applicable_to names, made by an admin: companies and products (paginated lists).
        self.add("GET", f"{api}/companies", self.lister("companies"))
        self.add("GET", f"{api}/products", self.lister("products"))
        self.add("GET", f"{api}/groups", self.lister("groups"))
        self.add("POST", f"{api}/groups", self.create_group)
        self.add("GET", rf"{api}/groups/(?P<oid>\d+)", self.shower("groups"))
        self.add("PUT", rf"{api}/groups/(?P<oid>\d+)", self.update_group)
        self.add("DELETE", rf"{api}/groups/(?P<oid>\d+)", self.deleter("groups"))
        self.add("GET", f"{api}/sla_policies", self.lister("sla_policies"))
        self.add("POST", f"{api}/sla_policies", self.create_sla)
        self.add("PUT", rf"{api}/sla_policies/(?P<oid>\d+)", self.update_sla)
        self.add("GET", f"{api}/business_hours", self.lister("business_hours"))
        self.add("GET", rf"{api}/business_hours/(?P<oid>\d+)", self.shower("business_hours"))
        rules = rf"{api}/automations/(?P<rtype>\d+)/rules"
        self.add("GET", rules, self.list_rules)
        self.add("POST", rules, self.create_rule)
        self.add("GET", rf"{rules}/(?P<oid>\d+)", self.show_rule)
        self.add("PUT", rf"{rules}/(?P<oid>\d+)", self.update_rule)
        self.add("DELETE", rf"{rules}/(?P<oid>\d+)", self.delete_rule)

    def authorized(self, user: str, password: str) -> bool:
        return user == API_KEY and password == "X"

    def unauthorized(self) -> Refusal:
        return Refusal(
            401, {"code": "invalid_credentials", "message": "You have to be logged in to perform this action."}
        )

    def not_found(self) -> Refusal:
        return Refusal(404, None)

    def failure(self, fault: Fault) -> Refusal:
        refusal = super().failure(fault)
        if fault.body is None and fault.status == 429:
            refusal.body = {"message": "You have exceeded the limit of requests per minute"}
        return refusal

    def bad_json(self) -> Refusal:
        return failed("body", "Request body has invalid json format", "invalid_json")

    # -- what tests and people in the web UI do -------------------------------------------------
    def ui_add(self, kind: str, name: str, **fields: Any) -> int:
        """A company or product, made in the web UI (playbook only looks them up)."""
        oid = self.new_id()
        self.store[kind][oid] = {"id": oid, "name": name, **fields}
        return oid

    def add_agent(self, name: str, email: str) -> int:
        aid = self.new_id()
        self.store["agents"][aid] = {
            "id": aid, "occasional": False, "ticket_scope": 1, "available": True,
            "contact": {"name": name, "email": email, "active": True},
        }  # fmt: skip
        return aid

    def ui_add_business_hours(
        self, name: str, time_zone: str, hours: dict[str, tuple[str, str]], *, default: bool = False
    ) -> str:
        bid = str(self.new_id())
        self.store["business_hours"][bid] = {
            "id": bid, "name": name, "description": "", "time_zone": time_zone, "is_default": default,
            "business_hours": {day: {"start_time": start, "end_time": end} for day, (start, end) in hours.items()},
            "created_at": self.stamp(), "updated_at": self.stamp(),
        }  # fmt: skip
        return bid

    def objects(self, kind: str, rule_type: int | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [copy.deepcopy(o) for o in self._items(kind, rule_type)]

    def find(self, kind: str, name: str, rule_type: int | None = None) -> dict[str, Any]:
        for obj in self.objects(kind, rule_type):
            if obj.get("name") == name:
                return obj
        raise KeyError(f"no {kind} named {name!r}")

    def ui_edit(self, kind: str, name: str, changes: dict[str, Any], rule_type: int | None = None) -> None:
        with self.lock:
            target = self.find(kind, name, rule_type)
            stored = self.store[kind][target["id"]]
            stored.update(copy.deepcopy(changes))
            stored["updated_at"] = self.stamp()

    def ui_create_rule(self, rule_type: int, fields: dict[str, Any]) -> int:
        with self.lock:
            self._check_rule(str(rule_type), fields, None)
            return self._add_rule(str(rule_type), fields)["id"]

    # -- generic ----------------------------------------------------------------------------------
    def _items(self, kind: str, rule_type: int | None = None) -> list[dict[str, Any]]:
        items = list(self.store[kind].values())
        if kind == "rules":
            items = [r for r in items if rule_type is None or r["type"] == str(rule_type)]
            return sorted(items, key=lambda r: (r["type"], r["position"], r["id"]))
        if kind == "sla_policies":
            return sorted(items, key=lambda p: (p["is_default"], p["position"], int(p["id"])))
        return items

    def page(self, call: Call, items: list[Any]) -> tuple[int, Any, dict[str, str]]:
        page_text, per_page_text = call.arg("page") or "1", call.arg("per_page") or "30"
        if not (page_text.isdigit() and per_page_text.isdigit()) or not 1 <= int(per_page_text) <= 100:
            raise failed("per_page", "It should be a Positive Integer less than or equal to 100")
        page, per_page = max(int(page_text), 1), int(per_page_text)
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            extra = "".join(f"&{k}={v[0]}" for k, v in call.query.items() if k not in ("page", "per_page"))
            headers["Link"] = f'<{call.base}{call.path}?page={page + 1}&per_page={per_page}{extra}>; rel="next"'
        return 200, chunk, headers

    def lister(self, kind: str):  # type: ignore[no-untyped-def]
        return lambda call: self.page(call, self._items(kind))

    def shower(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call, oid: str) -> tuple[int, Any]:
            return 200, copy.deepcopy(self._get(kind, oid))

        return handler

    def deleter(self, kind: str):  # type: ignore[no-untyped-def]
        def handler(call: Call, oid: str) -> tuple[int, Any]:
            del self.store[kind][self._get(kind, oid)["id"]]
            return 204, None

        return handler

    def _get(self, kind: str, oid: str) -> dict[str, Any]:
        for key in (oid, int(oid) if oid.isdigit() else None):
            if key in self.store[kind]:
                return self.store[kind][key]
        raise self.not_found()

    def _object(self, call: Call, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(call.body, dict):
            raise failed("body", "Request body must be a JSON object", "invalid_json")
        extra = sorted(set(call.body) - allowed)
        if extra:
            raise failed(extra[0], "Unexpected/invalid field in request", "invalid_field")
        return copy.deepcopy(call.body)

    # -- agents -----------------------------------------------------------------------------------
    def list_agents(self, call: Call) -> tuple[int, Any, dict[str, str]]:
        agents = list(self.store["agents"].values())
        email = call.arg("email")
        if email is not None:
            agents = [a for a in agents if a["contact"]["email"].lower() == email.lower()]
        return self.page(call, agents)

    def _agent_ids(self, field: str, ids: Any, allow_assignee: bool = False) -> None:
        if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            raise failed(field, "It should contain elements of type Positive Integer only", "datatype_mismatch")
        unknown = [i for i in ids if i not in self.store["agents"] and not (allow_assignee and i == -1)]
        if unknown:
            raise failed(field, f"There are no records matching the ids: '{', '.join(map(str, unknown))}'")

    # -- groups -----------------------------------------------------------------------------------
    def create_group(self, call: Call) -> tuple[int, Any]:
        body = self._object(call, GROUP_FIELDS)
        self._check_group(body, None)
        gid = self.new_id()
        group = {
            "id": gid, "name": body["name"], "description": body.get("description"), "agent_ids": [],
            "escalate_to": None, "unassigned_for": None, "business_hour_id": None, "auto_ticket_assign": 0,
            "created_at": self.stamp(), "updated_at": self.stamp(),
        }  # fmt: skip
        group.update(body)
        if group["escalate_to"] is not None and group["unassigned_for"] is None:
            group["unassigned_for"] = "30m"
        self.store["groups"][gid] = group
        return 201, copy.deepcopy(group)

    def update_group(self, call: Call, oid: str) -> tuple[int, Any]:
        stored = self._get("groups", oid)
        body = self._object(call, GROUP_FIELDS)
        self._check_group({**stored, **body}, stored["id"])
        stored.update(body)
        stored["updated_at"] = self.stamp()
        return 200, copy.deepcopy(stored)

    def _check_group(self, body: dict[str, Any], gid: Any) -> None:
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise failed("name", "It should be a/an String", "missing_field")
        if any(g["name"].lower() == name.lower() and g["id"] != gid for g in self.store["groups"].values()):
            raise failed("name", "It should be a unique value", "duplicate_value", 409)
        self._agent_ids("agent_ids", body.get("agent_ids", []))
        if body.get("escalate_to") is not None:
            self._agent_ids("escalate_to", [body["escalate_to"]])
        if body.get("unassigned_for") is not None and body["unassigned_for"] not in UNASSIGNED_FOR:
            raise failed("unassigned_for", f"It should be one of these values: '{','.join(sorted(UNASSIGNED_FOR))}'")

    # -- SLA policies -----------------------------------------------------------------------------
    def create_sla(self, call: Call) -> tuple[int, Any]:
        body = self._object(call, SLA_FIELDS)
        self._check_sla(body, None, creating=True)
        sid = str(self.new_id())
        custom = [p for p in self.store["sla_policies"].values() if not p["is_default"]]
        policy = {
            "id": sid, "description": None, "active": True, "is_default": False, "position": len(custom) + 1,
            "escalation": {}, "created_at": self.stamp(), "updated_at": self.stamp(), **body,
        }  # fmt: skip
        self.store["sla_policies"][sid] = policy
        self.store["sla_policies"]["1"]["position"] = len(custom) + 2  # the default policy stays last
        return 201, copy.deepcopy(policy)

    def update_sla(self, call: Call, oid: str) -> tuple[int, Any]:
        stored = self._get("sla_policies", oid)
        if stored["is_default"]:
            raise failed("id", "The default SLA policy cannot be updated", "cannot_update_default_sla")
        body = self._object(call, SLA_FIELDS)
        self._check_sla({**stored, **body}, stored["id"], creating=False)
        stored.update(body)
        stored["updated_at"] = self.stamp()
        return 200, copy.deepcopy(stored)

    def _check_sla(self, body: dict[str, Any], sid: Any, *, creating: bool) -> None:
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise failed("name", "It should be a/an String", "missing_field")
        if any(p["name"] == name and p["id"] != sid for p in self.store["sla_policies"].values()):
            raise failed("name", "It should be a unique value", "duplicate_name_in_sla_policy")
        targets = body.get("sla_target")
        if creating and targets is None:
            raise failed("sla_target", "It should be a/an key/value pair", "missing_field")
        if targets is not None:
            self._check_targets(targets)
        scope = body.get("applicable_to")
        if not isinstance(scope, dict) or not any(scope.values()):
            raise failed("applicable_to", "A custom SLA policy must apply to something", "missing_field")
        allowed = {"company_ids", "group_ids", "product_ids", "sources", "ticket_types", "contact_segments",
                   "company_segments"}  # fmt: skip
        if set(scope) - allowed:
            raise failed("applicable_to", "Unexpected key in applicable_to", "invalid_field")
        if not set(scope.get("sources", [])) <= SOURCES:
            raise failed("applicable_to.sources", f"It should be one of these values: {sorted(SOURCES)}")
        self._check_escalation(body.get("escalation") or {})

    def _check_targets(self, targets: Any) -> None:
        keys = {f"priority_{n}" for n in (1, 2, 3, 4)}
        if not isinstance(targets, dict) or set(targets) != keys:
            raise failed("sla_target", "It should have all of priority_1, priority_2, priority_3, priority_4")
        for key, target in targets.items():
            for name in ("respond_within", "resolve_within", "next_respond_within"):
                if name not in target:
                    if name != "next_respond_within":
                        raise failed(f"{key}.{name}", "It should be a/an Positive Integer", "missing_field")
                    continue
                if name == "next_respond_within" and not self.next_response:
                    raise failed(f"{key}.{name}", "The next response SLA feature is not enabled", "inaccessible_field")
                value = target[name]
                if not isinstance(value, int) or not 900 <= value <= 31_536_000 or value % 60:
                    raise failed(f"{key}.{name}", "It should be a multiple of 60 between 900 and 31536000")
            for flag in ("business_hours", "escalation_enabled"):
                if not isinstance(target.get(flag), bool):
                    raise failed(f"{key}.{flag}", "It should be a/an Boolean", "datatype_mismatch")

    def _check_escalation(self, escalation: dict[str, Any]) -> None:
        levels = []
        for key in ("response", "next_response"):
            if key in escalation:
                levels.append((key, escalation[key], ESCALATION_TIMES))
        for key, level in (escalation.get("resolution") or {}).items():
            if key not in {f"level_{n}" for n in (1, 2, 3, 4)}:
                raise failed(f"escalation.resolution.{key}", "Unexpected escalation level", "invalid_field")
            levels.append((f"resolution.{key}", level, ESCALATION_TIMES))
        for key in ("reminder_response", "reminder_next_response", "reminder_resolution"):
            if key in escalation:
                levels.append((key, escalation[key], REMINDER_TIMES))
        for name, level, menu in levels:
            if not isinstance(level, dict) or level.get("escalation_time") not in menu:
                raise failed(f"escalation.{name}.escalation_time", f"It should be one of these values: {sorted(menu)}")
            self._agent_ids(f"escalation.{name}.agent_ids", level.get("agent_ids"), allow_assignee=True)

    # -- automation rules -------------------------------------------------------------------------
    def list_rules(self, call: Call, rtype: str) -> tuple[int, Any, dict[str, str]]:
        self._rule_type(rtype)
        return self.page(call, [self._shape_rule(r) for r in self._items("rules", int(rtype))])

    def show_rule(self, call: Call, rtype: str, oid: str) -> tuple[int, Any]:
        return 200, self._shape_rule(self._typed_rule(rtype, oid))

    def create_rule(self, call: Call, rtype: str) -> tuple[int, Any]:
        self._rule_type(rtype)
        body = self._object(call, RULE_FIELDS)
        self._check_rule(rtype, body, None)
        return 201, self._shape_rule(self._add_rule(rtype, body))

    def update_rule(self, call: Call, rtype: str, oid: str) -> tuple[int, Any]:
        stored = self._typed_rule(rtype, oid)
        body = self._object(call, RULE_FIELDS)
        self._check_rule(rtype, {**stored, **body}, stored["id"])
        position = body.pop("position", None)
        stored.update(body)
        if position is not None:
            self._move(stored, position)
        stored["updated_at"] = self.stamp()
        return 200, self._shape_rule(stored)

    def delete_rule(self, call: Call, rtype: str, oid: str) -> tuple[int, Any]:
        stored = self._typed_rule(rtype, oid)
        del self.store["rules"][stored["id"]]
        self._renumber(rtype)
        return 204, None

    def _rule_type(self, rtype: str) -> None:
        if rtype not in RULE_TYPES:
            raise failed("automation_type_id", "It should be one of these values: '1,3,4'")

    def _typed_rule(self, rtype: str, oid: str) -> dict[str, Any]:
        self._rule_type(rtype)
        stored = self._get("rules", oid)
        if stored["type"] != rtype:
            raise self.not_found()
        return stored

    def _add_rule(self, rtype: str, body: dict[str, Any]) -> dict[str, Any]:
        rid = self.new_id()
        position = body.pop("position", None)
        rule = {
            "id": rid, "type": rtype, "active": True, "operator": None, "position": 10**6,
            "created_at": self.stamp(), "updated_at": self.stamp(), **body,
        }  # fmt: skip
        self.store["rules"][rid] = rule
        self._move(rule, position if isinstance(position, int) else 10**6)
        return rule

    def _move(self, rule: dict[str, Any], position: int) -> None:
        """Put a rule at `position` (1-based, clamped) among its type; the others keep their order."""
        others = [r for r in self._items("rules", int(rule["type"])) if r is not rule]
        others.insert(min(max(position - 1, 0), len(others)), rule)
        for number, item in enumerate(others, start=1):
            item["position"] = number

    def _renumber(self, rtype: str) -> None:
        for number, item in enumerate(self._items("rules", int(rtype)), start=1):
            item["position"] = number

    def _check_rule(self, rtype: str, body: dict[str, Any], rid: Any) -> None:
        if not isinstance(body.get("name"), str) or not body["name"].strip():
            raise failed("name", "It should be a/an String", "missing_field")
        sets = body.get("conditions")
        most = 1 if rtype == "3" else 2
        if not isinstance(sets, list) or not 1 <= len(sets) <= most:
            raise failed("conditions", f"It should have between 1 and {most} condition sets")
        for number, condition_set in enumerate(sets, start=1):
            if condition_set.get("name") != f"condition_set_{number}" or condition_set.get("match_type") not in (
                "all",
                "any",
            ):
                raise failed("conditions", "Each set needs name condition_set_N and match_type all or any")
            properties = condition_set.get("properties")
            if not isinstance(properties, list) or not properties:
                raise failed("conditions.properties", "It should not be blank", "missing_field")
            for prop in properties:
                if not {"resource_type", "field_name", "operator", "value"} <= set(prop):
                    raise failed(
                        "conditions.properties", "Each condition needs resource_type, field_name, operator, value"
                    )
                if prop["field_name"] == "group_id" and not all(
                    v == "" or v in self.store["groups"] for v in prop["value"]
                ):
                    raise failed("conditions.properties.group_id", "There are no records matching the ids given")
                if "business_hours_id" in prop and str(prop["business_hours_id"]) not in self.store["business_hours"]:
                    raise failed(
                        "conditions.properties.business_hours_id", "There are no records matching the id given"
                    )
        if (len(sets) == 2) != (body.get("operator") is not None):
            raise failed("operator", "Two condition sets need an operator, one set none")
        if rtype == "4" and not (body.get("performer") and body.get("events")):
            raise failed("events", "Ticket update rules need a performer and events", "missing_field")
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions:
            raise failed("actions", "It should not be blank", "missing_field")
        for action in actions:
            field = action.get("field_name")
            if field == "group_id" and action.get("value") not in self.store["groups"]:
                raise failed("actions.group_id", "There are no records matching the id given")
            if field in ("send_email_to_agent", "send_email_to_group"):
                kind = "agents" if field == "send_email_to_agent" else "groups"
                if action.get("email_to") not in self.store[kind]:
                    raise failed(f"actions.{field}.email_to", "There are no records matching the id given")

    def _shape_rule(self, stored: dict[str, Any]) -> dict[str, Any]:
        rule = dict(stored)
        rule.pop("type", None)
        rule.update(
            {"outdated": False, "last_updated_by": None, "summary": {}, "meta": {}, "affected_tickets_count": 0}
        )
        return rule
