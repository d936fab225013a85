"""TaskRouter task queues and workflows from the plan."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from compiler.plan.plan import Plan, PriorityPlan, policy_cells
from compiler.plan.targetfacts import facts
from compiler.plan.taskrouter import DEFAULT_TASK_TIMEOUT, Rung, rungs, timeouts
from playbook.model import Playbook, Route
from playbook.policies import resolve
from playbook.units import duration_text
from targets.shared.helpdesk import node_name, slug
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "Twilio TaskRouter API",
    "base_url": "https://taskrouter.twilio.com",
    "reference": "https://www.twilio.com/docs/taskrouter/api",
}
WORKSPACE = Ref("workspace", "flex")
QUEUES = "/v1/Workspaces/{{workspace:flex}}/TaskQueues"
WORKFLOWS = "/v1/Workspaces/{{workspace:flex}}/Workflows"
WORKFLOW = "all-channels"
# "TaskQueues per Workspace ... 5,000", a default Twilio support can raise (twilio.com/docs/taskrouter/limits).
MAX_TASK_QUEUES = 5_000


def token(text: str) -> str:
    """A playbook id as a TaskRouter value: no hyphens ('Hyphens are not supported in TaskRouter expressions')."""
    return re.sub(r"[^A-Za-z0-9_]", "_", text)


def routable(book: Playbook) -> set[str]:
    """Escalation nodes a task can go to: teams, and contacts that can be Flex agents."""
    found = facts("twilio")
    kinds = set(found.data["taskrouter"]["unroutable_kinds"]) if found else set()
    return set(book.teams) | {cid for cid, c in book.contacts.items() if c.kind not in kinds}


def holders_expression(book: Playbook, holders: tuple[str, ...], prefix: str = "worker.") -> str:
    contacts = [token(h) for h in holders if h not in book.teams]
    teams = [token(h) for h in holders if h in book.teams]
    parts = []
    if contacts:
        parts.append(f"{prefix}playbook_contact IN [{', '.join(repr(c) for c in contacts)}]")
    parts += [f"{prefix}playbook_teams HAS {t!r}" for t in teams]
    return " OR ".join(parts) if parts else "1==0"


def route_expression(route: Route) -> str | None:
    """The task attributes a route matches; None for a route that matches every task of its channel.

    A segment cannot be tested from TaskRouter's own attributes: the task carries the ids of the
    segments its ticket is in (`playbook_segments`, a manual step), and the rule tests that list.
    """
    if route.segment is not None:
        return f"playbook_segments HAS {token(route.segment)!r}"
    if route.category is not None:
        return f"category == {token(route.category)!r}"
    if route.tag is not None:
        return f"tags HAS {token(route.tag)!r}"
    return None


@dataclass
class Build:
    plan: Plan
    bundle: Bundle
    routable: set[str]
    queues: dict[str, Ref] = field(default_factory=dict)  # queue key -> ref
    # Per (priority, the route's team first): its rungs, and its targets (shared by every filter that uses them)
    ladders: dict[tuple[str, tuple[str, ...]], list[Rung]] = field(default_factory=dict)
    targets: dict[tuple[str, tuple[str, ...]], list[dict]] = field(default_factory=dict)
    held: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)  # (priority, rung) -> its holders

    @property
    def book(self) -> Playbook:
        return self.plan.book

    def queue(self, key: str, name: str, target_workers: str) -> Ref:
        if key not in self.queues:
            ref = Ref("task_queue", slug(key))
            self.bundle.add(
                "task_queue",
                f"task_queues/{slug(key)}.json",
                "POST",
                QUEUES,
                {"FriendlyName": _fit(name), "TargetWorkers": target_workers},
                f"Task queue {name}",
                ref,
            )
            self.queues[key] = ref
        return self.queues[key]


def _fit(name: str, limit: int = 64) -> str:
    if len(name) <= limit:
        return name
    return f"{name[: limit - 9].rstrip()} {hashlib.sha256(name.encode()).hexdigest()[:8]}"


def task_priority(plan: Plan, prio: PriorityPlan) -> int:
    """Higher is assigned first: the most urgent of N priorities gets N, the least 1."""
    return len(plan.priorities) - prio.priority.rank


def ladder(build: Build, prio: PriorityPlan, extra: tuple[str, ...] = ()) -> list[Rung]:
    key = (prio.id, extra)
    if key not in build.ladders:
        base = build.ladders.get((prio.id, ()))
        if base is None:
            base = build.ladders[(prio.id, ())] = rungs(prio, build.routable)
        # A route's team that already holds the task from the start changes no rung: share the ladder
        # (computing it again per team cost teams x steps on a priority every team owns).
        held = build.held.get((prio.id, 0))
        if held is None:
            held = build.held[(prio.id, 0)] = frozenset(base[0].holders)
        build.ladders[key] = base if all(e in held for e in extra) else rungs(prio, build.routable, extra)
    return build.ladders[key]


def ladder_queue(build: Build, prio: PriorityPlan) -> Ref:
    """The queue of tasks no routing rule takes: everyone the last priority's ladder or a route can give them to."""
    everyone: dict[str, None] = {}  # insertion-ordered set
    for rung in ladder(build, prio):
        everyone.update(dict.fromkeys(rung.holders))
    for route in build.book.routing:
        if route.team in build.book.teams:
            everyone.setdefault(route.team)
    title = prio.priority.title or prio.id
    return build.queue(f"{prio.id}", f"{prio.id} {title}", holders_expression(build.book, tuple(everyone), ""))


