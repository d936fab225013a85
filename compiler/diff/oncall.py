"""What changed in paging, on-call rotas and alert routing: who gets paged, when rotas hand over, where alerts go.

Flagged (weakens the service): a priority that stops paging, a rota removed
(its role is no longer paged through it), an alert removed, and an alert or
priority whose messages reach fewer rooms.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.diff.kinds import Change
from playbook.model import Alert, Playbook, Rota


def changes(base: Playbook, head: Playbook) -> Iterator[Change]:
    yield from _paging(base, head)
    yield from _rotas(base, head)
    yield from _alerts(base, head)
    yield from _rooms(base, head)


# Paging ----------------------------------------------------------------------------------------------------


def _paging(base: Playbook, head: Playbook) -> Iterator[Change]:
    for pid, priority in head.priorities.items():
        old = base.priorities.get(pid)
        if old is None:
            continue
        if old.page and not priority.page:
            yield Change("paging", pid, "removed", "pages its ladder", "not paged", "stops paging", True)
        elif priority.page and not old.page:
            yield Change("paging", pid, "added", "not paged", "pages its ladder")
        before, after = _room_ids(base, old.post), _room_ids(head, priority.post)
        if before != after:
            fewer = bool(set(before) - set(after))
            detail = "messages reach fewer rooms" if fewer else ""
            yield Change("alerts", f"{pid} messages", "changed", ", ".join(before), ", ".join(after), detail, fewer)


def _room_ids(book: Playbook, post: list[str]) -> list[str]:
    return [room.id for room in book.rooms_for(post)]


# Rotas -----------------------------------------------------------------------------------------------------


def _rotas(base: Playbook, head: Playbook) -> Iterator[Change]:
    for rid, rota in base.rotas.items():
        if rid not in head.rotas:
            yield Change("rotas", rid, "removed", _rota_text(rota), detail=f"{rota.covers} has no rota", flagged=True)
    for rid, rota in head.rotas.items():
        old = base.rotas.get(rid)
        if old is None:
            yield Change("rotas", rid, "added", new=_rota_text(rota))
            continue
        fields = (
            ("covers", old.covers, rota.covers),
            ("members", ", ".join(old.members), ", ".join(rota.members)),
            ("hand-over", _handoff(old), _handoff(rota)),
            ("turns", old.every, rota.every),
        )
        for label, before, after in fields:
            if before != after:
                yield Change("rotas", f"{rid} {label}", "changed", before, after)


def _handoff(rota: Rota) -> str:
    return f"{rota.start} {rota.handoff // 60:02d}:{rota.handoff % 60:02d} {rota.timezone}"


def _rota_text(rota: Rota) -> str:
    return f"covers {rota.covers}: {', '.join(rota.members)}, every {rota.every} from {_handoff(rota)}"


# Alerts and rooms ------------------------------------------------------------------------------------------


def _alerts(base: Playbook, head: Playbook) -> Iterator[Change]:
    old, new = _keyed(base.alerts), _keyed(head.alerts)
    for key, alert in old.items():
        if key not in new:
            yield Change("alerts", _subject(key), "removed", _alert_text(base, alert), flagged=True)
    for key, alert in new.items():
        before = old.get(key)
        if before is None:
            yield Change("alerts", _subject(key), "added", new=_alert_text(head, alert))
            continue
        if _threshold(before) != _threshold(alert):
            yield Change("alerts", f"{_subject(key)} threshold", "changed", _threshold(before), _threshold(alert))
        if before.notify != alert.notify:
            yield Change("alerts", f"{_subject(key)} notify", "changed", before.notify, alert.notify)
        rooms_before, rooms_after = _room_ids(base, before.post), _room_ids(head, alert.post)
        if rooms_before != rooms_after:
            fewer = bool(set(rooms_before) - set(rooms_after))
            yield Change(
                "alerts",
                f"{_subject(key)} rooms",
                "changed",
                ", ".join(rooms_before),
                ", ".join(rooms_after),
                "posted to fewer rooms" if fewer else "",
                fewer,
            )


def _keyed(alerts: list[Alert]) -> dict[tuple[str, str, int], Alert]:
    """Alerts by (metric, channel, n): the n-th alert on that metric and channel, so reordering is no change."""
    found: dict[tuple[str, str, int], Alert] = {}
    for alert in alerts:
        n = sum(1 for key in found if key[:2] == (alert.metric, alert.channel or ""))
        found[(alert.metric, alert.channel or "", n)] = alert
    return found


def _subject(key: tuple[str, str, int]) -> str:
    metric, channel, n = key
    return f"{metric}{f' ({channel})' if channel else ''}{f' #{n + 1}' if n else ''}"


def _threshold(alert: Alert) -> str:
    bound = f"above {alert.above}" if alert.above is not None else f"below {alert.below}"
    if alert.duration is not None:
        return f"{bound} for {alert.duration.text}"
    if alert.intervals:
        return f"{bound} for {alert.intervals} intervals"
    return bound


def _alert_text(book: Playbook, alert: Alert) -> str:
    rooms = ", ".join(_room_ids(book, alert.post))
    return f"{_threshold(alert)}, notify {alert.notify}" + (f", post to {rooms}" if rooms else "")


def _rooms(base: Playbook, head: Playbook) -> Iterator[Change]:
    for rid in base.rooms:
        if rid not in head.rooms:
            yield Change("alerts", f"room {rid}", "removed", _room_text(base, rid))
    for rid in head.rooms:
        if rid not in base.rooms:
            yield Change("alerts", f"room {rid}", "added", new=_room_text(head, rid))
        elif _room_text(base, rid) != _room_text(head, rid):
            yield Change("alerts", f"room {rid}", "changed", _room_text(base, rid), _room_text(head, rid))


def _room_text(book: Playbook, rid: str) -> str:
    room = book.rooms[rid]
    links = [f"{target} {link.channel} ({link.webhook_env})" for target, link in sorted(room.links.items())]
    return "; ".join(links) + (", default" if room.default else "")
