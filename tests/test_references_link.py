"""Linking in-text citations to reference entries, and with_references on the example."""

from __future__ import annotations

from pathlib import Path

from refkit import parse_references
from refkit.model import Record
from refkit.references import with_references
from refkit.references.link import link_citations

SEED = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "documents"
    / "emerald-osarenkhoe-2024.txt"
)

ENTRIES = [
    "Johanson, J., & Vahlne, J.-E. (1977). The internationalisation process. Journal of International Business Studies, 8(1), 23-32.",
    "Johanson, J., & Vahlne, J.-E. (2009). The Uppsala model revisited. Journal of International Business Studies, 40(9), 1411-1431.",
    "Johanson, J., & Mattsson, L.-G. (1988). Internationalization in industrial systems. In N. Hood (Ed.), Strategies (pp. 287-314). London: Croom Helm.",
    "Osarenkhoe, A., Fjellström, D., Abraha, D., & Awuah, G. (2020). Networked establishment processes. Global Business and Economics Review, 22(1/2), 161-177.",
    "Doe, J. (2015a). First of two. Journal, 1, 1-2.",
    "Doe, J. (2015b). Second of two. Journal, 1, 3-4.",
]

BODY = """Introduction

Firms learn abroad (Johanson & Vahlne, 1977, 2009). Osarenkhoe et al. (2020) show networks.

Method

As Johanson and Mattsson (1988) argue, and Doe (2015b) confirms (see also Johanson & Vahlne, 1977).
"""


def test_author_date_citations_are_counted_per_entry_and_section() -> None:
    linked = link_citations(BODY, parse_references(ENTRIES))
    counts = [r.cited_count for r in linked]
    assert counts == [2, 1, 1, 1, 0, 1]
    assert linked[0].cited_sections == ("Introduction", "Method")
    assert linked[3].cited_sections == ("Introduction",)


def test_numeric_citations() -> None:
    entries = parse_references(
        "[1] A. Smith, “One,” J. Things, vol. 1, pp. 1–2, 2001.\n"
        "[2] B. Jones, “Two,” J. Things, vol. 2, pp. 3–4, 2002.\n"
        "[3] C. Brown, “Three,” J. Things, vol. 3, pp. 5–6, 2003.\n"
    )
    linked = link_citations("Results\n\nAs shown [1], [2-3] and again [3].\n", entries)
    assert [r.cited_count for r in linked] == [1, 1, 2]


def test_with_references_on_the_example_full_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = with_references(Record(title="Unveiling exogenous gaps", id="Osarenkhoe2024"), text)
    assert document.has_references
    assert len(document.references) == 110
    assert {r.cited_by for r in document.references} == {"Osarenkhoe2024"}
    keys = [r.id for r in document.references]
    assert all(keys) and len({k.lower() for k in keys}) == len(keys)
    johanson = next(
        r
        for r in document.references
        if r.title.startswith("The internationalisation process of the firm")
    )
    assert johanson.cited_count >= 3
    assert "Internationalization process model" in johanson.cited_sections


def test_text_without_a_reference_list_leaves_the_record_alone() -> None:
    record = Record(title="x")
    assert with_references(record, "No list here.") is record
