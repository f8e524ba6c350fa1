"""Find, clean and validate DOIs.

A DOI is ``10.<registrant>/<suffix>``; the suffix may hold almost any printable
character, so cleaning is about the context a DOI was written in: ``doi:`` prefixes,
resolver URLs, trailing punctuation from the sentence around it, and line breaks
from PDF text.  DOIs compare case-insensitively; refkit keeps the case it was given.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

from refkit.errors import DoiError

_RESOLVER = re.compile(
    r"^(?:https?://)?(?:dx\.|www\.)?(?:doi\.org|doi\.acm\.org|hdl\.handle\.net)/", re.IGNORECASE
)
_PREFIX = re.compile(r"^(?:doi|DOI|Doi)\s*[:：]?\s*", re.IGNORECASE)
_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")

# A DOI in running text: registrant code, slash, then a suffix of non-space characters.
# Quotes and angle brackets end it; trailing punctuation is trimmed afterwards.
_IN_TEXT = re.compile(
    r"""(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/|doi\.org/)?"""
    r"""(10\.\d{4,9}/[^\s"'<>\u201c\u201d\u2018\u2019]+)""",
    re.IGNORECASE,
)


# Typesetting turns a DOI's hyphens into Unicode dashes ("10.1007/s00168‐016‐0766‐5");
# registered DOIs use the ASCII hyphen-minus.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def _trim_trailing(doi: str) -> str:
    """Remove sentence punctuation after a DOI, keeping brackets that belong to it."""
    while doi:
        last = doi[-1]
        if last in ".,;:!?":
            doi = doi[:-1]
        elif last in ")]}":
            opening = {")": "(", "]": "[", "}": "{"}[last]
            if doi.count(opening) < doi.count(last):
                doi = doi[:-1]
            else:
                break
        else:
            break
    return doi


def normalize(text: str) -> str:
    """Clean one DOI written in any common form, or raise :class:`DoiError`.

    Accepts ``doi:10.x/y``, ``https://doi.org/10.x/y``, percent-encoded URLs,
    surrounding whitespace and trailing sentence punctuation.
    """
    candidate = text.strip().strip("<>").strip()
    candidate = _RESOLVER.sub("", candidate)
    candidate = _PREFIX.sub("", candidate)
    if "%" in candidate:
        candidate = urllib.parse.unquote(candidate)
    candidate = re.sub(r"\s+", "", candidate).translate(_DASHES)
    candidate = _trim_trailing(candidate)
    if not _SHAPE.match(candidate):
        raise DoiError("not a DOI (expected 10.<registrant>/<suffix>)", doi=text.strip())
    return candidate


def is_valid(text: str) -> bool:
    """True when ``text`` is exactly a DOI with nothing around it."""
    return bool(_SHAPE.match(text)) and _trim_trailing(text) == text


def find_all(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield each DOI in ``text`` as (doi, start, end), cleaned of trailing punctuation.

    ``start``/``end`` span the DOI itself in ``text`` (not its ``doi:`` or URL prefix).
    """
    for match in _IN_TEXT.finditer(text):
        written = _trim_trailing(match.group(1))
        if _SHAPE.match(written):
            start = match.start(1)
            yield written.translate(_DASHES), start, start + len(written)


def find_first(text: str) -> str:
    """The first DOI in ``text``, or ``""``."""
    for doi, _, _ in find_all(text):
        return doi
    return ""


def key(doi: str) -> str:
    """The form used to compare DOIs: lower-case."""
    return doi.lower()


def to_url(doi: str) -> str:
    """The resolver URL of a DOI, percent-encoding characters that URLs reserve."""
    return "https://doi.org/" + urllib.parse.quote(doi, safe="/:;()._-")
