"""Target-neutral facts compiled from a checked playbook.

Renderers read a `Plan`, never the YAML: SLA targets in seconds per priority and
channel (a playbook without channels keeps them under EVERY_CHANNEL, as `simulate`
without `--channel` reads them), and each priority's escalation steps with their offsets.

With `sla_policies:`, each priority's targets per policy are in `PriorityPlan.policies`
(policy id -> metric -> cell) and the policies themselves, in order, in `Plan.policies`.
The fallback policy's targets are also the priority's own and its `sla` on every channel:
what a ticket no other policy selects gets, and what outputs that know no policies show.

Escalation timing: an edge's `after` counts from the moment its `from` node got
the ticket (per step). A step's `offset` is the time from the ticket's start:
the sum of the `after`s along the earliest path from the priority's owner.
Both count on the step's clock (`step_clock`), which every output and
`playbook simulate` read from here.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from dataclasses import dataclass, field

from compiler.plan.graph import escalation_graph, starts
from playbook.model import SLA_METRICS, Calendar, Edge, Playbook, Priority, SlaTarget
from playbook.policies import SlaPolicy
from playbook.policyview import policy_calendar, policy_seconds
from playbook.timemath import seconds_on
from playbook.units import Duration

# The SLA key of a playbook that names no channels: its priorities' targets hold for
# every ticket. Not a valid channel id, so it cannot collide with one.
EVERY_CHANNEL = "*"


def sla_channels(book: Playbook) -> list[str]:
    """The channels SLA targets are kept for: the playbook's, or EVERY_CHANNEL when it names none."""
    return list(book.channels) or [EVERY_CHANNEL]


@dataclass(frozen=True)
class SlaCell:
    priority: str
    channel: str
    metric: str
    seconds: float
    clock: str  # "business" or "calendar"
    text: str  # as written, e.g. "1bd" (a band's whole text, "24h-72h")
    source: SlaTarget | None = field(default=None, compare=False, repr=False)  # where it is written
    calendar: str | None = None  # the calendar business hours count on (a policy's pick, else the priority's)
    upper: float | None = None  # a band's upper end, seconds on the same clock: the latest acceptable
    eod: int | None = None  # end of business day: business days after the opening day's
    percent: float | None = None  # an answer speed's share answered in time
    policy: str = ""  # the SLA policy (id) it belongs to; "" for `sla:`


@dataclass
class PolicyPlan:
    """One SLA policy in the order the help desks try them."""

    policy: SlaPolicy
    position: int  # 1-based: the first policy that matches a ticket wins
    calendars: list[Calendar] = field(default_factory=list)  # every calendar it can count on, default first

    @property
    def id(self) -> str:
        return self.policy.id


@dataclass(frozen=True)
class Step:
    """One escalation step for one priority."""

    priority: str
    order: int  # 1-based, in firing order
    source: str
    target: str
    after: float  # seconds after `source` got the ticket
    offset: float  # seconds after the ticket started
    clock: str
    edge: Edge
    segments: tuple[str, ...] = ()  # the customer segments whose tickets get this step (a ticket in any); () = every

    def for_everyone(self) -> bool:
        return not self.segments


@dataclass
class PriorityPlan:
    priority: Priority
    calendar: Calendar | None
    clock: str
    owners: list[str]
    # channel (or EVERY_CHANNEL) -> metric -> cell
    sla: dict[str, dict[str, SlaCell]] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    own: dict[str, SlaCell] = field(default_factory=dict)  # metric -> the priority's own target
    # SLA policy id -> metric -> cell (empty without `sla_policies:`)
    policies: dict[str, dict[str, SlaCell]] = field(default_factory=dict)

    def cells(self, channel: str | None) -> dict[str, SlaCell]:
        """metric -> target on `channel`; None (or a channel the playbook does not name): the priority's own."""
        return self.own if channel is None else self.sla.get(channel, self.own)

    @property
    def id(self) -> str:
        return self.priority.id

    def cell(self, channel: str, metric: str) -> SlaCell | None:
        return self.sla.get(channel, {}).get(metric)

    def policy_cell(self, policy: str, metric: str) -> SlaCell | None:
        return self.policies.get(policy, {}).get(metric)

    def common_steps(self) -> list[Step]:
        """The steps every ticket gets: what a target that cannot select a segment's tickets carries (PB560)."""
        return [step for step in self.steps if step.for_everyone()]

    def chain_seconds(self) -> float:
        """Time from the ticket's start to the last escalation step."""
        return max((s.offset for s in self.steps), default=0.0)

    def holder_at(self, elapsed: float) -> list[str]:
        """Who has been notified by `elapsed` seconds (on the priority's clock), in order."""
        return self.owners + [s.target for s in self.steps if s.offset <= elapsed]


