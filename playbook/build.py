"""Build the typed model (`playbook.model`) from a schema-valid document.

Fields are read from the model's declarations (`read_fields`): a new field of an
entity is one line in its dataclass. Only what one YAML key cannot say is built
by hand below (calendars, SLA overrides, KPIs, staffing tables...). Values the
schema cannot judge (a time zone name, 25:00, an inverted range) are parsed
here; problems become findings (PB101), never exceptions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from playbook import buildsla, model, operations, units
from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.timemath import MACHINE_ZONES, known_zone, zone_like
from playbook.units import ValueError_, parse_days, parse_window
from playbook.yamlload import Map, Seq

_MACHINE_ZONE = ": this name means whatever zone the machine is set to, so the hours would move with it"

# How a declared field is read: (parser, hint for a value it refuses). Types pick the first four.
PARSERS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "duration": (units.parse_duration, "write a duration such as 15m, 1h30m, 3d or 1bd"),
    "target": (units.parse_target, "write a target such as '>= 92%', '78%-85%' or '7m-12m'"),
    "date": (lambda v: dt.date.fromisoformat(str(v)), "write a day that exists, as YYYY-MM-DD"),
    "service_level": (units.parse_service_level, "write 'P% in T', e.g. '80% in 20s'"),
    "hours_range": (units.parse_hours_range, "write hours as a number or a range such as '8-12'"),
}
_BY_TYPE = {"Duration | None": "duration", "Target | None": "target", "dt.date | None": "date", "bool": "bool"}


# Read in this order, after the SLA section: mappings by id or lists, each entity from its declared fields.
_PLAIN_SECTIONS = (
    ("escalation", model.Edge),
    ("contacts", model.Contact),
    ("teams", model.Team),
    ("routing", model.Route),
)


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    key: str
    kind: str  # a PARSERS key, "timezone", "bool", "list" or "" (the value as written)
    default: Any
    id_default: bool


@functools.cache
def read_fields(cls: type[model.Entity]) -> tuple[_Field, ...]:
    """The fields of an entity class that come from one YAML key each, and how to read them."""
    found = []
    for spec in dataclasses.fields(cls):
        if spec.name in ("id", "raw") or spec.metadata.get("built"):
            continue
        annotation = str(spec.type)
        kind = spec.metadata.get("parse") or _BY_TYPE.get(annotation, "")
        if annotation.startswith("list["):
            kind = "list"
        assert not annotation.startswith("dict["), f"{cls.__name__}.{spec.name}: a mapping needs built()"
        default = spec.default if spec.default is not dataclasses.MISSING else None
        key = spec.metadata.get("key") or spec.name
        found.append(_Field(spec.name, key, kind, default, bool(spec.metadata.get("id_default"))))
    return tuple(found)


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

    def entity(self, cls: type[Any], eid: str, raw: Map, **built: Any) -> Any:
        """An entity with every declared field read from `raw`, plus the `built` ones."""
        values = {spec.name: self.read(raw, spec, eid) for spec in read_fields(cls)}
        return cls(eid, raw, **values, **built)

    def read(self, raw: Map, spec: _Field, eid: str) -> Any:
        if spec.kind == "":
            return raw.get(spec.key, eid if spec.id_default else spec.default)
        if spec.kind == "bool":
            return bool(raw.get(spec.key, spec.default or False))
        if spec.kind == "list":
            return list(raw.get(spec.key) or [])
        if spec.kind == "timezone":
            return self.timezone(raw, spec.key)
        return self.parse(raw, spec.key, *PARSERS[spec.kind])

    def timezone(self, raw: Map, key: str = "timezone", default: str | None = None) -> str | None:
        name = raw.get(key)
        if name is None:
            return default
        if not known_zone(name):
            better = zone_like(name)
            self.problem(
                self.value_loc(raw, key),
                f"unknown time zone {shown(name)}",
                f"did you mean {better!r}?"
                if better
                else f"use an IANA name such as 'America/Chicago'{_MACHINE_ZONE if str(name) in MACHINE_ZONES else ''}",
                str(name),
                better,
            )
            return default
        return name

    def duration(self, raw: Map, key: str) -> Any:
        return self.parse(raw, key, *PARSERS["duration"])

    def target(self, raw: Map, key: str) -> Any:
        return self.parse(raw, key, *PARSERS["target"])

    def build(self) -> model.Playbook:
        data = self.data
        book = model.Playbook(id=str(data.get("playbook", "")), raw=data, template=bool(data.get("template", False)))
        if isinstance(data.get("sla_metrics"), Seq):
            book.sla_metrics = tuple(data["sla_metrics"])
        book.timezone = self.timezone(data, default="UTC") or "UTC"
        if isinstance(data.get("organisation"), Map):
            book.organisation = self.entity(model.Organisation, "organisation", data["organisation"])
        for cid, raw in self.section("calendars"):
            book.calendars[cid] = self.calendar(cid, raw, book.timezone)
        for cid, raw in self.section("channels"):
            book.channels[cid] = self.channel(cid, raw)
        for rank, (pid, raw) in enumerate(self.section("priorities")):
            book.priorities[pid] = self.entity(model.Priority, pid, raw, rank=rank, levels=self.levels(raw))
        for pid, raw in self.section("sla"):
            book.sla[pid] = self.sla(pid, raw)
        self.first_replies(book)
        for name, cls in _PLAIN_SECTIONS:
            self.plain_section(book, name, cls)
        kpis = data.get("kpis")
        if isinstance(kpis, Map):
            for name, value in kpis.items():
                book.kpis[name] = self.kpi(name, value, kpis)
        self.plain_section(book, "alerts", model.Alert)
        for rid, raw in self.section("rotas"):
            book.rotas[rid] = self.rota(rid, raw, book.timezone)
        for rid, raw in self.section("rooms"):
            book.rooms[rid] = self.room(rid, raw)
        book.staffing = self.optional("staffing", self.staffing)
        book.onboarding = self.optional("onboarding", self.onboarding)
        book.qa = self.optional("qa", self.qa)
        book.compliance = self.optional("compliance", self.compliance)
        book.closure = self.optional("closure", lambda raw: self.entity(model.Closure, "closure", raw))
        for target, raw in self.section("helpdesk"):
            book.helpdesk[target] = self.helpdesk(target, raw)
        buildsla.sections(self, book)
        return book

    def plain_section(self, book: model.Playbook, name: str, cls: type[model.Entity]) -> None:
        """A section whose entities need no code of their own: by id (a mapping) or by position (a list)."""
        if isinstance(self.data.get(name), Seq):
            getattr(book, name).extend(self.entity(cls, f"{name}[{i}]", raw, index=i) for i, raw in self.items(name))
        for eid, raw in self.section(name):
            getattr(book, name)[eid] = self.entity(cls, eid, raw)

    def section(self, name: str) -> list[tuple[str, Any]]:
        value = self.data.get(name)
        return list(value.items()) if isinstance(value, Map) else []

    def items(self, name: str) -> list[tuple[int, Map]]:
        value = self.data.get(name)
        return list(enumerate(value)) if isinstance(value, Seq) else []

    def optional(self, name: str, build: Any) -> Any:
        value = self.data.get(name)
        return build(value) if isinstance(value, Map) else None

    def calendar(self, cid: str, raw: Any, default_tz: str) -> model.Calendar:
        if not isinstance(raw, Map):  # the schema allows only '24/7' here
            holder = self.data["calendars"]
            placeholder = Map()
            placeholder.loc = holder.value_loc(cid)
            return model.Calendar(cid, placeholder, always=True, timezone=default_tz)
        tz = self.timezone(raw, default=default_tz) or default_tz
        calendar: model.Calendar = self.entity(model.Calendar, cid, raw, timezone=tz)
        if isinstance(raw.get("weekly"), Map):
            calendar.windows = self.weekly(raw["weekly"])
        if isinstance(raw.get("regions"), Map):
            for name, region in raw["regions"].items():
                region_tz = self.timezone(region, default=tz) or tz
                windows = self.weekly(region["weekly"]) if isinstance(region.get("weekly"), Map) else []
                calendar.regions.append(model.Region(name, region_tz, windows, Location(*region.loc)))
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
            elif calendar.years[1] > model.LAST_YEAR:
                self.problem(
                    self.value_loc(raw, "years"),
                    f"year range {raw['years']!r} runs past {model.LAST_YEAR}, the last year a calendar can reach",
                    f"end the range by {model.LAST_YEAR}",
                )
                calendar.years = None
        for holiday in calendar.holidays:
            if holiday.date is not None and holiday.date.year > model.LAST_YEAR:
                last = model.LAST_YEAR
                self.problem(
                    holiday.loc,
                    f"holiday {holiday.date.isoformat()} is after {last}, the last year a calendar can reach",
                    "correct the year",
                )
                holiday.date = None
        return calendar

    def weekly(self, raw: Map) -> list[model.Window]:
        windows: list[model.Window] = []
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
                windows.extend(model.Window(day, start, end, where) for day in day_list)
        return windows

    def holiday(self, holder: Seq, index: int, item: Any) -> model.Holiday:
        loc = Location(*holder.item_loc(index))
        if isinstance(item, Map):
            holiday = model.Holiday(
                loc, name=item.get("name", ""), country=item.get("country", ""), subdivision=item.get("subdivision", "")
            )
            if "date" in item:
                holiday.date = self.parse(item, "date", *PARSERS["date"])
            if holiday.country and not self.known_region(item):
                holiday.country = ""
            return holiday
        try:
            return model.Holiday(loc, date=dt.date.fromisoformat(str(item)))
        except ValueError:
            self.problem(loc, f"{shown(item)} is not a date", "write a day that exists, as YYYY-MM-DD")
            return model.Holiday(loc)

    def known_region(self, item: Map) -> bool:
        """Whether the `holidays` package has public holidays for this country (and subdivision)."""
        from playbook import publicholidays  # only playbooks with named holidays pay for it

        country, subdivision = item["country"], item.get("subdivision")
        if not publicholidays.is_country(country):
            self.problem(
                self.value_loc(item, "country"),
                f"no public holidays are known for country {country!r}",
                "use an ISO 3166 alpha-2 code such as 'US' or 'GB', or list the dates",
            )
            return False
        known = publicholidays.subdivisions(country) if subdivision else []
        if subdivision and subdivision not in known:
            self.problem(
                self.value_loc(item, "subdivision"),
                f"{country} has no subdivision {shown(subdivision)}",
                "use one of " + ", ".join(known[:12]) + (", ..." if len(known) > 12 else ""),
            )
            return False
        return True

    def channel(self, cid: str, raw: Map) -> model.Channel:
        kind = raw.get("type") or (cid if cid in model.CHANNEL_TYPES else "")
        if not kind:
            self.problem(
                Location(*raw.loc),
                f"channel {cid!r} does not say what kind of channel it is",
                "add 'type:' (one of " + ", ".join(model.CHANNEL_TYPES) + ")",
            )
        return self.entity(model.Channel, cid, raw, type=kind)

    def levels(self, raw: Map) -> dict[str, str | int]:
        found = {key: raw[key] for key in model.MOVED_LEVEL_KEYS if key in raw}
        found.update(raw.get("levels") or {})
        return found

    def sla_targets(self, raw: Map) -> dict[str, model.SlaTarget]:
        return buildsla.sla_targets(self, raw)

    def sla_entry(self, pid: str, raw: Map) -> model.Sla:
        """One priority's targets in an SLA policy (no channel overrides there)."""
        return model.Sla(pid, raw, targets=self.sla_targets(raw))

    def sla(self, pid: str, raw: Map) -> model.Sla:
        sla = model.Sla(pid, raw, targets=self.sla_targets(raw))
        channels = raw.get("channels")
        if isinstance(channels, Map):
            for cid, override in channels.items():
                sla.channels[cid] = self.sla_targets(override)
                sla.channel_locs[cid] = Location(*channels.key_loc(cid))
        return sla

    def first_replies(self, book: model.Playbook) -> None:
        """A channel's `first_reply` is the acknowledge target there of every priority whose SLA sets none.

        Filled in here, located at the channel's `first_reply`, so that every rule and
        target sees the one effective target. It counts on each priority's own clock.
        """
        for cid, channel in book.channels.items():
            if channel.first_reply is None:
                continue
            target = model.SlaTarget(channel.first_reply, None, channel.where("first_reply"))
            for pid, priority in book.priorities.items():
                sla = book.sla.get(pid)
                if sla is None:
                    unwritten = Map()
                    unwritten.loc = priority.raw.loc
                    sla = book.sla[pid] = model.Sla(pid, unwritten)
                if sla.target("acknowledge", cid) is None:
                    sla.channels.setdefault(cid, {})["acknowledge"] = target

    def kpi(self, name: str, value: Any, holder: Map) -> model.Kpi:
        if isinstance(value, Map) and "target" in value:
            return model.Kpi(
                name,
                value,
                target=self.target(value, "target"),
                metric=value.get("metric"),
                priorities=list(value.get("priorities") or []),
                channels=list(value.get("channels") or []),
            )
        if isinstance(value, Map):
            per_channel = {cid: t for cid in value if (t := self.target(value, cid)) is not None}
            return model.Kpi(name, value, per_channel=per_channel)
        wrapper = Map()
        wrapper.loc = holder.value_loc(name)
        wrapper["target"] = value
        wrapper.locs["target"] = (*holder.key_loc(name), *holder.value_loc(name)[1:])
        return model.Kpi(name, wrapper, target=self.target(wrapper, "target"))

    def staffing(self, raw: Map) -> model.Staffing:
        staffing: model.Staffing = self.entity(model.Staffing, "staffing", raw)
        staffing.shifts, staffing.handover = operations.shifts(self, raw), operations.handover(self, raw)
        coverage = raw.get("coverage")
        for index, item in enumerate(coverage or []):
            loc = Location(*coverage.item_loc(index))
            window = self.parse(item, "hours", parse_window, "write 'HH:MM-HH:MM'")
            if window is None:
                continue
            staffing.coverage.append(
                model.Coverage(
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

    def forecast(self, cid: str, raw: Map) -> model.Forecast:
        forecast: model.Forecast = self.entity(model.Forecast, cid, raw)
        rows = raw.get("intervals") or []
        for index, row in enumerate(rows):
            loc = Location(*rows.item_loc(index))
            hours, _, minutes = str(row["start"]).partition(":")
            if int(hours) > 23 or int(minutes) > 59:
                self.problem(loc, f"{row['start']!r} is not a time of day", "write a time from 00:00 to 23:59")
                continue
            forecast.intervals.append(
                model.ForecastInterval(int(hours) * 60 + int(minutes), row["volume"], row.get("agents"), loc)
            )
        return forecast

    def onboarding(self, raw: Map) -> model.Onboarding:
        parse_hours, hint = PARSERS["hours_range"]
        onboarding: model.Onboarding = self.entity(model.Onboarding, "onboarding", raw)
        if isinstance(raw.get("total_hours_includes"), Seq):
            onboarding.total_includes = tuple(raw["total_hours_includes"])
        curriculum = raw.get("curriculum") or []
        for index, item in enumerate(curriculum):
            hours = self.parse(item, "hours", parse_hours, hint)
            if hours is not None:
                loc = Location(*curriculum.item_loc(index))
                onboarding.curriculum.append(model.Topic(item["topic"], hours, item.get("description", ""), loc))
        plan = raw.get("plan") or []
        for index, item in enumerate(plan):
            weeks = self.parse(item, "weeks", parse_hours, "write a week or a range such as '1-2'")
            if weeks is not None:
                loc = Location(*plan.item_loc(index))
                onboarding.plan.append(
                    model.Phase((int(weeks[0]), int(weeks[1])), item["kind"], item.get("focus", ""), loc)
                )
        ramp = raw.get("ramp") or []
        for index, item in enumerate(ramp):
            target = self.target(item, "productivity")
            if target is not None:
                onboarding.ramp.append((item["week"], target, Location(*ramp.item_loc(index))))
        return onboarding

    def qa(self, raw: Map) -> model.Qa:
        qa: model.Qa = self.entity(model.Qa, "qa", raw)
        qa.sampling = operations.sampling(self, raw)
        rubric = raw.get("rubric") or []
        for index, item in enumerate(rubric):
            loc = Location(*rubric.item_loc(index))
            qa.rubric.append(model.RubricItem(item["item"], item["points"], item.get("description", ""), loc))
        return qa

    def compliance(self, raw: Map) -> model.Compliance:
        identity = raw.get("identity_verification", False)
        compliance: model.Compliance = self.entity(model.Compliance, "compliance", raw)
        if isinstance(identity, Map):
            compliance.identity_verification = bool(identity.get("required", True))
            compliance.identity_channels = list(identity.get("channels") or [])
            compliance.identity_method = identity.get("method", "")
        else:
            compliance.identity_verification = bool(identity)
        return compliance

    def rota(self, rid: str, raw: Map, default_tz: str) -> model.Rota:
        every = str(raw.get("every", ""))
        hours, _, minutes = str(raw.get("handoff", "00:00")).partition(":")
        return self.entity(
            model.Rota,
            rid,
            raw,
            timezone=self.timezone(raw, default=default_tz) or default_tz,
            handoff=int(hours) * 60 + int(minutes or 0),
            every=every,
            turn_seconds=int(every[:-1]) * model.TURN_UNITS[every[-1]] if every else 0,
        )

    def room(self, rid: str, raw: Map) -> model.Room:
        links = {
            target: model.RoomLink(str(raw[target]["channel"]), str(raw[target]["webhook"]).removeprefix("env:"))
            for target in model.ROOM_TARGETS
            if isinstance(raw.get(target), Map)
        }
        return self.entity(model.Room, rid, raw, links=links)

    def helpdesk(self, target: str, raw: Map) -> model.HelpdeskTarget:
        channels = raw.get("channels")
        codes = {cid: list(found) for cid, found in channels.items()} if isinstance(channels, Map) else {}
        return self.entity(model.HelpdeskTarget, target, raw, channels=codes)


def build(data: Map) -> tuple[model.Playbook, list[Finding]]:
    """Build the model from a schema-valid document; value problems come back as findings."""
    builder = _Builder(data)
    book = builder.build()
    return book, builder.findings
