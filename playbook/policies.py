"""Customer segments and SLA policies: who a ticket belongs to, and which targets hold for it.

A help desk runs an *ordered list* of SLA policies, each chosen by conditions on
the ticket (the first that matches wins), with its own clock and targets per
priority. This module is that part of the language: the types, the selectors
(`when:`), and how they are built from YAML. `playbook.model` holds the rest.

A **condition** tests one attribute of a ticket against a list of values and
holds when the ticket has any of them: `tags: [outage, emergency]` holds for a
ticket tagged either. A **selector** combines conditions and segments: the keys
of one mapping must all hold; `all: [...]` and `any: [...]` nest. A
**segment** is a named selector (`segments:`), written once and named by
policies and routing rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from playbook.entity import Entity, built
from playbook.findings import Location
from playbook.units import Duration, ValueError_, parse_duration, parse_service_level
from playbook.yamlload import Map, Seq

# What a condition can test, and what the words mean in messages. A ticket has
# several tags (and its organisation several), but one organisation, form, type,
# group, brand, channel and value per custom field.
ATTRIBUTES: dict[str, str] = {
    "tags": "tag",
    "organization_tags": "organization tag",
    "organizations": "organization",
    "forms": "ticket form",
    "types": "ticket type",
    "fields": "field",
    "groups": "group",
    "brands": "brand",
    "channels": "channel",
}
MULTI_VALUED = frozenset({"tags", "organization_tags"})

PLAN = "plan"  # a pseudo-dimension of the analysis (playbook.selection): a customer has one support plan
_BAND = re.compile(r"^\s*(\S+?)\s*-\s*(\S+)\s*$")
_EOD = re.compile(r"^eod(?:\+(\d+))?$")


# Conditions and selectors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One attribute of a ticket against values: holds when the ticket has any of `values`."""

    attribute: str  # a key of ATTRIBUTES
    values: tuple[str, ...]
    loc: Location = field(compare=False, hash=False)
    field_name: str = ""  # the custom field, for attribute "fields"

    @property
    def dimension(self) -> str:
        """What the condition tests: the attribute, or 'fields.NAME' for one custom field."""
        return f"fields.{self.field_name}" if self.attribute == "fields" else self.attribute

    def describe(self) -> str:
        values = " or ".join(self.values)
        if self.attribute == PLAN:
            return f"plan {values}"
        if self.attribute == "fields":
            return f"field {self.field_name} = {values}"
        return f"{ATTRIBUTES.get(self.attribute, self.attribute.replace('_', ' '))} {values}"


@dataclass(frozen=True)
class Selector:
    """A tree of conditions: 'all' and 'any' nodes, conditions, and named segments."""

    kind: str  # "all", "any", "condition" or "segment"
    loc: Location = field(compare=False, hash=False)
    children: tuple[Selector, ...] = ()
    condition: Condition | None = None
    segment: str = ""

    def segments(self) -> Iterator[tuple[str, Location]]:
        """Every segment named in the tree, with where."""
        if self.kind == "segment":
            yield self.segment, self.loc
        for child in self.children:
            yield from child.segments()

    def conditions(self) -> Iterator[Condition]:
        if self.condition is not None:
            yield self.condition
        for child in self.children:
            yield from child.conditions()

    def describe(self, top: bool = True) -> str:
        if self.kind == "segment":
            return f"segment {self.segment}"
        if self.kind == "condition":
            assert self.condition is not None
            return self.condition.describe()
        parts = [child.describe(False) for child in self.children]
        joined = (" and " if self.kind == "all" else " or ").join(parts)
        return joined if top or len(parts) == 1 else f"({joined})"


def resolve(selector: Selector, segments: dict[str, Segment]) -> Selector:
    """The selector with every segment replaced by its own conditions (an unknown one by an empty 'any': never)."""
    if selector.kind == "segment":
        segment = segments.get(selector.segment)
        return segment.selector() if segment is not None else Selector("any", selector.loc)
    if not selector.children:
        return selector
    return Selector(selector.kind, selector.loc, tuple(resolve(c, segments) for c in selector.children))


# Segments and policies --------------------------------------------------------------------------------------


@dataclass(eq=False)
class Segment(Entity):
    """A named group of customers or tickets (a support plan, a region, a form), recognised by its conditions."""

    title: str = ""
    description: str = ""
    match: str = "all"  # how its conditions combine
    tier: int | None = None  # 1 for the highest support plan, 2 for the next...
    conditions: list[Condition] = field(default_factory=list)

    def selector(self) -> Selector:
        leaves = tuple(Selector("condition", c.loc, condition=c) for c in self.conditions)
        return Selector(self.match, self.loc, leaves)


@dataclass(frozen=True)
class CalendarChoice:
    """The calendar of a policy: one, or one per value of a ticket field (with a default)."""

    default: str | None
    field_name: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # field value -> calendar id
    loc: Location | None = None

    def all(self) -> list[str]:
        """Every calendar the choice can name, default first."""
        found = [self.default] if self.default else []
        return list(dict.fromkeys(found + list(self.choices.values())))

    def values(self) -> list[str | None]:
        """None (the default calendar), then one field value for each other calendar the field can pick."""
        found: list[str | None] = [None]
        seen = {self.default}
        for value, calendar in self.choices.items():
            if self.field_name and calendar not in seen:
                seen.add(calendar)
                found.append(value)
        return found

    def pick(self, field_value: str | None) -> str | None:
        if self.field_name and field_value is not None and field_value in self.choices:
            return self.choices[field_value]
        return self.default


@dataclass(eq=False)
class SlaPolicy(Entity):
    """One SLA policy: which tickets (`when`; None for the fallback), its clock and targets per priority."""

    index: int = 0
    title: str = ""
    description: str = ""
    when: Selector | None = None
    overrides: list[str] = field(default_factory=list)  # later policies it deliberately takes precedence over
    overrides_all: bool = False  # `overrides: all`
    calendar: CalendarChoice | None = None
    hours: str | None = None  # business | calendar, as written
    targets: dict[str, Any] = built(factory=dict)  # priority id -> its playbook.model.Sla (no channels)

    @property
    def fallback(self) -> bool:
        return self.when is None

    def describe(self) -> str:
        return "every other ticket" if self.when is None else self.when.describe()


# Deadlines: bands and end of business day -------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A target as written: a duration, a band ('24h-72h') or the end of a business day ('eod', 'eod+1')."""

    duration: Duration  # the SLA target: the lower end of a band; for eod, one business day per day counted
    upper: Duration | None = None  # a band's upper end: the latest acceptable
    eod: int | None = None  # business days after the opening day's (0 for 'eod')
    percent: float | None = None  # an answer speed's share answered in time ('80% in 20s')


def parse_deadline(value: object) -> Deadline:
    """'4h', '24h-72h', 'eod', 'eod+1'. Raises ValueError_."""
    text = str(value).strip()
    eod = _EOD.match(text)
    if eod:
        days = int(eod.group(1) or 0)
        return Deadline(Duration(text, ((float(days + 1), "bd"),)), eod=days)
    band = _BAND.match(text)
    if band and not text[0].isalpha():
        low, high = parse_duration(band.group(1)), parse_duration(band.group(2))
        low = Duration(text, low.parts)  # as written, so messages quote the whole band
        return Deadline(low, upper=high)
    try:
        return Deadline(parse_duration(text))
    except ValueError_:
        raise ValueError_(f"{text!r} is not a deadline such as 4h, '24h-72h' (a band) or eod") from None


def parse_answer(value: object) -> Deadline:
    """An answer speed: '80% in 20s' or a duration (every contact answered within it). Raises ValueError_."""
    text = str(value).strip()
    if "%" in text:
        percent, seconds = parse_service_level(text)
        return Deadline(Duration(text, ((seconds, "s"),)), percent=percent)
    try:
        return Deadline(parse_duration(text))
    except ValueError_:
        raise ValueError_(f"{text!r} is not an answer speed such as '80% in 20s' or 60s") from None


