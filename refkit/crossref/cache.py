"""A persistent cache of Crossref works in SQLite, so a second run asks only for what it lacks.

Every answer is written as soon as it arrives (one transaction per batch), so a run
killed half-way keeps what it fetched.  A work found stays fresh for ``ttl`` seconds, a
"not found" for the shorter ``not_found_ttl`` (a DOI may be registered tomorrow); a
failure to reach Crossref is never cached.  With ``refresh=True`` entries written
before this cache was opened are ignored and replaced, while answers fetched during
the run are still reused, so even a refreshing run never asks twice.

The cache is an optimisation and must never decide a verdict: if the database is
locked, corrupt, read-only or on a full disk, the cache switches itself off with one
warning (logged, and kept in :attr:`WorkCache.problem`) and every lookup misses.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from refkit.doi import key as doi_key

log = logging.getLogger("refkit.crossref")

DAY = 86400.0
#: Default time to live of a found work and of a "not found" answer, in seconds.
DEFAULT_TTL = 30 * DAY
DEFAULT_NOT_FOUND_TTL = 1 * DAY
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS works (
    doi_key TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    body BLOB,
    fetched REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS agencies (
    doi_key TEXT PRIMARY KEY,
    agency TEXT,
    fetched REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS searches (
    query TEXT NOT NULL,
    rows INTEGER NOT NULL,
    body BLOB NOT NULL,
    fetched REAL NOT NULL,
    PRIMARY KEY (query, rows)
);
"""

CachedStatus = Literal["found", "not-found"]


@dataclass(frozen=True, slots=True)
class CachedWork:
    """A cached answer for one DOI: the work, or the fact that Crossref did not know it."""

    doi: str
    status: CachedStatus
    work: Mapping[str, Any] | None
    fetched: float


def default_cache_path() -> Path:
    """``$REFKIT_CACHE_DIR/crossref.sqlite3``, else the same file in the user cache directory."""
    folder = os.environ.get("REFKIT_CACHE_DIR", "").strip()
    if folder:
        return Path(folder).expanduser() / "crossref.sqlite3"
    import platformdirs

    return platformdirs.user_cache_path("refkit", appauthor=False) / "crossref.sqlite3"


def _select_agencies(keys: list[str]) -> Callable[[sqlite3.Connection], Any]:
    """A query for the cached agencies of up to 500 DOI keys (SQLite's parameter limit)."""
    marks = ",".join("?" * len(keys))
    sql = f"SELECT doi_key, agency, fetched FROM agencies WHERE doi_key IN ({marks})"
    return lambda db: db.execute(sql, keys).fetchall()


def _pack(value: Any) -> bytes:
    # Works with their reference lists run to tens of kilobytes of JSON; they compress ~5x.
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 3)


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode())


