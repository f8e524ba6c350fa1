"""Sentence splitting: abbreviations, statistics, list markers, glued headings, markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refkit.analysis.sentences import blank_markup, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Smith et al. (2019) studied firms, e.g. in Italy, i.e. small ones. "
        "Firms in the U.S. were larger (p < .05). We conclude."
    )
    assert texts(text) == [
        "Smith et al. (2019) studied firms, e.g. in Italy, i.e. small ones.",
        "Firms in the U.S. were larger (p < .05).",
        "We conclude.",
    ]


def test_abbreviation_before_a_sentence_opener_ends_the_sentence() -> None:
    assert texts("Data come from the U.S. The sample is large.") == [
        "Data come from the U.S.",
        "The sample is large.",
    ]


def test_numbered_list_items_stay_in_their_sentence() -> None:
    text = "We ask two questions: 1. how firms learn; 2. why they fail. Results follow."
    assert texts(text) == [
        "We ask two questions: 1. how firms learn; 2. why they fail.",
        "Results follow.",
    ]


def test_headings_glued_to_text_become_headings() -> None:
    found = split_sentences(
        "PurposeThis study aims to explore clusters. Design/methodology/approach: We survey "
        "firms. Findings The analysis shows growth."
    )
    assert [(s.heading, s.text) for s in found] == [
        ("Purpose", "This study aims to explore clusters."),
        ("Design/methodology/approach", "We survey firms."),
        ("Findings", "The analysis shows growth."),
    ]


def test_a_sentence_starting_with_a_heading_word_is_not_a_heading() -> None:
    found = split_sentences("Results were mixed across regions. Methods differ.")
    assert [s.heading for s in found] == ["", ""]
    assert found[0].text == "Results were mixed across regions."


def test_markup_is_blanked_and_spans_point_into_the_original() -> None:
    text = "<jats:p>Firms grow. We found <italic>clear</italic> effects.</jats:p>"
    found = split_sentences(text)
    assert [s.text for s in found] == ["Firms grow.", "We found clear effects."]
    assert blank_markup(text)[found[1].start : found[1].end].split() == found[1].text.split()


@given(st.text(max_size=400))
def test_any_text_splits_into_ordered_spans_within_it(text: str) -> None:
    found = split_sentences(text)
    plain = blank_markup(text)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == " ".join(plain[sentence.start : sentence.end].split())
        previous_end = sentence.end


# Sentence bodies of random words; the last word is an ordinary noun, since a sentence that
# ends in an abbreviation ("... ca. Then") is ambiguous by nature.
_SENTENCE = st.builds(
    lambda body, last: f"{body} {last}.",
    st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){1,5}", fullmatch=True),
    st.sampled_from(["growth", "markets", "firms", "clusters", "innovation", "networks"]),
)


@given(st.lists(_SENTENCE, min_size=1, max_size=6))
def test_plain_sentences_are_split_exactly(sentences: list[str]) -> None:
    assert texts(" ".join(sentences)) == sentences
