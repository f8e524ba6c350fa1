"""The whole text of a document, whatever its kind, for the reference-list stage."""

from __future__ import annotations

import pytest
from test_ingest_pdf import make_pdf

from refkit.errors import InputError
from refkit.ingest.fulltext import document_text


def test_every_page_of_a_pdf() -> None:
    data = make_pdf(
        pages=[["A Title of a Paper"], ["Body text."], ["References", "Doe, J. (2020). Work."]]
    )
    text = document_text(data, "paper.pdf")
    assert "A Title of a Paper" in text
    assert "Doe, J. (2020). Work." in text


def test_visible_text_of_a_page() -> None:
    html = b"<!DOCTYPE html><html><head><script>var x = 1;</script></head><body><p>References</p><p>Doe, J. (2020).</p></body></html>"
    text = document_text(html, "page.html")
    assert "Doe, J. (2020)." in text
    assert "var x" not in text


def test_plain_text_is_decoded() -> None:
    assert document_text("Réferences\nDoe".encode(), "a.txt") == "Réferences\nDoe"


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match=r"^blob\.bin: "):
        document_text(bytes(range(256)), "blob.bin")
