"""Parse one reference string into a :class:`~refkit.model.Record`.

The words are labelled by the CRF tagger (:mod:`refkit.references.tagger`); rules then
turn the labelled segments into clean fields: names through :mod:`refkit.names`,
volume/issue/pages out of "36(1), 12-31", editors out of "In N. Hood, & J.-E. Vahlne
(Eds)", DOIs and URLs by pattern (a pattern beats a statistical guess for them), and
the type from what the reference holds.  Every field keeps the character span it came
from in ``provenance``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from refkit import doi as doi_module
from refkit.dates import month_number
from refkit.model import Date, Person, Provenance, Record
from refkit.names import is_corporate, parse_names
from refkit.references.pages import normalise_pages, repair_lost_dash
from refkit.references.tagger import tag_tokens

__all__ = [
    "LOST_DASH_NOTE",
    "UNPARSED_WARNING",
    "Segment",
    "clean_reference_text",
    "looks_like_reference",
    "parse_reference",
    "repair_record_pages",
    "segment_reference",
]

#: The provenance note of a page range restored from digits that lost their dash.
LOST_DASH_NOTE = "repaired: lost dash"
#: The warning on a line kept as raw text.
UNPARSED_WARNING = "not recognised as a reference: kept as raw text"

_SPACES = re.compile(r"\s+")
_DOI_TOKEN = re.compile(r"10\.\d{4,9}/\S", re.IGNORECASE)
_BROKEN_DOI = re.compile(
    r"(?:^|[(:\s])(?:doi:?)?10(?:\.\d{0,9}/?)?$|10\.\d{4,9}/\S*[-/._]$", re.IGNORECASE
)
_DOI_PREFIX = re.compile(r"^\(?(?:doi|DOI)\s*[:：]?$")
_URL_TOKEN = re.compile(r"^[<(\[]?(?:https?://|www\.|ftp://)\S+", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d/.])(1[5-9]\d\d|20\d\d)(?:\s*[-–/]\s*\d{2,4})?([a-z])?(?![\d])")
_NO_DATE = re.compile(r"\bn\.\s?d\b\.?|\bo\.\s?J\b\.?|\bs\.\s?d\b\.?", re.IGNORECASE)
_IN_PRESS = re.compile(r"\b(?:in press|forthcoming|in print|im druck|sous presse)\b", re.IGNORECASE)
_REPEAT_AUTHOR = re.compile(r"^[\s_\-–—―‒.,:]+$")
_EDITOR_MARK = re.compile(
    r"\(\s*(?:eds?|editors?|hrsg|hg|dir|coord|comps?|org)\.?\s*\)|"
    r"(?:^|[\s,])(?:eds?|editors?|hrsg|hg|dir|coord)\.?(?=$|[\s,:;)])|"
    r"\b(?:edited|ed\.|eds\.)\s+by\b",
    re.IGNORECASE,
)
_IN_PREFIX = re.compile(r"^\s*(?:in|dans|en|im)\s*:?\s+", re.IGNORECASE)
_ET_AL = re.compile(r",?\s*\bet\s*al\b\.?,?|,?\s*\band others\b", re.IGNORECASE)
_TRANSLATOR_MARK = re.compile(
    r"\(?\b(?:trans|transl|translated|tr|übers)\.?\)?(\s+by)?", re.IGNORECASE
)
_EDITION = re.compile(
    r"(\d+)\s*(?:st|nd|rd|th|e|er|ème|\.)?\s*(?:ed|edn|edition|éd|aufl|auflage)\b", re.IGNORECASE
)
_ORDINAL_WORDS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
_VOLUME = re.compile(
    r"^(?P<pre>(?:vol(?:ume)?s?|v|bd|band|t|tome|jg|jahrgang)\.?\s*)?"
    r"(?P<vol>[\dIVXLCivxlc]+[A-Za-z]?(?:[-–/]\d+)?)\s*"
    r"(?:\(\s*(?P<issue>[^()]{1,20}?)\s*\))?\s*"
    r"(?:[,;]?\s*(?:no|nr|n°|num|issue|heft|h)\.?\s*(?P<issue2>[\w/–-]+))?\s*"
    r"(?:[:,]\s*(?:pp?\.\s*)?(?P<pages>[\w–—-]+(?:\s*[-–—]\s*\w+)?))?$",
    re.IGNORECASE,
)
_ISSUE_ONLY = re.compile(
    r"^(?:no|nr|n°|num|issue|heft|h|n)\.?\s*[°º]?\s*(?P<issue>[\w/–-]+)$", re.IGNORECASE
)
_COUNT_PAGES = re.compile(r"^(\d+)\s*(?:pp|p|pages|s|seiten)\b\.?$", re.IGNORECASE)
_ARTICLE_NUMBER = re.compile(r"^(?:e\d{3,}|[A-Z]?\d{4,}[A-Za-z]?)$")
_THESIS = re.compile(
    r"thes[ie]s|dissertation|doctoral|ph\.?\s?d|master'?s|diplom|tesi|thèse|habilitation",
    re.IGNORECASE,
)
_REPORT = re.compile(
    r"\breport\b|working paper|technical|discussion paper|white paper|policy brief|rapport",
    re.IGNORECASE,
)
_CONFERENCE = re.compile(
    r"proceedings|proc\.|conference|symposium|workshop|congress|colloquium|meeting|"
    r"convention|summit|\bconf\b|tagung|kongress",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’«»„‚‹›`´"
_MARKUP = re.compile(r"</?(?:i|b|em|strong|italic|bold|sup|sub|sc|u)>", re.IGNORECASE)
_ANY_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PAGE_RANGE = re.compile(r"\b\d+\s*[-–—]\s*\d+\b")
_VANCOUVER_DATE = re.compile(
    r"^(?P<year>(?:1[5-9]|20)\d\d)(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?\s*;\s*(?P<rest>.+)$"
)
_COLON_ISSUE = re.compile(r"^(?P<vol>\d+[A-Za-z]?)\s*[:.]\s*(?P<issue>\d+[A-Za-z]?)\s*:?$")
_VOLUME_PAGES = re.compile(
    r"^(?P<vol>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^()]{1,12})\))?\s*:\s*(?P<pages>\w+(?:\s*[-–—]\s*\w+)?)$"
)
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": ""})


@dataclass(frozen=True, slots=True)
class Segment:
    """Consecutive words with one label, and their span in the cleaned reference text."""

    label: str
    text: str
    start: int
    end: int


def clean_reference_text(text: str) -> str:
    """One line of text: line breaks joined, ligatures and soft hyphens resolved.

    A DOI or URL broken across lines is rejoined without a space, and a word hyphenated
    across a line break is joined when the next line goes on in lower case.
    """
    text = text.translate(_LIGATURES)
    if "<" in text:
        text = _MARKUP.sub("", text)
    if "\n" in text or "\r" in text:
        lines = [line.strip() for line in text.splitlines()]
        lines = [line for line in lines if line]
        joined = lines[0] if lines else ""
        for line in lines[1:]:
            joined = _join_two(joined, line)
        text = joined
    return _SPACES.sub(" ", text).strip()


def _join_two(head: str, tail: str) -> str:
    last_word = head.rsplit(" ", 1)[-1]
    first_word = tail.split(" ", 1)[0]
    if _BROKEN_DOI.search(last_word) and re.match(
        r"^[./]?[\w.()/;:-]*[\d./][\w.()/;:-]*$", first_word
    ):
        # "doi:10.4319/" + "lo.2006.51.2.1149)" or "doi:10" + ".1038/nature08944".
        return head + tail
    if _DOI_TOKEN.search(last_word) or _URL_TOKEN.match(last_word):
        # A DOI or URL ends at a line break only when the text after it is a new word.
        if head[-1] in "-/._=?&" or (tail[:1].isalnum() and not tail[:1].isupper()):
            return head + tail
        if re.match(r"^[\w./-]*\d[\w./-]*[.,;]?$", tail.split(" ", 1)[0]) and head[-1] != ".":
            return head + tail
    if head.endswith("-") and len(head) >= 2 and head[-2].isalpha() and tail[:1].islower():
        return head[:-1] + tail
    return head + " " + tail


def segment_reference(text: str) -> list[Segment]:
    """Label the words of a cleaned reference and group them into segments."""
    tokens: list[tuple[str, int, int]] = [
        (m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)
    ]
    if not tokens:
        return []
    labels = tag_tokens([t for t, _, _ in tokens])
    labels = _override_identifiers(tokens, labels)
    segments: list[Segment] = []
    for (token, start, end), label in zip(tokens, labels, strict=True):
        if segments and segments[-1].label == label:
            last = segments[-1]
            segments[-1] = Segment(label, text[last.start : end], last.start, end)
        else:
            segments.append(Segment(label, token, start, end))
    return segments


def _override_identifiers(tokens: Sequence[tuple[str, int, int]], labels: list[str]) -> list[str]:
    """DOIs and URLs are found by their shape; the tagger's labels for them are replaced."""
    out = list(labels)
    for index, (token, _, _) in enumerate(tokens):
        if _DOI_TOKEN.search(token):
            out[index] = "doi"
            if index > 0 and _DOI_PREFIX.match(tokens[index - 1][0]):
                out[index - 1] = "doi"
        elif _URL_TOKEN.match(token):
            out[index] = "url"
            if index > 0 and tokens[index - 1][0].lower().rstrip(":") in {"url", "available", "at"}:
                out[index - 1] = "note" if out[index - 1] != "note" else out[index - 1]
        elif out[index] in ("doi", "url") and not token.lower().startswith(("doi", "url", "<")):
            out[index] = "note"
    return out


