"""Connecting the live code to the fakes: settings, a client whose waits are recorded, environments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from targets.shared.live.http import VENDORS, Client, RetryPolicy, Settings
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


# Objects a build looks up by name that an admin makes in the web UI: the fake's store for each.
OBJECTS = {
    "organization": "organizations",
    "ticket_form": "ticket_forms",
    "brand": "brands",
    "company": "companies",
    "product": "products",
}


def seed(fake: FakeZendesk | FakeFreshdesk, files: dict[str, bytes], *, skip: tuple[str, ...] = ()) -> None:
    """Give the account the people and business hours a build expects to find (its lookups), as an admin would."""
    import json

    manifest = json.loads(files["manifest.json"])
    for entry in manifest["lookups"]:
        if entry["ref"] in skip:
            continue
        field, value = next(iter(entry["match"].items()))
        kind = entry["ref"][2:].partition(":")[0]
        if kind in OBJECTS:
            fake.ui_add(OBJECTS[kind], value)
            continue
        if not entry["find"].startswith("GET "):
            continue  # no API finds it (Freshdesk segments): the test gives its id, as a person would with --id
        email = value if field == "email" else f"{value.lower().replace(' ', '.')}@people.example"
        if isinstance(fake, FakeZendesk):
            fake.add_user(entry["label"], email)
        elif entry["ref"].startswith("{{agent:"):
            fake.add_agent(entry["label"], email)
    if isinstance(fake, FakeFreshdesk):
        # A playbook that writes next-response targets (helpdesk.freshdesk.next_response) is for an account that
        # has the feature.
        fake.next_response = any(b"next_respond_within" in body for name, body in files.items() if "sla_" in name)
        for step in manifest["manual_steps"]:
            data = step.get("data") or {}
            if "hours" in data and data["name"] not in skip:
                hours = {day: _twelve_hour(spans[0]) for day, spans in data["hours"].items()}
                fake.ui_add_business_hours(data["name"], data["time_zone"], hours)


def _twelve_hour(span: str) -> tuple[str, str]:
    """'09:00-17:30' as Freshdesk shows business hours: ('09:00 am', '05:30 pm')."""
    import datetime as dt

    start, end = span.split("-")
    return tuple(  # type: ignore[return-value]
        dt.datetime.strptime(t if t != "24:00" else "23:59", "%H:%M").strftime("%I:%M %p").lower() for t in (start, end)
    )


def given_ids(files: dict[str, bytes]) -> dict[str, int]:
    """Ids for the lookups no API can do (Freshdesk segments), as a person gives them with --id."""
    import json

    lookups = json.loads(files["manifest.json"])["lookups"]
    return {e["ref"]: 43000000 + n for n, e in enumerate(lookups) if not e["find"].startswith("GET ")}


def id_options(files: dict[str, bytes]) -> list[str]:
    return [option for ref, value in given_ids(files).items() for option in ("--id", f"{ref.strip('{}')}={value}")]
