"""HTML reader: landing pages and full texts saved from a browser.

A scholarly page usually describes its work several times over.  In order of trust:

1. Highwire Press ``citation_*`` meta tags (what Google Scholar reads; also the
   ``bepress_citation_*`` and ``eprints.*`` variants), and PRISM ``prism.*``;
2. schema.org JSON-LD (``<script type="application/ld+json">``);
3. Dublin Core ``DC.*``/``DCTERMS.*`` (repositories: DSpace, OJS, IRIS);
4. the visible text, read by the plain-text reader;
5. ``og:title``, ``og:url``, ``<title>`` and ``<link rel="canonical">`` to fill gaps.

Each source becomes a record, and :func:`~refkit.ingest.merge.merge` combines them
with the more trusted one as primary.  Meta values carry the character span of their
``content`` attribute in the decoded page as provenance.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from refkit import doi as doi_module
from refkit.errors import DoiError, UnsupportedInputError
from refkit.identifiers import find_isbns, find_issns, valid_isbn, valid_issn
from refkit.ingest import text as text_reader
from refkit.ingest.base import decode
from refkit.ingest.merge import merge
from refkit.ingest.metadata import (
    PREPRINT_TYPE,
    clean_abstract,
    clean_issue,
    clean_value,
    clean_volume,
    is_license,
    is_preprint,
    join_pages,
    looks_like_copyright,
    normalize_language,
    parse_date,
    split_keywords,
    type_from_genre,
    unique,
)
from refkit.model import Person, Provenance, Record
from refkit.names import parse_name, split_name_list

__all__ = ["HtmlReader", "visible_text"]


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Meta:
    """One ``<meta>`` tag: its lower-cased name and content with the content's span."""

    name: str
    content: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class _Span:
    text: str
    start: int
    end: int
    line: int