def looks_like_reference(text: str, segments: Sequence[Segment]) -> bool:
    """True when the text holds what any reference holds: a year or DOI or URL, and words."""
    if len(text) < 12 or not any(ch.isalpha() for ch in text):
        return False
    labels = {s.label for s in segments}
    has_anchor = bool(
        _YEAR.search(text)
        or _NO_DATE.search(text)
        or _IN_PRESS.search(text)
        or _DOI_TOKEN.search(text)
        or _ANY_URL.search(text)
        or (_PAGE_RANGE.search(text) and bool(labels & {"pages", "volume"}))
    )
    has_body = bool(labels & {"title", "container-title", "author", "publisher"})
    return has_anchor and has_body and len(text.split()) >= 3


def parse_reference(
    text: str,
    *,
    source: str = "",
    offset: int = 0,
    repair_pages: bool | None = None,
    previous_authors: tuple[Person, ...] = (),
) -> Record:
    """Parse one reference string into a record.

    A string that is not a reference comes back as ``Record(raw=text)`` with a warning:
    nothing is dropped and nothing raises.  ``repair_pages`` restores page ranges whose
    dash was lost ("11731190" -> "1173-1190"): ``True`` for text known to have lost its
    dashes, ``False`` never, ``None`` (default) only for digit strings of seven or more
    digits, which no page or article number has.  ``previous_authors`` stands in for
    "———." (same authors as the entry before).  ``offset`` is where ``text`` starts in
    ``source``, for provenance spans.
    """
    cleaned = clean_reference_text(text)
    segments = segment_reference(cleaned)
    if not looks_like_reference(cleaned, segments):
        return Record(raw=text, source=source, warnings=(UNPARSED_WARNING,))
    builder = _Builder(cleaned, source, offset)
    for segment in segments:
        builder.add(segment, previous_authors)
    record = builder.finish(repair_pages)
    if not (record.title or record.author or record.editor or record.container_title or record.doi):
        return Record(raw=text, source=source, warnings=(UNPARSED_WARNING,))
    return record


