"""Zendesk objects read back as a playbook: the inverse of the zendesk target (see targets/shared/live/importing.py).

Which object holds what: groups (teams, with ids in their description) and
memberships; users (contacts: name, email); schedules with their workweek and
holidays (calendars); SLA policies (channels from their description and via_id
filter, targets per priority level); automations (escalation steps: ids in the
title, exact times in the notification text); triggers (routing, the schedule of
each priority, the alert naming the top priority's owner and incident
commander); views (priority ids); the closing macro (closure message).
"""

from __future__ import annotations

import re
from typing import Any

from compiler.plan.helpdesk import facts_of
from targets.shared.helpdesk import MITIGATED_TAG, slug
from targets.shared.live import importing as imp
from targets.shared.live.compare import split_marker
from targets.shared.live.http import RequestFailed
from targets.zendesk import handmade, importsla
from targets.zendesk.live import ADAPTER, METRICS

ALERT_TITLE = re.compile(r"^Alert on (?P<pid>\S+) \((?P<level>[a-z]+)\) tickets$")
ALERT_TEXT = re.compile(r"^A (?P<pid>\S+) ticket \((?P<title>.*)\) is open: #\S+ \((?P<roles>.*)\)\.$")
SCHEDULE_TITLE = re.compile(r"^Use schedule (?P<cid>\S+) for (?P<levels>.*)$")
VIEW_TITLE = re.compile(r"^(?P<pid>\S+) \((?P<level>[a-z]+)\): SLA breach within \d+h$")
SCOPED_STEP = re.compile(r"^(?P<title>Escalate .*) \((?P<segment>[^()\s]+)\)$")
STEP_BASE = ("priority", "status", "NEW")  # the conditions automations.conditions gives every step
SETTINGS = {"update_every": "update_metric", "resolve": "resolution_metric"}


