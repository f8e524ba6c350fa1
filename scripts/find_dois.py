"""Find DOIs for the entries of a ``.bib`` that lack one, and write the fixed copy.

Usage::

    python scripts/find_dois.py library.bib -o fixed.bib [--mailto me@example.org]

Each entry without a DOI is searched for in Crossref; a DOI is added only when the
best candidate agrees with the entry (title, authors, year, journal, pages), never on a
guess.  Empty fields of a matched entry are filled from Crossref's record.  A value the
user wrote is never replaced: where Crossref disagrees, the log says so and the value
stays.  The copy is the input with the new fields inserted into the matched entries;
every other byte (other entries, other fields, comments, layout) is kept as it was.
With ``-o something.json`` or ``.ris`` the whole library is written in that format
instead.  The input file is never modified.

The change log goes to standard error.  The Crossref server, contact and cache come
from the environment like the ``refkit`` command (``REFKIT_CROSSREF_URL``,
``REFKIT_DOI_URL``, ``REFKIT_MAILTO``, ``REFKIT_CACHE_DIR``); ``--mailto`` and
``--crossref-url`` override them.

Exit code: 0 every entry has a DOI now, 1 some entries are still without one,
2 unusable input or output, 3 Crossref could not be reached for some entries (the copy
is still written, with the DOIs that were found).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import refkit
from refkit.crossref.client import BlockedError, CrossrefClient
from refkit.crossref.fix import Change, fix_from_result
from refkit.errors import RefkitError
from refkit.export import write
from refkit.fileio import atomic_write_text
from refkit.ingest.base import decode
from refkit.model import Record, attribute_name

EXIT_OK = 0
EXIT_MISSING = 1
EXIT_UNUSABLE = 2
EXIT_UNREACHABLE = 3

APPLIED = ("added", "filled")
_FORMAT_BY_SUFFIX = {".json": "csljson", ".ris": "ris"}
# Fields only biblatex knows: new fields are spelled in the library's own dialect.
_BIBLATEX_FIELD = re.compile(r"^\s*(?:journaltitle|date|eprinttype)\s*=", re.I | re.M)
# The BibTeX fields a change to a CSL variable may be written as (the first one present wins).
_BIBTEX_NAMES = {
    "DOI": ("doi",),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "page": ("pages",),
    "ISSN": ("issn",),
    "publisher": ("publisher",),
    "abstract": ("abstract",),
    "container-title": ("journal", "journaltitle", "booktitle"),
}
_ENTRY_HEAD = re.compile(r"@\s*\w+\s*([{(])\s*[^,\s]*\s*,")
_FIELD_NAME = re.compile(r"\s*([^\s=,{}()\"#]+)\s*=\s*")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


@dataclass
class Found:
    """What the search did to one entry."""

    position: int
    record: Record
    changes: tuple[Change, ...]


def find_dois(records: list[Record], client: CrossrefClient) -> tuple[list[Found], list[str], str]:
    """Search Crossref for every parsed entry without a DOI.

    Returns what was found for each entry (only ``added`` and ``filled`` changes are
    applied to its record), the entries still without a DOI with the reason, and why
    Crossref stopped answering ("" when it answered throughout).
    """
    wanted = [(i, r) for i, r in enumerate(records) if not r.doi and not r.is_unparsed]
    found: list[Found] = []
    not_found: list[str] = []
    failure = ""
    try:
        for result in refkit.check([r for _, r in wanted], client=client, find_missing=True):
            position, original = wanted[result.position]
            record, changes = fix_from_result(result)
            # A repair would replace what the user wrote: report it, do not apply it.
            reverted = {
                attribute_name(c.field).lower(): getattr(original, attribute_name(c.field).lower())
                for c in changes
                if c.action not in (*APPLIED, "kept")
            }
            if reverted:
                record = dataclasses.replace(record, **reverted)
            found.append(Found(position, record, changes))
            if result.verdict == "unverified" and not failure:
                failure = str(result.check.details.get("reason") or "Crossref did not answer")
            if not record.doi:
                reason = str(result.check.details.get("reason") or result.verdict)
                not_found.append(f"{result.key}: {reason}")
    except BlockedError as error:
        failure = f"Crossref refused the requests (HTTP 403): {error}"
    except RefkitError as error:
        failure = str(error)
    return found, not_found, failure


# -- writing into the user's text ---------------------------------------------------------------


def _value_end(text: str, pos: int) -> int | None:
    """Where a field value starting at ``pos`` ends: braces, quotes, bare words, ``#``."""
    while True:
        if pos >= len(text):
            return None
        if text[pos] in '{"':
            closing = "}" if text[pos] == "{" else '"'
            depth = 0
            for index in range(pos + (closing == '"'), len(text)):
                char = text[index]
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                    if closing == "}" and depth == 0:
                        pos = index + 1
                        break
                    if depth < 0:
                        return None
                elif char == '"' and closing == '"' and depth == 0:
                    pos = index + 1
                    break
            else:
                return None
        else:
            word = re.compile(r"[^\s,#{}()\"]+").match(text, pos)
            if word is None:
                return None
            pos = word.end()
        after = _skip_space(text, pos)
        if after < len(text) and text[after] == "#":
            pos = _skip_space(text, after + 1)
            continue
        return pos


def entry_fields(text: str, start: int) -> tuple[dict[str, tuple[int, int]], int] | None:
    """The fields of the entry whose ``@`` is at ``start`` (lower-cased name -> span of
    ``name = value``) and the position of its closing delimiter; None if it is no entry."""
    head = _ENTRY_HEAD.match(text, start)
    if head is None:
        return None
    close = "}" if head.group(1) == "{" else ")"
    fields: dict[str, tuple[int, int]] = {}
    pos = head.end()
    while True:
        name = _FIELD_NAME.match(text, pos)
        if name is None:
            end = _skip_space(text, pos)
            return (fields, end) if end < len(text) and text[end] == close else None
        value_end = _value_end(text, name.end())
        if value_end is None:
            return None
        fields[name.group(1).lower()] = (name.start(1), value_end)
        pos = _skip_space(text, value_end)
        if pos < len(text) and text[pos] == ",":
            pos += 1


