"""The Crossref client: many DOIs per request, several requests in flight, politely, with a cache.

habanero builds and sends the Crossref requests (``/works/{doi}``, ``/works?filter=doi:...``
and ``query.bibliographic`` searches).  On its own it sends one request at a time with
no retries, no limits and no encoding of DOIs, cannot send the Metadata Plus header, and
hides the response headers that carry the pool's limits.  This module adds those:

* DOIs are looked up in batches (``filter=doi:A,doi:B,...`` with ``rows`` set and the URL
  under about 4 KB); a DOI containing a comma cannot be a filter value and goes alone
  to ``/works/{doi}``, percent-encoded.
* Requests run on a few threads, paced by a :class:`~refkit.crossref.limits.Throttle` per
  route kind that follows the ``x-rate-limit-*`` and ``x-concurrency-limit`` headers.
* 429, 5xx, timeouts and dropped connections are retried with exponential back-off and
  jitter (``Retry-After`` honoured); a DOI that still cannot be fetched is
  ``unreachable``, never ``not-found``.  A 403 means the service has blocked us: the run
  stops with :class:`BlockedError`.
* Answers come from the cache first and go into it as they arrive; one client never
  asks for the same DOI twice.

habanero offers no way to pass it an HTTP session, so the client lends it one through
the module reference habanero uses (see :func:`_lend_transport`); calls made by other
code through habanero are left exactly as they were.
"""

from __future__ import annotations

import random
import re
import threading
import types
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

import habanero
import habanero.request
import habanero.request_class
import httpx2

from refkit.crossref.agency import AgencyLookup
from refkit.crossref.cache import WorkCache
from refkit.crossref.limits import (
    DEFAULT_LIMITS,
    LIST,
    SINGLE,
    Backoff,
    PoolLimits,
    RequestStats,
    Throttle,
    parse_retry_after,
)
from refkit.doi import key as doi_key
from refkit.errors import ServiceError

WorkStatus = Literal["found", "not-found", "unreachable"]

#: Most DOIs in one ``filter=doi:...`` request.
BATCH_SIZE = 100
#: Longest request target (path and query) sent to Crossref, in bytes.
URL_BUDGET = 4000
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_BLOCKED = (
    "blocked by Crossref (HTTP 403): stop, check the contact address and the request rate, "
    "and write to support@crossref.org before retrying"
)


class BlockedError(ServiceError):
    """Crossref answered 403: this client is blocked, and asking again makes it worse."""


class UnreachableError(ServiceError):
    """Crossref could not be reached (after retries), or the client is offline."""


@dataclass(frozen=True, slots=True)
class WorkResult:
    """What Crossref said about one DOI.

    ``status`` is ``found`` (``work`` holds Crossref's record), ``not-found`` (Crossref does
    not know the DOI; another agency may), or ``unreachable`` (no answer after retries, or
    offline and not cached; ``error`` says why).  ``cached`` tells where the answer came from.
    """

    doi: str
    status: WorkStatus
    work: Mapping[str, Any] | None = None
    error: str = ""
    cached: bool = False


# -- lending habanero a transport ------------------------------------------------------------
@dataclass
class _Exchange:
    """One request as the client wants it sent, and the response that came back."""

    http: httpx2.Client
    headers: Mapping[str, str]
    params: Mapping[str, str]
    response: httpx2.Response | None = None


_current = threading.local()
_install_lock = threading.Lock()


class _TransportForHabanero(types.ModuleType):
    """Stands where habanero looks for ``httpx2``: the same module, except that ``get``
    goes through the calling client's connection pool, headers and parameters when a
    client is making the call on this thread, and remembers the response."""

    def __getattr__(self, name: str) -> Any:
        return getattr(httpx2, name)

    def get(self, url: str, **options: Any) -> httpx2.Response:
        exchange: _Exchange | None = getattr(_current, "exchange", None)
        if exchange is None:
            return httpx2.get(url, **options)
        headers = {**(options.get("headers") or {}), **exchange.headers}
        params = {**(options.get("params") or {}), **exchange.params}
        response = exchange.http.get(
            url, params=params, headers=headers, timeout=options.get("timeout")
        )
        exchange.response = response
        return response


def _lend_transport() -> None:
    # Single works go through habanero.request, lists and searches through habanero.request_class.
    with _install_lock:
        for module in (habanero.request, habanero.request_class):
            if not isinstance(module.httpx2, _TransportForHabanero):
                module.httpx2 = _TransportForHabanero("httpx2")


