"""The SQLite cache of works: freshness, refresh, resuming a killed run, and failing safely."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from crossref_server import CrossrefTestServer, Reply

from refkit.crossref import Backoff, CrossrefClient, WorkCache, default_cache_path
from refkit.crossref.cache import DAY

FAST = Backoff(base=0.01, cap=0.05)
WORK = {"DOI": "10.1108/cemj-07-2023-0319", "title": ["Unveiling exogenous gaps"]}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        running.set_limits("list", 200, "1s", 4)
        yield running


def test_answers_round_trip_ignoring_case(tmp_path: Path) -> None:
    with WorkCache(tmp_path / "c.sqlite3") as cache:
        cache.put("10.1108/CEMJ-07-2023-0319", "found", WORK)
        cache.put("10.1108/EBR-01-2024-327", "not-found")
        hit = cache.get("10.1108/cemj-07-2023-0319")
        miss = cache.get("10.1108/ebr-01-2024-327")
        assert cache.get("10.1016/j.respol.2011.06.005") is None
    assert hit is not None and hit.status == "found" and hit.work == WORK
    assert miss is not None and miss.status == "not-found" and miss.work is None


def test_not_found_expires_sooner_than_found(tmp_path: Path) -> None:
    clock = Clock()
    with WorkCache(tmp_path / "c.sqlite3", ttl=30 * DAY, not_found_ttl=DAY, clock=clock) as cache:
        cache.put("10.5555/a", "found", WORK)
        cache.put("10.5555/b", "not-found")
        clock.now += 2 * DAY
        assert cache.get("10.5555/a") is not None
        assert cache.get("10.5555/b") is None
        clock.now += 29 * DAY
        assert cache.get("10.5555/a") is None


def test_refresh_ignores_old_answers_but_reuses_those_of_this_run(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "c.sqlite3"
    with WorkCache(path, clock=clock) as old:
        old.put("10.5555/a", "found", WORK)
    clock.now += 10
    with WorkCache(path, refresh=True, clock=clock) as refreshing:
        assert refreshing.get("10.5555/a") is None
        clock.now += 1
        refreshing.put("10.5555/a", "not-found")
        answer = refreshing.get("10.5555/a")
    assert answer is not None and answer.status == "not-found"


def test_searches_are_cached(tmp_path: Path) -> None:
    with WorkCache(tmp_path / "c.sqlite3") as cache:
        assert cache.get_search("carloni clusters", 5) is None
        cache.put_search("carloni clusters", 5, [{"DOI": "10.5555/x", "score": 12.5}])
        assert cache.get_search("carloni clusters", 5) == [{"DOI": "10.5555/x", "score": 12.5}]
        assert cache.get_search("carloni clusters", 3) is None


def test_a_run_killed_half_way_asks_only_for_what_it_lacks(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    dois = [f"10.5555/refkit.resume.{n}" for n in range(10)]
    path = tmp_path / "c.sqlite3"
    with (
        WorkCache(path) as cache,
        CrossrefClient(server.url, server.url, cache=cache, backoff=FAST, batch_size=2) as client,
    ):
        stream = client.works(dois)
        done = {next(stream).doi for _ in range(4)}
        stream.close()  # the run is interrupted
    first_run = len(server.requests)
    with WorkCache(path) as cache:
        kept = {doi for doi in dois if cache.get(doi) is not None}
    assert done <= kept and len(kept) < len(dois)
    with (
        WorkCache(path) as cache,
        CrossrefClient(server.url, server.url, cache=cache, backoff=FAST, batch_size=2) as client,
    ):
        results = list(client.works(dois))
    assert len(results) == 10
    asked_again = [
        part.split(":", 1)[1]
        for r in server.requests[first_run:]
        for part in r.query["filter"].split(",")
    ]
    assert sorted(asked_again) == sorted(set(dois) - kept)


def test_a_corrupt_cache_degrades_to_no_cache_with_one_warning(
    server: CrossrefTestServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with (
        caplog.at_level(logging.WARNING, logger="refkit.crossref"),
        WorkCache(path) as cache,
        CrossrefClient(server.url, server.url, cache=cache, backoff=FAST) as client,
    ):
        first = {
            r.doi: r.status for r in client.works(["10.1108/CEMJ-07-2023-0319", "10.5555/absent"])
        }
        second = {r.doi: r.status for r in client.works(["10.1108/CEMJ-07-2023-0319"])}
        assert not cache.available
        assert "unusable" in cache.problem
    assert first == {"10.1108/CEMJ-07-2023-0319": "found", "10.5555/absent": "not-found"}
    assert second == {"10.1108/CEMJ-07-2023-0319": "found"}
    assert len(server.requests) == 1  # still never asked twice
    assert len([r for r in caplog.records if "unusable" in r.getMessage()]) == 1


def test_a_locked_cache_degrades_to_no_cache(server: CrossrefTestServer, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with WorkCache(path) as setup:
        setup.put("10.5555/warm", "not-found")
    holder = sqlite3.connect(path)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with (
            WorkCache(path, lock_timeout=0.05) as cache,
            CrossrefClient(server.url, server.url, cache=cache, backoff=FAST) as client,
        ):
            results = {r.doi: r.status for r in client.works(["10.1108/CEMJ-07-2023-0319"])}
            assert not cache.available
    finally:
        holder.rollback()
        holder.close()
    assert results == {"10.1108/CEMJ-07-2023-0319": "found"}


def test_a_read_only_cache_degrades_to_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    with WorkCache(path) as setup:
        setup.put("10.5555/a", "not-found")
    # A read-only database as SQLite meets it (permission bits do not stop root, who runs CI).
    real_connect = sqlite3.connect

    def read_only(database: str | Path, *args: object, **kwargs: object) -> sqlite3.Connection:
        kwargs.pop("uri", None)
        return real_connect(f"file:{database}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("refkit.crossref.cache.sqlite3.connect", read_only)
    with WorkCache(path) as cache:
        cache.put("10.5555/b", "found", WORK)
        assert not cache.available
        assert cache.get("10.5555/a") is None


def test_a_cache_path_that_is_a_folder_degrades(tmp_path: Path) -> None:
    with WorkCache(tmp_path) as cache:
        assert cache.get("10.5555/a") is None
        cache.put("10.5555/a", "found", WORK)
        assert not cache.available


def test_the_default_path_follows_refkit_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REFKIT_CACHE_DIR", str(tmp_path))
    assert default_cache_path() == tmp_path / "crossref.sqlite3"
    monkeypatch.delenv("REFKIT_CACHE_DIR")
    assert default_cache_path().name == "crossref.sqlite3"
    assert "refkit" in str(default_cache_path())


def test_unreachable_answers_are_never_cached(server: CrossrefTestServer, tmp_path: Path) -> None:
    server.script("list", Reply.unavailable(), Reply.unavailable())
    with WorkCache(tmp_path / "c.sqlite3") as cache:
        with CrossrefClient(
            server.url, server.url, cache=cache, backoff=FAST, max_retries=1
        ) as client:
            [result] = list(client.works(["10.1108/CEMJ-07-2023-0319"]))
        assert result.status == "unreachable"
        assert cache.get("10.1108/CEMJ-07-2023-0319") is None


def test_agencies_round_trip_and_expire(tmp_path: Path) -> None:
    clock = Clock()
    with WorkCache(tmp_path / "c.sqlite3", ttl=30 * DAY, not_found_ttl=DAY, clock=clock) as cache:
        cache.put_agencies({"10.5281/Zenodo.1": "DataCite", "10.5555/none": None})
        assert cache.get_agencies(["10.5281/zenodo.1", "10.5555/none", "10.5555/other"]) == {
            "10.5281/zenodo.1": "DataCite",
            "10.5555/none": None,
        }
        clock.now += 2 * DAY
        assert cache.get_agencies(["10.5281/zenodo.1", "10.5555/none"]) == {
            "10.5281/zenodo.1": "DataCite"
        }
