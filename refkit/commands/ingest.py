"""``refkit ingest``: read documents and bibliography files, write records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_UNUSABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read documents and bibliography files into records and write them out",
        description=(
            "Read landing pages (text or HTML), full texts, PDFs, BibTeX/biblatex, RIS and "
            "CSL-JSON into bibliographic records. Folders are read recursively; '-' reads "
            "standard input. Output goes to standard output unless -o is given."
        ),
        epilog=(
            "Examples:\n"
            "  refkit ingest examples/documents -o library.bib\n"
            "  refkit ingest paper.pdf page.html --to csljson\n"
            "  cat page.txt | refkit ingest - --to ris"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )
    parser.add_argument(
        "--to",
        choices=("bibtex", "biblatex", "csljson", "ris"),
        help="output format (default: from the -o suffix, else bibtex)",
    )
    parser.add_argument(
        "--references",
        action="store_true",
        help="also parse the reference lists of full texts and write each entry after its document",
    )
    parser.add_argument(
        "--extracted-keywords",
        action="store_true",
        help="add keyphrases extracted from each abstract after the author keywords",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or warnings")
    parser.set_defaults(handler=run)


def _output_format(args: argparse.Namespace) -> str:
    if args.to:
        return str(args.to)
    from refkit.export import format_for_path

    return (format_for_path(Path(args.output).name) if args.output else None) or "bibtex"


def run(args: argparse.Namespace) -> int:
    from refkit.errors import InputError, RefkitError
    from refkit.export import write
    from refkit.fileio import atomic_write_text
    from refkit.ingest import IngestResult, ingest_paths, iter_files, read_bytes
    from refkit.progress import Progress

    result = IngestResult()
    paths = [Path(p) for p in args.paths if p != "-"]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        result.errors.append(InputError("no such file or folder", source=str(path)))
    paths = [p for p in paths if p.exists()]
    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        try:
            result.records.extend(read_bytes(data, "<stdin>"))
            result.files_read += 1
        except InputError as error:
            result.errors.append(error)
    files = list(iter_files(paths))
    progress = Progress("reading", total=len(files), enabled=not args.quiet and len(files) > 20)
    found = ingest_paths(files, on_file=lambda _path: progress.advance())
    progress.close()
    result.records.extend(found.records)
    result.errors.extend(found.errors)
    result.files_read += found.files_read

    if getattr(args, "references", False):
        from refkit.references import attach_reference_lists

        result.records[:], problems = attach_reference_lists(result.records)
        result.errors.extend(problems)

    if getattr(args, "extracted_keywords", False):
        from refkit.analysis import with_extracted_keywords

        result.records[:] = [
            with_extracted_keywords(record) if record.abstract else record
            for record in result.records
        ]

    for problem in result.errors:
        print(f"refkit: {problem}", file=sys.stderr)
    if not args.quiet:
        for record in result.records:
            for warning in record.warnings:
                print(f"refkit: warning: {warning}", file=sys.stderr)
    if not result.records:
        print("refkit: no usable input", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = write(result.records, _output_format(args))
        if args.output:
            atomic_write_text(Path(args.output), text)
        else:
            sys.stdout.write(text)
    except OSError as error:
        print(f"refkit: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except RefkitError as failure:
        print(f"refkit: {failure}", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK
