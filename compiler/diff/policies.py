"""What changed in the SLA policies: added, removed, renamed, reordered, re-scoped, and their targets.

Policies are matched by id, then a removed and an added policy with the same
selector are one renamed policy. Targets are compared per policy, priority and
metric, in seconds on the policy's clock and default calendar (a band by its
lower end, and its upper end as "limit"). Flagged (a reviewer must look): a
policy removed, reordered (the first match decides, so moving one changes who
gets which targets), given another selector, calendar or clock, and a target
loosened or removed.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.diff.kinds import Change
from playbook.model import SLA_METRICS, Playbook, SlaTarget
from playbook.policies import SlaPolicy
from playbook.policyview import WrittenTarget, target_calendar, target_seconds
from playbook.units import format_seconds


def changes(base: Playbook, head: Playbook) -> Iterator[Change]:
    pairs = _pairs(base.policies, head.policies)
    for old, new in pairs:
        if new is None:
            assert old is not None
            detail = _removed_detail(head)
            yield Change("policies", old.id, "removed", old=_label(base, old), detail=detail, flagged=True)
        elif old is None:
            yield Change("policies", new.id, "added", new=_label(head, new))
        else:
            yield from _matched(base, old, head, new)
    yield from _order(base, head, [(o, n) for o, n in pairs if o is not None and n is not None])


def _pairs(before: list[SlaPolicy], after: list[SlaPolicy]) -> list[tuple[SlaPolicy | None, SlaPolicy | None]]:
    """(old, new) per policy: by id, then a removed and an added policy with the same selector (a rename)."""
    by_id = {p.id: p for p in after}
    found: list[tuple[SlaPolicy | None, SlaPolicy | None]] = []
    gone = [p for p in before if p.id not in by_id]
    new = [p for p in after if p.id not in {o.id for o in before}]
    for old in before:
        if old.id in by_id:
            found.append((old, by_id[old.id]))
    for old in gone:
        same = next((p for p in new if p.describe() == old.describe()), None)
        if same is not None:
            new.remove(same)
        found.append((old, same))
    found.extend((None, p) for p in new)
    return found


def _label(book: Playbook, policy: SlaPolicy) -> str:
    return f"{book.policies.index(policy) + 1}. {policy.title} ({policy.describe()})"


def _removed_detail(head: Playbook) -> str:
    fallback = next((p for p in head.policies if p.fallback), None)
    return f"its tickets get whichever policy matches next, or {fallback.id}" if fallback else "its tickets get no SLA"


def _matched(base: Playbook, old: SlaPolicy, head: Playbook, new: SlaPolicy) -> Iterator[Change]:
    if old.id != new.id or old.title != new.title:
        before = old.title if old.id == new.id else f"{old.id}: {old.title}"
        after = new.title if old.id == new.id else f"{new.id}: {new.title}"
        yield Change("policies", new.id, "renamed", before, after, "same selector" if old.id != new.id else "")
    if old.describe() != new.describe():
        yield Change("policies", f"{new.id} when", "changed", old.describe(), new.describe(), "who gets it", True)
    before, after = _calendar_text(old), _calendar_text(new)
    if before != after:
        yield Change("policies", f"{new.id} calendar", "changed", before, after, "its deadlines move", True)
    yield from _targets(base, old, head, new)


def _calendar_text(policy: SlaPolicy) -> str:
    choice = policy.calendar
    hours = f", {policy.hours} hours" if policy.hours else ""
    if choice is None:
        return f"each priority's{hours}"
    if not choice.field_name:
        return f"{choice.default}{hours}"
    picks = ", ".join(f"{value}: {cal}" for value, cal in choice.choices.items())
    return f"by {choice.field_name} ({picks}; else {choice.default}){hours}"


def _order(base: Playbook, head: Playbook, pairs: list[tuple[SlaPolicy, SlaPolicy]]) -> Iterator[Change]:
    """Policies whose place among the policies both versions have moved (inserting one moves nothing)."""
    before = [o.id for o, _ in sorted(pairs, key=lambda pair: base.policies.index(pair[0]))]
    after = [o.id for o, _ in sorted(pairs, key=lambda pair: head.policies.index(pair[1]))]
    if before == after:
        return
    for old, new in pairs:
        was, now = before.index(old.id) + 1, after.index(old.id) + 1
        if was != now:
            yield Change(
                "policies",
                f"{new.id} position",
                "reordered",
                f"{base.policies.index(old) + 1}",
                f"{head.policies.index(new) + 1}",
                "the first policy that matches a ticket wins",
                True,
            )


def _targets(base: Playbook, old: SlaPolicy, head: Playbook, new: SlaPolicy) -> Iterator[Change]:
    for pid in head.priorities:
        if pid not in base.priorities:
            continue
        before = old.targets[pid].targets if pid in old.targets else {}
        after = new.targets[pid].targets if pid in new.targets else {}
        for metric in SLA_METRICS:
            subject = f"{new.id} {pid} {metric}"
            a, b = before.get(metric), after.get(metric)
            if a is None and b is None:
                continue
            old_w = WrittenTarget(old, pid, metric, None, a) if a is not None else None
            new_w = WrittenTarget(new, pid, metric, None, b) if b is not None else None
            change = _change(subject, base, old_w, head, new_w)
            if change is not None:
                yield change
            if a is not None and b is not None and (a.upper is not None or b.upper is not None):
                assert old_w is not None and new_w is not None
                limit = _limit(subject + " limit", base, old_w, head, new_w)
                if limit is not None:
                    yield limit


def _change(
    subject: str, base: Playbook, old: WrittenTarget | None, head: Playbook, new: WrittenTarget | None
) -> Change | None:
    if old is None:
        assert new is not None
        return Change("policies", subject, "added", new=_text(head, new))
    if new is None:
        return Change("policies", subject, "removed", old=_text(base, old), detail="no target", flagged=True)
    return _compare(subject, _seconds(base, old), _seconds(head, new), _text(base, old), _text(head, new))


def _limit(subject: str, base: Playbook, old: WrittenTarget, head: Playbook, new: WrittenTarget) -> Change | None:
    if old.target.upper is None or new.target.upper is None:
        action = "added" if old.target.upper is None else "removed"
        return Change("policies", subject, action, _upper_text(old), _upper_text(new), "", action == "removed")
    before = _seconds(base, old, old.target.upper)
    after = _seconds(head, new, new.target.upper)
    return _compare(subject, before, after, _upper_text(old), _upper_text(new))


def _upper_text(written: WrittenTarget) -> str:
    return written.target.upper.text if written.target.upper is not None else ""


def _seconds(book: Playbook, written: WrittenTarget, duration=None) -> tuple[float, str, str | None]:  # type: ignore[no-untyped-def]
    """(seconds, clock, the calendar business seconds count on) of a written target."""
    seconds, clock = target_seconds(book, written, duration)
    calendar = target_calendar(book, written)
    return seconds, clock, calendar.id if calendar is not None and clock == "business" else None


def _compare(
    subject: str, before: tuple[float, str, str | None], after: tuple[float, str, str | None], old: str, new: str
) -> Change | None:
    if old == new and before[1:] == after[1:]:
        return None  # written alike: a calendar's own change (its hours, so its business day) is its own row
    if before[1:] != after[1:]:
        # Different clocks or calendars: their seconds do not compare; say so rather than guess.
        if old == new and before[1] == after[1]:
            return Change("policies", subject, "changed", old, new, f"now on {after[2]}'s business hours", True)
        return Change("policies", subject, "changed", old, new, "on another clock", True)
    if abs(before[0] - after[0]) < 1:
        return None
    later = after[0] > before[0]
    delta = f"{'+' if later else '-'}{format_seconds(abs(after[0] - before[0]))} of {after[1]} time"
    return Change("policies", subject, "loosened" if later else "tightened", old, new, delta, later)


def _text(book: Playbook, written: WrittenTarget) -> str:
    target: SlaTarget = written.target
    _, clock = target_seconds(book, written)
    return f"{target.duration.text} ({clock} hours)"
