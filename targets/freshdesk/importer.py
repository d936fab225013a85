"""Freshdesk objects read back as a playbook: the inverse of the freshdesk target (targets/shared/live/importing.py).

Which object holds what: groups (teams, ids in their description; members,
lead and 'unassigned for', the routing time target); agents (contacts); SLA
policies (channels from their description and sources, targets per priority
level, the escalation block); ticket-creation rules (routing); time-trigger
rules (escalation steps: ids in the name, exact times in the email); business
hours named '<organisation>: <calendar>' (calendars, created by hand).

Freshdesk needs all four priority levels in every SLA policy, so the build
fills levels no priority owns with a neighbour's targets; a level is read as a
priority of its own only when something names it (a rule, an enabled
escalation) or its targets differ from the ones it would have been filled with.
"""

from __future__ import annotations

from typing import Any

from compiler.plan.helpdesk import facts_of
from targets.freshdesk import handmade
from targets.freshdesk.live import ADAPTER
from targets.freshdesk.readback import UNASSIGNED_FOR, block_offset, week_of
from targets.shared.helpdesk import slug
from targets.shared.live import importing as imp
from targets.shared.live.compare import split_marker

TARGET_FIELDS = {"respond_within": "acknowledge", "next_respond_within": "update_every", "resolve_within": "resolve"}


