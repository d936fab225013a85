"""The live HTTP client: settings from the environment, safe retries, pagination, no secret in any message."""

from __future__ import annotations

import httpx
import pytest

from targets.shared.live.http import (
    VENDORS,
    Client,
    LiveError,
    OutcomeUnknown,
    RequestFailed,
    Settings,
    settings_from_env,
)
from tests.fakes import FakeFreshdesk, FakeZendesk
from tests.fakes import zendesk as zd
from tests.live.support import Waits, client, env, settings


@pytest.fixture
def zendesk():
    with FakeZendesk() as fake:
        yield fake


@pytest.fixture
def freshdesk():
    with FakeFreshdesk() as fake:
        yield fake


def test_missing_environment_names_every_variable_to_set():
    with pytest.raises(LiveError) as caught:
        settings_from_env("zendesk", env={"ZENDESK_EMAIL": "a@b.example"})
    message = str(caught.value)
    assert "ZENDESK_URL" in message and "ZENDESK_API_TOKEN" in message and "a@b.example" not in message


def test_url_option_replaces_the_url_variable():
    found = settings_from_env(
        "freshdesk", "https://acme.freshdesk.com/", {"FRESHDESK_URL": "https://other.example", "FRESHDESK_API_KEY": "k"}
    )
    assert found.base_url == "https://acme.freshdesk.com" and found.credentials == ("k", "X")


@pytest.mark.parametrize("address", ["http://acme.zendesk.com", "http://10.0.0.5:8080"])
def test_plain_http_is_refused_to_anything_but_loopback(address):
    with pytest.raises(LiveError, match="refusing plain http"):
        settings_from_env("zendesk", address, {"ZENDESK_EMAIL": "e", "ZENDESK_API_TOKEN": "t"})


@pytest.mark.parametrize("address", ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"])
def test_plain_http_to_loopback_is_allowed(address):
    assert settings_from_env("zendesk", address, {"ZENDESK_EMAIL": "e", "ZENDESK_API_TOKEN": "t"}).loopback


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("https://[acme", "Invalid IPv6 URL"),
        ("https://acme.zendesk.com:99999", "Port out of range 0-65535"),
        ("https://acme.zendesk.com:https", "Port could not be cast to integer value as 'https'"),
    ],
)
def test_a_malformed_url_is_an_error_saying_what_is_wrong(address, why):
    with pytest.raises(LiveError) as caught:
        settings_from_env("zendesk", address, {"ZENDESK_EMAIL": "e", "ZENDESK_API_TOKEN": "t"})
    assert str(caught.value) == f"{address!r} is not a Zendesk URL ({why}); write it like https://acme.zendesk.com"


def test_a_malformed_url_with_credentials_is_not_repeated():
    with pytest.raises(LiveError) as caught:
        settings_from_env("zendesk", "https://admin:s3cret@[acme", {"ZENDESK_EMAIL": "e", "ZENDESK_API_TOKEN": "t"})
    assert "s3cret" not in str(caught.value) and "not a Zendesk URL" in str(caught.value)


def test_credentials_in_the_url_are_refused_without_repeating_them():
    with pytest.raises(LiveError) as caught:
        settings_from_env(
            "zendesk", "https://me:s3cret@acme.zendesk.com", {"ZENDESK_EMAIL": "e", "ZENDESK_API_TOKEN": "t"}
        )
    assert "s3cret" not in str(caught.value)


def test_settings_and_client_never_show_the_token(zendesk):
    found = settings(zendesk)
    with Client(found) as http:
        assert zd.TOKEN not in repr(found) and zd.TOKEN not in repr(http)


def test_zendesk_lists_follow_cursor_pages_to_the_end(zendesk):
    for n in range(5):
        zendesk.ui_create("groups", {"name": f"G{n}"})
    with client(zendesk) as http:
        names = [g["name"] for g in http.pages("/api/v2/groups", "groups", {"page[size]": 2})]
    assert names == [f"G{n}" for n in range(5)]
    assert [r.query.count("page[after]") for r in zendesk.requests] == [0, 1, 1]


def test_freshdesk_lists_follow_link_headers_to_the_end(freshdesk):
    for n in range(5):
        freshdesk.add_agent(f"A{n}", f"a{n}@example.com")
    with client(freshdesk) as http:
        names = [a["contact"]["name"] for a in http.pages("/api/v2/agents", params={"per_page": 2})]
    assert names == [f"A{n}" for n in range(5)]


def test_429_waits_as_long_as_retry_after_says(zendesk):
    zendesk.inject(429, path="/groups", retry_after="7", times=2)
    waits = Waits()
    with client(zendesk, waits) as http:
        assert http.get("/api/v2/groups")["groups"] == []
    assert waits == [7, 7]


