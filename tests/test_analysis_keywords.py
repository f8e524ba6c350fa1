"""Author keywords and extracted keyphrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import refkit
from refkit.analysis import with_extracted_keywords
from refkit.analysis.keywords import extract_keyphrases, split_keywords, stem
from refkit.cli import main
from refkit.model import Record

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


def _bib_keywords(text: str) -> list[list[str]]:
    return [
        line.split("{", 1)[1].rsplit("}", 1)[0].split(", ")
        for line in text.splitlines()
        if line.strip().startswith("keywords = {")
    ]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_ingest_extracted_keywords_follow_the_author_keywords(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(DOCUMENTS / "eprints-libaers-2011.txt")
    authored = list(refkit.ingest(path)[0].keywords)
    assert main(["ingest", path, "--to", fmt, "-q"]) == 0
    assert _bib_keywords(capsys.readouterr().out) == [authored]
    assert main(["ingest", path, "--to", fmt, "-q", "--extracted-keywords"]) == 0
    [found] = _bib_keywords(capsys.readouterr().out)
    assert found[: len(authored)] == authored
    assert "non-serial innovator firms" in found[len(authored) :]
    folded = [k.casefold() for k in found]
    assert len(folded) == len(set(folded))


def test_build_extracted_keywords_in_both_bib_files(tmp_path: Path) -> None:
    plain, extended = tmp_path / "plain", tmp_path / "extended"
    assert main(["build", str(DOCUMENTS), "--offline", "--no-cache", "-q", "-o", str(plain)]) == 0
    args = ["build", str(DOCUMENTS), "--offline", "--no-cache", "-q", "-o", str(extended)]
    assert main([*args, "--extracted-keywords"]) == 0
    for name in ("library.bib", "library.biblatex.bib"):
        before = _bib_keywords((plain / name).read_text(encoding="utf-8"))
        after = _bib_keywords((extended / name).read_text(encoding="utf-8"))
        # One example has no author keywords; every example has an abstract.
        assert (len(before), len(after)) == (3, 4)
        for authored in before:
            assert any(
                len(words) > len(authored) and words[: len(authored)] == authored for words in after
            )
    # The rendered bibliography shows the keyphrases either way.
    for name in ("annotated-bibliography.md", "summaries.md"):
        assert (plain / name).read_text(encoding="utf-8") == (extended / name).read_text(
            encoding="utf-8"
        )


def test_with_extracted_keywords_without_an_abstract_keeps_the_record() -> None:
    record = Record(id="x", title="A title", keywords=("Clusters; innovation", "clusters"))
    assert with_extracted_keywords(record).keywords == ("Clusters", "innovation")


def test_a_verb_before_a_determiner_or_in_the_verb_list_does_not_leak_into_a_phrase() -> None:
    text = "The cluster plays the role of orchestrator. The study fills research gaps by examining links."
    phrases = [k.text for k in extract_keyphrases("", text, 10)]
    assert "research gaps" in phrases
    assert not any("plays" in p or "fills" in p for p in phrases)
