"""Staffing maths: how many agents a forecast needs to meet a channel's service level.

Live channels use Erlang C (M/M/N: Poisson arrivals, exponential handle times,
nobody abandons, so it errs towards over-staffing). The wait probability comes
from the Erlang B recursion B(n) = A·B(n-1) / (n + A·B(n-1)), which never
forms a factorial or a power and stays stable for hundreds of agents.

    traffic A        = contacts per interval / interval length × handle time (Erlangs)
    P(wait)          = N·B / (N - A·(1 - B))                        (Erlang C)
    service level    = 1 - P(wait) · exp(-(N - A) · t / handle time)
    ASA              = P(wait) · handle time / (N - A)
    occupancy        = A / N
    required N       = smallest N > A meeting the service level, then at least
                       ceil(A / occupancy cap)
    scheduled        = ceil(N / (1 - shrinkage))

Two labelled simplifications:
- chat with concurrency c > 1: Erlang C with handle time ÷ c (each agent works
  c conversations at once), an approximation;
- a channel whose target time is far longer than its handle time (email,
  web forms: at least WORKLOAD_RATIO × handle time, or no live service level)
  is a backlog: agents = workload (A) ÷ occupancy cap; queueing does not matter.
  An interval with more than MAX_QUEUE_TRAFFIC Erlangs is sized the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playbook.model import Channel, Forecast, Playbook, Staffing

WORKLOAD_RATIO = 10  # a target this many handle times long is a backlog, not a queue
MAX_QUEUE_TRAFFIC = 20_000.0  # Erlangs; beyond any one queue, and where the search would get slow
_EPSILON = 1e-9  # 14 / 0.7 is 20.000000000000004 in floating point, and still 20 agents


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability with `agents` servers (the stable recursion)."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
        if blocking == 0.0:  # underflowed: every further agent keeps it at zero
            break
    return blocking


def wait_probability(traffic: float, agents: int) -> float:
    """Erlang C: the chance a contact waits at all; 1 when the queue is unstable (A >= N)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(traffic, agents)
    return agents * blocking / (agents - traffic * (1 - blocking))


def service_level(traffic: float, agents: int, target: float, handle_time: float) -> float:
    """Fraction answered within `target` seconds."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    return 1 - wait_probability(traffic, agents) * math.exp(-(agents - traffic) * target / handle_time)


def average_speed_of_answer(traffic: float, agents: int, handle_time: float) -> float:
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return wait_probability(traffic, agents) * handle_time / (agents - traffic)


def required_agents(
    traffic: float, handle_time: float, level: float, target: float, occupancy_cap: float | None = None
) -> int:
    """Fewest agents with service level >= `level` (a fraction) and occupancy within the cap."""
    if traffic <= 0:
        return 0
    agents = math.floor(traffic) + 1
    while service_level(traffic, agents, target, handle_time) < level - _EPSILON:
        agents += 1
    return max(agents, by_occupancy(traffic, occupancy_cap))


def by_occupancy(traffic: float, occupancy_cap: float | None) -> int:
    if not occupancy_cap or traffic <= 0:
        return 0
    return ceil(traffic / occupancy_cap)


def scheduled(agents: int, shrinkage: float) -> int:
    """Headcount to schedule so that `agents` are available after shrinkage."""
    return ceil(agents / (1 - shrinkage)) if shrinkage < 1 else agents


def ceil(value: float) -> int:
    return math.ceil(value - _EPSILON)


@dataclass(frozen=True)
class Row:
    """The staffing figures of one forecast interval of one channel."""

    channel: str
    start: int  # minutes from midnight
    volume: float
    model: str  # "erlang-c", "erlang-c-concurrency" or "workload"
    traffic: float  # Erlangs (workload in agent-intervals for the workload model)
    required: int
    scheduled: int
    planned: int | None
    service_level: float | None  # at the required agents
    wait_probability: float | None
    asa: float | None  # seconds
    occupancy: float | None
    planned_service_level: float | None  # at the planned agents
    planned_occupancy: float | None


@dataclass(frozen=True)
class Assumptions:
    """What one channel's table was computed with."""

    channel: str
    model: str
    label: str
    interval: float
    handle_time: float  # seconds per contact as the maths sees it (after dividing by concurrency)
    concurrency: int
    level: float | None  # fraction
    target: float | None  # seconds
    occupancy_cap: float | None
    shrinkage: float


