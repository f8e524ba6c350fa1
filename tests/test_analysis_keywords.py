"""Author keywords and extracted keyphrases."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import refkit
from refkit.analysis.keywords import extract_keyphrases, split_keywords, stem

DOCUMENTS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def test_author_keywords_are_split_deduplicated_and_keep_case() -> None:
    assert split_keywords(["RBV; Industrial clustering;rbv ; Density  dependence theory"]) == [
        "RBV",
        "Industrial clustering",
        "Density dependence theory",
    ]
    assert split_keywords(["innovation, clusters, Innovation"]) == ["innovation", "clusters"]


def test_record_keywords_author_first_then_extracted() -> None:
    record = refkit.ingest(str(DOCUMENTS / "eprints-libaers-2011.txt"))[0]
    found = refkit.keywords(record, n=5)
    authored = [k for k in found if k.source == "author"]
    extracted = [k for k in found if k.source == "extracted"]
    assert [k.text for k in authored] == list(record.keywords)
    assert 0 < len(extracted) <= 5
    scores = [k.score for k in extracted]
    assert scores == sorted(scores, reverse=True)
    assert "non-serial innovator firms" in {k.text for k in extracted}


def test_no_verbs_leak_into_phrases() -> None:
    abstract = (
        "Internationalization affects innovation in clusters. We show that "
        "internationalization affects innovation outputs of cluster firms, and cluster firms "
        "benefit from collaboration. Collaboration does not impact exports."
    )
    texts = [k.text for k in extract_keyphrases("", abstract, n=10)]
    assert texts
    for verb in ("affects", "show", "benefit", "impact"):
        assert all(verb not in t.split() for t in texts), texts


def test_a_phrase_inside_a_better_one_is_dropped_unless_it_stands_alone() -> None:
    abstract = (
        "Wavelength services are sold by carriers. Demand for wavelength services grows. "
        "Carriers price wavelength services by distance."
    )
    texts = [k.text for k in extract_keyphrases("", abstract, n=10)]
    assert "wavelength services" in texts
    assert "wavelength" not in texts
    standalone = (
        abstract
        + " Each wavelength is leased. A single wavelength is cheap. The wavelength is fixed."
    )
    assert "wavelength" in [k.text for k in extract_keyphrases("", standalone, n=10)]


def test_spans_point_at_the_phrase() -> None:
    abstract = "Neural networks learn. We train neural networks on images of cells."
    found = extract_keyphrases("", abstract, n=5)
    phrase = next(k for k in found if k.text == "neural networks")
    assert [abstract[s:e] for s, e in phrase.spans] == ["Neural networks", "neural networks"]


def test_stem_is_porter() -> None:
    assert stem("Networks") == "network"
    assert stem("services") == "servic"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=500), st.text(max_size=80), st.integers(min_value=0, max_value=15))
def test_extraction_never_raises_and_respects_n(abstract: str, title: str, n: int) -> None:
    found = extract_keyphrases(title, abstract, n=n)
    assert len(found) <= n
    assert len({tuple(stem(w) for w in k.text.split()) for k in found}) == len(found)
    for keyword in found:
        assert 0 < keyword.score <= 1
        assert keyword.source == "extracted"
        for start, end in keyword.spans:
            assert 0 <= start < end <= len(abstract)


def test_phrases_end_on_a_noun_and_generic_words_never_stand_alone() -> None:
    abstract = (
        "The lawsuit holds carriers accountable. Carriers remain accountable for spam. "
        "A numerical integration method is given. The method is fast and the method is simple."
    )
    texts = [k.text for k in extract_keyphrases("", abstract, n=10)]
    assert "numerical integration method" in texts
    assert all(not t.endswith("accountable") for t in texts), texts
    assert "method" not in texts


def test_rare_words_outrank_common_ones() -> None:
    abstract = "The paper proposes a system. The system uses wavelength multiplexing."
    texts = [k.text for k in extract_keyphrases("", abstract, n=3)]
    assert texts[0] == "wavelength multiplexing"
