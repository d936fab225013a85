"""The HTTP client of the live commands: httpx, with retries that cannot duplicate a write.

Rules (from the vendors' rate-limit pages and what peers learnt, see
../shared/reference/live-apis.md §1.2):

- **429**: the request was not processed, so any method is sent again after
  `Retry-After` (seconds or an HTTP date), else `ratelimit-reset`, else a
  fallback delay; a wait longer than `max_retry_after` is an error, not a hang.
- **5xx, 409 and broken connections**: GET, PUT and DELETE are idempotent and are
  retried with bounded exponential backoff. A POST or PATCH whose answer was lost
  may have taken effect: it is never re-sent here; `OutcomeUnknown` tells the
  caller to re-read the account first (and only then, if the object is absent,
  to send it again).
- A connection that could not be opened sent nothing: any method is retried.
- Every request has a timeout. Credentials come from the environment only, are
  sent as a Basic-auth header, and appear in no message, `repr` or log. Plain
  `http://` is refused except to a loopback address (a local test server), and
  no request follows a link to another origin.
"""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from playbook.source import UsageError

IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({500, 502, 503, 504})


class LiveError(UsageError):
    """A problem the user must act on. Its message is safe to print: it never holds a secret."""


class RequestFailed(LiveError):
    """The help desk refused a request (4xx), or kept failing after every retry."""

    def __init__(self, method: str, path: str, status: int | None, reason: str, details: list[str] | None = None):
        self.method, self.path, self.status, self.details = method, path, status, details or []
        where = f"{method} {path}"
        status_text = f" answered {status}" if status is not None else ""
        extra = f": {'; '.join(self.details)}" if self.details else ""
        super().__init__(f"{where}{status_text} ({reason}){extra}")


class OutcomeUnknown(LiveError):
    """A write that is not safe to repeat failed after it may have taken effect."""

    def __init__(self, method: str, path: str, reason: str):
        self.method, self.path = method, path
        super().__init__(f"{method} {path}: {reason}; it may or may not have taken effect")


@dataclass(frozen=True)
class Vendor:
    name: str
    url_variable: str
    credential_variables: tuple[str, ...]
    auth: Callable[[Mapping[str, str]], tuple[str, str]]
    paging: str  # "cursor" (Zendesk) or "link" (Freshdesk)
    example: str
    transient: frozenset[int] = RETRY_STATUSES  # statuses worth another try (idempotent requests only)


VENDORS = {
    "zendesk": Vendor(
        "Zendesk",
        "ZENDESK_URL",
        ("ZENDESK_EMAIL", "ZENDESK_API_TOKEN"),
        # developer.zendesk.com "Security and authentication": {email_address}/token:{api_token}
        lambda env: (f"{env['ZENDESK_EMAIL']}/token", env["ZENDESK_API_TOKEN"]),
        "cursor",
        "https://acme.zendesk.com",
        RETRY_STATUSES | {409},  # Zendesk answers 409 to concurrent edits of one object (Salto retries it too)
    ),
    "freshdesk": Vendor(
        "Freshdesk",
        "FRESHDESK_URL",
        ("FRESHDESK_API_KEY",),
        # developers.freshdesk.com "Authentication": the API key as user name, any password ("X")
        lambda env: (env["FRESHDESK_API_KEY"], "X"),
        "link",
        "https://acme.freshdesk.com",
    ),
}


@dataclass(frozen=True)
class Settings:
    """Where to connect and as whom. `repr` shows the address only."""

    vendor: Vendor
    base_url: str
    credentials: tuple[str, str] = field(repr=False)

    @property
    def loopback(self) -> bool:
        return _is_loopback(urlsplit(self.base_url).hostname or "")


