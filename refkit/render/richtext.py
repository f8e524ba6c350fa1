"""Formatted text (italics, bold, small caps) that each output format writes its own way.

A CSL engine returns a reference with emphasis in it.  Keeping it as segments, rather than
as HTML, lets each output escape the words for itself: HTML escapes ``<``, LaTeX escapes
``\\`` and ``{``, Markdown escapes ``*``.  Nothing in a title can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as html_escape
from html.parser import HTMLParser

from markupsafe import Markup

from refkit.render.escaping import latex_escape, markdown_escape

__all__ = ["RichText", "Segment", "from_html"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with one set of emphases."""

    text: str
    italic: bool = False
    bold: bool = False
    small_caps: bool = False


@dataclass(frozen=True, slots=True)
class RichText:
    """Text made of :class:`Segment` runs; ``str()`` gives the plain text."""

    segments: tuple[Segment, ...] = ()

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def text(self) -> str:
        """Plain text, emphasis dropped."""
        return "".join(s.text for s in self.segments)

    @property
    def html(self) -> Markup:
        """HTML with ``<i>``/``<b>``; the words themselves are escaped."""
        out = []
        for s in self.segments:
            piece = html_escape(s.text, quote=False)
            if s.small_caps:
                piece = f'<span class="small-caps">{piece}</span>'
            if s.bold:
                piece = f"<b>{piece}</b>"
            if s.italic:
                piece = f"<i>{piece}</i>"
            out.append(piece)
        return Markup("".join(out))

    def __html__(self) -> Markup:
        return self.html

    @property
    def markdown(self) -> str:
        """Markdown with ``*italics*`` and ``**bold**``; other characters escaped."""
        out = []
        for s in self.segments:
            piece = markdown_escape(s.text)
            # Emphasis markers must hug the words: keep outer spaces outside them.
            core = piece.strip()
            if core and (s.italic or s.bold):
                lead = piece[: len(piece) - len(piece.lstrip())]
                trail = piece[len(piece.rstrip()) :]
                mark = "**" if s.bold else ""
                mark += "*" if s.italic else ""
                piece = f"{lead}{mark}{core}{mark[::-1]}{trail}"
            out.append(piece)
        return "".join(out)

    @property
    def latex(self) -> str:
        """LaTeX with ``\\emph``/``\\textbf``; every special character escaped."""
        out = []
        for s in self.segments:
            piece = latex_escape(s.text)
            if s.small_caps:
                piece = f"\\textsc{{{piece}}}"
            if s.bold:
                piece = f"\\textbf{{{piece}}}"
            if s.italic:
                piece = f"\\emph{{{piece}}}"
            out.append(piece)
        return "".join(out)


class _SegmentParser(HTMLParser):
    """Reads the small HTML subset a CSL engine writes (i, b, span with a style)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments: list[Segment] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = " ".join(v or "" for k, v in attrs if k == "style")
        if tag in {"i", "em"} or "italic" in style:
            self._stack.append("i")
        elif tag in {"b", "strong"} or "bold" in style:
            self._stack.append("b")
        elif "small-caps" in style:
            self._stack.append("sc")
        else:
            self._stack.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        segment = Segment(
            data, italic="i" in self._stack, bold="b" in self._stack, small_caps="sc" in self._stack
        )
        last = self.segments[-1] if self.segments else None
        if last and (last.italic, last.bold, last.small_caps) == (
            segment.italic,
            segment.bold,
            segment.small_caps,
        ):
            self.segments[-1] = Segment(last.text + data, last.italic, last.bold, last.small_caps)
        else:
            self.segments.append(segment)


def from_html(markup: str) -> RichText:
    """Parse an engine's HTML output into :class:`RichText`."""
    parser = _SegmentParser()
    parser.feed(markup)
    parser.close()
    return RichText(tuple(s for s in parser.segments if s.text))


def plain(text: str) -> RichText:
    """Unformatted text as :class:`RichText`."""
    return RichText((Segment(text),) if text else ())
