"""Build an annotated bibliography from a Zotero export, offline.

Usage::

    python scripts/zotero_annotated.py export.json -o annotated.html [--style apa]

The export is what Zotero writes with *Export Collection...*: CSL JSON, Better CSL
JSON, Zotero's BibTeX or Better BibTeX (any file refkit reads will do).  Each item's
abstract gives its claims and keywords; the references are formatted in the citation
style asked for.  The output format follows the suffix of ``-o`` (``.md``, ``.html``,
``.tex`` or ``.txt``; Markdown when there is none, or ``--format``).  Nothing is sent to
Crossref: the DOIs are printed as Zotero has them, marked "not checked".

Exit code: 0 written, 2 unusable input, an unknown style, or the output not writable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import refkit
from refkit.analysis import analyse
from refkit.errors import RefkitError
from refkit.fileio import atomic_write_text
from refkit.render import FORMATS, STYLES

EXIT_OK = 0
EXIT_UNUSABLE = 2


def annotated(path: Path, *, style: str = "apa", fmt: str = "md", title: str | None = None) -> str:
    """The annotated bibliography of the export at ``path``, as text in format ``fmt``."""
    records = [analyse(record) if record.abstract else record for record in refkit.ingest(path)]
    for record in records:
        for warning in record.warnings:
            print(
                f"zotero_annotated: warning: {record.id or record.title}: {warning}",
                file=sys.stderr,
            )
    return refkit.render(records, template="annotated", style=style, fmt=fmt, title=title)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Annotated bibliography (claims and keywords) from a Zotero export.",
        epilog="Example: python scripts/zotero_annotated.py export.json -o annotated.html --style apa",
    )
    parser.add_argument("export", type=Path, help="Zotero export: CSL JSON or (Better) BibTeX")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--style", default="apa", help=f"citation style ({', '.join(STYLES)})")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: from -o)")
    parser.add_argument("--title", help="heading of the document")
    args = parser.parse_args(argv)

    suffix = args.output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else "md")
    if not args.export.is_file():
        print(f"zotero_annotated: {args.export}: no such file", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = annotated(args.export, style=args.style, fmt=fmt, title=args.title)
        atomic_write_text(args.output, text)
    except RefkitError as error:
        print(f"zotero_annotated: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as error:
        print(f"zotero_annotated: {args.output}: cannot write: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"zotero_annotated: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
