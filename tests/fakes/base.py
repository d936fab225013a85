"""What both fakes share: a loopback HTTP server, routing, auth, the request log and injected faults."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.helpers import TODAY

READ_METHODS = ("GET", "HEAD")


class Refusal(Exception):
    """Raised by a handler: answer with this status, body and headers instead of a result."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


@dataclass
class Call:
    """One request as a handler sees it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    base: str  # scheme://host:port, for the links a response carries

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass(frozen=True)
class Recorded:
    """A request the server received, whatever it answered."""

    method: str
    path: str
    query: str
    body: Any
    status: int

    @property
    def is_write(self) -> bool:
        return self.method not in READ_METHODS


@dataclass
class Fault:
    """An injected failure: answer `status` to matching requests, `times` times (None: always).

    `after=True` lets the request take effect first and only then fails it, the
    case a client cannot tell from a failure before the write ("outcome unknown").
    """

    status: int | None
    method: str | None = None
    path: re.Pattern[str] | None = None
    times: int | None = 1
    retry_after: str | None = None
    after: bool = False
    body: Any = None
    delay: float = 0.0  # seconds to stall before answering (for timeouts); status None: then answer normally
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.fired >= self.times:
            return False
        if self.method is not None and self.method != method:
            return False
        return self.path is None or bool(self.path.search(path))


Handler = Callable[..., Any]


@dataclass
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


@dataclass
class FakeServer:
    """A fake API served on 127.0.0.1; subclasses add routes, auth and their error shapes."""

    today: dt.date = TODAY  # holidays are checked against it (Zendesk: within two years)
    requests: list[Recorded] = field(default_factory=list, repr=False)
    faults: list[Fault] = field(default_factory=list, repr=False)
    routes: list[Route] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._ids = 1000
        self.setup()

    # -- to override ------------------------------------------------------------------------
    def setup(self) -> None:
        """Register routes and seed the account."""

    def authorized(self, user: str, password: str) -> bool:
        raise NotImplementedError

    def unauthorized(self) -> Refusal:
        return Refusal(401, {"error": "Couldn't authenticate you"})

    def not_found(self) -> Refusal:
        return Refusal(404, {"error": "InvalidEndpoint", "description": "Not found"})

    def failure(self, fault: Fault) -> Refusal:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
        default = {"error": "TooManyRequests"} if fault.status == 429 else {"error": "ServiceUnavailable"}
        return Refusal(fault.status or 500, fault.body or default, headers)

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> FakeServer:
        fake = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stall)

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, headers, body = fake.dispatch(
                    self.command, self.path, self.headers.get("Authorization", ""), raw, self.headers.get("Host", "")
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
                pass  # tests read `requests` instead of a log on stderr

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that gave up (a timeout test) is not the fake's problem

        self._server = Server(("127.0.0.1", 0), RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name=type(self).__name__, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- test controls ----------------------------------------------------------------------
    def inject(
        self,
        status: int,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int | None = 1,
        retry_after: str | None = None,
        after: bool = False,
        body: Any = None,
        delay: float = 0.0,
    ) -> Fault:
        """Fail matching requests (`path` is a regular expression searched in the path).

        `status=None` with a `delay` only stalls the answer (a slow server, for timeouts).
        """
        fault = Fault(status, method, re.compile(path) if path else None, times, retry_after, after, body, delay)
        with self.lock:
            self.faults.append(fault)
        return fault

    def ui(self, method: str, path: str, body: Any = None) -> Any:
        """Do what an administrator does in the web UI, through the API's own handlers and validation (the
        request is not logged and no fault is injected): the answer's body, or AssertionError on a refusal."""
        with self.lock:
            try:
                status, _, result = self._handle(method, path, "", body, "127.0.0.1")
            except Refusal as refusal:
                raise AssertionError(f"{method} {path} refused: {refusal.status} {refusal.body}") from None
            return json.loads(json.dumps(result))

    def writes(self) -> list[Recorded]:
        """Every request that could change something (not GET), in order."""
        with self.lock:
            return [r for r in self.requests if r.is_write]

    def clear_log(self) -> None:
        with self.lock:
            self.requests.clear()

    def new_id(self) -> int:
        with self.lock:
            self._ids += 1
            return self._ids

    def stamp(self) -> str:
        """Timestamps are fixed (the fake's `today` at noon UTC), so responses are reproducible."""
        return f"{self.today.isoformat()}T12:00:00Z"

    # -- request handling -------------------------------------------------------------------
    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append(Route(method, re.compile(f"^{pattern}$"), handler))

    def dispatch(self, method: str, target: str, authorization: str, raw: bytes, host: str) -> tuple[int, dict, bytes]:
        parts = urlsplit(target)
        path = parts.path.removesuffix(".json")
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        stall = self._stall(method, path)
        if stall:
            time.sleep(stall)
        with self.lock:
            try:
                status, headers, result = self._answer(method, path, parts.query, authorization, body, host)
            except Refusal as refusal:
                status, headers, result = refusal.status, refusal.headers, refusal.body
            self.requests.append(Recorded(method, path, parts.query, body, status))
            # Serialised under the lock, so handlers may answer with the stored objects themselves.
            payload = b"" if result is None else json.dumps(result).encode()
        headers = {"Content-Type": "application/json; charset=utf-8", **headers}
        return status, headers, payload

    def _answer(
        self, method: str, path: str, query: str, authorization: str, body: Any, host: str
    ) -> tuple[int, dict, Any]:
        if not self._check_auth(authorization):
            raise self.unauthorized()
        before = self._fault(method, path, after=False)
        if before is not None:
            raise self.failure(before)
        if isinstance(body, str):
            raise self.bad_json()
        return self._handle(method, path, query, body, host)

    def _handle(self, method: str, path: str, query: str, body: Any, host: str) -> tuple[int, dict, Any]:
        call = Call(method, path, parse_qs(query, keep_blank_values=True), body, f"http://{host}")
        allowed = False
        for route in self.routes:
            match = route.pattern.match(path)
            if match is None:
                continue
            allowed = True
            if route.method != method:
                continue
            outcome = route.handler(call, **match.groupdict())
            status, result, headers = outcome if len(outcome) == 3 else (*outcome, {})
            later = self._fault(method, path, after=True)
            if later is not None:
                raise self.failure(later)
            return status, headers, result
        if allowed:
            raise Refusal(405, None, {"Allow": ", ".join(r.method for r in self.routes if r.pattern.match(path))})
        raise self.not_found()

    def bad_json(self) -> Refusal:
        return Refusal(400, {"error": "InvalidJSON"})

    def _stall(self, method: str, path: str) -> float:
        with self.lock:
            for fault in self.faults:
                if fault.status is None and fault.matches(method, path):
                    fault.fired += 1
                    return fault.delay
        return 0.0

    def _fault(self, method: str, path: str, *, after: bool) -> Fault | None:
        for fault in self.faults:
            if fault.status is not None and fault.after == after and fault.matches(method, path):
                fault.fired += 1
                return fault
        return None

    def _check_auth(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except ValueError:
            return False
        return self.authorized(user, password)


def require(condition: bool, refusal: Callable[[], Refusal]) -> None:
    if not condition:
        raise refusal()
