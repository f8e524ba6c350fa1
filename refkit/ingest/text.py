"""Plain-text reader: landing pages of repositories and publishers, full texts, PDF text.

The reader knows no site by name.  It reads what every such page has: labelled
fields (see :mod:`refkit.ingest.labels`), a title near the top with a byline under
it, a "cite this" line, an abstract with or without structured headings, keywords,
and in full texts a reference list.  Each value keeps the character span it came
from, so a user can see why a field holds what it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from refkit import doi as doi_module
from refkit.abstracts import canonical_heading, join_sections
from refkit.dates import parse_date
from refkit.errors import UnsupportedInputError
from refkit.identifiers import find_isbns, find_issns, valid_isbn, valid_issn
from refkit.ingest.citation import Citation, fold, parse_citation
from refkit.ingest.labels import LabelHit, classify, is_stop_line
from refkit.languages import detect_language, language_code
from refkit.licenses import find_license
from refkit.model import Date, Person, Provenance, Record
from refkit.names import clean_name_text, parse_name, parse_names, split_name_list

__all__ = ["TextReader", "read_text"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document: its text, where it starts, and its 1-based number."""

    text: str
    start: int
    number: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Value:
    text: str
    start: int
    end: int
    line: int
    note: str = ""


@dataclass
class _Fields:
    """Values found so far, first found wins unless a later one is marked as better."""

    values: dict[str, _Value] = field(default_factory=dict)
    lists: dict[str, list[_Value]] = field(default_factory=dict)

    def put(self, name: str, value: _Value, *, replace: bool = False) -> None:
        if value.text and (replace or name not in self.values):
            self.values[name] = value

    def add(self, name: str, value: _Value) -> None:
        self.lists.setdefault(name, []).append(value)

    def get(self, name: str) -> str:
        found = self.values.get(name)
        return found.text if found else ""


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(raw, position, number))
        position += len(raw) + 1
    return lines


_BULLET = re.compile(r"^\s*[•·▪◦●■*\-–]\s+")
_NOISE_TITLE = re.compile(
    r"skip to|main content|^menu$|log ?in|sign ?in|register|^search|^home$|cookie|accessibility|"
    r"(?:repository|portal|archive|library|research|publications|scholar|online)$|"
    r"^research output|^research portal|^article$|^articolo$|^open access$|^view|^download|"
    r"^share|^cite|^export|^back to|^you are here|^browse|^help$|^contact|javascript|^english$|"
    r"^italiano$|^deutsch$|^research$|^journal article$|^original article$|^research article$|"
    r"^review article$|^full text|^pdf$|^abstract$|^loading|^\W+$",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(r"^\s*(?:\d+\.?|[IVX]+\.)?\s*introduction\s*$", re.IGNORECASE)
_REFERENCES = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:references|bibliography|literature cited|works cited|reference list|"
    r"literaturverzeichnis|bibliografia|références|referências|referencias|literatur|"
    r"sources|cited literature|references and notes)\s*:?\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)[a-z]?\b")


def _next_content(lines: list[Line], index: int) -> Iterator[tuple[int, Line]]:
    """Lines after ``index`` that carry content (skipping blanks and lone colons)."""
    for position in range(index + 1, len(lines)):
        stripped = lines[position].stripped
        if not stripped or stripped in {":", "：", "-"}:
            continue
        yield position, lines[position]


def _value_from(line: Line, offset: int = 0, text: str | None = None, note: str = "") -> _Value:
    body = line.text[offset:] if text is None else text
    leading = len(body) - len(body.lstrip())
    clean = body.strip()
    start = line.start + offset + leading
    return _Value(clean, start, start + len(clean), line.number, note)


def _single_value(lines: list[Line], index: int, hit: LabelHit) -> _Value | None:
    line = lines[index]
    if hit.value:
        return _value_from(line, hit.value_offset)
    for _, following in _next_content(lines, index):
        if classify(following.text) is not None or is_stop_line(following.text):
            return None
        return _value_from(following)
    return None


