"""The frozen data model: a bibliographic ``Record`` in CSL-JSON's vocabulary.

CSL-JSON is what Zotero, pandoc and citeproc speak, so its variable names are refkit's
field names.  Python attribute names replace ``-`` with ``_`` (``container_title`` is
CSL's ``container-title``); :data:`CSL_NAMES` maps between the two.

Records are immutable: stages return new records with :func:`dataclasses.replace`.
Every field a reader fills can carry a :class:`Provenance` saying where the value came
from, so a user can see why a field holds what it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: CSL item types refkit produces or accepts.
CSL_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "book",
        "chapter",
        "dataset",
        "document",
        "entry-encyclopedia",
        "manuscript",
        "paper-conference",
        "patent",
        "post-weblog",
        "preprint",
        "report",
        "review",
        "software",
        "speech",
        "standard",
        "thesis",
        "webpage",
    }
)


@dataclass(frozen=True, slots=True)
class Person:
    """A personal or corporate name.

    Personal names keep particles with the family name ("Di Maria", "van Dijk"), as
    Zotero and BibTeX's "von Last, First" form expect.  A corporate author has only
    ``literal`` ("the PRISMA Group").
    """

    family: str = ""
    given: str = ""
    literal: str = ""
    suffix: str = ""

    @property
    def is_corporate(self) -> bool:
        return bool(self.literal) and not self.family

    def display(self) -> str:
        """Family-first form: ``Di Maria, Eleonora``."""
        if self.is_corporate:
            return self.literal
        parts = [self.family]
        if self.suffix:
            parts.append(self.suffix)
        if self.given:
            parts.append(self.given)
        return ", ".join(p for p in parts if p)

    def to_csl(self) -> dict[str, str]:
        if self.is_corporate:
            return {"literal": self.literal}
        out = {"family": self.family}
        if self.given:
            out["given"] = self.given
        if self.suffix:
            out["suffix"] = self.suffix
        return out

    @classmethod
    def from_csl(cls, data: Mapping[str, Any]) -> Person:
        family = str(data.get("family", "") or "")
        particle = str(data.get("non-dropping-particle", "") or "")
        if particle:
            family = f"{particle} {family}".strip()
        given = str(data.get("given", "") or "")
        dropping = str(data.get("dropping-particle", "") or "")
        if dropping:
            family = f"{dropping} {family}".strip()
        return cls(
            family=family,
            given=given,
            literal=str(data.get("literal", "") or ""),
            suffix=str(data.get("suffix", "") or ""),
        )


@dataclass(frozen=True, slots=True, order=True)
class Date:
    """A date of which only the year may be known (CSL ``date-parts``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and (self.month is None or not 1 <= self.day <= 31):
            raise ValueError(f"day out of range: {self.day}")

    def to_csl(self) -> dict[str, list[list[int]]]:
        parts = [self.year]
        if self.month is not None:
            parts.append(self.month)
            if self.day is not None:
                parts.append(self.day)
        return {"date-parts": [parts]}

    def iso(self) -> str:
        """ISO 8601 with the precision known: ``2019``, ``2019-10`` or ``2019-10-03``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_csl(cls, data: Any) -> Date | None:
        """Read CSL's ``{"date-parts": [[y, m, d]]}``, ``{"raw": ...}`` or a bare ISO string."""
        if isinstance(data, str):
            return cls.parse_iso(data)
        if not isinstance(data, Mapping):
            return None
        parts = data.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            try:
                numbers = [int(str(p)) for p in parts[0][:3]]
                return cls(*numbers)
            except (TypeError, ValueError):
                return None
        raw = data.get("raw") or data.get("literal")
        if isinstance(raw, str):
            return cls.parse_iso(raw)
        return None

    @classmethod
    def parse_iso(cls, text: str) -> Date | None:
        import re

        match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?\s*", text)
        if not match:
            return None
        try:
            year, month, day = match.groups()
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a field's value came from.

    ``source`` is a file path (or ``<stdin>``), or a service such as ``crossref``.
    ``start``/``end`` are character offsets in the decoded text of that source and
    ``line`` its 1-based line.  ``note`` flags how the value was obtained when it is
    not a plain copy, e.g. ``repaired: lost dash`` or ``from citation line``.
    """

    source: str
    start: int | None = None
    end: int | None = None
    line: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The evidence base an abstract states: design ("survey"), sample ("259 Italian cluster
    firms") and setting ("Italy"), each with its character span in the abstract."""

    design: str = ""
    sample: str = ""
    setting: str = ""
    spans: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of an abstract and what it does.

    ``start``/``end`` are character offsets in the record's ``abstract``.  ``role`` is
    one of finding, conclusion, contribution, implication, limitation (claims) or aim,
    method, background (kept apart from claims).  ``polarity`` is positive, negative,
    no-effect, mixed or empty; ``hedges`` the hedging words found ("may", "suggest");
    ``relation`` causal, associative or empty.
    """

    text: str
    start: int
    end: int
    role: str
    polarity: str = ""
    hedges: tuple[str, ...] = ()
    relation: str = ""
    section: str = ""
    score: float = 0.0
    evidence: Evidence | None = None

    @property
    def is_claim(self) -> bool:
        return self.role in {"finding", "conclusion", "contribution", "implication", "limitation"}


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword or keyphrase with its score; ``source`` is "author" or "extracted"."""

    text: str
    score: float
    source: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Check:
    """The verdict of a DOI check for one record.

    ``verdict`` is one of ok, mismatch, retracted, withdrawn, corrected, not-in-crossref,
    nonexistent, malformed, duplicate, missing, unverified.  ``details`` holds what
    supports it (disagreeing fields with both values, the notice's DOI, the agency, the
    candidate and its confidence), in JSON-ready values.
    """

    verdict: str
    doi: str = ""
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)
    checked: str = ""


