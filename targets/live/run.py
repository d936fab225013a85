"""What `playbook plan`, `apply` and `import` do between the command line and the engine."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from targets.live.engine import Adapter, LivePlan, apply_plan, make_plan
from targets.live.http import Client, settings_from_env

LIVE_TARGETS = ("zendesk", "freshdesk")


def adapter(target: str) -> Adapter:
    return importlib.import_module(f"targets.{target}.live").ADAPTER  # type: ignore[no-any-return]


def connect(target: str, url: str | None, on_wait: Callable[[str], None] | None = None, **options: Any) -> Client:
    """A client for the account named by --url or the environment (a LiveError when incomplete)."""
    return Client(settings_from_env(target, url), on_wait=on_wait, **options)


def plan(target: str, client: Client, files: dict[str, bytes], *, delete: bool = False) -> LivePlan:
    return make_plan(adapter(target), client, files, delete=delete)


def apply(
    target: str, client: Client, current: LivePlan, progress: Callable[[int, int, str], None] | None = None
) -> list[str]:
    return apply_plan(adapter(target), client, current, progress)