def rung_queue(build: Build, prio: PriorityPlan, rung: Rung, extra: tuple[str, ...]) -> Ref:
    """One queue per rung of a ladder: its workers are everyone notified by then.

    A queue, not a target expression over the priority's queue: every filter
    of the priority names the same few rung queues, so a workflow grows with
    the routing rules alone, not with rules x holders (a priority owned by
    every team lists every team in each rung).
    """
    base = ladder(build, prio)
    # The rung of the ladder without `extra` in force at the same time: its holders plus `extra` are this rung's.
    at = max(i for i, r in enumerate(base) if r.start <= rung.start)
    held = build.held.get((prio.id, at))
    if held is None:
        held = build.held[(prio.id, at)] = frozenset(base[at].holders)
    own = [e for e in extra if e not in held]
    key = "-".join((prio.id, str(at), *own))
    if key not in build.queues:
        title = prio.priority.title or prio.id
        name = f"{prio.id} {title} from {duration_text(base[at].start)}" + "".join(
            f" + {node_name(build.book, h)}" for h in own
        )
        build.queue(key, name, holders_expression(build.book, rung.holders, ""))
    return build.queues[key]


def ladder_targets(build: Build, prio: PriorityPlan, extra: tuple[str, ...]) -> list[dict]:
    """The ladder as a filter's targets; the same list for every filter of `prio` routed to `extra`."""
    key = (prio.id, extra)
    if key in build.targets:
        return build.targets[key]
    found = ladder(build, prio, extra)
    targets = []
    for rung, timeout in zip(found, timeouts([r.start for r in found]), strict=True):
        target: dict = {
            "queue": rung_queue(build, prio, rung, extra),
            "priority": task_priority(build.plan, prio),
        }
        if timeout is not None:
            target["timeout"] = timeout
        targets.append(target)
    if found[-1].start > DEFAULT_TASK_TIMEOUT:
        build.bundle.note(
            "not-expressible",
            f"priority {prio.id}",
            f"{prio.id}'s last rung starts {duration_text(found[-1].start)} after the task is created, past a task's "
            f"default 24h timeout: create tasks with a Timeout of at least {found[-1].start + 1} seconds "
            "(rule PB544)",
        )
    build.targets[key] = targets
    return targets


def ladder_notes(build: Build, prio: PriorityPlan) -> None:
    for step in prio.common_steps():
        about = f"priority {prio.id}"
        if step.target not in build.routable:
            build.bundle.note(
                "omitted",
                about,
                f"{prio.id} step {step.order}: {node_name(build.book, step.target)} is a "
                f"{build.book.contacts[step.target].kind}, not a Flex agent, so no task is routed to them; "
                "reach them from an on-call tool (rule PB543)",
            )
        if step.clock == "business":
            build.bundle.note(
                "approximated",
                about,
                f"{prio.id} step {step.order} is due {duration_text(step.offset)} of business time; TaskRouter "
                "timeouts count every second, so it moves the task that long after creation, earlier than the "
                "playbook outside business hours",
            )
        if step.edge.when != "unacknowledged":
            build.bundle.note(
                "approximated",
                about,
                f"{prio.id} step {step.order} fires while the ticket is {step.edge.when}; TaskRouter only moves "
                "tasks nobody has accepted yet, so once an agent accepts, this step is left to the help desk or "
                "on-call tool (rule PB545)",
            )


