"""Sentence case for APA titles."""

from __future__ import annotations

import pytest

from refkit.render.casing import is_title_case, looks_english, sentence_case


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Highly Innovative Small Technology Firms, Industrial Clusters and Firm Internationalization",
            "Highly innovative small technology firms, industrial clusters and firm internationalization",
        ),
        ("The GIS Handbook for SMEs in Europe", "The GIS handbook for SMEs in Europe"),
        (
            "Clusters and Knowledge: Local Buzz, Global Pipelines",
            "Clusters and knowledge: Local buzz, global pipelines",
        ),
        (
            "Evidence From Italian-German Firms in the U.S. Market",
            "Evidence from Italian-German firms in the U.S. market",
        ),
        ("COVID-19 And The Public–Private Divide", "COVID-19 and the public–private divide"),
        ("The iPhone Effect on McDonald Franchises", "The iPhone effect on McDonald franchises"),
    ],
)
def test_title_case_becomes_sentence_case(title: str, expected: str) -> None:
    assert sentence_case(title) == expected


def test_sentence_case_title_keeps_its_capitals() -> None:
    title = "Local or global? Does internationalization drive innovation in Clusters?"
    assert not is_title_case(title)
    assert sentence_case(title) == title


def test_braced_words_are_kept_when_asked() -> None:
    assert sentence_case("The {Padova} Model Of Cluster Growth", braces=True) == (
        "The Padova model of cluster growth"
    )
    # Without braces=True a brace is a literal character of the title.
    assert (
        sentence_case("Deep Learning For fun_{stuff} Today")
        == "Deep learning for fun_{stuff} today"
    )


def test_foreign_titles_are_left_alone() -> None:
    title = "Über Straßen Und Plätze Der Stadt"
    assert not looks_english(title)
    assert sentence_case(title) == title