#: Record attribute name -> CSL-JSON variable name, for the fields that differ or matter.
CSL_NAMES: dict[str, str] = {
    "container_title": "container-title",
    "collection_title": "collection-title",
    "publisher_place": "publisher-place",
    "event_title": "event-title",
    "available_date": "available-date",
    "title_short": "title-short",
    "number_of_pages": "number-of-pages",
    "doi": "DOI",
    "issn": "ISSN",
    "isbn": "ISBN",
    "url": "URL",
    "pmid": "PMID",
    "pmcid": "PMCID",
}

#: Plain string fields of a record, in the order writers emit them.
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "container_title",
    "collection_title",
    "event_title",
    "volume",
    "issue",
    "page",
    "number",
    "edition",
    "publisher",
    "publisher_place",
    "genre",
    "doi",
    "url",
    "pmid",
    "pmcid",
    "language",
    "license",
    "abstract",
    "note",
    "annote",
    "archive",
    "title_short",
    "number_of_pages",
)


@dataclass(frozen=True)
class Record:
    """One bibliographic work.

    Text fields hold Unicode without markup (no LaTeX, no HTML).  ``id`` is the citation
    key once one is assigned.  ``extra`` keeps fields refkit does not model (a user's
    ``.bib`` fields such as ``file`` or ``timestamp``) so writers can carry them
    through untouched.  ``abstract_sections`` keeps the headings of a structured
    abstract in order as (heading, text) pairs; ``abstract`` is their plain join.
    """

    type: str = "document"
    id: str = ""
    title: str = ""
    author: tuple[Person, ...] = ()
    editor: tuple[Person, ...] = ()
    issued: Date | None = None
    available_date: Date | None = None
    container_title: str = ""
    collection_title: str = ""
    event_title: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    number: str = ""
    edition: str = ""
    publisher: str = ""
    publisher_place: str = ""
    genre: str = ""
    doi: str = ""
    issn: tuple[str, ...] = ()
    isbn: tuple[str, ...] = ()
    url: str = ""
    pmid: str = ""
    pmcid: str = ""
    language: str = ""
    license: str = ""
    abstract: str = ""
    abstract_sections: tuple[tuple[str, str], ...] = ()
    keywords: tuple[str, ...] = ()
    note: str = ""
    annote: str = ""
    archive: str = ""
    title_short: str = ""
    number_of_pages: str = ""
    #: Key of the work that cites this one (set on entries of a reference list).
    cited_by: str = ""
    #: Entries of the document's own reference list, when it has one and it was parsed.
    references: tuple[Record, ...] = ()
    #: True when the document contains a reference list (parsed or not).
    has_references: bool = False
    #: For an entry of a reference list: how often the citing text cites it, and in which sections.
    cited_count: int = 0
    cited_sections: tuple[str, ...] = ()
    #: Claims of the abstract, in order (see :class:`Claim`).
    claims: tuple[Claim, ...] = ()
    #: Scored keywords: the author's and extracted keyphrases, best first.
    keyphrases: tuple[Keyword, ...] = ()
    #: The outcome of the last DOI check, when one was made.
    check: Check | None = None
    #: Unmodelled fields kept verbatim (lower-case name -> value as written).
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)
    provenance: Mapping[str, Provenance] = field(default_factory=dict, hash=False, compare=False)
    #: The file or text this record was read from.
    source: str = field(default="", compare=False)
    #: Original text of a block that could not be parsed; writers emit it unchanged.
    raw: str = field(default="", compare=False)
    #: Problems met while reading, for the user (not errors: the record is usable).
    warnings: tuple[str, ...] = field(default=(), compare=False)
    #: For an entry of a reference list: the reference string it was parsed from, as one
    #: line (what a DOI search sends whole).  Not a bibliographic field: BibTeX and RIS do
    #: not write it; CSL-JSON keeps it under ``custom``.
    reference_text: str = field(default="", compare=False)

    @property
    def is_unparsed(self) -> bool:
        """A block kept only as raw text because it could not be parsed."""
        return bool(self.raw) and not self.title and not self.author and not self.doi

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    @property
    def first_page(self) -> str:
        return self.page.split("-")[0].strip() if self.page else ""

    @property
    def last_page(self) -> str:
        if "-" not in self.page:
            return ""
        return self.page.split("-", 1)[1].strip()

    @property
    def main_title(self) -> str:
        """Title without its subtitle (the part before ": " or a question's "? ")."""
        return split_title(self.title)[0]

    @property
    def subtitle(self) -> str:
        return split_title(self.title)[1]

    def to_csl(self) -> dict[str, Any]:
        """This record as a CSL-JSON item (refkit's extras under ``custom``)."""
        from refkit.export.csljson import record_to_csl

        return record_to_csl(self)


def split_title(title: str) -> tuple[str, str]:
    """Split "Main: Sub" or "Question? Sub" into its main title and subtitle."""
    for separator in (": ", "? ", " — ", " - "):
        head, sep, tail = title.partition(separator)
        if sep and head and tail:
            keep = "?" if separator == "? " else ""
            return head + keep, tail
    return title, ""


def csl_name(attribute: str) -> str:
    """The CSL-JSON variable name of a record attribute."""
    return CSL_NAMES.get(attribute, attribute.replace("_", "-"))


def attribute_name(csl: str) -> str:
    """The record attribute of a CSL-JSON variable name."""
    for attribute, name in CSL_NAMES.items():
        if name == csl:
            return attribute
    return csl.replace("-", "_")