def test_429_without_retry_after_waits_the_fallback_delay(zendesk):
    zendesk.inject(429, path="/groups")
    waits = Waits()
    with client(zendesk, waits, fallback_wait=12) as http:
        http.get("/api/v2/groups")
    assert waits == [12]


def test_429_on_a_post_is_sent_again_because_it_was_not_processed(zendesk):
    zendesk.inject(429, method="POST", retry_after="1")
    with client(zendesk) as http:
        http.request("POST", "/api/v2/groups", body={"group": {"name": "Billing"}})
    assert [w.status for w in zendesk.writes()] == [429, 201]
    assert len(zendesk.objects("groups")) == 1


def test_a_wait_longer_than_the_limit_is_an_error_not_a_hang(zendesk):
    zendesk.inject(429, retry_after="3600")
    with client(zendesk, max_retry_after=300) as http, pytest.raises(RequestFailed, match="3600 s"):
        http.get("/api/v2/groups")


def test_503_on_a_read_is_retried_with_growing_delays(zendesk):
    zendesk.inject(503, method="GET", times=3)
    waits = Waits()
    with client(zendesk, waits) as http:
        http.get("/api/v2/groups")
    assert waits == [1, 2, 4]


def test_a_read_that_keeps_failing_gives_up_after_the_bounded_attempts(zendesk):
    zendesk.inject(500, method="GET", times=None)
    with client(zendesk, attempts=3) as http, pytest.raises(RequestFailed, match="gave up after 3 attempts"):
        http.get("/api/v2/groups")
    assert len(zendesk.requests) == 3


def test_503_on_a_post_is_not_sent_again(zendesk):
    zendesk.inject(503, method="POST", after=True)
    with client(zendesk) as http, pytest.raises(OutcomeUnknown, match="may or may not have taken effect"):
        http.request("POST", "/api/v2/groups", body={"group": {"name": "Billing"}})
    assert len(zendesk.writes()) == 1
    assert zendesk.find("groups", "Billing")  # it did take effect: the caller must re-read, not re-send


def test_a_put_is_idempotent_and_retried(zendesk):
    gid = zendesk.ui_create("groups", {"name": "Billing"})
    zendesk.inject(502, method="PUT")
    with client(zendesk) as http:
        http.request("PUT", f"/api/v2/groups/{gid}", body={"group": {"name": "Billing 2"}})
    assert zendesk.find("groups", "Billing 2")


def test_a_timed_out_post_is_outcome_unknown(zendesk):
    zendesk.inject(None, method="POST", delay=0.3)
    fast = Client(settings(zendesk), sleep=Waits(), timeout=httpx.Timeout(0.1))
    with fast, pytest.raises(OutcomeUnknown, match="ReadTimeout"):
        fast.request("POST", "/api/v2/groups", body={"group": {"name": "Billing"}})


def test_a_refusal_carries_the_vendors_own_explanation(zendesk):
    zendesk.ui_create("groups", {"name": "Billing"})
    with client(zendesk) as http, pytest.raises(RequestFailed) as caught:
        http.request("POST", "/api/v2/groups", body={"group": {"name": "Billing"}})
    assert caught.value.status == 422
    assert "name: Name: has already been taken" in str(caught.value)


def test_freshdesk_409_duplicate_is_a_refusal_not_a_retry(freshdesk):
    freshdesk.store["groups"][1] = {"id": 1, "name": "Billing"}
    with client(freshdesk) as http, pytest.raises(RequestFailed, match="duplicate_value"):
        http.request("POST", "/api/v2/groups", body={"name": "Billing"})
    assert len(freshdesk.writes()) == 1


def test_wrong_credentials_message_holds_no_secret(zendesk):
    wrong = Settings(VENDORS["zendesk"], zendesk.url, (f"{zd.EMAIL}/token", "very-secret-token"))
    with Client(wrong) as http, pytest.raises(RequestFailed) as caught:
        http.get("/api/v2/groups")
    assert caught.value.status == 401 and "very-secret-token" not in str(caught.value)


def test_unreachable_server_is_retried_then_reported(zendesk):
    dead = Settings(VENDORS["zendesk"], "http://127.0.0.1:9", ("u", "p"))
    waits = Waits()
    with (
        Client(dead, sleep=waits) as http,
        pytest.raises(RequestFailed, match="could not connect to http://127.0.0.1:9"),
    ):
        http.get("/api/v2/groups")
    assert waits == [1, 2, 4, 8]


def test_a_next_link_to_another_host_is_not_followed(zendesk):
    with client(zendesk) as http, pytest.raises(LiveError, match="another host"):
        http.get("https://elsewhere.example/api/v2/groups")


def test_env_helper_matches_what_settings_from_env_reads(freshdesk):
    found = settings_from_env("freshdesk", env=env(freshdesk))
    assert found == settings(freshdesk)
