"""Finding a DOI by search: only a validated, clear winner is accepted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest
from crossref_server import CrossrefTestServer
from hypothesis import given
from hypothesis import strategies as st

from refkit.crossref import Backoff, CrossrefClient
from refkit.crossref.match import THRESHOLD, find_doi, reference_text, unwrap, validate
from refkit.model import Date, Person, Record


class ListSearcher:
    """Answers every search with the same candidates, and remembers the queries."""

    def __init__(self, items: Sequence[Mapping[str, Any]]) -> None:
        self.items = list(items)
        self.queries: list[str] = []

    def search(self, bibliographic: str, rows: int = 5) -> list[Mapping[str, Any]]:
        self.queries.append(bibliographic)
        return self.items[:rows]


def work(
    doi: str, title: str, family: str, year: int, journal: str, volume: str, page: str
) -> dict[str, Any]:
    return {
        "DOI": doi,
        "title": [title],
        "author": [{"family": family, "given": "A.", "sequence": "first"}],
        "issued": {"date-parts": [[year]]},
        "container-title": [journal],
        "volume": volume,
        "page": page,
        "score": 60.0,
    }


GRANOVETTER = work(
    "10.1086/225469",
    "The strength of weak ties",
    "Granovetter",
    1973,
    "American Journal of Sociology",
    "78",
    "1360-1380",
)
NEIGHBOUR = work(
    "10.1086/225470",
    "The strength of strong ties",
    "Krackhardt",
    1973,
    "American Journal of Sociology",
    "78",
    "1381-1399",
)
ENTRY = Record(
    title="The strength of weak ties",
    author=(Person("Granovetter", "M. S."),),
    issued=Date(1973),
    container_title="American Journal of Sociology",
    volume="78",
    page="1360-1380",
)


def test_a_candidate_that_agrees_on_every_field_is_accepted_with_its_evidence() -> None:
    result = find_doi(ENTRY, ListSearcher([NEIGHBOUR, GRANOVETTER]))
    assert result.doi == "10.1086/225469"
    assert result.confidence >= THRESHOLD
    evidence = result.to_json()["evidence"]
    assert evidence["author"]["agrees"] and evidence["page"]["agrees"]


def test_same_journal_volume_and_year_do_not_outvote_a_different_title() -> None:
    result = find_doi(ENTRY, ListSearcher([NEIGHBOUR]))
    assert result.doi == ""
    assert result.reason == "best candidate below threshold"


def test_two_equally_good_candidates_are_a_tie_not_a_guess() -> None:
    twin = dict(GRANOVETTER, DOI="10.9999/reprint")
    result = find_doi(ENTRY, ListSearcher([GRANOVETTER, twin]))
    assert result.doi == ""
    assert result.reason == "tie between candidates"


def test_the_same_doi_twice_is_not_a_tie() -> None:
    result = find_doi(ENTRY, ListSearcher([GRANOVETTER, dict(GRANOVETTER)]))
    assert result.doi == "10.1086/225469"


def test_no_candidates_and_nothing_to_search_give_no_doi() -> None:
    assert find_doi(ENTRY, ListSearcher([])).reason == "no candidates"
    searcher = ListSearcher([GRANOVETTER])
    assert find_doi(Record(), searcher).reason == "nothing to search with"
    assert searcher.queries == []


def test_a_raw_reference_string_is_validated_against_its_own_text() -> None:
    raw = "Granovetter MS. The strength of weak \nties. Am J Sociol. 1973;78:1360-80."
    candidate = validate(Record(), GRANOVETTER, reference=raw)
    agreed = {e.field for e in candidate.evidence if e.agrees}
    assert {"title", "author", "issued", "volume", "page"} <= agreed
    wrong = validate(Record(), NEIGHBOUR, reference=raw)
    assert wrong.confidence < THRESHOLD <= candidate.confidence


def test_reference_text_is_built_from_the_fields() -> None:
    text = reference_text(ENTRY)
    for part in (
        "Granovetter",
        "1973",
        "The strength of weak ties",
        "American Journal of Sociology",
        "78",
        "1360-1380",
    ):
        assert part in text


def test_unwrap_rejoins_words_hyphenated_at_line_ends() -> None:
    assert (
        unwrap("endoscopic papil-\nlary balloon\n dilation")
        == "endoscopic papillary balloon dilation"
    )


@given(st.text(max_size=200))
def test_unwrap_keeps_every_letter_and_digit(text: str) -> None:
    kept = [ch for ch in unwrap(text) if ch.isalnum()]
    assert kept == [ch for ch in text if ch.isalnum()]


@given(st.text(max_size=300))
def test_validation_of_any_reference_string_gives_a_confidence_in_range(text: str) -> None:
    candidate = validate(Record(), GRANOVETTER, reference=text)
    assert 0.0 <= candidate.confidence <= 1.0


@pytest.fixture
def client() -> Iterator[CrossrefClient]:
    with CrossrefTestServer() as server:
        server.set_limits("list", 200, "1s", 4)
        with CrossrefClient(
            server.url, server.url, mailto="t@example.org", backoff=Backoff(0.01, 0.05), timeout=2.0
        ) as made:
            yield made


def test_documents_000_and_001_get_their_doi_by_search(client: CrossrefClient) -> None:
    bettiol = Record(
        title="Local or global? Does internationalization drive innovation in clusters?",
        author=(Person("Bettiol", "Marco"), Person("Chiarvesio", "Maria")),
        issued=Date(2019, 10, 3),
        container_title="European Planning Studies",
        issue="10",
        page="1995-2014",
    )
    carloni = Record(
        title="Formal clusters supporting small firms' internationalization: a case of public–private interaction",
        author=(Person("Carloni", "Elisa"),),
        issued=Date(2022),
    )
    assert find_doi(bettiol, client).doi == "10.1080/09654313.2019.1628185"
    found = find_doi(carloni, client)
    assert found.doi == "10.5555/refkit.carloni.2022"
    # The decoys were among the candidates and lost on the evidence.
    assert len(found.candidates) > 1


def test_a_wrong_year_and_author_keep_a_similar_title_from_matching(client: CrossrefClient) -> None:
    impostor = Record(
        title="Formal clusters supporting small firms' internationalization: a case of public–private interaction",
        author=(Person("Someone", "Else"),),
        issued=Date(1995),
        container_title="Journal of Something Else",
        volume="3",
    )
    assert find_doi(impostor, client).doi == ""