def _block_value(
    lines: list[Line], index: int, hit: LabelHit, *, stop_at_blank: bool
) -> list[Line]:
    """Lines of a multi-line value: until a label, a stop line, or (if asked) a blank line."""
    collected: list[Line] = []
    if hit.value:
        collected.append(
            Line(hit.value, lines[index].start + hit.value_offset, lines[index].number)
        )
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if not line.stripped:
            if stop_at_blank and collected:
                break
            continue
        if line.stripped in {":", "："}:
            continue
        if classify(line.text) is not None or is_stop_line(line.text):
            break
        collected.append(line)
    return collected


def _keyword_lines(lines: list[Line], index: int, hit: LabelHit) -> list[Line]:
    """Keyword values: the inline value, one following line, or a run of bulleted lines."""
    if hit.value:
        return [Line(hit.value, lines[index].start + hit.value_offset, lines[index].number)]
    collected: list[Line] = []
    for _, line in _next_content(lines, index):
        if classify(line.text) is not None or is_stop_line(line.text):
            break
        if _BULLET.match(line.text):
            collected.append(line)
            continue
        if not collected and len(line.stripped) < 400:
            collected.append(line)
        break
    return collected


def _split_keywords(values: list[_Value]) -> tuple[list[str], list[_Value]]:
    keywords: list[str] = []
    spans: list[_Value] = []
    seen: set[str] = set()
    for value in values:
        text = _BULLET.sub("", value.text).strip()
        separator = ";" if ";" in text else ("," if "," in text else None)
        parts = text.split(separator) if separator else [text]
        if separator is None and "·" in text:
            parts = text.split("·")
        for part in parts:
            keyword = part.strip().strip(".").strip()
            if keyword and keyword.casefold() not in seen and len(keyword) < 120:
                seen.add(keyword.casefold())
                keywords.append(keyword)
        spans.append(value)
    return keywords, spans


def _document_regions(lines: list[Line]) -> tuple[int, int | None]:
    """(end of the header region, index of the references heading or None).

    A full text's metadata sits above its introduction; its references sit at the end.
    """
    references: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        if _REFERENCES.match(lines[index].text) and _looks_like_reference_list(lines, index):
            references = index
            break
    header_end = references if references is not None else len(lines)
    for index, line in enumerate(lines[:header_end]):
        if _INTRODUCTION.match(line.text) and index > 3:
            header_end = index
            break
    return header_end, references