@dataclass
class Plan:
    book: Playbook
    priorities: list[PriorityPlan]
    policies: list[PolicyPlan] = field(default_factory=list)  # `sla_policies:` in order; empty without

    def priority(self, pid: str) -> PriorityPlan:
        for plan in self.priorities:
            if plan.id == pid:
                return plan
        raise KeyError(pid)

    def policy(self, policy_id: str) -> PolicyPlan:
        for found in self.policies:
            if found.id == policy_id:
                return found
        raise KeyError(policy_id)


# The latest playbook's plan. Not a WeakKeyDictionary: a plan refers to its playbook, so such
# an entry would never go, and a run over 100 playbooks kept every one of them alive.
_LATEST: list[tuple[Playbook, Plan]] = []


def shared_plan(book: Playbook) -> Plan:
    """The book's plan, built once for every reader that only reads it (the rules, then `build`'s targets).

    Each target rule used to build its own: 13 plans per `build` of every target.
    """
    if not _LATEST or _LATEST[0][0] is not book:
        _LATEST[:] = [(book, build_plan(book))]
    return _LATEST[0][1]


def build_plan(book: Playbook) -> Plan:
    """Compile a checked playbook (no reference errors) into a plan."""
    policies = [
        PolicyPlan(policy, position, [book.calendars[c] for c in policy.calendar.all()] if policy.calendar else [])
        for position, policy in enumerate(book.policies, start=1)
    ]
    return Plan(book, [_priority_plan(book, p) for p in book.priorities.values()], policies)


def policy_cells(
    book: Playbook, policy: SlaPolicy, priority: Priority, field_value: str | None = None
) -> dict[str, SlaCell]:
    """metric -> cell of one policy's targets for one priority, on the calendar it picks for the field's value."""
    sla = policy.targets.get(priority.id)
    if sla is None:
        return {}
    calendar = policy_calendar(book, policy, priority, field_value)
    found = {}
    for metric in SLA_METRICS:
        target = sla.targets.get(metric)
        if target is not None:
            seconds, clock = policy_seconds(book, policy, priority, target, field_value)
            found[metric] = _cell(priority.id, EVERY_CHANNEL, metric, seconds, clock, target, calendar, policy.id)
    return found


def _cell(
    pid: str,
    channel: str,
    metric: str,
    seconds: float,
    clock: str,
    target: SlaTarget,
    calendar: Calendar | None,
    policy: str = "",
) -> SlaCell:
    upper = seconds_on(target.upper, calendar, clock) if target.upper is not None else None
    return SlaCell(
        pid,
        channel,
        metric,
        seconds,
        clock,
        target.duration.text,
        target,
        calendar=calendar.id if calendar is not None else None,
        upper=upper,
        eod=target.eod,
        percent=target.percent,
        policy=policy,
    )


def _priority_plan(book: Playbook, priority: Priority) -> PriorityPlan:
    graph = escalation_graph(book, priority.id)
    owners = starts(book, priority, graph)
    plan = PriorityPlan(priority, book.calendar_of(priority), book.clock_of(priority), owners)
    sla = book.sla.get(priority.id)
    if sla is not None:
        plan.own = _cells(book, priority, EVERY_CHANNEL, lambda metric: sla.target(metric, None))
        for channel in sla_channels(book):
            written = None if channel == EVERY_CHANNEL else channel
            cells = _cells(book, priority, channel, lambda metric, c=written: sla.target(metric, c))
            if cells:
                plan.sla[channel] = cells
    for policy in book.policies:
        cells = policy_cells(book, policy, priority)
        if cells:
            plan.policies[policy.id] = cells
        if policy.fallback and cells:
            plan.own = cells
            for channel in sla_channels(book):
                plan.sla[channel] = {m: dataclasses.replace(c, channel=channel) for m, c in cells.items()}
    plan.steps = _steps(book, priority, graph, owners)
    return plan


