"""A Zendesk account configured by hand, read as a playbook (what `import` does when nothing is marked).

Each object is read for what it does, and taken into the playbook only when
the language holds all of that; otherwise the report says why and the object
is left as it is:

- groups are teams, their members contacts (name, email);
- SLA policies that select tickets by channel only (`via_id`) give channels and
  the targets of each priority level (the metric names chosen once, in
  `helpdesk.zendesk`); a policy for every ticket only when it is the only one;
- schedules used by a business-hour target are calendars (zone, weekly hours,
  holidays); a priority counts on the schedule a trigger sets for its level,
  else on the account's first schedule (the one Zendesk gives other tickets);
- triggers that give a new ticket a group (and maybe a priority) by a tag, by
  channel or always are routes, in the order that picks the same group;
- a trigger that notifies one or two people or groups when a ticket of the
  most urgent level is open names that priority's owner (and incident
  commander);
- automations that notify one person or group when a ticket of one level is
  still new (unacknowledged) or unsolved (unresolved) N hours after it was
  created are escalation steps: each level's, in time order, a ladder from the
  priority's owner (the alert's, else the default route's team, else a
  placeholder to replace).

Titles, descriptions, notification texts, guard tags and categories stay as
they are: `pair` then adopts the objects whose `held` view the new playbook
compiles to (targets/shared/live/importing.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from compiler.plan.helpdesk import facts_of
from targets.shared.live import handmade as hm
from targets.shared.live import importing as imp
from targets.shared.live.engine import Have
from targets.shared.live.http import RequestFailed
from targets.zendesk.live import METRICS, NOTIFY, Group, Schedule, condition_key, route_guard

LEVELS = tuple(str(level) for level in facts_of("zendesk").levels)
DEFAULTS = facts_of("zendesk").sla_metrics  # playbook metric -> the Zendesk metric it compiles to by default
SETTINGS = {"update_every": "update_metric", "resolve": "resolution_metric"}
WHEN = {("status", "less_than", "solved"): "unresolved", ("status", "is", "new"): "unacknowledged"}
GUARDS = {("current_tags", "not_includes")}  # conditions a rule adds so that it fires once: left as they are
ALERT_CONDITIONS = {("update_type", "is"), ("status", "less_than"), ("status", "is"), *GUARDS}
GUARD_ACTIONS = {"current_tags", "set_tags", "remove_tags"}


_c = condition_key


class HandMade:
    def __init__(self, source: Any, draft: imp.Draft, haves: dict[str, list[Have]]) -> None:
        self.source, self.draft, self.haves = source, draft, haves
        self.taken: set[str] = set()  # contact and team ids share one namespace
        self.users: dict[str, str] = {}  # user id -> contact id
        self.teams: dict[str, str] = {}  # group id -> team id
        self.examined: set[tuple[str, str]] = set()
        self.policies: list[imp.Policy] = []
        self.metric_names: dict[str, str] = {}  # playbook metric -> the Zendesk metric the policies use
        self.levels: set[str] = set()
        self.calendar_of: dict[str, Have] = {}  # level -> schedule set by a trigger
        self.alerts: dict[str, tuple[Have, list[str]]] = {}  # level -> the alert trigger and its recipients
        self.rungs: list[hm.Rung] = []
        self.default_team: str | None = None

    # -- helpers -----------------------------------------------------------------------------------
    def take(self, kind: str, have: Have) -> None:
        self.examined.add((kind, str(have.id)))
        self.draft.eligible.add((kind, str(have.id)))

    def refuse(self, kind: str, have: Have, why: str) -> None:
        self.examined.add((kind, str(have.id)))
        self.draft.lose(f'{kind} "{have.key}": {why}')

    def contact(self, uid: Any) -> str | None:
        """The contact for a Zendesk user (name, email), added once; None when the user is gone."""
        key = str(uid)
        if key not in self.users:
            try:
                user = (self.source.get(f"/api/v2/users/{int(uid)}") or {}).get("user") or {}
            except RequestFailed as exc:
                if exc.status != 404:
                    raise
                return None
            cid = imp.unique_id(user.get("name") or f"user {uid}", self.taken)
            entry: dict[str, Any] = {"name": user.get("name") or f"User {uid}"}
            if user.get("email"):
                entry["email"] = user["email"]
            self.draft.contacts[cid] = entry
            self.users[key] = cid
        return self.users[key]

    def recipient(self, action: dict[str, Any]) -> str | None:
        """The contact or team a notification action names; None for the ticket's requester, assignee..."""
        value = action.get("value")
        whom = value[0] if isinstance(value, list) and value else None
        if not str(whom).isdigit():
            return None
        if action.get("field") == "notification_group":
            return self.teams.get(str(whom))
        return self.contact(whom)

    # -- teams -------------------------------------------------------------------------------------
    def read_teams(self) -> None:
        for have in self.haves.get("group", []):
            tid = imp.unique_id(have.key, self.taken)
            self.teams[str(have.id)] = tid
            self.draft.teams[tid] = {"name": have.key}
            self.take("group", have)
        for have in self.haves.get("group", []):
            tid = self.teams[str(have.id)]
            memberships = self.source.all(f"{Group.path}/{have.id}/memberships", "group_memberships")
            members = [self.contact(m["user_id"]) for m in memberships]
            if members:
                self.draft.teams[tid]["members"] = [m for m in members if m is not None]

    # -- SLA policies --------------------------------------------------------------------------------
    def read_policies(self) -> None:
        accepted: list[tuple[Have, list[int] | None, dict[str, dict[str, tuple[int, bool]]]]] = []
        for have in sorted(self.haves.get("sla_policy", []), key=lambda h: (h.position or 0, str(h.id))):
            codes = _channel_codes(have.body.get("filter") or {})
            if codes is None:
                self.refuse("sla_policy", have, "selects tickets by more than their channel (via_id); import reads "
                            "SLA policies by channel only (write it as one of the playbook's sla_policies, with a "
                            "segment)")  # fmt: skip
                continue
            cells = self._cells(have)
            if cells is None:
                continue
            if not cells:
                self.refuse("sla_policy", have, "holds no target")
                continue
            same = next((h for h, _, c in accepted if c == cells), None)
            if same is not None:
                self.refuse("sla_policy", have, f'has the targets of "{same.key}": the playbook would make one '
                            "policy of both")  # fmt: skip
                continue
            accepted.append((have, codes, cells))
        every = [item for item in accepted if not item[1]]
        if every and len(accepted) > 1:
            for have, _, _ in every:
                self.refuse("sla_policy", have, "applies to every ticket the policies before it leave: the playbook "
                            "gives each channel its own targets, with no catch-all after them")  # fmt: skip
            accepted = [item for item in accepted if item[1]]
        for have, codes, cells in accepted:
            channels = hm.add_channels(self.draft, codes, "zendesk") if codes else []
            policy = imp.Policy(channels, [], list(codes or []))
            policy.cells = cells
            self.policies.append(policy)
            self.take("sla_policy", have)
            for level in (metric["priority"] for metric in have.body.get("policy_metrics") or []):
                self.levels.add(level)
        for name, metric in self.metric_names.items():
            if name in SETTINGS and metric != DEFAULTS[name]:
                self.draft.helpdesk.setdefault("zendesk", {})[SETTINGS[name]] = metric

    def _cells(self, have: Have) -> dict[str, dict[str, tuple[int, bool]]] | None:
        """Targets per level and playbook metric; None (with the reason reported) when one cannot be held."""
        cells: dict[str, dict[str, tuple[int, bool]]] = {}
        names = dict(self.metric_names)
        for metric in have.body.get("policy_metrics") or []:
            name = METRICS.get(metric.get("metric"))
            if name is None or metric.get("priority") not in LEVELS:
                self.refuse("sla_policy", have, f"metric {metric.get('metric')} has no playbook target")
                return None
            if names.setdefault(name, metric["metric"]) != metric["metric"]:
                self.refuse("sla_policy", have, f"counts {name} with {metric['metric']} where another policy uses "
                            f"{names[name]}: the playbook counts each target one way (helpdesk.zendesk)")  # fmt: skip
                return None
            cells.setdefault(metric["priority"], {})[name] = (
                int(metric["target"]) * 60,
                bool(metric["business_hours"]),
            )
        self.metric_names = names
        return cells

    # -- triggers ------------------------------------------------------------------------------------
    def read_triggers(self) -> None:
        routes: list[tuple[Have, dict[str, Any], bool]] = []
        for have in self.haves.get("trigger", []):
            if not have.body.get("active", True):
                self.refuse("trigger", have, "is inactive")
                continue
            actions = have.body.get("actions") or []
            fields = {a.get("field") for a in actions}
            if "set_schedule" in fields:
                self._schedule_trigger(have)
            elif "group_id" in fields:
                route = self._route(have)
                if route is not None:
                    routes.append(route)
            elif fields & set(NOTIFY):
                self._alert(have)
            else:
                self.examined.add(("trigger", str(have.id)))  # neither routes, alerts nor sets a schedule
        guarded = [guard for _, _, guard in routes]
        if any(guarded) and not all(guarded):
            self.draft.lose(
                "routing triggers: some take only tickets without a group, others any ticket; the routes are in the "
                "account's order, which the first kind follows"
            )
        # Without the 'group is -' condition every matching trigger sets the group in turn and the last one wins;
        # the playbook's routes are first match wins, so they are listed the other way round.
        ordered = routes if any(guarded) else list(reversed(routes))
        for have, rule, _ in ordered:
            self.draft.routing.append(rule)
            self.take("trigger", have)
            if rule.get("default"):
                self.default_team = rule["team"]

    def _route(self, have: Have) -> tuple[Have, dict[str, Any], bool] | None:
        conditions = have.body["conditions"]
        guards = [c for c in conditions["all"] if route_guard(c)]
        matches = [c for c in conditions["all"] if not route_guard(c)]
        if ("update_type", "is", "Create") not in {_c(c) for c in guards}:
            self.refuse("trigger", have, "sets a group on every update, not only when a ticket arrives")
            return None
        tags = [c for c in matches if _c(c)[:2] == ("current_tags", "includes") and " " not in _c(c)[2]]
        via = [c for c in conditions["any"] if _c(c)[:2] == ("via_id", "is")]
        if len(tags) != len(matches) or len(via) != len(conditions["any"]) or len(tags) > 1 or (tags and via):
            self.refuse("trigger", have, "routes on more than one tag, a channel or nothing (the playbook's routes)")
            return None
        actions = have.body.get("actions") or []
        other = [a for a in actions if a.get("field") not in ("group_id", "priority")]
        group = next((a for a in actions if a.get("field") == "group_id"), {})
        team = self.teams.get(str(group.get("value")))
        if other or team is None:
            what = f"action {other[0].get('field')}" if other else "a group that is not in the account"
            self.refuse("trigger", have, f"routes with {what}, which a route cannot hold")
            return None
        rule: dict[str, Any] = imp.Flow()
        if tags:
            rule["tag"] = _c(tags[0])[2]
        elif via:
            codes = sorted(int(_c(c)[2]) for c in via)
            rule["channel"] = (
                hm.channel_of_codes(self.draft, codes, "zendesk") or hm.add_channels(self.draft, codes, "zendesk")[0]
            )
        else:
            rule["default"] = True
        rule["team"] = team
        level = next((str(a["value"]) for a in actions if a.get("field") == "priority"), None)
        if level is not None:
            if level not in LEVELS:
                self.refuse("trigger", have, f"sets priority {level!r}")
                return None
            rule["priority"] = level
            self.levels.add(level)
        return have, rule, ("group_id", "is", "") in {_c(c) for c in guards}

    def _schedule_trigger(self, have: Have) -> None:
        conditions = have.body["conditions"]
        levels = [_c(c)[2] for c in conditions["all"] + conditions["any"] if _c(c)[:2] == ("priority", "is")]
        schedule = next(a.get("value") for a in have.body["actions"] if a.get("field") == "set_schedule")
        found = next((s for s in self.haves.get("schedule", []) if str(s.id) == str(schedule)), None)
        others = [c for c in conditions["all"] if _c(c)[0] != "priority" and _c(c) != ("status", "less_than", "solved")]
        in_all = [c for c in conditions["all"] if _c(c)[0] == "priority"]
        if found is None or not levels or others or len(have.body["actions"]) > 1 or (in_all and len(levels) > 1):
            self.refuse("trigger", have, "sets a schedule on more than the ticket's priority")
            return
        for level in levels:
            self.calendar_of[level] = found
        self.take("trigger", have)

    def _alert(self, have: Have) -> None:
        conditions = have.body["conditions"]
        levels = [_c(c)[2] for c in conditions["all"] if _c(c)[:2] == ("priority", "is")]
        others = [c for c in conditions["all"] if _c(c)[0] != "priority" and _c(c)[:2] not in ALERT_CONDITIONS]
        others += conditions["any"]
        notify = [a for a in have.body["actions"] if a.get("field") in NOTIFY]
        extra = [a for a in have.body["actions"] if a.get("field") not in {*NOTIFY, *GUARD_ACTIONS}]
        whom = [self.recipient(a) for a in notify]
        why = (
            "notifies whatever the ticket's priority; the playbook alerts on its most urgent priority only"
            if not levels
            else "notifies on several priority levels"
            if len(levels) > 1
            else "notifies the ticket's requester, assignee or the like, nobody the playbook names"
            if None in whom
            else f"also waits for {_words(others)}, which an alert cannot hold"
            if others
            else f"also does {_words(extra)}, which an alert cannot hold"
            if extra
            else "notifies more than an owner and an incident commander"
            if len(whom) > 2
            else None
        )
        if why is not None:
            self.refuse("trigger", have, why)
            return
        if levels[0] in self.alerts:
            self.refuse("trigger", have, f'alerts on {levels[0]} tickets as "{self.alerts[levels[0]][0].key}" does: '
                        "the playbook has one alert")  # fmt: skip
            return
        self.alerts[levels[0]] = (have, [w for w in whom if w is not None])
        self.take("trigger", have)
        self.levels.add(levels[0])

    # -- automations ---------------------------------------------------------------------------------
    def read_automations(self) -> None:
        for have in self.haves.get("automation", []):
            rung = self._rung(have)
            if rung is not None:
                self.rungs.append(rung)
                self.levels.add(str(rung.level))
                self.take("automation", have)

    def _rung(self, have: Have) -> hm.Rung | None:
        """An escalation step: one level, still new or unsolved N hours after creation, one person or team told."""
        conditions = have.body["conditions"]
        actions = have.body.get("actions") or []
        notify = [a for a in actions if a.get("field") in NOTIFY]
        extra = [a for a in actions if a.get("field") not in {*NOTIFY, *GUARD_ACTIONS}]
        levels = [_c(c)[2] for c in conditions["all"] if _c(c)[:2] == ("priority", "is")]
        status = [WHEN.get(_c(c)) for c in conditions["all"] if _c(c)[0] == "status"]
        hours = [_c(c) for c in conditions["all"] if _c(c)[0] == "NEW"]
        timed = [h for h in hours if h[1] in ("greater_than", "greater_than_business_hours") and h[2].isdigit()]
        rest = [
            c for c in conditions["all"] if _c(c)[0] not in ("priority", "status", "NEW") and _c(c)[:2] not in GUARDS
        ]
        rest += conditions["any"]
        whom = self.recipient(notify[0]) if len(notify) == 1 else None
        why = (
            "is inactive"
            if not have.body.get("active", True)
            else "notifies nobody, so it is no escalation step"
            if not notify
            else "notifies several people or groups; an escalation step notifies one"
            if len(notify) > 1
            else "notifies the ticket's requester, assignee or the like, nobody the playbook names"
            if whom is None
            else "is not for one priority level"
            if len(levels) != 1 or levels[0] not in LEVELS
            else "waits on a status other than new (unacknowledged) or unsolved (unresolved)"
            if len(status) != 1 or None in status
            else "counts hours from something other than the ticket's creation ('Hours since created')"
            if len(timed) != 1 or len(hours) != 1
            else f"also waits for {_words(rest)}, which an escalation step cannot hold"
            if rest
            else f"also does {_words(extra)}, which an escalation step cannot hold"
            if extra
            else None
        )
        if why is not None:
            self.refuse("automation", have, why)
            return None
        business = timed[0][1] == "greater_than_business_hours"
        seconds = int(timed[0][2]) * 3600.0
        return hm.Rung(levels[0], seconds, business, str(status[0]), whom, f'automation "{have.key}"')

    # -- calendars and priorities ----------------------------------------------------------------------
    def priorities(self) -> dict[str, bool]:
        """Each level in use as a priority of its own, most urgent first; its clock (True: business hours)."""
        schedules = self.haves.get("schedule", [])
        ladders = hm.clocks(self.draft, self.rungs, {level: level for level in LEVELS})
        business: dict[str, bool] = {}
        for level in (lv for lv in LEVELS if lv in self.levels):
            cells = [cell for policy in self.policies for cell in policy.cells.get(level, {}).values()]
            steps = ladders.get(level, [])
            clock = steps[0].business if steps else bool(cells) and all(b for _, b in cells)
            entry: dict[str, Any] = {"title": level.capitalize(), "definition": imp.placeholder_text(level)}
            if clock or any(b for _, b in cells):
                schedule = self.calendar_of.get(level) or (schedules[0] if schedules else None)
                if schedule is None:
                    self.draft.lose(f"{level}: targets count business hours, but the account has no schedule")
                    clock = False
                else:
                    entry["calendar"] = self.calendar(schedule)
                    if not clock:
                        entry["hours"] = "calendar"
            entry["levels"] = {"zendesk": level}
            self.draft.priorities[level] = entry
            business[level] = clock
        top = next(iter(self.draft.priorities), None)
        for level, (have, _) in list(self.alerts.items()):
            if level != top:
                self.draft.eligible.discard(("trigger", str(have.id)))
                self.draft.lose(f'trigger "{have.key}": alerts on {level} tickets; the playbook alerts only on its '
                                "most urgent priority")  # fmt: skip
                del self.alerts[level]
        ladders_found = {pid: hm.ladder(self.draft, pid, self._owner(pid), rungs) for pid, rungs in ladders.items()}
        for pid, entry in self.draft.priorities.items():
            whom = self.alerts[pid][1] if pid in self.alerts else []
            if whom or pid in ladders_found:
                entry["owner"] = self._owner(pid)
            if len(whom) > 1:
                entry["incident_commander"] = whom[1]
        hm.escalation(self.draft, ladders_found)
        return business

    def _owner(self, pid: str) -> str:
        """Who holds a new ticket of `pid`: the alert's first recipient, the default route's team, or a stand-in."""
        if pid in self.alerts:
            return self.alerts[pid][1][0]
        if self.default_team is not None:
            return self.default_team
        return hm.stand_in_owner(self.draft, self.taken, pid, "Zendesk setting (no alert or default route says)")

    def calendar(self, schedule: Have) -> str:
        """The calendar of a schedule (zone, weekly hours, holidays), added once; its id stands for it."""
        cid = imp.slug(schedule.key)
        if cid in self.draft.calendars:
            return cid
        zone = imp.iana_zone(schedule.body.get("time_zone", ""))
        if zone is None:
            self.draft.lose(f'schedule "{schedule.key}": time zone {schedule.body.get("time_zone")!r} has no IANA name')
            zone = "UTC"
        intervals = [(i["start_time"], i["end_time"]) for i in schedule.raw.get("intervals") or []]
        calendar: dict[str, Any] = {"timezone": zone, "weekly": imp.weekly(intervals)}
        holidays = (self.source.get(f"{Schedule.path}/{schedule.id}/holidays") or {}).get("holidays") or []
        days = holiday_days(holidays)
        if days:
            # No `years`: how far ahead the team keeps holidays is not in the account, and a range guessed
            # from the dates found would claim it (and warn, PB244, once its last year ends).
            calendar["holidays"] = [imp.Flow({"date": day, "name": name}) for day, name in days]
        self.draft.calendars[cid] = calendar
        self.draft.hints[("schedule", f"{self.draft.organisation}: {cid}")] = schedule.id
        self.draft.eligible.add(("schedule", str(schedule.id)))
        self.examined.add(("schedule", str(schedule.id)))
        if self.draft.timezone == "UTC":
            self.draft.timezone = zone
        return cid


