"""What every reader shares: the reader interface and decoding of bytes to text."""

from __future__ import annotations

import logging
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from refkit.errors import UnsupportedInputError
from refkit.model import Record


class Reader(Protocol):
    """A reader recognises its kind of content and turns it into records."""

    name: str

    def sniff(self, data: bytes, text: str | None) -> float:
        """How sure (0 to 1) the reader is that it can read this content.

        ``text`` is the decoded content, or ``None`` when the bytes are not text.
        """
        ...

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """Records in the content; raise :class:`~refkit.errors.InputError` when none."""
        ...


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control characters."""
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def decode(data: bytes, source: str) -> Decoded:
    """Decode text as UTF-8 (with or without BOM), falling back to Windows-1252.

    The result is NFC-normalised with Unix line ends, so character offsets in
    provenance refer to this decoded text.
    """
    if looks_binary(data):
        raise UnsupportedInputError("binary content that no reader recognises", source=source)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return Decoded(unicodedata.normalize("NFC", text), encoding)
    raise UnsupportedInputError("cannot decode the text", source=source)  # pragma: no cover


@contextmanager
def quiet_library(name: str) -> Iterator[None]:
    """Silence a library's warnings and log records for the duration of a read.

    Parsers report recoverable damage through both channels; the user gets refkit's own
    message instead, and tests that turn warnings into errors stay meaningful.  A level
    above CRITICAL on the library's top logger reaches its module loggers, which inherit
    their effective level (``disabled`` would not be inherited).
    """
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(previous)
