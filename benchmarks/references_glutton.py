"""DOI and first-page accuracy on raw reference strings cut from PDFs (biblio-glutton's set).

Usage: ``python benchmarks/references_glutton.py [--data PATH]``

The strings keep their line breaks and hyphenation.  DOI accuracy is measured on the
strings that print a DOI at all (a parser cannot find one that is not there; finding the
others is Crossref matching's job), and separately over every string.  First page:
the parsed ``page``'s first page against the gold ``first-page``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refkit import parse_reference  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "glutton" / "dev.jsonl"


def _prints_doi(raw: str, doi: str) -> bool:
    compact = re.sub(r"\s+", "", raw).lower()
    return doi.lower() in compact


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="DOI and first page on raw PDF reference strings")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the shared data folder is needed)", file=sys.stderr)
        return 2
    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    started = time.process_time()
    records = [parse_reference(item["raw"]) for item in items]
    elapsed = time.process_time() - started
    printed = printed_right = doi_right = wrong_doi = 0
    page_total = page_right = 0
    for item, record in zip(items, records, strict=True):
        gold = item["gold"]
        doi = str(gold.get("doi") or "")
        if doi:
            right = record.doi.lower() == doi.lower()
            doi_right += right
            if record.doi and not right:
                wrong_doi += 1
            if _prints_doi(item["raw"], doi):
                printed += 1
                printed_right += right
        first = str(gold.get("first-page") or "")
        if first:
            page_total += 1
            page_right += record.first_page == first
    print(f"references: {len(items)}")
    print(
        f"DOI printed in the string: {printed}; found exactly: {printed_right / max(printed, 1):.3f}"
    )
    print(
        f"DOI right over all strings: {doi_right / len(items):.3f}; wrong DOIs given: {wrong_doi}"
    )
    print(f"first page right: {page_right / max(page_total, 1):.3f} of {page_total}")
    print(f"speed: {len(items) / elapsed:.0f} references/s of CPU time on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
