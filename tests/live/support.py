"""Connecting the live code to the fakes: settings, a client whose waits are recorded, environments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from targets.live.http import VENDORS, Client, RetryPolicy, Settings
from tests.fakes import FakeFreshdesk, FakeZendesk
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd


def settings(fake: FakeZendesk | FakeFreshdesk) -> Settings:
    if isinstance(fake, FakeZendesk):
        return Settings(VENDORS["zendesk"], fake.url, (f"{zd.EMAIL}/token", zd.TOKEN))
    return Settings(VENDORS["freshdesk"], fake.url, (fd.API_KEY, "X"))


def env(fake: FakeZendesk | FakeFreshdesk) -> dict[str, str]:
    """The environment variables a user would set to reach `fake`."""
    if isinstance(fake, FakeZendesk):
        return {"ZENDESK_URL": fake.url, "ZENDESK_EMAIL": zd.EMAIL, "ZENDESK_API_TOKEN": zd.TOKEN}
    return {"FRESHDESK_URL": fake.url, "FRESHDESK_API_KEY": fd.API_KEY}


class Waits(list):
    """A `sleep` that records how long it was asked to wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@contextmanager
def client(fake: FakeZendesk | FakeFreshdesk, waits: Waits | None = None, **policy: float) -> Iterator[Client]:
    with Client(settings(fake), sleep=waits if waits is not None else Waits(), policy=RetryPolicy(**policy)) as http:
        yield http
