"""Write records as BibTeX (ASCII where a portable LaTeX escape exists) or biblatex (UTF-8).

The classic ``bibtex`` dialect escapes accented Latin letters, dashes, curly quotes and the
ellipsis with the LaTeX every reader decodes, and leaves other characters (Greek,
Cyrillic, CJK, ...) as UTF-8 text; :mod:`refkit.export.latex` has the rules.

The output follows the import checklist in DESIGN.md: only entry types Zotero keeps,
only fields biber's data model accepts for each entry type (so
``biber --tool --validate-datamodel`` stays silent), keys that every tool accepts,
balanced braces whatever the input, and no ``@`` outside entries.

Where CSL's vocabulary is richer than BibTeX's, the choices are:

* the CSL type is kept in ``entrysubtype`` when the entry type alone does not say it
  (``@misc`` + ``entrysubtype = {dataset}``; ``@article`` + ``{magazine}``);
* a thesis or report's genre goes to ``type``; its publisher to ``school``/``institution``;
* ``license`` is written into ``note`` as a last line ``License: ...`` (no BibTeX or
  biblatex field holds it; ``note`` reaches Zotero's Extra and JabRef), read back by
  :mod:`refkit.ingest.bibtex`;
* ``cited_by`` goes to ``usera`` (a biblatex field no standard style prints);
* an edited book (editors, no author) is a ``@collection`` in biblatex, whose data model
  requires an author for ``@book``; classic BibTeX keeps ``@book``, which takes editors;
* in classic BibTeX an article's issue goes to ``number`` when it has a volume, else to
  ``issue`` (plain.bst warns about a number without a volume, and ignores unknown fields
  silently; biber, pandoc and Zotero read ``issue``);
* a PubMed id goes to ``eprint`` with ``eprinttype = {pubmed}`` (what biblatex and
  Zotero understand), a PMCID there only when there is no PMID;
* fields the data model forbids for an entry type (an article's publisher, a thesis's
  editors) are left out: :func:`representable` tells which fields survive.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Literal

from refkit.abstracts import join_sections, split_sections
from refkit.export.keys import assign_keys
from refkit.export.latex import (
    as_read_back,
    balanced,
    encode_text,
    encode_title,
    encode_verbatim,
    escape_portable,
)
from refkit.model import Person, Record

__all__ = ["Dialect", "dumps", "entry_type", "representable"]

Dialect = Literal["bibtex", "biblatex"]

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: CSL type -> (BibTeX entry type, biblatex entry type).
_TYPE_MAP: dict[str, tuple[str, str]] = {
    "article": ("article", "article"),
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "review": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "entry-encyclopedia": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "thesis": ("phdthesis", "thesis"),
    "report": ("techreport", "report"),
    "webpage": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "manuscript": ("unpublished", "unpublished"),
}

#: The CSL type an entry type stands for when it has no ``entrysubtype``.
DEFAULT_CSL_TYPE: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "collection": "book",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
}

#: biblatex's conventional entrysubtype words for articles, both ways.
SUBTYPE_WORDS: dict[str, str] = {"article-magazine": "magazine", "article-newspaper": "newspaper"}

_MASTERS = re.compile(r"\b(?:master|masters|master's|msc|m\.?sc|m\.?a|mphil|magister)\b", re.I)

# Fields biber's data model accepts for each entry type we write (the BibTeX spellings
# journal, address, school, annote are aliases biber maps).  Fields valid for every
# entry type (abstract, doi, url, keywords, month, year, day, date, note, language,
# shorttitle, library, eprint, usera, entrysubtype) are not listed.
_COMMON = frozenset(
    {
        "author", "title", "year", "month", "day", "date", "note", "language", "abstract",
        "annote", "doi", "url", "keywords", "shorttitle", "library", "eprint", "eprinttype",
        "usera", "entrysubtype", "key",
    }
)  # fmt: skip
_BOOK_FIELDS = frozenset(
    {
        "editor",
        "edition",
        "publisher",
        "address",
        "location",
        "isbn",
        "volume",
        "number",
        "series",
        "pagetotal",
        "pages",
    }
)
_ALLOWED: dict[str, frozenset[str]] = {
    "article": frozenset(
        {
            "editor",
            "journal",
            "journaltitle",
            "volume",
            "number",
            "issue",
            "eid",
            "pages",
            "issn",
            "series",
        }
    ),
    "book": _BOOK_FIELDS,
    "collection": _BOOK_FIELDS,
    "incollection": frozenset(
        {
            "editor",
            "booktitle",
            "edition",
            "publisher",
            "address",
            "location",
            "isbn",
            "volume",
            "number",
            "series",
            "pages",
        }
    ),
    "inproceedings": frozenset(
        {
            "editor",
            "booktitle",
            "eventtitle",
            "publisher",
            "address",
            "location",
            "isbn",
            "volume",
            "number",
            "series",
            "pages",
        }
    ),
    "phdthesis": frozenset({"school", "address", "type", "pages", "pagetotal"}),
    "mastersthesis": frozenset({"school", "address", "type", "pages", "pagetotal"}),
    "thesis": frozenset({"institution", "location", "type", "pages", "pagetotal"}),
    "techreport": frozenset({"institution", "address", "type", "number", "pages", "pagetotal"}),
    "report": frozenset({"institution", "location", "type", "number", "pages", "pagetotal"}),
    "misc": frozenset({"editor", "howpublished", "organization", "address", "location", "type"}),
    "online": frozenset({"editor", "organization"}),
    "unpublished": frozenset({"howpublished", "address", "location", "type", "eventtitle"}),
}

LICENSE_PREFIX = "License: "


def entry_type(record: Record, dialect: Dialect = "bibtex") -> str:
    """The entry type ``record`` is written as (never one Zotero drops)."""
    pair = _TYPE_MAP.get(record.type, ("misc", "misc"))
    name = pair[0] if dialect == "bibtex" else pair[1]
    if name == "phdthesis" and _MASTERS.search(record.genre):
        name = "mastersthesis"
    # An entry type whose mandatory container or institution is unknown would make biber and
    # bibtex warn; @misc (with the CSL type kept in entrysubtype) says what is known instead,
    # unless the record holds fields that only the specific type can carry.
    container_types = {"article", "incollection", "inproceedings"}
    institution_types = {"phdthesis", "mastersthesis", "thesis", "techreport", "report"}
    has_container_fields = (
        record.volume or record.issue or record.page or record.issn or record.isbn
    )
    if name in container_types and not record.container_title and not has_container_fields:
        return "misc"
    if name in institution_types and not record.publisher and not record.number:
        return "misc"
    if name == "book" and dialect == "biblatex" and record.editor and not record.author:
        # biblatex's @book requires an author; an edited volume is a @collection.
        return "collection"
    return name


def entry_subtype(record: Record, entry: str) -> str:
    """The ``entrysubtype`` that records the CSL type when the entry type alone does not."""
    default = DEFAULT_CSL_TYPE.get(entry, "document")
    if record.type == default or record.type not in _csl_types():
        return ""
    return SUBTYPE_WORDS.get(record.type, record.type)


def _csl_types() -> frozenset[str]:
    from refkit.model import CSL_TYPES

    return CSL_TYPES


def _date_fields(record: Record, dialect: Dialect) -> list[tuple[str, str, bool]]:
    if record.issued is None:
        return []
    if dialect == "biblatex":
        return [("date", record.issued.iso(), False)]
    fields = [("year", str(record.issued.year), False)]
    if record.issued.month is not None:
        fields.append(("month", MONTHS[record.issued.month - 1], True))
        if record.issued.day is not None:
            fields.append(("day", str(record.issued.day), False))
    return fields


def _encode_person(person: Person, ascii_only: bool) -> str:
    def enc(text: str) -> str:
        return encode_text(text, ascii_only=ascii_only)

    def guard(text: str) -> str:
        # A comma or a free-standing "and" would split the name in the wrong place.
        encoded = enc(text)
        if "," in text or re.search(r"(?i)(?:^|\s)and(?:\s|$)", text) or not balanced(encoded):
            return "{" + encoded + "}"
        return encoded

    if person.is_corporate or not (person.family or person.literal):
        literal = person.literal or person.given
        return "{" + enc(literal) + "}"
    family = person.family or person.literal
    words = family.split()
    if len(words) > 1 and not words[0][:1].islower():
        # "Di Maria", "García Márquez": one family name, not "First Last"/von parts.
        family_text = "{" + enc(family) + "}"
    else:
        family_text = guard(family)
    parts = [family_text]
    if person.suffix:
        parts.append(guard(person.suffix))
    if person.given or person.suffix:
        parts.append(guard(person.given))
    elif len(words) > 1:
        # "van Dijk" alone must not read as given name "van": "van Dijk," is von-Last form.
        parts.append("")
    return ", ".join(parts).rstrip()


def _persons(people: Sequence[Person], ascii_only: bool) -> str:
    named = [p for p in people if (p.family or p.given or p.literal).strip()]
    return " and ".join(_encode_person(p, ascii_only) for p in named)


def _editors(record: Record, entry: str, dialect: Dialect) -> tuple[Person, ...]:
    # Classic BibTeX styles reject a @book with both author and editor ("can't use both").
    if dialect == "bibtex" and entry == "book" and record.author:
        return ()
    return record.editor


def _keyword(text: str, ascii_only: bool) -> str:
    encoded = encode_text(text, ascii_only=ascii_only)
    return "{" + encoded + "}" if ("," in text or ";" in text) else encoded


def _pages(page: str, ascii_only: bool) -> str:
    encoded = encode_text(page, ascii_only=ascii_only)
    # "1995-2014" -> "1995--2014"; the encoder has already made any "--" literal ("-{}-").
    return re.sub(r"\s*(?<![-{])-(?![-{])\s*", "--", encoded)


def _note(record: Record) -> str:
    lines = [record.note] if record.note else []
    if record.license:
        lines.append(LICENSE_PREFIX + record.license)
    return "\n".join(lines)


def _abstract(record: Record) -> str:
    if record.abstract:
        return record.abstract
    return join_sections(record.abstract_sections)


# Field name, record -> plain text, how to encode.  Order is the order written.
_Encoder = Callable[[str, bool], str]


def _text(value: str, ascii_only: bool) -> str:
    return encode_text(value, ascii_only=ascii_only)


def _title(value: str, ascii_only: bool) -> str:
    return encode_title(value, ascii_only=ascii_only)


def _verbatim(value: str, ascii_only: bool) -> str:
    return encode_verbatim(value, ascii_only=ascii_only)


def _entry_fields(
    record: Record, entry: str, dialect: Dialect, *, with_extras: bool = True
) -> list[tuple[str, str]]:
    """(field, encoded value) pairs for one record, already filtered by the data model
    (followed by the user's own fields of ``Record.extra`` when ``with_extras``)."""
    ascii_only = dialect == "bibtex"
    biblatex = dialect == "biblatex"
    out: list[tuple[str, str]] = []
    allowed = _ALLOWED.get(entry, frozenset()) | _COMMON

    def add(name: str, value: str, encoder: _Encoder = _text) -> None:
        if value and name in allowed:
            out.append((name, "{" + encoder(value, ascii_only) + "}"))

    for name, people in (("author", record.author), ("editor", _editors(record, entry, dialect))):
        names = _persons(people, ascii_only)
        if names and name in allowed:
            out.append((name, "{" + names + "}"))
    add("title", record.title, _title)
    if entry == "article":
        add("journaltitle" if biblatex else "journal", record.container_title)
    elif entry in ("incollection", "inproceedings"):
        add("booktitle", record.container_title, _title)
    elif entry == "online":
        add("organization", record.container_title or record.publisher)
    else:
        add("howpublished", record.container_title)
    add("series", record.collection_title, _title)
    add("eventtitle", record.event_title)
    add("edition", record.edition)
    add("volume", record.volume)
    if entry == "article":
        if biblatex or record.volume:
            add("number", record.issue)
        else:
            add("issue", record.issue)  # plain.bst: "there's a number but no volume"
        add("eid", record.number)
    else:
        add("number", record.number or record.issue)
    add("pages", record.page, _pages)
    for name, value, bare in _date_fields(record, dialect):
        out.append((name, value if bare else "{" + value + "}"))
    if entry in ("phdthesis", "mastersthesis"):
        add("school", record.publisher)
    elif entry in ("thesis", "techreport", "report"):
        add("institution", record.publisher)
    elif entry == "misc":
        add("organization", record.publisher)
    elif entry != "online":
        add("publisher", record.publisher)
    add("location" if biblatex else "address", record.publisher_place)
    genre = record.genre
    if entry == "thesis" and biblatex and not genre:
        genre = "phdthesis"  # biblatex's localisation key; the reader maps it back to ""
    if entry == "report" and biblatex and not genre:
        genre = "techreport"
    add("type", genre)
    subtype = entry_subtype(record, entry)
    if subtype:
        out.append(("entrysubtype", "{" + subtype + "}"))
    add("doi", record.doi, _verbatim)
    add("url", record.url, _verbatim)
    if record.pmid:
        add("eprint", record.pmid, _verbatim)
        add("eprinttype", "pubmed")
    elif record.pmcid:
        add("eprint", record.pmcid, _verbatim)
        add("eprinttype", "pmcid")
    # biber validates one ISSN/ISBN per field; the first is the print or main one.
    add("issn", record.issn[0] if record.issn else "")
    add("isbn", record.isbn[0] if record.isbn else "")
    add("language", record.language)
    add("pagetotal", record.number_of_pages)
    add("shorttitle", record.title_short, _title)
    add("library", record.archive)
    if record.keywords:
        words = ", ".join(_keyword(k, ascii_only) for k in record.keywords if k.strip())
        if words:
            out.append(("keywords", "{" + words + "}"))
    add("abstract", _abstract(record))
    add("annote", record.annote)
    add("note", _note(record))
    add("usera", record.cited_by)
    if not record.author and not (record.editor and "editor" in allowed):
        # BibTeX styles sort by author, else by the "key" field ("need author or key").
        out.append(("key", "{" + record.id + "}"))
    if not with_extras:
        return out
    written = {name for name, _ in out}
    out.extend((key, "{" + value + "}") for key, value in _extras(record, written, ascii_only))
    return out


def _extras(record: Record, written: set[str], ascii_only: bool) -> list[tuple[str, str]]:
    """(field, value as written) for the fields kept from a user's .bib (``Record.extra``).

    They are written whatever the data model says (never lose a user's field: biber
    warns that JabRef's ``owner`` or ``timestamp`` is not in its data model, and ignores
    it), except a name that is not a field name or one already written."""
    out: list[tuple[str, str]] = []
    for name, value in record.extra.items():
        key = name.strip().lower()
        if not re.fullmatch(r"[a-z][a-z0-9_:.+-]*", key) or key in written:
            continue
        out.append((key, _extra_value(value, ascii_only)))
        written = written | {key}
    return out


def _extra_value(value: str, ascii_only: bool) -> str:
    # Values kept from a user's .bib are LaTeX already: write them as they were (with the
    # classic dialect's portable escapes), unless they would break the entry.
    written = escape_portable(value) if ascii_only else value
    unescaped = written.replace("\\{", "").replace("\\}", "")
    if not balanced(written) or not balanced(unescaped) or written.endswith("\\"):
        # Parsers disagree on whether "\{" counts as a brace; such values go out as text.
        return encode_text(value, ascii_only=ascii_only)
    return re.sub(r"(?m)^([ \t]*)@", r"\1{@}", written)


def _format_entry(entry: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{entry}{{{key}"]
    for name, value in fields:
        lines[-1] += ","
        lines.append(f"  {name} = {value}")
    return "\n".join(lines) + "\n}\n"


def dumps(records: Sequence[Record], dialect: Dialect = "bibtex") -> str:
    """The records as one ``.bib`` text in the given dialect.

    ``bibtex``: pure ASCII, non-ASCII characters as LaTeX commands, ``year``/``month``
    (a bare macro such as ``mar``)/``day``.  ``biblatex``: UTF-8 (NFC) with an ISO
    ``date``.  Records without a valid key get one (see :func:`refkit.export.keys.assign_keys`).
    A record that is only an unparsed block of a user's file is written back unchanged;
    one whose braces do not balance goes last, so it cannot swallow the entries after it.
    """
    if dialect not in ("bibtex", "biblatex"):
        raise ValueError(f"unknown BibTeX dialect: {dialect!r}")
    keyed = assign_keys(records)
    chunks: list[str] = []
    trailing: list[str] = []
    for record in keyed:
        if record.is_unparsed:
            raw = record.raw.strip("\n") + "\n"
            (chunks if balanced(raw) else trailing).append(raw)
            continue
        entry = entry_type(record, dialect)
        chunks.append(_format_entry(entry, record.id, _entry_fields(record, entry, dialect)))
    return "\n".join(chunks + trailing)


def representable(record: Record, dialect: Dialect = "bibtex") -> Record:
    """``record`` reduced to what the dialect can hold for its entry type.

    Reading :func:`dumps`'s output back gives exactly this record (the round-trip
    promise); the fields dropped here are the ones the BibTeX format cannot carry.  Text
    is as a reader gets it back (:func:`refkit.export.latex.as_read_back`: in the classic
    dialect ``’`` becomes ``'``), and ``extra`` holds the user's fields as written.
    """
    entry = entry_type(record, dialect)
    ascii_only = dialect == "bibtex"
    allowed = _ALLOWED.get(entry, frozenset()) | _COMMON
    changes: dict[str, object] = {}
    if "editor" not in allowed or not _editors(record, entry, dialect):
        changes["editor"] = ()
    if entry not in ("article", "incollection", "inproceedings", "online") and (
        "howpublished" not in allowed
    ):
        changes["container_title"] = ""
    if entry == "online":
        if record.container_title:
            changes["publisher"] = ""
        else:
            changes["container_title"] = record.publisher
            changes["publisher"] = ""
    if entry == "article" or entry == "unpublished":
        changes["publisher"] = ""
    if "series" not in allowed:
        changes["collection_title"] = ""
    if "eventtitle" not in allowed:
        changes["event_title"] = ""
    if "edition" not in allowed:
        changes["edition"] = ""
    if "volume" not in allowed:
        changes["volume"] = ""
    if "pages" not in allowed:
        changes["page"] = ""
    changes["issn"] = record.issn[:1] if "issn" in allowed else ()
    changes["isbn"] = record.isbn[:1] if "isbn" in allowed else ()
    if "pagetotal" not in allowed:
        changes["number_of_pages"] = ""
    if "type" not in allowed:
        changes["genre"] = ""
    if "location" not in allowed and "address" not in allowed:
        changes["publisher_place"] = ""
    if entry != "article" and "number" in allowed:
        if record.number and record.issue:
            changes["issue"] = ""
        elif record.issue:
            changes["number"] = record.issue
            changes["issue"] = ""
    elif entry != "article":
        changes["number"] = ""
        changes["issue"] = ""
    if record.pmid:
        changes["pmcid"] = ""
    changes["available_date"] = None
    changes["references"] = ()
    changes["has_references"] = False
    written = {name for name, _ in _entry_fields(record, entry, dialect, with_extras=False)}
    changes["extra"] = dict(_extras(record, written, ascii_only))
    changes["abstract"] = as_read_back(_abstract(record), ascii_only=ascii_only).strip()
    changes["abstract_sections"] = split_sections(changes["abstract"])  # type: ignore[arg-type]
    reduced = dataclasses.replace(record, **changes)  # type: ignore[arg-type]
    return _as_read_back(reduced, ascii_only)


#: Text fields of a Record that are written verbatim, not as LaTeX.
_NOT_TEXT = frozenset({"type", "id", "doi", "url", "pmid", "pmcid"})


def _as_read_back(record: Record, ascii_only: bool) -> Record:
    """``record`` with its text fields as a reader decodes them from their encoding."""

    def fold(text: str) -> str:
        return as_read_back(text, ascii_only=ascii_only)

    def person(p: Person) -> Person:
        return Person(
            family=fold(p.family),
            given=fold(p.given),
            literal=fold(p.literal),
            suffix=fold(p.suffix),
        )

    changes: dict[str, object] = {
        f.name: fold(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.compare and f.name not in _NOT_TEXT and isinstance(getattr(record, f.name), str)
    }
    changes["author"] = tuple(person(p) for p in record.author)
    changes["editor"] = tuple(person(p) for p in record.editor)
    for name in ("keywords", "issn", "isbn"):
        changes[name] = tuple(fold(value) for value in getattr(record, name))
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]
