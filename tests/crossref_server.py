"""A real HTTP server on 127.0.0.1 that answers like Crossref and doi.org, for tests.

It serves the fixtures in ``tests/fixtures/crossref/`` the way the live services answer
(as recorded): ``/works/{doi}`` (percent-encoded or not) with a ``work`` envelope or the
plain-text 404 ``Resource not found.``; ``/works?filter=doi:A,doi:B&rows=N`` (ORed
filters, DOIs lower-cased, missing ones absent, invalid ones a 400); ``/works?
query.bibliographic=...`` with scores; rate-limit headers on every pooled answer; and
doi.org's ``/ra/{doi},{doi}`` and ``/api/handles/{doi}``.

Each test can script what goes wrong, per route, in order::

    server.script("list", Reply.too_many(), Reply.unavailable())   # then normal answers
    server.script("work", Reply.drop())
    server.script("any", Reply.slow(2.0))

Every request is recorded in ``server.requests`` for assertions.
"""

from __future__ import annotations

import json
import math
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"

NOT_FOUND_TEXT = b"Resource not found."
TOO_MANY_HTML = (
    b"<html><body><h1>429 Too Many Requests</h1>\n"
    b"You have sent too many requests in a given amount of time.\n</body></html>\n"
)
UNAVAILABLE_HTML = (
    b"<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n"
    b"<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"
)
FORBIDDEN_HTML = b"<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_REQUEST_LINE = 4096


@dataclass(frozen=True)
class Reply:
    """A scripted answer. ``status`` None means: answer normally (after ``delay``)."""

    status: int | None = None
    body: bytes = b""
    content_type: str = "text/html"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    reset: bool = False

    @classmethod
    def too_many(cls, retry_after: str | None = None) -> Reply:
        """429 with an HTML body and no rate headers (Retry-After only if given)."""
        headers = (("Retry-After", retry_after),) if retry_after is not None else ()
        return cls(429, TOO_MANY_HTML, "text/html", headers)

    @classmethod
    def unavailable(cls) -> Reply:
        """503 page from the load balancer."""
        return cls(503, UNAVAILABLE_HTML, "text/html", (("Server", "awselb/2.0"),))

    @classmethod
    def blocked(cls) -> Reply:
        return cls(403, FORBIDDEN_HTML, "text/html")

    @classmethod
    def slow(cls, seconds: float) -> Reply:
        """The normal answer, ``seconds`` late (longer than the client's timeout: a timeout)."""
        return cls(None, delay=seconds)

    @classmethod
    def drop(cls) -> Reply:
        """Reset the connection without an answer."""
        return cls(None, reset=True)

    @classmethod
    def status_code(cls, status: int, body: bytes = b"", content_type: str = "text/plain") -> Reply:
        return cls(status, body, content_type)


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    route: str
    query: Mapping[str, str]
    headers: Mapping[str, str]


@dataclass
class Limits:
    rate: int = 3
    interval: str = "1s"
    concurrency: int = 3


