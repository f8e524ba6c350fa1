"""Throughput of DOI checking against a simulated Crossref that enforces the polite pool's limits.

Starts the shared Crossref simulator (``crossref_sim``; its folder is ``$CROSSREF_SIM_DIR``
or ``/work/shared/tools``) with synthetic works, the 2026 limits (polite pool: 10 single
requests/s, 3 list requests/s, 3 in flight) and 80 ms latency, then:

1. looks up N DOIs (default 10,000) with :class:`refkit.crossref.CrossrefClient` (no
   cache), after cleaning them with :func:`refkit.doi.normalize` as ``refkit check`` does;
2. looks up a sample (default 300) with habanero called once per DOI in a loop, and
   extrapolates its wall time to N.

Prints one JSON object: wall time, DOIs per second, requests sent and 429s received (as
counted by the simulator), next to the floor the limits allow.

    python benchmarks/crossref_throughput.py [--dois 10000] [--sample 300]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from refkit.crossref import CrossrefClient
from refkit.doi import normalize
from refkit.errors import DoiError

SIM_DIR = Path(os.environ.get("CROSSREF_SIM_DIR", "/work/shared/tools"))
MAILTO = "bench@example.org"


def start_simulator(
    records: Path, latency_ms: int, jitter_ms: int
) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crossref_sim",
            "serve",
            "--records",
            str(records),
            "--port",
            "0",
            "--profile",
            "2026",
            "--latency-ms",
            str(latency_ms),
            "--jitter-ms",
            str(jitter_ms),
        ],
        cwd=SIM_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening" not in line:
        process.kill()
        raise SystemExit(f"the simulator did not start: {line!r}")
    return process, line.split()[-1]


def sim(url: str, route: str, method: str = "GET") -> dict[str, Any]:
    request = urllib.request.Request(
        url + route, method=method, data=b"" if method == "POST" else None
    )
    with urllib.request.urlopen(request) as response:
        answer: dict[str, Any] = json.load(response)
        return answer


def run_refkit(url: str, dois: list[str]) -> dict[str, Any]:
    sim(url, "/__sim/reset", "POST")
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    with CrossrefClient(url, url, mailto=MAILTO, cache=None) as client:
        cleaned: list[str] = []
        for doi in dois:
            try:
                cleaned.append(normalize(doi))
            except DoiError:
                statuses["malformed"] += 1
        for result in client.works(cleaned):
            statuses[result.status] += 1
        wall = time.perf_counter() - started
        client_stats = client.stats.snapshot()
    stats = sim(url, "/__sim/stats")
    return {
        "wall_s": round(wall, 2),
        "dois_per_s": round(len(dois) / wall, 1),
        "requests": stats["requests"],
        "429s": stats["429s"],
        "max_in_flight": max(stats["max_in_flight"].values(), default=0),
        "client": client_stats,
        "statuses": dict(statuses),
    }


def run_habanero_loop(url: str, dois: list[str], total: int) -> dict[str, Any]:
    import habanero

    sim(url, "/__sim/reset", "POST")
    found = errors = 0
    crossref = habanero.Crossref(base_url=url, mailto=MAILTO)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # habanero warns on every 404 and 429 with warn=True
        for doi in dois:
            try:
                found += crossref.works(ids=doi, warn=True) is not None
            except Exception:  # habanero raises on dropped connections even with warn=True
                errors += 1
    wall = time.perf_counter() - started
    stats = sim(url, "/__sim/stats")
    return {
        "sample": len(dois),
        "wall_s": round(wall, 2),
        "dois_per_s": round(len(dois) / wall, 1),
        "extrapolated_wall_s": round(wall * total / len(dois), 1),
        "requests": stats["requests"],
        "429s": stats["429s"],
        "found": found,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dois", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="DOIs for the habanero loop")
    parser.add_argument("--latency-ms", type=int, default=80)
    parser.add_argument("--jitter-ms", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    sys.path.insert(0, str(SIM_DIR))
    from crossref_sim.bench import (
        make_dois,
    )  # the simulator's own mix of good, absent and junk DOIs

    with tempfile.TemporaryDirectory(prefix="refkit-bench-") as folder:
        records = Path(folder) / "works.jsonl"
        with records.open("w", encoding="utf-8") as handle:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "crossref_sim",
                    "synth",
                    "--n",
                    str(int(arguments.dois * 1.2)),
                    "--seed",
                    str(arguments.seed),
                ],
                cwd=SIM_DIR,
                stdout=handle,
                check=True,
            )
        known = [json.loads(line)["DOI"] for line in records.open(encoding="utf-8")]
        dois, mix = make_dois(known, arguments.dois, random.Random(arguments.seed))
        process, url = start_simulator(records, arguments.latency_ms, arguments.jitter_ms)
        try:
            refkit_figures = run_refkit(url, dois)
            sample = random.Random(arguments.seed + 1).sample(
                dois, min(arguments.sample, len(dois))
            )
            loop_figures = run_habanero_loop(url, sample, len(dois))
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()

    floor = math.ceil(arguments.dois / 100) / 3
    result = {
        "dois": arguments.dois,
        "mix": mix,
        "latency_ms": arguments.latency_ms,
        "jitter_ms": arguments.jitter_ms,
        "floor_s": round(floor, 1),
        "refkit": refkit_figures,
        "refkit_vs_floor": round(refkit_figures["wall_s"] / floor, 2),
        "habanero_loop": loop_figures,
        "speedup_vs_loop": round(loop_figures["extrapolated_wall_s"] / refkit_figures["wall_s"], 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
