"""``refkit build``: documents in, a checked library and an annotated bibliography out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_UNUSABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="read documents, check DOIs, extract claims and write the library and bibliographies",
        description=(
            "Run the whole flow on a folder of papers: read every document (text, HTML, PDF, "
            ".bib, .ris, CSL-JSON), parse reference lists (--references), check and complete "
            "DOIs through Crossref (offline or unreachable: marked unverified, said once), "
            "extract claims and keywords, and write library.bib, library.biblatex.bib, "
            "library.json, library.ris, annotated-bibliography.md/.html/.tex, summaries.md "
            "and doi-report.json/.html into OUTDIR. Re-running gives byte-identical files."
        ),
        epilog=(
            "Examples:\n"
            "  refkit build examples/documents --references --offline -o out/\n"
            "  refkit build ~/papers -o thesis-bib --mailto me@example.org --style apa"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="documents or folders (read recursively)"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUTDIR", help="folder for the outputs"
    )
    parser.add_argument("--style", default=None, help="citation style (default: apa)")
    parser.add_argument(
        "--references", action="store_true", help="parse the reference lists of full texts"
    )
    parser.add_argument(
        "--offline", action="store_true", default=None, help="do not use the network"
    )
    parser.add_argument(
        "--mailto", default=None, metavar="EMAIL", help="contact for Crossref's polite pool"
    )
    parser.add_argument(
        "--crossref-url", default=None, metavar="URL", help="another Crossref server"
    )
    parser.add_argument("--cache", default=None, metavar="PATH", help="Crossref cache file")
    parser.add_argument("--no-cache", action="store_true", help="use no Crossref cache")
    parser.add_argument(
        "--extracted-keywords",
        action="store_true",
        help="add the extracted keyphrases after the author keywords in the keywords field",
    )
    parser.add_argument(
        "--templates", default=None, metavar="DIR", help="user templates, searched first"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from refkit.build import build, print_report
    from refkit.config import ConfigError, load_settings
    from refkit.errors import RefkitError
    from refkit.progress import Progress

    try:
        settings = load_settings(
            {
                "style": args.style,
                "offline": args.offline,
                "mailto": args.mailto,
                "crossref_url": args.crossref_url,
                "templates": args.templates,
            }
        )
    except ConfigError as error:
        print(f"refkit: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(f"refkit: {path}: no such file or folder", file=sys.stderr)
    paths = [Path(p) for p in args.paths if Path(p).exists()]
    if not paths:
        print("refkit: no usable input", file=sys.stderr)
        return EXIT_UNUSABLE
    bars: list[Progress] = []

    def step(label: str, total: int) -> Callable[[], None]:
        for bar in bars:
            bar.close()
        bars.clear()
        bar = Progress(label, total, enabled=not args.quiet and total > 0)
        bars.append(bar)
        return bar.advance

    client = _client(args, settings)
    try:
        with client:
            report = build(
                paths,
                Path(args.output),
                client=client,
                style=str(settings["style"]),
                references=args.references,
                extracted_keywords=args.extracted_keywords,
                templates_dir=Path(settings["templates"]) if settings["templates"] else None,
                progress=step,
            )
    except RefkitError as error:
        for bar in bars:
            bar.close()
        print(f"refkit: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        # A cache opened for --cache belongs to this command, not to the client.
        if args.cache and not args.no_cache and client.cache is not None:
            client.cache.close()
    for bar in bars:
        bar.close()
    print_report(report, sys.stderr)
    return EXIT_OK


def _client(args: argparse.Namespace, settings: Any) -> Any:
    from refkit.crossref.cache import WorkCache
    from refkit.crossref.client import CrossrefClient

    overrides: dict[str, Any] = {
        "base_url": settings["crossref_url"],
        "mailto": settings["mailto"],
        "offline": bool(settings["offline"]),
    }
    if args.no_cache:
        overrides["cache"] = None
    elif args.cache:
        overrides["cache"] = WorkCache(Path(args.cache))
    return CrossrefClient.from_environment(**overrides)
