"""Every id a playbook refers to must be defined: the checks targets rely on.

Where ids are referred to is one table, REFERENCES: (section, field, kind). A
field holds one id, a list of ids, or a mapping keyed by ids; its location in
the YAML comes from the model's declaration of the field (`read_fields`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from compiler.check.schema import closest
from playbook.build import read_fields
from playbook.entity import Entity
from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.model import Playbook
from playbook.policies import Condition, SlaPolicy
from playbook.yamlload import Map

_KIND_WORDS = {
    "calendars": "calendar",
    "channels": "channel",
    "priorities": "priority",
    "contacts": "contact",
    "teams": "team",
    "nodes": "contact or team",
    "rooms": "room",
    "segments": "segment",
    "policies": "SLA policy",
}

# (section, field, kind): the field of every entity of the section names ids of that kind.
# "playbook" is the top level; "nodes" are contacts and teams (escalation ends).
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("organisation", "privacy_contact", "contacts"),
    ("organisation", "security_contact", "contacts"),
    ("organisation", "emergency_line", "contacts"),
    ("channels", "calendar", "calendars"),
    ("priorities", "calendar", "calendars"),
    ("priorities", "owner", "nodes"),
    ("priorities", "incident_commander", "nodes"),
    ("priorities", "post", "rooms"),
    ("playbook", "sla", "priorities"),
    ("sla", "channels", "channels"),
    ("escalation", "source", "nodes"),
    ("escalation", "target", "nodes"),
    ("escalation", "priorities", "priorities"),
    ("escalation", "segments", "segments"),
    ("contacts", "available", "calendars"),
    ("contacts", "team", "teams"),
    ("teams", "members", "contacts"),
    ("teams", "lead", "contacts"),
    ("teams", "calendar", "calendars"),
    ("routing", "team", "teams"),
    ("routing", "channel", "channels"),
    ("routing", "priority", "priorities"),
    ("routing", "segment", "segments"),
    ("kpis", "priorities", "priorities"),
    ("kpis", "channels", "channels"),
    ("kpis", "per_channel", "channels"),
    ("alerts", "channel", "channels"),
    ("alerts", "notify", "nodes"),
    ("alerts", "post", "rooms"),
    ("staffing.coverage", "team", "teams"),
    ("staffing.coverage", "channel", "channels"),
    ("staffing", "forecast", "channels"),
    ("helpdesk", "channels", "channels"),
    ("onboarding", "certification", "channels"),
    ("compliance", "identity_channels", "channels"),
    ("rotas", "covers", "nodes"),
    ("rotas", "members", "contacts"),
    ("staffing.shifts", "team", "teams"),
    ("cadences", "calendar", "calendars"),
    ("cadences", "owner", "nodes"),
    ("sla_policies", "overrides", "policies"),
    ("sla_policies", "targets", "priorities"),
)
# YAML paths of fields the builder assembles (their declaration names no key).
_PATHS = {("compliance", "identity_channels"): ("identity_verification", "channels")}

_SECTIONS: dict[str, Callable[[Playbook], Iterable[Any]]] = {
    "playbook": lambda book: [book],
    "organisation": lambda book: [book.organisation] if book.organisation else [],
    "channels": lambda book: book.channels.values(),
    "priorities": lambda book: book.priorities.values(),
    "sla": lambda book: book.sla.values(),
    "escalation": lambda book: book.escalation,
    "contacts": lambda book: book.contacts.values(),
    "teams": lambda book: book.teams.values(),
    "routing": lambda book: book.routing,
    "kpis": lambda book: book.kpis.values(),
    "alerts": lambda book: book.alerts,
    "staffing.coverage": lambda book: book.staffing.coverage if book.staffing else [],
    "staffing": lambda book: [book.staffing] if book.staffing else [],
    "helpdesk": lambda book: book.helpdesk.values(),
    "onboarding": lambda book: [book.onboarding] if book.onboarding else [],
    "compliance": lambda book: [book.compliance] if book.compliance else [],
    "rotas": lambda book: book.rotas.values(),
    "staffing.shifts": lambda book: book.staffing.shifts if book.staffing else [],
    "cadences": lambda book: book.cadences.values(),
    "sla_policies": lambda book: book.policies,
}


# Where each kind of id is defined (a contact-or-team reference may name either).
_DEFINED_UNDER = {"nodes": "'contacts:' or 'teams:'", "policies": "'sla_policies:' (an entry's 'id')"}
_PLURALS = {"nodes": "contacts and teams", "policies": "SLA policies"}


def _unknown(kind: str, name: str, loc: Location, known: Iterable[str]) -> Finding:
    word = _KIND_WORDS[kind]
    better = closest(name, known)
    if better is not None:
        hint, fix = f"did you mean {better!r}?", (Edit(loc, name, better),)
    else:
        listed = ", ".join(sorted(known)[:12]) + (", ..." if len(list(known)) > 12 else "")
        hint = f"define {shown(name)} under {_DEFINED_UNDER.get(kind, repr(kind + ':'))}" + (
            f", or use one of the {_PLURALS.get(kind, kind)} defined: {listed}" if listed else ""
        )
        fix = ()
    return Finding("PB102", "unknown-reference", Severity.ERROR, f"unknown {word} {shown(name)}", loc, hint, (), fix)


def _case_twins(book: Playbook) -> Iterator[Finding]:
    """Ids of one kind that differ only in case: help desks, file names and people read them as one."""
    groups = (("calendars",), ("channels",), ("priorities",), ("contacts", "teams"))
    for sections in groups:
        seen: dict[str, tuple[str, Location]] = {}
        for section in sections:
            holder = book.raw.get(section)
            if not isinstance(holder, Map):
                continue
            for key in holder:
                loc = Location(*holder.key_loc(key))
                first = seen.setdefault(str(key).casefold(), (str(key), loc))
                if first[0] != key:
                    yield Finding(
                        "PB002",
                        "duplicate-key",
                        Severity.ERROR,
                        f"{key!r} and {first[0]!r} differ only in case; help desks and file names treat them as one",
                        loc,
                        "rename one of them so that the ids differ in more than case",
                        ((first[1], "first defined here"),),
                    )


def check(book: Playbook) -> list[Finding]:
    """Findings for references that do not resolve and ids used twice."""
    return list(_check(book))


def _check(book: Playbook) -> Iterator[Finding]:
    spaces = {
        "calendars": set(book.calendars),
        "channels": set(book.channels),
        "priorities": set(book.priorities),
        "contacts": set(book.contacts),
        "teams": set(book.teams),
        "nodes": set(book.contacts) | set(book.teams),
        "rooms": set(book.rooms),
        "segments": set(book.segments),
        "policies": {p.id for p in book.policies},
    }
    yield from _case_twins(book)
    yield from _contact_and_team(book, spaces)
    for section in dict.fromkeys(section for section, _, _ in REFERENCES):
        rows = [(field, kind) for s, field, kind in REFERENCES if s == section]
        for entity in _SECTIONS[section](book):
            for field, kind in rows:
                for name, loc in _ids(section, entity, field):
                    if name not in spaces[kind]:
                        yield _unknown(kind, name, loc(), spaces[kind])
    yield from _covered_twice(book)
    yield from _policy_references(book, spaces)


def _contact_and_team(book: Playbook, spaces: dict[str, set[str]]) -> Iterator[Finding]:
    for both in sorted(spaces["contacts"] & spaces["teams"]):
        yield Finding(
            "PB102",
            "unknown-reference",
            Severity.ERROR,
            f"{both!r} is both a contact and a team, so escalation steps cannot tell which is meant",
            book.teams[both].loc,
            "rename the team or the contact",
            ((book.contacts[both].loc, "the contact"),),
        )


def _ids(section: str, entity: Any, field: str) -> Iterator[tuple[str, Callable[[], Location]]]:
    """(id, where it is written) for each id in the field; the location is only worked out when needed."""
    value = getattr(entity, field)
    if value is None:
        return
    raw = getattr(entity, "raw", None)
    if raw is None:  # a row of a table (staffing coverage): the row is the place
        yield value, lambda: entity.loc
        return
    path = _PATHS.get((section, field)) or (_yaml_key(entity, field),)
    holder = raw
    for key in path:
        holder = holder.get(key) if hasattr(holder, "get") else None
    if isinstance(value, dict):
        where = holder if hasattr(holder, "key_loc") else raw
        for name in value:
            yield name, lambda name=name: Location(*where.key_loc(name))
    elif isinstance(value, list):
        for index, name in enumerate(value):
            if hasattr(holder, "item_loc"):
                yield name, lambda index=index: Location(*holder.item_loc(index))
            else:
                yield name, lambda: entity.where(path[0])
    else:
        yield value, lambda: entity.where(path[0])


def _yaml_key(entity: Any, field: str) -> str:
    if isinstance(entity, Entity):
        return next((spec.key for spec in read_fields(type(entity)) if spec.name == field), field)
    return field


def _covered_twice(book: Playbook) -> Iterator[Finding]:
    covered: dict[str, str] = {}
    for rota in book.rotas.values():
        if rota.covers in covered:
            other = book.rotas[covered[rota.covers]]
            yield Finding(
                "PB102",
                "unknown-reference",
                Severity.ERROR,
                f"{rota.covers!r} is covered by two rotas, {other.id!r} and {rota.id!r}: who is on call is unclear",
                rota.where("covers"),
                "merge them into one rota (members in turn order), or cover another contact or team",
                ((other.where("covers"), "the other rota"),),
            )
        covered.setdefault(rota.covers, rota.id)


def _policy_references(book: Playbook, spaces: dict[str, set[str]]) -> Iterator[Finding]:
    """What segments and SLA policies name in their conditions and calendars must exist; policy ids once each."""

    def unknown(kind: str, name: str | None, loc: Location) -> Iterator[Finding]:
        if name is not None and name not in spaces[kind]:
            yield _unknown(kind, name, loc, spaces[kind])

    def conditions(found: Iterable[Condition]) -> Iterator[Finding]:
        for condition in found:
            kind = {"groups": "teams", "channels": "channels"}.get(condition.attribute)
            for value in condition.values if kind else ():
                yield from unknown(kind, value, condition.loc)

    for segment in book.segments.values():
        yield from conditions(segment.conditions)
    seen: dict[str, SlaPolicy] = {}
    for policy in book.policies:
        if policy.id in seen:
            yield Finding(
                "PB102",
                "unknown-reference",
                Severity.ERROR,
                f"SLA policy id {policy.id!r} is used twice, so diffs and runbooks cannot tell the policies apart",
                policy.where("id"),
                "give each SLA policy its own id",
                ((seen[policy.id].where("id"), "the first policy with this id"),),
            )
        seen.setdefault(policy.id, policy)
        if policy.when is not None:
            for name, loc in policy.when.segments():
                yield from unknown("segments", name, loc)
            yield from conditions(policy.when.conditions())
        if policy.calendar is not None:
            for name in policy.calendar.all():
                yield from unknown("calendars", name, policy.calendar.loc or policy.where("calendar"))
    freshdesk = book.helpdesk.get("freshdesk")
    if freshdesk is not None and isinstance(freshdesk.raw.get("segments"), Map):
        stand_ins = freshdesk.raw["segments"]
        for sid in stand_ins:
            yield from unknown("segments", sid, Location(*stand_ins.key_loc(sid)))
