"""Field accuracy of the text and HTML readers on labelled example pages.

Each ``tests/fixtures/text/<kind>-<n>.txt`` has a ``.expected.json`` with the fields a
careful person reads off the page (a field the page does not state is absent).  For
every field this prints how often the reader got it right (correct / expected), how
often it left it empty, and how often it filled a field the page does not state.

    python benchmarks/reader_accuracy.py [--details]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from refkit.errors import InputError
from refkit.ingest.text import read_text
from refkit.model import Record

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "text"

FIELDS = (
    "type", "title", "author", "issued", "container_title", "volume", "issue", "page", "number",
    "doi", "issn", "isbn", "publisher", "language", "url", "abstract", "keywords", "license",
)  # fmt: skip


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def observed(record: Record, field: str) -> Any:
    """The record's value of ``field`` in the expected files' shape (None when empty)."""
    value = getattr(record, field)
    if field == "author":
        return [p.to_csl() for p in value] or None
    if field == "issued":
        return value.iso() if value else None
    if field in {"issn", "isbn", "keywords"}:
        return list(value) or None
    if field == "doi":
        return value.lower() or None
    if field == "abstract":
        return _space(value) or None
    where = record.provenance.get("language")
    if field == "language" and where is not None and where.note.startswith("detected"):
        # A language detected from the abstract is an inference, not a stated field.
        return None
    return value or None


def expected_value(expected: dict[str, Any], field: str) -> Any:
    value = expected.get(field)
    if value in (None, "", []):
        return None
    if field == "doi":
        return str(value).lower()
    if field == "abstract":
        return _space(str(value))
    if field == "isbn":
        # An ISBN is its digits; hyphens are only how a page prints it.
        return [re.sub(r"[\s-]", "", str(isbn)) for isbn in value]
    return value


def score(paths: list[Path]) -> tuple[dict[str, Counter[str]], list[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    details: list[str] = []
    for path in paths:
        expected = json.loads(
            path.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8")
        )
        try:
            record = read_text(path.read_text(encoding="utf-8"), str(path))[0]
        except InputError as error:
            record = Record()
            details.append(f"{path.name}: refused: {error}")
        for field in FIELDS:
            want, got = expected_value(expected, field), observed(record, field)
            if want is None and got is None:
                continue
            if want is None:
                counts[field]["extra"] += 1
                details.append(f"{path.name}: {field}: not on the page, got {got!r}")
            elif got is None:
                counts[field]["missed"] += 1
                details.append(f"{path.name}: {field}: missed {want!r}")
            elif want == got:
                counts[field]["correct"] += 1
            else:
                counts[field]["wrong"] += 1
                details.append(f"{path.name}: {field}: want {want!r}, got {got!r}")
    return counts, details


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--folder",
        type=Path,
        default=FIXTURES,
        help="fixtures to score (default tests/fixtures/text; tests/fixtures/text-heldout is the held-out set)",
    )
    args = parser.parse_args()
    paths = sorted(p for p in args.folder.glob("*.txt"))
    counts, details = score(paths)
    total = Counter[str]()
    print(f"{len(paths)} pages")
    print(
        f"{'field':<16}{'expected':>9}{'correct':>9}{'wrong':>7}{'missed':>8}{'extra':>7}{'accuracy':>10}"
    )
    for field in FIELDS:
        row = counts[field]
        total.update(row)
        expected = row["correct"] + row["wrong"] + row["missed"]
        accuracy = row["correct"] / expected if expected else 1.0
        print(
            f"{field:<16}{expected:>9}{row['correct']:>9}{row['wrong']:>7}{row['missed']:>8}{row['extra']:>7}{accuracy:>10.3f}"
        )
    expected = total["correct"] + total["wrong"] + total["missed"]
    print(
        f"{'all fields':<16}{expected:>9}{total['correct']:>9}{total['wrong']:>7}{total['missed']:>8}{total['extra']:>7}{total['correct'] / max(expected, 1):>10.3f}"
    )
    if args.details:
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