class Reader:
    def __init__(self, source: Any, draft: imp.Draft, owned: dict[str, list[Any]]) -> None:
        self.source, self.draft, self.owned = source, draft, owned
        self.users: dict[int, dict[str, Any]] = {}
        self.user_node: dict[int, str] = {}  # user id -> contact id
        self.group_node: dict[int, str] = {}  # group id -> team id
        self.schedule_node: dict[int, str] = {}  # schedule id -> calendar id
        self.taken: set[str] = set()
        self.levels: dict[str, str] = {}  # level -> priority id
        self.titles: dict[str, str] = {}  # priority id -> title
        self.calendar_of: dict[str, str] = {}  # level -> calendar id
        self.steps: list[imp.StepFound] = []
        # A step for some segments' tickets: one automation per segment, read back once segments are known.
        self.scoped: list[tuple[imp.StepFound, str, str, list[dict], list[dict]]] = []
        self.step_business: dict[str, bool] = {}
        self.alert_roles: dict[str, dict[str, Any]] = {}  # priority -> owners (list), incident_commander
        self.named: dict[str, str] = {}  # a node's name in step texts -> its id in step titles

    # -- people --------------------------------------------------------------------------------
    def user(self, uid: Any) -> dict[str, Any]:
        uid = int(uid)
        if uid not in self.users:
            try:
                self.users[uid] = (self.source.get(f"/api/v2/users/{uid}") or {}).get("user") or {"id": uid}
            except RequestFailed as exc:
                if exc.status != 404:
                    raise
                self.draft.lose(f"user {uid} is named by a managed object but no longer exists")
                self.users[uid] = {"id": uid}
        return self.users[uid]

    def contact_for_user(self, uid: Any, wanted: str | None = None) -> str:
        uid = int(uid)
        if uid in self.user_node:
            return self.user_node[uid]
        user = self.user(uid)
        name = user.get("name") or f"User {uid}"
        wanted = wanted or self.named.get(name)
        cid = wanted if wanted and wanted not in self.taken else imp.unique_id(name, self.taken)
        self.taken.add(cid)
        contact: dict[str, Any] = {"name": name}
        if user.get("email"):
            contact["email"] = user["email"]
        self.draft.contacts[cid] = contact
        self.user_node[uid] = cid
        return cid

    def node_for(self, field: str, value: Any, wanted: str | None = None) -> str | None:
        """The contact or team a notification action names."""
        if field == "notification_user":
            return self.contact_for_user(value, wanted)
        if field == "notification_group":
            return self.group_node.get(int(value))
        return None

    # -- sections ------------------------------------------------------------------------------
    def organisation(self) -> str:
        for have in self.owned.get("trigger_category", []):
            found = imp.strip_prefix(have.key, "Playbook: ")
            if found:
                return found
        for kind in ("sla_policy", "schedule"):
            for have in self.owned.get(kind, []):
                if ": " in have.key:
                    return have.key.rsplit(": ", 1)[0]
        return self.draft.book_id

    def teams(self) -> None:
        org = self.draft.organisation
        for have in self.owned.get("group", []):
            description = split_marker(have.body.get("description"))[0].strip()
            tid = imp.strip_prefix(description, f"{org}: team ") or ""
            tid = tid if tid and tid not in self.taken else imp.unique_id(have.key, self.taken)
            self.taken.add(tid)
            self.group_node[have.id] = tid
            self.draft.teams[tid] = {"name": have.key}

    def members(self) -> None:
        for have in self.owned.get("group_membership", []):
            tid = self.group_node[have.body["group_id"]]
            self.draft.teams[tid].setdefault("members", []).append(self.contact_for_user(have.body["user_id"]))

    def calendars(self) -> None:
        org = self.draft.organisation
        holidays: dict[Any, list[Any]] = {}
        for have in self.owned.get("holiday", []):
            holidays.setdefault(have.parent_id, []).append(have.body)
        weeks = {have.parent_id: have.body.get("intervals") or [] for have in self.owned.get("workweek", [])}
        for have in self.owned.get("schedule", []):
            cid = imp.strip_prefix(have.key, f"{org}: ") or imp.unique_id(have.key, self.taken)
            self.schedule_node[int(have.id)] = cid
            zone = imp.iana_zone(have.body.get("time_zone", ""))
            if zone is None:
                self.draft.lose(
                    f'schedule "{have.key}": time zone {have.body.get("time_zone")!r} has no IANA name here'
                )
                zone = "UTC"
            intervals = [(i["start_time"], i["end_time"]) for i in weeks.get(have.id, [])]
            calendar: dict[str, Any] = {"timezone": zone, "weekly": imp.weekly(intervals)}
            days = handmade.holiday_days(holidays.get(have.id, []))
            if days:
                # No `years`: how far ahead the team keeps holidays is not in the account, and a range guessed
                # from the dates found would claim it (and warn, PB244, once its last year ends).
                calendar["holidays"] = [{"date": day, "name": name} for day, name in days]
            self.draft.calendars[cid] = calendar
            if self.draft.timezone == "UTC":
                self.draft.timezone = zone

    def automations(self) -> None:
        for have in self.owned.get("automation", []):
            notify = [a for a in have.body.get("actions", []) if a.get("field", "").startswith("notification_")]
            text = notify[0]["value"][2] if notify and isinstance(notify[0].get("value"), list) else ""
            scoped = SCOPED_STEP.match(have.key)
            step = imp.parse_step(scoped["title"] if scoped else have.key, text.split("\n\n"))
            level = _condition(have.body, "priority")
            if importsla.band_automation(have.key):
                continue  # an SLA policy's band: read with the policies
            if step is None or level is None:
                self.draft.lose(f'automation "{have.key}": not an escalation step playbook wrote')
                continue
            self.named.setdefault(step.source_name or step.source, step.source)
            self.named.setdefault(step.target_name or step.target, step.target)
            node = self.node_for(notify[0]["field"], notify[0]["value"][0], step.target)
            if node != step.target:
                self.draft.lose(f'automation "{have.key}": notifies {node}, not {step.target}')
            step.business = any(
                c.get("field") == "NEW" and c.get("operator", "").endswith("business_hours")
                for c in have.body["conditions"]["all"]
            )
            self.levels.setdefault(level, step.priority)
            self.titles.setdefault(step.priority, step.title or step.priority)
            self.step_business[step.priority] = step.business
            if scoped:
                self.scoped.append((step, have.key, scoped["segment"], *_segment_conditions(have.body)))
                continue
            self.steps.append(step)

    def scope_steps(self, segments: importsla.PolicyReader) -> None:
        """Each segment's automation of a step names its segment by its conditions; the step holds them all."""
        merged: dict[tuple[str, int], imp.StepFound] = {}
        for step, title, wanted, all_, any_ in self.scoped:
            sid = segments.step_segment(wanted, all_, any_)
            if sid is None:
                self.draft.lose(f'automation "{title}": segment conditions the import cannot read')
                continue
            if (step.priority, step.order) not in merged:
                merged[(step.priority, step.order)] = step
                self.steps.append(step)
            merged[(step.priority, step.order)].segments.append(sid)

    def triggers(self) -> None:
        for have in self.owned.get("trigger", []):
            schedule = SCHEDULE_TITLE.match(have.key)
            alert = ALERT_TITLE.match(have.key)
            if schedule:
                for level in schedule["levels"].split(", "):
                    self.calendar_of[level] = schedule["cid"]
            elif alert:
                self.levels.setdefault(alert["level"], alert["pid"])
                self._alert(have, alert["pid"])
            elif not imp.ROUTE_TITLE.match(have.key) and not importsla.POLICY_TRIGGER.match(have.key):
                self.draft.lose(f'trigger "{have.key}": not a trigger playbook writes')

    def _alert(self, have: Any, pid: str) -> None:
        notify = [a for a in have.body.get("actions", []) if a.get("field", "").startswith("notification_")]
        text = notify[0]["value"][2].split("\n\n")[0] if notify else ""
        found = ALERT_TEXT.match(text)
        if found is None:
            return
        self.titles.setdefault(pid, found["title"])
        roles = [part.split(": ", 1)[0] for part in found["roles"].split("; ")] if notify else []
        for role, action in zip(roles, notify, strict=False):
            node = self.node_for(action["field"], action["value"][0])
            if node is None:
                continue
            roles_of = self.alert_roles.setdefault(pid, {"owners": []})
            if role == "owner":
                roles_of["owners"].append(node)
            else:
                roles_of.setdefault("incident_commander", node)

    def views(self) -> None:
        for have in self.owned.get("view", []):
            found = VIEW_TITLE.match(have.key)
            if found:
                self.levels.setdefault(found["level"], found["pid"])

    def policies(self) -> list[imp.Policy]:
        org = self.draft.organisation
        found = []
        used: dict[str, str] = {}
        for have in self.owned.get("sla_policy", []):
            description = imp.POLICY_DESCRIPTION.match(split_marker(have.body.get("description"))[0].strip())
            names_text = imp.strip_prefix(have.key, f"{org}: ")
            if description is None or names_text is None:
                self.draft.lose(f'SLA policy "{have.key}": not one playbook wrote')
                continue
            scope = description["scope"]
            channels = [] if scope == "every channel" else scope.split(", ")
            names = [] if scope == "every channel" else names_text.split(", ")
            codes = sorted({int(c["value"]) for c in have.body["filter"]["any"] if c.get("field") == "via_id"})
            if have.body["filter"]["all"] or any(c.get("field") != "via_id" for c in have.body["filter"]["any"]):
                self.draft.lose(f'SLA policy "{have.key}": conditions other than the channel (via_id)')
            policy = imp.Policy(channels, names, codes)
            for metric in have.body.get("policy_metrics") or []:
                level, name = metric["priority"], METRICS.get(metric["metric"])
                if name is None:
                    self.draft.lose(f'SLA policy "{have.key}": metric {metric["metric"]}')
                    continue
                if used.setdefault(name, metric["metric"]) != metric["metric"]:
                    self.draft.lose(f'SLA policy "{have.key}": both {used[name]} and {metric["metric"]} for {name}')
                    continue
                pid = self.levels.setdefault(level, level)
                policy.cells.setdefault(pid, {})[name] = (metric["target"] * 60, bool(metric["business_hours"]))
            found.append(policy)
        for name, metric in used.items():
            if name in SETTINGS and metric != facts_of("zendesk").sla_metrics[name]:
                self.draft.helpdesk.setdefault("zendesk", {})[SETTINGS[name]] = metric
        return found

    def routes(self) -> dict[str, list[int]]:
        routed: dict[str, list[int]] = {}
        numbered = []
        for have in self.owned.get("trigger", []):
            found = imp.ROUTE_TITLE.match(have.key)
            if found:
                numbered.append((int(found["number"]), found, have))
        numbered.sort(key=lambda item: item[0])
        for expected, (number, found, have) in enumerate(numbered, start=1):
            if number != expected:
                self.draft.lose(f'trigger "{have.key}": routes before it were left out of Zendesk (number {number})')
            what = found["what"]
            rule: dict[str, Any] = imp.Flow()
            if what == "default":
                rule["default"] = True
            else:
                key, value = what.split(" ", 1)
                rule[key] = value
                if key == "channel":
                    routed[value] = sorted(
                        int(c["value"]) for c in have.body["conditions"]["any"] if c.get("field") == "via_id"
                    )
            for action in have.body.get("actions", []):
                if action.get("field") == "group_id":
                    rule["team"] = self.group_node.get(int(action["value"]), slug(found["team"]))
                elif action.get("field") == "priority":
                    rule["priority"] = self.levels.setdefault(action["value"], action["value"])
            self.draft.routing.append(rule)
        return routed

    def closure(self) -> None:
        for have in self.owned.get("macro", []):
            if have.key == "Close: resolved":
                for action in have.body.get("actions", []):
                    if action.get("field") == "comment_value":
                        self.draft.closure["message"] = action["value"]
            elif have.key != "Mark as mitigated":
                self.draft.lose(f'macro "{have.key}": not a macro playbook writes')

    # -- putting it together -------------------------------------------------------------------
    def priorities(self, policies: list[imp.Policy]) -> dict[str, bool]:
        business: dict[str, bool] = {}
        for level in facts_of("zendesk").levels:
            pid = self.levels.get(str(level))
            if pid is None:
                continue
            entry: dict[str, Any] = {"title": self.titles.get(pid, pid), "definition": imp.placeholder_text(pid)}
            calendar = self.calendar_of.get(str(level))
            if calendar is not None and calendar in self.draft.calendars:
                entry["calendar"] = calendar
            clock = calendar is not None
            if pid in self.step_business and self.step_business[pid] != clock:
                if self.step_business[pid]:
                    self.draft.lose(f"{pid}: business-hour escalation without a schedule")
                else:
                    entry["hours"] = "calendar"
                clock = self.step_business[pid] and clock
            business[pid] = clock
            entry["levels"] = {"zendesk": level}
            self.draft.priorities[pid] = entry
        return business


