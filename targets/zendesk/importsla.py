"""Zendesk SLA policies read back as `segments:` and `sla_policies:`: the inverse of targets/zendesk/sla.py's
`emit_policies`, the policy triggers of triggers.py and the band automations of automations.py.

What each object holds: a policy's title, description (when not the generated one), `position` (the order) and
filter (`when`: every `all` condition must hold, then one of the `any` group; tags, organization tags and a
drop-down's option tags are all `current_tags`, so they come back as `tags`); its trigger "SLA policy N: ..."
holds the policy id (the `pb_sla_<id>` tag it adds) and the schedule it sets (its calendar), and one trigger
per value of a field (", <field> <value>") the calendar chosen by that field; its metrics are its targets
(whole minutes, business hours or not), and a band automation "Band limit <priority> <metric>, <policy>:
<band>" the band itself (its lower end is the metric). Segments come from the routes by segment (their
conditions and ids), then from policies that select by one condition (named after the policy), then one per
further condition.
"""

from __future__ import annotations

import re
from typing import Any

from targets.shared.live import importing as imp
from targets.shared.live.compare import split_marker

POLICY_TRIGGER = re.compile(r"^SLA policy (?P<position>\d+): (?P<rest>.*)$")
BAND_TITLE = re.compile(r"^Band limit (?P<pid>\S+) (?P<metric>[a-z_]+), (?P<policy>.*): (?P<band>\S+)$")
ROUTE_GUARDS = (
    {"field": "update_type", "operator": "is", "value": "Create"},
    {"field": "group_id", "operator": "is", "value": ""},
)
# Zendesk metric -> the policy target that compiles to it (with the `helpdesk.zendesk` setting it needs).
TARGETS = {
    "first_reply_time": ("first_reply", None),
    "next_reply_time": ("next_reply", None),
    "periodic_update_time": ("periodic_update", None),
    "pausable_update_time": ("update_every", ("update_metric", "pausable_update_time")),
    "requester_wait_time": ("resolve", None),
    "agent_work_time": ("resolve", ("resolution_metric", "agent_work_time")),
    "total_resolution_time": ("resolve", ("resolution_metric", "total_resolution_time")),
}
LOOKED_UP = {
    "organization_id": ("organizations", "/api/v2/organizations"),
    "ticket_form_id": ("forms", "/api/v2/ticket_forms"),
    "brand_id": ("brands", "/api/v2/brands"),
}

Key = tuple[tuple[str, str, str], ...]


def is_policy_book(owned: dict[str, list[Any]]) -> bool:
    """Whether the playbook had `sla_policies:` (each expressible policy has its trigger "SLA policy N: ...")."""
    return any(POLICY_TRIGGER.match(have.key) for have in owned.get("trigger", []))


def _key(conditions: list[dict[str, Any]]) -> Key:
    return tuple(sorted((str(c.get("field")), str(c.get("operator")), str(c.get("value"))) for c in conditions))