def _words(items: list[dict[str, Any]]) -> str:
    """Conditions or actions as the report names them: 'organization_id is 9001, status is pending'."""
    return ", ".join(" ".join(str(part) for part in _c(item) if part not in ("", None)) for item in items)


def _channel_codes(conditions: dict[str, Any]) -> list[int] | None:
    """The via_id codes a policy filter selects by (empty: every ticket); None when it selects by more."""
    all_, any_ = list(conditions.get("all") or []), list(conditions.get("any") or [])
    if not any_ and len(all_) == 1:
        all_, any_ = [], all_
    if all_ or not all(_c(c)[:2] == ("via_id", "is") and _c(c)[2].isdigit() for c in any_):
        return None
    return sorted(int(_c(c)[2]) for c in any_)


def holiday_days(holidays: list[dict[str, Any]]) -> list[tuple[dt.date, str]]:
    """Each day a schedule's holidays close (start_date..end_date), with its holiday's name, in date order."""
    days: dict[dt.date, str] = {}
    for holiday in holidays:
        start, end = dt.date.fromisoformat(holiday["start_date"]), dt.date.fromisoformat(holiday["end_date"])
        while start <= end:
            days.setdefault(start, holiday.get("name") or start.isoformat())
            start += dt.timedelta(days=1)
    return sorted(days.items())


