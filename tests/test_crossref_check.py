"""The check pipeline against a local server that answers like Crossref and doi.org."""

from __future__ import annotations

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