def filters_for(build: Build) -> tuple[list[dict], Ref]:
    """The routing rules as one workflow's filters, first match wins; a channel's rules test `playbook_channel`.

    One workflow for every channel, not one per channel: each channel's
    workflow would repeat every rule that names no channel, so the output
    grew with channels x rules (10k contacts: 500 channels x 250 category
    rules), and TaskRouter holds at most 1,000 workflows per workspace.
    """
    book = build.book
    with_ladder = list(build.plan.priorities)
    filters: list[dict] = []
    default: Ref | None = None
    for route in book.routing:
        match = route_expression(route)
        if route.channel is not None:
            own_channel = f"playbook_channel == {token(route.channel)!r}"
            match = f"{own_channel} AND {match}" if match else own_channel
        team = (route.team,) if route.team in build.routable else ()
        name = f"route {route.index + 1}: {_describe(route)}"
        if route.priority is not None:
            prio = build.plan.priority(route.priority)
            filters.append(
                {
                    "filter_friendly_name": f"{name} as {prio.id}",
                    "expression": match or "1==1",
                    "targets": ladder_targets(build, prio, team),
                }
            )
            continue
        for prio in with_ladder:
            own = f"playbook_priority == {token(prio.id)!r}"
            filters.append(
                {
                    "filter_friendly_name": f"{name}, {prio.id}",
                    "expression": f"({match}) AND {own}" if match else own,
                    "targets": ladder_targets(build, prio, team),
                }
            )
        team_queue = build.queue(
            f"team {route.team}", node_name(book, route.team), holders_expression(book, (route.team,), "")
        )
        if route.default or match is None:
            default = team_queue
            break
        filters.append({"filter_friendly_name": name, "expression": match, "targets": [{"queue": team_queue}]})
    if default is None:
        for prio in with_ladder:
            filters.append(
                {
                    "filter_friendly_name": prio.id,
                    "expression": f"playbook_priority == {token(prio.id)!r}",
                    "targets": ladder_targets(build, prio, ()),
                }
            )
        last = with_ladder[-1]
        default = ladder_queue(build, last)
        build.bundle.note(
            "approximated",
            "routing",
            f"no routing rule takes every task, so tasks that match nothing wait in the {last.id} queue "
            "(TaskRouter needs a default)",
        )
    return filters, default


def _describe(route: Route) -> str:
    if route.segment is not None:
        return f"segment {route.segment}"
    if route.category is not None:
        return f"category {route.category}"
    if route.tag is not None:
        return f"tag {route.tag}"
    if route.channel is not None:
        return f"channel {route.channel}"
    return "every other task"


def render_bundle(plan: Plan) -> dict[str, bytes]:
    book = plan.book
    bundle = Bundle("twilio", book.id, API)
    bundle.lookup(
        WORKSPACE,
        "GET /v1/Workspaces",
        {"friendly_name": "Flex Task Assignment"},
        "The Flex workspace (Flex creates it as 'Flex Task Assignment')",
    )
    build = Build(plan, bundle, routable(book))
    for prio in plan.priorities:
        ladder_notes(build, prio)
    filters, default = filters_for(build)
    body = {
        "FriendlyName": _fit(f"{book.name}: all channels"),
        "Configuration": {"task_routing": {"filters": filters, "default_filter": {"queue": default}}},
    }
    bundle.add("workflow", f"workflows/{WORKFLOW}.json", "POST", WORKFLOWS, body, "Workflow for all channels")
    if len(build.queues) > MAX_TASK_QUEUES:
        bundle.note(
            "not-expressible",
            "task queues",
            f"{len(build.queues)} task queues, more than the {MAX_TASK_QUEUES:,} a workspace holds by default "
            "(TaskRouter resource limits): ask Twilio support to raise the limit before applying",
        )
    manual_steps(build)
    return bundle.render()


