"""The check pipeline against a local server that answers like Crossref and doi.org."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from crossref_server import CrossrefTestServer, Reply

from refkit.crossref import Backoff, CrossrefClient, WorkCache
from refkit.crossref.check import CheckResult, check, looks_like_doi_list, read_doi_list
from refkit.model import Date, Person, Record


@pytest.fixture
def server() -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        running.set_limits("list", 200, "1s", 4)
        running.set_limits("single", 200, "1s", 4)
        yield running


def make_client(server: CrossrefTestServer, **options: object) -> CrossrefClient:
    settings: dict[str, object] = {
        "mailto": "t@example.org",
        "backoff": Backoff(0.01, 0.05),
        "timeout": 2.0,
    }
    settings.update(options)
    return CrossrefClient(server.url, server.url, **settings)  # type: ignore[arg-type]


def by_key(results: Iterator[CheckResult]) -> dict[str, CheckResult]:
    return {r.key: r for r in results}


SEED = [
    Record(
        id="johanson1990",
        title="The mechanism of internationalisation",
        author=(Person("Johanson", "J."),),
        issued=Date(1990),
        container_title="International Business Review",
        volume="7",
        page="1124",
        doi="10.1108/02651339010137414",
    ),
    Record(
        id="holmlund2017",
        title="Customer experience management in the age of big data analytics: A strategic framework",
        author=(Person("Holmlund", "M."),),
        issued=Date(2017),
        container_title="Journal of Business Research",
        doi="10.1016/j.jbusres.2020.01.022",
    ),
    Record(id="alcaraz2024", doi="10.1108/EBR-01-2023-0025."),
    Record(id="amal2024", doi="10.1108/EBR-01-2024-327"),
    Record(
        id="bettiol2019",
        title="Local or global? Does internationalization drive innovation in clusters?",
        author=(Person("Bettiol", "Marco"),),
        issued=Date(2019),
        container_title="European Planning Studies",
        page="1995-2014",
    ),
    Record(
        id="carloni2022",
        title="Formal clusters supporting small firms' internationalization: a case of public–private interaction",
        author=(Person("Carloni", "Elisa"),),
        issued=Date(2022),
    ),
]


def test_the_seeds_problems_each_get_their_verdict(server: CrossrefTestServer) -> None:
    with make_client(server) as client:
        results = by_key(check(SEED, client=client, find_missing=True))
    assert results["johanson1990"].verdict == "mismatch"
    assert results["johanson1990"].check.details["fields"][0]["field"] == "container-title"
    assert results["holmlund2017"].verdict == "mismatch"
    assert results["holmlund2017"].check.details["fields"][0]["field"] == "issued"
    trailing = results["alcaraz2024"].check
    assert (trailing.verdict, trailing.details["cleaned"], trailing.details["cleaned_verdict"]) == (
        "malformed",
        "10.1108/EBR-01-2023-0025",
        "ok",
    )
    assert results["amal2024"].verdict == "nonexistent"
    assert results["bettiol2019"].check.details["candidate"] == "10.1080/09654313.2019.1628185"
    assert results["carloni2022"].check.details["candidate"] == "10.5555/refkit.carloni.2022"
    assert results["carloni2022"].work is not None
    assert all(r.check.checked.endswith("Z") for r in results.values())


def test_notices_agencies_duplicates_and_junk(server: CrossrefTestServer) -> None:
    dois = [
        "10.5555/refkit.retracted",
        "10.5555/refkit.withdrawn",
        "10.5555/refkit.corrected",
        "10.5281/zenodo.999999901",
        "10.3280/refkit.medra.1",
        "10.1016/j.respol.2011.06.005",
        "10.1016/J.RESPOL.2011.06.005",
        "not a doi at all",
        "",
    ]
    with make_client(server) as client:
        verdicts = [(r.position, r.verdict) for r in check(dois, client=client)]
    assert sorted(verdicts) == [
        (0, "retracted"),
        (1, "withdrawn"),
        (2, "corrected"),
        (3, "not-in-crossref"),
        (4, "not-in-crossref"),
        (5, "ok"),
        (6, "duplicate"),
        (7, "malformed"),
        (8, "missing"),
    ]


def test_agency_names_are_reported(server: CrossrefTestServer) -> None:
    with make_client(server) as client:
        results = list(check(["10.5281/zenodo.999999901", "10.3280/refkit.medra.1"], client=client))
    assert {r.check.details["agency"] for r in results} == {"DataCite", "mEDRA"}


def test_an_unreachable_crossref_gives_unverified_never_a_verdict_on_the_doi(
    server: CrossrefTestServer,
) -> None:
    server.script("list", *[Reply.unavailable()] * 10)
    server.script("search", *[Reply.unavailable()] * 10)
    with make_client(server, max_retries=1) as client:
        results = list(
            check(
                [
                    "10.1016/j.respol.2011.06.005",
                    Record(title="Some title of a paper", issued=Date(2001)),
                ],
                client=client,
                find_missing=True,
            )
        )
    assert [r.verdict for r in sorted(results, key=lambda r: r.position)] == [
        "unverified",
        "unverified",
    ]
    assert all(r.check.details["reason"] for r in results)


def test_an_agency_service_failure_is_unverified(server: CrossrefTestServer) -> None:
    server.script("ra", *[Reply.unavailable()] * 10)
    server.script("handle", *[Reply.unavailable()] * 10)
    with make_client(server, max_retries=0) as client:
        [result] = check(["10.1108/EBR-01-2024-327"], client=client)
    assert result.verdict == "unverified"


def test_offline_uses_only_the_cache_and_the_syntax(
    server: CrossrefTestServer, tmp_path: object
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "cache.sqlite3"
    with make_client(server, cache=WorkCache(path)) as client:
        assert [r.verdict for r in check(["10.1016/j.respol.2011.06.005"], client=client)] == ["ok"]
    before = len(server.requests)
    with make_client(server, cache=WorkCache(path), offline=True) as client:
        results = {
            r.position: r.verdict
            for r in check(
                ["10.1016/j.respol.2011.06.005", "10.1108/CEMJ-07-2023-0319", "nonsense"],
                client=client,
            )
        }
    assert results == {0: "ok", 1: "unverified", 2: "malformed"}
    assert len(server.requests) == before


def test_results_stream_before_the_input_is_exhausted(server: CrossrefTestServer) -> None:
    pulled = 0

    def entries() -> Iterator[str]:
        nonlocal pulled
        for number in range(50):
            pulled += 1
            yield "10.1016/j.respol.2011.06.005" if number == 49 else f"nonsense {number}"

    with make_client(server) as client:
        stream = check(entries(), client=client, chunk_size=10)
        first = next(stream)
        assert first.verdict == "malformed"
        assert pulled <= 10
        rest = list(stream)
    assert len(rest) == 49


def test_doi_lists_keep_junk_lines_as_entries_and_name_them() -> None:
    text = (
        "10.1016/j.respol.2011.06.005\n\n# a comment\nhello world\ndoi:10.1108/EBR-01-2023-0025.\n"
    )
    assert looks_like_doi_list(text)
    records, problems = read_doi_list(text, "dois.txt")
    assert [r.id for r in records] == ["dois.txt:1", "dois.txt:4", "dois.txt:5"]
    assert [str(p) for p in problems] == ["dois.txt:4: not a DOI: 'hello world'"]


def test_libraries_are_not_taken_for_doi_lists() -> None:
    assert not looks_like_doi_list("@article{a,\n doi = {10.1/x}\n}\n")
    assert not looks_like_doi_list("TY  - JOUR\nDO  - 10.1/x\nER  - \n")
    assert not looks_like_doi_list("Some prose that mentions 10.1/x once.\nAnd more prose.\n")


BETTIOL_REFERENCE = (
    "Bettiol, M., Chiarvesio, M., Di Maria, E., & Gottardello, D. (2019). Local or global? "
    "Does internationalization drive innovation in clusters? European Planning Studies, "
    "27(10), 1995-2014."
)


def test_a_parsed_reference_is_searched_for_with_its_whole_string(
    server: CrossrefTestServer,
) -> None:
    from refkit.crossref.match import reference_text
    from refkit.references import parse_reference

    parsed = parse_reference(BETTIOL_REFERENCE.replace("Local or global? ", "Local or glo-\nbal? "))
    assert parsed.reference_text == BETTIOL_REFERENCE
    rebuilt = dataclasses.replace(SEED[5], id="")
    with make_client(server) as client:
        results = sorted(check([parsed, rebuilt], client=client, find_missing=True), key=position)
    queries = [r.query["query.bibliographic"] for r in server.requests_to("search")]
    assert sorted(queries) == sorted([BETTIOL_REFERENCE, reference_text(rebuilt)])
    assert results[0].check.details["candidate"] == "10.1080/09654313.2019.1628185"
    assert results[0].check.details["evidence"]["volume"]["agrees"] is True
    assert results[1].check.details["candidate"] == "10.5555/refkit.carloni.2022"


def position(result: CheckResult) -> int:
    return result.position


def missing_entries(count: int) -> list[Record]:
    """Entries without a DOI, alternately the seed's two documents Crossref's search finds."""
    return [dataclasses.replace(SEED[4 + n % 2], id=f"entry{n}") for n in range(count)]


def test_searches_for_missing_dois_run_concurrently_in_input_order(
    server: CrossrefTestServer,
) -> None:
    entries = [*missing_entries(8), "10.1016/j.respol.2011.06.005"]
    server.script("search", *[Reply.slow(0.3)] * 8)
    with make_client(server, max_workers=4) as client:
        results = list(check(entries, client=client, find_missing=True))
        # The server's x-concurrency-limit, as announced with the DOI's answer.
        assert client.concurrency() == 4
    # Several searches were in flight at once, never more than the pool allows.
    assert 2 <= server.max_in_flight <= 4
    searched = [r.position for r in results if r.verdict == "missing"]
    assert searched == list(range(8))
    with make_client(server, max_workers=1) as client:
        one_by_one = list(check(entries, client=client, find_missing=True))
    # The same verdicts and evidence as searching one entry at a time.
    assert [(r.position, r.check.verdict, dict(r.check.details)) for r in results] == [
        (r.position, r.check.verdict, dict(r.check.details)) for r in one_by_one
    ]


def test_a_block_during_concurrent_searches_stops_them_all(server: CrossrefTestServer) -> None:
    import threading

    from refkit.crossref import BlockedError

    entries = ["10.1016/j.respol.2011.06.005", *missing_entries(12)]
    server.script("search", Reply.slow(0.3), Reply.blocked(), *[Reply.slow(0.3)] * 10)
    with make_client(server, max_workers=4) as client, pytest.raises(BlockedError):
        list(check(entries, client=client, find_missing=True))
    assert not [t for t in threading.enumerate() if t.name.startswith("refkit-search")]
    # Only the searches already in flight were sent: none after the block.
    assert 2 <= len(server.requests_to("search")) <= 4


def test_a_consumer_that_stops_early_leaves_no_search_running(
    server: CrossrefTestServer,
) -> None:
    import threading

    server.script("search", *[Reply.slow(0.2)] * 12)
    with make_client(server, max_workers=3) as client:
        stream = check(missing_entries(12), client=client, find_missing=True)
        first = next(stream)
        stream.close()
    assert first.position == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("refkit-search")]
    assert len(server.requests_to("search")) < 12


def test_searches_when_crossref_is_down_are_unverified_whatever_their_order(
    server: CrossrefTestServer,
) -> None:
    server.script("search", *[Reply.unavailable()] * 40)
    with make_client(server, max_workers=4, max_retries=1) as client:
        results = list(check(missing_entries(6), client=client, find_missing=True))
    assert [r.position for r in results] == list(range(6))
    assert {r.verdict for r in results} == {"unverified"}
    assert all(r.check.details["reason"].startswith("search failed") for r in results)
