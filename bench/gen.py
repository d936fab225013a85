"""Synthetic playbooks in the playbook language, at any size, for the benchmarks.

`generate(contacts)` builds the sections of one large support organisation: a
contact directory of `contacts` people and roles, one team per 25 contacts
(each with its lead), one channel (a regional or brand queue) per 20
contacts, the four usual priorities with a per-channel SLA override in every
priority (priorities x channels cells), a three-level escalation ladder per team
(team -> its lead -> group manager -> director), one routing rule per 20
contacts, KPIs, alerts, staffing, onboarding and QA. Everything scales linearly
with `contacts`; the data lints clean and validates against
schemas/playbook.schema.json.

`write_file` emits one document; `write_split` spreads the same data over
several files of one playbook directory. The text is emitted by hand in a
yamllint-clean style ('---' start, 2-space block style, lines under 80
characters, only `true`/`false` as booleans) so the peers measure throughput,
not message formatting.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

FIRST = [
    "Ana", "Ben", "Chloé", "Dev", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
    "Uma", "Víctor", "Wen", "Yara", "Zoë",
]  # fmt: skip
LAST = [
    "Adeyemi", "Berg", "Castro", "Dubois", "Eriksen", "Fischer", "García", "Haddad",
    "Ito", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Neill", "Patel",
    "Rossi", "Silva", "Tanaka", "Ulloa", "Novak", "Walsh", "Yilmaz", "Zhang",
]  # fmt: skip
# (region, time zone, phone prefix); numbers are unique and outside the ranges reserved for fiction.
REGIONS = [
    ("emea", "Europe/London", "+44203"),
    ("dach", "Europe/Berlin", "+49301"),
    ("amer", "America/Chicago", "+13124"),
    ("apac", "Asia/Singapore", "+656"),
]
# Each region's office: its named public holidays (country, subdivision) and working hours.
OFFICES = {
    "emea": ("GB", "ENG", "08:00-18:00"),
    "dach": ("DE", "BE", "08:00-17:00"),
    "amer": ("US", "IL", "08:00-18:00"),
    "apac": ("SG", "", "09:00-18:00"),
}
DOMAIN = "synthco-support.com"
# Kinds both help desks map by default (messaging and social need account-specific codes).
CHANNEL_KINDS = ["email", "chat", "phone", "web"]
CATEGORIES = ["billing", "login", "delivery", "returns", "api", "mobile", "privacy", "outage"]
PRIORITIES = {
    "P1": ("Service down", "always", "urgent", 4, ("15m", "30m", "1h", "4h")),
    "P2": ("Major feature broken", "always", "high", 3, ("30m", "1h", "4h", "1d")),
    "P3": ("One customer blocked", "office", "normal", 2, ("4h", "1bd", None, "3bd")),
    "P4": ("Question or minor issue", "office", "low", 1, ("8h", None, None, "5bd")),
}
METRICS = ("acknowledge", "update_every", "mitigate", "resolve")

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._@/'()-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly `value` (quoted only when needed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith((" ", ":")):
        return text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or re.fullmatch(r"\d+(\.\d+)?(s|m|h|d|w|bh|bd)", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(data: dict[str, Any]) -> str:
    """Block-style YAML for nested dicts and lists of scalars or flat dicts."""
    lines = ["---"]
    _emit_map(data, 0, lines)
    return "\n".join(lines) + "\n"


def _flow(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _emit_map(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{scalar(key)}:")
            _emit_map(value, indent + 2, lines)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{scalar(key)}:")
            _emit_list(value, indent + 2, lines)
        elif isinstance(value, list) and len(f"{pad}{key}: {_flow(value)}") > 79:
            lines.append(f"{pad}{scalar(key)}:")
            _emit_list(value, indent + 2, lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{scalar(key)}: {_flow(value)}")
        else:
            lines.append(f"{pad}{scalar(key)}: {scalar(value)}")


def _emit_list(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if not isinstance(item, dict):
            lines.append(f"{pad}- {scalar(item)}")
            continue
        first = True
        for key, value in item.items():
            lead = f"{pad}- " if first else f"{pad}  "
            first = False
            if isinstance(value, dict) and value:
                lines.append(f"{lead}{scalar(key)}:")
                _emit_map(value, indent + 4, lines)
                continue
            shown = _flow(value) if isinstance(value, list) else scalar(value)
            lines.append(f"{lead}{scalar(key)}: {shown}")


def generate(contacts: int, *, seed: int = 42, today: dt.date | None = None, realistic: bool = True) -> dict[str, Any]:
    """The sections of a clean playbook with `contacts` contacts (at least 50).

    `realistic` (the default) gives what real playbooks have: an office
    calendar per region with that country's named public holidays, teams
    working their region's office hours and agents available in them, P3/P4
    on a follow-the-sun calendar. Without it: the older, simpler shape (one
    office calendar with two fixed holidays), kept for comparison.
    """
    rng = random.Random(seed)
    today = today or dt.date.today()
    n_teams = max(2, contacts // 25)
    n_channels = max(4, contacts // 20)
    n_groups = max(1, n_teams // 8)
    channels = _channels(n_channels)
    people = _contacts(rng, contacts, n_teams, n_groups, today, realistic)
    return {
        "playbook": f"synthetic-{contacts}",
        "organisation": {
            "name": f"Synthetic Support {contacts}",
            "privacy_contact": "dpo",
            "security_contact": "security-desk",
        },
        "timezone": "Europe/London",
        "calendars": _offices() if realistic else _calendars(),
        "channels": channels,
        "priorities": _priorities(realistic),
        **({"segments": _segments(), "sla_policies": _sla_policies()} if realistic else {"sla": _sla(channels)}),
        "escalation": _escalation(rng, n_teams, n_groups),
        "contacts": people,
        "teams": _teams(people, n_teams, realistic),
        "routing": _routing(rng, channels, n_teams, contacts // 20),
        **({"rooms": _rooms()} if realistic else {}),
        "kpis": {"csat": ">= 90%", "fcr": ">= 70%", "reopen_rate": "<= 5%"},
        "alerts": [
            {"metric": "queue_depth", "channel": next(iter(channels)), "above": 25, "for": "10m", "notify": "director"},
            {"metric": "sla_breaches", "above": 0, "notify": "director"},
        ],
        "staffing": {"shrinkage": "30%-35%", "occupancy": "75%-85%", "backup_ratio": 6},
        "onboarding": {
            "total_hours": "30-40",
            "curriculum": [
                {"topic": "Products and plans", "hours": "12-14"},
                {"topic": "Help-desk tools", "hours": "8-10"},
                {"topic": "Escalation and incidents", "hours": "10-16"},
            ],
            "plan": [{"weeks": 1, "kind": "classroom"}, {"weeks": "2-4", "kind": "supervised"}],
        },
        # Each queue has its own channel code in the help desks, so per-queue SLA
        # overrides become distinct policies rather than overlapping ones.
        "helpdesk": {
            "zendesk": {"channels": {cid: [100 + i] for i, cid in enumerate(channels)}},
            "freshdesk": {"channels": {cid: [100 + i] for i, cid in enumerate(channels)}},
        },
        "qa": {
            "rubric": [{"item": "Resolved or set next steps", "points": 60}, {"item": "Tone", "points": 40}],
            "evaluations_per_month": 4,
        },
    }


def _calendars() -> dict[str, Any]:
    return {
        "always": "24/7",
        "office": {
            "timezone": "Europe/London",
            "weekly": {"mon-fri": "08:00-18:00"},
            "years": "2026-2027",
            "holidays": [{"date": "2026-12-25", "name": "Christmas Day"}, "2027-01-01"],
        },
    }


def _offices() -> dict[str, Any]:
    calendars: dict[str, Any] = {"always": "24/7"}
    for region, timezone, _ in REGIONS:
        country, subdivision, hours = OFFICES[region]
        named = {"country": country, "subdivision": subdivision} if subdivision else {"country": country}
        calendars[f"office-{region}"] = {
            "timezone": timezone,
            "weekly": {"mon-fri": hours},
            "years": "2026-2027",
            "holidays": [named, {"date": "2026-12-24", "name": "Christmas Eve"}],
        }
    calendars["follow-the-sun"] = {
        "coverage": "24/5",
        "years": "2026-2027",
        "regions": {
            "americas": {"timezone": "America/New_York", "weekly": {"mon-fri": "08:00-19:00"}},
            "emea": {"timezone": "Europe/London", "weekly": {"mon-fri": "08:00-17:00"}},
            "apac": {"timezone": "Asia/Singapore", "weekly": {"mon-fri": "07:00-17:00"}},
        },
        "holidays": [{"date": "2026-12-25", "name": "Christmas Day"}, "2027-01-01"],
    }
    return calendars


def _rooms() -> dict[str, Any]:
    """Where alert and incident messages go: one Slack and Teams room per region, the first the default."""
    rooms: dict[str, Any] = {}
    for region, _, _ in REGIONS:
        rooms[f"support-{region}"] = {
            "name": f"Support {region}",
            "slack": {"channel": f"#support-{region}", "webhook": f"env:SLACK_SUPPORT_{region.upper()}"},
            "teams": {"channel": f"Support / {region}", "webhook": f"env:TEAMS_SUPPORT_{region.upper()}"},
        }
    rooms["support-emea"]["default"] = True
    return rooms


def _channels(count: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for index in range(count):
        kind = CHANNEL_KINDS[index % len(CHANNEL_KINDS)]
        region = REGIONS[(index // len(CHANNEL_KINDS)) % len(REGIONS)][0]
        channel: dict[str, Any] = {"type": kind, "name": f"{kind.title()} queue {region} {index}", "intake": "15m"}
        if kind in ("phone", "chat"):
            channel["service_level"] = "80% in 30s" if kind == "phone" else "90% in 60s"
        else:
            channel["first_reply"] = "8h"
        result[f"{kind}-{region}-{index:04d}"] = channel
    return result


def _priorities(realistic: bool = False) -> dict[str, Any]:
    found = {
        pid: {
            "title": title,
            "definition": f"{title}: see the examples.",
            "examples": [f"{title} reported by a customer"],
            "calendar": "follow-the-sun" if realistic and calendar == "office" else calendar,
            "levels": {"zendesk": zendesk, "freshdesk": freshdesk},
        }
        for pid, (title, calendar, zendesk, freshdesk, _) in PRIORITIES.items()
    }
    found["P1"]["incident_commander"] = "director"
    if realistic:
        for pid, value in zip(found, ("Critical", "High", "Medium", "Low"), strict=True):
            found[pid]["levels"]["salesforce"] = value
    return found


def _sla(channels: dict[str, Any]) -> dict[str, Any]:
    sla: dict[str, Any] = {}
    for pid, (*_, targets) in PRIORITIES.items():
        row: dict[str, Any] = {m: t for m, t in zip(METRICS, targets, strict=True) if t}
        # Every channel gets a tighter acknowledgement than the default, kept
        # in priority order (P1 fastest) so no priority-order finding fires.
        # At least 15 minutes: Freshdesk's shortest SLA target.
        factor = {"P1": 15, "P2": 20, "P3": 60, "P4": 120}[pid]
        row["channels"] = {cid: {"acknowledge": f"{factor + index % 5}m"} for index, cid in enumerate(channels)}
        sla[pid] = row
    return sla


# Support plans: (segment, title, tier, how much looser than the Enterprise targets); the last is the fallback.
PLANS = [
    ("enterprise", "Enterprise plan", 1, 1),
    ("premium", "Premium plan", 2, 2),
    ("standard", "Standard plan", 3, 4),
]


def _segments() -> dict[str, Any]:
    # By organization: both help desks select tickets by it (Freshdesk has no organization tags).
    return {
        plan: {"title": title, "organizations": [f"{title} customers"], "tier": tier}
        for plan, title, tier, _ in PLANS[:-1]
    }


def _scaled(text: str, factor: int) -> str:
    number, unit = re.fullmatch(r"(\d+)([a-z]+)", text).groups()  # type: ignore[union-attr]
    return f"{int(number) * factor}{unit}"


def _sla_policies() -> list[dict[str, Any]]:
    """One SLA policy per support plan, in order, the last (Standard) the fallback for everyone else.

    First reply and resolution only: the metrics both help desks hold.
    """
    policies = []
    for plan, title, _, factor in PLANS:
        targets = {}
        for pid, (*_, found) in PRIORITIES.items():
            row = {"first_reply": found[0], "resolve": found[3]}
            targets[pid] = {metric: _scaled(value, factor) for metric, value in row.items() if value}
        policy: dict[str, Any] = {"id": plan, "title": title, "when": {"segment": plan}, "targets": targets}
        if plan == PLANS[-1][0]:
            del policy["when"]
        policies.append(policy)
    return policies


def _contacts(
    rng: random.Random, count: int, n_teams: int, n_groups: int, today: dt.date, realistic: bool = False
) -> dict[str, Any]:
    people: dict[str, Any] = {
        "director": _role("Support Director", "director", "always", today, 1),
        "dpo": _role("Data Protection Officer", "dpo", None, today, 2),
        "security-desk": _role("Security Desk", "security", "always", today, 3),
    }
    # Leads and managers are on call: P1 and P2 run around the clock.
    for group in range(n_groups):
        manager = _role(f"Group Manager {group}", f"manager{group}", "always", today, 10 + group)
        people[f"manager-{group:03d}"] = {**manager, "on_call": True}
    for team in range(n_teams):
        lead = _role(f"Team Lead {team}", f"lead{team}", "always", today, 5000 + team)
        people[f"lead-{team:04d}"] = {**lead, "team": f"team-{team:04d}", "on_call": True}
    index = 0
    while len(people) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        region, timezone, prefix = REGIONS[index % len(REGIONS)]
        slug = f"{first}.{last}".lower().replace("'", "")
        person: dict[str, Any] = {
            "name": f"{first} {last}",
            "title": "Support Engineer" if index % 3 else "Support Specialist",
            "email": f"{_ascii(slug)}.{index}@{DOMAIN}",
            "phone": f"{prefix}{index:06d}",
            "timezone": timezone,
            "team": f"team-{index % n_teams:04d}",
            "verified": (today - dt.timedelta(days=index % 6)).isoformat(),
        }
        if index % 10 == 0:
            person["on_call"] = True
            person["available"] = "always"
        elif realistic:
            person["available"] = f"office-{region}"
        people[f"{_ascii(slug).replace('.', '-')}-{region}-{index:05d}"] = person
        index += 1
    return people


def _role(name: str, mailbox: str, available: str | None, today: dt.date, number: int) -> dict[str, Any]:
    role: dict[str, Any] = {
        "name": name,
        "kind": "role",
        "email": f"{mailbox}@{DOMAIN}",
        "phone": f"+4420799{number:05d}",
        "verified": today.isoformat(),
    }
    if available:
        role["available"] = available
    return role


def _ascii(text: str) -> str:
    table = str.maketrans("éíóúáüöëç", "eiouauoec")
    return text.translate(table)


def _team_region(team: int) -> str:
    return REGIONS[team % len(REGIONS)][0]


def _teams(people: dict[str, Any], n_teams: int, realistic: bool = False) -> dict[str, Any]:
    members: dict[str, list[str]] = {}
    for cid, person in people.items():
        if "team" in person and not cid.startswith("lead-"):
            members.setdefault(person["team"], []).append(cid)
    return {
        f"team-{team:04d}": {
            "name": f"Support team {team}",
            "email": f"team{team}@{DOMAIN}",
            "lead": f"lead-{team:04d}",
            "calendar": f"office-{_team_region(team)}" if realistic else "office",
            "members": members.get(f"team-{team:04d}", [])[:3],
        }
        for team in range(n_teams)
    }


def _escalation(rng: random.Random, n_teams: int, n_groups: int) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for team in range(n_teams):
        tid, lead = f"team-{team:04d}", f"lead-{team:04d}"
        # Whole hours: Zendesk automations fire on hours since the ticket opened.
        edges.append({"from": tid, "to": lead, "after": "1h"})
        edges.append({"from": lead, "to": f"manager-{team % n_groups:03d}", "after": "1h", "priorities": ["P1", "P2"]})
    for group in range(n_groups):
        edges.append(
            {
                "from": f"manager-{group:03d}",
                "to": "director",
                "after": "1h",
                "priorities": ["P1"],
                "kind": "hierarchical",
            }
        )
    return edges


def _routing(rng: random.Random, channels: dict[str, Any], n_teams: int, count: int) -> list[dict[str, Any]]:
    channel_ids = list(channels)
    rules: list[dict[str, Any]] = []
    for index in range(max(1, count)):
        team = f"team-{rng.randrange(n_teams):04d}"
        if index % 2:
            rules.append({"channel": channel_ids[index % len(channel_ids)], "team": team, "within": "15m"})
        else:
            category = f"{CATEGORIES[index % len(CATEGORIES)]}-{index}"
            rules.append({"category": category, "team": team, "priority": "P3", "within": "1h"})
    rules.append({"default": True, "team": "team-0000", "within": "1h"})
    return rules


def write_file(path: Path, data: dict[str, Any]) -> int:
    """Write one playbook file; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    blob = emit(data).encode("utf-8")
    path.write_bytes(blob)
    return len(blob)


