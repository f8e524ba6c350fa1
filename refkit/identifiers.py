"""ISSN and ISBN: recognise, validate by checksum, normalise.

Pages and PDFs print these numbers with hyphens, spaces, prefixes ("ISSN:",
"eISSN", "ISBN-13") and sometimes typos.  A number whose check digit fails is
dropped rather than kept: an empty field beats a wrong identifier that a library
catalogue would reject.

Normal forms: an ISSN is ``NNNN-NNNC`` (``C`` a digit or ``X``); an ISBN is its
digits without hyphens (13 digits, or 10 characters with a possible final ``X``),
because correct hyphenation needs the ISBN agency's range tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "find_isbns",
    "find_issns",
    "isbn10_to_13",
    "valid_isbn",
    "valid_issn",
]

# Hyphens and dashes that typesetting substitutes for "-", plus spaces.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+")
_ISSN_PREFIX = re.compile(
    r"^\s*(?:[ep]-?|online\s+|print\s+)?issn\s*(?:\([^)]*\))?\s*[:#]?\s*", re.I
)
_ISBN_PREFIX = re.compile(r"^\s*isbn(?:-1[03])?\s*(?:\([^)]*\))?\s*[:#]?\s*", re.I)
_URN = re.compile(r"^\s*urn:(?:issn|isbn):", re.I)

# In running text: four digits, a hyphen or dash, three digits and a check character.
_ISSN_IN_TEXT = re.compile(r"(?<![\d\-])(\d{4}\s?[\-\u2010-\u2013]\s?\d{3}[\dXx])(?![\d\-])")
# ISBNs in running text: 10 or 13 digits possibly split by hyphens or spaces.
_ISBN_IN_TEXT = re.compile(
    r"(?<![\dXx\-])((?:97[89][\s\-\u2010-\u2013]?)?\d(?:[\s\-\u2010-\u2013]?\d){8}[\s\-\u2010-\u2013]?[\dXx])(?![\dXx\-])"
)


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def valid_issn(text: str) -> str | None:
    """``text`` as a normalised ISSN ``NNNN-NNNC`` if its check digit is right, else ``None``.

    Accepts ``0048-7333``, ``00487333``, ``ISSN 0048-7333``, ``eISSN: 2658-0845``,
    ``urn:issn:...`` and typographic dashes.
    """
    candidate = _URN.sub("", text)
    candidate = _ISSN_PREFIX.sub("", candidate)
    compact = _compact(candidate)
    if not re.fullmatch(r"\d{7}[\dX]", compact):
        return None
    total = sum(
        int(digit) * weight for digit, weight in zip(compact[:7], range(8, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if compact[7] != expected:
        return None
    return f"{compact[:4]}-{compact[4:]}"


def _isbn10_ok(compact: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", compact):
        return False
    total = sum(
        (10 if char == "X" else int(char)) * weight
        for char, weight in zip(compact, range(10, 0, -1), strict=True)
    )
    return total % 11 == 0


def _isbn13_ok(compact: str) -> bool:
    if not re.fullmatch(r"97[89]\d{10}", compact):
        return False
    total = sum(int(char) * (1 if index % 2 == 0 else 3) for index, char in enumerate(compact))
    return total % 10 == 0


def valid_isbn(text: str) -> str | None:
    """``text`` as a normalised ISBN-13 or ISBN-10 if its check digit is right, else ``None``.

    The form given is kept (an ISBN-10 stays ten characters); hyphens, spaces and
    ``ISBN``/``ISBN-13:`` prefixes are removed.  Use :func:`isbn10_to_13` to convert.
    """
    candidate = _URN.sub("", text)
    candidate = _ISBN_PREFIX.sub("", candidate)
    compact = _compact(candidate)
    if len(compact) == 13 and _isbn13_ok(compact):
        return compact
    if len(compact) == 10 and _isbn10_ok(compact):
        return compact
    return None


def isbn10_to_13(isbn10: str) -> str | None:
    """The ISBN-13 (978 prefix) of a valid ISBN-10, or ``None`` if it is not one."""
    compact = valid_isbn(isbn10)
    if compact is None or len(compact) != 10:
        return None
    body = "978" + compact[:9]
    total = sum(int(char) * (1 if index % 2 == 0 else 3) for index, char in enumerate(body))
    return body + str((10 - total % 10) % 10)


def find_issns(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield each valid ISSN in ``text`` as (normalised ISSN, start, end).

    Numbers of ISSN shape whose checksum fails (dates such as ``2019-2020`` do not
    have the shape; page ranges such as ``1995-2014`` may) are skipped.
    """
    for match in _ISSN_IN_TEXT.finditer(text):
        issn = valid_issn(match.group(1))
        if issn:
            yield issn, match.start(1), match.end(1)


def find_isbns(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield each valid ISBN in ``text`` as (normalised ISBN, start, end)."""
    for match in _ISBN_IN_TEXT.finditer(text):
        isbn = valid_isbn(match.group(1))
        if isbn:
            yield isbn, match.start(1), match.end(1)