def _cells(book: Playbook, priority: Priority, channel: str, target_of) -> dict[str, SlaCell]:  # type: ignore[no-untyped-def]
    cells = {}
    for metric in SLA_METRICS:
        target = target_of(metric)
        if target is not None:
            seconds = book.seconds(target.duration, priority, target.hours)
            clock = book.clock_of(priority, target)
            cells[metric] = _cell(priority.id, channel, metric, seconds, clock, target, book.calendar_of(priority))
    return cells


def step_clock(book: Playbook, priority: Priority, after: Duration | None) -> str:
    """The clock an escalation delay counts on: the priority's, except `bh`/`bd`, which count business hours.

    Business hours are those of the priority's calendar, as for SLA targets. On a
    24/7 calendar (or none) they are every hour, so such a step keeps the
    priority's calendar clock and no help desk needs a schedule for it.
    """
    calendar = book.calendar_of(priority)
    if after is not None and after.business and calendar is not None and not calendar.always:
        return "business"
    return book.clock_of(priority)


def _steps(book: Playbook, priority: Priority, graph, owners: list[str], ticket: set[str] | None = None) -> list[Step]:  # type: ignore[no-untyped-def]
    """The priority's ladder: for a ticket in the segments `ticket`, or (None) every step with the tickets it is for.

    Dijkstra from the owners: a node notified along several paths counts from the
    earliest; each edge still becomes its own step. For the plan (`ticket` None),
    offsets count along the steps for every ticket first, so the ladder every
    ticket gets is exact; a node only segment-scoped steps reach is added after,
    and the steps from it are for those segments' tickets too.
    """
    edges = [(s, t, d["edge"]) for s, t, d in graph.edges(data=True)]
    if ticket is not None:
        edges = [(s, t, e) for s, t, e in edges if not e.segments or set(e.segments) & ticket]
    reached: dict[str, float] = {}
    scopes: dict[str, tuple[str, ...] | None] = {}  # node -> the segments whose tickets reach it (() = every ticket)
    phases = [False, True] if ticket is None else [True]
    ties = itertools.count(len(owners) + len(graph))
    for scoped in phases:
        # (offset, tie-break, node, scope): a scope may be None (no ticket gets there), never compared
        queue = [(reached.get(n, 0.0), i, n, scopes.get(n, ())) for i, n in enumerate(reached or owners)]
        heapq.heapify(queue)
        done: set[str] = set()
        while queue:
            offset, _, node, scope = heapq.heappop(queue)
            if node in done:
                continue
            done.add(node)
            reached.setdefault(node, offset)
            scopes.setdefault(node, scope)
            for source, target, edge in edges:
                if source != node or target in reached or (edge.segments and not scoped):
                    continue
                after = book.seconds(edge.after, priority) if edge.after else 0.0
                heapq.heappush(queue, (offset + after, next(ties), target, _narrowed(scope, edge)))
    found: list[tuple[float, int, Step]] = []
    for source, target, edge in edges:
        if source not in reached:
            continue
        segments = _narrowed(scopes[source], edge) if ticket is None else tuple(edge.segments)
        if segments is None:
            continue
        after = book.seconds(edge.after, priority) if edge.after else 0.0
        clock = step_clock(book, priority, edge.after)
        step = Step(priority.id, 0, source, target, after, reached[source] + after, clock, edge, segments)
        found.append((step.offset, edge.index, step))
    found.sort(key=lambda item: (item[0], item[1]))
    return [dataclasses.replace(s, order=order) for order, (_, _, s) in enumerate(found, start=1)]


def _narrowed(scope: tuple[str, ...] | None, edge: Edge) -> tuple[str, ...] | None:
    """The segments a step is for: its own within those of the path to it; None when no ticket is in both."""
    if scope is None or not edge.segments:
        return scope
    if not scope:
        return tuple(edge.segments)
    both = tuple(s for s in edge.segments if s in scope)
    return both or None


def ticket_steps(book: Playbook, priority: Priority, segments: set[str]) -> list[Step]:
    """The ladder of one ticket of `priority` in `segments`: the steps scoped to other segments left out."""
    graph = escalation_graph(book, priority.id)
    return _steps(book, priority, graph, starts(book, priority, graph), set(segments))