def split(data: dict[str, Any], parts: int) -> list[dict[str, Any]]:
    """The same playbook as `parts` documents: the head in the first, big sections spread evenly.

    Mapping sections merge by id across files and lists concatenate in file
    order, so contacts, teams and channels are cut into `parts` slices and the
    escalation and routing lists keep their order (routing's default rule last).
    """
    head = {k: v for k, v in data.items() if k not in ("contacts", "teams", "channels", "escalation", "routing")}
    docs: list[dict[str, Any]] = [dict(head)] + [{} for _ in range(parts - 1)]
    for section in ("channels", "contacts", "teams"):
        items = list(data[section].items())
        for part in range(parts):
            chunk = dict(items[part * len(items) // parts : (part + 1) * len(items) // parts])
            if chunk:
                docs[part][section] = chunk
    for section in ("escalation", "routing"):
        items = data[section]
        for part in range(parts):
            chunk = items[part * len(items) // parts : (part + 1) * len(items) // parts]
            if chunk:
                docs[part][section] = chunk
    return docs


def write_split(folder: Path, data: dict[str, Any], parts: int) -> int:
    """Write the playbook as `parts` files in `folder`; returns the total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    return sum(write_file(folder / f"part-{index:03d}.yaml", doc) for index, doc in enumerate(split(data, parts)))


def write_many(folder: Path, count: int, contacts: int, today: dt.date | None = None) -> int:
    """`count` separate small playbooks (as a monorepo of teams has), one file each; returns the total size.

    Each has its own name and seed, so contacts, routing and escalation differ
    between them; the calendars are the same offices, as a shared template gives.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    total = 0
    for index in range(count):
        data = generate(contacts, seed=index, today=today)
        data["playbook"] = f"team-{index:03d}"
        data["organisation"]["name"] = f"Synthetic Support team {index}"
        total += write_file(folder / f"team-{index:03d}.yaml", data)
    return total
