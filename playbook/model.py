"""The typed playbook model: plain types, one per section, built by `playbook.build`.

Every entity keeps the YAML mapping it came from (`raw`), so any check can point
at the exact key or value it is about with `entity.where("field")`.

A field is declared once, here: the builder reads every field of an entity from
the YAML key of the same name, converted by its type (`bool`, `list[...]`,
`Duration`, `Target`, `dt.date`; anything else as written). `read(...)` says
otherwise (another key, a default taken from the id, a parser such as
"timezone"); `built()` marks a field the builder computes itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from playbook.entity import Entity, built, memoised, read
from playbook.findings import Location
from playbook.operations import Cadence, Sampling, Shift
from playbook.policies import Segment, SlaPolicy
from playbook.timemath import seconds_on, weekly_union_seconds, zone
from playbook.units import Duration, Target
from playbook.yamlload import Map

SLA_METRICS = ("answer", "acknowledge", "next_reply", "update_every", "periodic_update", "mitigate")
SLA_METRICS += ("requester_wait", "agent_work", "resolve")
CHANNEL_TYPES = ("phone", "chat", "email", "web", "social", "sms", "messaging")
# Help-desk levels as keys of their own (`zendesk: urgent`): still read; PB234 asks for `levels: {zendesk: urgent}`.
MOVED_LEVEL_KEYS = ("zendesk", "freshdesk")
LAST_YEAR = 9998  # Python's dates end in 9999, and calendars look into the year after their last.


@dataclass(eq=False)
class Window:
    day: int  # 0 = Monday
    start: int  # minutes from midnight
    end: int  # minutes from midnight; > 1440 when the window ends the next day
    loc: Location


@dataclass(eq=False)
class Holiday:
    loc: Location
    date: dt.date | None = None
    name: str = ""
    country: str = ""
    subdivision: str = ""


@dataclass(eq=False)
class Region:
    name: str
    timezone: str
    windows: list[Window]
    loc: Location


@dataclass(eq=False)
class Calendar(Entity):
    always: bool = built(False)
    timezone: str = built("UTC")
    windows: list[Window] = built(factory=list)
    regions: list[Region] = built(factory=list)
    holidays: list[Holiday] = built(factory=list)
    years: tuple[int, int] | None = built()
    coverage: str = ""

    def all_windows(self) -> list[tuple[str, Window]]:
        """(timezone, window) for the calendar's own hours and every region's."""
        pairs = [(self.timezone, w) for w in self.windows]
        for region in self.regions:
            pairs.extend((region.timezone, w) for w in region.windows)
        return pairs

    @memoised
    def weekly_seconds(self) -> float:
        """Open seconds in a week: the union of every window, so overlapping regions count once."""
        if self.always:
            return 7 * 86400.0
        windows = tuple((tz, w.day, w.start, w.end) for tz, w in self.all_windows())
        return weekly_union_seconds(windows, self.years[0] if self.years else 2026)

    @memoised
    def business_day_seconds(self) -> float:
        """The average open day, which is what one business day (`1bd`) means here."""
        if self.always:
            return 86400.0
        days = {w.day for _, w in self.all_windows() if w.end > w.start}
        # Regions overlap (follow-the-sun hand-overs); a day never holds more than 24h.
        return min(86400.0, self.weekly_seconds() / len(days)) if days else 0.0


@dataclass(eq=False)
class Channel(Entity):
    type: str = built("")
    name: str = read(id_default=True, default="")
    intake: Duration | None = None
    service_level: tuple[float, float] | None = read(parse="service_level")  # (percent, seconds)
    first_reply: Duration | None = None
    abandon_rate: Target | None = None
    handle_time: Target | None = None
    concurrency: int = 1
    calendar: str | None = None


@dataclass(eq=False)
class Priority(Entity):
    rank: int = built(0)  # 0 is the most urgent
    title: str = ""
    definition: str = ""
    examples: list[str] = field(default_factory=list)
    calendar: str | None = None
    hours: str | None = None  # as written; see Playbook.clock_of
    levels: dict[str, str | int] = built(factory=dict)  # target -> the priority's level there
    owner: str | None = None
    incident_commander: str | None = None
    status_page: bool = False
    page: bool = False  # the on-call targets page its ladder
    post: list[str] = field(default_factory=list)  # rooms for its messages; empty = the default rooms

    def level_where(self, target: str) -> Location:
        """Where the priority's level in `target` is written: under `levels:`, or a key of its own (the old form)."""
        levels = self.raw.get("levels")
        if isinstance(levels, Map) and target in levels:
            return Location(*levels.value_loc(target))
        return self.where(target)

    def moved_level_keys(self) -> list[str]:
        """Levels written in the old form, `zendesk: urgent` beside the title instead of under `levels:`."""
        return [key for key in MOVED_LEVEL_KEYS if key in self.raw]


