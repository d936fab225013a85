"""A Freshdesk account configured by hand, read as a playbook (what `import` does when nothing is marked).

Each object is read for what it does, and taken into the playbook only when
the language holds all of it; otherwise the report says why and it is left as
it is:

- groups are teams (agents are contacts: name, email); a group's lead and
  'unassigned for' are a team lead and the `within` of the routes to it;
- SLA policies that apply by ticket source only give channels and the targets
  of each of the four priority levels; an escalation block that fires at one
  time from a ticket's start in every policy is escalation steps, else it is
  kept as it is (with its levels' switches), as are reminders;
- ticket-creation rules that give a new ticket a group (and maybe a priority)
  by a tag, by source or when it has no group are routes, in their order
  (Freshdesk's 'first matching rule' setting, which the API cannot read, is a
  manual step of every build);
- time triggers that email one agent or group about tickets of one priority
  still open (or unresolved) N hours after creation are escalation steps; with
  business hours they count on those hours, which are a calendar;
- each priority's ladder starts at the team of the route for tickets without
  a group (Freshdesk stores no owner), else at a placeholder to replace.

Names, descriptions, email texts and guard tags stay as they are: `pair` then
adopts the objects whose `held` view the new playbook compiles to.
"""

from __future__ import annotations

from typing import Any

from compiler.plan.helpdesk import facts_of
from targets.freshdesk.live import EMAIL
from targets.freshdesk.readback import UNASSIGNED_FOR, block_offset, week_of
from targets.shared.live import handmade as hm
from targets.shared.live import importing as imp
from targets.shared.live.engine import Have

FACTS = facts_of("freshdesk")
TARGET_FIELDS = {"respond_within": "acknowledge", "next_respond_within": "update_every", "resolve_within": "resolve"}
WHEN = {("status", "not_in", (4, 5)): "unresolved", ("status", "in", (2,)): "unacknowledged"}
GUARD_ACTIONS = {"add_tag"}


def _p(prop: dict[str, Any]) -> tuple[Any, Any, Any]:
    value = prop.get("value")
    return prop.get("field_name"), prop.get("operator"), tuple(value) if isinstance(value, list) else value


