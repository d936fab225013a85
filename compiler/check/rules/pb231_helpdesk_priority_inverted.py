"""Help-desk priority mappings must follow the playbook's priority order.

Why: priorities are listed most urgent first, and the Zendesk (`low`, `normal`,
`high`, `urgent`) and Freshdesk (1 low .. 4 urgent) levels they map to must go
the same way. If P3 maps to `high` and P2 to `normal`, help-desk views, SLA
policies and reports treat the less urgent tier as the more urgent one.

Bad:
    priorities:
      P2: {title: Major, zendesk: normal, freshdesk: 2}
      P3: {title: Minor, zendesk: high, freshdesk: 3}

Good:
    priorities:
      P2: {title: Major, zendesk: high, freshdesk: 3}
      P3: {title: Minor, zendesk: normal, freshdesk: 2}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook, Priority

CODE = "PB231"
NAME = "helpdesk-priority-inverted"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}

ZENDESK_LEVELS = ("low", "normal", "high", "urgent")


def _level(priority: Priority, target: str) -> int | None:
    if target == "zendesk":
        return ZENDESK_LEVELS.index(priority.zendesk) if priority.zendesk in ZENDESK_LEVELS else None
    return priority.freshdesk


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for target in ("zendesk", "freshdesk"):
        mapped = [p for p in book.priorities.values() if _level(p, target) is not None]
        for higher, lower in zip(mapped, mapped[1:], strict=False):
            if _level(lower, target) <= _level(higher, target):  # type: ignore[operator]
                continue
            yield ctx.finding(
                lower.where(target),
                f"{lower.id} maps to {target.capitalize()} {getattr(lower, target)!r}, "
                f"above the more urgent {higher.id} ({getattr(higher, target)!r})",
                f"map priorities to {target.capitalize()} levels in the playbook's order (most urgent first)",
                [(higher.where(target), f"{higher.id}'s {target} level")],
            )
