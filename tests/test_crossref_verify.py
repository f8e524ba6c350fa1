"""Comparing entries with Crossref works, and the verdicts that follow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from refkit.crossref.verify import (
    abbreviates,
    compare,
    container_similarity,
    family_agrees,
    fold,
    lost_dash,
    title_similarity,
    update_notices,
    verdict_for_work,
)
from refkit.model import Date, Person, Record

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"


def fixture(doi: str) -> dict[str, Any]:
    name = doi.replace("/", "_") + ".json"
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def test_fold_drops_accents_markup_and_punctuation() -> None:
    assert fold("Fjellström &amp; <i>Håkansson</i>: A–B") == "fjellstrom hakansson a b"


def test_journal_abbreviations_match_their_full_names() -> None:
    assert abbreviates("Am J Gastroenterol", "The American Journal of Gastroenterology")
    assert abbreviates(
        "Proc Natl Acad Sci USA", "Proceedings of the National Academy of Sciences USA"
    )
    assert abbreviates("Int. Bus. Rev.", "International Business Review")


def test_an_abbreviation_must_cover_every_word_of_the_full_name() -> None:
    assert not abbreviates("J Gastroenterol", "Journal of Gastroenterology and Hepatology")
    assert not abbreviates("International Business Review", "International Marketing Review")


# Words that abbreviations drop, and a three-letter cut that happens to be one.
_WEAK = {
    "the",
    "of",
    "and",
    "for",
    "in",
    "on",
    "a",
    "an",
    "de",
    "la",
    "le",
    "der",
    "und",
    "et",
    "y",
}
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12).filter(
    lambda w: w not in _WEAK and w[:3] not in _WEAK
)


@given(st.lists(_WORD, min_size=1, max_size=6))
def test_every_name_abbreviates_itself_and_its_three_letter_contraction(words: list[str]) -> None:
    name = " ".join(words)
    assert abbreviates(name, name)
    assert abbreviates(" ".join(w[:3] for w in words), name)


def test_container_similarity_reports_a_score_for_different_journals() -> None:
    agrees, score = container_similarity(
        "International Business Review", ["International Marketing Review"]
    )
    assert not agrees
    assert 0.5 < score < 1.0


def test_titles_agree_with_or_without_the_subtitle() -> None:
    score = title_similarity(
        "Local or global?",
        ["Local or global?"],
        ["Does internationalization drive innovation in clusters?"],
    )
    assert score == 1.0
    joined = title_similarity(
        "Rich man, poor man: resources on globalization",
        ["Rich man, poor man"],
        ["Resources on globalization"],
    )
    assert joined > 0.95
    assert title_similarity("The strength of weak ties", ["Doing psychological research"]) < 0.5


def test_family_names_tolerate_cut_particles_and_transliteration() -> None:
    assert family_agrees("Di Maria", "Maria")[0]
    assert family_agrees("Mueller", "Müller")[0]
    assert not family_agrees("Johanson", "Vahlne")[0]


def test_lost_dash_recognises_full_and_shortened_ranges() -> None:
    assert lost_dash("163190", "163", "190")
    assert lost_dash("18037", "1803", "1807")
    assert not lost_dash("163", "163", "190")
    assert not lost_dash("12345", "163", "190")


@given(st.integers(1, 99999), st.integers(0, 999))
def test_a_range_written_without_its_dash_is_always_recognised(first: int, length: int) -> None:
    last = first + length
    assert lost_dash(f"{first}{last}", str(first), str(last))


def test_journal_that_disagrees_with_the_dois_record_is_a_mismatch() -> None:
    record = Record(
        title="The mechanism of internationalisation",
        author=(Person("Johanson", "J."),),
        issued=Date(1990),
        container_title="International Business Review",
        volume="7",
        page="1124",
        doi="10.1108/02651339010137414",
    )
    check = verdict_for_work(record, fixture("10.1108/02651339010137414"))
    assert check.verdict == "mismatch"
    fields = {f["field"]: f for f in check.details["fields"]}
    assert set(fields) >= {"container-title"}
    assert fields["container-title"]["crossref"] == "International Marketing Review"
    assert fields["container-title"]["entry"] == "International Business Review"
    assert 0 < fields["container-title"]["similarity"] < 1


def test_year_that_disagrees_is_a_mismatch_with_both_years() -> None:
    record = Record(
        title="Customer experience management in the age of big data analytics: A strategic framework",
        author=(Person("Holmlund", "M."),),
        issued=Date(2017),
        container_title="Journal of Business Research",
        volume="116",
        page="356365",
    )
    check = verdict_for_work(record, fixture("10.1016/j.jbusres.2020.01.022"))
    assert check.verdict == "mismatch"
    [year] = check.details["fields"]
    assert (year["field"], year["entry"], year["crossref"]) == ("issued", "2017", "2020")
    # The page range only lost its dash: noted, not counted against the entry.
    assert check.details["notes"][0]["note"] == "dash lost"


def test_agreeing_entry_is_ok() -> None:
    record = Record(
        title="Highly Innovative Small Technology Firms, Industrial Clusters and Firm Internationalization",
        author=(Person("Libaers", "Dirk"),),
        issued=Date(2011),
        container_title="Research Policy",
        volume="40",
        page="1426-1437",
    )
    work = fixture("10.1016/j.respol.2011.06.005")
    assert all(c.agrees for c in compare(record, work))
    assert verdict_for_work(record, work).verdict == "ok"


def test_retracted_withdrawn_and_corrected_carry_the_notice() -> None:
    expected = {
        "10.5555/refkit.retracted": ("retracted", "10.5555/refkit.retraction-notice"),
        "10.5555/refkit.withdrawn": ("withdrawn", "10.5555/refkit.withdrawal-notice"),
        "10.5555/refkit.corrected": ("corrected", "10.5555/refkit.correction-notice"),
    }
    for doi, (verdict, notice) in expected.items():
        check = verdict_for_work(Record(doi=doi), fixture(doi))
        assert check.verdict == verdict
        first = check.details["notices"][0]
        assert first["doi"] == notice
        assert first["date"][:4].isdigit()
        assert first["source"]


def test_retraction_sources_are_all_kept() -> None:
    sources = {n.source for n in update_notices(fixture("10.5555/refkit.retracted"))}
    assert sources == {"publisher", "retraction-watch"}


def test_a_retraction_outranks_a_mismatch_and_keeps_the_fields() -> None:
    work = fixture("10.5555/refkit.retracted")
    check = verdict_for_work(Record(title="Something else entirely", issued=Date(1950)), work)
    assert check.verdict == "retracted"
    assert {f["field"] for f in check.details["fields"]} >= {"title", "issued"}
