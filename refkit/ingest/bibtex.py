"""Read a user's BibTeX or biblatex file into records.

bibtexparser 2 splits the file into blocks; each entry's fields are decoded from LaTeX
to Unicode and mapped onto CSL's vocabulary (the inverse of
:mod:`refkit.export.bibtex`).  Fields refkit does not model go to ``Record.extra``
verbatim, so writing the record back loses nothing.  A block that does not parse is
kept as ``Record(raw=...)`` with a warning naming file and line, and the writer
carries it to the output unchanged.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from typing import Any

from refkit import doi as doi_module
from refkit.abstracts import split_sections
from refkit.dates import month_number
from refkit.errors import InputError, RefkitError
from refkit.export.bibtex import DEFAULT_CSL_TYPE, LICENSE_PREFIX, SUBTYPE_WORDS
from refkit.export.latex import latex_to_unicode
from refkit.ingest.base import quiet_library
from refkit.model import CSL_TYPES, Date, Person, Provenance, Record

__all__ = ["BibtexReader", "parse_bibtex", "parse_person_list"]

_ENTRY_TYPES = (
    "article|book|booklet|inbook|incollection|inproceedings|conference|manual|mastersthesis|"
    "misc|phdthesis|proceedings|techreport|unpublished|online|report|thesis|dataset|software|"
    "collection|mvbook|reference|inreference|patent|periodical|standard|electronic|www|string|"
    "preamble|comment"
)
_STRONG = re.compile(rf"(?im)^[ \t]*@[ \t]*(?:{_ENTRY_TYPES})[ \t]*[{{(]")
_WEAK = re.compile(r"(?m)^[ \t]*@[ \t]*[A-Za-z]\w*[ \t]*[{(][ \t]*[^\s,{}()=\"#%']+[ \t]*,")

#: Entry types (lower case) -> CSL type, beyond those the writer produces.
_READ_TYPES: dict[str, str] = {
    **DEFAULT_CSL_TYPE,
    "inbook": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "inreference": "entry-encyclopedia",
    "conference": "paper-conference",
    "proceedings": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "booklet": "book",
    "manual": "report",
    "www": "webpage",
    "electronic": "webpage",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "standard": "standard",
    "periodical": "article-journal",
}

_SUBTYPES_BACK = {word: csl for csl, word in SUBTYPE_WORDS.items()}
#: biblatex ``type`` keys the writer uses when a record has no genre.
_DEFAULT_GENRES = {"phdthesis": "", "techreport": ""}
_GENRE_KEYS = {"mathesis": "Master's thesis", "candthesis": "Candidate thesis", "resreport": ""}
_URL_MACRO = re.compile(r"^\\url\{(.*)\}$", re.S)
_VERBATIM_ESCAPE = re.compile(r"\\([_%#&$~^{}])")
_SPLIT_IDS = re.compile(r"[,;\s]+")


def _quiet() -> AbstractContextManager[None]:
    """Silence bibtexparser's warnings and log records for the duration of a read."""
    return quiet_library("bibtexparser")


