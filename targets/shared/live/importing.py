"""`playbook import`: what both help desks share when their objects are read back as a playbook.

An import reads the objects a playbook manages (marked `[playbook:<id>]`, see
engine.py) and writes the playbook they compile from: the inverse of the
`zendesk`/`freshdesk` targets. Titles and notification texts carry what the
ids do not (priority ids and titles, escalation steps with their exact times,
channel ids). What a product keeps and the language cannot hold, or what the
products never store (runbook text, KPIs, staffing...), is listed in the report;
objects playbook does not manage are listed too, and left alone.

After writing, `import` compiles the new playbook and plans it against the account
it came from: every difference is reported, so "in sync" is checked, never assumed.

An account configured by hand has no marked objects. Its importer reads what
the language can hold (each help desk's `handmade.py`), saying why for every
object or field it cannot; then `pair` finds, for each object the new playbook
compiles to, the hand-made object that holds the same (a kind's `held` view),
and the adoption file (`adoption.py`) records the pairs, so that `plan` and
`apply` manage those objects instead of creating duplicates.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from compiler.plan.helpdesk import facts_of
from playbook.model import CHANNEL_TYPES
from targets.shared.helpdesk import slug
from targets.shared.live import adoption as adoption_file
from targets.shared.live.adoption import Adoption
from targets.shared.live.importfiles import HEADER, ImportError_
from targets.shared.timezones import RAILS_NAMES

WHEN = {"acknowledged": "unacknowledged", "mitigated": "unmitigated", "resolved": "unresolved"}
DAY_KEYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # Zendesk's week starts on Sunday
STEP_TITLE = re.compile(r"^Escalate (?P<pid>\S+) step (?P<order>\d+): (?P<source>\S+) -> (?P<target>\S+)$")
FIRST_LINE = re.compile(
    r"^Ticket #\S+ \((?P<pid>[^:]+): (?P<title>.*)\) is not (?P<when>acknowledged|mitigated|resolved) "
    r"(?P<offset>[0-9hms]+)(?P<business> business)? after it was opened\.$"
)
SECOND_LINE = re.compile(
    r"^Escalation step (?P<order>\d+) of the playbook: (?P<source>.*) -> (?P<target>.*) \((?P<kind>[a-z]+)\)\.$"
)
ROUTE_TITLE = re.compile(
    r"^Route (?P<number>\d+): (?P<what>(?:category|tag|channel|segment) \S+|default) -> (?P<team>.*)$"
)
SECTIONS = "calendars channels priorities segments sla sla_policies escalation routing contacts teams".split()
POLICY_DESCRIPTION = re.compile(r"^From playbook (?P<book>\S+): SLA targets for (?P<scope>.*)\.$")


# -- small conversions ----------------------------------------------------------------------------
def seconds_of(text: str) -> int:
    """'1h30m' (as the compiler's duration_text writes) -> 5400."""
    total = 0
    for amount, unit in re.findall(r"(\d+)([hms])", text):
        total += int(amount) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def duration(seconds: float) -> str:
    """Seconds as one playbook duration (a number and one unit): 5400 -> '90m', 7200 -> '2h'."""
    seconds = int(round(seconds))
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def iana_zone(rails: str) -> str | None:
    """The IANA zone a Rails time-zone name stands for (the one the compiler maps back to that name)."""
    return next((zone for zone, name in RAILS_NAMES.items() if name == rails), None)


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekly(intervals: list[tuple[int, int]]) -> dict[str, Any]:
    """Minutes-of-week intervals (Sunday 00:00 = 0) as the language's weekly hours, Monday first."""
    days: dict[str, list[str]] = {}
    for start, end in sorted(intervals):
        day = start // 1440
        days.setdefault(DAY_KEYS[day], []).append(f"{clock_text(start - day * 1440)}-{clock_text(end - day * 1440)}")
    week = [(key, days.get(key)) for key in (*DAY_KEYS[1:], DAY_KEYS[0])]
    result: dict[str, Any] = {}
    index = 0
    while index < len(week):
        key, spans = week[index]
        last = index
        while last + 1 < len(week) and week[last + 1][1] == spans:
            last += 1
        if spans:
            name = key if last == index else f"{key}-{week[last][0]}"
            result[name] = spans[0] if len(spans) == 1 else spans
        index = last + 1
    return result


def paragraphs_of_html(body: str) -> list[str]:
    """Freshdesk email bodies: '<p>a</p><p>b<br>c</p>' -> ['a', 'b\\nc'] (the inverse of email_html)."""
    parts = re.findall(r"<p>(.*?)</p>", body, flags=re.S)
    return [html.unescape(part.replace("<br>", "\n")) for part in parts]


def unique_id(wanted: str, taken: set[str]) -> str:
    base = slug(wanted) or "x"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


# -- escalation steps -------------------------------------------------------------------------------
@dataclass
class StepFound:
    """One escalation step read back from a rule: who, when, and for which priority."""

    priority: str
    order: int
    source: str
    target: str
    offset: float  # seconds from the ticket's start, on the priority's clock
    business: bool
    when: str = "unresolved"
    kind: str = "hierarchical"
    note: str | None = None
    source_name: str | None = None
    target_name: str | None = None
    title: str | None = None  # the priority's title, as the text gives it
    segments: list[str] = field(default_factory=list)  # a step for these segments' tickets; empty: every ticket


def parse_step(title: str, paragraphs: list[str]) -> StepFound | None:
    """A step from an escalation rule's title and notification text; None when they are not playbook's."""
    head = STEP_TITLE.match(title)
    if head is None or len(paragraphs) < 3:
        return None
    first, second = FIRST_LINE.match(paragraphs[0]), SECOND_LINE.match(paragraphs[1])
    if first is None or second is None or first["pid"] != head["pid"]:
        return None
    note = "\n\n".join(paragraphs[2:-1]) or None
    return StepFound(
        head["pid"],
        int(head["order"]),
        head["source"],
        head["target"],
        seconds_of(first["offset"]),
        bool(first["business"]),
        WHEN[first["when"]],
        second["kind"],
        note,
        second["source"],
        second["target"],
        first["title"],
    )


@dataclass
class Escalation:
    edges: list[dict[str, Any]] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def rebuild_escalation(steps: list[StepFound], priority_order: list[str]) -> Escalation:
    """Edges (with `after` per step, counted from when the source got the ticket) and each priority's owner.

    The inverse of compiler/plan: a step's offset is the earliest time its
    source was reached plus its `after`; sources nobody escalates to start at 0.
    """
    found = Escalation()
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for pid in priority_order:
        mine = sorted((s for s in steps if s.priority == pid), key=lambda s: s.order)
        if not mine:
            continue
        targets = {s.target for s in mine}
        roots = sorted({s.source for s in mine if s.source not in targets})
        reached: dict[str, float] = {root: 0.0 for root in roots}
        if len(roots) == 1:
            found.owners[pid] = roots[0]
        for step in mine:
            if step.source not in reached:
                found.problems.append(f"{pid} step {step.order} starts at {step.source}, which no earlier step reaches")
                continue
            after = step.offset - reached[step.source]
            if after < 0:
                found.problems.append(f"{pid} step {step.order} fires before {step.source} gets the ticket")
                continue
            reached[step.target] = min(reached.get(step.target, step.offset), step.offset)
            key = (step.source, step.target, duration(after), step.when, step.kind, step.note, tuple(step.segments))
            if key not in merged:
                edge: dict[str, Any] = Flow({"from": step.source, "to": step.target, "after": duration(after)})
                if step.when != "unresolved":
                    edge["when"] = step.when
                if step.kind != "hierarchical":
                    edge["kind"] = step.kind
                if step.note:
                    edge["note"] = step.note
                edge["priorities"] = []
                edge.update({"segments": list(step.segments)} if step.segments else {})
                merged[key] = edge
                found.edges.append(edge)
            merged[key]["priorities"].append(pid)
    return found


# -- the playbook being written ---------------------------------------------------------------------
class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (an escalation step, a route), as the examples write them."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, True))


@dataclass
class Draft:
    """A playbook under construction, plus what could not be held."""

    target: str
    book_id: str = ""
    organisation: str = ""
    timezone: str = "UTC"
    calendars: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    priorities: dict[str, dict[str, Any]] = field(default_factory=dict)
    segments: dict[str, dict[str, Any]] = field(default_factory=dict)
    sla: dict[str, dict[str, Any]] = field(default_factory=dict)
    sla_policies: list[dict[str, Any]] = field(default_factory=list)
    escalation: list[dict[str, Any]] = field(default_factory=list)
    routing: list[dict[str, Any]] = field(default_factory=list)
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)
    closure: dict[str, Any] = field(default_factory=dict)
    helpdesk: dict[str, Any] = field(default_factory=dict)
    not_held: list[str] = field(default_factory=list)  # parts of managed objects the language cannot hold
    unmanaged: list[str] = field(default_factory=list)  # objects playbook does not manage: left as they are
    never_stored: list[str] = field(default_factory=list)  # what the help desk never receives from a playbook
    lint_left: list[str] = field(default_factory=list)  # warnings and notes the written playbook lints with, and why
    # An account configured by hand (nothing marked): what pairing needs, then what it found.
    hand_made: bool = False
    eligible: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of the objects read into the playbook
    examined: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) read, or reported with a reason
    hints: dict[tuple[str, str], Any] = field(default_factory=dict)  # (kind, compiled key) -> the live id it is
    keep: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (kind, id) -> fields left alone
    names: dict[str, str] = field(default_factory=dict)  # a lookup's compiled name -> its name in the account
    adoption: Adoption | None = None
    adopted: list[str] = field(default_factory=list)  # report: adopted objects
    kept: list[str] = field(default_factory=list)  # report: what of each adopted object stays as it is
    absent: list[str] = field(default_factory=list)  # report: compiled objects the account does without

    def lose(self, what: str) -> None:
        if what not in self.not_held:
            self.not_held.append(what)

    def document(self) -> dict[str, Any]:
        """The playbook as plain data, sections in the language's order."""
        book: dict[str, Any] = {"playbook": self.book_id, "organisation": {"name": self.organisation}}
        book["timezone"] = self.timezone
        for name in SECTIONS:
            value = getattr(self, name)
            if value:
                book[name] = value
        if self.closure:
            book["closure"] = self.closure
        if self.helpdesk:
            book["helpdesk"] = self.helpdesk
        return book

    def yaml(self, account: str) -> str:
        lines = [
            f"{HEADER} from {self.target.capitalize()} ({account}).",
            "# It holds what the help desk keeps; import-report.md lists what it could not hold",
            "# and what a playbook has that a help desk never receives (definitions, contacts' phones, KPIs...).",
        ]
        if self.hand_made:
            lines.append(
                f"# The account was configured by hand: {adoption_file.file_name(self.target)} beside this file says "
                "which of its objects this playbook manages."
            )
        body = yaml.dump(
            self.document(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None
        )
        return "\n".join(lines) + "\n" + body

    def report(self, account: str, sync: list[str]) -> str:
        lines = [f"# Import report: {self.target.capitalize()} {account}", ""]
        if self.hand_made:
            lines.append(
                "The account was configured by hand (no object carries a `[playbook:<id>]` marker). Playbook "
                f"`{self.book_id}` holds what the language can hold of it; `{adoption_file.file_name(self.target)}` "
                "says which object of the account each object the playbook compiles to is. `plan` and `apply` "
                "change those objects only in what the playbook holds (never their titles, descriptions or texts), "
                "never create the ones listed as left out, and never touch the rest of the account."
            )
        else:
            lines.append(
                f"Playbook `{self.book_id}` was read back from the objects marked `[playbook:{self.book_id}]`."
            )
        lines.append("")
        lines.append("## Checked against the account")
        lines.append("")
        if sync:
            lines.append("The imported playbook does **not** compile back to everything in the account:")
            lines.append("")
            lines += [f"- {item}" for item in sync]
        else:
            lines.append("`playbook plan` against the account finds nothing to change: the import is complete.")
        sections = [("Kept by the help desk, not held by the playbook", self.not_held)]
        if self.hand_made:
            sections = [
                ("Adopted: made by hand, managed by the playbook from now on", self.adopted),
                ("Left as they are in the adopted objects (the playbook does not hold them)", self.kept),
                ("Not held by the playbook, and left as they are", self.not_held),
                (
                    "Left out: what the playbook compiles to that the account does without "
                    f"(`absent` in {adoption_file.file_name(self.target)}; apply never creates them)",
                    self.absent,
                ),
            ]
        for title, items in (
            *sections,
            ("Never sent to a help desk (write these by hand)", self.never_stored),
            ("Lint findings left in playbook.yaml, and why", self.lint_left),
            ("Not managed by playbook (left as they are)", self.unmanaged),
        ):
            lines += ["", f"## {title}", ""]
            lines += [f"- {item}" for item in items] if items else ["Nothing."]
        return "\n".join(lines) + "\n"


NEVER_STORED = [
    "priorities' definitions (written as placeholders: replace them) and example tickets (PB230 asks for them)",
    "calendars' years: how far ahead holidays are kept (the imported calendars name none; add `years` with "
    "next year's holidays)",
    "contacts' phone numbers, titles, availability and verification dates",
    "SLA 'mitigate' targets, routing time targets (within), channels' service levels",
    "KPIs, alerts, staffing, compliance, onboarding and QA",
]


def placeholder_text(pid: str) -> str:
    return f"(imported: write what makes a ticket {pid})"


# -- channels and SLA targets, shared by both help desks ------------------------------------------
@dataclass
class Policy:
    """One SLA policy read back: its channels (ids and names, in order), codes, and targets."""

    channels: list[str]
    names: list[str]
    codes: list[int]
    cells: dict[str, dict[str, tuple[int, bool]]] = field(default_factory=dict)  # priority -> metric -> (s, business)


def add_channels(draft: Draft, policies: list[Policy], routed: dict[str, list[int]], target: str) -> None:
    """Channels in policy order, typed by id where the id is a type, with codes only where defaults differ."""
    defaults = facts_of(target).default_channel_codes
    overrides: dict[str, list[int]] = {}
    for policy in policies:
        assigned: dict[str, list[int]] = {}
        for cid in policy.channels:
            kind = cid if cid in CHANNEL_TYPES else _type_for(routed.get(cid) or [], defaults)
            entry: dict[str, Any] = {} if kind == cid else {"type": kind}
            name = policy.names[policy.channels.index(cid)] if len(policy.names) == len(policy.channels) else cid
            if name != cid:
                entry["name"] = name
            draft.channels[cid] = entry
            assigned[cid] = list(routed.get(cid) or defaults.get(kind, ()))
        union = sorted({code for codes in assigned.values() for code in codes})
        if union != sorted(policy.codes):
            # Each channel keeps the codes it can have; what is left goes to the first one.
            wanted = set(policy.codes)
            for cid in policy.channels:
                assigned[cid] = [c for c in assigned[cid] if c in wanted]
            leftover = sorted(wanted - {c for codes in assigned.values() for c in codes})
            assigned[policy.channels[0]] = sorted(assigned[policy.channels[0]] + leftover)
        for cid, codes in assigned.items():
            kind = draft.channels[cid].get("type", cid)
            if sorted(codes) != sorted(defaults.get(kind, ())):
                overrides[cid] = sorted(codes)
    # A route by a channel no SLA policy names (the policies select by segment) still needs the channel.
    for cid, codes in routed.items():
        if cid not in draft.channels:
            kind = cid if cid in CHANNEL_TYPES else _type_for(codes, defaults)
            draft.channels[cid] = {} if kind == cid else {"type": kind}
            if sorted(codes) != sorted(defaults.get(kind, ())):
                overrides[cid] = sorted(codes)
    if overrides:
        draft.helpdesk.setdefault(target, {})["channels"] = overrides


def _type_for(codes: list[int], defaults: dict[str, tuple[int, ...]]) -> str:
    for kind, known in defaults.items():
        if codes and set(codes) <= set(known):
            return kind
    return "messaging"


def add_sla(draft: Draft, policies: list[Policy], business: dict[str, bool], every_channel: bool) -> None:
    """Targets per priority: one value where every channel agrees, per-channel overrides where not."""
    for pid in draft.priorities:
        per_channel: dict[str, dict[str, tuple[int, bool]]] = {}
        for policy in policies:
            for cid in policy.channels or ["*"]:
                per_channel[cid] = policy.cells.get(pid, {})
        if not any(per_channel.values()):
            continue
        metrics = [m for m in ("acknowledge", "update_every", "resolve") if any(m in c for c in per_channel.values())]
        entry: dict[str, Any] = {}
        overrides: dict[str, dict[str, Any]] = {}
        for metric in metrics:
            values = [cells.get(metric) for cells in per_channel.values()]
            # Where every channel has the metric, the most common value is the priority's, the rest overrides.
            common = max(values, key=values.count) if None not in values else None
            if common is not None:
                entry[metric] = _target(common, business.get(pid, False))
            for cid, cells in per_channel.items():
                if metric in cells and cells[metric] != common:
                    overrides.setdefault(cid, Flow())[metric] = _target(cells[metric], business.get(pid, False))
        if overrides:
            entry["channels"] = overrides
        draft.sla[pid] = entry


def _target(cell: tuple[int, bool], priority_business: bool) -> Any:
    seconds, cell_business = cell
    if cell_business == priority_business:
        return duration(seconds)
    return {"target": duration(seconds), "hours": "business" if cell_business else "calendar"}


# -- reading the account ----------------------------------------------------------------------------
def snapshot(adapter: Any, source: Any, book_id: str | None) -> tuple[str | None, dict[str, list[Any]]]:
    """Every object of the adapter's kinds (parts only of managed parents) and the playbook that manages them;
    None for the playbook when nothing is marked (an account configured by hand: parts are then not read)."""
    haves: dict[str, list[Any]] = {}
    for kind in adapter.kinds:
        if kind.parent is None:
            haves[kind.name] = [kind.have(raw, None) for raw in kind.read(source, [])]
    owners = sorted({h.owner for hs in haves.values() for h in hs if h.owner is not None})
    if not owners:
        return None, haves
    if book_id is None:
        if len(owners) > 1:
            raise ImportError_(
                f"several playbooks manage objects here ({', '.join(owners)}): choose one with --playbook"
            )
        book_id = owners[0]
    elif book_id not in owners:
        raise ImportError_(f"no object here is marked [playbook:{book_id}] (found: {', '.join(owners)})")
    for kind in adapter.kinds:
        if kind.parent is not None:
            parents = [h for h in haves[kind.parent] if h.owner == book_id]
            by_id = {p.id: p for p in parents}
            haves[kind.name] = [kind.have(raw, by_id[raw["__parent"]]) for raw in kind.read(source, parents)]
    return book_id, haves


def nothing_to_import(draft: Draft) -> None:
    if not draft.priorities and not draft.teams:
        raise ImportError_(
            f"nothing in this account is marked [playbook:<id>], and nothing in it can be read as a playbook "
            f"(no SLA policy, group, routing trigger or escalation the language holds): {len(draft.not_held)} "
            "objects looked at, none importable"
        )


def split_owned(draft: Draft, haves: dict[str, list[Any]], book_id: str) -> dict[str, list[Any]]:
    """The managed objects per kind; the others are listed in the report as left alone."""
    owned: dict[str, list[Any]] = {}
    for kind, items in haves.items():
        owned[kind] = sorted((h for h in items if h.owner == book_id), key=lambda h: (_position(h), str(h.id)))
        for have in items:
            if have.owner is None and have.parent_id is None:
                draft.unmanaged.append(f'{kind} "{have.key}"')
            elif have.owner not in (None, book_id):
                draft.unmanaged.append(f'{kind} "{have.key}" (managed by playbook {have.owner})')
    return owned


def _position(have: Any) -> int:
    return have.position if isinstance(have.position, int) else 0


def strip_prefix(text: str, prefix: str) -> str | None:
    return text[len(prefix) :] if text.startswith(prefix) else None
