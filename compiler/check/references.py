"""Every id a playbook refers to must be defined: the checks targets rely on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from compiler.check.schema import closest
from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.model import Entity, Playbook
from playbook.yamlload import Map

_KIND_WORDS = {
    "calendars": "calendar",
    "channels": "channel",
    "priorities": "priority",
    "contacts": "contact",
    "teams": "team",
    "nodes": "contact or team",
    "rooms": "room",
}


# Where each kind of id is defined (a contact-or-team reference may name either).
_SECTIONS = {"nodes": "'contacts:' or 'teams:'"}


def _unknown(kind: str, name: str, loc: Location, known: Iterable[str]) -> Finding:
    word = _KIND_WORDS[kind]
    better = closest(name, known)
    if better is not None:
        hint, fix = f"did you mean {better!r}?", (Edit(loc, name, better),)
    else:
        listed = ", ".join(sorted(known)[:12]) + (", ..." if len(list(known)) > 12 else "")
        hint = f"define {shown(name)} under {_SECTIONS.get(kind, repr(kind + ':'))}" + (
            f", or use one of the {kind if kind != 'nodes' else 'contacts and teams'} defined: {listed}"
            if listed
            else ""
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
    }

    def ref(kind: str, name: str | None, entity: Entity | Playbook, key: str) -> Iterator[Finding]:
        if name is not None and name not in spaces[kind]:
            yield _unknown(kind, name, entity.where(key), spaces[kind])

    def refs(kind: str, names: list[str], entity: Entity, key: str) -> Iterator[Finding]:
        holder = entity.raw.get(key)
        for index, name in enumerate(names):
            if name not in spaces[kind]:
                loc = Location(*holder.item_loc(index)) if hasattr(holder, "item_loc") else entity.where(key)
                yield _unknown(kind, name, loc, spaces[kind])

    yield from _case_twins(book)
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
    if book.organisation:
        for key in ("privacy_contact", "security_contact", "emergency_line"):
            yield from ref("contacts", getattr(book.organisation, key), book.organisation, key)
    for channel in book.channels.values():
        yield from ref("calendars", channel.calendar, channel, "calendar")
    for priority in book.priorities.values():
        yield from ref("calendars", priority.calendar, priority, "calendar")
        yield from ref("nodes", priority.owner, priority, "owner")
        yield from ref("nodes", priority.incident_commander, priority, "incident_commander")
        yield from refs("rooms", priority.post, priority, "post")
    sla_section = book.raw.get("sla")
    for pid, sla in book.sla.items():
        if pid not in spaces["priorities"]:
            yield _unknown("priorities", pid, Location(*sla_section.key_loc(pid)), spaces["priorities"])
        for cid, loc in sla.channel_locs.items():
            if cid not in spaces["channels"]:
                yield _unknown("channels", cid, loc, spaces["channels"])
    for edge in book.escalation:
        yield from ref("nodes", edge.source, edge, "from")
        yield from ref("nodes", edge.target, edge, "to")
        yield from refs("priorities", edge.priorities, edge, "priorities")
    for contact in book.contacts.values():
        yield from ref("calendars", contact.available, contact, "available")
        yield from ref("teams", contact.team, contact, "team")
    for team in book.teams.values():
        yield from refs("contacts", team.members, team, "members")
        yield from ref("contacts", team.lead, team, "lead")
        yield from ref("calendars", team.calendar, team, "calendar")
    for route in book.routing:
        yield from ref("teams", route.team, route, "team")
        yield from ref("channels", route.channel, route, "channel")
        yield from ref("priorities", route.priority, route, "priority")
    for kpi in book.kpis.values():
        yield from refs("priorities", kpi.priorities, kpi, "priorities")
        yield from refs("channels", kpi.channels, kpi, "channels")
        for cid in kpi.per_channel:
            if cid not in spaces["channels"]:
                yield _unknown("channels", cid, kpi.where(cid, at_key=True), spaces["channels"])
    for alert in book.alerts:
        yield from ref("channels", alert.channel, alert, "channel")
        yield from ref("nodes", alert.notify, alert, "notify")
        yield from refs("rooms", alert.post, alert, "post")
    yield from _rotas(book, spaces, ref, refs)
    if book.staffing:
        for cover in book.staffing.coverage:
            if cover.team is not None and cover.team not in spaces["teams"]:
                yield _unknown("teams", cover.team, cover.loc, spaces["teams"])
            if cover.channel is not None and cover.channel not in spaces["channels"]:
                yield _unknown("channels", cover.channel, cover.loc, spaces["channels"])
        forecast_section = book.staffing.raw.get("forecast")
        for cid in book.staffing.forecast:
            if cid not in spaces["channels"]:
                yield _unknown("channels", cid, Location(*forecast_section.key_loc(cid)), spaces["channels"])
    for settings in book.helpdesk.values():
        for cid in settings.channels:
            if cid not in spaces["channels"]:
                yield _unknown("channels", cid, Location(*settings.raw["channels"].key_loc(cid)), spaces["channels"])
    if book.onboarding:
        yield from refs("channels", book.onboarding.certification, book.onboarding, "certification")
    if book.compliance and isinstance(book.compliance.raw.get("identity_verification"), dict):
        identity = book.compliance.raw["identity_verification"]
        for index, cid in enumerate(identity.get("channels") or []):
            if cid not in spaces["channels"]:
                loc = Location(*identity["channels"].item_loc(index))
                yield _unknown("channels", cid, loc, spaces["channels"])


def _rotas(book: Playbook, spaces: dict[str, set[str]], ref, refs) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    covered: dict[str, str] = {}
    for rota in book.rotas.values():
        yield from ref("nodes", rota.covers, rota, "covers")
        yield from refs("contacts", rota.members, rota, "members")
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