def _props(body: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The conditions of a rule with one condition set that all must match (one condition: all or any)."""
    sets = body.get("conditions") or []
    if len(sets) != 1:
        return None
    props = sets[0].get("properties") or []
    return props if sets[0].get("match_type") == "all" or len(props) == 1 else None


class HandMade:
    def __init__(self, source: Any, draft: imp.Draft, haves: dict[str, list[Have]]) -> None:
        self.source, self.draft, self.haves = source, draft, haves
        self.agents = {str(a["id"]): a for a in source.all("/api/v2/agents")}
        self.hours = {str(b["id"]): b for b in source.all("/api/v2/business_hours")}
        self.taken: set[str] = set()
        self.people: dict[str, str] = {}  # agent id -> contact id
        self.teams: dict[str, str] = {}  # group id -> team id
        self.examined: set[tuple[str, str]] = set()
        self.policies: list[tuple[Have, imp.Policy]] = []
        self.levels: set[int] = set()
        self.rungs: list[hm.Rung] = []
        self.calendar_of: dict[int, str] = {}  # level -> calendar of its business-hour time triggers
        self.default_team: str | None = None

    def take(self, kind: str, have: Have) -> None:
        self.examined.add((kind, str(have.id)))
        self.draft.eligible.add((kind, str(have.id)))

    def refuse(self, kind: str, have: Have, why: str) -> None:
        self.examined.add((kind, str(have.id)))
        self.draft.lose(f'{kind} "{have.key}": {why}')

    def keep(self, kind: str, have: Have, *paths: str) -> None:
        key = (kind, str(have.id))
        self.draft.keep[key] = tuple(dict.fromkeys((*self.draft.keep.get(key, ()), *paths)))

    def contact(self, aid: Any) -> str | None:
        """The contact for an agent (name, email), added once; None when there is no such agent."""
        key = str(aid)
        if key not in self.people:
            agent = self.agents.get(key)
            if agent is None:
                return None
            person = agent.get("contact") or {}
            name = person.get("name") or f"Agent {aid}"
            cid = imp.unique_id(name, self.taken)
            entry: dict[str, Any] = {"name": name}
            if person.get("email"):
                entry["email"] = person["email"]
            self.draft.contacts[cid] = entry
            self.people[key] = cid
        return self.people[key]

    # -- teams ---------------------------------------------------------------------------------------
    def read_teams(self) -> None:
        for have in self.haves.get("group", []):
            tid = imp.unique_id(have.key, self.taken)
            self.teams[str(have.id)] = tid
            self.draft.teams[tid] = {"name": have.key}
            self.take("group", have)
        for have in self.haves.get("group", []):
            members = [self.contact(a) for a in have.body.get("agent_ids") or []]
            if members:
                self.draft.teams[self.teams[str(have.id)]]["members"] = [m for m in members if m is not None]

    def team_leads(self) -> None:
        """A group's 'escalate to' and 'unassigned for': the team's lead and the `within` of the routes to it."""
        for have in self.haves.get("group", []):
            tid = self.teams[str(have.id)]
            lead = have.body.get("escalate_to")
            if lead is None:
                continue
            routes = [r for r in self.draft.routing if r.get("team") == tid]
            within = UNASSIGNED_FOR.get(have.body.get("unassigned_for") or "30m")
            whom = self.contact(lead)
            if not routes or within is None or whom is None:
                self.keep("group", have, "escalate_to", "unassigned_for")
                self.draft.lose(
                    f'group "{have.key}": escalates tickets unassigned for {have.body.get("unassigned_for")}, but no '
                    "route sends it tickets, so the playbook has no routing time target to hold it: kept as it is"
                )
                continue
            self.draft.teams[tid]["lead"] = whom
            for route in routes:
                route["within"] = within

    # -- SLA policies ---------------------------------------------------------------------------------
    def read_policies(self) -> None:
        for have in self.haves.get("sla_policy", []):
            scope = have.body.get("applicable_to") or {}
            sources = scope.get("sources") or []
            if not have.body.get("active", True):
                self.refuse("sla_policy", have, "is inactive")
                continue
            if set(k for k, v in scope.items() if v) != {"sources"}:
                others = ", ".join(sorted(k for k, v in scope.items() if v and k != "sources"))
                self.refuse("sla_policy", have, f"applies by {others}; import reads SLA policies by source only "
                            "(write it as one of the playbook's sla_policies, with a segment)")  # fmt: skip
                continue
            cells = self._cells(have)
            same = next((h for h, p in self.policies if p.cells == cells), None)
            if same is not None:
                self.refuse("sla_policy", have, f'has the targets of "{same.key}": the playbook would make one '
                            "policy of both")  # fmt: skip
                continue
            policy = imp.Policy(hm.add_channels(self.draft, list(sources), "freshdesk"), [], sorted(sources))
            policy.cells = cells
            self.policies.append((have, policy))
            self.take("sla_policy", have)
            self.levels.update(range(1, 5))

    def _cells(self, have: Have) -> dict[str, dict[str, tuple[int, bool]]]:
        cells: dict[str, dict[str, tuple[int, bool]]] = {}
        for level in range(1, 5):
            found = (have.body.get("sla_target") or {}).get(f"priority_{level}") or {}
            for field, metric in TARGET_FIELDS.items():
                if field in found:
                    cells.setdefault(FACTS.level_name(level), {})[metric] = (
                        found[field],
                        bool(found["business_hours"]),
                    )
                    if field == "next_respond_within":
                        self.draft.helpdesk.setdefault("freshdesk", {})["next_response"] = True
        return cells

    def read_blocks(self) -> None:
        """SLA escalations as steps, when every policy's block fires at one time from a ticket's start."""
        if not self.policies:
            return
        for have, _ in self.policies:
            block = have.body.get("escalation") or {}
            extra = sorted(k for k in block if k not in ("response", "resolution"))
            if extra:
                self.keep("sla_policy", have, *(f"escalation.{k}" for k in extra))
                self.draft.lose(f'sla_policy "{have.key}": {", ".join(extra)} (reminders before a target is missed) '
                                "cannot be held: kept as they are")  # fmt: skip
        for level in range(4, 0, -1):
            targets = [(h.body.get("sla_target") or {}).get(f"priority_{level}") or {} for h, _ in self.policies]
            switched = {bool(t.get("escalation_enabled")) for t in targets}
            if switched == {False}:
                continue
            rungs = self._block_rungs(level, targets) if switched == {True} else None
            if rungs is None:
                for have, _ in self.policies:
                    self.keep("sla_policy", have, "escalation", f"sla_target.priority_{level}.escalation_enabled")
                self.draft.lose(
                    f"{FACTS.level_name(level)}: the SLA policies' escalations fire at different times from a "
                    "ticket's start (or to several agents), which no escalation step holds: kept as they are"
                )
                continue
            self.rungs += rungs

    def _block_rungs(self, level: int, targets: list[dict[str, Any]]) -> list[hm.Rung] | None:
        blocks = [h.body.get("escalation") or {} for h, _ in self.policies]
        names = [("response", "respond_within", "unacknowledged")]
        names += [(f"level_{n}", "resolve_within", "unresolved") for n in range(1, 5)]
        found = []
        clock = {bool(t.get("business_hours")) for t in targets}
        for name, field, when in names:
            levels = [b.get(name) if name == "response" else (b.get("resolution") or {}).get(name) for b in blocks]
            if all(lv is None for lv in levels):
                continue
            offset = block_offset(levels, [t.get(field, 0) for t in targets])
            agents = {tuple(lv.get("agent_ids") or []) for lv in levels if lv is not None}
            whom = self.contact(next(iter(agents))[0]) if len(agents) == 1 and len(next(iter(agents))) == 1 else None
            if offset is None or whom is None or len(clock) != 1:
                return None
            what = f"the SLA policies' escalation {name.replace('_', ' ')}"
            found.append(hm.Rung(level, offset, clock == {True}, when, whom, what))
        return found

    # -- automation rules ------------------------------------------------------------------------------
    def read_routes(self) -> None:
        for have in self.haves.get("ticket_creation_rule", []):
            route = self._route(have)
            if route is not None:
                self.draft.routing.append(route)
                self.take("ticket_creation_rule", have)
                if route.get("default"):
                    self.default_team = route["team"]

    def _route(self, have: Have) -> dict[str, Any] | None:
        props = _props(have.body)
        actions = have.body.get("actions") or []
        other = [a for a in actions if a.get("field_name") not in ("group_id", "priority")]
        group = next((a for a in actions if a.get("field_name") == "group_id"), {})
        team = self.teams.get(str(group.get("value")))
        matches = [_p(p) for p in props or []]
        why = (
            "is inactive"
            if not have.body.get("active", True)
            else "sets no group, so it is no route"
            if not group
            else f"also does {other[0].get('field_name')}, which a route cannot hold"
            if other
            else "routes to a group that is not in the account"
            if team is None
            else "matches on more than one tag, one source list or 'no group', which a route cannot hold"
            if props is None or len(matches) != 1 or matches[0][1] != "in"
            or matches[0][0] not in ("tags", "source", "group_id")
            or (matches[0][0] == "tags" and len(matches[0][2]) != 1)
            or (matches[0][0] == "group_id" and matches[0][2] != ("",))
            else None
        )  # fmt: skip
        if why is not None:
            self.refuse("ticket_creation_rule", have, why)
            return None
        rule: dict[str, Any] = imp.Flow()
        field, _, value = matches[0]
        if field == "tags":
            rule["tag"] = value[0]
        elif field == "source":
            codes = sorted(int(v) for v in value)
            rule["channel"] = (
                hm.channel_of_codes(self.draft, codes, "freshdesk")
                or hm.add_channels(self.draft, codes, "freshdesk")[0]
            )
        else:
            rule["default"] = True
        rule["team"] = team
        level = next((a.get("value") for a in actions if a.get("field_name") == "priority"), None)
        if level is not None:
            rule["priority"] = FACTS.level_name(int(level))
            self.levels.add(int(level))
        return rule

    def read_time_triggers(self) -> None:
        for have in self.haves.get("time_trigger_rule", []):
            rung = self._rung(have)
            if rung is not None:
                self.rungs.append(rung)
                self.levels.add(int(rung.level))
                self.take("time_trigger_rule", have)

    def _rung(self, have: Have) -> hm.Rung | None:
        props = _props(have.body) or []
        actions = have.body.get("actions") or []
        email = [a for a in actions if str(a.get("field_name")).startswith("send_email_to_")]
        extra = [a for a in actions if a.get("field_name") not in {*EMAIL, *GUARD_ACTIONS} and a not in email]
        levels = [p for p in props if _p(p)[:2] == ("priority", "in") and len(_p(p)[2]) == 1]
        status = [WHEN.get((f, o, tuple(sorted(v)))) for f, o, v in map(_p, props) if f == "status"]
        hours = [p for p in props if _p(p)[0] == "hours_since_created"]
        rest = [p for p in props if _p(p)[0] not in ("priority", "status", "hours_since_created")]
        rest = [p for p in rest if _p(p)[:2] != ("tags", "not_in")]
        whom = None
        if len(email) == 1 and email[0]["field_name"] in EMAIL:
            to = str(email[0].get("email_to"))
            whom = self.contact(to) if email[0]["field_name"] == "send_email_to_agent" else self.teams.get(to)
        timed = [p for p in hours if _p(p)[1] == "greater_than" and str(_p(p)[2]).isdigit()]
        calendar = (
            self._calendar(hours[0].get("business_hours_id")) if timed and hours[0].get("business_hours_id") else ""
        )
        why = (
            "is inactive"
            if not have.body.get("active", True)
            else "emails nobody, so it is no escalation step"
            if not email
            else "emails several agents or groups; an escalation step notifies one"
            if len(email) > 1
            else "emails the requester or someone else the playbook does not name"
            if whom is None
            else "is not for one priority level"
            if len(levels) != 1 or len([p for p in props if _p(p)[0] == "priority"]) != 1
            else "waits on a status other than open (unacknowledged) or not resolved or closed (unresolved)"
            if len(status) != 1 or None in status
            else "counts hours from something other than the ticket's creation"
            if len(hours) > 1 or len(timed) != len(hours)
            else f"also waits for {', '.join(str(_p(p)[0]) for p in rest)}, which an escalation step cannot hold"
            if rest
            else f"also does {extra[0].get('field_name')}, which an escalation step cannot hold"
            if extra
            else "counts on business hours that are not in the account"
            if calendar is None
            else None
        )  # fmt: skip
        if why is not None:
            self.refuse("time_trigger_rule", have, why)
            return None
        level = int(_p(levels[0])[2][0])
        if calendar:
            self.calendar_of.setdefault(level, calendar)
        seconds = int(_p(timed[0])[2]) * 3600.0 if timed else 0.0
        return hm.Rung(level, seconds, bool(calendar), str(status[0]), str(whom), f'time trigger "{have.key}"')

    # -- calendars and priorities ------------------------------------------------------------------------
    def _calendar(self, hours_id: Any) -> str | None:
        """The calendar of business hours (zone, weekly hours), added once; None when they are not there."""
        found = self.hours.get(str(hours_id))
        if found is None:
            return None
        cid = imp.slug(found.get("name") or str(hours_id))
        if cid not in self.draft.calendars:
            zone = imp.iana_zone(found.get("time_zone", "")) or "UTC"
            self.draft.calendars[cid] = {"timezone": zone, "weekly": imp.weekly(week_of(found))}
            self.draft.names[f"{self.draft.organisation}: {cid}"] = found.get("name") or ""
            if self.draft.timezone == "UTC":
                self.draft.timezone = zone
        return cid

    def priorities(self) -> dict[str, bool]:
        ladders = hm.clocks(self.draft, self.rungs, {level: FACTS.level_name(level) for level in range(1, 5)})
        default = next((h for h in self.hours.values() if h.get("is_default")), None)
        business: dict[str, bool] = {}
        for level in (lv for lv in (4, 3, 2, 1) if lv in self.levels):
            pid = FACTS.level_name(level)
            cells = [cell for _, policy in self.policies for cell in policy.cells.get(pid, {}).values()]
            steps = ladders.get(pid, [])
            clock = steps[0].business if steps else bool(cells) and all(b for _, b in cells)
            entry: dict[str, Any] = {"title": pid.capitalize(), "definition": imp.placeholder_text(pid)}
            if clock or any(b for _, b in cells):
                calendar = self.calendar_of.get(level) or (self._calendar(default["id"]) if default else None)
                if calendar is None:
                    self.draft.lose(f"{pid}: targets count business hours, but the account has no business hours")
                    clock = False
                else:
                    entry["calendar"] = calendar
                    if not clock:
                        entry["hours"] = "calendar"
            entry["levels"] = {"freshdesk": level}
            self.draft.priorities[pid] = entry
            business[pid] = clock
        found = {pid: hm.ladder(self.draft, pid, self._owner(pid), rungs) for pid, rungs in ladders.items()}
        for pid in found:
            self.draft.priorities[pid]["owner"] = self._owner(pid)
        hm.escalation(self.draft, found)
        return business

    def _owner(self, pid: str) -> str:
        if self.default_team is not None:
            return self.default_team
        why = "Freshdesk setting (no route for tickets without a group says)"
        return hm.stand_in_owner(self.draft, self.taken, pid, why)


def read(source: Any, haves: dict[str, list[Have]], book_id: str | None) -> imp.Draft:
    """The playbook a hand-made Freshdesk account holds, and what it cannot (see the module's docstring)."""
    draft = imp.Draft("freshdesk", hand_made=True)
    draft.book_id = hm.book_id(source.settings.base_url, book_id)
    draft.organisation = hm.organisation_name(draft.book_id)
    reader = HandMade(source, draft, haves)
    reader.read_teams()
    reader.read_policies()
    reader.read_routes()
    reader.read_blocks()
    reader.read_time_triggers()
    reader.team_leads()
    business = reader.priorities()
    imp.add_sla(draft, [p for _, p in reader.policies], business, every_channel=False)
    used = set(draft.names.values())
    for hours in reader.hours.values():
        if hours.get("name") not in used:
            draft.lose(f'business hours "{hours.get("name")}": no business-hour target or step counts on them')
    draft.never_stored = [
        *imp.NEVER_STORED,
        "calendars' holidays (their API does not show business hours' holidays)",
        "which business hours each group's SLA targets count on (a group's business hours are set by hand)",
    ]
    draft.examined = reader.examined
    return draft
