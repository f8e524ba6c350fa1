"""The Crossref client against a local server that answers as Crossref does."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from crossref_server import CrossrefTestServer, Reply

from refkit.crossref import (
    Backoff,
    BlockedError,
    CrossrefClient,
    PoolLimits,
    UnreachableError,
    WorkCache,
)
from refkit.errors import ServiceError

RESPOL = "10.1016/j.respol.2011.06.005"
CEMJ = "10.1108/CEMJ-07-2023-0319"
EBR = "10.1108/EBR-01-2023-0025"
UNKNOWN = "10.1108/EBR-01-2024-327"
FAST = Backoff(base=0.01, cap=0.05)


@pytest.fixture
def server() -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        # Generous limits so tests do not wait on pacing; the headers are still followed.
        running.set_limits("list", 200, "1s", 4)
        running.set_limits("single", 200, "1s", 4)
        yield running


def make_client(server: CrossrefTestServer, **options: object) -> CrossrefClient:
    settings: dict[str, object] = {"mailto": "tests@example.org", "backoff": FAST, "timeout": 2.0}
    settings.update(options)
    return CrossrefClient(server.url, server.url, **settings)  # type: ignore[arg-type]


@pytest.fixture
def client(server: CrossrefTestServer) -> Iterator[CrossrefClient]:
    with make_client(server) as made:
        yield made


def filter_dois(request_query: dict[str, str]) -> list[str]:
    return [part.split(":", 1)[1] for part in request_query["filter"].split(",")]


def test_many_dois_go_in_one_request_and_come_back_by_lowercased_doi(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    results = {r.doi: r for r in client.works([RESPOL.upper(), CEMJ, EBR, UNKNOWN])}
    assert [r.route for r in server.requests] == ["list"]
    query = server.requests[0].query
    assert query["rows"] == "4"
    assert filter_dois(dict(query)) == [RESPOL.upper(), CEMJ, EBR, UNKNOWN]
    assert results[RESPOL.upper()].status == "found"
    assert results[RESPOL.upper()].work is not None
    assert results[RESPOL.upper()].work["volume"] == "40"
    assert results[CEMJ].status == "found"
    assert results[UNKNOWN].status == "not-found"


def test_text_that_is_not_a_doi_is_not_sent(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    results = list(client.works(["not a doi", "doi 10.12/x", EBR]))
    by_doi = {r.doi: r for r in results}
    assert by_doi["not a doi"].status == "not-found"
    assert "not a DOI" in by_doi["not a doi"].error
    assert filter_dois(dict(server.requests[0].query)) == [EBR]


def test_a_doi_with_a_comma_goes_alone_and_percent_encoded(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    comma = "10.5555/refkit,comma<1>"
    server.state.works[comma] = {"DOI": comma, "title": ["A title, with a comma"]}
    results = {r.doi: r for r in client.works([comma, RESPOL])}
    singles = server.requests_to("work")
    assert len(singles) == 1
    assert singles[0].path.startswith("/works/10.5555/refkit%2Ccomma%3C1%3E")
    assert unquote(singles[0].path.split("?")[0].removeprefix("/works/")) == comma
    assert results[comma].status == "found"
    assert filter_dois(dict(server.requests_to("list")[0].query)) == [RESPOL]


def test_the_same_doi_is_never_asked_twice_even_without_a_cache(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    first = list(client.works([RESPOL, UNKNOWN, RESPOL.upper()]))
    assert len(first) == 2
    second = list(client.works([RESPOL.upper(), UNKNOWN]))
    assert len(server.requests) == 1
    assert {r.status for r in second} == {"found", "not-found"}
    assert all(r.cached for r in second)


def test_batches_respect_the_size_and_the_url_budget(server: CrossrefTestServer) -> None:
    long_dois = [f"10.5555/{'x' * 150}.{n}" for n in range(60)]
    with make_client(server, batch_size=25) as client:
        results = list(client.works([*long_dois, RESPOL]))
    assert len(results) == 61
    lists = server.requests_to("list")
    assert all(len(r.path) <= 4000 for r in lists)
    assert all(len(filter_dois(dict(r.query))) <= 25 for r in lists)
    asked = [doi for r in lists for doi in filter_dois(dict(r.query))]
    assert sorted(asked) == sorted([*long_dois, RESPOL])


@pytest.mark.parametrize(
    "failure",
    [Reply.too_many(), Reply.unavailable(), Reply.drop(), Reply.slow(1.5)],
    ids=["429-html-no-headers", "503-html", "dropped-connection", "timeout"],
)
def test_transient_failures_are_retried(server: CrossrefTestServer, failure: Reply) -> None:
    server.script("list", failure)
    with make_client(server, timeout=0.5) as client:
        [result] = list(client.works([CEMJ]))
        assert result.status == "found"
        assert client.stats["retries"] == 1
        assert client.stats["429s"] == (1 if failure.status == 429 else 0)
    assert len(server.requests_to("list")) == 2


def test_retry_after_is_honoured(server: CrossrefTestServer) -> None:
    server.script("list", Reply.too_many(retry_after="1"))
    with make_client(server) as client:
        started = time.monotonic()
        [result] = list(client.works([CEMJ]))
        waited = time.monotonic() - started
    assert result.status == "found"
    assert waited >= 1.0


def test_a_failure_that_lasts_is_unreachable_never_not_found(server: CrossrefTestServer) -> None:
    server.script("list", *[Reply.unavailable()] * 3)
    with make_client(server, max_retries=2) as client:
        results = list(client.works([CEMJ, UNKNOWN]))
        assert {r.status for r in results} == {"unreachable"}
        assert all("HTTP 503" in r.error for r in results)
        assert client.stats["requests"] == 3
        # In the same run Crossref is given up on: no more requests, and still no verdict.
        later = list(client.works([RESPOL]))
        assert [r.status for r in later] == ["unreachable"]
        assert client.stats["requests"] == 3
    # Nothing about them was remembered: the next run asks again and gets answers.
    with make_client(server, max_retries=2) as client:
        again = {r.doi: r.status for r in client.works([CEMJ, UNKNOWN])}
    assert again == {CEMJ: "found", UNKNOWN: "not-found"}


def test_a_403_stops_the_run_with_a_clear_error(server: CrossrefTestServer) -> None:
    server.block()
    with make_client(server) as client, pytest.raises(BlockedError) as raised:
        list(client.works([CEMJ, RESPOL]))
    assert raised.value.status == 403
    assert "blocked" in str(raised.value)
    assert isinstance(raised.value, ServiceError)
    assert len(server.requests) == 1


def test_after_a_403_the_client_sends_nothing_more(server: CrossrefTestServer) -> None:
    server.script("search", Reply.blocked())
    with make_client(server) as client:
        with pytest.raises(BlockedError):
            client.search("Local or global? Does internationalization drive innovation")
        server.block(False)
        # Other threads of the run (searches in flight, batches) get the block too, unsent.
        with pytest.raises(BlockedError) as raised:
            list(client.works([CEMJ]))
        with pytest.raises(BlockedError):
            client.search("Formal clusters supporting small firms")
    assert raised.value.status == 403
    assert len(server.requests) == 1


def test_a_rejected_batch_is_halved_until_the_culprit_stands_alone(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    failure = {
        "status": "failed",
        "message-type": "validation-failure",
        "message": [{"message": "bad"}],
    }
    server.script("list", Reply.status_code(400, json.dumps(failure).encode(), "application/json"))
    results = {r.doi: r.status for r in client.works([RESPOL, CEMJ, EBR, UNKNOWN])}
    assert results == {RESPOL: "found", CEMJ: "found", EBR: "found", UNKNOWN: "not-found"}
    sizes = [len(filter_dois(dict(r.query))) for r in server.requests_to("list")]
    assert sizes == [4, 2, 2]


def test_polite_pool_user_agent_mailto_and_plus_token(server: CrossrefTestServer) -> None:
    with make_client(server, plus_token="SECRET", user_agent="thesis-check/1.0") as client:
        list(client.works([CEMJ]))
        client.search("Local or global clusters", rows=2)
    for request in server.requests:
        agent = request.headers["user-agent"]
        assert agent.startswith("refkit/")
        assert "(mailto:tests@example.org)" in agent
        assert "thesis-check/1.0" in agent
        assert request.query["mailto"] == "tests@example.org"
        assert request.headers["crossref-plus-api-token"] == "Bearer SECRET"


def test_without_a_token_no_plus_header_is_sent(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    list(client.works([CEMJ]))
    assert "crossref-plus-api-token" not in server.requests[0].headers


def test_limits_follow_the_headers(server: CrossrefTestServer, client: CrossrefClient) -> None:
    assert client.limits("list") == PoolLimits(rate=3, interval=1.0, concurrency=3)
    server.set_limits("list", 50, "2s", 2)
    list(client.works([CEMJ]))
    assert client.limits("list") == PoolLimits(rate=50, interval=2.0, concurrency=2)


def test_several_batches_run_in_parallel_up_to_the_pool_concurrency(
    server: CrossrefTestServer,
) -> None:
    server.set_limits("list", 200, "1s", 2)
    server.script("any", *[Reply.slow(0.3)] * 8)
    dois = [f"10.5555/refkit.parallel.{n}" for n in range(16)]
    with make_client(server, batch_size=2) as client:
        results = list(client.works(dois))
    assert len(results) == 16
    assert len(server.requests_to("list")) == 8
    assert server.max_in_flight == 2


def test_search_returns_scored_candidates(
    server: CrossrefTestServer, client: CrossrefClient
) -> None:
    reference = (
        "Bettiol, M., Chiarvesio, M., Di Maria, E., & Gottardello, D. (2019). Local or global? "
        "Does internationalization drive innovation in clusters? European Planning Studies, 27(10), 1995-2014."
    )
    items = client.search(reference, rows=3)
    assert len(items) == 3
    assert items[0]["DOI"] == "10.1080/09654313.2019.1628185"
    assert items[0]["score"] > items[1]["score"] > 0
    assert server.requests[0].query["query.bibliographic"] == reference
    assert server.requests[0].query["rows"] == "3"


def test_search_that_cannot_reach_crossref_raises(server: CrossrefTestServer) -> None:
    server.script("search", *[Reply.unavailable()] * 2)
    with make_client(server, max_retries=1) as client, pytest.raises(UnreachableError):
        client.search("Carloni formal clusters")


def test_offline_answers_only_from_the_cache(server: CrossrefTestServer, tmp_path: object) -> None:
    with WorkCache(f"{tmp_path}/cache.sqlite3") as cache:
        with make_client(server, cache=cache) as online:
            list(online.works([CEMJ]))
        with make_client(server, cache=cache, offline=True) as offline:
            results = {r.doi: r for r in offline.works([CEMJ, RESPOL])}
            with pytest.raises(UnreachableError):
                offline.search("anything")
            assert offline.agencies([RESPOL]) == {}
            assert offline.handle_exists(RESPOL) is None
    assert results[CEMJ].status == "found"
    assert results[CEMJ].cached
    assert results[RESPOL].status == "unreachable"
    assert len(server.requests) == 1


def test_from_environment(
    server: CrossrefTestServer, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("REFKIT_CROSSREF_URL", server.url)
    monkeypatch.setenv("REFKIT_DOI_URL", server.url + "/")
    monkeypatch.setenv("REFKIT_MAILTO", "env@example.org")
    monkeypatch.setenv("REFKIT_CROSSREF_PLUS_TOKEN", "TOKEN")
    monkeypatch.setenv("REFKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("REFKIT_OFFLINE", "0")
    with CrossrefClient.from_environment(backoff=FAST) as client:
        assert client.base_url == server.url
        assert client.doi_url == server.url
        assert client.pool == "plus"
        assert client.cache is not None
        assert str(client.cache.path).startswith(str(tmp_path))
        assert not client.offline
        assert [r.status for r in client.works([CEMJ])] == ["found"]
    assert server.requests[0].headers["crossref-plus-api-token"] == "Bearer TOKEN"
    monkeypatch.setenv("REFKIT_OFFLINE", "yes")
    with CrossrefClient.from_environment(cache=None) as offline:
        assert offline.offline
        assert offline.cache is None


def test_stopping_early_leaves_no_threads_behind(server: CrossrefTestServer) -> None:
    dois = [f"10.5555/refkit.stop.{n}" for n in range(40)]
    before = threading.active_count()
    with make_client(server, batch_size=2) as client:
        stream = client.works(dois)
        first = next(stream)
        stream.close()
    assert first.status == "not-found"
    assert threading.active_count() <= before
    assert len(server.requests_to("list")) < 20