def _looks_like_reference_list(lines: list[Line], index: int) -> bool:
    entries = [line for _, line in _next_content(lines, index)][:6]
    if len(entries) < 2:
        return False
    with_year = sum(1 for line in entries if _YEAR.search(line.text))
    return with_year >= max(2, len(entries) // 2)


_TYPE_RULES: tuple[tuple[str, str], ...] = (
    (r"thesis|dissertation|tesi|doctoral|phd|master|abschlussarbeit|proefschrift", "thesis"),
    (
        r"book section|book chapter|chapter|capitolo|contribution to book|in book|kapitel|incollection",
        "chapter",
    ),
    (
        r"conference|proceedings|convegno|congress|symposium|workshop|konferenz|paper in",
        "paper-conference",
    ),
    (
        r"working paper|report|technical|rapporto|discussion paper|white paper|policy brief",
        "report",
    ),
    (r"preprint|e-?print|submitted manuscript", "preprint"),
    (r"dataset|data set|datasets", "dataset"),
    (
        r"^(?:book|monograph|monografia|libro|buch|edited book|authored book)\b|\bmonograph\b",
        "book",
    ),
    (r"newspaper", "article-newspaper"),
    (r"magazine", "article-magazine"),
    (
        r"article|articolo|journal|rivista|artikel|review|letter|editorial|contribution to journal|contributo",
        "article-journal",
    ),
    (r"web ?page|website|blog", "webpage"),
)


def csl_type(label_value: str) -> str:
    """The CSL type a page's "Item type" / "Tipologia" / "Research output" value names, or ``""``."""
    value = label_value.strip().lower()
    for pattern, csl in _TYPE_RULES:
        if re.search(pattern, value):
            return csl
    return ""


def _looks_like_title(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) < 8 or len(stripped) > 400 or len(stripped.split()) < 2:
        return False
    if _NOISE_TITLE.search(stripped) or classify(stripped) is not None or is_stop_line(stripped):
        return False
    if stripped.lower().startswith(("http", "www.", "doi", "©", "copyright")):
        return False
    if parse_date(stripped) and len(stripped) < 30:
        return False
    # Mostly letters: not a row of numbers, a menu of symbols or a line of code.
    letters = sum(1 for char in stripped if char.isalpha())
    return letters / len(stripped) > 0.6


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞĀ-ſ][\w'’.\-]*|[a-z]{1,4}|[A-Z]\.(?:-?[A-Z]\.)*)$")


def _byline_names(text: str) -> list[Person]:
    """Names on a byline, or [] when the line is not one."""
    without_affiliations = re.sub(r"\([^)]*\)", " ", text)
    without_affiliations = re.sub(r"\s+", " ", without_affiliations).strip()
    if not without_affiliations or len(without_affiliations) > 400:
        return []
    if re.search(r"https?:|@|\d{3,}", without_affiliations):
        return []
    names = split_name_list(without_affiliations)
    people: list[Person] = []
    for name in names:
        cleaned = clean_name_text(name)
        words = cleaned.replace(",", " ").split()
        if not 2 <= len(words) <= 5 or not all(
            _NAME_WORD.match(word) and len(word) <= 20 for word in words
        ):
            return []
        if sum(1 for word in words if word[:1].isupper()) < 2:
            return []
        person = parse_name(cleaned)
        if person.is_corporate:
            return []
        people.append(person)
    return people


def _fuller(person: Person) -> int:
    return len(person.given.replace(".", "").replace(" ", ""))


class _TextDocument:
    """One pass over a document's lines, collecting field values with their spans."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = split_lines(text)
        self.header_end, self.references_at = _document_regions(self.lines)
        self.fields = _Fields()
        self.authors: list[tuple[list[Person], _Value]] = []
        self.editors: list[tuple[list[Person], _Value]] = []
        self.keywords: list[_Value] = []
        self.abstract_lines: list[Line] = []
        self.citation: tuple[Citation, _Value] | None = None
        self.citation_text: _Value | None = None
        self._changes: dict[str, object] = {}
        self._provenance: dict[str, Provenance] = {}

    # -- collecting -------------------------------------------------------------------
    def scan(self) -> None:
        index = 0
        while index < self.header_end:
            line = self.lines[index]
            hit = classify(line.text) if line.stripped else None
            if hit is not None:
                self._take(index, hit)
            index += 1

    def _take(self, index: int, hit: LabelHit) -> None:
        name = hit.field
        lines = self.lines
        if name == "abstract":
            if not self.abstract_lines:
                self.abstract_lines = _block_value(lines, index, hit, stop_at_blank=False)
            return
        if name == "keywords":
            for line in _keyword_lines(lines, index, hit):
                self.keywords.append(_value_from(line))
            return
        if name in {"author", "editor"}:
            target = self.authors if name == "author" else self.editors
            for line in _block_value(lines, index, hit, stop_at_blank=True):
                people = list(parse_names(line.text))
                if people:
                    target.append((people, _value_from(line)))
            return
        if name == "citation":
            block = _block_value(lines, index, hit, stop_at_blank=True)
            if block and self.citation_text is None:
                first, last = block[0], block[-1]
                text = self.text[first.start : last.end]
                self.citation_text = _Value(
                    text.strip(), first.start, last.end, first.number, "citation line"
                )
            return
        value = _single_value(lines, index, hit)
        if value is None:
            return
        if name in {"doi", "url", "issn", "isbn"}:
            self.fields.add(name, value)
            return
        self.fields.put(name, value)

    # -- deciding ---------------------------------------------------------------------
    def build(self) -> Record:
        self.scan()
        known_title = self._labelled_title()
        citation = self._citation(known_title)
        title = known_title or self._title_from_citation(citation) or self._title_from_top()
        changes = self._changes
        put = self._put
        if title:
            put("title", _tidy_title(title.text), title)
        authors, author_where = self._authors(title, citation)
        put("author", tuple(authors), author_where)
        if self.editors:
            editors = [person for people, _ in self.editors for person in people]
            put("editor", tuple(editors), self.editors[0][1])

        self._dates(citation)
        for name in ("container_title", "event_title", "publisher", "publisher_place", "edition"):
            found = self.fields.values.get(name)
            if found and _plausible_text(found.text):
                put(name, found.text, found)
        if "container_title" not in changes and citation and citation[0].container:
            put("container_title", citation[0].container, citation[1], "citation line")
        self._numbers(citation)
        self._identifiers(citation)
        self._abstract()
        self._keywords()
        self._language()
        self._license()
        self._type()
        record = Record(**changes, provenance=self._provenance, source=self.source)  # type: ignore[arg-type]
        if self.references_at is not None:
            record = _replace(record, has_references=True)
        return record

    def _put(self, name: str, value: object, where: _Value | None, note: str = "") -> None:
        """Set a field of the record being built, with where its value came from."""
        if value in ("", (), None):
            return
        if isinstance(value, str):
            value = _tidy_space(value)
        self._changes[name] = value
        if where is not None:
            self._provenance[name] = Provenance(
                self.source, where.start, where.end, where.line, note or where.note
            )

    def _labelled_title(self) -> _Value | None:
        found = self.fields.values.get("title")
        return found if found and _looks_like_title(found.text) else None

    def _citation(self, known_title: _Value | None) -> tuple[Citation, _Value] | None:
        if self.citation_text is None:
            self.citation_text = self._unlabelled_citation()
        if self.citation_text is None:
            return None
        anchor = known_title.text if known_title else self._title_candidate_text()
        citation = parse_citation(self.citation_text.text, anchor)
        if not citation.title and anchor:
            citation = parse_citation(self.citation_text.text)
        return citation, self.citation_text

    def _unlabelled_citation(self) -> _Value | None:
        """A line that cites the document itself: authors, "(year)", title, journal (EPrints)."""
        candidate = self._title_candidate_text()
        if not candidate:
            return None
        folded = candidate.casefold()
        for line in self.lines[: self.header_end]:
            stripped = line.stripped
            if (
                len(stripped) > len(candidate) + 20
                and folded in stripped.casefold()
                and re.search(r"\(\d{4}[a-z]?\)", stripped)
            ):
                if stripped.casefold().startswith(folded) or "dive into" in stripped.casefold():
                    continue
                return _value_from(line, note="citation line")
        return None

    def _title_candidate_text(self) -> str:
        top = self._title_from_top()
        return top.text if top else ""

    def _title_from_citation(self, citation: tuple[Citation, _Value] | None) -> _Value | None:
        if citation is None or not citation[0].title:
            return None
        wanted = fold(citation[0].title)
        for line in self.lines[: self.header_end]:
            if fold(line.stripped) == wanted:
                return _value_from(line)
        where = citation[1]
        return _Value(citation[0].title, where.start, where.end, where.line, "citation line")

    def _title_from_top(self) -> _Value | None:
        seen = 0
        for line in self.lines[: self.header_end]:
            if not line.stripped:
                continue
            seen += 1
            if seen > 25:
                break
            if _looks_like_title(line.stripped):
                return _value_from(line)
        return None

    def _authors(
        self, title: _Value | None, citation: tuple[Citation, _Value] | None
    ) -> tuple[list[Person], _Value | None]:
        if self.authors:
            people = [person for group, _ in self.authors for person in group]
            return people, self.authors[0][1]
        byline, byline_where = self._byline(title)
        cited: list[Person] = []
        if citation and citation[0].authors:
            cited = list(parse_names(citation[0].authors))
        if byline and cited:
            # The citation line fixes who the authors are; the byline may add full given names.
            by_family = {person.family.casefold(): person for person in byline}
            chosen = []
            for person in cited:
                match = by_family.get(person.family.casefold())
                chosen.append(match if match and _fuller(match) >= _fuller(person) else person)
            where = (
                byline_where
                if any(p in byline for p in chosen)
                else citation[1]
                if citation
                else None
            )
            return chosen, where
        if byline:
            return byline, byline_where
        if cited and citation:
            return cited, citation[1]
        return [], None

    def _byline(self, title: _Value | None) -> tuple[list[Person], _Value | None]:
        if title is None or title.note:
            return [], None
        start_index = next(
            (i for i, line in enumerate(self.lines) if line.start <= title.start < line.end + 1),
            None,
        )
        if start_index is None:
            return [], None
        people: list[Person] = []
        first: _Value | None = None
        skipped = 0
        for _, line in _next_content(self.lines, start_index):
            if line.number > self.lines[start_index].number + 12:
                break
            names = _byline_names(line.stripped)
            if names:
                people.extend(names)
                first = first or _value_from(line)
                continue
            if people:
                break
            # Corresponding-author notes and "by" lines sit between a title and its byline.
            if re.match(r"^\W*(?:corresponding author|by)\b", line.stripped, re.I) or skipped < 1:
                skipped += 1
                continue
            break
        return people, first

    def _dates(self, citation: tuple[Citation, _Value] | None) -> None:
        issued = self.fields.values.get("issued")
        date = parse_date(issued.text) if issued else None
        if issued and date:
            self._put("issued", date[0], issued)
        elif citation and citation[0].year:
            self._put("issued", Date(int(citation[0].year)), citation[1], "citation line")
        available = self.fields.values.get("available_date")
        if available:
            parsed = parse_date(available.text)
            if parsed:
                self._put("available_date", parsed[0], available)

    def _numbers(self, citation: tuple[Citation, _Value] | None) -> None:
        from refkit.ingest.labels import SPACE_SEPARATED

        for name in ("volume", "issue", "number", "number_of_pages"):
            found = self.fields.values.get(name)
            if found:
                text = re.sub(r"^(?:vol|no|nr|issue|art)\.?\s*", "", found.text, flags=re.I).strip()
                if SPACE_SEPARATED.get(name, SPACE_SEPARATED["volume"])(text):
                    self._put(name, text, found)
        page = self.fields.values.get("page")
        if page:
            match = re.search(r"([A-Za-z]?\d+)(?:\s*[-–—]+\s*([A-Za-z]?\d+))?", page.text)
            if match:
                self._put("page", match.group(1) + (f"-{match.group(2)}" if match.group(2) else ""), page)
        else:
            first, last = self.fields.values.get("first_page"), self.fields.values.get("last_page")
            if first and re.fullmatch(r"[A-Za-z]?\d+", first.text):
                pages = first.text + (
                    f"-{last.text}" if last and re.fullmatch(r"[A-Za-z]?\d+", last.text) else ""
                )
                self._put("page", pages, first)
        if citation:
            cited, where = citation
            for name, value in (
                ("volume", cited.volume),
                ("issue", cited.issue),
                ("page", cited.page),
                ("number", cited.number),
            ):
                if value and not self.fields.values.get(name) and not (name == "page" and page):
                    self._put(name, value, where, "citation line")

    def _identifiers(self, citation: tuple[Citation, _Value] | None) -> None:
        # DOI: a labelled value, then the citation line, then the first DOI in the header.
        for value in self.fields.lists.get("doi", []):
            found = doi_module.find_first(value.text)
            if found:
                self._put("doi", found, value)
                break
        else:
            if citation and citation[0].doi:
                self._put("doi", citation[0].doi, citation[1], "citation line")
            else:
                for value in self.fields.lists.get("url", []):
                    found = doi_module.find_first(value.text)
                    if found:
                        self._put("doi", found, value)
                        break
                else:
                    header = self.text[: self._header_offset()]
                    for found, start, end in doi_module.find_all(header):
                        line = self.text.count("\n", 0, start) + 1
                        self._put("doi", found, _Value(found, start, end, line))
                        break
        issns: list[str] = []
        issn_where: _Value | None = None
        for value in self.fields.lists.get("issn", []):
            for issn in [i for i, _, _ in find_issns(value.text)] or _maybe(valid_issn(value.text)):
                if issn not in issns:
                    issns.append(issn)
                    issn_where = issn_where or value
        if not issns:
            header = self.text[: self._header_offset()]
            for match in re.finditer(
                r"\b(?:e-?|p-?|online |print )?ISSN\b[^\n]{0,40}", header, re.I
            ):
                for issn, _, _ in find_issns(match.group(0)):
                    if issn not in issns:
                        issns.append(issn)
                        line = header.count("\n", 0, match.start()) + 1
                        issn_where = issn_where or _Value(issn, match.start(), match.end(), line)
        if not issns and citation:
            issns = [v for raw in citation[0].issn if (v := valid_issn(raw))]
            issn_where = citation[1] if issns else None
        self._put("issn", tuple(issns), issn_where)
        isbns: list[str] = []
        isbn_where: _Value | None = None
        for value in self.fields.lists.get("isbn", []):
            for isbn in [i for i, _, _ in find_isbns(value.text)] or _maybe(valid_isbn(value.text)):
                if isbn not in isbns:
                    isbns.append(isbn)
                    isbn_where = isbn_where or value
        self._put("isbn", tuple(isbns), isbn_where)
        urls = [v for v in self.fields.lists.get("url", []) if re.match(r"https?://", v.text)]
        landing = [v for v in urls if "doi.org/" not in v.text]
        if landing or urls:
            chosen = (landing or urls)[0]
            self._put("url", chosen.text.split()[0], chosen)

    def _header_offset(self) -> int:
        if self.header_end >= len(self.lines):
            return len(self.text)
        return self.lines[self.header_end].start

    def _abstract(self) -> None:
        if not self.abstract_lines:
            return
        sections: list[tuple[str, str]] = []
        heading = ""
        paragraphs: list[str] = []
        seen: set[str] = set()
        repeated = False
        for line in self.abstract_lines:
            text = line.stripped
            canonical = canonical_heading(text)
            if canonical and len(text) <= 45:
                if paragraphs or heading:
                    sections.append((heading, " ".join(paragraphs)))
                heading, paragraphs = canonical, []
                continue
            key = re.sub(r"\W+", "", text.casefold())
            if key in seen:
                # A page that prints its abstract twice: keep the first copy.
                repeated = True
                break
            seen.add(key)
            paragraphs.append(text)
        if paragraphs or heading:
            sections.append((heading, " ".join(paragraphs)))
        sections = [(h, t) for h, t in sections if t]
        if repeated and sections and sections[-1][0] and not sections[-1][1]:
            sections.pop()
        if not sections:
            return
        first, last = self.abstract_lines[0], self.abstract_lines[-1]
        where = _Value("", first.start, last.end, first.number)
        if len(sections) >= 2 and all(h for h, _ in sections):
            self._put("abstract_sections", tuple(sections), where)
            self._put("abstract", join_sections(tuple(sections)), where)
        else:
            self._put("abstract", "\n\n".join(t if not h else f"{h}: {t}" for h, t in sections), where)

    def _keywords(self) -> None:
        keywords, spans = _split_keywords(self.keywords)
        if keywords:
            self._put("keywords", tuple(keywords), spans[0])

    def _language(self) -> None:
        found = self.fields.values.get("language")
        code = language_code(found.text) if found else ""
        if found and code:
            self._put("language", code, found)
            return
        abstract = str(self._changes.get("abstract", ""))
        detected = detect_language(abstract)
        if detected and self.abstract_lines:
            first, last = self.abstract_lines[0], self.abstract_lines[-1]
            self._put(
                "language",
                detected,
                _Value("", first.start, last.end, first.number),
                "detected from the abstract",
            )

    def _license(self) -> None:
        found = self.fields.values.get("license")
        candidates: list[tuple[str, int, int]] = []
        if found:
            block_end = self._paragraph_end(found)
            candidates.append((self.text[found.start : block_end], found.start, found.line))
        candidates.append((self.text[: self._header_offset()], 0, 1))
        for text, offset, _ in candidates:
            licence = find_license(text)
            if licence:
                name, start, end = licence
                line = self.text.count("\n", 0, offset + start) + 1
                self._put("license", name, _Value(name, offset + start, offset + end, line))
                return

    def _paragraph_end(self, value: _Value) -> int:
        end = self.text.find("\n\n", value.end)
        return len(self.text) if end < 0 else end

    def _type(self) -> None:
        found = self.fields.values.get("type")
        mapped = csl_type(found.text) if found else ""
        if found and mapped:
            self._put("type", mapped, found)
            return
        for line in self.lines[: min(self.header_end, 60)]:
            mapped = csl_type_from_line(line.stripped)
            if mapped:
                self._put("type", mapped, _value_from(line))
                return
        if self._changes.get("container_title") or self._changes.get("issn") or self._changes.get("volume"):
            self._put("type", "article-journal", None)
        elif self._changes.get("isbn"):
            self._put("type", "book", None)
        elif self.references_at is not None:
            self._put("type", "article", None)


def csl_type_from_line(line: str) -> str:
    """The type stated by a page's type line with no label ("Research output: Contribution to journal")."""
    match = re.match(r"^(?:research output|output type|document type)\s*:?\s*(.+)$", line, re.I)
    if match:
        return csl_type(match.group(1))
    if re.fullmatch(r"(?:articolo|article|journal article|articolo in rivista)", line, re.I):
        return "article-journal"
    return ""


def _maybe(value: str | None) -> list[str]:
    return [value] if value else []


def _replace(record: Record, **changes: object) -> Record:
    import dataclasses

    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def _tidy_space(text: str) -> str:
    """Collapse runs of spaces (no-break spaces included), keeping paragraph breaks."""
    paragraphs = [re.sub(r"\s+", " ", part).strip() for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def _tidy_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    return title.rstrip(".") if title.endswith(".") and not title.endswith("..") else title


def _plausible_text(text: str) -> bool:
    """A container or publisher value, not a copyright line, a URL or a placeholder."""
    lowered = text.lower()
    if lowered.startswith(("©", "copyright", "http", "(c)")) or len(text) > 300:
        return False
    return not re.fullmatch(r"\W*|n/?a|none|unknown|-+", lowered)


def read_text(text: str, source: str) -> list[Record]:
    """The record a document's plain text describes.

    Raises :class:`~refkit.errors.UnsupportedInputError` when the text holds no
    bibliographic data (no title together with an author, a date, a DOI or a journal).
    """
    if not text.strip():
        raise UnsupportedInputError("empty document", source=source)
    record = _TextDocument(text, source).build()
    evidence = record.author or record.issued or record.doi or record.container_title
    if not record.title or not evidence:
        raise UnsupportedInputError("no bibliographic data found", source=source)
    return [record]


class TextReader:
    """Fallback reader for any text no more specific reader claims."""

    name = "text"

    def sniff(self, data: bytes, text: str | None) -> float:
        return 0.1 if text and text.strip() else 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        return read_text(text or "", source)
