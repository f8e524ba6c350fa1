"""Pacing requests: the rate and concurrency a Crossref pool allows, and back-off after failures.

Crossref states its limits on every answer but a 429 (``x-rate-limit-limit``,
``x-rate-limit-interval``, ``x-concurrency-limit``), per client IP and per pool, and since
2026 separately for single works and for lists.  A :class:`Throttle` starts from polite
defaults for its pool and follows whatever the service says from then on.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

#: Route kinds Crossref limits separately: ``/works/{doi}`` and lists (``/works?...``).
SINGLE = "single"
LIST = "list"


@dataclass(frozen=True, slots=True)
class PoolLimits:
    """What a pool allows: ``rate`` requests per ``interval`` seconds, ``concurrency`` in flight."""

    rate: float
    interval: float
    concurrency: int

    @property
    def spacing(self) -> float:
        """Seconds between the starts of two requests when they are spread evenly."""
        return self.interval / self.rate

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> PoolLimits | None:
        """Read the ``x-rate-limit-*`` and ``x-concurrency-limit`` headers; None when absent or bad.

        ``headers`` may be any mapping; names are looked up case-insensitively.
        """
        lowered = {str(name).lower(): str(value) for name, value in headers.items()}
        rate_text = lowered.get("x-rate-limit-limit")
        if rate_text is None:
            return None
        try:
            rate = float(rate_text)
        except ValueError:
            return None
        interval = parse_interval(lowered.get("x-rate-limit-interval", "1s"))
        try:
            concurrency = int(lowered.get("x-concurrency-limit", "1"))
        except ValueError:
            concurrency = 1
        if rate <= 0 or interval is None or concurrency <= 0:
            return None
        return cls(rate=rate, interval=interval, concurrency=concurrency)


#: Limits to use before the service has said anything, by (pool, route kind).  These are
#: Crossref's published figures for 2026; the headers of the first answer replace them.
DEFAULT_LIMITS: dict[tuple[str, str], PoolLimits] = {
    ("public", SINGLE): PoolLimits(rate=5, interval=1.0, concurrency=1),
    ("public", LIST): PoolLimits(rate=1, interval=1.0, concurrency=1),
    ("polite", SINGLE): PoolLimits(rate=10, interval=1.0, concurrency=3),
    ("polite", LIST): PoolLimits(rate=3, interval=1.0, concurrency=3),
    ("plus", SINGLE): PoolLimits(rate=150, interval=1.0, concurrency=10),
    ("plus", LIST): PoolLimits(rate=150, interval=1.0, concurrency=10),
}

_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(text: str) -> float | None:
    """Seconds in an interval such as ``1s``, ``500ms`` or ``1m``; None when unreadable."""
    match = _INTERVAL.fullmatch(text)
    if not match:
        return None
    seconds = float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    return seconds if seconds > 0 else None


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date); None if absent."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, moment.timestamp() - current)


#: The longest ``Retry-After`` obeyed; beyond it the service is down rather than busy.
MAX_RETRY_AFTER = 600.0


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential back-off with jitter: attempt n waits between half and all of base * 2**n.

    The jitter keeps several clients (or threads) that failed together from coming back
    together; a ``Retry-After`` from the service is a floor, never shortened.
    """

    base: float = 1.0
    cap: float = 60.0

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        ceiling = min(self.cap, self.base * (2**attempt))
        chooser = rng or random
        wait = chooser.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, MAX_RETRY_AFTER))
        return wait


class Throttle:
    """Admits requests to one pool no faster than its rate and no more at once than its concurrency.

    Starts are spread evenly (``spacing`` times a small safety margin) rather than sent in
    bursts: the service counts requests in a sliding window, and a burst at the window's
    edge plus network jitter is exactly what earns a 429.  Thread-safe.
    """

    def __init__(
        self,
        limits: PoolLimits,
        *,
        max_concurrency: int = 16,
        safety: float = 1.05,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limits = limits
        self._max_concurrency = max(1, max_concurrency)
        self._safety = safety
        self._clock = clock
        self._sleep = sleep
        self._condition = threading.Condition()
        self._in_flight = 0
        self._next_start = 0.0
        self._paused_until = 0.0

    @property
    def limits(self) -> PoolLimits:
        return self._limits

    @property
    def concurrency(self) -> int:
        """In-flight requests allowed now: the pool's figure, capped by our own maximum."""
        return max(1, min(self._limits.concurrency, self._max_concurrency))

    def update(self, limits: PoolLimits) -> None:
        """Follow the limits the service has just announced."""
        with self._condition:
            if limits != self._limits:
                self._limits = limits
                self._condition.notify_all()

    def pause(self, seconds: float) -> None:
        """Hold every new request of this pool back for ``seconds`` (after a 429 or an outage)."""
        with self._condition:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait for a free slot and the next start time; hold the slot while the body runs."""
        with self._condition:
            while self._in_flight >= self.concurrency:
                self._condition.wait()
            self._in_flight += 1
            now = self._clock()
            start = max(now, self._next_start, self._paused_until)
            self._next_start = start + self._limits.spacing * self._safety
        try:
            wait = start - self._clock()
            if wait > 0:
                self._sleep(wait)
            yield
        finally:
            with self._condition:
                self._in_flight -= 1
                self._condition.notify()


class RequestStats:
    """Counts of what a client sent and received (for benchmarks and progress reports).

    Mutable on purpose: worker threads add to it as they go; :meth:`snapshot` gives a copy.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {"requests": 0, "retries": 0, "429s": 0, "failures": 0}

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + amount

    def __getitem__(self, name: str) -> int:
        with self._lock:
            return self._counts.get(name, 0)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)