@dataclass(frozen=True, slots=True)
class _Outcome:
    """How one call to Crossref ended, after retries."""

    kind: Literal["ok", "not-found", "rejected", "unreachable"]
    payload: Mapping[str, Any] | None = None
    message: str = ""
    status: int | None = None


def _encode_path(doi: str) -> str:
    """A DOI as a path segment: reserved characters escaped, its slashes kept."""
    return urllib.parse.quote(doi, safe="/")


def _filter_cost(doi: str) -> int:
    # httpx escapes ':', '/' and ',' in query values, so each DOI costs its escaped
    # "doi:" form plus an escaped comma.
    return len(urllib.parse.quote_plus(f"doi:{doi}", safe="")) + 3


class CrossrefClient:
    """Looks up works, searches references and asks doi.org about agencies; see the module doc.

    ``mailto`` puts requests in Crossref's polite pool (sent as a parameter and in the
    User-Agent); ``plus_token`` sends ``Crossref-Plus-API-Token: Bearer KEY``.  ``user_agent``
    is added to refkit's own User-Agent (``refkit/<version> (mailto:...)``).  With
    ``offline`` nothing is sent: answers come from the cache or are ``unreachable``.
    Close the client (or use it as a context manager) to release its connections.
    """

    def __init__(
        self,
        base_url: str = "https://api.crossref.org",
        doi_url: str = "https://doi.org",
        mailto: str = "",
        plus_token: str = "",
        cache: WorkCache | None = None,
        timeout: float = 20,
        max_retries: int = 5,
        offline: bool = False,
        user_agent: str = "",
        *,
        batch_size: int = BATCH_SIZE,
        max_workers: int = 4,
        backoff: Backoff | None = None,
    ) -> None:
        from refkit import __version__

        self.base_url = base_url.rstrip("/")
        self.doi_url = doi_url.rstrip("/")
        self.mailto = mailto.strip()
        self.offline = offline
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        #: Why Crossref is given up on for the rest of the run, once every retry has failed.
        self._down = ""
        #: The URL Crossref answered 403 to, once it did: no request is sent after a block.
        self._blocked = ""
        self.batch_size = max(1, min(batch_size, 1000))
        self.backoff = backoff or Backoff()
        self.cache = cache
        self.stats = RequestStats()
        self.pool = "plus" if plus_token else "polite" if self.mailto else "public"
        contact = f" (mailto:{self.mailto})" if self.mailto else ""
        extra = f" {user_agent.strip()}" if user_agent.strip() else ""
        self.user_agent = f"refkit/{__version__}{contact}{extra} habanero/{habanero.__version__}"
        self._headers: dict[str, str] = {
            "User-Agent": self.user_agent,
            "X-User-Agent": self.user_agent,
        }
        if plus_token:
            self._headers["Crossref-Plus-API-Token"] = f"Bearer {plus_token.strip()}"
        self._params = {"mailto": self.mailto} if self.mailto else {}
        self._throttles = {
            kind: Throttle(DEFAULT_LIMITS[(self.pool, kind)], max_concurrency=max_workers)
            for kind in (SINGLE, LIST)
        }
        self._max_workers = max(1, max_workers)
        self._habanero = habanero.Crossref(
            base_url=self.base_url, mailto=self.mailto or None, timeout=timeout
        )
        self._http: httpx2.Client | None = None
        self._http_lock = threading.Lock()
        self._agency = AgencyLookup(
            self.doi_url,
            user_agent=self.user_agent,
            timeout=timeout,
            max_retries=self.max_retries,
            backoff=self.backoff,
            stats=self.stats,
        )
        self._memory: WorkCache | None = None
        self._memory_fallback: dict[str, WorkResult] = {}
        self._owns_cache = False
        self._stop = threading.Event()
        self._rng = random.Random()
        _lend_transport()

    @classmethod
    def from_environment(cls, **overrides: Any) -> CrossrefClient:
        """A client configured by the settings in force (see :mod:`refkit.config`):
        ``REFKIT_CROSSREF_URL``, ``REFKIT_DOI_URL``, ``REFKIT_MAILTO``,
        ``REFKIT_CROSSREF_PLUS_TOKEN``, ``REFKIT_CACHE_DIR`` and ``REFKIT_OFFLINE``, then
        ``refkit.toml`` or ``[tool.refkit]``.

        Keyword arguments override them; without a ``cache`` argument the persistent cache
        in the cache folder (by default the user cache directory) is used, and pass
        ``cache=None`` for none.
        """
        from refkit.config import load_settings

        found = load_settings()
        settings: dict[str, Any] = {
            "base_url": found["crossref_url"],
            "doi_url": found["doi_url"],
            "mailto": found["mailto"],
            "plus_token": found["plus_token"],
            "offline": bool(found["offline"]),
        }
        owns_cache = "cache" not in overrides
        if owns_cache:
            folder = str(found["cache_dir"]).strip()
            settings["cache"] = WorkCache(Path(folder) / "crossref.sqlite3" if folder else None)
        settings.update(overrides)
        client = cls(**settings)
        client._owns_cache = owns_cache
        return client

    # -- works ------------------------------------------------------------------------------
    def works(self, dois: Iterable[str]) -> Iterator[WorkResult]:
        """One result per distinct DOI (compared ignoring case), yielded as soon as it is decided.

        Cached answers come first and at once; the rest are fetched in batches on a few
        threads, reading ``dois`` lazily, so memory stays flat for any number of DOIs.
        Raises :class:`BlockedError` if Crossref blocks the client (the run cannot go on).
        """
        seen: set[str] = set()
        batch: list[str] = []
        batch_cost = 0
        budget = (
            URL_BUDGET - len(urllib.parse.urlsplit(self.base_url).path) - 60 - 3 * len(self.mailto)
        )
        in_flight: dict[Future[list[WorkResult]], None] = {}
        executor = ThreadPoolExecutor(
            max_workers=self._max_workers, thread_name_prefix="refkit-crossref"
        )
        # Enough work queued to keep every allowed request busy, no more: input is read lazily.
        queue_limit = 2 * self._max_workers

        def submit(task: Callable[[], list[WorkResult]]) -> Iterator[WorkResult]:
            in_flight[executor.submit(task)] = None
            while len(in_flight) >= queue_limit:
                yield from collect(FIRST_COMPLETED)

        def collect(mode: str) -> Iterator[WorkResult]:
            done, _ = wait(list(in_flight), return_when=mode)
            for future in done:
                del in_flight[future]
                results = future.result()  # re-raises BlockedError from the worker
                self._remember(results)
                yield from results

        try:
            for raw in dois:
                doi = raw.strip()
                if not doi or doi_key(doi) in seen:
                    continue
                seen.add(doi_key(doi))
                known = self._recall(doi)
                if known is not None:
                    yield known
                    continue
                if not _DOI_SHAPE.match(doi):
                    yield WorkResult(doi, "not-found", None, "not a DOI (10.<registrant>/<suffix>)")
                    continue
                if self.offline:
                    yield WorkResult(doi, "unreachable", None, "offline, and not in the cache")
                    continue
                if "," in doi:
                    yield from submit(partial(self._fetch_alone, doi))
                    continue
                cost = _filter_cost(doi)
                if batch and (len(batch) >= self.batch_size or batch_cost + cost > budget):
                    yield from submit(partial(self._fetch_batch, batch))
                    batch, batch_cost = [], 0
                batch.append(doi)
                batch_cost += cost
            if batch:
                yield from submit(partial(self._fetch_batch, batch))
            while in_flight:
                yield from collect(FIRST_COMPLETED)
        finally:
            # A consumer that stops early, or a block, must not leave requests running.
            if in_flight:
                self.abandon(executor)
            else:
                executor.shutdown(wait=True, cancel_futures=True)

    def work(self, doi: str) -> WorkResult:
        """The result for one DOI (see :meth:`works`)."""
        for result in self.works([doi]):
            return result
        return WorkResult(doi, "not-found", None, "not a DOI (10.<registrant>/<suffix>)")

    def search(self, bibliographic: str, rows: int = 5) -> list[Mapping[str, Any]]:
        """Crossref's best candidates for a reference string (``query.bibliographic``), with ``score``.

        Raises :class:`UnreachableError` when Crossref cannot be reached (or offline
        without a cached answer) and :class:`ServiceError` when it rejects the query.
        """
        query = " ".join(bibliographic.split())
        if not query:
            return []
        rows = max(1, min(rows, 100))
        if self.cache is not None:
            cached = self.cache.get_search(query, rows)
            if cached is not None:
                return cached
        if self.offline:
            raise UnreachableError(
                "offline, and this search is not in the cache", url=self.base_url
            )
        outcome = self._call(
            LIST, lambda: self._habanero.works(query_bibliographic=query, limit=rows)
        )
        if outcome.kind != "ok" or outcome.payload is None:
            url = f"{self.base_url}/works?query.bibliographic=..."
            if outcome.kind == "unreachable":
                raise UnreachableError(outcome.message, url=url, status=outcome.status)
            raise ServiceError(outcome.message or "search refused", url=url, status=outcome.status)
        items = [item for item in _items(outcome.payload) if isinstance(item, Mapping)]
        if self.cache is not None:
            self.cache.put_search(query, rows, items)
        return items

    # -- doi.org ----------------------------------------------------------------------------
    def agencies(self, dois: Iterable[str]) -> dict[str, str | None]:
        """Registration agency per DOI; None when no agency knows it; absent when unknown.

        Answers come from the cache when it has them (offline too); doi.org is asked only
        about the rest, and its answers are remembered.
        """
        asked = [doi for doi in dois if doi.strip()]
        known = self.cache.get_agencies(asked) if self.cache is not None else {}
        missing = [doi for doi in asked if doi not in known]
        if self.offline or not missing:
            return known
        fetched = self._agency.agencies(missing)
        if self.cache is not None and fetched:
            self.cache.put_agencies(fetched)
        return {**known, **fetched}

    def handle_exists(self, doi: str) -> bool | None:
        """Whether the DOI exists at all (doi.org's handle service); None when it cannot be told."""
        if self.offline:
            return None
        return self._agency.handle_exists(doi)

    # -- lifecycle --------------------------------------------------------------------------
    def close(self) -> None:
        """Release connections, the run's memory and (if the client made it) the cache."""
        with self._http_lock:
            if self._http is not None:
                self._http.close()
                self._http = None
        self._agency.close()
        if self._memory is not None:
            self._memory.close()
            self._memory = None
        if self._owns_cache and self.cache is not None:
            self.cache.close()

    def __enter__(self) -> CrossrefClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def limits(self, kind: str = LIST) -> PoolLimits:
        """The limits currently followed for ``single`` or ``list`` requests."""
        return self._throttles[kind].limits

    def concurrency(self, kind: str = LIST) -> int:
        """How many ``single`` or ``list`` requests may be in flight now: the pool's figure
        (as last announced), capped by the client's own number of workers."""
        return self._throttles[kind].concurrency

    def abandon(self, executor: ThreadPoolExecutor) -> None:
        """Shut down ``executor``, on whose threads this client's requests run, early.

        Requests not started are cancelled, requests waiting to retry give up (as
        ``unreachable``), and the one or few in flight are waited for, so no request of
        this client outlives the call.
        """
        self._stop.set()
        try:
            executor.shutdown(wait=True, cancel_futures=True)
        finally:
            self._stop.clear()

    # -- fetching ---------------------------------------------------------------------------
    def _fetch_batch(self, dois: list[str]) -> list[WorkResult]:
        outcome = self._call(
            LIST, lambda: self._habanero.works(filter={"doi": list(dois)}, limit=len(dois))
        )
        if outcome.kind == "ok" and outcome.payload is not None:
            by_key: dict[str, Mapping[str, Any]] = {}
            for item in _items(outcome.payload):
                if isinstance(item, Mapping) and isinstance(item.get("DOI"), str):
                    by_key[doi_key(item["DOI"])] = item
            return [
                WorkResult(doi, "found", by_key[doi_key(doi)])
                if doi_key(doi) in by_key
                else WorkResult(doi, "not-found")
                for doi in dois
            ]
        if outcome.kind == "rejected":
            # One DOI Crossref cannot parse spoils its batch: halve until it stands alone.
            if len(dois) == 1:
                return [self._fetch_one(dois[0])]
            middle = len(dois) // 2
            return self._fetch_batch(dois[:middle]) + self._fetch_batch(dois[middle:])
        return [WorkResult(doi, "unreachable", None, outcome.message) for doi in dois]

    def _fetch_alone(self, doi: str) -> list[WorkResult]:
        return [self._fetch_one(doi)]

    def _fetch_one(self, doi: str) -> WorkResult:
        outcome = self._call(SINGLE, lambda: self._habanero.works(ids=_encode_path(doi)))
        if outcome.kind == "ok" and outcome.payload is not None:
            work = outcome.payload.get("message")
            if isinstance(work, Mapping):
                return WorkResult(doi, "found", work)
            return WorkResult(doi, "unreachable", None, "Crossref's answer held no work")
        if outcome.kind == "not-found":
            return WorkResult(doi, "not-found")
        if outcome.kind == "rejected":
            return WorkResult(
                doi, "not-found", None, f"Crossref rejected the DOI: {outcome.message}"
            )
        return WorkResult(doi, "unreachable", None, outcome.message)

    def _connection_pool(self) -> httpx2.Client:
        with self._http_lock:
            if self._http is None:
                self._http = httpx2.Client(timeout=self.timeout, follow_redirects=False)
            return self._http

    def _call(self, kind: str, request: Callable[[], Any]) -> _Outcome:
        """Send one request through habanero, with pacing and retries."""
        throttle = self._throttles[kind]
        reason = "no attempt made"
        status: int | None = None
        self._raise_if_blocked()
        if self._down:
            # Crossref already failed every retry in this run: asking again for each of the
            # remaining entries would take minutes and tell nothing new.
            return _Outcome("unreachable", message=self._down)
        for attempt in range(self.max_retries + 1):
            if self._stop.is_set():
                return _Outcome("unreachable", message="run stopped")
            exchange = _Exchange(self._connection_pool(), self._headers, self._params)
            payload: Any = None
            failure: Exception | None = None
            with throttle.slot():
                # The wait for a slot may have outlasted the run, or ended in a block.
                self._raise_if_blocked()
                if self._stop.is_set():
                    return _Outcome("unreachable", message="run stopped")
                self.stats.add("requests")
                _current.exchange = exchange
                try:
                    payload = request()
                except Exception as error:  # habanero raises many types; the response decides
                    failure = error
                finally:
                    _current.exchange = None
            response = exchange.response
            retry_after: float | None = None
            if response is None:
                reason = f"no answer from Crossref ({type(failure).__name__}: {failure})"
                status = None
            else:
                status = response.status_code
                announced = PoolLimits.from_headers(response.headers)
                if announced is not None:
                    throttle.update(announced)
                if status == 200 and failure is None and isinstance(payload, Mapping):
                    return _Outcome("ok", payload=payload, status=200)
                if status == 404:
                    return _Outcome("not-found", status=404)
                if status == 403:
                    self._blocked = str(response.url)
                    raise BlockedError(_BLOCKED, url=self._blocked, status=403)
                if status == 401:
                    raise ServiceError(
                        "Crossref refused the Metadata Plus token",
                        url=str(response.url),
                        status=401,
                    )
                if status == 429:
                    self.stats.add("429s")
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if status not in _RETRYABLE_STATUS and status != 200:
                    return _Outcome("rejected", message=_error_text(response), status=status)
                reason = (
                    f"Crossref answered HTTP {status}"
                    if status != 200
                    else "Crossref's answer could not be read"
                )
            if attempt == self.max_retries:
                break
            self.stats.add("retries")
            # Everyone waits, not just this request: the pool as a whole is over its limit.
            throttle.pause(self.backoff.delay(attempt, retry_after, self._rng))
        self.stats.add("failures")
        message = f"{reason}, after {self.max_retries + 1} attempts"
        self._down = message
        return _Outcome("unreachable", message=message, status=status)

    def _raise_if_blocked(self) -> None:
        if self._blocked:
            # Requests on other threads must not go on asking a service that has blocked us.
            raise BlockedError(_BLOCKED, url=self._blocked, status=403)

    # -- the run's memory -------------------------------------------------------------------
    def _recall(self, doi: str) -> WorkResult | None:
        for store in (self.cache, self._memory):
            if store is not None and store.available:
                hit = store.get(doi)
                if hit is not None:
                    return WorkResult(doi, hit.status, hit.work, cached=True)
        return self._memory_fallback.get(doi_key(doi))

    def _remember(self, results: list[WorkResult]) -> None:
        answers = [(r.doi, r.status, r.work) for r in results if r.status != "unreachable"]
        if not answers:
            return
        if self.cache is not None and self.cache.available:
            self.cache.put_many(answers)
            if self.cache.available:
                return
        # Without a working cache the run still never asks twice: keep answers aside.
        if self._memory is None:
            self._memory = WorkCache.temporary()
        if self._memory.available:
            self._memory.put_many(answers)
            if self._memory.available:
                return
        for result in results:
            if result.status != "unreachable":
                self._memory_fallback[doi_key(result.doi)] = WorkResult(
                    result.doi, result.status, result.work, cached=True
                )


def _items(payload: Mapping[str, Any]) -> list[Any]:
    message = payload.get("message")
    items = message.get("items") if isinstance(message, Mapping) else None
    return list(items) if isinstance(items, list) else []


def _error_text(response: httpx2.Response) -> str:
    """Crossref's own error message (JSON ``message``), else the start of the body."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200]
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(message, list) and message and isinstance(message[0], dict):
        return str(message[0].get("message", ""))[:200]
    return str(message)[:200] if message else response.text.strip()[:200]
