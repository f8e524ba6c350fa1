"""Reference lists: find them in full texts, split them into entries, parse each entry,
and link the entries to the in-text citations that cite them.

* :func:`parse_reference` parses one reference string into a :class:`~refkit.model.Record`;
* :func:`parse_references` parses a whole reference list (or a list of strings);
* :func:`with_references` finds, parses and links the reference list of a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from refkit.errors import InputError
from refkit.model import Person, Record
from refkit.references.link import link_citations
from refkit.references.parse import (
    LOST_DASH_NOTE,
    UNPARSED_WARNING,
    parse_reference,
    repair_record_pages,
)
from refkit.references.section import Section, find_reference_section
from refkit.references.split import Entry, split_entries

__all__ = [
    "LOST_DASH_NOTE",
    "UNPARSED_WARNING",
    "Entry",
    "Section",
    "find_reference_section",
    "parse_reference",
    "parse_references",
    "split_entries",
    "with_references",
    "writable",
]


def parse_references(
    section: str | Sequence[str], *, source: str = "", offset: int = 0
) -> list[Record]:
    """Parse a reference list into records, one per entry, in order.

    ``section`` is either the text of a reference list (split into entries by
    :func:`split_entries`) or a sequence of strings, one reference each (kept one to one:
    the result has exactly one record per string).  Page ranges whose dashes were lost
    ("11731190") are restored when the list as a whole shows that loss: most of its pages
    are bare digit strings and none is a range.
    """
    if isinstance(section, str):
        entries = split_entries(section)
        texts = [e.text for e in entries]
        starts = [offset + e.start for e in entries]
        labels = [e.label for e in entries]
    else:
        texts = list(section)
        starts = [offset] * len(texts)
        labels = [""] * len(texts)
    records: list[Record] = []
    previous: tuple[Person, ...] = ()
    for text, start, label in zip(texts, starts, labels, strict=True):
        record = parse_reference(
            text, source=source, offset=start, repair_pages=None, previous_authors=previous
        )
        if label and "citation-number" not in record.extra and not record.is_unparsed:
            record = replace(record, extra={**record.extra, "citation-number": label})
        if record.author:
            previous = record.author
        records.append(record)
    if _lost_dashes(records):
        records = [repair_record_pages(r) for r in records]
    return records


def _lost_dashes(records: Sequence[Record]) -> bool:
    """True when the list's page ranges lost their dashes: no page holds a range, and
    at least three (and most) are bare digit strings of three or more digits."""
    ranges = sum(1 for r in records if "-" in r.page and not _repaired(r))
    bare = sum(1 for r in records if r.page.isdigit() and len(r.page) >= 3)
    return ranges == 0 and bare >= 3 and bare * 2 >= sum(1 for r in records if r.page)


def _repaired(record: Record) -> bool:
    page = record.provenance.get("page")
    return page is not None and page.note == LOST_DASH_NOTE


def with_references(record: Record, text: str) -> Record:
    """``record`` with the parsed, linked reference list of its full ``text``.

    Each entry gets ``cited_by`` (the citing record's key, assigned here when it has
    none), a key of its own, and ``cited_count``/``cited_sections`` from the citations in
    the text before the list.  A text without a reference list leaves the record as it is.
    """
    from refkit.export.keys import assign_keys

    section = find_reference_section(text)
    if section is None:
        return record
    source = record.source or ""
    entries = parse_references(section.text, source=source, offset=section.start)
    body = text[: section.start]
    linked = link_citations(body, entries)
    if not record.id:
        record = assign_keys([record])[0]
    keyed = assign_keys([record, *linked])[1:]
    references = tuple(replace(entry, cited_by=record.id) for entry in keyed)
    return replace(record, references=references, has_references=True)


def attach_reference_lists(records: Sequence[Record]) -> tuple[list[Record], list[InputError]]:
    """Documents with their reference lists parsed and linked, each followed by its entries.

    Every record that has a reference list and a readable source file is re-read in full
    (all pages of a PDF, the visible text of a page) and its list parsed.  A source that
    cannot be re-read is reported and its record kept as it was.
    """
    from pathlib import Path

    from refkit.export.keys import assign_keys
    from refkit.ingest.fulltext import document_text

    problems: list[InputError] = []
    out: list[Record] = []
    for record in assign_keys(records):
        path = Path(record.source) if record.source and record.has_references else None
        if path is not None and path.is_file():
            try:
                record = with_references(record, document_text(path.read_bytes(), str(path)))
            except InputError as error:
                problems.append(error)
            except OSError as error:
                problems.append(
                    InputError(f"cannot read: {error.strerror or error}", source=str(path))
                )
        out.append(record)
    return writable(out), problems


def writable(records: Sequence[Record], *, all_entries: bool = False) -> list[Record]:
    """Records ready for a writer: each document followed by its reference entries.

    Reference entries that are only raw text (lines not recognised as references) carry
    that text in ``note``, so writers emit them as entries rather than as stray text;
    ``all_entries`` treats the top-level records as reference entries too.  Other
    records (an unparsed block of a user's ``.bib``) are left for the writer to copy.
    """
    out: list[Record] = []
    for record in records:
        if record.references:
            out.append(replace(record, references=()))
            out.extend(_as_entry(entry) for entry in record.references)
        else:
            out.append(_as_entry(record) if all_entries else record)
    return out


def _as_entry(record: Record) -> Record:
    if not record.is_unparsed:
        return record
    return replace(record, note=record.raw.strip(), raw="", type="document")
