"""What reading a help desk configured by hand shares between Zendesk and Freshdesk.

A hand-made account carries none of the texts playbook writes (ids in titles,
exact times in notification texts), so its objects are read for what they do:
which tickets an SLA policy takes and what it promises, which group a rule
routes to, whom an hourly rule notifies and after how long. This module holds
the parts both importers share: the new playbook's id, unique ids for people
and teams, channels from channel codes, and escalation ladders from the rules
that notify.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from compiler.plan.helpdesk import facts_of
from targets.shared.live import importing as imp


def book_id(account: str, given: str | None) -> str:
    """The new playbook's id: --playbook, else the account's sub-domain (acme.zendesk.com -> acme-support)."""
    if given:
        return given
    host = urlsplit(account).hostname or ""
    first = host.split(".")[0] if host and not host[0].isdigit() else ""
    return f"{imp.slug(first)}-support" if first and first != "localhost" else "support"


def organisation_name(book: str) -> str:
    return " ".join(word.capitalize() for word in book.split("-"))


def add_channels(draft: imp.Draft, codes: list[int], target: str) -> list[str]:
    """Channels for an SLA policy's (or a route's) channel codes: one per channel type the codes belong to, the
    rest in one 'messaging' channel; codes that are not a type's defaults go under helpdesk.<target>.channels."""
    defaults = facts_of(target).default_channel_codes
    remaining = sorted(set(codes))
    found = []
    settings = draft.helpdesk.setdefault(target, {})
    for kind, known in [*defaults.items(), ("messaging", ())]:
        mine = [c for c in remaining if c in known] if known else list(remaining)
        if not mine:
            continue
        cid = imp.unique_id(kind, set(draft.channels))
        draft.channels[cid] = {} if cid == kind else {"type": kind}
        if mine != sorted(known):
            settings.setdefault("channels", {})[cid] = mine
        remaining = [c for c in remaining if c not in mine]
        found.append(cid)
    if not settings:
        draft.helpdesk.pop(target)
    return found


def channel_of_codes(draft: imp.Draft, codes: list[int], target: str) -> str | None:
    """The channel whose codes are exactly `codes` (for a route), or None."""
    defaults = facts_of(target).default_channel_codes
    overrides = (draft.helpdesk.get(target) or {}).get("channels") or {}
    for cid, entry in draft.channels.items():
        kind = entry.get("type", cid)
        if sorted(overrides.get(cid, defaults.get(kind, ()))) == sorted(set(codes)):
            return cid
    return None


@dataclass
class Rung:
    """A rule that notifies someone when a ticket of one priority level is still open some time after it was
    created (an hourly rule's whole hours, or an SLA escalation's time after a missed target)."""

    level: Any
    seconds: float
    business: bool
    when: str  # unresolved or unacknowledged
    target: str  # a contact or team id
    what: str  # the rule, for the report


def clocks(draft: imp.Draft, rungs: list[Rung], pid_of: dict[Any, str]) -> dict[str, list[Rung]]:
    """Each priority's rungs, most delayed last; a rung on another clock than the first is not held (one ladder
    counts on one clock: PB205)."""
    found: dict[str, list[Rung]] = {}
    for rung in sorted(rungs, key=lambda r: r.seconds):
        pid = pid_of[rung.level]
        mine = found.setdefault(pid, [])
        if mine and mine[0].business != rung.business:
            draft.lose(
                f"{rung.what}: counts {'business' if rung.business else 'calendar'} hours, unlike the earlier "
                f"steps of {pid}; one escalation ladder counts on one clock (PB205)"
            )
            continue
        mine.append(rung)
    return found


def stand_in_owner(draft: imp.Draft, taken: set[str], pid: str, why: str) -> str:
    """The contact standing for who holds a new `pid` ticket where the account does not say (`why`), added once."""
    cid = f"{imp.slug(pid)}-owner"
    if cid not in draft.contacts:
        taken.add(cid)
        draft.contacts[cid] = {"name": f"Owner of {pid} tickets (imported: name who holds them)"}
        draft.lose(f"{pid}: who holds a new ticket is not a {why}; contact {cid} stands for them")
    return cid


def ladder(draft: imp.Draft, pid: str, owner: str, rungs: list[Rung]) -> list[imp.StepFound]:
    """A priority's rungs as escalation steps: each group of rungs at the same hour escalates from the first
    target of the group before it (the owner for the first), after the hours between them."""
    steps = []
    source, order, seen = owner, 0, {owner}
    for seconds, group in itertools.groupby(rungs, key=lambda r: r.seconds):
        targets = []
        for rung in group:
            if rung.target in seen:
                draft.lose(
                    f"{rung.what}: notifies {rung.target}, who already has {pid} tickets by then; a ladder that "
                    "comes back to someone is a loop (PB201)"
                )
                continue
            order += 1
            steps.append(imp.StepFound(pid, order, source, rung.target, seconds, rung.business, rung.when))
            targets.append(rung.target)
        seen.update(targets)
        source = targets[0] if targets else source
    return steps


def escalation(draft: imp.Draft, ladders: dict[str, list[imp.StepFound]]) -> None:
    """The escalation section from every priority's ladder (identical steps shared by priorities once)."""
    steps = [step for pid in draft.priorities for step in ladders.get(pid, [])]
    found = imp.rebuild_escalation(steps, list(draft.priorities))
    draft.escalation = found.edges
    for problem in found.problems:
        draft.lose(problem)