# Building from YAML ---------------------------------------------------------------------------------------------


def _values(raw: Any) -> tuple[str, ...]:
    items = list(raw) if isinstance(raw, list) else [raw]
    return tuple(str(item) for item in items)


def conditions_in(raw: Map) -> list[Condition]:
    """The conditions written as keys of one mapping (a segment, or one level of a selector)."""
    found = []
    for key in ATTRIBUTES:
        if key not in raw:
            continue
        loc = Location(*raw.value_loc(key))
        if key == "fields" and isinstance(raw[key], Map):
            fields = raw[key]
            for name, value in fields.items():
                found.append(Condition("fields", _values(value), Location(*fields.value_loc(name)), str(name)))
        elif key != "fields":
            found.append(Condition(key, _values(raw[key]), loc))
    return found


def selector(raw: Any) -> Selector:
    """A `when:` mapping as a tree: its keys all hold; `segments`, `any` are alternatives."""
    loc = Location(*raw.loc) if isinstance(raw, (Map, Seq)) else Location("")
    parts: list[Selector] = [Selector("condition", c.loc, condition=c) for c in conditions_in(raw)]
    if "segment" in raw:
        parts.insert(0, Selector("segment", Location(*raw.value_loc("segment")), segment=str(raw["segment"])))
    if "segments" in raw:
        holder = raw["segments"]
        names = list(holder) if isinstance(holder, Seq) else [holder]
        options = tuple(
            Selector("segment", _item_loc(raw, "segments", index), segment=str(name))
            for index, name in enumerate(names)
        )
        parts.insert(0, Selector("any", Location(*raw.value_loc("segments")), options))
    for kind in ("all", "any"):
        if isinstance(raw.get(kind), Seq):
            children = tuple(selector(item) for item in raw[kind])
            parts.append(Selector(kind, Location(*raw.value_loc(kind)), children))
    if len(parts) == 1:
        return parts[0]
    return Selector("all", loc, tuple(parts))


def _item_loc(raw: Map, key: str, index: int) -> Location:
    holder = raw[key]
    return Location(*(holder.item_loc(index) if isinstance(holder, Seq) else raw.value_loc(key)))


def segment(sid: str, raw: Map) -> Segment:
    tier = raw.get("tier")
    return Segment(
        sid,
        raw,
        title=str(raw.get("title", sid)),
        description=str(raw.get("description", "")),
        match=str(raw.get("match", "all")),
        tier=int(tier) if isinstance(tier, int) and not isinstance(tier, bool) else None,
        conditions=conditions_in(raw),
    )


def calendar_choice(raw: Any, loc: Location) -> CalendarChoice:
    if isinstance(raw, Map):
        choose = raw.get("choose") or {}
        return CalendarChoice(
            str(raw["default"]) if raw.get("default") is not None else None,
            str(raw.get("field", "")),
            {str(value): str(cal) for value, cal in choose.items()},
            loc,
        )
    return CalendarChoice(str(raw), loc=loc)


def policy(builder: Any, index: int, raw: Map) -> SlaPolicy:
    """One entry of `sla_policies:`; `builder` reads its targets the way `sla:` entries are read."""
    calendar = None
    if raw.get("calendar") is not None:
        calendar = calendar_choice(raw["calendar"], Location(*raw.value_loc("calendar")))
    found = SlaPolicy(
        str(raw.get("id", f"sla_policies[{index}]")),
        raw,
        index=index,
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        when=selector(raw["when"]) if isinstance(raw.get("when"), Map) else None,
        overrides=[str(o) for o in raw.get("overrides") or []] if raw.get("overrides") != "all" else [],
        overrides_all=raw.get("overrides") == "all",
        calendar=calendar,
        hours=raw.get("hours"),
    )
    targets = raw.get("targets")
    if isinstance(targets, Map):
        for pid, cell in targets.items():
            if isinstance(cell, Map):
                found.targets[str(pid)] = builder.sla_entry(str(pid), cell)
    return found