def assumptions(book: Playbook, staffing: Staffing, channel_id: str, forecast: Forecast) -> Assumptions | None:
    """The inputs of a channel's maths, or None when the forecast lacks what they need."""
    channel = book.channels.get(channel_id)
    if forecast.interval is None or forecast.handle_time is None or channel is None:
        return None
    if forecast.interval.nominal_seconds <= 0 or forecast.handle_time.nominal_seconds <= 0:
        return None
    handle = forecast.handle_time.nominal_seconds
    level, target = _target(channel)
    cap = staffing.occupancy.high / 100 if staffing.occupancy and staffing.occupancy.high is not None else None
    shrink = _shrinkage(staffing)
    interval = forecast.interval.nominal_seconds
    model, label = "erlang-c", "Erlang C"
    if target is None or target >= WORKLOAD_RATIO * handle:
        model, label = "workload", "workload: volume × handle time ÷ occupancy cap (target far longer than handle time)"
    elif (channel.concurrency or 1) > 1:
        model = "erlang-c-concurrency"
        label = f"Erlang C with handle time ÷ concurrency {channel.concurrency} (approximation)"
        handle /= channel.concurrency
    concurrency = channel.concurrency if model == "erlang-c-concurrency" else 1
    return Assumptions(channel_id, model, label, interval, handle, concurrency, level, target, cap, shrink)


def _target(channel: Channel) -> tuple[float | None, float | None]:
    if channel.service_level is not None:
        percent, seconds = channel.service_level
        return percent / 100, seconds
    if channel.first_reply is not None:
        return None, channel.first_reply.nominal_seconds
    return None, None


def _shrinkage(staffing: Staffing) -> float:
    """The pessimistic end of the shrinkage range, as a fraction."""
    target = staffing.shrinkage
    if target is None:
        return 0.0
    value = target.high if target.high is not None else target.low
    return (value or 0.0) / 100


def row(basis: Assumptions, start: int, volume: float, planned: int | None) -> Row:
    traffic = volume / basis.interval * basis.handle_time
    if basis.model == "workload" or basis.level is None or basis.target is None or traffic > MAX_QUEUE_TRAFFIC:
        required = max(by_occupancy(traffic, basis.occupancy_cap), ceil(traffic), 1 if volume > 0 else 0)
        return Row(
            basis.channel,
            start,
            volume,
            basis.model,
            traffic,
            required,
            scheduled(required, basis.shrinkage),
            planned,
            None,
            None,
            None,
            traffic / required if required else None,
            None,
            traffic / planned if planned else None,
        )
    required = required_agents(traffic, basis.handle_time, basis.level, basis.target, basis.occupancy_cap)
    return Row(
        basis.channel,
        start,
        volume,
        basis.model,
        traffic,
        required,
        scheduled(required, basis.shrinkage),
        planned,
        service_level(traffic, required, basis.target, basis.handle_time),
        wait_probability(traffic, required),
        average_speed_of_answer(traffic, required, basis.handle_time),
        traffic / required if required else None,
        service_level(traffic, planned, basis.target, basis.handle_time) if planned is not None else None,
        traffic / planned if planned else None,
    )


@dataclass(frozen=True)
class Table:
    basis: Assumptions
    rows: list[Row]


def tables(book: Playbook) -> list[Table]:
    """One table per forecast channel that has what the maths needs, in the order written."""
    staffing = book.staffing
    if staffing is None:
        return []
    found = []
    for channel_id, forecast in staffing.forecast.items():
        basis = assumptions(book, staffing, channel_id, forecast)
        if basis is not None:
            found.append(Table(basis, [row(basis, i.start, i.volume, i.agents) for i in forecast.intervals]))
    return found