def _split_top_level(value: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _strip_outer_braces(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] == "{" and text[-1] == "}":
        inner = text[1:-1]
        depth = 0
        for char in inner:
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    return text
        if depth != 0:
            return text
        text = inner.strip()
    return text


def _parse_person(name: str) -> Person:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    stripped = name.strip()
    if stripped.startswith("{") and _strip_outer_braces(stripped) != stripped:
        # One brace group for the whole name is an organisation: "{World Bank}".
        return Person(literal=latex_to_unicode(stripped[1:-1]).strip())
    try:
        parts = parse_single_name_into_parts(stripped, strict=False)
    except Exception:  # bibtexparser rejects a few odd names even when not strict
        return Person(literal=latex_to_unicode(stripped).strip())
    family = latex_to_unicode(" ".join(parts.von + parts.last)).strip()
    given = latex_to_unicode(" ".join(parts.first)).strip()
    suffix = latex_to_unicode(" ".join(parts.jr)).strip()
    if not family and given:
        family, given = given, ""
    return Person(family=family, given=given, suffix=suffix)


def parse_person_list(value: str) -> tuple[Person, ...]:
    """Persons of a BibTeX name list (``A and B and {Org}``), decoded to Unicode."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    try:
        names = split_multiple_persons_names(value)
    except Exception:
        names = _split_top_level(value.replace(" and ", "\x00"), "\x00")
    people = [_parse_person(n) for n in names if n.strip() and n.strip().lower() != "others"]
    return tuple(p for p in people if p.family or p.given or p.literal)


def _verbatim(value: str) -> str:
    match = _URL_MACRO.match(value.strip())
    if match:
        value = match.group(1)
    return _VERBATIM_ESCAPE.sub(r"\1", value).strip()


def _parse_date(value: str) -> Date | None:
    text = value.strip().split("/")[0]
    return Date.parse_iso(text)


def _month_number(value: str) -> int | None:
    text = latex_to_unicode(value).strip().lower().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return month_number(text) or month_number(text[:3])


def _clean_page(value: str) -> str:
    text = latex_to_unicode(value)
    return re.sub(r"\s*[-\u2010-\u2015]+\s*", "-", text).strip()


@dataclass
class _Builder:
    """Collects one entry's values before they become a frozen Record."""

    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def set(self, name: str, value: Any, where: Provenance) -> None:
        if value in ("", (), None) or name in self.values:
            return
        self.values[name] = value
        self.provenance[name] = where


def _entry_to_record(entry: Any, source: str, extra_warnings: list[str]) -> Record:
    entry_type = str(entry.entry_type).lower()
    line = (entry.start_line or 0) + 1
    builder = _Builder(warnings=list(extra_warnings))
    fields: dict[str, tuple[str, Provenance]] = {}
    for fld in entry.fields:
        key = str(fld.key).strip().lower()
        value = fld.value if isinstance(fld.value, str) else str(fld.value)
        where = Provenance(source=source, line=(fld.start_line or 0) + 1)
        if key in fields:
            builder.warnings.append(
                f"{source}:{where.line}: duplicate field {key!r}; kept the first"
            )
            continue
        fields[key] = (value, where)

    csl_type = _READ_TYPES.get(entry_type, "document")
    if "entrysubtype" in fields:
        word = fields["entrysubtype"][0].strip().lower()
        candidate = _SUBTYPES_BACK.get(word, word)
        if candidate in CSL_TYPES:
            csl_type = candidate
            del fields["entrysubtype"]

    def take(name: str) -> tuple[str, Provenance] | None:
        return fields.pop(name, None)

    def text(name: str, attribute: str) -> None:
        item = take(name)
        if item:
            builder.set(attribute, latex_to_unicode(item[0]).strip(), item[1])

    for name in ("author", "editor"):
        item = take(name)
        if item:
            builder.set(name, parse_person_list(item[0]), item[1])
    item = take("title")
    if item:
        title = latex_to_unicode(item[0]).strip()
        sub = take("subtitle")
        if sub:
            title = f"{title}: {latex_to_unicode(sub[0]).strip()}"
        builder.set("title", title, item[1])
    for name in ("journaltitle", "journal", "booktitle"):
        text(name, "container_title")
    item = fields.get("howpublished")
    if item and "container_title" not in builder.values:
        match = _URL_MACRO.match(item[0].strip())
        take("howpublished")
        if match:
            builder.set("url", _verbatim(item[0]), item[1])
        else:
            builder.set("container_title", latex_to_unicode(item[0]).strip(), item[1])
    text("series", "collection_title")
    text("eventtitle", "event_title")
    text("edition", "edition")
    text("volume", "volume")
    if entry_type in ("article", "periodical"):
        text("number", "issue")
        text("issue", "issue")
        text("eid", "number")
    else:
        text("number", "number")
        text("issue", "issue")
    item = take("pages")
    if item:
        builder.set("page", _clean_page(item[0]), item[1])
    for name in ("publisher", "school", "institution"):
        text(name, "publisher")
    item = fields.get("organization")
    if item:
        # The writer puts an @online's website in organization (biblatex has no container
        # for it); elsewhere organization is the publisher.
        online = entry_type in ("online", "www", "electronic")
        if online and "container_title" not in builder.values:
            take("organization")
            builder.set("container_title", latex_to_unicode(item[0]).strip(), item[1])
        elif "publisher" not in builder.values:
            take("organization")
            builder.set("publisher", latex_to_unicode(item[0]).strip(), item[1])
    text("location", "publisher_place")
    text("address", "publisher_place")
    item = take("type")
    if item:
        genre = latex_to_unicode(item[0]).strip()
        key = genre.lower()
        if key in _DEFAULT_GENRES:
            genre = _DEFAULT_GENRES[key]
        elif key in _GENRE_KEYS:
            genre = _GENRE_KEYS[key]
        builder.set("genre", genre, item[1])
    if entry_type == "mastersthesis" and "genre" not in builder.values:
        builder.set("genre", "Master's thesis", Provenance(source=source, line=line))
    _read_date(fields, builder, source, line)
    item = take("doi")
    if item:
        raw = _verbatim(item[0])
        with suppress(RefkitError):
            raw = doi_module.normalize(raw)
        builder.set("doi", raw, item[1])
    item = take("url")
    if item:
        builder.set("url", _verbatim(item[0]), item[1])
    _read_eprint(fields, builder)
    for name, attribute in (("pmid", "pmid"), ("pmcid", "pmcid")):
        item = take(name)
        if item:
            builder.set(attribute, _verbatim(item[0]), item[1])
    for name, attribute in (("issn", "issn"), ("isbn", "isbn")):
        item = take(name)
        if item:
            ids = tuple(p for p in _SPLIT_IDS.split(latex_to_unicode(item[0])) if p)
            builder.set(attribute, ids, item[1])
    text("language", "language")
    text("pagetotal", "number_of_pages")
    text("shorttitle", "title_short")
    text("library", "archive")
    item = take("keywords")
    if item:
        words = [latex_to_unicode(w).strip() for w in _split_top_level(item[0], ",;")]
        builder.set("keywords", tuple(w for w in words if w), item[1])
    item = take("abstract")
    if item:
        abstract = latex_to_unicode(item[0]).strip()
        builder.set("abstract", abstract, item[1])
        sections = split_sections(abstract)
        if sections:
            builder.set("abstract_sections", sections, item[1])
    text("annote", "annote")
    text("annotation", "annote")
    item = take("note")
    if item:
        note = latex_to_unicode(item[0]).strip()
        lines = note.split("\n")
        if lines and lines[-1].startswith(LICENSE_PREFIX):
            builder.set("license", lines[-1][len(LICENSE_PREFIX) :].strip(), item[1])
            note = "\n".join(lines[:-1]).strip()
        builder.set("note", note, item[1])
    item = take("usera")
    if item:
        builder.set("cited_by", latex_to_unicode(item[0]).strip(), item[1])
    item = fields.get("key")
    if item and item[0].strip() == str(entry.key).strip():
        take("key")  # the sort key the writer adds to entries without authors
    for name, (value, where) in fields.items():
        builder.extra[name] = value
        builder.provenance.setdefault(f"extra.{name}", where)

    values = builder.values
    return Record(
        type=csl_type,
        id=str(entry.key).strip(),
        extra=builder.extra,
        provenance={"entry": Provenance(source=source, line=line), **builder.provenance},
        source=source,
        warnings=tuple(builder.warnings),
        **values,
    )


def _read_date(
    fields: dict[str, tuple[str, Provenance]], builder: _Builder, source: str, line: int
) -> None:
    item = fields.get("date")
    if item:
        parsed = _parse_date(latex_to_unicode(item[0]))
        if parsed is not None:
            fields.pop("date")
            for name in ("year", "month", "day"):
                # Derived parts that agree with the date add nothing; keep them otherwise.
                if (
                    name in fields
                    and name == "year"
                    and fields[name][0].strip() == str(parsed.year)
                ):
                    fields.pop(name)
            builder.set("issued", parsed, item[1])
            return
    year_item = fields.get("year")
    if not year_item:
        return
    year_text = latex_to_unicode(year_item[0]).strip()
    match = re.fullmatch(r"(\d{4})", year_text)
    if not match:
        builder.warnings.append(f"{source}:{year_item[1].line}: year {year_text!r} is not a year")
        return
    fields.pop("year")
    month: int | None = None
    day: int | None = None
    month_item = fields.get("month")
    if month_item:
        month = _month_number(month_item[0])
        if month is not None:
            fields.pop("month")
    day_item = fields.get("day")
    if day_item and month is not None:
        day_text = latex_to_unicode(day_item[0]).strip()
        if day_text.isdigit() and 1 <= int(day_text) <= 31:
            day = int(day_text)
            fields.pop("day")
    try:
        builder.set("issued", Date(int(match.group(1)), month, day), year_item[1])
    except ValueError:
        builder.set("issued", Date(int(match.group(1))), year_item[1])


def _read_eprint(fields: dict[str, tuple[str, Provenance]], builder: _Builder) -> None:
    eprint = fields.get("eprint")
    kind = fields.get("eprinttype") or fields.get("archiveprefix")
    if not eprint or not kind:
        return
    word = kind[0].strip().lower()
    attribute = {"pubmed": "pmid", "pmid": "pmid", "pmcid": "pmcid", "pmc": "pmcid"}.get(word)
    if attribute is None:
        return
    fields.pop("eprint")
    fields.pop("eprinttype", None) or fields.pop("archiveprefix", None)
    builder.set(attribute, _verbatim(eprint[0]), eprint[1])


def _failed_record(block: Any, source: str) -> Record:
    line = (block.start_line or 0) + 1
    error = getattr(block, "error", None)
    reason = getattr(error, "abort_reason", None) or str(error) or "syntax error"
    reason = " ".join(str(reason).split())
    raw = block.raw or ""
    return Record(
        raw=raw,
        source=source,
        provenance={"raw": Provenance(source=source, line=line)},
        warnings=(f"{source}:{line}: BibTeX block not parsed, kept unchanged: {reason}",),
    )


def parse_bibtex(text: str, source: str) -> list[Record]:
    """Records of a ``.bib`` text; unparseable blocks become raw records with a warning.

    Raises :class:`InputError` (naming the source and, when known, the line) when the
    text holds no entry at all.
    """
    from bibtexparser import model
    from bibtexparser.entrypoint import parse_string

    try:
        with _quiet():
            library = parse_string(text)
    except Exception as error:  # bibtexparser raises on states it calls its own bugs
        raise InputError(f"cannot parse BibTeX: {error}", source=source) from error
    records: list[Record] = []
    seen_keys: dict[str, int] = {}
    for block in library.blocks:
        if isinstance(block, model.Entry):
            line = (block.start_line or 0) + 1
            seen_keys.setdefault(str(block.key).lower(), line)
            records.append(_safe_entry(block, source, []))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            inner = block.ignore_error_block
            line = (block.start_line or 0) + 1
            if isinstance(inner, model.Entry):
                first = seen_keys.get(str(inner.key).lower())
                note = f"{source}:{line}: duplicate key {inner.key!r}" + (
                    f" (first at line {first})" if first else ""
                )
                records.append(_safe_entry(inner, source, [note]))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            inner = block.ignore_error_block
            if isinstance(inner, model.Entry):
                records.append(_safe_entry(inner, source, []))
        elif isinstance(block, model.ParsingFailedBlock):
            records.append(_failed_record(block, source))
        elif isinstance(block, model.Preamble) and block.raw:
            # Kept raw so the writer carries the user's @preamble through.
            records.append(Record(raw=block.raw, source=source))
    if not any(not r.is_unparsed or r.warnings for r in records):
        raise InputError("no BibTeX entries found", source=source)
    if all(r.is_unparsed for r in records):
        broken = next(r for r in records if r.warnings)
        where = broken.provenance.get("raw")
        raise InputError(
            "no BibTeX entry could be parsed", source=source, line=where.line if where else None
        )
    return records


def _safe_entry(entry: Any, source: str, notes: list[str]) -> Record:
    try:
        return _entry_to_record(entry, source, notes)
    except Exception as error:  # one odd entry must not cost the rest of the file
        line = (entry.start_line or 0) + 1
        return Record(
            raw=entry.raw or "",
            source=source,
            provenance={"raw": Provenance(source=source, line=line)},
            warnings=(*notes, f"{source}:{line}: entry kept unchanged: {error}"),
        )


class BibtexReader:
    """Reads BibTeX and biblatex files, recognised by their ``@type{key,`` entries."""

    name = "bibtex"

    def sniff(self, data: bytes, text: str | None) -> float:
        """0.95 for known entry types at line starts, 0.6 for other ``@word{key,`` blocks."""
        if not text:
            return 0.0
        if _STRONG.search(text):
            return 0.95
        if _WEAK.search(text):
            return 0.6
        return 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """Records of the file; see :func:`parse_bibtex`."""
        if text is None:
            raise InputError("not a text file", source=source)
        return parse_bibtex(text, source)
