"""TaskRouter task queues and workflows from the plan."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from compiler.plan.plan import EVERY_CHANNEL, Plan, PriorityPlan
from compiler.plan.targetfacts import facts
from compiler.plan.taskrouter import DEFAULT_TASK_TIMEOUT, Rung, rungs, timeouts
from playbook.model import Playbook, Route
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
    """The task attributes a route matches; None for a route that matches every task of its channel."""
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
    return rungs(prio, build.routable, extra)


def ladder_queue(build: Build, prio: PriorityPlan) -> Ref:
    """One queue per priority: everyone its ladder or a route can give its tasks to."""
    everyone: list[str] = []
    for rung in ladder(build, prio):
        everyone += [h for h in rung.holders if h not in everyone]
    for route in build.book.routing:
        if route.team in build.book.teams and route.team not in everyone:
            everyone.append(route.team)
    title = prio.priority.title or prio.id
    return build.queue(f"{prio.id}", f"{prio.id} {title}", holders_expression(build.book, tuple(everyone), ""))


def ladder_targets(build: Build, prio: PriorityPlan, extra: tuple[str, ...], channel: str) -> list[dict]:
    found = ladder(build, prio, extra)
    queue = ladder_queue(build, prio)
    targets = []
    for rung, timeout in zip(found, timeouts([r.start for r in found]), strict=True):
        target: dict = {
            "queue": queue,
            "expression": holders_expression(build.book, rung.holders),
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
            f"default 24h timeout: create {channel} tasks with a Timeout of at least {found[-1].start + 1} seconds "
            "(rule PB544)",
        )
    return targets


def ladder_notes(build: Build, prio: PriorityPlan) -> None:
    for step in prio.steps:
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


def filters_for(build: Build, channel: str) -> tuple[list[dict], Ref]:
    book = build.book
    with_ladder = list(build.plan.priorities)
    filters: list[dict] = []
    default: Ref | None = None
    for route in book.routing:
        if route.channel is not None and route.channel != channel:
            continue
        match = route_expression(route)
        team = (route.team,) if route.team in build.routable else ()
        name = f"route {route.index + 1}: {_describe(route)}"
        if route.priority is not None:
            prio = build.plan.priority(route.priority)
            filters.append(
                {
                    "filter_friendly_name": f"{name} as {prio.id}",
                    "expression": match or "1==1",
                    "targets": ladder_targets(build, prio, team, channel),
                }
            )
            continue
        for prio in with_ladder:
            own = f"playbook_priority == {token(prio.id)!r}"
            filters.append(
                {
                    "filter_friendly_name": f"{name}, {prio.id}",
                    "expression": f"({match}) AND {own}" if match else own,
                    "targets": ladder_targets(build, prio, team, channel),
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
                    "targets": ladder_targets(build, prio, (), channel),
                }
            )
        last = with_ladder[-1]
        default = ladder_queue(build, last)
        build.bundle.note(
            "approximated",
            f"channel {channel}",
            f"no routing rule takes every {channel} task, so tasks that match nothing wait in the {last.id} queue "
            "(TaskRouter needs a default)",
        )
    return filters, default


def _describe(route: Route) -> str:
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
    channels = list(book.channels) or [EVERY_CHANNEL]
    for channel in channels:
        filters, default = filters_for(build, channel)
        label = "all channels" if channel == EVERY_CHANNEL else book.channels[channel].name
        key = "all-channels" if channel == EVERY_CHANNEL else channel
        body = {
            "FriendlyName": _fit(f"{book.name}: {label}"),
            "Configuration": {"task_routing": {"filters": filters, "default_filter": {"queue": default}}},
        }
        bundle.add("workflow", f"workflows/{slug(key)}.json", "POST", WORKFLOWS, body, f"Workflow {label}")
    manual_steps(build)
    return bundle.render()


def manual_steps(build: Build) -> None:
    book = build.book
    workers = []
    for cid, contact in book.contacts.items():
        if cid not in build.routable:
            continue
        teams = sorted(token(t) for t, team in book.teams.items() if cid in team.members or team.lead == cid)
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
    channels = list(book.channels) or [EVERY_CHANNEL]
    build.bundle.manual(
        "task-attributes",
        "Create tasks with the attributes the workflows read",
        "The workflows route on task attributes that Studio or your Flex flow must set",
        [
            "playbook_priority: the priority id (" + ", ".join(token(p) for p in book.priorities) + ") when known.",
            "category: the ticket category; tags: a list of tags (ids with underscores for hyphens).",
            "Send each channel's tasks to its workflow: " + ", ".join(sorted(slug(c) for c in channels)) + ".",
        ],
    )
    levels = []
    for cid, channel in book.channels.items():
        if channel.service_level is not None:
            percent, seconds = channel.service_level
            levels.append(
                f"{cid}: {percent:g}% within {seconds:g}s -> GET {WORKFLOWS}/<{cid} workflow SID>/"
                f"CumulativeStatistics?SplitByWaitTime={seconds:g}"
            )
    if levels:
        build.bundle.manual(
            "service-levels",
            "Measure each channel's service level",
            "TaskRouter has no service-level setting; its statistics split waits at the playbook's threshold",
            levels,
        )