class Reader:
    def __init__(self, source: Any, draft: imp.Draft, owned: dict[str, list[Any]]) -> None:
        self.source, self.draft, self.owned = source, draft, owned
        self.agents = {a["id"]: a for a in source.all("/api/v2/agents")}
        self.hours = {str(b["id"]): b for b in source.all("/api/v2/business_hours")}
        self.agent_node: dict[Any, str] = {}
        self.group_node: dict[Any, str] = {}
        self.taken: set[str] = set()
        self.named: dict[str, str] = {}
        self.levels: dict[int, str] = {}  # level -> priority id
        self.titles: dict[str, str] = {}
        self.steps: list[imp.StepFound] = []
        self.calendar_of: dict[int, str] = {}
        self.step_business: dict[str, bool] = {}
        self.policies: list[imp.Policy] = []
        self.targets: list[dict[str, Any]] = []  # each policy's sla_target, in policy order
        self.blocks: list[dict[str, Any]] = []  # each policy's escalation block

    def contact_for_agent(self, aid: Any, wanted: str | None = None) -> str:
        if aid in self.agent_node:
            return self.agent_node[aid]
        contact = (self.agents.get(aid) or {}).get("contact") or {}
        name = contact.get("name") or f"Agent {aid}"
        wanted = wanted or self.named.get(name)
        cid = wanted if wanted and wanted not in self.taken else imp.unique_id(name, self.taken)
        self.taken.add(cid)
        entry: dict[str, Any] = {"name": name}
        if contact.get("email"):
            entry["email"] = contact["email"]
        self.draft.contacts[cid] = entry
        self.agent_node[aid] = cid
        return cid

    def organisation(self) -> str:
        for have in self.owned.get("group", []):
            description = split_marker(have.body.get("description"))[0].strip()
            if ": team " in description:
                return description.rsplit(": team ", 1)[0]
        for have in self.owned.get("sla_policy", []):
            if ": " in have.key:
                return have.key.rsplit(": ", 1)[0]
        return self.draft.book_id

    def calendar(self, hours_id: Any) -> str | None:
        """The calendar id of business hours named '<organisation>: <id>', added to the draft once."""
        found = self.hours.get(str(hours_id))
        if found is None:
            return None
        cid = imp.strip_prefix(found.get("name", ""), f"{self.draft.organisation}: ")
        if cid is None:
            self.draft.lose(f"business hours \"{found.get('name')}\" are not named '<organisation>: <calendar>'")
            return None
        if cid not in self.draft.calendars:
            zone = imp.iana_zone(found.get("time_zone", "")) or "UTC"
            self.draft.calendars[cid] = {"timezone": zone, "weekly": imp.weekly(week_of(found))}
            self.taken.add(cid)
            if self.draft.timezone == "UTC":
                self.draft.timezone = zone
        return cid

    def teams(self) -> None:
        org = self.draft.organisation
        for have in self.owned.get("group", []):
            description = split_marker(have.body.get("description"))[0].strip()
            tid = imp.strip_prefix(description, f"{org}: team ") or ""
            tid = tid if tid and tid not in self.taken else imp.unique_id(have.key, self.taken)
            self.taken.add(tid)
            self.group_node[have.id] = tid
            self.draft.teams[tid] = {"name": have.key}

    def team_people(self) -> None:
        for have in self.owned.get("group", []):
            team = self.draft.teams[self.group_node[have.id]]
            members = [self.contact_for_agent(a) for a in have.body.get("agent_ids") or []]
            if members:
                team["members"] = members
            if have.body.get("escalate_to") is not None:
                team["lead"] = self.contact_for_agent(have.body["escalate_to"])
                within = UNASSIGNED_FOR.get(have.body.get("unassigned_for") or "30m")
                routes = [r for r in self.draft.routing if r.get("team") == self.group_node[have.id]]
                if routes and within:
                    routes[0]["within"] = within
                else:
                    self.draft.lose(f'group "{have.key}": escalates unassigned tickets but no route sends it any')

    def time_triggers(self) -> None:
        for have in self.owned.get("time_trigger_rule", []):
            props = [p for s in have.body.get("conditions") or [] for p in s.get("properties") or []]
            notify = [a for a in have.body.get("actions") or [] if a.get("field_name", "").startswith("send_email_to_")]
            body = notify[0].get("email_body", "") if notify else ""
            step = imp.parse_step(have.key, imp.paragraphs_of_html(body))
            level = next((p["value"][0] for p in props if p.get("field_name") == "priority" and p.get("value")), None)
            if step is None or level is None:
                self.draft.lose(f'time trigger "{have.key}": not an escalation step playbook wrote')
                continue
            self.named.setdefault(step.source_name or step.source, step.source)
            self.named.setdefault(step.target_name or step.target, step.target)
            if notify[0]["field_name"] == "send_email_to_agent":
                node = self.contact_for_agent(notify[0]["email_to"], step.target)
            else:
                node = self.group_node.get(notify[0]["email_to"])
            if node != step.target:
                self.draft.lose(f'time trigger "{have.key}": emails {node}, not {step.target}')
            timing = [p for p in props if p.get("field_name") == "hours_since_created"]
            hours_id = timing[0].get("business_hours_id") if timing else None
            step.business = step.business or hours_id is not None
            if hours_id is not None:
                calendar = self.calendar(hours_id)
                if calendar:
                    self.calendar_of[int(level)] = calendar
            self.levels.setdefault(int(level), step.priority)
            self.titles.setdefault(step.priority, step.title or step.priority)
            self.step_business[step.priority] = step.business
            self.steps.append(step)

    def routes(self) -> dict[str, list[int]]:
        routed: dict[str, list[int]] = {}
        numbered = []
        for have in self.owned.get("ticket_creation_rule", []):
            found = imp.ROUTE_TITLE.match(have.key)
            if found and not found["what"].startswith("segment "):  # segments are not read back from Freshdesk yet
                numbered.append((int(found["number"]), found, have))
            else:
                self.draft.lose(f'ticket-creation rule "{have.key}": not a route playbook wrote')
        numbered.sort(key=lambda item: item[0])
        for expected, (number, found, have) in enumerate(numbered, start=1):
            if number != expected:
                self.draft.lose(f'rule "{have.key}": routes before it were left out of Freshdesk (number {number})')
            rule: dict[str, Any] = imp.Flow()
            what = found["what"]
            if what == "default":
                rule["default"] = True
            else:
                key, value = what.split(" ", 1)
                rule[key] = value
                if key == "channel":
                    props = [p for s in have.body.get("conditions") or [] for p in s.get("properties") or []]
                    routed[value] = sorted(v for p in props if p.get("field_name") == "source" for v in p["value"])
            for action in have.body.get("actions") or []:
                if action.get("field_name") == "group_id":
                    rule["team"] = self.group_node.get(action["value"], slug(found["team"]))
                elif action.get("field_name") == "priority":
                    rule["priority"] = self.levels.setdefault(int(action["value"]), _level_id(int(action["value"])))
            self.draft.routing.append(rule)
        return routed

    def read_policies(self) -> None:
        org = self.draft.organisation
        for have in self.owned.get("sla_policy", []):
            description = imp.POLICY_DESCRIPTION.match(split_marker(have.body.get("description"))[0].strip())
            names_text = imp.strip_prefix(have.key, f"{org}: ")
            if description is None or names_text is None:
                self.draft.lose(f'SLA policy "{have.key}": not one playbook wrote')
                continue
            scope = description["scope"]
            every = scope == "every channel"
            scope_of = have.body.get("applicable_to") or {}
            if set(scope_of) - {"sources"}:
                self.draft.lose(f'SLA policy "{have.key}": applies to more than ticket sources')
            policy = imp.Policy([] if every else scope.split(", "), [] if every else names_text.split(", "),
                                sorted(scope_of.get("sources") or []))  # fmt: skip
            self.policies.append(policy)
            self.targets.append(have.body.get("sla_target") or {})
            self.blocks.append(have.body.get("escalation") or {})

    def priorities(self) -> dict[str, bool]:
        """Levels that are priorities of their own (named, enabled, or not a copy), most urgent first."""
        named = set(self.levels) | {
            level for targets in self.targets for level in range(1, 5)
            if (targets.get(f"priority_{level}") or {}).get("escalation_enabled")
        }  # fmt: skip
        real = [level for level in (4, 3, 2, 1) if level in named or not self._filled(level, named)]
        business: dict[str, bool] = {}
        for level in real:
            pid = self.levels.setdefault(level, _level_id(level))
            targets = [t.get(f"priority_{level}") or {} for t in self.targets]
            sla_business = bool(targets) and all(t.get("business_hours") for t in targets)
            clock = self.step_business.get(pid, sla_business)
            entry: dict[str, Any] = {"title": self.titles.get(pid, pid), "definition": imp.placeholder_text(pid)}
            calendar = self.calendar_of.get(level)
            if calendar is None and (clock or sla_business):
                calendar = self._any_calendar(pid)
            if calendar:
                entry["calendar"] = calendar
                if not clock:
                    entry["hours"] = "calendar"
            entry["levels"] = {"freshdesk": level}
            self.draft.priorities[pid] = entry
            business[pid] = clock
            for policy, found in zip(self.policies, targets, strict=True):
                cells = policy.cells.setdefault(pid, {})
                for field, metric in TARGET_FIELDS.items():
                    if field in found:
                        cells[metric] = (found[field], bool(found.get("business_hours")))
                if "next_respond_within" in found:
                    self.draft.helpdesk.setdefault("freshdesk", {})["next_response"] = True
        return business

    def _filled(self, level: int, named: set[int]) -> bool:
        """True when the level's targets are what the build copies into a level no priority owns."""
        order = [*range(level + 1, 5), *range(level - 1, 0, -1)]
        carrier = next((other for other in order if other in named), None)
        if carrier is None:
            return False
        for targets in self.targets:
            mine, theirs = targets.get(f"priority_{level}") or {}, targets.get(f"priority_{carrier}") or {}
            fields = ("respond_within", "next_respond_within", "resolve_within", "business_hours")
            if mine.get("escalation_enabled") or any(mine.get(f) != theirs.get(f) for f in fields):
                return False
        return True

    def _any_calendar(self, pid: str) -> str | None:
        """A business calendar for a priority whose targets count business hours but name no calendar."""
        if self.draft.calendars:
            return next(iter(self.draft.calendars))
        prefix = f"{self.draft.organisation}: "
        for hours_id, found in self.hours.items():
            if found.get("name", "").startswith(prefix):
                return self.calendar(hours_id)
        self.draft.lose(f"{pid}: its targets count business hours, but no business hours are named '{prefix}...'")
        return None

    def block_steps(self) -> None:
        """Escalation steps the SLA policies' escalation block holds (the time triggers hold the others)."""
        for level in (4, 3, 2, 1):
            pid = self.levels.get(level)
            targets = [t.get(f"priority_{level}") or {} for t in self.targets]
            if pid is None or not targets or not all(t.get("escalation_enabled") for t in targets):
                continue
            items = []
            first = self.blocks[0]
            if "response" in first:
                items.append(("response", "respond_within", "unacknowledged"))
            for number in range(1, 5):
                if f"level_{number}" in (first.get("resolution") or {}):
                    items.append((f"level_{number}", "resolve_within", "unresolved"))
            found = []
            for name, field, when in items:
                offset = self._offset(name, field, targets)
                level_of = self.blocks[0]["response"] if name == "response" else self.blocks[0]["resolution"][name]
                agent = (level_of.get("agent_ids") or [None])[0]
                if offset is None or agent is None or agent == -1:
                    self.draft.lose(f"{pid}: escalation {name} of the SLA policies cannot be read back as one step")
                    continue
                found.append((offset, agent, when))
            self._place(pid, found)

    def _offset(self, name: str, field: str, targets: list[dict[str, Any]]) -> float | None:
        """The earliest time from the ticket's start that every policy's menu time after its target agrees with."""
        levels = [
            block.get("response") if name == "response" else (block.get("resolution") or {}).get(name)
            for block in self.blocks
        ]
        return block_offset(levels, [target[field] for target in targets])

    def _place(self, pid: str, found: list[tuple[float, Any, str]]) -> None:
        """Give block steps the step numbers the time triggers left free, in time order, from the owner."""
        mine = [s for s in self.steps if s.priority == pid]
        taken = {s.order for s in mine}
        free = [n for n in range(1, len(mine) + len(found) + 1) if n not in taken]
        targets = {s.target for s in mine}
        roots = sorted({s.source for s in mine if s.source not in targets})
        owner = roots[0] if roots else None
        if owner is None:
            owner = f"{slug(pid)}-owner"
            self.draft.contacts.setdefault(
                owner, {"name": f"Owner of {pid} (imported: name who holds new {pid} tickets)"}
            )
            self.draft.lose(f"{pid}: who holds a new ticket is not stored in Freshdesk; {owner} stands for them")
        for order, (offset, agent, when) in zip(free, sorted(found, key=lambda item: item[0]), strict=True):
            target = self.contact_for_agent(agent)
            step = imp.StepFound(pid, order, owner, target, offset, self.step_business.get(pid, False), when)
            self.steps.append(step)


