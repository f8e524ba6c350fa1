"""``refkit check``: verify every DOI of a library (or a list of DOIs) against Crossref."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from refkit.crossref.check import CheckResult
    from refkit.crossref.client import CrossrefClient
    from refkit.crossref.fix import Change
    from refkit.model import Record

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_UNUSABLE = 2
EXIT_UNREACHABLE = 3

_FORMAT_BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson", ".ris": "ris"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check every DOI against Crossref: exists, matches the entry, not retracted",
        description=(
            "Check the DOIs of a library (.bib, .ris, CSL-JSON) or of a plain list with one DOI "
            "per line. Each entry gets a verdict: ok, mismatch, retracted, withdrawn, corrected, "
            "not-in-crossref, nonexistent, malformed, duplicate, missing or unverified. "
            "Exit code: 0 all ok, 1 some entries need attention, 2 unusable input, "
            "3 Crossref could not be reached for some entries."
        ),
        epilog=(
            "Examples:\n"
            "  refkit check library.bib\n"
            "  refkit check dois.txt --json > report.jsonl\n"
            "  refkit check library.bib --find-missing --fix -o checked.bib\n"
            "  refkit check library.bib --fix --in-place --overwrite volume,page\n"
            "  cat dois.txt | refkit check - --csv --mailto me@example.org\n"
            "\n"
            "Environment: REFKIT_MAILTO, REFKIT_CROSSREF_URL, REFKIT_DOI_URL,\n"
            "REFKIT_CROSSREF_PLUS_TOKEN, REFKIT_CACHE_DIR. The --json schema is in docs/check-json.md."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="library files, DOI lists, or -")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object per entry and line")
    output.add_argument(
        "--csv", action="store_true", help="CSV: key, doi, verdict, summary, details"
    )
    parser.add_argument(
        "--find-missing", action="store_true", help="search Crossref for entries without a DOI"
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="write the corrected library: found DOIs, empty fields filled, repairs",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="OUT", help="with --fix: write the library here")
    target.add_argument(
        "--in-place",
        action="store_true",
        help="with --fix: rewrite each input file (atomically, keeping FILE.bak)",
    )
    parser.add_argument(
        "--overwrite",
        metavar="FIELD,...",
        default="",
        help="with --fix: fields Crossref's value may replace (e.g. volume,page,ISSN)",
    )
    parser.add_argument(
        "--change-log", metavar="FILE", help="with --fix: write every change as JSON lines"
    )
    parser.add_argument(
        "--offline", action="store_true", help="no network: only the cache and DOI syntax decide"
    )
    parser.add_argument("--mailto", metavar="EMAIL", help="contact for Crossref's polite pool")
    parser.add_argument("--crossref-url", metavar="URL", help="another Crossref API server")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="PATH", help="SQLite cache file (default: user cache)")
    cache.add_argument("--no-cache", action="store_true", help="use no persistent cache")
    parser.add_argument("--refresh", action="store_true", help="ask Crossref again for cached DOIs")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or warnings")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from refkit.crossref.client import BlockedError
    from refkit.crossref.fix import parse_fields
    from refkit.errors import RefkitError

    if (args.output or args.in_place or args.overwrite) and not args.fix:
        return _usage("-o, --in-place and --overwrite need --fix")
    if args.fix and not (args.output or args.in_place):
        return _usage("--fix needs -o OUT or --in-place")
    try:
        overwrite = parse_fields(args.overwrite.split(","))
    except ValueError as error:
        return _usage(str(error))

    sources = _read_inputs(args.paths, quiet=args.quiet)
    entries = [record for source in sources for record in source.records]
    if not entries:
        print("refkit: no usable input", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.fix and any(source.doi_list for source in sources):
        return _usage("--fix needs a library (.bib, .ris, CSL-JSON), not a list of DOIs")

    try:
        client = _client(args)
    except RefkitError as error:
        print(f"refkit: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    results: list[CheckResult | None] = [None] * len(entries) if args.fix else []
    counts: dict[str, int] = {}
    blocked = ""
    try:
        with client:
            for result in _checked(entries, client, args):
                counts[result.verdict] = counts.get(result.verdict, 0) + 1
                if args.fix:
                    results[result.position] = result
    except BlockedError as error:
        blocked = str(error)
    except RefkitError as error:
        print(f"refkit: {error}", file=sys.stderr)
        return EXIT_UNREACHABLE
    finally:
        # A cache the command opened itself is not closed by the client.
        if (args.cache or args.refresh) and not args.no_cache and client.cache is not None:
            client.cache.close()

    if blocked:
        print(
            f"refkit: Crossref refused the requests (HTTP 403); stopped: {blocked}", file=sys.stderr
        )
        return EXIT_UNREACHABLE
    if args.fix:
        failed = _write_fixes(sources, [r for r in results if r is not None], args, overwrite)
        if failed:
            return EXIT_UNUSABLE
    if counts.get("unverified"):
        return EXIT_UNREACHABLE
    if any(count for verdict, count in counts.items() if verdict != "ok") or any(
        source.problems for source in sources
    ):
        return EXIT_ATTENTION
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"refkit check: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


# -- input -------------------------------------------------------------------------------------


class _Source:
    """One input: its records, whether it was a DOI list, and its lines that were not DOIs."""

    def __init__(
        self, name: str, records: list[Record], fmt: str, doi_list: bool, problems: int
    ) -> None:
        self.name = name
        self.records = records
        self.format = fmt
        self.doi_list = doi_list
        self.problems = problems


def _read_inputs(paths: Sequence[str], *, quiet: bool) -> list[_Source]:
    from refkit.errors import InputError
    from refkit.ingest import iter_files

    sources: list[_Source] = []
    for name in paths:
        if name == "-":
            blobs = [("<stdin>", sys.stdin.buffer.read())]
        else:
            path = Path(name)
            if not path.exists():
                print(f"refkit: {name}: no such file or folder", file=sys.stderr)
                continue
            blobs = []
            for file in iter_files([path]):
                try:
                    blobs.append((str(file), file.read_bytes()))
                except OSError as error:
                    print(
                        f"refkit: {file}: cannot read: {error.strerror or error}", file=sys.stderr
                    )
        for source, data in blobs:
            try:
                sources.append(_read_one(source, data, quiet=quiet))
            except InputError as error:
                print(f"refkit: {error}", file=sys.stderr)
    return sources


def _read_one(source: str, data: bytes, *, quiet: bool) -> _Source:
    from refkit.crossref.check import looks_like_doi_list, read_doi_list
    from refkit.errors import UnsupportedInputError
    from refkit.ingest import read_bytes

    if not data.strip():
        raise UnsupportedInputError("empty file", source=source)
    text = data.decode("utf-8", errors="replace")
    if looks_like_doi_list(text):
        records, problems = read_doi_list(text, source)
        for problem in problems:
            print(f"refkit: {problem}", file=sys.stderr)
        return _Source(source, records, "", True, len(problems))
    records = read_bytes(data, source)
    if not quiet:
        for record in records:
            for warning in record.warnings:
                print(f"refkit: warning: {warning}", file=sys.stderr)
    return _Source(source, records, _format_of(source, text), False, 0)


def _format_of(source: str, text: str) -> str:
    suffix = Path(source).suffix.lower()
    if suffix in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[suffix]
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "csljson"
    if stripped.startswith("TY  -"):
        return "ris"
    return "bibtex"


# -- checking ----------------------------------------------------------------------------------


def _client(args: argparse.Namespace) -> CrossrefClient:
    from refkit.crossref.cache import WorkCache
    from refkit.crossref.client import CrossrefClient

    overrides: dict[str, Any] = {}
    if args.mailto:
        overrides["mailto"] = args.mailto
    if args.crossref_url:
        overrides["base_url"] = args.crossref_url
    if args.offline:
        overrides["offline"] = True
    if args.no_cache:
        overrides["cache"] = None
    elif args.cache:
        overrides["cache"] = WorkCache(Path(args.cache), refresh=args.refresh)
    elif args.refresh:
        overrides["cache"] = WorkCache(None, refresh=True)
    return CrossrefClient.from_environment(**overrides)


def _checked(
    entries: list[Record], client: CrossrefClient, args: argparse.Namespace
) -> Iterator[CheckResult]:
    from refkit.crossref.check import check
    from refkit.progress import Progress

    progress = Progress(
        "checking", total=len(entries), enabled=not args.quiet and len(entries) > 50
    )
    report = _Report(sys.stdout, "json" if args.json else "csv" if args.csv else "table")
    try:
        for result in check(
            entries, client=client, find_missing=args.find_missing, offline=args.offline
        ):
            progress.advance()
            report.add(result)
            yield result
    finally:
        progress.close()
        report.close()


class _Report:
    """Writes results: JSON lines and CSV as they come, the table grouped at the end."""

    def __init__(self, stream: TextIO, style: str) -> None:
        import csv

        self.stream = stream
        self.style = style
        self.rows: list[tuple[str, str, str, str]] = []
        self.writer = csv.writer(stream, lineterminator="\n") if style == "csv" else None
        if self.writer is not None:
            self.writer.writerow(["key", "doi", "verdict", "summary", "details"])

    def add(self, result: CheckResult) -> None:
        import json

        from refkit.crossref.check import describe

        check = result.check
        if self.style == "json":
            entry = {
                "key": result.key,
                "doi": check.doi,
                "verdict": check.verdict,
                "details": dict(check.details),
                "position": result.position,
                "source": result.record.source,
                "checked": check.checked,
            }
            self.stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n")
        elif self.writer is not None:
            details = json.dumps(dict(check.details), ensure_ascii=False)
            self.writer.writerow([result.key, check.doi, check.verdict, describe(check), details])
        else:
            self.rows.append((check.verdict, result.key, check.doi, describe(check)))

    def close(self) -> None:
        from refkit.crossref.check import VERDICTS

        self.stream.flush()
        if self.style != "table":
            return
        counts: dict[str, int] = {}
        for verdict, *_ in self.rows:
            counts[verdict] = counts.get(verdict, 0) + 1
        order = {verdict: number for number, verdict in enumerate(VERDICTS)}
        width = max((len(key) for _, key, _, _ in self.rows), default=0)
        for verdict in sorted(counts, key=lambda v: order.get(v, len(order))):
            self.stream.write(f"{verdict} ({counts[verdict]})\n")
            for row_verdict, key, doi, summary in self.rows:
                if row_verdict == verdict:
                    line = f"  {key:<{width}}  {doi or '-'}"
                    self.stream.write(f"{line}  {summary}".rstrip() + "\n")
        summary = ", ".join(
            f"{counts[v]} {v}" for v in sorted(counts, key=lambda v: order.get(v, len(order)))
        )
        self.stream.write(f"{len(self.rows)} entries: {summary}\n")
        self.stream.flush()


# -- fixing ------------------------------------------------------------------------------------


def _write_fixes(
    sources: list[_Source],
    results: list[CheckResult],
    args: argparse.Namespace,
    overwrite: frozenset[str],
) -> bool:
    """Write the fixed library; True when something could not be written."""
    import json
    import shutil

    from refkit.errors import RefkitError
    from refkit.export import write
    from refkit.fileio import atomic_write_text

    fixed: list[Record] = []
    changes: list[Change] = []
    for result in results:
        record, logged = _fix_one(result, overwrite)
        fixed.append(record)
        changes.extend(logged)
    failed = False
    try:
        if args.output:
            fmt = _format_of(args.output, "") if Path(args.output).suffix else sources[0].format
            atomic_write_text(Path(args.output), write(fixed, fmt))
        else:
            start = 0
            for source in sources:
                part = fixed[start : start + len(source.records)]
                start += len(source.records)
                if source.name == "<stdin>":
                    print("refkit: --in-place cannot rewrite standard input", file=sys.stderr)
                    failed = True
                    continue
                path = Path(source.name)
                shutil.copy2(path, path.with_name(path.name + ".bak"))
                atomic_write_text(path, write(part, source.format))
    except OSError as error:
        print(f"refkit: cannot write: {error.strerror or error}", file=sys.stderr)
        return True
    except RefkitError as error:
        print(f"refkit: {error}", file=sys.stderr)
        return True
    for change in changes:
        if not args.quiet:
            print(f"refkit: fix: {change.describe()}", file=sys.stderr)
    if args.change_log:
        lines = "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in changes)
        try:
            atomic_write_text(Path(args.change_log), lines)
        except OSError as error:
            print(
                f"refkit: {args.change_log}: cannot write: {error.strerror or error}",
                file=sys.stderr,
            )
            return True
    applied = sum(1 for c in changes if c.action != "kept")
    print(
        f"refkit: {applied} changes applied, {len(changes) - applied} suggestions kept",
        file=sys.stderr,
    )
    return failed


def _fix_one(result: CheckResult, overwrite: frozenset[str]) -> tuple[Record, tuple[Change, ...]]:
    from refkit.crossref.fix import fix_from_result

    return fix_from_result(result, overwrite)