def _condition(body: dict[str, Any], field: str) -> str | None:
    for condition in body.get("conditions", {}).get("all", []):
        if condition.get("field") == field and condition.get("operator") == "is":
            return str(condition.get("value"))
    return None


def _segment_conditions(body: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """The conditions an escalation step's automation adds for its segment: all but the step's own."""
    conditions = body.get("conditions") or {}
    own = {a.get("value") for a in body.get("actions", []) if a.get("field") == "current_tags"} | {MITIGATED_TAG}
    all_ = [
        c
        for c in conditions.get("all", [])
        if c.get("field") not in STEP_BASE
        and not (c.get("field") == "current_tags" and c.get("operator") == "not_includes" and c.get("value") in own)
    ]
    return all_, list(conditions.get("any", []))


def read_playbook(source: Any, book_id: str | None = None) -> imp.Draft:
    """The playbook whose `zendesk` build made the managed objects of the account behind `source`."""
    found, haves = imp.snapshot(ADAPTER, source, book_id)
    if found is None:
        hand_made = handmade.read(source, haves, book_id)
        imp.nothing_to_import(hand_made)
        return hand_made
    draft = imp.Draft("zendesk")
    draft.book_id = found
    owned = imp.split_owned(draft, haves, draft.book_id)
    reader = Reader(source, draft, owned)
    draft.organisation = reader.organisation()
    reader.teams()
    reader.calendars()
    reader.views()
    reader.automations()
    reader.triggers()
    routed = reader.routes()
    by_policy = importsla.is_policy_book(owned)
    policies = [] if by_policy else reader.policies()
    if by_policy:
        found = importsla.PolicyReader(reader, reader.schedule_node)
        found.route_segments()
        draft.sla_policies = found.policies()
        draft.segments = found.segments
    if reader.scoped:
        if not by_policy:
            found = importsla.PolicyReader(reader, reader.schedule_node)
            found.route_segments()
        reader.scope_steps(found)
        draft.segments = found.segments
    reader.members()
    reader.closure()
    business = reader.priorities(policies)
    escalation = imp.rebuild_escalation(reader.steps, list(draft.priorities))
    draft.escalation = escalation.edges
    for problem in escalation.problems:
        draft.lose(problem)
    for pid, entry in draft.priorities.items():
        roles = reader.alert_roles.get(pid, {})
        # Several owners mean the playbook named none: each priority then starts at every node nobody escalates to.
        owners = roles.get("owners") or ([escalation.owners[pid]] if pid in escalation.owners else [])
        if len(owners) == 1:
            entry["owner"] = owners[0]
        if roles.get("incident_commander"):
            entry["incident_commander"] = roles["incident_commander"]
    for step in reader.steps:
        for node, name in ((step.source, step.source_name), (step.target, step.target_name)):
            if node not in draft.contacts and node not in draft.teams:
                draft.contacts[node] = {"name": name or node}
    imp.add_channels(draft, [p for p in policies if p.channels], routed, "zendesk")
    imp.add_sla(draft, policies, business, every_channel=any(not p.channels for p in policies))
    draft.never_stored = list(imp.NEVER_STORED)
    if not any(s.when == "unmitigated" for s in reader.steps) and any(
        h.key == "Mark as mitigated" for h in owned.get("macro", [])
    ):
        draft.lose(f'macro "Mark as mitigated": no step waits for the {MITIGATED_TAG} tag')
    return draft
