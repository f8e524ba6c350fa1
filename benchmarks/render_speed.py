"""Entries rendered per second: an annotated bibliography of 1,000 entries (APA, HTML).

Each pass renders the whole bibliography once in this process (CSL formatting, sorting,
in-text forms, summaries and the Jinja template); the figure is entries per second of
the median pass, on one core.

    python benchmarks/render_speed.py [--entries 1000] [--passes 5] [--format html]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from render_records import claim_records, example_records, handmade_records  # noqa: E402

from refkit.model import Date, Person  # noqa: E402
from refkit.render import render  # noqa: E402


def library(size: int) -> list:  # type: ignore[type-arg]
    """``size`` distinct records cycled from the test set (authors and years varied)."""
    base = example_records() + handmade_records() + claim_records()
    out = []
    for index in range(size):
        record = base[index % len(base)]
        first = Person(f"Author{index:04d}", "Ann")
        out.append(
            replace(record, author=(first, *record.author[1:]), issued=Date(1990 + index % 35))
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--format", default="html", choices=("md", "html", "tex", "txt"))
    args = parser.parse_args()
    records = library(args.entries)
    render(records[:10], fmt=args.format)  # load the style and templates once
    rates = []
    for _ in range(args.passes):
        start = time.perf_counter()
        render(records, template="annotated", fmt=args.format)
        rates.append(args.entries / (time.perf_counter() - start))
    print(
        f"annotated {args.format}, {args.entries} entries, {args.passes} passes: "
        f"median {statistics.median(rates):.0f} entries/s "
        f"(min {min(rates):.0f}, max {max(rates):.0f})"
    )


if __name__ == "__main__":
    main()