class _Builder:
    """Collects field values from segments; the first segment of a label wins, later ones
    that cannot be merged go to ``note`` so no text is lost."""

    def __init__(self, text: str, source: str, offset: int) -> None:
        self.text = text
        self.source = source or "<reference>"
        self.offset = offset
        self.fields: dict[str, str] = {}
        self.people: dict[str, tuple[Person, ...]] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        self.notes: list[str] = []
        self.extra: dict[str, str] = {}
        self.warnings: list[str] = []
        self.dates: list[Segment] = []
        self.edited_book = False
        self.in_marker = False
        self.dois: list[str] = []
        self.previous_label = ""

    # -- collecting ------------------------------------------------------------------

    def _set(self, name: str, value: str, segment: Segment) -> None:
        value = value.strip()
        if not value:
            return
        if name in self.fields:
            self.notes.append(value)
            return
        self.fields[name] = value
        self.spans[name] = (segment.start, segment.end)

    def add(self, segment: Segment, previous_authors: tuple[Person, ...]) -> None:
        label = segment.label
        handler = getattr(self, "_add_" + label.replace("-", "_"), None)
        if handler is None:
            self._add_note(segment)
        else:
            handler(segment, previous_authors)
        self.previous_label = label

    def _add_author(self, segment: Segment, previous: tuple[Person, ...]) -> None:
        value = segment.text
        if "author" in self.people:
            self.notes.append(value.strip())
            return
        if _REPEAT_AUTHOR.match(value):
            if previous:
                self.people["author"] = previous
                self.spans["author"] = (segment.start, segment.end)
                self.extra_note("author", "same as previous entry")
            return
        if _EDITOR_MARK.search(value):
            people = _people(value)
            if people and "editor" not in self.people:
                self.people["editor"] = people
                self.spans["editor"] = (segment.start, segment.end)
                self.edited_book = True
                return
        people = _people(value)
        if people:
            self.people["author"] = people
            self.spans["author"] = (segment.start, segment.end)
        else:
            self.notes.append(value.strip())

    def extra_note(self, name: str, note: str) -> None:
        self.extra.setdefault("_notes_" + name, note)

    def _add_editor(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = segment.text
        if _IN_PREFIX.match(value):
            self.in_marker = True
        if "editor" in self.people:
            self.notes.append(value.strip())
            return
        people = _people(value)
        if people:
            self.people["editor"] = people
            self.spans["editor"] = (segment.start, segment.end)
        else:
            self.notes.append(value.strip())

    def _add_translator(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        names = _TRANSLATOR_MARK.sub(" ", segment.text)
        people = _people(names)
        if people and "translator" not in self.extra:
            self.extra["translator"] = " and ".join(p.display() for p in people)
        else:
            self.notes.append(segment.text.strip())

    def _add_title(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = segment.text
        if "title" in self.fields:
            self.notes.append(_strip_field(value))
            return
        self._set("title", _strip_title(value), segment)

    def _add_container_title(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = segment.text
        if _IN_PREFIX.match(value):
            self.in_marker = True
            value = _IN_PREFIX.sub("", value)
        value = _strip_title(value)
        # "Global Business Review, May" : a month after the journal belongs to the date.
        head, _, last = value.rpartition(", ")
        if head and month_number(last) is not None:
            self.extra.setdefault("_month", last)
            value = head
        # "Nephrol Dial Transplant 2008": the year the tagger left in the journal's name.
        year_at_end = re.search(r"[\s,]+((?:1[5-9]|20)\d\d[a-z]?)$", value)
        if year_at_end and year_at_end.start() > 0:
            self.dates.append(Segment("date", year_at_end.group(1), segment.start, segment.end))
            value = value[: year_at_end.start()].rstrip(" ,")
        # "Journal of Psychology, XXVII": a volume the tagger left in the journal's name.
        head, _, last = value.rpartition(", ")
        if head and (_ROMAN.match(last) or last.isdigit()) and "volume" not in self.fields:
            self._set("volume", last, segment)
            value = head
        if "container_title" in self.fields and self.previous_label == "container-title":
            return
        self._set("container_title", value, segment)

    def _add_collection_title(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        self._set("collection_title", _strip_title(segment.text), segment)

    def _add_date(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        self.dates.append(segment)

    def _add_volume(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = _strip_field(segment.text)
        vancouver = _VANCOUVER_DATE.match(value)
        if vancouver:
            # "2007;56(9):1232-9": the date, then the volume.
            self.dates.append(segment)
            value = vancouver.group("rest").strip()
        colon = _COLON_ISSUE.match(value)
        if colon:
            # "33:10:" (volume:issue) or "110.1" (volume.issue).
            self._set("volume", colon.group("vol"), segment)
            self._set("issue", colon.group("issue"), segment)
            return
        issue_only = _ISSUE_ONLY.match(value)
        match = _VOLUME.match(value)
        if issue_only and not match:
            self._set("issue", issue_only.group("issue"), segment)
            return
        if match is None:
            # "May 13(3)": a month before the volume belongs to the date.
            first, _, rest = value.partition(" ")
            if rest and month_number(first) is not None:
                self.extra.setdefault("_month", first)
                match = _VOLUME.match(rest)
        if match is None:
            self._set("volume", value, segment)
            return
        self._set("volume", match.group("vol"), segment)
        issue = match.group("issue") or match.group("issue2")
        if issue:
            issue = issue.strip()
            if _YEAR.fullmatch(issue):
                # "39(2017)": the year repeated in parentheses, not an issue.
                self.extra.setdefault("_year_in_volume", issue)
            else:
                self._set("issue", issue, segment)
        if match.group("pages"):
            self._set("page", normalise_pages(match.group("pages")), segment)

    def _add_pages(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = _strip_field(segment.text)
        count = _COUNT_PAGES.match(value)
        if count:
            self._set("number_of_pages", count.group(1), segment)
            return
        volume_pages = _VOLUME_PAGES.match(value)
        if volume_pages and "volume" not in self.fields:
            # "374:1196-1208" or "23(6):2058-2063": volume, issue and pages in one.
            self._set("volume", volume_pages.group("vol"), segment)
            if volume_pages.group("issue"):
                self._set("issue", volume_pages.group("issue"), segment)
            value = volume_pages.group("pages")
        pages = normalise_pages(value)
        # "16, e1000097": a page range, then an article number.
        parts = [p.strip() for p in pages.split(",") if p.strip()]
        if len(parts) == 2 and _ARTICLE_NUMBER.match(parts[1]):
            self._set("page", parts[0], segment)
            self._set("number", parts[1], segment)
            return
        if "page" in self.fields and _ARTICLE_NUMBER.match(pages):
            self._set("number", pages, segment)
            return
        self._set("page", pages, segment)

    def _add_publisher(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = _strip_field(segment.text)
        if "publisher" in self.fields and self.previous_label == "location":
            # "Publisher, Place, Publisher2": keep the first and note the rest.
            self.notes.append(value)
            return
        self._set("publisher", value, segment)

    def _add_location(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        self._set("publisher_place", _strip_field(segment.text), segment)

    def _add_edition(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        self._set("edition", _edition(segment.text), segment)

    def _add_genre(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        self._set("genre", _strip_field(segment.text), segment)

    def _add_doi(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        found = [d for d, _, _ in doi_module.find_all(segment.text)]
        if not found:
            self.notes.append(segment.text.strip())
            return
        for value in found:
            if value.lower() not in {d.lower() for d in self.dois}:
                self.dois.append(value)
        if "doi" not in self.spans:
            self.spans["doi"] = (segment.start, segment.end)
        # Text glued after the DOI ("..., Special Issue on ...") is kept as a note.
        last_end = segment.text.rfind(found[-1]) + len(found[-1])
        tail = segment.text[last_end:].strip(" .,;)")
        if tail:
            self.notes.append(tail)

    def _add_url(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        value = segment.text.strip().strip("<>[]()").rstrip(".,;")
        value = value.rstrip(">")
        if "doi.org/" in value.lower():
            found = doi_module.find_first(value)
            if found:
                if found.lower() not in {d.lower() for d in self.dois}:
                    self.dois.append(found)
                self.spans.setdefault("doi", (segment.start, segment.end))
                return
        if "url" in self.fields:
            self.notes.append(value)
            return
        if value.lower().startswith("www."):
            value = "http://" + value
        self._set("url", value, segment)

    def _add_isbn(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        digits = re.findall(r"(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx]", segment.text)
        if digits:
            self.extra.setdefault("_isbn", re.sub(r"[\s-]", "", digits[0]))
        else:
            self.notes.append(segment.text.strip())

    def _add_citation_number(self, segment: Segment, _previous: tuple[Person, ...]) -> None:
        number = segment.text.strip().strip("[]().: ")
        if number:
            self.extra.setdefault("citation-number", number)

    def _add_note(self, segment: Segment, _previous: tuple[Person, ...] = ()) -> None:
        value = segment.text.strip()
        if _IN_PREFIX.fullmatch(value + " "):
            self.in_marker = True
            return
        if _EDITOR_MARK.fullmatch(value.strip(" ,.")):
            return
        if value:
            self.notes.append(value)

    # -- finishing -------------------------------------------------------------------

    def finish(self, repair_pages: bool | None) -> Record:
        provenance: dict[str, Provenance] = {}
        for name, (start, end) in self.spans.items():
            provenance[name] = Provenance(
                self.source, start=self.offset + start, end=self.offset + end
            )
        issued, date_notes = self._issued()
        fields = dict(self.fields)
        warnings = list(self.warnings)
        page = fields.get("page", "")
        if page:
            fields["page"], page_note, page_warning = _repair_page(page, repair_pages)
            if page_note and "page" in provenance:
                provenance["page"] = replace(provenance["page"], note=page_note)
            if page_warning:
                warnings.append(page_warning)
        edition = fields.get("edition", "")
        for key in ("title", "container_title"):
            # "(5th ed.)" or "(Vol. 11, pp. 29-53)" inside a title: take the values out.
            value = fields.get(key, "")
            if value:
                value, pulled = _pull_parentheticals(value)
                fields[key] = value
                for name, found in pulled.items():
                    if name == "edition" and not edition:
                        fields["edition"] = edition = found
                    elif name not in fields:
                        fields[name] = found
        if not fields.get("title") and fields.get("container_title") and not self.in_marker:
            # A lone title the tagger took for a container: a book's or report's title.
            fields["title"] = fields.pop("container_title")
            if "container_title" in provenance:
                provenance["title"] = provenance.pop("container_title")
        notes = [_strip_note(n) for n in date_notes + self.notes]
        doi = self.dois[0] if self.dois else ""
        if len(self.dois) > 1:
            notes.append("Also DOI: " + ", ".join(self.dois[1:]))
        extra = {k: v for k, v in self.extra.items() if not k.startswith("_")}
        if "_isbn" in self.extra:
            isbn: tuple[str, ...] = (self.extra["_isbn"],)
        else:
            isbn = ()
        if self.extra.get("_notes_author") and "author" in provenance:
            provenance["author"] = replace(provenance["author"], note="same as previous entry")
        author = self.people.get("author", ())
        editor = self.people.get("editor", ())
        values: dict[str, Any] = dict(
            title=fields.get("title", ""),
            author=author,
            editor=editor,
            issued=issued,
            container_title=fields.get("container_title", ""),
            collection_title=fields.get("collection_title", ""),
            volume=fields.get("volume", ""),
            issue=fields.get("issue", ""),
            page=fields.get("page", ""),
            number=fields.get("number", ""),
            edition=fields.get("edition", ""),
            publisher=fields.get("publisher", ""),
            publisher_place=fields.get("publisher_place", ""),
            genre=fields.get("genre", ""),
            doi=doi,
            url=fields.get("url", ""),
            isbn=isbn,
            number_of_pages=fields.get("number_of_pages", ""),
            note="; ".join(_dedupe(notes)),
            extra=extra,
            provenance=provenance,
            source=self.source,
            warnings=tuple(warnings),
            reference_text=self.text,
        )
        values["type"] = _infer_type(values, self.in_marker, self.edited_book)
        return Record(**values)

    def _issued(self) -> tuple[Date | None, list[str]]:
        """The date from the date segments (first year wins); "n.d." and "in press" as notes."""
        notes: list[str] = []
        year: int | None = None
        month: int | None = None
        day: int | None = None
        for segment in self.dates:
            value = segment.text
            match = _YEAR.search(value)
            if match and year is None:
                year = int(match.group(1))
                self.spans["issued"] = (segment.start, segment.end)
                if match.group(2):
                    self.extra["year-suffix"] = match.group(2)
                month, day = _month_day(value)
            elif match is None:
                if _NO_DATE.search(value):
                    notes.append("n.d.")
                elif _IN_PRESS.search(value):
                    notes.append("in press")
                elif month is None and year is not None:
                    month, day = _month_day(value)
                    if month is None:
                        notes.append(_strip_field(value))
                else:
                    notes.append(_strip_field(value))
            elif match.group(1) != str(year):
                # A second year (a reprint, an access date) is kept as a note.
                notes.append(_strip_field(value))
        if year is None:
            in_volume = self.extra.get("_year_in_volume")
            if in_volume:
                year = int(in_volume[:4])
        if year is not None and month is None and self.extra.get("_month"):
            month = month_number(self.extra["_month"])
        if year is None:
            return None, notes
        try:
            return Date(year, month, day if month else None), notes
        except ValueError:
            return Date(year), notes


def _month_day(text: str) -> tuple[int | None, int | None]:
    month: int | None = None
    day: int | None = None
    for word in re.findall(r"[^\W\d_]{3,}\.?|\d{1,2}(?!\d)", text):
        if word[0].isdigit():
            if month is not None and day is None and 1 <= int(word) <= 31:
                day = int(word)
            continue
        number = month_number(word)
        if number is not None and month is None:
            month = number
    if month is not None and day is None:
        before = re.search(r"(\d{1,2})\.?\s+[^\W\d_]{3,}", text)
        if before and 1 <= int(before.group(1)) <= 31:
            day = int(before.group(1))
    return month, day


def _repair_page(page: str, repair: bool | None) -> tuple[str, str, str]:
    """(page, provenance note, warning) for a page field, restoring a lost dash when asked."""
    if not page.isdigit():
        return page, "", ""
    if repair is False or (repair is None and len(page) < 7):
        return page, "", ""
    outcome = repair_lost_dash(page)
    if outcome.repaired:
        return outcome.page, LOST_DASH_NOTE, ""
    if repair is True and len(page) in (4, 5):
        # Six digits and more are article numbers ("119908") far more often than ranges.
        return page, "", f"page {page!r} may be a range whose dash was lost: check"
    return page, "", ""


def repair_record_pages(record: Record) -> Record:
    """``record`` with a bare-digit page restored as a range (for text that lost its dashes)."""
    if not record.page.isdigit():
        return record
    page, note, warning = _repair_page(record.page, True)
    if page == record.page and not warning:
        return record
    provenance = dict(record.provenance)
    if note:
        old = provenance.get("page") or Provenance(record.source or "<reference>")
        provenance["page"] = replace(old, note=note)
    warnings = record.warnings + ((warning,) if warning else ())
    return replace(record, page=page, provenance=provenance, warnings=warnings)


def _people(text: str) -> tuple[Person, ...]:
    """Names out of an author or editor segment, without "(Eds.)", "In", "et al."."""
    text = _IN_PREFIX.sub("", text)
    text = _EDITOR_MARK.sub(" ", text)
    text = _ET_AL.sub("", text)
    text = text.strip().strip(",;:").strip()
    text = re.sub(r"^(?:by|von|par)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*\(\s*\)\s*", " ", text).strip(" ,;:")
    if not text or not any(ch.isalpha() for ch in text):
        return ()
    if "," not in text and ";" not in text and is_corporate(text):
        return (Person(literal=text.rstrip(".")),)
    inverted = _inverted_initials(text)
    if inverted:
        return inverted
    return parse_names(text)


_INVERTED = re.compile(
    r"\s*(?:(?:&|and|und|et|y)\s+)?(?P<family>[^\W\d][^,;&]*?),\s*"
    r"(?P<given>(?:[^\W\d_]{1,2}\.(?:\s?-?\s?[^\W\d_]{1,2}\.)*)(?:\s+[^\W\d_]{1,2}\.)*)\s*(?:,|;|$)"
)


def _inverted_initials(text: str) -> tuple[Person, ...]:
    """APA's "Family, I. I., Family, I. & Family, I." read pair by pair, so a family
    name of two words ("Sosa Varela, J. C.") stays whole."""
    people: list[Person] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _INVERTED.match(text, position)
        if match is None or match.end() == position:
            return ()
        family = match.group("family").strip()
        tail = re.match(r"(?:&|and|und|et|y)\s+", family)
        if tail:
            family = family[tail.end() :]
        people.append(Person(family=family, given=match.group("given").strip()))
        position = match.end()
    if len(people) < 2:
        return ()
    trailing = text[position:].strip(" ,;&")
    if trailing:
        return ()
    return tuple(people)


def _strip_field(text: str) -> str:
    text = text.strip()
    while text and text[0] in "([{,;:":
        text = text[1:].strip()
    while text and text[-1] in ")]},;:.":
        # Keep the dot of an abbreviation ("Inc.", "u.a.") only when nothing else ends it.
        if text[-1] == "." and re.search(r"\b[A-Z]\.$", text) and len(text) > 3:
            text = text[:-1]
            break
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1].strip()
    return text.strip()


def _strip_title(text: str) -> str:
    text = text.strip()
    text = text.strip(" ,;:")
    if text.endswith("."):
        text = text[:-1]
    text = text.strip(" ,")
    # Quotes around the whole title (and their punctuation: ,” .” ”.).
    stripped = text.strip(_QUOTES + " ,.")
    if stripped != text and (text[:1] in _QUOTES or text[-1:] in _QUOTES):
        text = stripped
    if text.endswith("?.") or text.endswith("!."):
        text = text[:-1]
    return text.strip()


def _edition(text: str) -> str:
    value = _strip_field(text)
    match = _EDITION.search(value)
    if match:
        return match.group(1)
    first = value.split(" ", 1)[0].lower()
    if first in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[first]
    return re.sub(r"\s*\b(?:ed|edn|edition)\.?$", "", value, flags=re.IGNORECASE).strip()


_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*$")
_PAREN_VOLUME = re.compile(r"\bvols?\.\s*(\w+)", re.IGNORECASE)
_PAREN_PAGES = re.compile(r"\bpp?\.\s*([\w–—-]+(?:\s*[-–—]\s*\w+)?)", re.IGNORECASE)


def _pull_parentheticals(title: str) -> tuple[str, dict[str, str]]:
    """Take "(5th ed.)" and "(Vol. 11, pp. 29-53)" off the end of a title."""
    found: dict[str, str] = {}
    while True:
        match = _PARENTHETICAL.search(title)
        if not match:
            break
        inner = match.group(1)
        edition = _EDITION.search(inner)
        volume = _PAREN_VOLUME.search(inner)
        pages = _PAREN_PAGES.search(inner)
        if not (edition or volume or pages):
            break
        if edition:
            found.setdefault("edition", edition.group(1))
        if volume:
            found.setdefault("volume", volume.group(1))
        if pages:
            found.setdefault("page", normalise_pages(pages.group(1)))
        title = title[: match.start()].rstrip(" ,.")
    return title, found


def _strip_note(text: str) -> str:
    text = text.strip(" ,;:")
    # A closing period goes, an abbreviation's ("n.d.", "u.a.") stays.
    if text.endswith(".") and not re.search(r"(?:^|[\s.])\w\.$", text):
        text = text[:-1].rstrip()
    return text


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


class _Fields:
    """Read access to a record's field values before the record exists."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getattr__(self, name: str) -> Any:
        return self.values.get(name) or ""


def _infer_type(values: dict[str, Any], in_marker: bool, edited_book: bool) -> str:
    """The CSL type from the fields present (a thesis's genre, a chapter's "In", ...)."""
    record = _Fields(values)
    container = record.container_title
    if record.genre and _THESIS.search(record.genre):
        return "thesis"
    if (
        _THESIS.search(record.note)
        and not container
        and re.search(
            r"\b(?:doctoral|ph\.?\s?d|master'?s)\b.*\b(?:thesis|dissertation)\b|\bdissertation\b",
            record.note,
            re.IGNORECASE,
        )
    ):
        return "thesis"
    if record.genre and _REPORT.search(record.genre):
        return "report"
    if container and _CONFERENCE.search(container):
        return "paper-conference"
    if container and (in_marker or record.editor) and not edited_book:
        return "chapter"
    if container:
        if not (record.volume or record.issue or record.page) and record.publisher:
            return "chapter"
        return "article-journal"
    if record.publisher or edited_book or record.edition or record.isbn:
        return "book"
    if record.url:
        return "webpage"
    if record.volume or record.page:
        return "article-journal"
    return "book" if record.publisher_place else "document"