def settings_from_env(target: str, url: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Connection settings for `target` from the environment (and `--url`); a clear error when incomplete."""
    env = os.environ if env is None else env
    vendor = VENDORS[target]
    address = url or env.get(vendor.url_variable, "")
    missing = [name for name in (vendor.url_variable,) if not address] + [
        name for name in vendor.credential_variables if not env.get(name)
    ]
    if missing:
        raise LiveError(
            f"set {' and '.join(missing)} to connect to {vendor.name} "
            f"(e.g. {vendor.url_variable}={vendor.example}; credentials are read only from the environment)"
        )
    return Settings(vendor, check_url(address, vendor), vendor.auth(env))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(address: str, vendor: Vendor) -> str:
    """The account's base URL (scheme://host[:port]); https only, except to a loopback address."""
    try:
        parts = urlsplit(address.strip())
        parts.port  # noqa: B018 - reading it is what checks it (a port past 65535, letters)
    except ValueError as exc:
        # The address may hold a secret (user:password@), so it is named only when it cannot.
        named = f"{address!r} is" if "@" not in address else "the address is"
        raise LiveError(f"{named} not a {vendor.name} URL ({exc}); write it like {vendor.example}") from None
    if parts.username or parts.password:
        # Never echo the address: it holds a secret.
        raise LiveError(f"the {vendor.name} URL must not contain credentials; put them in the environment variables")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise LiveError(f"{address!r} is not a {vendor.name} URL; write it like {vendor.example}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise LiveError(
            f"refusing plain http:// to {parts.hostname}: credentials would travel unencrypted; use https://"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise LiveError(f"give the account's address only, like {vendor.example} (no path or query)")
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request, the first included
    base_delay: float = 1.0  # backoff: 1, 2, 4, 8 ... seconds
    max_delay: float = 30.0
    fallback_wait: float = 60.0  # a 429 without Retry-After (seen on Zendesk per-user limits)
    max_retry_after: float = 300.0


@functools.cache
def _tls() -> Any:
    """One TLS context per process (loading the CA bundle costs ~0.2 s)."""
    return httpx.create_ssl_context()


@dataclass
class Counters:
    requests: int = 0
    writes: int = 0
    waited: float = 0.0


class Client:
    """Requests to one help-desk account, JSON in and out."""

    def __init__(
        self,
        settings: Settings,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[str], None] | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        self.settings = settings
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.on_wait = on_wait
        self.counters = Counters()
        self.record: Callable[[str, int, Any], None] | None = None  # (path, page, body) of every read, for --save
        self._http = httpx.Client(
            base_url=settings.base_url,
            auth=httpx.BasicAuth(*settings.credentials),
            timeout=timeout or httpx.Timeout(30.0, connect=10.0),
            verify=_tls(),
            trust_env=not settings.loopback,  # proxies from the environment, but never for a local server
            headers={"Accept": "application/json", "User-Agent": "playbook-live"},
        )

    def __repr__(self) -> str:
        return f"Client({self.settings.base_url})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------------
    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        body = self.request("GET", path, params=params)
        if self.record is not None and not params:
            self.record(path, 1, body)
        return body

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None) -> Any:
        """Send one request (with the retries the rules allow) and return its JSON (None when empty)."""
        response = self._send(method, path, params, body)
        return _json(response, method, path)

    def _send(self, method: str, path: str, params: Mapping[str, Any] | None, body: Any) -> httpx.Response:
        self._same_origin(path)
        policy = self.policy
        last = ""
        for attempt in range(1, policy.attempts + 1):
            self.counters.requests += 1
            if method not in ("GET", "HEAD"):
                self.counters.writes += 1
            try:
                response = self._http.request(method, path, params=params, json=body)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                # Nothing was sent: safe to repeat. The address is named: a mistyped one is the usual cause.
                last = f"could not connect to {self.settings.base_url}: {_reason(exc)}"
                self._backoff(attempt, None, last)
                continue
            except httpx.TransportError as exc:
                last = f"connection broke: {_reason(exc)}"
                if method not in IDEMPOTENT:
                    raise OutcomeUnknown(method, path, last) from None
                self._backoff(attempt, None, last)
                continue
            status = response.status_code
            if status == 429:
                last = "rate limited"
                self._wait(_retry_after(response, policy.fallback_wait), method, path, attempt)
                continue
            if status in self.settings.vendor.transient:
                last = f"{status} {response.reason_phrase}"
                if method not in IDEMPOTENT:
                    raise OutcomeUnknown(method, path, f"the server answered {last}")
                self._backoff(attempt, _retry_after(response, None), last)
                continue
            if status >= 400:
                raise RequestFailed(method, path, status, response.reason_phrase, _details(response))
            return response
        raise RequestFailed(method, path, None, f"gave up after {policy.attempts} attempts; last: {last}")

    def _wait(self, seconds: float, method: str, path: str, attempt: int) -> None:
        if attempt >= self.policy.attempts:
            return
        if seconds > self.policy.max_retry_after:
            raise RequestFailed(
                method, path, 429, f"rate limited; the help desk asks to wait {seconds:.0f} s, more than we wait"
            )
        self._pause(seconds, f"rate limited: waiting {seconds:g} s")

    def _backoff(self, attempt: int, asked: float | None, why: str) -> None:
        if attempt >= self.policy.attempts:
            return
        delay = min(self.policy.max_delay, self.policy.base_delay * 2 ** (attempt - 1))
        if asked is not None:
            delay = min(max(delay, asked), self.policy.max_retry_after)
        self._pause(delay, f"{why}: retrying in {delay:g} s")

    def _pause(self, seconds: float, message: str) -> None:
        if self.on_wait is not None:
            self.on_wait(message)
        self.counters.waited += seconds
        self.sleep(seconds)

    def _same_origin(self, path: str) -> None:
        """Credentials go to the configured account only, never to a host a response links to."""
        if "://" in path:
            parts, base = urlsplit(path), urlsplit(self.settings.base_url)
            if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
                raise LiveError(f"refusing to follow a link to another host ({parts.netloc})")

    # -- lists ------------------------------------------------------------------------------
    def pages(self, path: str, key: str | None = None, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """Every item of a list, following the vendor's pagination (Zendesk cursors, Freshdesk Link headers)."""
        query: dict[str, Any] | None = dict(params or {})
        if self.settings.vendor.paging == "cursor":
            query.setdefault("page[size]", 100)  # type: ignore[union-attr]
        else:
            query.setdefault("per_page", 100)  # type: ignore[union-attr]
        url: str | None = path
        seen: set[str] = set()
        page = 0
        while url is not None:
            response = self._send("GET", url, query, None)
            body = _json(response, "GET", url)
            page += 1
            if self.record is not None and not params:
                self.record(path, page, body)
            items = body if key is None else (body or {}).get(key)
            if not isinstance(items, list):
                raise RequestFailed("GET", path, response.status_code, f"the answer holds no '{key or 'list'}'")
            yield from items
            url = _next_page(response, body)
            if url is not None:
                if url in seen:
                    raise RequestFailed("GET", path, response.status_code, "pagination repeats a page")
                seen.add(url)
            query = None  # the next link carries its own query

    def all(self, path: str, key: str | None = None, params: Mapping[str, Any] | None = None) -> list[Any]:
        return list(self.pages(path, key, params))


def _next_page(response: httpx.Response, body: Any) -> str | None:
    if isinstance(body, dict):
        meta, links = body.get("meta") or {}, body.get("links") or {}
        if "has_more" in meta:
            return links.get("next") if meta.get("has_more") else None
        if body.get("next_page"):
            return str(body["next_page"])
        return None
    link = response.links.get("next")
    return link.get("url") if link else None


def _json(response: httpx.Response, method: str, path: str) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise RequestFailed(method, path, response.status_code, "the answer is not JSON") from None


def _retry_after(response: httpx.Response, fallback: float | None) -> float | None:  # type: ignore[return]
    for header in ("Retry-After", "ratelimit-reset"):
        value = response.headers.get(header)
        if value is None:
            continue
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            continue
        return max(0.0, when.timestamp() - time.time())
    return fallback


def _details(response: httpx.Response) -> list[str]:
    """The vendor's own words about a refusal (Zendesk `details`, Freshdesk `errors`)."""
    try:
        body = response.json()
    except ValueError:
        return [response.text.strip()[:200]] if response.text.strip() else []
    found: list[str] = []
    if isinstance(body, dict):
        for name, problems in (body.get("details") or {}).items():
            for problem in problems if isinstance(problems, list) else [problems]:
                text = problem.get("description") if isinstance(problem, dict) else str(problem)
                found.append(f"{name}: {text}")
        for problem in body.get("errors") or []:
            if isinstance(problem, dict):
                found.append(f"{problem.get('field')}: {problem.get('message')} ({problem.get('code')})")
        if not found:
            error = body.get("error")
            message = body.get("description") or body.get("message")
            if isinstance(error, dict):
                message = error.get("message") or error.get("title")
                error = None
            found = [text for text in (error, message) if isinstance(text, str) and text]
    return found


def _reason(exc: Exception) -> str:
    return type(exc).__name__
