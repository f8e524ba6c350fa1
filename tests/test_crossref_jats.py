"""JATS abstracts to plain text."""

from __future__ import annotations

import json
from pathlib import Path

from refkit.crossref.jats import jats_sections, jats_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"


def test_structured_abstract_keeps_its_headings() -> None:
    work = json.loads((FIXTURES / "10.1108_CEMJ-07-2023-0319.json").read_text(encoding="utf-8"))
    sections = jats_sections(work["abstract"])
    assert [heading for heading, _ in sections] == [
        "Purpose",
        "Design/methodology/approach",
        "Findings",
    ]
    assert sections[2][1].endswith("(exogenous gaps) shape the process & its pace.")
    text = jats_to_text(work["abstract"])
    assert text.startswith("Purpose: Fixture text")
    assert "\n\nFindings: " in text
    assert "<" not in text and "Abstract" not in text


def test_paragraphs_inline_markup_and_entities() -> None:
    fragment = (
        "<jats:p>Water (H<jats:sub>2</jats:sub>O) is <jats:italic>wet</jats:italic> &amp; "
        "cold&#x2013;ish.</jats:p>\n  <jats:p>Second   paragraph.</jats:p>"
    )
    assert jats_to_text(fragment) == "Water (H2O) is wet & cold\u2013ish.\n\nSecond paragraph."


def test_markup_that_arrived_escaped() -> None:
    assert jats_to_text("&lt;jats:p&gt;Escaped &amp;amp; kept&lt;/jats:p&gt;") == "Escaped & kept"


def test_plain_text_passes_through() -> None:
    assert jats_to_text("No markup at all.") == "No markup at all."
    assert jats_to_text("") == ""
    assert jats_sections("   ") == ()


def test_hostile_or_broken_fragments_give_text_not_errors() -> None:
    hostile = (
        '<!DOCTYPE x [<!ENTITY boom "boom boom boom">]><jats:p>&boom; Safe'
        "<script>alert(1)</script><style>p{}</style> text<jats:p>unclosed"
    )
    text = jats_to_text(hostile)
    assert "alert" not in text and "p{}" not in text and "ENTITY" not in text
    assert "boom boom" not in text
    assert "Safe text" in text and text.endswith("unclosed")


def test_mathml_annotations_are_dropped_and_control_characters_removed() -> None:
    fragment = (
        "<jats:p>Rate <mml:math><mml:mi>r</mml:mi><mml:annotation encoding='TeX'>r</mml:annotation>"
        "</mml:math> rises\x07.</jats:p>"
    )
    assert jats_to_text(fragment) == "Rate r rises."


def test_a_generic_title_is_dropped_and_a_custom_one_kept() -> None:
    assert jats_sections("<jats:title>Abstract</jats:title><jats:p>Body.</jats:p>") == (
        ("", "Body."),
    )
    assert jats_sections(
        "<jats:sec><jats:title>Study context</jats:title><jats:p>Body.</jats:p></jats:sec>"
    ) == (("Study context", "Body."),)
