"""``refkit check``: verify every DOI of a library (or a list of DOIs) against Crossref."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from refkit.crossref.check import CheckResult
    from refkit.crossref.client import CrossrefClient
    from refkit.crossref.fix import Change
    from refkit.model import Record

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_UNUSABLE = 2
EXIT_UNREACHABLE = 3


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
    import tempfile

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
    entries = [record for source in sources for record in source.release()]
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
    counts: dict[str, int] = {}
    blocked = ""
    with contextlib.ExitStack() as stack:
        # With --fix each result is applied as it comes: its fixed record takes the entry's
        # place and its changes go to a temporary file, so no Crossref work is kept.
        spool = stack.enter_context(tempfile.TemporaryFile()) if args.fix else None
        fixes = _Fixes(entries, overwrite, spool) if spool is not None else None
        try:
            with client:
                for result in _checked(entries, client, args):
                    counts[result.verdict] = counts.get(result.verdict, 0) + 1
                    if fixes is not None:
                        fixes.add(result)
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
                f"refkit: Crossref refused the requests (HTTP 403); stopped: {blocked}",
                file=sys.stderr,
            )
            return EXIT_UNREACHABLE
        if fixes is not None and _write_fixes(sources, entries, fixes, args):
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
        #: How many entries the input holds (still known once its records are released).
        self.count = len(records)
        self.format = fmt
        self.doi_list = doi_list
        self.problems = problems

    def release(self) -> list[Record]:
        """The records, handed over: the source keeps none, so the run holds one copy."""
        records, self.records = self.records, []
        return records


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
    from refkit.export import format_for_path

    named = format_for_path(Path(source).name)
    if named is not None:
        return named
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
    import tempfile

    from refkit.crossref.check import check
    from refkit.progress import Progress

    progress = Progress(
        "checking", total=len(entries), enabled=not args.quiet and len(entries) > 50
    )
    style = "json" if args.json else "csv" if args.csv else "table"
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        report = _Report(sys.stdout, style, spool)
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
    """Writes results: JSON lines and CSV as they come, the table grouped at the end.

    The table's lines wait in ``spool``, a temporary file (the key, DOI and summary of
    each entry, not its record), and are read back once per verdict present, so memory
    stays flat however many entries there are.
    """

    def __init__(self, stream: TextIO, style: str, spool: IO[str]) -> None:
        import csv

        self.stream = stream
        self.style = style
        self.spool = spool
        self.counts: dict[str, int] = {}
        self.width = 0
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
            self._spool(check.verdict, result.key, check.doi, describe(check))

    def _spool(self, verdict: str, key: str, doi: str, summary: str) -> None:
        import json

        # One JSON array per line: summaries may hold any character, newlines included.
        self.spool.write(json.dumps([verdict, key, doi, summary], ensure_ascii=False) + "\n")
        self.counts[verdict] = self.counts.get(verdict, 0) + 1
        self.width = max(self.width, len(key))

    def close(self) -> None:
        import json

        from refkit.crossref.check import VERDICTS

        self.stream.flush()
        if self.style != "table":
            return
        counts = self.counts
        order = {verdict: number for number, verdict in enumerate(VERDICTS)}
        verdicts = sorted(counts, key=lambda v: order.get(v, len(order)))
        for verdict in verdicts:
            self.stream.write(f"{verdict} ({counts[verdict]})\n")
            self.spool.seek(0)
            for row in self.spool:
                row_verdict, key, doi, summary = json.loads(row)
                if row_verdict == verdict:
                    line = f"  {key:<{self.width}}  {doi or '-'}"
                    self.stream.write(f"{line}  {summary}".rstrip() + "\n")
        summary = ", ".join(f"{counts[v]} {v}" for v in verdicts)
        self.stream.write(f"{sum(counts.values())} entries: {summary}\n")
        self.stream.flush()


# -- fixing ------------------------------------------------------------------------------------


class _Fixes:
    """What ``--fix`` learns, gathered as results arrive without keeping the results.

    Each result's fixed record replaces the entry at its position in ``entries`` (the
    library must be written whole and in input order, so one record per entry is held,
    as reading the input already did; the Crossref work a fix draws on is dropped at
    once).  Each entry's changes go as one line to a temporary file whose offset is noted
    by position, so the change log comes out in input order whatever order the verdicts
    came in.
    """

    def __init__(self, entries: list[Record], overwrite: frozenset[str], spool: IO[bytes]) -> None:
        import array

        self.entries = entries
        self.overwrite = overwrite
        self.offsets = array.array("q", [-1]) * len(entries)
        self.spool = spool

    def add(self, result: CheckResult) -> None:
        import json

        from refkit.crossref.fix import fix_from_result

        record, changes = fix_from_result(result, self.overwrite)
        self.entries[result.position] = record
        if changes:
            self.spool.seek(0, 2)
            self.offsets[result.position] = self.spool.tell()
            line = json.dumps([c.to_json() for c in changes], ensure_ascii=False)
            self.spool.write(line.encode("utf-8") + b"\n")

    def changes(self) -> Iterator[Change]:
        """Every change, in the input order of the entries."""
        import json

        from refkit.crossref.fix import Change

        for offset in self.offsets:
            if offset < 0:
                continue
            self.spool.seek(offset)
            for change in json.loads(self.spool.readline()):
                yield Change(**change)


def _write_fixes(
    sources: list[_Source], fixed: list[Record], fixes: _Fixes, args: argparse.Namespace
) -> bool:
    """Write the fixed library; True when something could not be written."""
    import json
    import shutil

    from refkit.errors import RefkitError
    from refkit.export import write
    from refkit.fileio import atomic_write_text

    failed = False
    try:
        if args.output:
            fmt = _format_of(args.output, "") if Path(args.output).suffix else sources[0].format
            atomic_write_text(Path(args.output), write(fixed, fmt))
        else:
            start = 0
            for source in sources:
                part = fixed[start : start + source.count]
                start += source.count
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
    applied = total = 0
    for change in fixes.changes():
        total += 1
        applied += change.action != "kept"
        if not args.quiet:
            print(f"refkit: fix: {change.describe()}", file=sys.stderr)
    if args.change_log:
        lines = (json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in fixes.changes())
        try:
            _write_lines_atomically(Path(args.change_log), lines)
        except OSError as error:
            print(
                f"refkit: {args.change_log}: cannot write: {error.strerror or error}",
                file=sys.stderr,
            )
            return True
    print(
        f"refkit: {applied} changes applied, {total - applied} suggestions kept",
        file=sys.stderr,
    )
    return failed


def _write_lines_atomically(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` as they come, through a temporary file and a rename
    (:func:`refkit.fileio.atomic_write_text` for text too long to hold at once)."""
    import os
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
