"""Find the reference list of a full text: its heading, and where it ends."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Section", "find_reference_section"]

_HEADING_WORDS = (
    r"references(?:\s+cited)?|bibliography|literature\s+cited|works\s+cited|reference\s+list|"
    r"list\s+of\s+references|cited\s+literature|sources|literaturverzeichnis|literatur|"
    r"bibliografia|bibliograf[íi]a|références(?:\s+bibliographiques)?|referencias|"
    r"referências|riferimenti\s+bibliografici|literatuur|referenser|litteratur"
)
_HEADING = re.compile(
    r"^[ \t]*(?:(?:\d+|[IVXL]+)\.?[ \t]+)?(?:" + _HEADING_WORDS + r")[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_END_WORDS = (
    r"acknowledge?ments?|funding(?:\s+information)?|corresponding\s+authors?|appendix|appendices|"
    r"about\s+the\s+authors?|notes|endnotes|tables?|figures?|figure\s+captions|"
    r"author\s+contributions?|conflicts?\s+of\s+interests?|competing\s+interests?|"
    r"declarations?(?:\s+of\s+\w+(?:\s+\w+)?)?|data\s+availability(?:\s+statement)?|"
    r"supplementary\s+(?:material|information|data)|ethics\s+statement|"
    r"biographical\s+notes?|author\s+biographies|further\s+reading|index"
)
_END = re.compile(
    r"^[ \t]*(?:(?:\d+|[A-Z]|[IVXL]+)\.?[ \t]+)?(?:" + _END_WORDS + r")\b[^\n]{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)
_END_FUNDING = re.compile(
    r"^[ \t]*(?:funding|corresponding author)\s*:", re.IGNORECASE | re.MULTILINE
)
_YEARISH = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.d\.|\bin press\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Section:
    """A reference list: its text, and where it lies in the document (character
    offsets of the text after the heading, and the 1-based line it starts on)."""

    text: str
    start: int
    end: int
    line: int
    heading: str


def find_reference_section(text: str) -> Section | None:
    """The reference list of a document, or ``None`` when it has none.

    The heading must stand on a line of its own; when several do (a table of contents,
    a "Sources" line under a table), the last one followed by lines that hold years wins.
    """
    candidates = list(_HEADING.finditer(text))
    for heading in reversed(candidates):
        body_start = heading.end()
        if body_start < len(text) and text[body_start] == "\n":
            body_start += 1
        body_end = _section_end(text, body_start)
        body = text[body_start:body_end]
        if len(_YEARISH.findall(body)) >= 1 and body.strip():
            line = text.count("\n", 0, body_start) + 1
            return Section(body, body_start, body_end, line, heading.group().strip())
    return None


def _section_end(text: str, start: int) -> int:
    # A short line that merely starts like a heading but holds a year is a wrapped reference.
    ends = [m.start() for m in _END.finditer(text, start) if not _YEARISH.search(m.group())]
    ends += [m.start() for m in _END_FUNDING.finditer(text, start)]
    return min(ends) if ends else len(text)