class PolicyReader:
    """Reads the policies of one account; `reader` is the importer's Reader (teams, schedules, priority levels)."""

    def __init__(self, reader: Any, schedules: dict[Any, str]) -> None:
        self.reader, self.draft, self.owned = reader, reader.draft, reader.owned
        self.schedules = schedules  # schedule id -> calendar id
        self.segments: dict[str, dict[str, Any]] = {}
        self.by_filter: dict[tuple[Key, Key], str] = {}  # (all, any) -> segment id
        self.names: dict[str, dict[int, str]] = {}  # filter field -> id -> name

    # -- segments ------------------------------------------------------------------------------------------
    def route_segments(self) -> None:
        """Each route by segment names its segment, and its conditions (less the routing guards) are the segment's."""
        for have in self.owned.get("trigger", []):
            found = imp.ROUTE_TITLE.match(have.key)
            if not found or not found["what"].startswith("segment "):
                continue
            sid = found["what"].split(" ", 1)[1]
            conditions = have.body.get("conditions") or {}
            all_ = [c for c in conditions.get("all", []) if c not in ROUTE_GUARDS]
            self._segment(sid, sid, all_, conditions.get("any", []))

    def _segment(self, sid: str, title: str, all_: list[dict], any_: list[dict]) -> str | None:
        key = (_key(all_), _key(any_))
        if key in self.by_filter:
            return self.by_filter[key]
        tests = [self._condition(c) for c in [*all_, *any_]]
        if any(t is None for t in tests):
            return None
        entry: dict[str, Any] = {"title": title}
        if any_ and all_:
            return None  # a segment's conditions all hold, or any one does: not both
        if len(any_) > 1:
            merged = _merge(tests)  # type: ignore[arg-type]
            if len(merged) > 1:
                entry["match"] = "any"
            tests = merged
        for attribute, values in tests:  # type: ignore[misc]
            if attribute in entry:
                return None
            entry[attribute] = values[0] if len(values) == 1 else list(values)
        self.segments[sid] = entry
        self.by_filter[key] = sid
        return sid

    def step_segment(self, wanted: str, all_: list[dict], any_: list[dict]) -> str | None:
        """The segment an escalation step's automation selects: the one with exactly its conditions (a route's or
        a policy's), else a new one under the id its title gives; None when the conditions cannot be read."""
        if (_key(all_), _key(any_)) not in self.by_filter and wanted in self.segments:
            wanted = imp.unique_id(wanted, set(self.segments))
        return self._segment(wanted, wanted, all_, any_)

    def _condition(self, condition: dict[str, Any]) -> tuple[str, list[str]] | None:
        field, operator, value = condition.get("field"), condition.get("operator"), condition.get("value")
        if field == "current_tags" and operator == "includes":
            return "tags", str(value).split()
        if field == "type" and operator == "is":
            return "types", [str(value)]
        if field == "group_id" and operator == "is" and _number(value) in self.reader.group_node:
            return "groups", [self.reader.group_node[_number(value)]]
        if field in LOOKED_UP and operator == "is":
            attribute, path = LOOKED_UP[field]
            if field not in self.names:
                key = path.rsplit("/", 1)[1]
                self.names[field] = {int(o["id"]): o.get("name", "") for o in self.reader.source.all(path, key)}
            name = self.names[field].get(_number(value))
            return (attribute, [name]) if name else None
        return None

    def _single(self, condition: dict[str, Any], taken: set[str]) -> str | None:
        """The segment of one condition, made (named after its value) when no segment is exactly it."""
        found = self.by_filter.get((_key([condition]), ()))
        if found:
            return found
        test = self._condition(condition)
        if test is None:
            return None
        sid = imp.unique_id("-".join(test[1]), taken | set(self.segments))
        return self._segment(sid, " or ".join(test[1]), [condition], [])

    # -- policies ------------------------------------------------------------------------------------------
    def policies(self) -> list[dict[str, Any]]:
        triggers = self._policy_triggers()
        bands = self._bands()
        found: list[dict[str, Any]] = []
        taken: set[str] = set()
        owned = sorted(self.owned.get("sla_policy", []), key=lambda h: h.body.get("position") or 0)
        simple = []
        for have in owned:
            body = have.body
            trigger = triggers.get(body.get("title", have.key), {})
            pid = trigger.get("id") or imp.unique_id(have.key, taken)
            taken.add(pid)
            filter_ = body.get("filter") or {}
            all_, any_ = filter_.get("all") or [], filter_.get("any") or []
            simple.append((have, pid, trigger, all_, any_))
        # Policies that select by one condition name their segment first (as a playbook names them).
        for have, pid, _trigger, all_, any_ in simple:
            if (len(all_) == 1 and not any_) or (not all_ and any_ and len({c.get("field") for c in any_}) == 1):
                named = self.by_filter.get((_key(all_), _key(any_)))
                if named is None and pid not in self.segments:
                    self._segment(pid, have.key, all_, any_)
                elif named is not None and self.segments[named]["title"] == named:
                    self.segments[named]["title"] = have.key  # a route named it; the policy's title says more
        for index, (have, pid, trigger, all_, any_) in enumerate(simple):
            policy = self._policy(have, pid, trigger, all_, any_, last=index == len(simple) - 1)
            if policy is None:
                continue
            for (priority, metric), band in bands.get(have.key, {}).items():
                cell = policy["targets"].setdefault(priority, imp.Flow())
                cell[metric] = band
            found.append(policy)
        return found

    def _when(self, all_: list[dict], any_: list[dict]) -> tuple[dict[str, Any] | None, str]:
        """(`when`, its description as the compiler writes it); None when the filter has no segments for it."""
        whole = self.by_filter.get((_key(all_), _key(any_)))
        if whole:
            return {"segment": whole}, f"segment {whole}"

        parts: list[dict[str, Any]] = []
        texts: list[str] = []
        for condition in all_:
            sid = self._single(condition, set())
            if sid is None:
                return None, ""
            parts.append({"segment": sid})
            texts.append(f"segment {sid}")
        options: list[str] = []
        for condition in any_:
            if condition.get("field") == "current_tags" and len(str(condition.get("value")).split()) > 1:
                alternatives = [{**condition, "value": v} for v in str(condition["value"]).split()]
            else:
                alternatives = [condition]
            for alternative in alternatives:
                sid = self._single(alternative, set())
                if sid is None:
                    return None, ""
                options.append(sid)
        if options:
            parts.append({"segments": options} if len(options) > 1 else {"segment": options[0]})
            text = " or ".join(f"segment {s}" for s in options)
            texts.append(text if len(options) == 1 or not texts else f"({text})")
        if len(parts) == 1:
            return parts[0], texts[0]
        return {"all": parts}, " and ".join(texts)

    def _policy(
        self, have: Any, pid: str, trigger: dict[str, Any], all_: list[dict], any_: list[dict], last: bool
    ) -> dict[str, Any] | None:
        policy: dict[str, Any] = {"id": pid, "title": have.key}
        description = split_marker(have.body.get("description"))[0].strip()
        if all_ or any_:
            when, text = self._when(all_, any_)
            if when is None:
                unread = [c for c in all_ + any_ if self._condition(c) is None] or all_ + any_
                what = "; ".join(f"{c.get('field')} {c.get('operator')} {c.get('value')}" for c in unread)
                self.draft.lose(f'SLA policy "{have.key}": a condition the import cannot read ({what})')
                return None
            if description != f"Playbook {self.draft.book_id}: {text}.":
                policy["description"] = description
            policy["when"] = when
        elif not last:
            self.draft.lose(f'SLA policy "{have.key}": no conditions, yet not the last policy')
            return None
        elif description != f"Playbook {self.draft.book_id}: every other ticket.":
            policy["description"] = description
        calendar = trigger.get("calendar")
        if calendar is not None:
            policy["calendar"] = calendar
        business = calendar is not None
        if calendar is None:
            policy["hours"] = "calendar"
        targets: dict[str, dict[str, Any]] = {}
        for metric in have.body.get("policy_metrics") or []:
            name, setting = TARGETS.get(metric["metric"], (None, None))
            if name is None:
                self.draft.lose(f'SLA policy "{have.key}": metric {metric["metric"]}')
                continue
            if setting is not None:
                self.draft.helpdesk.setdefault("zendesk", {})[setting[0]] = setting[1]
            priority = self.reader.levels.setdefault(metric["priority"], metric["priority"])
            value: Any = imp.duration(metric["target"] * 60)
            if bool(metric["business_hours"]) != business:
                if metric["business_hours"]:
                    self.draft.lose(f'SLA policy "{have.key}": business-hour {metric["metric"]} without a schedule')
                value = {"target": value, "hours": "business" if metric["business_hours"] else "calendar"}
            targets.setdefault(priority, imp.Flow())[name] = value
        policy["targets"] = targets
        return policy

    def _policy_triggers(self) -> dict[str, dict[str, Any]]:
        """Policy title -> its id and calendar, from the triggers that tag tickets with their policy."""
        found: dict[str, dict[str, Any]] = {}
        for have in self.owned.get("trigger", []):
            head = POLICY_TRIGGER.match(have.key)
            if head is None:
                continue
            actions = have.body.get("actions", [])
            own = next((a["value"] for a in actions if a.get("field") == "current_tags"), None)
            schedule = next((a["value"] for a in actions if a.get("field") == "set_schedule"), None)
            cid = self.schedules.get(_number(schedule))
            if own is not None:
                entry = found.setdefault(head["rest"], {})
                entry["id"] = imp.strip_prefix(str(own), "pb_sla_") or None
                if cid is not None:
                    entry["default"] = cid
                continue
            title, _, choice = head["rest"].rpartition(", ")
            field, _, value = choice.partition(" ")
            entry = found.setdefault(title, {})
            entry.setdefault("choose", {})[value] = cid
            entry["field"] = field
        for entry in found.values():
            if "choose" in entry:
                entry["calendar"] = {"field": entry["field"], "choose": imp.Flow(entry["choose"])}
                if "default" in entry:
                    entry["calendar"]["default"] = entry["default"]
            elif "default" in entry:
                entry["calendar"] = entry["default"]
        return found

    def _bands(self) -> dict[str, dict[tuple[str, str], str]]:
        """Policy title -> (priority, metric) -> band, from the band automations."""
        found: dict[str, dict[tuple[str, str], str]] = {}
        for have in self.owned.get("automation", []):
            head = BAND_TITLE.match(have.key)
            if head:
                found.setdefault(head["policy"], {})[(head["pid"], head["metric"])] = head["band"]
        return found


def band_automation(title: str) -> bool:
    return BAND_TITLE.match(title) is not None


def _merge(tests: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    merged: dict[str, list[str]] = {}
    for attribute, values in tests:
        merged.setdefault(attribute, []).extend(values)
    return list(merged.items())


def _number(value: Any) -> int | None:
    """An id as the API gives it (a number, or its digits as text); None for anything else (someone's edit)."""
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None