def read(source: Any, haves: dict[str, list[Have]], book_id: str | None) -> imp.Draft:
    """The playbook a hand-made Zendesk account holds, and what it cannot (see the module's docstring)."""
    draft = imp.Draft("zendesk", hand_made=True)
    draft.book_id = hm.book_id(source.settings.base_url, book_id)
    draft.organisation = hm.organisation_name(draft.book_id)
    reader = HandMade(source, draft, haves)
    reader.read_teams()
    reader.read_policies()
    reader.read_triggers()
    reader.read_automations()
    business = reader.priorities()
    imp.add_sla(draft, reader.policies, business, every_channel=any(not p.channels for p in reader.policies))
    for schedule in haves.get("schedule", []):
        if ("schedule", str(schedule.id)) not in reader.examined:
            reader.refuse("schedule", schedule, "no business-hour target or step counts on it")
    category = _category(reader, haves)
    if category is not None:
        draft.hints[("trigger_category", f"Playbook: {draft.organisation}")] = category.id
        draft.eligible.add(("trigger_category", str(category.id)))
        reader.examined.add(("trigger_category", str(category.id)))
    draft.never_stored = list(imp.NEVER_STORED)
    draft.examined = reader.examined
    return draft


def _category(reader: HandMade, haves: dict[str, list[Have]]) -> Have | None:
    """The trigger category new playbook triggers go in: that of the first trigger taken, else the first one."""
    categories = sorted(haves.get("trigger_category", []), key=lambda h: (h.position or 0, str(h.id)))
    taken = [h for h in haves.get("trigger", []) if ("trigger", str(h.id)) in reader.draft.eligible]
    wanted = str(taken[0].body.get("category_id")) if taken else None
    return next((c for c in categories if str(c.id) == wanted), categories[0] if categories else None)
