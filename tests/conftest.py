"""Tests never read the wall clock: every run, in process or in a subprocess, sees the same "today"."""

from __future__ import annotations

import pytest

from compiler.time import clock
from tests.helpers import TODAY


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, TODAY.isoformat())
