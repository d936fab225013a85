"""Suppression keys: an entity's own `lint: {PB220: "reason"}` (priorities, sla entries, escalation steps,
contacts, teams, rotas), covering everything inside that entity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compiler.lint.suppression import Collector, Pos, Suppression
from playbook.findings import Location
from playbook.yamlload import Map, Seq

ENTITY_SECTIONS = ("priorities", "sla", "contacts", "teams", "rotas")
ENTITY_LISTS = ("escalation",)


def scan(collector: Collector, data: Map) -> None:
    for owner_loc, entity in _entities(data):
        table = entity.get("lint")
        if not isinstance(table, Map):
            continue
        first, last = _span(entity, owner_loc)
        path = entity.loc[0]
        for key, reason in table.items():
            where = Location(*table.key_loc(key))
            code = collector.resolve(str(key), where)
            text = reason.strip() if isinstance(reason, str) else ""
            if not text:
                collector.problem(
                    "PB301",
                    f"the suppression of {key} gives no reason",
                    Location(*table.value_loc(key)),
                    f'write the reason as the value: {key}: "why this is acceptable"',
                )
            if code is not None:
                collector.suppressions.append(Suppression("entity", code, text, where, path, first, last))


def _entities(data: Map) -> Iterator[tuple[tuple[str, int, int], Map]]:
    """(where the entity's id or item starts, the entity) for every entity that may carry `lint:`."""
    for name in ENTITY_SECTIONS:
        section = data.get(name)
        if isinstance(section, Map):
            for key, value in section.items():
                if isinstance(value, Map) and "lint" in value:
                    yield section.key_loc(key), value
    for name in ENTITY_LISTS:
        section = data.get(name)
        if isinstance(section, Seq):
            for index, value in enumerate(section):
                if isinstance(value, Map) and "lint" in value:
                    yield section.item_loc(index), value


def _span(entity: Map, owner: tuple[str, int, int]) -> tuple[Pos, Pos]:
    positions = [(owner[1], owner[2]), (entity.loc[1], entity.loc[2])]
    stack: list[Any] = [entity]
    while stack:
        node = stack.pop()
        if isinstance(node, Map):
            for entry in node.locs.values():
                positions.append((entry[1], entry[2]))
                positions.append((entry[3], entry[4]))
            stack.extend(node.values())
        elif isinstance(node, Seq):
            positions.extend((loc[1], loc[2]) for loc in node.item_locs)
            stack.extend(node)
    last_line = max(p[0] for p in positions)
    # Everything on the entity's last line belongs to it (a flow mapping ends there).
    return min(positions), (last_line, 1 << 30)
