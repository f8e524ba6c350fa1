"""Page ranges: normalise dashes, and restore a range whose dash a PDF lost.

Some publishers' full texts print "1173–1190" as "11731190".  A digit string is
restored only when it splits into exactly one plausible range; anything else is left
as written for a later check against Crossref.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PageRepair", "normalise_pages", "page_range_candidates", "repair_lost_dash"]

#: The longest span (last - first) a restored range may have: longer ones are more
#: likely article numbers ("119908") than articles or chapters of hundreds of pages.
MAX_SPAN = 100

_DASHES = re.compile(r"\s*(?:[-‐‑‒–—―−]+|\s+to\s+)\s*")
_LABEL = re.compile(r"^(?:pp?\.?|pages?|pgs?\.?|s\.|ss\.|seiten|str\.)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageRepair:
    """The outcome of looking for a lost dash: ``page`` to store, and whether it was
    ``repaired``.  Only one cut of a digit string can give a last page with as many
    digits as the first or one more, so there is at most one reading; a string with none
    is left for the caller to flag."""

    page: str
    repaired: bool = False


def normalise_pages(text: str) -> str:
    """ "pp. 409 – 426." -> "409-426"; the label and closing punctuation go."""
    text = text.strip().strip(".,;:()[] ")
    text = _LABEL.sub("", text).strip()
    return _DASHES.sub("-", text).strip(".,;: ")


def page_range_candidates(digits: str) -> list[str]:
    """Every plausible "first-last" reading of a digit string that lost its dash.

    Plausible: no leading zero on either side, the last page has as many digits as the
    first or one more, it does not come before the first, and the span is at most
    :data:`MAX_SPAN` pages.
    """
    out: list[str] = []
    if not digits.isdigit() or not digits.isascii():
        return out
    for cut in range(1, len(digits)):
        first, last = digits[:cut], digits[cut:]
        if first[0] == "0" or last[0] == "0":
            continue
        if len(last) not in (len(first), len(first) + 1):
            continue
        start, end = int(first), int(last)
        if start <= end and end - start <= MAX_SPAN:
            out.append(f"{first}-{last}")
    return out


def repair_lost_dash(page: str) -> PageRepair:
    """Restore a range when ``page`` is a bare digit string with exactly one reading."""
    if not page.isdigit() or len(page) < 2:
        return PageRepair(page)
    candidates = page_range_candidates(page)
    if len(candidates) == 1:
        return PageRepair(candidates[0], repaired=True)
    return PageRepair(page)
