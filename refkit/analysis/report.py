"""What ``refkit claims`` and ``refkit keywords`` print: plain text, JSON, or JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from refkit.export.csljson import claim_to_json as export_claim
from refkit.export.csljson import keyword_to_json
from refkit.model import Claim, Record

__all__ = ["claim_to_json", "keyword_to_json", "run_command"]

EXIT_OK = 0
EXIT_UNUSABLE = 2


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """A claim as a JSON object: the CSL-JSON ``custom.claims`` shape, and whether it is a claim."""
    return {**export_claim(claim), "is_claim": claim.is_claim}


def _result(record: Record, kind: str, n: int) -> list[dict[str, Any]]:
    from refkit.analysis import claims, keywords

    if kind == "claims":
        return [claim_to_json(c) for c in claims(record)]
    return [keyword_to_json(k) for k in keywords(record, n)]


def _jsonl_lines(args: argparse.Namespace) -> Iterator[str]:
    for path in args.paths:
        if path == "-":
            yield from sys.stdin
        else:
            with Path(path).open(encoding="utf-8") as handle:
                yield from handle


def _run_jsonl(args: argparse.Namespace, kind: str, out: TextIO) -> int:
    status = EXIT_OK
    for number, line in enumerate(_jsonl_lines(args), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not an object")
        except ValueError as error:
            print(f"refkit: line {number}: not a JSON object: {error}", file=sys.stderr)
            # Keep the output aligned with the input, line for line.
            out.write(json.dumps({"id": None, kind: [], "error": "not a JSON object"}) + "\n")
            status = EXIT_UNUSABLE
            continue
        given = item.get("keywords") or []
        record = Record(
            id=str(item.get("id", "")),
            title=str(item.get("title") or ""),
            abstract=str(item.get("abstract") or ""),
            keywords=tuple(str(k) for k in given) if isinstance(given, list) else (str(given),),
        )
        out.write(
            json.dumps(
                {"id": item.get("id"), kind: _result(record, kind, args.__dict__.get("n", 10))},
                ensure_ascii=False,
            )
            + "\n"
        )
    return status


def _print_text(record: Record, kind: str, items: list[dict[str, Any]], out: TextIO) -> None:
    out.write(f"{record.title or record.source or record.id}\n")
    if not items:
        out.write("  (none)\n")
    for item in items:
        if kind == "claims":
            extras = ", ".join(str(v) for v in (item.get("polarity"), item.get("relation")) if v)
            out.write(f"  [{item['role']}{': ' + extras if extras else ''}] {item['text']}\n")
        else:
            out.write(f"  {item['score']:.3f}  {item['text']}  ({item['source']})\n")
    out.write("\n")


def run_command(args: argparse.Namespace, kind: str) -> int:
    """Run ``refkit claims`` or ``refkit keywords``; returns the exit code."""
    out = sys.stdout
    if args.jsonl:
        try:
            return _run_jsonl(args, kind, out)
        except OSError as error:
            print(f"refkit: {error.filename}: cannot read: {error.strerror}", file=sys.stderr)
            return EXIT_UNUSABLE
    from refkit.analysis import analysis_of
    from refkit.errors import InputError
    from refkit.ingest import ingest_paths, iter_files, read_bytes

    records: list[Record] = []
    problems: list[str] = []
    paths = [Path(p) for p in args.paths if p != "-"]
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
    if "-" in args.paths:
        try:
            records.extend(read_bytes(sys.stdin.buffer.read(), "<stdin>"))
        except InputError as error:
            problems.append(str(error))
    found = ingest_paths(list(iter_files([p for p in paths if p.exists()])))
    records.extend(found.records)
    problems.extend(str(e) for e in found.errors)
    for problem in problems:
        print(f"refkit: {problem}", file=sys.stderr)
    if not records:
        print("refkit: no usable input", file=sys.stderr)
        return EXIT_UNUSABLE
    works = []
    for record in records:
        analysis = analysis_of(record)
        if analysis.reason == "not in English":
            print(
                f"refkit: {record.source or record.title}: abstract not in English "
                f"({analysis.language}); nothing extracted",
                file=sys.stderr,
            )
        items = _result(record, kind, getattr(args, "n", 10))
        works.append((record, items))
    if args.json:
        payload = [
            {"id": r.id, "title": r.title, "source": r.source, kind: items} for r, items in works
        ]
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for record, items in works:
            _print_text(record, kind, items, out)
    return EXIT_OK
