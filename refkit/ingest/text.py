"""Plain-text reader (landing pages, full texts, PDF text).  Work in progress."""

from __future__ import annotations

from refkit.errors import UnsupportedInputError
from refkit.model import Record


def read_text(text: str, source: str) -> list[Record]:
    """Records described by a document's plain text; raises UnsupportedInputError if none."""
    raise UnsupportedInputError("no bibliographic data found", source=source)


class TextReader:
    name = "text"

    def sniff(self, data: bytes, text: str | None) -> float:
        return 0.1 if text and text.strip() else 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        return read_text(text or "", source)
