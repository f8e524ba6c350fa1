"""Check a file of DOIs (one per line) against Crossref and write a CSV report.

Usage::

    python scripts/check_dois.py dois.txt report.csv [--mailto me@example.org]

The Crossref server, contact and cache come from the environment like the ``refkit``
command (``REFKIT_CROSSREF_URL``, ``REFKIT_DOI_URL``, ``REFKIT_MAILTO``,
``REFKIT_CACHE_DIR``).  Rows are written as verdicts arrive, so a report of 100,000
DOIs never sits in memory.  The exit code is 0 when every DOI is ok, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import refkit
from refkit.crossref import CrossrefClient
from refkit.crossref.check import describe, read_doi_list


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check DOIs against Crossref; write a CSV report.",
        epilog="Example: python scripts/check_dois.py dois.txt report.csv --mailto me@example.org",
    )
    parser.add_argument("dois", type=Path, help="a text file with one DOI per line")
    parser.add_argument("report", type=Path, help="the CSV file to write")
    parser.add_argument("--mailto", default="", help="contact for Crossref's polite pool")
    args = parser.parse_args(argv)

    text = args.dois.read_text(encoding="utf-8", errors="replace")
    records, problems = read_doi_list(text, str(args.dois))
    for problem in problems:
        print(problem, file=sys.stderr)

    overrides = {"mailto": args.mailto} if args.mailto else {}
    all_ok = True
    with (
        CrossrefClient.from_environment(**overrides) as client,
        args.report.open("w", encoding="utf-8", newline="") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(["line", "doi", "verdict", "summary", "details"])
        for result in refkit.check(records, client=client):
            line = result.record.provenance["doi"].line
            check = result.check
            writer.writerow(
                [line, check.doi, check.verdict, describe(check), json.dumps(dict(check.details))]
            )
            all_ok = all_ok and check.verdict == "ok"
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