def _level_id(level: int) -> str:
    return facts_of("freshdesk").level_name(level)


def read_playbook(source: Any, book_id: str | None = None) -> imp.Draft:
    """The playbook whose `freshdesk` build made the managed objects of the account behind `source`."""
    found, haves = imp.snapshot(ADAPTER, source, book_id)
    if found is None:
        hand_made = handmade.read(source, haves, book_id)
        imp.nothing_to_import(hand_made)
        return hand_made
    draft = imp.Draft("freshdesk")
    draft.book_id = found
    owned = imp.split_owned(draft, haves, draft.book_id)
    reader = Reader(source, draft, owned)
    draft.organisation = reader.organisation()
    reader.teams()
    reader.time_triggers()
    routed = reader.routes()
    reader.read_policies()
    business = reader.priorities()
    reader.block_steps()
    reader.team_people()
    escalation = imp.rebuild_escalation(reader.steps, list(draft.priorities))
    draft.escalation = escalation.edges
    for problem in escalation.problems:
        draft.lose(problem)
    for pid, entry in draft.priorities.items():
        if escalation.owners.get(pid):
            entry["owner"] = escalation.owners[pid]
    for step in reader.steps:
        for node, name in ((step.source, step.source_name), (step.target, step.target_name)):
            if node not in draft.contacts and node not in draft.teams:
                draft.contacts[node] = {"name": name or node}
    imp.add_channels(draft, [p for p in reader.policies if p.channels], routed, "freshdesk")
    imp.add_sla(draft, reader.policies, business, every_channel=any(not p.channels for p in reader.policies))
    draft.never_stored = [
        *imp.NEVER_STORED,
        "calendars' holidays (business hours are created by hand, and their API does not show holidays)",
        "the closure message and survey (canned responses are not compiled)",
    ]
    return draft
