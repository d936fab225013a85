"""The typed playbook model, built from a schema-valid document.

Every entity keeps the YAML mapping it came from (`raw`), so any check can point
at the exact key or value it is about with `entity.where("field")`.
Values the schema cannot judge (a time zone name, 25:00, an inverted range)
are parsed here; problems become findings, never exceptions.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.units import (
    Duration,
    Target,
    ValueError_,
    parse_days,
    parse_duration,
    parse_hours_range,
    parse_service_level,
    parse_target,
    parse_window,
)
from playbook.yamlload import Map, Seq

SLA_METRICS = ("acknowledge", "update_every", "mitigate", "resolve")
CHANNEL_TYPES = ("phone", "chat", "email", "web", "social", "sms", "messaging")
# A priority's help-desk level used to be a key of its own (`zendesk: urgent`); now it is
# `levels: {zendesk: urgent}`. The old keys still work, and rule PB234 asks to move them.
MOVED_LEVEL_KEYS = ("zendesk", "freshdesk")
# Python's dates end in 9999, and calendars look into the year after their last.
LAST_YEAR = 9998


def _memoised(method: Callable[[Any], float]) -> Callable[[Any], float]:
    """Compute a figure of a built (never modified) entity once: rules ask for it thousands of times."""
    slot = "_memo_" + method.__name__

    @functools.wraps(method)
    def wrapper(self: Any) -> float:
        found = self.__dict__.get(slot)
        if found is None:
            found = self.__dict__[slot] = method(self)
        return found

    return wrapper


@dataclass(eq=False)
class Entity:
    id: str
    raw: Map = field(repr=False)

    @property
    def loc(self) -> Location:
        return Location(*self.raw.loc)

    def where(self, key: str | None = None, *, at_key: bool = False) -> Location:
        """Location of a field's value (or key); the entity itself if the field is absent."""
        if key is None or key not in self.raw:
            return self.loc
        return Location(*(self.raw.key_loc(key) if at_key else self.raw.value_loc(key)))


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
    always: bool = False
    timezone: str = "UTC"
    windows: list[Window] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    holidays: list[Holiday] = field(default_factory=list)
    years: tuple[int, int] | None = None
    coverage: str = ""

    def all_windows(self) -> list[tuple[str, Window]]:
        """(timezone, window) for the calendar's own hours and every region's."""
        pairs = [(self.timezone, w) for w in self.windows]
        for region in self.regions:
            pairs.extend((region.timezone, w) for w in region.windows)
        return pairs

    @_memoised
    def weekly_seconds(self) -> float:
        """Open seconds in a week: the union of every window, so overlapping regions count once.

        Each region is placed on the UTC week at its standard (winter) offset, so
        the figure does not depend on the season.
        """
        if self.always:
            return 7 * 86400.0
        windows = tuple((tz, w.day, w.start, w.end) for tz, w in self.all_windows())
        return _weekly_union_seconds(windows, self.years[0] if self.years else 2026)

    @_memoised
    def business_day_seconds(self) -> float:
        """The average open day, which is what one business day (`1bd`) means here."""
        if self.always:
            return 86400.0
        days = {w.day for _, w in self.all_windows() if w.end > w.start}
        # Regions overlap (follow-the-sun hand-overs); a day never holds more than 24h.
        return min(86400.0, self.weekly_seconds() / len(days)) if days else 0.0


@functools.lru_cache(maxsize=1024)
def _weekly_union_seconds(windows: tuple[tuple[str, int, int, int], ...], year: int) -> float:
    week = 7 * 1440
    spans: list[tuple[int, int]] = []
    for timezone, day, first, last in windows:
        shift = _standard_offset_minutes(timezone, year)
        start = (day * 1440 + first - shift) % week
        spans.extend(_wrap(start, start + min(last - first, week), week))
    return 60.0 * _union_length(spans)