@dataclass
class _State:
    works: dict[str, dict[str, Any]]
    agencies: dict[str, str]
    scripts: dict[str, deque[Reply]] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    limits: dict[str, Limits] = field(
        default_factory=lambda: {"single": Limits(10, "1s", 3), "list": Limits(3, "1s", 3)}
    )
    blocked: bool = False
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def load_fixture_works(folder: Path = FIXTURES) -> dict[str, dict[str, Any]]:
    """Fixture works by lower-cased DOI."""
    works: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("10.*.json")):
        work = json.loads(path.read_text(encoding="utf-8"))
        works[work["DOI"].lower()] = work
    return works


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _searchable(work: Mapping[str, Any]) -> set[str]:
    parts: list[str] = []
    for name in ("title", "subtitle", "container-title", "short-container-title"):
        parts.extend(str(v) for v in work.get(name, []))
    for person in work.get("author", []):
        parts.append(str(person.get("family", "")))
        parts.append(str(person.get("given", "")))
    for name in ("volume", "issue", "page", "DOI"):
        parts.append(str(work.get(name, "")))
    issued = work.get("issued", {}).get("date-parts", [[None]])[0]
    if issued and issued[0]:
        parts.append(str(issued[0]))
    return set(_tokens(" ".join(parts)))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if len(self.raw_requestline.rstrip(b"\r\n")) > MAX_REQUEST_LINE:
            self._send(414, b"<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>", "text/html")
            self.close_connection = True
            return False
        return True

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            self._respond()
        finally:
            with state.lock:
                state.in_flight -= 1

    def _respond(self) -> None:
        state = self.server.state
        raw_path, _, query_text = self.path.partition("?")
        query = dict(parse_qsl(query_text, keep_blank_values=True))
        route = self._route(raw_path, query)
        with state.lock:
            state.requests.append(
                RecordedRequest(
                    self.path, route, query, {k.lower(): v for k, v in self.headers.items()}
                )
            )
            scripted = None
            for name in (route, "any"):
                queue = state.scripts.get(name)
                if queue:
                    scripted = queue.popleft()
                    break
            blocked = state.blocked
        if scripted is not None:
            if scripted.delay:
                time.sleep(scripted.delay)
            if scripted.reset:
                self._reset()
                return
            if scripted.status is not None:
                self._send(scripted.status, scripted.body, scripted.content_type, scripted.headers)
                return
        if blocked and route in ("work", "list", "search"):
            self._send(403, FORBIDDEN_HTML, "text/html")
            return
        self._answer(route, raw_path, query)

    # -- routing ----------------------------------------------------------------------------
    @staticmethod
    def _route(path: str, query: Mapping[str, str]) -> str:
        if path.startswith("/ra/"):
            return "ra"
        if path.startswith("/api/handles/"):
            return "handle"
        if path.startswith("/works/"):
            return "work"
        if path == "/works":
            return "search" if any(k.startswith("query") for k in query) else "list"
        return "other"

    def _answer(self, route: str, path: str, query: Mapping[str, str]) -> None:
        if route == "work":
            self._work(unquote(path.removeprefix("/works/")), query)
        elif route in ("list", "search"):
            self._works(query)
        elif route == "ra":
            self._ra(path.removeprefix("/ra/"))
        elif route == "handle":
            self._handle(path.removeprefix("/api/handles/"))
        else:
            self._send(404, NOT_FOUND_TEXT, "text/plain", pooled=True)

    def _work(self, doi: str, query: Mapping[str, str]) -> None:
        unknown = [k for k in query if k != "mailto"]
        if unknown:
            self._failure(
                "unknown-parameter", unknown[0], f"Parameter {unknown[0]} specified but not allowed"
            )
            return
        work = self.server.state.works.get(doi.lower())
        if work is None:
            self._send(404, NOT_FOUND_TEXT, "text/plain", pooled=True)
            return
        envelope = {
            "status": "ok",
            "message-type": "work",
            "message-version": "1.0.0",
            "message": {**work, "DOI": work["DOI"].lower()},
        }
        self._json(envelope)

    def _works(self, query: Mapping[str, str]) -> None:
        rows_text = query.get("rows", "20")
        if not rows_text.isdigit() or int(rows_text) > 1000:
            self._failure("integer-not-valid", rows_text, "rows must be an integer <= 1000")
            return
        rows = int(rows_text)
        works = self.server.state.works
        if "query.bibliographic" in query:
            items = self._search(query["query.bibliographic"], rows)
            total = len(items)
        else:
            wanted: list[str] = []
            for part in filter(None, query.get("filter", "").split(",")):
                name, _, value = part.partition(":")
                if name != "doi":
                    self._failure(
                        "filter-not-available", name, f"Filter {name} specified but not available"
                    )
                    return
                if not _DOI.match(value):
                    self._failure(
                        "doi-not-valid",
                        value,
                        f"DOI specified as {value} but must be of the form 10.prefix/suffix",
                    )
                    return
                wanted.append(value.lower())
            found = [works[doi] for doi in dict.fromkeys(wanted) if doi in works]
            total = len(found)
            items = [{**w, "DOI": w["DOI"].lower(), "score": 0.0} for w in found[:rows]]
        message = {
            "facets": {},
            "total-results": total,
            "items": items,
            "items-per-page": rows,
            "query": {"start-index": 0, "search-terms": None},
        }
        self._json(
            {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": message,
            }
        )

    def _search(self, text: str, rows: int) -> list[dict[str, Any]]:
        works = list(self.server.state.works.values())
        indexed = [(work, _searchable(work)) for work in works]
        terms = _tokens(text)
        scored = []
        for work, words in indexed:
            score = 0.0
            for term in terms:
                if term in words:
                    frequency = sum(1 for _, other in indexed if term in other)
                    score += 1.0 + math.log(len(indexed) / frequency)
            if score > 0:
                scored.append((round(score * 4, 3), work))
        scored.sort(key=lambda pair: -pair[0])
        return [{**w, "DOI": w["DOI"].lower(), "score": s} for s, w in scored[:rows]]

    def _ra(self, raw: str) -> None:
        state = self.server.state
        answer = []
        for part in raw.split(","):
            doi = unquote(part).strip()
            if not _DOI.match(doi):
                answer.append({"DOI": doi, "status": "Invalid DOI"})
            elif doi.lower() in state.works:
                answer.append({"DOI": doi, "RA": "Crossref"})
            elif doi.lower() in state.agencies:
                answer.append({"DOI": doi, "RA": state.agencies[doi.lower()]})
            else:
                answer.append({"DOI": doi, "status": "DOI does not exist"})
        self._send(200, json.dumps(answer, indent=2).encode(), "application/json;charset=utf-8")

    def _handle(self, raw: str) -> None:
        state = self.server.state
        doi = unquote(raw)
        known = "%2f" not in raw.lower() and (
            doi.lower() in state.works or doi.lower() in state.agencies
        )
        if not known:
            self._send(
                404,
                json.dumps({"responseCode": 100, "handle": doi}).encode(),
                "application/json;charset=utf-8",
            )
            return
        values = [
            {
                "index": 1,
                "type": "URL",
                "data": {"format": "string", "value": f"https://example.org/{doi}"},
            }
        ]
        body = {"responseCode": 1, "handle": doi, "values": values}
        self._send(200, json.dumps(body).encode(), "application/json;charset=utf-8")

    # -- writing ----------------------------------------------------------------------------
    def _failure(self, kind: str, value: str, message: str) -> None:
        body = {
            "status": "failed",
            "message-type": "validation-failure",
            "message": [{"type": kind, "value": value, "message": message}],
        }
        self._send(400, json.dumps(body).encode(), "application/json;charset=utf-8", pooled=True)

    def _json(self, envelope: Mapping[str, Any]) -> None:
        self._send(
            200, json.dumps(envelope, ensure_ascii=False).encode(), "application/json", pooled=True
        )

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: tuple[tuple[str, str], ...] = (),
        *,
        pooled: bool = False,
    ) -> None:
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if pooled:
            kind = "single" if self.path.startswith("/works/") else "list"
            limits = self.server.state.limits[kind]
            self.send_header("x-api-pool", "polite")
            self.send_header("x-rate-limit-limit", str(limits.rate))
            self.send_header("x-rate-limit-interval", limits.interval)
            self.send_header("x-concurrency-limit", str(limits.concurrency))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    state: _State

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out and hang up mid-answer are part of the tests, not errors.
        pass


class CrossrefTestServer:
    """Start with ``with CrossrefTestServer() as server:``; ``server.url`` is its base URL."""

    def __init__(self, works: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        agencies = json.loads((FIXTURES / "agencies.json").read_text(encoding="utf-8"))
        self.state = _State(
            works={k.lower(): dict(v) for k, v in (works or load_fixture_works()).items()},
            agencies={k.lower(): v for k, v in agencies.items()},
        )
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def max_in_flight(self) -> int:
        """The most requests the server was answering at once."""
        with self.state.lock:
            return self.state.max_in_flight

    def requests_to(self, route: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.route == route]

    def script(self, route: str, *replies: Reply) -> None:
        """Queue answers for a route: work, list, search, ra, handle, or any."""
        with self.state.lock:
            self.state.scripts.setdefault(route, deque()).extend(replies)

    def block(self, blocked: bool = True) -> None:
        """Answer 403 to every Crossref request."""
        with self.state.lock:
            self.state.blocked = blocked

    def set_limits(self, kind: str, rate: int, interval: str = "1s", concurrency: int = 3) -> None:
        with self.state.lock:
            self.state.limits[kind] = Limits(rate, interval, concurrency)

    def start(self) -> CrossrefTestServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> CrossrefTestServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()
