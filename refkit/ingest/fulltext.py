"""The whole text of a document, for the stages that read past its first page (references).

The readers look at a document's metadata and first pages; the reference list sits at
the end of a full text, so it needs all of it: every page of a PDF, the visible text of
an HTML page, the decoded text of anything else.  The kind is decided by content.
"""

from __future__ import annotations

from refkit.errors import InputError
from refkit.ingest.base import decode, looks_binary


def document_text(data: bytes, source: str) -> str:
    """All the text of a document; raises :class:`InputError` when it has none to give."""
    if data.lstrip()[:1024].find(b"%PDF-") >= 0:
        from refkit.ingest.pdf import pdf_text

        return pdf_text(data, source)
    if looks_binary(data):
        raise InputError("binary content that is not a PDF", source=source)
    text = decode(data, source).text
    from refkit.ingest.html import HtmlReader, visible_text

    if HtmlReader().sniff(data, text) >= 0.5:
        return visible_text(text)
    return text