def manual_steps(build: Build) -> None:
    book = build.book
    workers = []
    teams_of: dict[str, set[str]] = {}
    for tid, team in book.teams.items():
        for cid in (*team.members, team.lead):
            teams_of.setdefault(cid, set()).add(token(tid))
    for cid, contact in book.contacts.items():
        if cid not in build.routable:
            continue
        teams = sorted(teams_of.get(cid, ()))
        workers.append(
            {
                "contact": cid,
                "name": contact.name,
                "attributes": {"playbook_contact": token(cid), "playbook_teams": teams},
            }
        )
    build.bundle.manual(
        "worker-attributes",
        "Give each Flex worker the playbook's attributes",
        "Queues and targets select workers by these attributes; TaskRouter cannot know who is who",
        [
            "Merge these attributes into each worker's Attributes (a role contact: every worker who fills it).",
            "Worker attribute values cannot hold hyphens, so ids are written with underscores.",
        ],
        {"workers": workers},
    )
    build.bundle.manual(
        "task-attributes",
        "Create tasks with the attributes the workflows read",
        "The workflows route on task attributes that Studio or your Flex flow must set",
        [
            "playbook_priority: the priority id (" + ", ".join(token(p) for p in book.priorities) + ") when known.",
            "category: the ticket category; tags: a list of tags (ids with underscores for hyphens).",
            *(
                [
                    "playbook_segments: the ids of the customer segments the ticket is in (a list; "
                    + "; ".join(f"{token(sid)}: {seg.selector().describe()}" for sid, seg in book.segments.items())
                    + ")."
                ]
                if any(route.segment for route in book.routing)
                else []
            ),
            *(
                [f"playbook_channel: the channel id ({', '.join(sorted(token(c) for c in book.channels))})."]
                if book.channels
                else []
            ),
            f"Send every task to the workflow {WORKFLOW}.",
        ],
    )
    policy_steps(build)
    levels = []
    for cid, channel in book.channels.items():
        if channel.service_level is not None:
            percent, seconds = channel.service_level
            levels.append(
                f"{cid}: {percent:g}% within {seconds:g}s -> GET {WORKFLOWS}/<{WORKFLOW} workflow SID>/"
                f"CumulativeStatistics?SplitByWaitTime={seconds:g}&TaskChannel=<{cid}'s task channel>"
            )
    if levels:
        build.bundle.manual(
            "service-levels",
            "Measure each channel's service level",
            "TaskRouter has no service-level setting; its statistics split waits at the playbook's threshold, "
            "per workflow or task channel (voice, chat, ...), not per task attribute: channels sharing a task "
            "channel are measured together unless each has a task channel of its own (at most 15 per workspace)",
            levels,
        )


def policy_steps(build: Build) -> None:
    """TaskRouter holds no SLA targets: tag tasks with their SLA policy and give each policy's answer speeds."""
    plan, book = build.plan, build.book
    if not plan.policies:
        return
    rows = []
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        answers = {}
        for prio in plan.priorities:
            cell = policy_cells(book, policy, prio.priority).get("answer")
            if cell is not None:
                share = f"{cell.percent:g}% " if cell.percent is not None else "every task "
                answers[prio.id] = f"{share}within {duration_text(cell.seconds)}"
        when = "every other task" if policy.when is None else resolve(policy.when, book.segments).describe()
        rows.append(
            {"position": policy_plan.position, "playbook_sla_policy": token(policy.id), "when": when, "answer": answers}
        )
    build.bundle.manual(
        "sla-policy-attribute",
        "Tag each task with its SLA policy and watch each policy's answer speed",
        "TaskRouter has no SLA targets; the help desk keeps the policies' deadlines, and reports split by this "
        "attribute show each policy's answer speed",
        [
            "Set the task attribute playbook_sla_policy to the first row of data.policies whose 'when' holds for "
            "the ticket (rows in order; the last takes every other task).",
            "Measure each policy's 'answer' targets (share of tasks accepted within the time) in Flex Insights, "
            "split by playbook_sla_policy.",
        ],
        {"policies": rows},
    )
    build.bundle.note(
        "not-expressible",
        "sla_policies",
        f"TaskRouter holds no SLA targets: the {len(plan.policies)} SLA policies' first reply, update and "
        "resolution targets are the help desk's (the zendesk and freshdesk targets build them); tasks carry "
        "playbook_sla_policy so that reports can tell them apart",
    )
