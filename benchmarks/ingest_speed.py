"""Ingest speed: documents read per second on one core.

Reads every example document and text fixture (landing pages, a full text) from memory
through the reader registry, as `refkit ingest` does, repeating until at least
``--seconds`` have passed, and prints documents per second.

    python benchmarks/ingest_speed.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import os
import platform
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


def load_documents() -> list[tuple[str, bytes]]:
    documents = []
    for path in iter_files([p for p in CORPUS if p.exists()]):
        if path.suffix in {".txt", ".html", ".htm"}:
            documents.append((str(path), path.read_bytes()))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    documents = load_documents()
    size = sum(len(data) for _, data in documents)
    read = failed = 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for source, data in documents:
            try:
                read_bytes(data, source)
            except InputError:
                failed += 1
            read += 1
    elapsed = time.perf_counter() - started
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, one core"
    )
    print(f"corpus: {len(documents)} documents, {size / 1024:.0f} KiB")
    print(
        f"read {read} documents in {elapsed:.2f} s: {read / elapsed:.0f} documents/s ({failed} refused)"
    )


if __name__ == "__main__":
    main()
