"""How the playbook looks to one SLA policy: its calendars, clocks, seconds, and every target as written.

Beside `playbook.policies` (the language) because these read the whole model:
a policy's targets count on its calendar (or the priority's), on its clock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.model import Calendar, Playbook, Priority, SlaTarget
from playbook.policies import SlaPolicy
from playbook.timemath import seconds_on
from playbook.units import Duration

# Clocks of a policy's targets -----------------------------------------------------------------------------------


def policy_calendar(
    book: Playbook, policy: SlaPolicy, priority: Priority, field_value: str | None = None
) -> Calendar | None:
    """The calendar a policy's targets for `priority` count on: the policy's (by the field), else the priority's."""
    if policy.calendar is not None:
        chosen = policy.calendar.pick(field_value)
        if chosen is not None:
            return book.calendars.get(chosen)
    return book.calendar_of(priority)


def policy_clock(
    book: Playbook,
    policy: SlaPolicy,
    priority: Priority,
    target: SlaTarget | None = None,
    calendar: Calendar | None = None,
) -> str:
    """'business' or 'calendar': the target's own `hours`, else the policy's, the priority's, then its calendar's."""
    if target is not None and target.duration.business:
        return "business"
    if target is not None and target.hours:
        return target.hours
    if policy.hours:
        return policy.hours
    if priority.hours:
        return priority.hours
    calendar = calendar if calendar is not None else policy_calendar(book, policy, priority)
    return "calendar" if calendar is None or calendar.always else "business"


def policy_seconds(
    book: Playbook, policy: SlaPolicy, priority: Priority, target: SlaTarget, field_value: str | None = None
) -> tuple[float, str]:
    """(seconds, clock) of a policy's target, on the calendar the policy picks for the field value."""
    calendar = policy_calendar(book, policy, priority, field_value)
    clock = policy_clock(book, policy, priority, target, calendar)
    return seconds_on(target.duration, calendar, clock), clock


def policy_view(book: Playbook, policy: SlaPolicy) -> Playbook:
    """The playbook as one policy's tickets see it: `sla` is the policy's targets, on the policy's calendar and clock.

    Rules written for `sla:` (priority order, metric order...) check each policy
    through its view. A calendar chosen by a field counts as its default.
    """
    priorities = {}
    for pid, priority in book.priorities.items():
        calendar = policy.calendar.default if policy.calendar is not None else priority.calendar
        hours = policy.hours or priority.hours
        priorities[pid] = dataclasses.replace(priority, calendar=calendar, hours=hours)
    return dataclasses.replace(book, priorities=priorities, sla=dict(policy.targets), policies=[])


@dataclass(frozen=True)
class WrittenTarget:
    """One SLA target as written, wherever: `sla:` (with its channel) or a policy."""

    policy: SlaPolicy | None
    priority: str
    metric: str
    channel: str | None
    target: SlaTarget


def written_targets(book: Playbook) -> Iterator[WrittenTarget]:
    """Every SLA target: each priority's in `sla:` and its channel overrides, then each policy's."""
    for pid, sla in book.sla.items():
        for metric, target in sla.targets.items():
            yield WrittenTarget(None, pid, metric, None, target)
        for channel, overrides in sla.channels.items():
            for metric, target in overrides.items():
                yield WrittenTarget(None, pid, metric, channel, target)
    for policy in book.policies:
        for pid, sla in policy.targets.items():
            for metric, target in sla.targets.items():
                yield WrittenTarget(policy, pid, metric, None, target)


def target_calendar(book: Playbook, written: WrittenTarget) -> Calendar | None:
    """The calendar a written target counts business hours on (a policy's default, else the priority's)."""
    priority = book.priorities[written.priority]
    if written.policy is not None:
        return policy_calendar(book, written.policy, priority)
    return book.calendar_of(priority)


def target_seconds(book: Playbook, written: WrittenTarget, duration: Duration | None = None) -> tuple[float, str]:
    """(seconds, clock) of a written target (or of `duration`, e.g. its band's upper end, on the same clock)."""
    priority = book.priorities[written.priority]
    calendar = target_calendar(book, written)
    if written.policy is not None:
        clock = policy_clock(book, written.policy, priority, written.target, calendar)
    else:
        clock = book.clock_of(priority, written.target)
    return seconds_on(duration or written.target.duration, calendar, clock), clock


def used_calendars(book: Playbook) -> set[str]:
    """Every calendar id something in the playbook names: priorities, channels, contacts, teams, SLA policies
    (each calendar a field may pick) and cadences."""
    used = {p.calendar for p in book.priorities.values()}
    used |= {c.calendar for c in book.channels.values()}
    used |= {c.available for c in book.contacts.values()}
    used |= {t.calendar for t in book.teams.values()}
    used |= {name for policy in book.policies if policy.calendar for name in policy.calendar.all()}
    used |= {c.calendar for c in book.cadences.values()}
    return {name for name in used if name}


def update_cadences(book: Playbook, priority: str) -> list[WrittenTarget]:
    """How often a priority's customers hear news: `sla:`'s update_every, else each SLA policy's update_every
    or periodic_update (one per policy, update_every first): what a status page can promise."""
    found = [w for w in written_targets(book) if w.priority == priority and w.channel is None]
    own = [w for w in found if w.policy is None and w.metric == "update_every"]
    if own:
        return own
    by_policy: dict[str, WrittenTarget] = {}
    for metric in ("update_every", "periodic_update"):
        for written in found:
            if written.policy is not None and written.metric == metric:
                by_policy.setdefault(written.policy.id, written)
    return list(by_policy.values())