def _entry_start(text: str, line: int) -> int | None:
    """The offset of the ``@`` that opens the entry on (1-based) ``line``."""
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    at = text.find("@", offset)
    return at if at >= 0 else None


def splice(
    text: str, records: list[Record], found: list[Found], dialect: str
) -> tuple[str | None, list[Change]]:
    """``text`` with the applied changes' fields inserted into their entries (None when an
    entry cannot be located in the text: the caller then writes the whole library), and
    the applied changes that have no field in this kind of entry, so were not written."""
    insertions: list[tuple[int, str]] = []
    unwritten: list[Change] = []
    for item in found:
        applied = [c for c in item.changes if c.action in APPLIED]
        where = records[item.position].provenance.get("entry")
        if not applied:
            continue
        start = _entry_start(text, where.line) if where is not None and where.line else None
        original = entry_fields(text, start) if start is not None else None
        written_text = write([item.record], dialect)
        written = entry_fields(written_text, written_text.find("@"))
        if start is None or original is None or written is None:
            return None, []
        have, _ = original
        lines: list[str] = []
        for change in applied:
            names = _BIBTEX_NAMES.get(change.field, (change.field.lower(),))
            if any(name in have for name in names):
                continue
            name = next((n for n in names if n in written[0]), None)
            if name is None:
                unwritten.append(change)
                continue
            begin, end = written[0][name]
            lines.append(written_text[begin:end])
        if not lines:
            continue
        first = min(have.values(), default=None)
        indent = "  "
        if first is not None:
            line_start = text.rfind("\n", 0, first[0]) + 1
            if not text[line_start : first[0]].strip():
                indent = text[line_start : first[0]]
        last_end = max((span[1] for span in have.values()), default=None)
        if last_end is None:
            # An entry with no field at all: new fields go after the key's comma.
            head = _ENTRY_HEAD.match(text, start)
            assert head is not None
            insertions.append((head.end(), "".join(f"\n{indent}{line}," for line in lines)))
        else:
            insertions.append((last_end, "".join(f",\n{indent}{line}" for line in lines)))
    for position, addition in sorted(insertions, reverse=True):
        text = text[:position] + addition + text[position:]
    return text, unwritten


# -- the command ---------------------------------------------------------------------------------


def describe(change: Change, unwritten: list[Change]) -> str:
    """One line of the change log (the library's wording names options of ``refkit check``)."""
    if change in unwritten:
        return f"{change.key}: {change.field}: Crossref has {change.new!r}; no such field in this entry type"
    if change.action in APPLIED:
        return change.describe()
    return f"{change.key}: {change.field}: kept {change.old!r} (Crossref has {change.new!r})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Find DOIs for .bib entries that lack one; write the fixed copy.",
        epilog="Example: python scripts/find_dois.py library.bib -o fixed.bib --mailto me@example.org",
    )
    parser.add_argument("library", type=Path, help="the .bib file to read (left unchanged)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the fixed copy")
    parser.add_argument("--mailto", default="", help="contact for Crossref's polite pool")
    parser.add_argument("--crossref-url", default="", help="another Crossref API server")
    args = parser.parse_args(argv)

    if not args.library.is_file():
        print(f"find_dois: {args.library}: no such file", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.output.resolve() == args.library.resolve():
        print("find_dois: -o must name another file; the input is never changed", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = decode(args.library.read_bytes(), str(args.library)).text
        records = refkit.ingest(args.library)
    except (OSError, RefkitError) as error:
        print(f"find_dois: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    for record in records:
        for warning in record.warnings:
            print(f"find_dois: warning: {warning}", file=sys.stderr)

    overrides: dict[str, Any] = {}
    if args.mailto:
        overrides["mailto"] = args.mailto
    if args.crossref_url:
        overrides["base_url"] = args.crossref_url
    with CrossrefClient.from_environment(**overrides) as client:
        found, not_found, failure = find_dois(records, client)

    fixed = list(records)
    for item in found:
        fixed[item.position] = item.record
    fmt = _FORMAT_BY_SUFFIX.get(args.output.suffix.lower())
    dialect = "biblatex" if _BIBLATEX_FIELD.search(text) else "bibtex"
    spliced, unwritten = (None, []) if fmt else splice(text, records, found, dialect)
    if spliced is None and not fmt:
        print(
            "find_dois: an entry could not be located; the library is written anew", file=sys.stderr
        )
    try:
        atomic_write_text(
            args.output, spliced if spliced is not None else write(fixed, fmt or dialect)
        )
    except (OSError, RefkitError) as error:
        print(f"find_dois: {args.output}: cannot write: {error}", file=sys.stderr)
        return EXIT_UNUSABLE

    for item in found:
        for change in item.changes:
            print(f"find_dois: {describe(change, unwritten)}", file=sys.stderr)
    for line in not_found:
        print(f"find_dois: no DOI: {line}", file=sys.stderr)
    if failure:
        print(f"find_dois: not every entry could be searched: {failure}", file=sys.stderr)
    added = sum(1 for item in found for c in item.changes if c.action == "added")
    without = sum(1 for r in fixed if not r.doi and not r.is_unparsed)
    print(
        f"find_dois: {added} DOIs found, {without} entries still without one; wrote {args.output}",
        file=sys.stderr,
    )
    if failure:
        return EXIT_UNREACHABLE
    return EXIT_MISSING if without else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
