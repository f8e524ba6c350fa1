"""``refkit refs``: parse a reference list, or one reference per line, into records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_UNUSABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "refs",
        help="parse reference strings into records",
        description=(
            "Parse a whole reference section (entries split at numbers, blank lines, hanging "
            "indents or wrapped lines) or, with --lines, one reference per line. With "
            "--to jsonl every input line gives exactly one JSON object, in input order."
        ),
        epilog=(
            "Examples:\n"
            "  refkit refs references.txt --to bibtex\n"
            "  refkit refs --lines refs.txt --to csljson\n"
            "  cut -f2 table.tsv | refkit refs - --to jsonl"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - (default)"
    )
    parser.add_argument(
        "--to",
        choices=("csljson", "bibtex", "biblatex", "ris", "jsonl"),
        default="csljson",
        help="output format (default csljson); jsonl: one object per input line",
    )
    parser.add_argument(
        "--lines", action="store_true", help="one reference per line (implied by --to jsonl)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    parser.add_argument(
        "--jsonl", dest="to", action="store_const", const="jsonl", help="same as --to jsonl"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from refkit.errors import RefkitError
    from refkit.export import write
    from refkit.fileio import atomic_write_text
    from refkit.references import parse_references, writable

    source = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as error:
        print(f"refkit: {source}: cannot read: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    if args.to == "jsonl":
        # One object per line, blank lines included, so outputs zip with inputs.
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        records = parse_references(lines, source=source)
        out = "".join(
            json.dumps(_jsonl_item(record, line), ensure_ascii=False) + "\n"
            for record, line in zip(records, lines, strict=True)
        )
    else:
        section: str | list[str] = (
            [line for line in text.split("\n") if line.strip()] if args.lines else text
        )
        records = parse_references(section, source=source)
        if not records:
            print(f"refkit: {source}: no references found", file=sys.stderr)
            return EXIT_UNUSABLE
        try:
            out = write(writable(records, all_entries=True), args.to)
        except RefkitError as failure:
            print(f"refkit: {failure}", file=sys.stderr)
            return EXIT_UNUSABLE
    for record in records:
        for warning in record.warnings:
            print(f"refkit: warning: {source}: {warning}", file=sys.stderr)
    try:
        if args.output:
            atomic_write_text(Path(args.output), out)
        else:
            sys.stdout.write(out)
    except OSError as error:
        print(f"refkit: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


def _jsonl_item(record: Any, line: str) -> dict[str, Any]:
    from refkit.export.csljson import record_to_csl

    item: dict[str, Any] = {"input": line}
    if record.is_unparsed or not line.strip():
        item["parsed"] = False
        return item
    item["parsed"] = True
    item.update(record_to_csl(record))
    item.pop("id", None)
    if record.warnings:
        item["warnings"] = list(record.warnings)
    return item
