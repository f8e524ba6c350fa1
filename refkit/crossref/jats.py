"""Crossref abstracts (JATS XML fragments) to plain text.

Crossref hands abstracts over as strings of JATS markup (``<jats:p>``, ``<jats:sec>``,
``<jats:title>``, ``<jats:italic>``, MathML...), sometimes as plain HTML, sometimes
escaped once too often.  The text is read with the standard library's tolerant HTML
tokenizer, never an XML parser: it expands no external entities and fetches nothing,
so a hostile or broken fragment yields at worst odd text, never a network call, an
entity bomb or an exception.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from refkit.abstracts import canonical_heading, join_sections

# Elements that end a paragraph.  Names are compared without their namespace prefix.
_BLOCKS = frozenset(
    {
        "p",
        "para",
        "sec",
        "abstract",
        "trans-abstract",
        "list",
        "list-item",
        "def-item",
        "disp-quote",
        "caption",
        "table-wrap",
        "boxed-text",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_HEADINGS = frozenset({"title", "h1", "h2", "h3", "h4", "h5", "h6"})
# Content that is not prose: dropped with everything inside it.
_SKIPPED = frozenset({"script", "style", "annotation", "annotation-xml", "object-id", "head"})
# A heading that only names the block ("Abstract") adds nothing to the text.
_GENERIC_HEADINGS = frozenset({"abstract", "summary", "graphical abstract"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"[ \t\r\n\u00a0]+")
# A document type declaration, with any internal subset (where entities would be declared).
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)


def _local(tag: str) -> str:
    return tag.rsplit(":", 1)[-1].lower()


class _AbstractReader(HTMLParser):
    """Collects (heading, paragraph) pieces from a JATS or HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []  # ("heading" | "text", content)
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._in_heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = _local(tag)
        if name in _SKIPPED:
            self._skip_depth += 1
            return
        if name in _BLOCKS or name in _HEADINGS:
            self._flush()
        if name in _HEADINGS:
            self._in_heading += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if _local(tag) in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        name = _local(tag)
        if name in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if name in _HEADINGS and self._in_heading:
            self._flush(heading=True)
            self._in_heading -= 1
        elif name in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self, *, heading: bool = False) -> None:
        text = _clean("".join(self._buffer))
        self._buffer.clear()
        if text:
            self.pieces.append(("heading" if heading else "text", text))


def _clean(text: str) -> str:
    text = _CONTROL.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _unescape_if_escaped(fragment: str) -> str:
    """Undo one level of escaping when the markup itself arrived escaped (``&lt;jats:p&gt;``)."""
    if "<" not in fragment and re.search(r"&lt;/?(?:jats:)?[a-z]", fragment, re.IGNORECASE):
        return html.unescape(fragment)
    return fragment


def jats_sections(fragment: str) -> tuple[tuple[str, str], ...]:
    """The abstract as (heading, text) sections; the heading is ``""`` for unheaded prose.

    Headings are kept as written unless they are a known structured-abstract heading
    (then in its canonical spelling); a bare "Abstract" heading is dropped.
    """
    if not fragment or not fragment.strip():
        return ()
    reader = _AbstractReader()
    reader.feed(_DOCTYPE.sub("", _unescape_if_escaped(fragment)))
    reader.close()
    sections: list[tuple[str, list[str]]] = []
    pending_heading = ""
    for kind, content in reader.pieces:
        if kind == "heading":
            bare = content.rstrip(":").strip()
            pending_heading = (
                "" if bare.lower() in _GENERIC_HEADINGS else (canonical_heading(bare) or bare)
            )
            if pending_heading:
                sections.append((pending_heading, []))
            continue
        if pending_heading or (sections and sections[-1][0]):
            # The heading's own paragraph, or a further paragraph of the same headed section.
            sections[-1][1].append(content)
        else:
            sections.append(("", [content]))
        pending_heading = ""
    result = tuple((heading, " ".join(texts)) for heading, texts in sections if texts)
    return tuple((heading, unicodedata.normalize("NFC", text)) for heading, text in result)


def jats_to_text(fragment: str) -> str:
    """Plain text of an abstract: paragraphs, and "Heading: text" for structured abstracts."""
    return join_sections(jats_sections(fragment))