@dataclass(eq=False)
class SlaTarget:
    duration: Duration  # the target; a band's lower end; 'eod': one business day per day counted
    hours: str | None  # per-target override: 'business' or 'calendar'
    loc: Location
    upper: Duration | None = None  # a band's upper end ('24h-72h'): the latest acceptable
    eod: int | None = None  # 'eod' 0, 'eod+1' 1: the end of that business day; percent: an answer speed's share
    percent: float | None = None


@dataclass(eq=False)
class Sla(Entity):
    """SLA of one priority: `targets[metric]` plus `channels[channel][metric]` overrides."""

    targets: dict[str, SlaTarget] = built(factory=dict)
    channels: dict[str, dict[str, SlaTarget]] = built(factory=dict)
    channel_locs: dict[str, Location] = built(factory=dict)

    def target(self, metric: str, channel: str | None = None) -> SlaTarget | None:
        if channel and metric in self.channels.get(channel, {}):
            return self.channels[channel][metric]
        return self.targets.get(metric)


@dataclass(eq=False)
class Edge(Entity):
    index: int = built(0)
    source: str = read("from", default="")
    target: str = read("to", default="")
    after: Duration | None = None
    priorities: list[str] = field(default_factory=list)  # empty = every priority
    segments: list[str] = field(default_factory=list)  # empty = every ticket; else a ticket in any of them
    kind: str = "hierarchical"
    when: str = "unresolved"
    note: str = ""

    def applies_to(self, priority: str) -> bool:
        return not self.priorities or priority in self.priorities


@dataclass(eq=False)
class Contact(Entity):
    REACH: ClassVar[tuple[str, ...]] = ("phone", "email")  # the ways to reach one, each compared by diff
    name: str = read(id_default=True, default="")
    kind: str = "person"
    title: str = ""
    email: str = ""
    phone: str = ""
    on_call: bool = False
    timezone: str | None = read(parse="timezone")
    available: str | None = None
    verified: dt.date | None = None
    team: str | None = None
    notes: str = ""


@dataclass(eq=False)
class Team(Entity):
    name: str = read(id_default=True, default="")
    email: str = ""
    members: list[str] = field(default_factory=list)
    lead: str | None = None
    calendar: str | None = None
    on_call: bool = False


@dataclass(eq=False)
class Route(Entity):
    index: int = built(0)
    category: str | None = None
    tag: str | None = None
    channel: str | None = None
    segment: str | None = None
    default: bool = False
    team: str = ""
    priority: str | None = None
    within: Duration | None = None


@dataclass(eq=False)
class Kpi(Entity):
    target: Target | None = built()
    metric: str | None = built()
    priorities: list[str] = built(factory=list)
    channels: list[str] = built(factory=list)
    per_channel: dict[str, Target] = built(factory=dict)


@dataclass(eq=False)
class Alert(Entity):
    index: int = built(0)
    metric: str = ""
    channel: str | None = None
    above: Any = None
    below: Any = None
    duration: Duration | None = read("for")
    intervals: int | None = None
    notify: str = ""
    post: list[str] = field(default_factory=list)  # rooms; empty = the default rooms
    normal: float | None = None  # the normal volume a '% of normal' threshold is a share of


@dataclass(eq=False)
class Coverage:
    days: list[int]
    start: int
    end: int
    min: int
    team: str | None
    channel: str | None
    loc: Location


