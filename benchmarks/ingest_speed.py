"""Ingest speed: documents read per second on one core.

Reads every example document and fixture (landing pages as text and HTML, a full text)
from memory through the reader registry, as `refkit ingest` does.  Each pass runs in a
fresh process pinned to one core, so no cache warmed by an earlier pass flatters the
figure; the median of the passes is reported.

    python benchmarks/ingest_speed.py [--passes 7]
    python benchmarks/ingest_speed.py --warm [--held-out] [--passes 7]

``--warm`` measures in one process instead, after a warm-up pass (the steady rate of a long
batch), and reports the best and the median pass; it is quieter on a loaded machine, so two
trees can be compared in one session (``PYTHONPATH=<tree> python .../ingest_speed.py
--warm``).  ``--held-out`` adds the held-out page sets to the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from refkit.errors import InputError
from refkit.ingest import iter_files, read_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [
    ROOT / "examples" / "documents",
    ROOT / "tests" / "fixtures" / "text",
    ROOT / "tests" / "fixtures" / "html",
]


def load_documents(held_out: bool = False) -> list[tuple[str, bytes]]:
    documents = []
    folders = CORPUS + (
        sorted((ROOT / "tests" / "fixtures").glob("text-heldout*")) if held_out else []
    )
    for path in iter_files([p for p in folders if p.exists()]):
        if path.suffix in {".txt", ".html", ".htm"}:
            documents.append((str(path), path.read_bytes()))
    return documents


def one_pass(documents: list[tuple[str, bytes]] | None = None) -> tuple[int, int, float]:
    """Read every document once; return (documents, refused, seconds)."""
    documents = documents if documents is not None else load_documents()
    failed = 0
    started = time.perf_counter()
    for source, data in documents:
        try:
            read_bytes(data, source)
        except InputError:
            failed += 1
    return len(documents), failed, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help="measure in one warmed-up process")
    parser.add_argument("--held-out", action="store_true", help="add the held-out page sets")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.warm:
        documents = load_documents(args.held_out)
        one_pass(documents)  # warm-up: imports, compiled patterns, caches
        warm = sorted(
            count / seconds
            for count, _, seconds in (one_pass(documents) for _ in range(args.passes))
        )
        print(f"machine: {platform.machine()} python {platform.python_version()}, one core")
        print(
            f"corpus: {len(documents)} documents, {sum(len(d) for _, d in documents) / 1024:.0f} KiB"
        )
        print(
            f"{args.passes} warm passes in one process: best {warm[-1]:.0f} documents/s, "
            f"median {statistics.median(warm):.0f}"
        )
        return
    if args.one_pass:
        count, failed, seconds = one_pass()
        print(json.dumps({"documents": count, "refused": failed, "seconds": seconds}))
        return
    runs = []
    for _ in range(args.passes):
        output = subprocess.run(
            [sys.executable, __file__, "--one-pass"], capture_output=True, text=True, check=True
        ).stdout
        runs.append(json.loads(output))
    rates = sorted(run["documents"] / run["seconds"] for run in runs)
    documents = load_documents()
    size = sum(len(data) for _, data in documents)
    print(f"machine: {platform.machine()} python {platform.python_version()}, one core")
    print(
        f"corpus: {len(documents)} documents, {size / 1024:.0f} KiB ({runs[0]['refused']} refused as not bibliographic)"
    )
    print(
        f"{args.passes} cold passes: median {statistics.median(rates):.0f} documents/s (min {rates[0]:.0f}, max {rates[-1]:.0f})"
    )


if __name__ == "__main__":
    main()