# Elements whose text is never part of the page's content.
_ALWAYS_HIDDEN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "iframe",
        "object",
        "select",
        "button",
    }
)
# Site banners and footers, hidden unless inside the article (where a <header> holds the title).
_PAGE_CHROME = frozenset({"header", "footer"})
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "table",
     "ul", "ol", "dl", "figure", "main", "aside", "address", "pre", "form", "fieldset", "hr"}
)  # fmt: skip
_LINE_TAGS = frozenset(
    {"div", "li", "tr", "dt", "dd", "br", "figcaption", "caption", "legend", "details",
     "summary", "body", "tbody", "thead", "tfoot", "label", "option"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_CONTENT_ATTRIBUTE = re.compile(
    r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)


class _PageParser(HTMLParser):
    """One pass over a page collecting meta tags, links, JSON-LD, the title and visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in re.finditer("\n", text))
        self.metas: list[_Meta] = []
        self.links: list[tuple[str, str]] = []
        self.title: _Span | None = None
        self.jsonld: list[_Span] = []
        self._chunks: list[str] = []
        self._hidden: dict[str, int] = {}
        self._article_depth = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._title_start: tuple[int, int] | None = None
        self._in_jsonld = False
        self._pre_depth = 0

    def _offset(self) -> tuple[int, int]:
        line, column = self.getpos()
        index = min(line - 1, len(self._line_starts) - 1)
        return self._line_starts[index] + column, line

    @property
    def _hiding(self) -> bool:
        return any(self._hidden.values())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "link":
            rel = values.get("rel", "").lower()
            if rel and values.get("href"):
                self.links.append((rel, values["href"].strip()))
        elif tag == "title" and self.title is None and not self._in_title:
            self._in_title = True
            self._title_start = self._offset()
        elif tag == "script" and "ld+json" in values.get("type", "").lower():
            self._in_jsonld = True
        if tag in ("article", "main"):
            self._article_depth += 1
        if tag in _ALWAYS_HIDDEN or (
            tag in _PAGE_CHROME and (self._hiding or self._article_depth == 0)
        ):
            self._hidden[tag] = self._hidden.get(tag, 0) + 1
        if tag == "pre":
            self._pre_depth += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A self-closing <script/> or <nav/> opens nothing, so it must not start hiding text.
        if (
            tag in _ALWAYS_HIDDEN
            or tag in _PAGE_CHROME
            or tag in ("title", "article", "main", "pre")
        ):
            self._break(tag)
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._finish_title()
        if tag == "script":
            self._in_jsonld = False
        if self._hidden.get(tag):
            self._hidden[tag] -= 1
        if tag in ("article", "main") and self._article_depth:
            self._article_depth -= 1
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            start, line = self._offset()
            self.jsonld.append(_Span(data, start, start + len(data), line))
            return
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._hiding:
            return
        if self._pre_depth:
            self._chunks.append(data)
        else:
            self._chunks.append(re.sub(r"\s+", " ", data))

    def close(self) -> None:
        super().close()
        if self._in_title:
            self._finish_title()

    def _finish_title(self) -> None:
        self._in_title = False
        start, line = self._title_start or (0, 1)
        # The title tag's text starts after "<title>"; the span covers the element.
        text = "".join(self._title_parts)
        self.title = _Span(text, start, start + len(text) + 7, line)

    def _break(self, tag: str) -> None:
        if self._hiding and tag not in _ALWAYS_HIDDEN and tag not in _PAGE_CHROME:
            return
        if tag in _PARAGRAPH_TAGS:
            self._chunks.append("\n\n")
        elif tag in _LINE_TAGS:
            self._chunks.append("\n")
        elif tag in _CELL_TAGS:
            self._chunks.append("\t")

    def _meta(self, values: dict[str, str]) -> None:
        name = values.get("name") or values.get("property") or ""
        if not name or "content" not in values:
            return
        start, line = self._offset()
        raw = self.get_starttag_text() or ""
        match = _CONTENT_ATTRIBUTE.search(raw)
        if match:
            group = next(index for index in (1, 2, 3) if match.group(index) is not None)
            begin, end = start + match.start(group), start + match.end(group)
        else:
            begin, end = start, start + len(raw)
        self.metas.append(_Meta(name.strip().lower(), values["content"], begin, end, line))

    def visible_text(self) -> str:
        text = "".join(self._chunks).replace("\u00a0", " ")
        lines = [re.sub(r"[ ]*\t[ \t]*", "\t", line).strip(" \t") for line in text.split("\n")]
        joined = "\n".join(lines)
        joined = re.sub(r"\n{3,}", "\n\n", joined)
        return joined.strip("\n\t ")


def _parse(text: str) -> _PageParser:
    parser = _PageParser(text)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:
        # html.parser signals some malformed declarations ("<![if x") with AssertionError;
        # everything before the fault has been collected, which is what a browser would show.
        pass
    return parser


def visible_text(html_text: str) -> str:
    """The text a reader sees on the page: no scripts, styles, navigation or site chrome;
    blocks on their own lines, table cells separated by tabs."""
    return _parse(html_text).visible_text()


# --------------------------------------------------------------------------- building records


@dataclass
class _Builder:
    """Collects field values and their provenance for one source of a page."""

    source: str
    note: str
    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def set(self, name: str, value: Any, where: _Meta | _Span | None = None) -> None:
        """Set a field unless it already has a value (the first, most specific source wins)."""
        if value is None or value == "" or value == () or name in self.values:
            return
        self.values[name] = value
        if where is not None:
            self.provenance[name] = Provenance(
                self.source, start=where.start, end=where.end, line=where.line, note=self.note
            )

    def extend(self, name: str, items: tuple[Any, ...], where: _Meta | _Span | None = None) -> None:
        if not items:
            return
        current: tuple[Any, ...] = self.values.get(name, ())
        if not current and where is not None:
            self.provenance[name] = Provenance(
                self.source, start=where.start, end=where.end, line=where.line, note=self.note
            )
        self.values[name] = (*current, *items)

    def has(self, name: str) -> bool:
        return name in self.values

    def record(self) -> Record | None:
        if not self.values:
            return None
        values = dict(self.values)
        for name in ("keywords", "issn", "isbn"):
            if name in values:
                values[name] = unique(values[name])
        return Record(source=self.source, provenance=dict(self.provenance), **values)


def _clean_doi(text: str) -> str:
    text = clean_value(text)
    if not text:
        return ""
    text = re.sub(r"^info:doi/", "", text, flags=re.IGNORECASE)
    try:
        return doi_module.normalize(text)
    except DoiError:
        return doi_module.find_first(text)


def _issns(text: str) -> tuple[str, ...]:
    whole = valid_issn(text)
    if whole:
        return (whole,)
    return tuple(issn for issn, _, _ in find_issns(clean_value(text)))


def _isbns(text: str) -> tuple[str, ...]:
    whole = valid_isbn(text)
    if whole:
        return (whole,)
    return tuple(isbn for isbn, _, _ in find_isbns(clean_value(text)))


def _people(value: str) -> tuple[Person, ...]:
    """One author value: a single name, or several separated by semicolons."""
    text = clean_value(value)
    if not text:
        return ()
    names = [part.strip() for part in text.split(";")] if ";" in text else [text]
    people = tuple(parse_name(name) for name in names if name)
    return tuple(p for p in people if p.family or p.literal)


def _url(text: str) -> str:
    text = clean_value(text)
    return text if re.match(r"^https?://\S+$", text, re.IGNORECASE) else ""


def _publisher(text: str) -> str:
    text = clean_value(text)
    return "" if looks_like_copyright(text) else text


def _license(text: str) -> str:
    text = clean_value(text)
    return text if text and is_license(text) else ""


def _abstract(builder: _Builder, value: str, where: _Meta | _Span) -> None:
    if builder.has("abstract"):
        return
    plain, sections = clean_abstract(value)
    if len(plain) < 20:
        return
    builder.set("abstract", plain, where)
    builder.set("abstract_sections", sections, where)


def _date(builder: _Builder, name: str, value: str, where: _Meta | _Span) -> None:
    date = parse_date(value)
    if date is not None:
        builder.set(name, date, where)


class _Metas:
    """The page's meta tags grouped by name, in document order."""

    def __init__(self, metas: list[_Meta]) -> None:
        self.metas = metas
        self.by_name: dict[str, list[_Meta]] = {}
        for meta in metas:
            self.by_name.setdefault(meta.name, []).append(meta)

    def all(self, *names: str) -> Iterator[_Meta]:
        """Tags with any of ``names`` in document order (authors interleave across names)."""
        wanted = set(names)
        return (meta for meta in self.metas if meta.name in wanted)

    def ranked(self, *names: str) -> Iterator[_Meta]:
        """Tags with ``names`` in the order of preference given."""
        for name in names:
            yield from self.by_name.get(name, ())

    def first(self, *names: str) -> _Meta | None:
        """The first non-empty tag among ``names``, in the order of preference given."""
        for meta in self.ranked(*names):
            if clean_value(meta.content):
                return meta
        return None


def _highwire(metas: _Metas, prefix: str, source: str) -> Record | None:
    """A record from Highwire Press tags (``citation_*``) or their bepress variant."""
    b = _Builder(source, f"meta {prefix}*")

    def first(*suffixes: str) -> _Meta | None:
        return metas.first(*(prefix + s for s in suffixes))

    def all_of(*suffixes: str) -> Iterator[_Meta]:
        return metas.all(*(prefix + s for s in suffixes))

    def ranked(*suffixes: str) -> Iterator[_Meta]:
        return metas.ranked(*(prefix + s for s in suffixes))

    if meta := first("title"):
        b.set("title", clean_value(meta.content), meta)
    for meta in all_of("author"):
        b.extend("author", _people(meta.content), meta)
    if not b.has("author"):
        for meta in all_of("authors"):
            names = split_name_list(clean_value(meta.content))
            b.extend("author", tuple(parse_name(n) for n in names if n), meta)
    for meta in all_of("editor"):
        b.extend("editor", _people(meta.content), meta)
    for name in ("publication_date", "date", "cover_date", "year", "online_date"):
        for meta in all_of(name):
            _date(b, "issued", meta.content, meta)
    if meta := first("online_date"):
        _date(b, "available_date", meta.content, meta)
    if meta := first("journal_title", "journal"):
        b.set("container_title", clean_value(meta.content), meta)
        b.set("type", "article-journal")
    if meta := first("conference_title", "conference"):
        b.set("container_title", clean_value(meta.content), meta)
        b.set("type", "paper-conference")
    if meta := first("book_title", "inbook_title"):
        b.set("container_title", clean_value(meta.content), meta)
        b.set("type", "chapter")
    if meta := first("series_title"):
        b.set("collection_title", clean_value(meta.content), meta)
    if meta := first("dissertation_institution"):
        b.set("publisher", _publisher(meta.content), meta)
        b.set("type", "thesis")
    if meta := first("dissertation_name"):
        b.set("genre", clean_value(meta.content), meta)
    if meta := first("technical_report_institution"):
        b.set("publisher", _publisher(meta.content), meta)
        b.set("type", "report")
    if meta := first("technical_report_number", "report_number"):
        b.set("number", clean_value(meta.content), meta)
    if meta := first("volume"):
        b.set("volume", clean_volume(meta.content), meta)
    if meta := first("issue"):
        b.set("issue", clean_issue(meta.content), meta)
    first_page, last_page = first("firstpage"), first("lastpage")
    if first_page:
        b.set(
            "page",
            join_pages(first_page.content, last_page.content if last_page else ""),
            first_page,
        )
    for meta in all_of("doi"):
        b.set("doi", _clean_doi(meta.content), meta)
    for meta in all_of("issn", "eissn", "pissn"):
        b.extend("issn", _issns(meta.content), meta)
    for meta in all_of("isbn"):
        b.extend("isbn", _isbns(meta.content), meta)
    if meta := first("publisher"):
        b.set("publisher", _publisher(meta.content), meta)
    if meta := first("language"):
        b.set("language", normalize_language(meta.content), meta)
    for meta in all_of("keywords", "keyword"):
        b.extend("keywords", split_keywords(meta.content), meta)
    if meta := first("abstract"):
        _abstract(b, meta.content, meta)
    for meta in ranked("abstract_html_url", "fulltext_html_url", "public_url", "pdf_url"):
        b.set("url", _url(meta.content), meta)
    if meta := first("pmid"):
        b.set("pmid", clean_value(meta.content), meta)
    if meta := first("arxiv_id"):
        b.set("number", clean_value(meta.content), meta)
        b.set("type", PREPRINT_TYPE)
        b.set("archive", "arXiv")
    if meta := first("article_type"):
        b.set("type", type_from_genre(meta.content))
    if next(all_of("reference"), None) is not None:
        b.set("has_references", True)
    if any(name in b.values for name in ("title", "doi")) and not b.has("type") and b.has("isbn"):
        b.set("type", "book")
    return b.record()


def _eprints(metas: _Metas, source: str) -> Record | None:
    """A record from EPrints' own ``eprints.*`` tags."""
    b = _Builder(source, "meta eprints.*")

    def first(name: str) -> _Meta | None:
        return metas.first("eprints." + name)

    if meta := first("title"):
        b.set("title", clean_value(meta.content), meta)
    for meta in metas.all("eprints.creators_name"):
        b.extend("author", _people(meta.content), meta)
    for meta in metas.all("eprints.editors_name"):
        b.extend("editor", _people(meta.content), meta)
    if meta := first("date"):
        _date(b, "issued", meta.content, meta)
    if meta := first("type"):
        b.set("type", type_from_genre(meta.content))
    for name, target in (
        ("publication", "container_title"),
        ("book_title", "container_title"),
        ("event_title", "event_title"),
        ("series", "collection_title"),
    ):
        if meta := first(name):
            b.set(target, clean_value(meta.content), meta)
    if meta := first("volume"):
        b.set("volume", clean_volume(meta.content), meta)
    if meta := first("number"):
        b.set("issue", clean_issue(meta.content), meta)
    if meta := first("pagerange"):
        b.set("page", join_pages(meta.content), meta)
    for meta in metas.ranked("eprints.doi", "eprints.id_number"):
        b.set("doi", _clean_doi(meta.content), meta)
    for meta in metas.all("eprints.issn"):
        b.extend("issn", _issns(meta.content), meta)
    for meta in metas.all("eprints.isbn"):
        b.extend("isbn", _isbns(meta.content), meta)
    for name in ("publisher", "institution"):
        if meta := first(name):
            b.set("publisher", _publisher(meta.content), meta)
    if meta := first("abstract"):
        _abstract(b, meta.content, meta)
    for meta in metas.all("eprints.keywords"):
        b.extend("keywords", split_keywords(meta.content), meta)
    if meta := first("official_url"):
        b.set("url", _url(meta.content), meta)
    if meta := first("thesis_type"):
        b.set("genre", clean_value(meta.content), meta)
    return b.record()


def _prism(metas: _Metas, source: str) -> Record | None:
    """A record from PRISM tags (``prism.publicationName``, ``prism.volume``...)."""
    b = _Builder(source, "meta prism.*")

    def first(*names: str) -> _Meta | None:
        return metas.first(*("prism." + n for n in names))

    if meta := first("title"):
        b.set("title", clean_value(meta.content), meta)
    if meta := first("publicationname"):
        b.set("container_title", clean_value(meta.content), meta)
    if meta := first("volume"):
        b.set("volume", clean_volume(meta.content), meta)
    if meta := first("number", "issueidentifier"):
        b.set("issue", clean_issue(meta.content), meta)
    start, end = first("startingpage"), first("endingpage")
    if start:
        b.set("page", join_pages(start.content, end.content if end else ""), start)
    elif meta := first("pagerange"):
        b.set("page", join_pages(meta.content), meta)
    if meta := first("doi"):
        b.set("doi", _clean_doi(meta.content), meta)
    for meta in metas.all("prism.issn", "prism.eissn"):
        b.extend("issn", _issns(meta.content), meta)
    if meta := first("isbn"):
        b.extend("isbn", _isbns(meta.content), meta)
    if meta := first("publicationdate", "coverdate", "coverdisplaydate"):
        _date(b, "issued", meta.content, meta)
    if meta := first("url"):
        b.set("url", _url(meta.content), meta)
    for meta in metas.all("prism.keyword"):
        b.extend("keywords", split_keywords(meta.content), meta)
    if meta := first("aggregationtype"):
        kind = clean_value(meta.content).lower()
        b.set("type", {"journal": "article-journal", "book": "chapter"}.get(kind, ""))
    return b.record()


_DC_PREFIX = re.compile(r"^(?:dc|dcterms|dct|dc\.terms)[.:]", re.IGNORECASE)


def _dublin_core(page_metas: list[_Meta], source: str) -> Record | None:
    """A record from Dublin Core tags, whatever their prefix and case (DC., dcterms:, DCTERMS.)."""
    metas = _Metas(
        [
            replace(m, name="dc." + _DC_PREFIX.sub("", m.name))
            for m in page_metas
            if _DC_PREFIX.match(m.name)
        ]
    )
    if not metas.by_name:
        return None
    b = _Builder(source, "meta DC.*")
    if meta := metas.first("dc.title"):
        b.set("title", clean_value(meta.content), meta)
    for meta in metas.all("dc.creator", "dc.creator.personalname", "dc.contributor.author"):
        b.extend("author", _people(meta.content), meta)
    if not b.has("author"):
        for meta in metas.all("dc.contributor"):
            b.extend("author", _people(meta.content), meta)
    for meta in metas.ranked(
        "dc.issued", "dc.date.issued", "dc.date", "dc.created", "dc.date.created"
    ):
        _date(b, "issued", meta.content, meta)
    for meta in metas.all("dc.identifier.doi", "dc.identifier"):
        value = clean_value(meta.content)
        if re.search(r"\b10\.\d{4,9}/", value) and (
            "doi" in value.lower() or value.startswith("10.")
        ):
            b.set("doi", _clean_doi(value), meta)
        elif valid_issn(value):
            b.extend("issn", _issns(value), meta)
        elif valid_isbn(value):
            b.extend("isbn", _isbns(value), meta)
        elif _url(value):
            b.set("url", _url(value), meta)
    for meta in metas.all("dc.source.issn", "dc.identifier.issn"):
        b.extend("issn", _issns(meta.content), meta)
    for meta in metas.all("dc.identifier.isbn"):
        b.extend("isbn", _isbns(meta.content), meta)
    for meta in metas.ranked(
        "dc.ispartof", "dc.relation.ispartof", "dc.citation.jtitle", "dc.source"
    ):
        value = clean_value(meta.content).split(";")[0].strip()
        if (
            value
            and not _url(value)
            and not valid_issn(value)
            and not value.lower().startswith("hdl")
        ):
            b.set("container_title", value, meta)
    for name, target, cleaner in (
        ("dc.source.volume", "volume", clean_volume),
        ("dc.citation.volume", "volume", clean_volume),
        ("dc.source.issue", "issue", clean_issue),
        ("dc.citation.issue", "issue", clean_issue),
    ):
        if meta := metas.first(name):
            b.set(target, cleaner(meta.content), meta)
    if meta := metas.first("dc.identifier.pagenumber"):
        b.set("page", join_pages(meta.content), meta)
    if meta := metas.first("dc.citation.spage"):
        last = metas.first("dc.citation.epage")
        b.set("page", join_pages(meta.content, last.content if last else ""), meta)
    if meta := metas.first("dc.bibliographiccitation"):
        _from_citation(b, meta)
    if meta := metas.first("dc.publisher"):
        b.set("publisher", _publisher(meta.content), meta)
    if meta := metas.first("dc.language", "dc.language.iso"):
        b.set("language", normalize_language(meta.content), meta)
    for meta in metas.all("dc.subject"):
        value = clean_value(meta.content)
        # Classification codes (DDC "330", JEL "L22", LCC "HD28") are not author keywords.
        if value and not re.fullmatch(r"[A-Z]{0,3}\s?\d[\d.]*", value):
            b.extend("keywords", split_keywords(value), meta)
    abstracts = list(metas.ranked("dc.abstract", "dc.description.abstract"))
    if not abstracts:
        # Repositories put notes ("Peer reviewed", sponsors) in DC.description too:
        # the longest one is the abstract.
        abstracts = sorted(metas.all("dc.description"), key=lambda m: len(m.content), reverse=True)
    for meta in abstracts:
        _abstract(b, meta.content, meta)
    for meta in metas.all("dc.type", "dc.type.articletype"):
        b.set("type", type_from_genre(meta.content))
    for meta in metas.ranked("dc.rights.uri", "dc.license", "dc.rights"):
        b.set("license", _license(meta.content), meta)
    return b.record()


_VOLUME_ISSUE = re.compile(r"\b(\d{1,4})\s*\(\s*(\d{1,4}(?:\s*[-/–]\s*\d{1,4})?)\s*\)")
_PAGE_RANGE = re.compile(
    r"\bpp?\.?\s*(\d{1,6})\s*[-–]\s*(\d{1,6})\b|(?<=[,:]\s)(\d{1,6})[-–](\d{1,6})\b"
)


def _from_citation(b: _Builder, meta: _Meta) -> None:
    """Volume, issue and pages from a citation string, where its shape is unambiguous."""
    text = clean_value(meta.content)
    if match := _VOLUME_ISSUE.search(text):
        b.set("volume", clean_volume(match.group(1)), meta)
        b.set("issue", clean_issue(match.group(2)), meta)
    if match := _PAGE_RANGE.search(text):
        first = match.group(1) or match.group(3)
        last = match.group(2) or match.group(4)
        b.set("page", join_pages(first, last), meta)
    if not b.has("doi"):
        b.set("doi", doi_module.find_first(text), meta)


# --------------------------------------------------------------------------- JSON-LD

_SCHOLARLY_SCORE = {
    "scholarlyarticle": 10,
    "medicalscholarlyarticle": 10,
    "chapter": 9,
    "thesis": 9,
    "report": 9,
    "book": 8,
    "dataset": 7,
    "article": 6,
    "techarticle": 6,
    "newsarticle": 4,
    "blogposting": 4,
    "creativework": 3,
}
_JSONLD_TYPES = {
    "scholarlyarticle": "article-journal",
    "medicalscholarlyarticle": "article-journal",
    "chapter": "chapter",
    "thesis": "thesis",
    "report": "report",
    "book": "book",
    "dataset": "dataset",
    "newsarticle": "article-newspaper",
    "blogposting": "post-weblog",
}


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", ())
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {re.split(r"[:/#]", item)[-1].lower() for item in values if isinstance(item, str)}


class _Graph:
    """The JSON-LD nodes of a page, with ``@id`` references resolvable."""

    def __init__(self) -> None:
        self.nodes: list[tuple[dict[str, Any], _Span]] = []
        self.by_id: dict[str, dict[str, Any]] = {}

    def add(self, data: Any, span: _Span, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(data, list):
            for item in data:
                self.add(item, span, depth + 1)
        elif isinstance(data, dict):
            self.nodes.append((data, span))
            self._index(data, 0)
            if "@graph" in data:
                self.add(data["@graph"], span, depth + 1)

    def _index(self, data: Any, depth: int) -> None:
        if depth > 12:
            return
        if isinstance(data, dict):
            node_id = data.get("@id")
            if isinstance(node_id, str) and len(data) > 1:
                self.by_id.setdefault(node_id, data)
            for value in data.values():
                self._index(value, depth + 1)
        elif isinstance(data, list):
            for value in data:
                self._index(value, depth + 1)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            target = value.get("@id")
            if isinstance(target, str):
                return self.by_id.get(target, value)
        return value

    def main(self) -> tuple[dict[str, Any], _Span] | None:
        """The node the page is about: the most scholarly typed one, following ``mainEntity``."""
        best: tuple[int, dict[str, Any], _Span] | None = None
        for node, span in self.nodes:
            candidates = [node]
            main_entity = self.resolve(node.get("mainEntity"))
            if isinstance(main_entity, dict):
                candidates.insert(0, main_entity)
            for candidate in candidates:
                score = max((_SCHOLARLY_SCORE.get(t, 0) for t in _types(candidate)), default=0)
                if score and (best is None or score > best[0]):
                    best = (score, candidate, span)
        return (best[1], best[2]) if best else None


def _text(value: Any) -> str:
    """Plain text from a JSON-LD value: string, number, ``{"@value"}``, ``{"name"}`` or list."""
    if isinstance(value, str):
        return clean_value(value)
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("@value", "name", "value", "url", "@id"):
            if key in value:
                return _text(value[key])
        return ""
    if isinstance(value, list):
        for item in value:
            text = _text(item)
            if text:
                return text
    return ""


def _texts(value: Any) -> list[str]:
    """Every string in a JSON-LD value that may be a list (ISSNs, ISBNs)."""
    return [text for item in _as_list(value)[:20] if (text := _text(item))]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _jsonld_people(graph: _Graph, value: Any) -> tuple[Person, ...]:
    people: list[Person] = []
    for item in _as_list(value)[:500]:
        item = graph.resolve(item)
        if isinstance(item, str):
            people.extend(_people(item))
        elif isinstance(item, dict):
            types = _types(item)
            name = _text(item.get("name"))
            if types & {"organization", "organisation", "corporation", "researchorganization"}:
                if name:
                    people.append(Person(literal=name))
                continue
            family = _text(item.get("familyName"))
            given = _text(item.get("givenName"))
            if family:
                people.append(Person(family=family, given=given))
            elif name:
                people.extend(_people(name))
    return tuple(people)


def _jsonld_identifiers(graph: _Graph, node: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(kind, value) pairs from ``identifier``, ``sameAs``, ``@id`` and ``url`` (kind may be "")."""
    for key in ("identifier", "sameAs", "@id", "url", "doi"):
        for item in _as_list(node.get(key))[:50]:
            item = graph.resolve(item)
            if isinstance(item, dict):
                kind = _text(item.get("propertyID")).lower()
                yield kind, _text(item.get("value") or item.get("@id") or item.get("url"))
            elif isinstance(item, str):
                yield ("doi" if key == "doi" else ""), clean_value(item)


def _jsonld(graph: _Graph, source: str) -> Record | None:
    main = graph.main()
    if main is None:
        return None
    node, span = main
    b = _Builder(source, "JSON-LD")
    types = _types(node)
    b.set("title", _text(node.get("name")) or _text(node.get("headline")), span)
    b.extend("author", _jsonld_people(graph, node.get("author") or node.get("creator")), span)
    b.extend("editor", _jsonld_people(graph, node.get("editor")), span)
    for key in ("datePublished", "publicationDate", "dateCreated"):
        _date(b, "issued", _text(node.get(key)), span)
    for kind, value in _jsonld_identifiers(graph, node):
        if kind in ("doi", "") and re.search(r"\b10\.\d{4,9}/", value):
            if kind == "doi" or "doi" in value.lower() or value.startswith("10."):
                b.set("doi", _clean_doi(value), span)
        elif kind == "issn":
            b.extend("issn", _issns(value), span)
        elif kind == "isbn":
            b.extend("isbn", _isbns(value), span)
        elif kind in ("pmid", "pubmed"):
            b.set("pmid", value, span)
    url = _text(node.get("url"))
    b.set("url", _url(url), span)
    for value in _texts(node.get("isbn")):
        b.extend("isbn", _isbns(value), span)
    for value in _texts(node.get("issn")):
        b.extend("issn", _issns(value), span)
    if node.get("pagination"):
        b.set("page", join_pages(_text(node.get("pagination"))), span)
    if node.get("pageStart"):
        b.set("page", join_pages(_text(node.get("pageStart")), _text(node.get("pageEnd"))), span)
    b.set("volume", clean_volume(_text(node.get("volumeNumber"))), span)
    b.set("issue", clean_issue(_text(node.get("issueNumber"))), span)
    _jsonld_parents(graph, node, b, span)
    keywords: list[str] = []
    for item in _as_list(node.get("keywords"))[:200]:
        keywords.extend(split_keywords(_text(graph.resolve(item))))
    b.extend("keywords", tuple(keywords), span)
    for key in ("abstract", "description"):
        value = _text(node.get(key))
        if value:
            _abstract(b, value, span)
    b.set("license", _license(_text(graph.resolve(node.get("license")))), span)
    b.set("language", normalize_language(_jsonld_language(graph, node.get("inLanguage"))), span)
    b.set("publisher", _publisher(_text(graph.resolve(node.get("publisher")))), span)
    b.set("edition", _text(node.get("bookEdition")), span)
    b.set("number_of_pages", _text(node.get("numberOfPages")), span)
    if "thesis" in types:
        b.set("genre", _text(node.get("inSupportOf")), span)
        b.set("publisher", _publisher(_text(graph.resolve(node.get("sourceOrganization")))), span)
    for kind in types:
        if kind in _JSONLD_TYPES:
            b.set("type", _JSONLD_TYPES[kind])
    if b.has("container_title") and types & {"article", "techarticle"}:
        b.set("type", "article-journal")
    return b.record()


def _jsonld_language(graph: _Graph, value: Any) -> str:
    value = graph.resolve(value)
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


def _jsonld_parents(graph: _Graph, node: dict[str, Any], b: _Builder, span: _Span) -> None:
    """Walk ``isPartOf`` up through issue, volume and periodical (or book, for a chapter)."""
    current: Any = node
    for _ in range(6):
        parent = graph.resolve(
            _as_list(current.get("isPartOf"))[0] if current.get("isPartOf") else None
        )
        if isinstance(parent, str):
            b.set("container_title", clean_value(parent), span)
            return
        if not isinstance(parent, dict):
            return
        types = _types(parent)
        if "publicationissue" in types:
            b.set("issue", clean_issue(_text(parent.get("issueNumber"))), span)
            _date(b, "issued", _text(parent.get("datePublished")), span)
        elif "publicationvolume" in types:
            b.set("volume", clean_volume(_text(parent.get("volumeNumber"))), span)
        elif types & {"website", "webpage"}:
            pass
        else:
            b.set("container_title", _text(parent.get("name")), span)
            for value in _texts(parent.get("issn")):
                b.extend("issn", _issns(value), span)
            for value in _texts(parent.get("isbn")):
                b.extend("isbn", _isbns(value), span)
            b.set("publisher", _publisher(_text(graph.resolve(parent.get("publisher")))), span)
        current = parent


def _jsonld_graph(parser: _PageParser) -> _Graph:
    graph = _Graph()
    for span in parser.jsonld:
        try:
            data = json.loads(span.text, strict=False)
        except (ValueError, RecursionError):
            continue
        graph.add(data, span)
    return graph


# --------------------------------------------------------------------------- weak fallbacks


def _fallback(parser: _PageParser, metas: _Metas, source: str) -> Record | None:
    """Title and URL from Open Graph, ``<title>`` and ``<link rel=canonical>``: gap fillers only."""
    b = _Builder(source, "page title/links")
    if meta := metas.first("og:title", "twitter:title"):
        b.set("title", clean_value(meta.content), meta)
    if parser.title is not None:
        # "<title>Article | Journal | Publisher</title>": the article comes first.
        title = re.split(r"\s+[|•·»]\s+", clean_value(parser.title.text))[0].strip()
        b.set("title", title, parser.title)
    for rel, href in parser.links:
        if "canonical" in rel.split():
            b.set("url", _url(href))
        if "license" in rel.split():
            b.set("license", _license(href))
    if meta := metas.first("og:url"):
        b.set("url", _url(meta.content), meta)
    return b.record()


def _finish(record: Record, source: str) -> Record:
    """Decide the type where no source named one, and recognise preprint servers."""
    kind = record.type
    names = (record.container_title, record.publisher, record.archive)
    if is_preprint(doi=record.doi, names=names, url=record.url) and kind in (
        "document", "article-journal", "article", "webpage", "report"
    ):  # fmt: skip
        kind = PREPRINT_TYPE
    if kind == "document":
        if record.container_title:
            kind = "article-journal"
        elif record.isbn:
            kind = "book"
        elif not record.author and not record.doi:
            kind = "webpage"
    if kind != record.type or record.source != source:
        return replace(record, type=kind, source=source)
    return record


def _from_visible_text(text: str, source: str) -> list[Record]:
    """Records the plain-text reader finds in the visible text, provenance marked as such."""
    return text_reader.read_embedded_text(text, source, "visible text")


class HtmlReader:
    """Reads HTML pages: embedded metadata first, the visible text to fill gaps."""

    name = "html"

    def sniff(self, data: bytes, text: str | None) -> float:
        """Score by content: a doctype or ``<html>`` near the start, or head elements."""
        if text is None:
            return 0.0
        head = text[:2048].lstrip("\ufeff \t\r\n").lower()
        if head.startswith("<!doctype html") or re.match(r"<html[\s>]", head):
            return 0.9
        if head.startswith("<?xml") and "<html" in head:
            return 0.9
        if head.startswith("<") and re.search(
            r"<html[\s>]|<head[\s>]|<meta\s|<body[\s>]|<title>", head
        ):
            return 0.7
        if re.search(r"(?m)^[ \t]*<(?:html|head|meta|body)[\s>]", head):
            # A page saved with text before its markup (a mail header, a stray line).
            return 0.5
        if head.startswith("<") and re.search(r"<(?:div|p|span|h[1-6]|table|a)[\s>]", head):
            return 0.3
        return 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """One record for the work a page describes (or what the text reader finds on it)."""
        if text is None:
            text = decode(data, source).text
        parser = _parse(text)
        metas = _Metas(parser.metas)
        sources = [
            _highwire(metas, "citation_", source),
            _highwire(metas, "bepress_citation_", source),
            _eprints(metas, source),
            _prism(metas, source),
            _jsonld(_jsonld_graph(parser), source),
            _dublin_core(parser.metas, source),
        ]
        embedded: Record | None = None
        for candidate in sources:
            if candidate is not None:
                embedded = candidate if embedded is None else merge(embedded, candidate)
        from_text = _from_visible_text(parser.visible_text(), source)
        weak = _fallback(parser, metas, source)
        records: list[Record]
        if embedded is not None and (embedded.title or embedded.doi):
            record = merge(embedded, from_text[0]) if from_text else embedded
            records = [merge(record, weak) if weak else record]
        elif from_text:
            first = merge(from_text[0], embedded) if embedded else from_text[0]
            records = [merge(first, weak) if weak else first, *from_text[1:]]
        else:
            raise UnsupportedInputError("no bibliographic data found", source=source)
        return [_finish(record, source) for record in records]
