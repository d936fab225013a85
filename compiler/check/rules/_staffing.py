"""The staffing rows a PB41x rule judges: each forecast interval with planned agents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from compiler.time.staffing import Assumptions, Row, tables
from playbook.findings import Location
from playbook.model import Playbook
from playbook.units import format_clock, format_seconds
from playbook.yamlload import Map, Seq


@dataclass(frozen=True)
class Planned:
    basis: Assumptions
    row: Row
    planned: int
    where: Location  # the `agents:` value

    @property
    def name(self) -> str:
        return f"{self.basis.channel} {format_clock(self.row.start)}"

    @property
    def unstable(self) -> bool:
        return self.row.traffic >= self.planned and self.row.traffic > 0

    def target_text(self) -> str:
        if self.basis.level is None or self.basis.target is None:
            return "the workload"
        return f"{self.basis.level * 100:g}% in {format_seconds(self.basis.target)}"


def planned_rows(book: Playbook) -> Iterator[Planned]:
    staffing = book.staffing
    if staffing is None:
        return
    for table in tables(book):
        raw_rows = staffing.forecast[table.basis.channel].raw.get("intervals")
        locations = _agent_locations(raw_rows) if isinstance(raw_rows, Seq) else {}
        for row, interval in zip(table.rows, staffing.forecast[table.basis.channel].intervals, strict=True):
            if row.planned is not None:
                yield Planned(table.basis, row, row.planned, locations.get(interval.loc, interval.loc))


def _agent_locations(rows: Seq) -> dict[Location, Location]:
    found = {}
    for index, item in enumerate(rows):
        if isinstance(item, Map) and "agents" in item:
            found[Location(*rows.item_loc(index))] = Location(*item.value_loc("agents"))
    return found
