"""``refkit render``: annotated bibliographies, summary sheets and DOI check reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_UNUSABLE = 2

_FORMAT_BY_SUFFIX = {".md": "md", ".html": "html", ".htm": "html", ".tex": "tex", ".txt": "txt"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render an annotated bibliography, summary sheet or DOI check report",
        description=(
            "Read libraries or documents in any format refkit reads and render them through a "
            "template: annotated (md, html, tex, txt), annotated-fragment (tex), summaries "
            "(md, html, txt) or check-report (md, html), or your own Jinja template."
        ),
        epilog=(
            "Examples:\n"
            "  refkit render examples/documents -o annotated.html\n"
            "  refkit render library.bib -t summaries --format md\n"
            "  refkit render library.json -t annotated --format tex -o bibliography.tex\n"
            "  refkit render library.bib --templates my-templates -t annotated --format html"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="LIBRARY", help="files or folders to read")
    parser.add_argument(
        "-t",
        "--template",
        default="annotated",
        metavar="NAME|FILE",
        help="template name or template file (default: annotated)",
    )
    parser.add_argument("--style", default="apa", help="citation style (default: apa)")
    parser.add_argument(
        "--format",
        choices=("md", "html", "tex", "txt"),
        help="output format (default: from the -o suffix or the template file, else md)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        help="folder of your templates, searched before the built-ins "
        "(default: the REFKIT_TEMPLATES environment variable)",
    )
    parser.set_defaults(handler=run)


def _format(args: argparse.Namespace) -> str | None:
    if args.format:
        return str(args.format)
    if args.output:
        return _FORMAT_BY_SUFFIX.get(Path(args.output).suffix.lower())
    return None


def run(args: argparse.Namespace) -> int:
    from refkit.errors import RefkitError
    from refkit.fileio import atomic_write_text
    from refkit.ingest import ingest_paths, iter_files
    from refkit.render import render

    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            print(f"refkit: {path}: no such file or folder", file=sys.stderr)
    found = ingest_paths(list(iter_files([p for p in paths if p.exists()])))
    for problem in found.errors:
        print(f"refkit: {problem}", file=sys.stderr)
    if not found.records:
        print("refkit: no usable input", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = render(
            found.records,
            template=args.template,
            style=args.style,
            fmt=_format(args),
            templates_dir=args.templates,
        )
        if args.output:
            atomic_write_text(Path(args.output), text)
        else:
            sys.stdout.write(text)
    except RefkitError as failure:
        print(f"refkit: {failure}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as error:
        print(f"refkit: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK
