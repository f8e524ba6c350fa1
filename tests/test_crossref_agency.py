"""doi.org's registration-agency and handle services, through the client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crossref_server import CrossrefTestServer, Reply

from refkit.crossref import Backoff, CrossrefClient
from refkit.crossref.agency import AgencyLookup
from refkit.crossref.cache import WorkCache
from refkit.errors import ServiceError

FAST = Backoff(base=0.01, cap=0.05)


@pytest.fixture
def server() -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        yield running


@pytest.fixture
def client(server: CrossrefTestServer) -> Iterator[CrossrefClient]:
    with CrossrefClient(server.url, server.url, mailto="t@example.org", backoff=FAST) as made:
        yield made


def test_many_agencies_in_one_request(server: CrossrefTestServer, client: CrossrefClient) -> None:
    answer = client.agencies(
        [
            "10.1016/J.RESPOL.2011.06.005",
            "10.5281/zenodo.999999901",
            "10.3280/refkit.medra.1",
            "10.1108/EBR-01-2024-327",
            "nonsense",
        ]
    )
    assert answer == {
        "10.1016/J.RESPOL.2011.06.005": "Crossref",
        "10.5281/zenodo.999999901": "DataCite",
        "10.3280/refkit.medra.1": "mEDRA",
        "10.1108/EBR-01-2024-327": None,
        "nonsense": None,
    }
    assert [r.route for r in server.requests] == ["ra"]


def test_batches_and_commas(server: CrossrefTestServer) -> None:
    dois = [f"10.5555/refkit.ra.{n}" for n in range(7)] + ["10.5555/with,comma"]
    with AgencyLookup(server.url, backoff=FAST, batch_size=3) as lookup:
        answer = lookup.agencies(dois)
    assert set(answer) == set(dois)
    paths = [r.path for r in server.requests_to("ra")]
    assert len(paths) == 4
    assert "/ra/10.5555/with%2Ccomma" in paths


def test_unknown_is_left_out_never_reported_as_nonexistent(server: CrossrefTestServer) -> None:
    server.script("ra", Reply.unavailable(), Reply.unavailable())
    with AgencyLookup(server.url, backoff=FAST, max_retries=1) as lookup:
        assert lookup.agencies(["10.1108/EBR-01-2024-327"]) == {}
        assert lookup.stats["failures"] == 1


def test_retries_after_a_429(server: CrossrefTestServer, client: CrossrefClient) -> None:
    server.script("ra", Reply.too_many())
    assert client.agencies(["10.1108/EBR-01-2023-0025"]) == {"10.1108/EBR-01-2023-0025": "Crossref"}
    assert client.stats["429s"] == 1


def test_handle_exists(server: CrossrefTestServer, client: CrossrefClient) -> None:
    assert client.handle_exists("10.1016/j.respol.2011.06.005") is True
    assert client.handle_exists("10.5281/zenodo.999999901") is True
    assert client.handle_exists("10.1108/EBR-01-2024-327") is False
    # The slash stays a slash: the handle proxy answers 404 to %2F.
    assert all("%2F" not in r.path for r in server.requests_to("handle"))


def test_handle_unknown_when_the_service_fails(server: CrossrefTestServer) -> None:
    server.script("handle", Reply.drop(), Reply.drop())
    with AgencyLookup(server.url, backoff=FAST, max_retries=1) as lookup:
        assert lookup.handle_exists("10.1016/j.respol.2011.06.005") is None


def test_a_403_from_doi_org_stops(server: CrossrefTestServer, client: CrossrefClient) -> None:
    server.script("ra", Reply.blocked())
    with pytest.raises(ServiceError) as raised:
        client.agencies(["10.1108/EBR-01-2023-0025"])
    assert raised.value.status == 403


def test_agencies_are_cached_and_served_offline(server: CrossrefTestServer, tmp_path: Path) -> None:
    dois = ["10.5281/zenodo.999999901", "10.1108/EBR-01-2024-327"]
    expected = {"10.5281/zenodo.999999901": "DataCite", "10.1108/EBR-01-2024-327": None}
    path = tmp_path / "c.sqlite3"
    with WorkCache(path) as cache, CrossrefClient(server.url, server.url, cache=cache) as client:
        assert client.agencies(dois) == expected
    with WorkCache(path) as cache, CrossrefClient(server.url, server.url, cache=cache) as client:
        assert client.agencies(dois) == expected
    with (
        WorkCache(path) as cache,
        CrossrefClient(server.url, server.url, cache=cache, offline=True) as offline,
    ):
        assert offline.agencies(dois) == expected
    assert len(server.requests_to("ra")) == 1