@functools.lru_cache(maxsize=256)
def _standard_offset_minutes(timezone: str, year: int) -> int:
    zone = zoneinfo.ZoneInfo(timezone)
    offsets = [dt.datetime(year, month, 1, 12, tzinfo=zone).utcoffset() for month in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


def _wrap(start: int, end: int, period: int) -> list[tuple[int, int]]:
    if end <= period:
        return [(start, end)]
    return [(start, period), (0, end - period)]


def _union_length(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


@dataclass(eq=False)
class Channel(Entity):
    type: str = ""
    name: str = ""
    intake: Duration | None = None
    service_level: tuple[float, float] | None = None  # (percent, seconds)
    first_reply: Duration | None = None
    abandon_rate: Target | None = None
    handle_time: Target | None = None
    concurrency: int = 1
    calendar: str | None = None


@dataclass(eq=False)
class Priority(Entity):
    rank: int = 0  # 0 is the most urgent
    title: str = ""
    definition: str = ""
    examples: list[str] = field(default_factory=list)
    calendar: str | None = None
    hours: str | None = None  # as written; see Playbook.clock_of
    levels: dict[str, str | int] = field(default_factory=dict)  # target -> the priority's level there
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
    duration: Duration
    hours: str | None  # per-target override: 'business' or 'calendar'
    loc: Location


@dataclass(eq=False)
class Sla(Entity):
    """SLA of one priority: `targets[metric]` plus `channels[channel][metric]` overrides."""

    targets: dict[str, SlaTarget] = field(default_factory=dict)
    channels: dict[str, dict[str, SlaTarget]] = field(default_factory=dict)
    channel_locs: dict[str, Location] = field(default_factory=dict)

    def target(self, metric: str, channel: str | None = None) -> SlaTarget | None:
        if channel and metric in self.channels.get(channel, {}):
            return self.channels[channel][metric]
        return self.targets.get(metric)


@dataclass(eq=False)
class Edge(Entity):
    index: int = 0
    source: str = ""
    target: str = ""
    after: Duration | None = None
    priorities: list[str] = field(default_factory=list)  # empty = every priority
    kind: str = "hierarchical"
    when: str = "unresolved"
    note: str = ""

    def applies_to(self, priority: str) -> bool:
        return not self.priorities or priority in self.priorities


@dataclass(eq=False)
class Contact(Entity):
    name: str = ""
    kind: str = "person"
    title: str = ""
    email: str = ""
    phone: str = ""
    on_call: bool = False
    timezone: str | None = None
    available: str | None = None
    verified: dt.date | None = None
    team: str | None = None
    notes: str = ""


@dataclass(eq=False)
class Team(Entity):
    name: str = ""
    email: str = ""
    members: list[str] = field(default_factory=list)
    lead: str | None = None
    calendar: str | None = None
    on_call: bool = False


@dataclass(eq=False)
class Route(Entity):
    index: int = 0
    category: str | None = None
    tag: str | None = None
    channel: str | None = None
    default: bool = False
    team: str = ""
    priority: str | None = None
    within: Duration | None = None


@dataclass(eq=False)
class Kpi(Entity):
    target: Target | None = None
    metric: str | None = None
    priorities: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    per_channel: dict[str, Target] = field(default_factory=dict)


@dataclass(eq=False)
class Alert(Entity):
    index: int = 0
    metric: str = ""
    channel: str | None = None
    above: Any = None
    below: Any = None
    duration: Duration | None = None
    intervals: int | None = None
    notify: str = ""
    post: list[str] = field(default_factory=list)  # rooms; empty = the default rooms


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
    intervals: list[ForecastInterval] = field(default_factory=list)


@dataclass(eq=False)
class Staffing(Entity):
    shrinkage: Target | None = None
    occupancy: Target | None = None
    backup_ratio: int | None = None
    coverage: list[Coverage] = field(default_factory=list)
    forecast: dict[str, Forecast] = field(default_factory=dict)


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
    total_hours: tuple[float, float] | None = None
    total_includes: tuple[str, ...] = ("classroom",)  # plan kinds the band counts; classroom = the curriculum
    curriculum: list[Topic] = field(default_factory=list)
    plan: list[Phase] = field(default_factory=list)
    ramp: list[tuple[int, Target, Location]] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)


@dataclass(eq=False)
class RubricItem:
    item: str
    points: float
    description: str
    loc: Location


@dataclass(eq=False)
class Qa(Entity):
    rubric: list[RubricItem] = field(default_factory=list)
    evaluations_per_month: int | None = None
    calibration_variance: Target | None = None


@dataclass(eq=False)
class Compliance(Entity):
    identity_verification: bool = False
    identity_channels: list[str] = field(default_factory=list)
    identity_method: str = ""
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

    channels: dict[str, list[int]] = field(default_factory=dict)  # channel -> vendor channel codes
    resolution_metric: str | None = None
    update_metric: str | None = None
    next_response: bool = False


ROOM_TARGETS = ("slack", "teams")  # the messaging targets a room may name
TURN_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(eq=False)
class Rota(Entity):
    """Members take turns covering a ladder node; turns change at `handoff` every `turn_seconds`."""

    name: str = ""
    covers: str = ""
    members: list[str] = field(default_factory=list)
    timezone: str = "UTC"
    start: dt.date | None = None
    handoff: int = 0  # minutes after midnight, in `timezone`
    every: str = ""  # as written: 1w, 1d, 12h
    turn_seconds: int = 0

    def first_handoff(self) -> dt.datetime | None:
        """The first hand-over as an aware local date-time (None when `start` did not parse)."""
        if self.start is None:
            return None
        local = dt.datetime.combine(self.start, dt.time(self.handoff // 60, self.handoff % 60))
        return local.replace(tzinfo=zoneinfo.ZoneInfo(self.timezone))


@dataclass(frozen=True)
class RoomLink:
    """One product's way into a room: the channel's name and the environment variable holding the webhook URL."""

    channel: str
    webhook_env: str


@dataclass(eq=False)
class Room(Entity):
    """A chat room messages are posted to; `links` is keyed by messaging target (slack, teams)."""

    name: str = ""
    links: dict[str, RoomLink] = field(default_factory=dict)
    default: bool = False


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
        calendar = self.calendar_of(priority)
        if clock == "calendar" or calendar is None or not duration.is_days:
            return duration.nominal_seconds
        return duration.seconds_with(calendar.business_day_seconds(), calendar.weekly_seconds())

    def sla_seconds(self, priority: str, metric: str, channel: str | None = None) -> float | None:
        sla = self.sla.get(priority)
        target = sla.target(metric, channel) if sla else None
        if target is None:
            return None
        return self.seconds(target.duration, self.priorities[priority], target.hours)


@functools.cache
def _zones() -> dict[str, str]:
    """Every IANA time zone name, by its lower-case form."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _zone_like(name: object) -> str | None:
    """The time zone a misspelt name most likely means ('europe/london', 'Europe/Londn')."""
    zones = _zones()
    text = str(name).strip().lower().replace(" ", "_")
    if text in zones:
        return zones[text]
    import difflib

    found = difflib.get_close_matches(text, list(zones), n=1, cutoff=0.8)
    return zones[found[0]] if found else None


class _Builder:
    """Turns a schema-valid Map into a Playbook, collecting value errors as findings."""

    def __init__(self, data: Map) -> None:
        self.data = data
        self.findings: list[Finding] = []

    def problem(self, loc: Location, message: str, hint: str, old: str = "", better: str | None = None) -> None:
        """An invalid value; `old` and `better` give the fix when the right value is certain."""
        fix = (Edit(loc, old, better),) if better is not None else ()
        self.findings.append(Finding("PB101", "invalid-value", Severity.ERROR, message, loc, hint, (), fix))

    def value_loc(self, raw: Map, key: str) -> Location:
        return Location(*raw.value_loc(key))

    def parse(self, raw: Map, key: str, parser: Any, hint: str) -> Any:
        if key not in raw or raw[key] is None:
            return None
        try:
            return parser(raw[key])
        except ValueError_ as exc:
            self.problem(self.value_loc(raw, key), str(exc), exc.hint or hint, str(raw[key]), exc.better)
            return None
        except ValueError as exc:
            self.problem(self.value_loc(raw, key), str(exc), hint)
            return None

    def timezone(self, raw: Map, key: str = "timezone", default: str | None = None) -> str | None:
        name = raw.get(key)
        if name is None:
            return default
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            better = _zone_like(name)
            self.problem(
                self.value_loc(raw, key),
                f"unknown time zone {shown(name)}",
                f"did you mean {better!r}?" if better else "use an IANA name such as 'America/Chicago'",
                str(name),
                better,
            )
            return default
        return name

    def date(self, raw: Map, key: str) -> dt.date | None:
        return self.parse(raw, key, lambda v: dt.date.fromisoformat(str(v)), "write a day that exists, as YYYY-MM-DD")

    def build(self) -> Playbook:
        data = self.data
        book = Playbook(id=str(data.get("playbook", "")), raw=data, template=bool(data.get("template", False)))
        if isinstance(data.get("sla_metrics"), Seq):
            book.sla_metrics = tuple(data["sla_metrics"])
        book.timezone = self.timezone(data, default="UTC") or "UTC"
        if isinstance(data.get("organisation"), Map):
            book.organisation = self.organisation(data["organisation"])
        for cid, raw in self.section("calendars"):
            book.calendars[cid] = self.calendar(cid, raw, book.timezone)
        for cid, raw in self.section("channels"):
            book.channels[cid] = self.channel(cid, raw)
        for rank, (pid, raw) in enumerate(self.section("priorities")):
            book.priorities[pid] = self.priority(pid, raw, rank)
        for pid, raw in self.section("sla"):
            book.sla[pid] = self.sla(pid, raw)
        self.first_replies(book)
        for index, raw in self.items("escalation"):
            book.escalation.append(self.edge(index, raw))
        for cid, raw in self.section("contacts"):
            book.contacts[cid] = self.contact(cid, raw)
        for tid, raw in self.section("teams"):
            book.teams[tid] = self.team(tid, raw)
        for index, raw in self.items("routing"):
            book.routing.append(self.route(index, raw))
        kpis = data.get("kpis")
        if isinstance(kpis, Map):
            for name, value in kpis.items():
                book.kpis[name] = self.kpi(name, value, kpis)
        for index, raw in self.items("alerts"):
            book.alerts.append(self.alert(index, raw))
        for rid, raw in self.section("rotas"):
            book.rotas[rid] = self.rota(rid, raw, book.timezone)
        for rid, raw in self.section("rooms"):
            book.rooms[rid] = self.room(rid, raw)
        book.staffing = self.optional("staffing", self.staffing)
        book.onboarding = self.optional("onboarding", self.onboarding)
        book.qa = self.optional("qa", self.qa)
        book.compliance = self.optional("compliance", self.compliance)
        book.closure = self.optional("closure", self.closure)
        for target, raw in self.section("helpdesk"):
            book.helpdesk[target] = self.helpdesk(target, raw)
        return book

    def section(self, name: str) -> list[tuple[str, Any]]:
        value = self.data.get(name)
        return list(value.items()) if isinstance(value, Map) else []

    def items(self, name: str) -> list[tuple[int, Map]]:
        value = self.data.get(name)
        return list(enumerate(value)) if isinstance(value, Seq) else []

    def optional(self, name: str, build: Any) -> Any:
        value = self.data.get(name)
        return build(value) if isinstance(value, Map) else None

    def organisation(self, raw: Map) -> Organisation:
        return Organisation(
            "organisation",
            raw,
            name=raw.get("name", ""),
            address=raw.get("address", ""),
            privacy_contact=raw.get("privacy_contact"),
            security_contact=raw.get("security_contact"),
            emergency_line=raw.get("emergency_line"),
            status_page=raw.get("status_page", ""),
            runbooks=raw.get("runbooks", ""),
        )

    def calendar(self, cid: str, raw: Any, default_tz: str) -> Calendar:
        if not isinstance(raw, Map):  # the schema allows only '24/7' here
            holder = self.data["calendars"]
            placeholder = Map()
            placeholder.loc = holder.value_loc(cid)
            return Calendar(cid, placeholder, always=True, timezone=default_tz)
        tz = self.timezone(raw, default=default_tz) or default_tz
        calendar = Calendar(cid, raw, timezone=tz, coverage=raw.get("coverage", ""))
        if isinstance(raw.get("weekly"), Map):
            calendar.windows = self.weekly(raw["weekly"])
        if isinstance(raw.get("regions"), Map):
            for name, region in raw["regions"].items():
                region_tz = self.timezone(region, default=tz) or tz
                windows = self.weekly(region["weekly"]) if isinstance(region.get("weekly"), Map) else []
                calendar.regions.append(Region(name, region_tz, windows, Location(*region.loc)))
        for index, item in enumerate(raw.get("holidays") or []):
            calendar.holidays.append(self.holiday(raw["holidays"], index, item))
        if "years" in raw:
            first, _, last = str(raw["years"]).partition("-")
            calendar.years = (int(first), int(last or first))
            if calendar.years[1] < calendar.years[0]:
                swapped = f"{calendar.years[1]}-{calendar.years[0]}"
                self.problem(
                    self.value_loc(raw, "years"),
                    f"year range {raw['years']!r} is inverted",
                    f"write the earlier year first: '{swapped}'",
                    str(raw["years"]),
                    swapped,
                )
            elif calendar.years[1] > LAST_YEAR:
                self.problem(
                    self.value_loc(raw, "years"),
                    f"year range {raw['years']!r} runs past {LAST_YEAR}, the last year a calendar can reach",
                    f"end the range by {LAST_YEAR}",
                )
                calendar.years = None
        for holiday in calendar.holidays:
            if holiday.date is not None and holiday.date.year > LAST_YEAR:
                self.problem(
                    holiday.loc,
                    f"holiday {holiday.date.isoformat()} is after {LAST_YEAR}, the last year a calendar can reach",
                    "correct the year",
                )
                holiday.date = None
        return calendar

    def weekly(self, raw: Map) -> list[Window]:
        windows: list[Window] = []
        for days, spec in raw.items():
            loc = Location(*raw.value_loc(days))
            try:
                day_list = parse_days(days)
            except ValueError:
                self.problem(
                    Location(*raw.key_loc(days)),
                    f"{days!r} is not a day or day range",
                    "use mon..sun, 'mon-fri' or 'daily'",
                )
                continue
            specs = [] if spec == "closed" else (list(spec) if isinstance(spec, list) else [spec])
            for index, text in enumerate(specs):
                where = Location(*spec.item_loc(index)) if isinstance(spec, Seq) else loc
                try:
                    start, end = parse_window(text)
                except ValueError_ as exc:
                    self.problem(where, str(exc), exc.hint or "write 'HH:MM-HH:MM', e.g. '09:00-17:30'")
                    continue
                windows.extend(Window(day, start, end, where) for day in day_list)
        return windows

    def holiday(self, holder: Seq, index: int, item: Any) -> Holiday:
        loc = Location(*holder.item_loc(index))
        if isinstance(item, Map):
            holiday = Holiday(
                loc, name=item.get("name", ""), country=item.get("country", ""), subdivision=item.get("subdivision", "")
            )
            if "date" in item:
                holiday.date = self.date(item, "date")
            if holiday.country and not self.known_region(item):
                holiday.country = ""
            return holiday
        try:
            return Holiday(loc, date=dt.date.fromisoformat(str(item)))
        except ValueError:
            self.problem(loc, f"{shown(item)} is not a date", "write a day that exists, as YYYY-MM-DD")
            return Holiday(loc)

    def known_region(self, item: Map) -> bool:
        """Whether the `holidays` package has public holidays for this country (and subdivision)."""
        import holidays  # ~50 ms; only playbooks with named holidays pay for it

        supported = holidays.list_supported_countries()
        country, subdivision = item["country"], item.get("subdivision")
        if country not in supported:
            self.problem(
                self.value_loc(item, "country"),
                f"no public holidays are known for country {country!r}",
                "use an ISO 3166 alpha-2 code such as 'US' or 'GB', or list the dates",
            )
            return False
        if subdivision and subdivision not in supported[country]:
            self.problem(
                self.value_loc(item, "subdivision"),
                f"{country} has no subdivision {shown(subdivision)}",
                "use one of " + ", ".join(supported[country][:12]) + (", ..." if len(supported[country]) > 12 else ""),
            )
            return False
        return True

    def duration(self, raw: Map, key: str) -> Duration | None:
        return self.parse(raw, key, parse_duration, "write a duration such as 15m, 1h30m, 3d or 1bd")

    def target(self, raw: Map, key: str) -> Target | None:
        return self.parse(raw, key, parse_target, "write a target such as '>= 92%', '78%-85%' or '7m-12m'")

    def channel(self, cid: str, raw: Map) -> Channel:
        kind = raw.get("type") or (cid if cid in CHANNEL_TYPES else "")
        if not kind:
            self.problem(
                Location(*raw.loc),
                f"channel {cid!r} does not say what kind of channel it is",
                "add 'type:' (one of " + ", ".join(CHANNEL_TYPES) + ")",
            )
        return Channel(
            cid,
            raw,
            type=kind,
            name=raw.get("name", cid),
            intake=self.duration(raw, "intake"),
            service_level=self.parse(raw, "service_level", parse_service_level, "write 'P% in T', e.g. '80% in 20s'"),
            first_reply=self.duration(raw, "first_reply"),
            abandon_rate=self.target(raw, "abandon_rate"),
            handle_time=self.target(raw, "handle_time"),
            concurrency=raw.get("concurrency", 1),
            calendar=raw.get("calendar"),
        )

    def priority(self, pid: str, raw: Map, rank: int) -> Priority:
        return Priority(
            pid,
            raw,
            rank=rank,
            title=raw.get("title", ""),
            definition=raw.get("definition", ""),
            examples=list(raw.get("examples") or []),
            calendar=raw.get("calendar"),
            hours=raw.get("hours"),
            levels=self.levels(raw),
            owner=raw.get("owner"),
            incident_commander=raw.get("incident_commander"),
            status_page=bool(raw.get("status_page", False)),
            page=bool(raw.get("page", False)),
            post=list(raw.get("post") or []),
        )

    def levels(self, raw: Map) -> dict[str, str | int]:
        found = {key: raw[key] for key in MOVED_LEVEL_KEYS if key in raw}
        found.update(raw.get("levels") or {})
        return found

    def sla_targets(self, raw: Map) -> dict[str, SlaTarget]:
        targets: dict[str, SlaTarget] = {}
        for metric in SLA_METRICS:
            if metric not in raw:
                continue
            value = raw[metric]
            hours = None
            holder, key = raw, metric
            if isinstance(value, Map):
                holder, key, hours = value, "target", value.get("hours")
            duration = self.duration(holder, key)
            if duration is not None:
                targets[metric] = SlaTarget(duration, hours, Location(*holder.value_loc(key)))
        return targets

    def sla(self, pid: str, raw: Map) -> Sla:
        sla = Sla(pid, raw, targets=self.sla_targets(raw))
        channels = raw.get("channels")
        if isinstance(channels, Map):
            for cid, override in channels.items():
                sla.channels[cid] = self.sla_targets(override)
                sla.channel_locs[cid] = Location(*channels.key_loc(cid))
        return sla

    def first_replies(self, book: Playbook) -> None:
        """A channel's `first_reply` is the acknowledge target there of every priority whose SLA sets none.

        Filled in here, located at the channel's `first_reply`, so that every rule and
        target sees the one effective target. It counts on each priority's own clock.
        """
        for cid, channel in book.channels.items():
            if channel.first_reply is None:
                continue
            target = SlaTarget(channel.first_reply, None, channel.where("first_reply"))
            for pid, priority in book.priorities.items():
                sla = book.sla.get(pid)
                if sla is None:
                    unwritten = Map()
                    unwritten.loc = priority.raw.loc
                    sla = book.sla[pid] = Sla(pid, unwritten)
                if sla.target("acknowledge", cid) is None:
                    sla.channels.setdefault(cid, {})["acknowledge"] = target

    def edge(self, index: int, raw: Map) -> Edge:
        return Edge(
            f"escalation[{index}]",
            raw,
            index=index,
            source=raw["from"],
            target=raw["to"],
            after=self.duration(raw, "after"),
            priorities=list(raw.get("priorities") or []),
            kind=raw.get("kind", "hierarchical"),
            when=raw.get("when", "unresolved"),
            note=raw.get("note", ""),
        )

    def contact(self, cid: str, raw: Map) -> Contact:
        return Contact(
            cid,
            raw,
            name=raw.get("name", cid),
            kind=raw.get("kind", "person"),
            title=raw.get("title", ""),
            email=raw.get("email", ""),
            phone=raw.get("phone", ""),
            on_call=bool(raw.get("on_call", False)),
            timezone=self.timezone(raw),
            available=raw.get("available"),
            verified=self.date(raw, "verified"),
            team=raw.get("team"),
            notes=raw.get("notes", ""),
        )

    def team(self, tid: str, raw: Map) -> Team:
        return Team(
            tid,
            raw,
            name=raw.get("name", tid),
            email=raw.get("email", ""),
            members=list(raw.get("members") or []),
            lead=raw.get("lead"),
            calendar=raw.get("calendar"),
            on_call=bool(raw.get("on_call", False)),
        )

    def route(self, index: int, raw: Map) -> Route:
        return Route(
            f"routing[{index}]",
            raw,
            index=index,
            category=raw.get("category"),
            tag=raw.get("tag"),
            channel=raw.get("channel"),
            default=bool(raw.get("default", False)),
            team=raw.get("team", ""),
            priority=raw.get("priority"),
            within=self.duration(raw, "within"),
        )

    def kpi(self, name: str, value: Any, holder: Map) -> Kpi:
        if isinstance(value, Map) and "target" in value:
            return Kpi(
                name,
                value,
                target=self.target(value, "target"),
                metric=value.get("metric"),
                priorities=list(value.get("priorities") or []),
                channels=list(value.get("channels") or []),
            )
        if isinstance(value, Map):
            per_channel = {cid: t for cid in value if (t := self.target(value, cid)) is not None}
            return Kpi(name, value, per_channel=per_channel)
        wrapper = Map()
        wrapper.loc = holder.value_loc(name)
        wrapper["target"] = value
        wrapper.locs["target"] = (*holder.key_loc(name), *holder.value_loc(name)[1:])
        return Kpi(name, wrapper, target=self.target(wrapper, "target"))

    def alert(self, index: int, raw: Map) -> Alert:
        return Alert(
            f"alerts[{index}]",
            raw,
            index=index,
            metric=raw.get("metric", ""),
            channel=raw.get("channel"),
            above=raw.get("above"),
            below=raw.get("below"),
            duration=self.duration(raw, "for"),
            intervals=raw.get("intervals"),
            notify=raw.get("notify", ""),
            post=list(raw.get("post") or []),
        )

    def rota(self, rid: str, raw: Map, default_tz: str) -> Rota:
        every = str(raw.get("every", ""))
        handoff = str(raw.get("handoff", "00:00"))
        hours, _, minutes = handoff.partition(":")
        return Rota(
            rid,
            raw,
            name=raw.get("name", rid),
            covers=raw.get("covers", ""),
            members=list(raw.get("members") or []),
            timezone=self.timezone(raw, default=default_tz) or default_tz,
            start=self.date(raw, "start"),
            handoff=int(hours) * 60 + int(minutes or 0),
            every=every,
            turn_seconds=int(every[:-1]) * TURN_UNITS[every[-1]] if every else 0,
        )

    def room(self, rid: str, raw: Map) -> Room:
        links = {
            target: RoomLink(str(raw[target]["channel"]), str(raw[target]["webhook"]).removeprefix("env:"))
            for target in ROOM_TARGETS
            if isinstance(raw.get(target), Map)
        }
        return Room(rid, raw, name=raw.get("name", rid), links=links, default=bool(raw.get("default", False)))

    def staffing(self, raw: Map) -> Staffing:
        staffing = Staffing(
            "staffing",
            raw,
            shrinkage=self.target(raw, "shrinkage"),
            occupancy=self.target(raw, "occupancy"),
            backup_ratio=raw.get("backup_ratio"),
        )
        coverage = raw.get("coverage")
        for index, item in enumerate(coverage or []):
            loc = Location(*coverage.item_loc(index))
            window = self.parse(item, "hours", parse_window, "write 'HH:MM-HH:MM'")
            if window is None:
                continue
            staffing.coverage.append(
                Coverage(
                    parse_days(item["days"]),
                    window[0],
                    window[1],
                    item["min"],
                    item.get("team"),
                    item.get("channel"),
                    loc,
                )
            )
        forecasts = raw.get("forecast")
        if isinstance(forecasts, Map):
            for cid, item in forecasts.items():
                staffing.forecast[cid] = self.forecast(cid, item)
        return staffing

    def forecast(self, cid: str, raw: Map) -> Forecast:
        forecast = Forecast(
            cid, raw, interval=self.duration(raw, "interval"), handle_time=self.duration(raw, "handle_time")
        )
        rows = raw.get("intervals") or []
        for index, row in enumerate(rows):
            loc = Location(*rows.item_loc(index))
            hours, _, minutes = str(row["start"]).partition(":")
            if int(hours) > 23 or int(minutes) > 59:
                self.problem(loc, f"{row['start']!r} is not a time of day", "write a time from 00:00 to 23:59")
                continue
            forecast.intervals.append(
                ForecastInterval(int(hours) * 60 + int(minutes), row["volume"], row.get("agents"), loc)
            )
        return forecast

    def onboarding(self, raw: Map) -> Onboarding:
        hint = "write hours as a number or a range such as '8-12'"
        onboarding = Onboarding("onboarding", raw, total_hours=self.parse(raw, "total_hours", parse_hours_range, hint))
        if isinstance(raw.get("total_hours_includes"), Seq):
            onboarding.total_includes = tuple(raw["total_hours_includes"])
        curriculum = raw.get("curriculum") or []
        for index, item in enumerate(curriculum):
            hours = self.parse(item, "hours", parse_hours_range, hint)
            if hours is not None:
                loc = Location(*curriculum.item_loc(index))
                onboarding.curriculum.append(Topic(item["topic"], hours, item.get("description", ""), loc))
        plan = raw.get("plan") or []
        for index, item in enumerate(plan):
            weeks = self.parse(item, "weeks", parse_hours_range, "write a week or a range such as '1-2'")
            if weeks is not None:
                loc = Location(*plan.item_loc(index))
                onboarding.plan.append(Phase((int(weeks[0]), int(weeks[1])), item["kind"], item.get("focus", ""), loc))
        ramp = raw.get("ramp") or []
        for index, item in enumerate(ramp):
            target = self.target(item, "productivity")
            if target is not None:
                onboarding.ramp.append((item["week"], target, Location(*ramp.item_loc(index))))
        onboarding.certification = list(raw.get("certification") or [])
        return onboarding

    def qa(self, raw: Map) -> Qa:
        qa = Qa(
            "qa",
            raw,
            evaluations_per_month=raw.get("evaluations_per_month"),
            calibration_variance=self.target(raw, "calibration_variance"),
        )
        rubric = raw.get("rubric") or []
        for index, item in enumerate(rubric):
            loc = Location(*rubric.item_loc(index))
            qa.rubric.append(RubricItem(item["item"], item["points"], item.get("description", ""), loc))
        return qa

    def compliance(self, raw: Map) -> Compliance:
        identity = raw.get("identity_verification", False)
        compliance = Compliance(
            "compliance",
            raw,
            card_redaction=bool(raw.get("card_redaction", False)),
            recording_retention=self.duration(raw, "recording_retention"),
            data_access_requests=self.duration(raw, "data_access_requests"),
            notes=list(raw.get("notes") or []),
        )
        if isinstance(identity, Map):
            compliance.identity_verification = bool(identity.get("required", True))
            compliance.identity_channels = list(identity.get("channels") or [])
            compliance.identity_method = identity.get("method", "")
        else:
            compliance.identity_verification = bool(identity)
        return compliance

    def closure(self, raw: Map) -> Closure:
        return Closure(
            "closure",
            raw,
            message=raw.get("message", ""),
            survey=raw.get("survey", ""),
            survey_after=self.duration(raw, "survey_after"),
        )

    def helpdesk(self, target: str, raw: Map) -> HelpdeskTarget:
        channels = raw.get("channels")
        return HelpdeskTarget(
            target,
            raw,
            channels={cid: list(codes) for cid, codes in channels.items()} if isinstance(channels, Map) else {},
            resolution_metric=raw.get("resolution_metric"),
            update_metric=raw.get("update_metric"),
            next_response=bool(raw.get("next_response", False)),
        )


def build(data: Map) -> tuple[Playbook, list[Finding]]:
    """Build the model from a schema-valid document; value problems come back as findings."""
    builder = _Builder(data)
    book = builder.build()
    return book, builder.findings