@dataclass(eq=False)
class ForecastInterval:
    start: int  # minutes from midnight
    volume: float
    agents: int | None
    loc: Location


@dataclass(eq=False)
class Forecast(Entity):
    interval: Duration | None = None
    handle_time: Duration | None = None
    intervals: list[ForecastInterval] = built(factory=list)


@dataclass(eq=False)
class Staffing(Entity):
    shrinkage: Target | None = None
    occupancy: Target | None = None
    backup_ratio: int | None = None
    coverage: list[Coverage] = built(factory=list)
    forecast: dict[str, Forecast] = built(factory=dict)
    shifts: list[Shift] = built(factory=list)
    handover: tuple[Duration, Duration] | None = built()  # how long consecutive shifts overlap


@dataclass(eq=False)
class Topic:
    topic: str
    hours: tuple[float, float]
    description: str
    loc: Location


@dataclass(eq=False)
class Phase:
    weeks: tuple[int, int]
    kind: str
    focus: str
    loc: Location


@dataclass(eq=False)
class Onboarding(Entity):
    total_hours: tuple[float, float] | None = read(parse="hours_range")
    total_includes: tuple[str, ...] = built(("classroom",))  # plan kinds the band counts; classroom = the curriculum
    curriculum: list[Topic] = built(factory=list)
    plan: list[Phase] = built(factory=list)
    ramp: list[tuple[int, Target, Location]] = built(factory=list)
    certification: list[str] = field(default_factory=list)


@dataclass(eq=False)
class RubricItem:
    item: str
    points: float
    description: str
    loc: Location


@dataclass(eq=False)
class Qa(Entity):
    rubric: list[RubricItem] = built(factory=list)
    evaluations_per_month: int | None = None
    calibration_variance: Target | None = None
    sampling: Sampling | None = built()


@dataclass(eq=False)
class Compliance(Entity):
    identity_verification: bool = built(False)
    identity_channels: list[str] = built(factory=list)
    identity_method: str = built("")
    card_redaction: bool = False
    recording_retention: Duration | None = None
    data_access_requests: Duration | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Organisation(Entity):
    name: str = ""
    address: str = ""
    privacy_contact: str | None = None
    security_contact: str | None = None
    emergency_line: str | None = None
    status_page: str = ""
    runbooks: str = ""  # base URL the runbook pages are published under


@dataclass(eq=False)
class Closure(Entity):
    message: str = ""
    survey: str = ""
    survey_after: Duration | None = None


@dataclass(eq=False)
class HelpdeskTarget(Entity):
    """Settings for one help-desk target (`helpdesk.zendesk`, `helpdesk.freshdesk`); id = target name."""

    channels: dict[str, list[int]] = built(factory=dict)  # channel -> vendor channel codes
    resolution_metric: str | None = None
    update_metric: str | None = None
    next_response: bool = False