class WorkCache:
    """SQLite cache of works keyed by lower-cased DOI; safe to share between threads.

    ``path`` defaults to :func:`default_cache_path`.  Nothing touches the disk until the
    first lookup, so building a cache never fails.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        ttl: float = DEFAULT_TTL,
        not_found_ttl: float = DEFAULT_NOT_FOUND_TTL,
        refresh: bool = False,
        clock: Callable[[], float] = time.time,
        delete_on_close: bool = False,
        lock_timeout: float = 2.0,
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.ttl = ttl
        self.not_found_ttl = not_found_ttl
        self.refresh = refresh
        self._clock = clock
        self._opened_at = clock()
        self._delete_on_close = delete_on_close
        # How long to wait for another process's lock before giving the cache up.
        self._lock_timeout = lock_timeout
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._closed = False
        #: Why the cache switched itself off, or ``""`` while it works.
        self.problem = ""

    @classmethod
    def temporary(cls) -> WorkCache:
        """A cache in a fresh temporary file, deleted by :meth:`close` (a run's memory of answers)."""
        descriptor, name = tempfile.mkstemp(prefix="refkit-crossref-", suffix=".sqlite3")
        os.close(descriptor)
        return cls(name, refresh=True, delete_on_close=True)

    @property
    def available(self) -> bool:
        """False once the cache has switched itself off (or was closed)."""
        return not self.problem and not self._closed

    # -- works ------------------------------------------------------------------------------
    def get(self, doi: str) -> CachedWork | None:
        """The fresh cached answer for ``doi``, or None (absent, stale, refreshing, or no cache)."""
        row = self._run(
            lambda db: db.execute(
                "SELECT status, body, fetched FROM works WHERE doi_key = ?", (doi_key(doi),)
            ).fetchone()
        )
        if row is None:
            return None
        status, body, fetched = row
        if not self._fresh(fetched, self.ttl if status == "found" else self.not_found_ttl):
            return None
        if status == "not-found":
            return CachedWork(doi, "not-found", None, fetched)
        if status != "found" or body is None:
            return None
        try:
            work = _unpack(body)
        except (zlib.error, ValueError, UnicodeDecodeError):
            return None  # a damaged row is a miss, never a wrong answer
        return CachedWork(doi, "found", work, fetched) if isinstance(work, dict) else None

    def put(self, doi: str, status: CachedStatus, work: Mapping[str, Any] | None = None) -> None:
        """Remember one answer."""
        self.put_many([(doi, status, work)])

    def put_many(
        self, answers: Iterable[tuple[str, CachedStatus, Mapping[str, Any] | None]]
    ) -> None:
        """Remember several answers in one transaction (one batch of a run)."""
        now = self._clock()
        rows = [
            (doi_key(doi), status, _pack(work) if status == "found" else None, now)
            for doi, status, work in answers
            if status in ("found", "not-found")
        ]
        if rows:
            self._run(
                lambda db: db.executemany(
                    "INSERT OR REPLACE INTO works (doi_key, status, body, fetched) VALUES (?, ?, ?, ?)",
                    rows,
                ),
                write=True,
            )

    # -- registration agencies ------------------------------------------------------------
    def get_agencies(self, dois: Iterable[str]) -> dict[str, str | None]:
        """Fresh cached agencies of ``dois`` (keys as given); None where doi.org said the DOI
        does not exist.  DOIs with no fresh answer are left out."""
        wanted = {doi_key(doi): doi for doi in dois}
        if not wanted:
            return {}
        keys = list(wanted)
        rows: list[tuple[str, str | None, float]] = []
        for start in range(0, len(keys), 500):
            rows.extend(self._run(_select_agencies(keys[start : start + 500])) or [])
        answers: dict[str, str | None] = {}
        for key, agency, fetched in rows:
            if self._fresh(fetched, self.ttl if agency else self.not_found_ttl):
                answers[wanted[key]] = agency
        return answers

    def put_agencies(self, answers: Mapping[str, str | None]) -> None:
        """Remember doi.org's answers: an agency, or None for a DOI that does not exist."""
        now = self._clock()
        rows = [(doi_key(doi), agency, now) for doi, agency in answers.items()]
        if rows:
            self._run(
                lambda db: db.executemany(
                    "INSERT OR REPLACE INTO agencies (doi_key, agency, fetched) VALUES (?, ?, ?)",
                    rows,
                ),
                write=True,
            )

    # -- searches ---------------------------------------------------------------------------
    def get_search(self, query: str, rows: int) -> list[Mapping[str, Any]] | None:
        """The cached items of a bibliographic search, or None."""
        found = self._run(
            lambda db: db.execute(
                "SELECT body, fetched FROM searches WHERE query = ? AND rows = ?", (query, rows)
            ).fetchone()
        )
        if found is None or not self._fresh(found[1], self.ttl):
            return None
        try:
            items = _unpack(found[0])
        except (zlib.error, ValueError, UnicodeDecodeError):
            return None
        return items if isinstance(items, list) else None

    def put_search(self, query: str, rows: int, items: Sequence[Mapping[str, Any]]) -> None:
        """Remember the items a bibliographic search returned."""
        blob = _pack(list(items))
        now = self._clock()
        self._run(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO searches (query, rows, body, fetched) VALUES (?, ?, ?, ?)",
                (query, rows, blob, now),
            ),
            write=True,
        )

    # -- housekeeping -----------------------------------------------------------------------
    def close(self) -> None:
        """Close the database (and delete it if it is a temporary one)."""
        with self._lock:
            self._closed = True
            if self._connection is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._connection.close()
                self._connection = None
            if self._delete_on_close:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def __enter__(self) -> WorkCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _fresh(self, fetched: float, ttl: float) -> bool:
        if self.refresh and fetched < self._opened_at:
            return False
        return self._clock() - fetched < ttl

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                str(self.path),
                timeout=self._lock_timeout,
                check_same_thread=False,
                isolation_level=None,
            )
            try:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version not in (0, _SCHEMA_VERSION):
                    raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
                # WAL lets a second refkit process read while this one writes.
                with contextlib.suppress(sqlite3.OperationalError):
                    connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.executescript(_SCHEMA)
                if version == 0:
                    connection.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _run(self, operation: Callable[[sqlite3.Connection], Any], *, write: bool = False) -> Any:
        """Run one statement; on any database or file failure, switch the cache off once."""
        with self._lock:
            if not self.available:
                return None
            try:
                database = self._open()
                if not write:
                    return operation(database)
                database.execute("BEGIN IMMEDIATE")
                try:
                    result = operation(database)
                    database.execute("COMMIT")
                except BaseException:
                    if database.in_transaction:
                        database.execute("ROLLBACK")
                    raise
                return result
            except (sqlite3.Error, OSError, ValueError) as error:
                self._disable(error)
                return None

    def _disable(self, error: Exception) -> None:
        self.problem = f"cache {self.path} is unusable ({error}); continuing without a cache"
        log.warning("%s", self.problem)
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