ROOM_TARGETS = ("slack", "teams")  # the messaging targets a room may name
TURN_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(eq=False)
class Rota(Entity):
    """Members take turns covering a ladder node; turns change at `handoff` every `turn_seconds`."""

    name: str = read(id_default=True, default="")
    covers: str = ""
    members: list[str] = field(default_factory=list)
    timezone: str = built("UTC")  # the playbook's unless the rota names one
    start: dt.date | None = None
    handoff: int = built(0)  # minutes after midnight, in `timezone`
    every: str = built("")  # as written: 1w, 1d, 12h
    turn_seconds: int = built(0)

    def first_handoff(self) -> dt.datetime | None:
        """The first hand-over as an aware local date-time (None when `start` did not parse)."""
        if self.start is None:
            return None
        local = dt.datetime.combine(self.start, dt.time(self.handoff // 60, self.handoff % 60))
        return local.replace(tzinfo=zone(self.timezone))


@dataclass(frozen=True)
class RoomLink:
    """One product's way into a room: the channel's name and the environment variable holding the webhook URL."""

    channel: str
    webhook_env: str


@dataclass(eq=False)
class Room(Entity):
    """A chat room messages are posted to; `links` is keyed by messaging target (slack, teams)."""

    name: str = read(id_default=True, default="")
    links: dict[str, RoomLink] = built(factory=dict)
    default: bool = False


@dataclass(frozen=True)
class Reach:
    """An escalation node as someone on duty reaches it (see Playbook.reach)."""

    id: str
    name: str
    phone: str
    email: str
    contact: Contact | None = None
    team: Team | None = None
    lead: Contact | None = None  # a team's lead


@dataclass(eq=False)
class Playbook:
    """A whole playbook. Dicts keep the order the author wrote (priorities: highest first)."""

    id: str
    raw: Map = field(repr=False)
    template: bool = False  # placeholders (fictional numbers, example domains) are intended
    timezone: str = "UTC"
    sla_metrics: tuple[str, ...] | None = None  # the metrics the operation measures, when it says
    organisation: Organisation | None = None
    calendars: dict[str, Calendar] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    priorities: dict[str, Priority] = field(default_factory=dict)
    sla: dict[str, Sla] = field(default_factory=dict)
    escalation: list[Edge] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    routing: list[Route] = field(default_factory=list)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    rotas: dict[str, Rota] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)
    staffing: Staffing | None = None
    onboarding: Onboarding | None = None
    qa: Qa | None = None
    compliance: Compliance | None = None
    closure: Closure | None = None
    helpdesk: dict[str, HelpdeskTarget] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    policies: list[SlaPolicy] = field(default_factory=list)  # `sla_policies:` in order; empty: `sla:` alone
    cadences: dict[str, Cadence] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return (self.organisation.name if self.organisation else "") or self.id

    def where(self, key: str | None = None, *, at_key: bool = False) -> Location:
        if key is None or key not in self.raw:
            return Location(*self.raw.loc)
        return Location(*(self.raw.key_loc(key) if at_key else self.raw.value_loc(key)))

    def node(self, node_id: str) -> Contact | Team | None:
        """An escalation node: a contact or a team."""
        return self.contacts.get(node_id) or self.teams.get(node_id)

    def rota_of(self, node_id: str) -> Rota | None:
        """The rota that covers a ladder node, if any."""
        return next((rota for rota in self.rotas.values() if rota.covers == node_id), None)

    def rooms_for(self, post: list[str]) -> list[Room]:
        """The rooms a message goes to: those named, else the default rooms."""
        if post:
            return [self.rooms[rid] for rid in post if rid in self.rooms]
        return [room for room in self.rooms.values() if room.default]

    def reach(self, node_id: str) -> Reach:
        """How to reach an escalation node: a contact directly; a team at its address and its lead's phone."""
        contact = self.contacts.get(node_id)
        if contact is not None:
            return Reach(node_id, contact.name, contact.phone, contact.email, contact=contact)
        team = self.teams.get(node_id)
        if team is not None:
            lead = self.contacts.get(team.lead) if team.lead else None
            return Reach(node_id, team.name, lead.phone if lead else "", team.email, team=team, lead=lead)
        return Reach(node_id, node_id, "", "")

    def calendar_of(self, priority: Priority) -> Calendar | None:
        return self.calendars.get(priority.calendar) if priority.calendar else None

    def clock_of(self, priority: Priority, target: SlaTarget | None = None) -> str:
        """'business' or 'calendar': the clock a priority's durations count on."""
        if target is not None and target.duration.business:
            return "business"
        if target is not None and target.hours:
            return target.hours
        if priority.hours:
            return priority.hours
        calendar = self.calendar_of(priority)
        return "calendar" if calendar is None or calendar.always else "business"

    def seconds(self, duration: Duration, priority: Priority, hours: str | None = None) -> float:
        """A duration in seconds on the priority's clock (business seconds on a business clock)."""
        clock = "business" if duration.business else (hours or self.clock_of(priority))
        return seconds_on(duration, self.calendar_of(priority), clock)

    def sla_seconds(self, priority: str, metric: str, channel: str | None = None) -> float | None:
        sla = self.sla.get(priority)
        target = sla.target(metric, channel) if sla else None
        if target is None:
            return None
        return self.seconds(target.duration, self.priorities[priority], target.hours)
