"""DOI matching accuracy: reference strings against a local index with a fifth of the answers withheld.

Data: ``../shared/data/glutton/dev.jsonl`` (raw reference strings cut from PMC PDFs, with
their true DOI and a few fields of the true record).  The index holds a work for every
true record except a withheld fifth, built from those fields in Crossref's schema and
searched in-process with SQLite FTS5 BM25 (every word of the query ORed, as
``query.bibliographic`` does).  Each reference string is then matched with
:func:`refkit.crossref.match.find_doi`, which sees only the raw string.

The threshold and margin are chosen on one half of the references (split by a hash of
their id) as the loosest setting whose precision there is at least 0.995, then reported
on the other half.  Figures:

* precision: correct links / all links made (withheld references included);
* recall: correct links / references whose true record is in the index;
* wrong links on absent: links made / references whose true record was withheld.

Run: ``python benchmarks/crossref_matching.py [--data PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refkit.crossref.match import ROWS, Candidate, choose, find_doi
from refkit.crossref.verify import fold
from refkit.model import Record

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "glutton" / "dev.jsonl"


def _bucket(text: str, buckets: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % buckets


def work_from_gold(gold: Mapping[str, Any]) -> dict[str, Any]:
    """A Crossref-shaped work holding only the fields the data set gives."""
    work: dict[str, Any] = {"DOI": gold["doi"].lower()}
    if gold.get("title"):
        work["title"] = [gold["title"]]
    if gold.get("container-title"):
        # The data set keeps the abbreviated journal name only.
        work["short-container-title"] = [gold["container-title"]]
    if gold.get("volume"):
        work["volume"] = gold["volume"]
    if gold.get("first-page"):
        work["page"] = gold["first-page"]
    if gold.get("author-first-family"):
        work["author"] = [{"family": gold["author-first-family"], "sequence": "first"}]
    return work


class LocalIndex:
    """An in-process stand-in for Crossref's ``query.bibliographic`` over a few thousand works."""

    def __init__(self, works: Sequence[Mapping[str, Any]]) -> None:
        self._works = list(works)
        self._db = sqlite3.connect(":memory:")
        self._db.execute("CREATE VIRTUAL TABLE works USING fts5(body)")
        rows = []
        for number, work in enumerate(self._works):
            fields = [
                *work.get("title", []),
                *work.get("short-container-title", []),
                str(work.get("volume", "")),
                str(work.get("page", "")),
                *(a.get("family", "") for a in work.get("author", [])),
            ]
            rows.append((number, fold(" ".join(fields))))
        self._db.executemany("INSERT INTO works(rowid, body) VALUES (?, ?)", rows)
        self.requests = 0

    def search(self, bibliographic: str, rows: int = 20) -> list[Mapping[str, Any]]:
        self.requests += 1
        words = sorted(set(fold(bibliographic).split()))
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        found = self._db.execute(
            "SELECT rowid, bm25(works) FROM works WHERE works MATCH ? ORDER BY bm25(works) LIMIT ?",
            (query, rows),
        ).fetchall()
        return [{**self._works[number], "score": round(-score * 1.2, 3)} for number, score in found]


@dataclass(frozen=True)
class Outcome:
    reference_id: str
    truth: str
    present: bool
    calibration: bool
    candidates: tuple[Candidate, ...]


def run_matching(rows: Sequence[Mapping[str, Any]], withheld_share: float) -> list[Outcome]:
    withheld = {
        r["gold"]["doi"].lower()
        for r in rows
        if _bucket("withhold:" + r["gold"]["doi"].lower(), 1000) < withheld_share * 1000
    }
    works: dict[str, dict[str, Any]] = {}
    for row in rows:
        doi = row["gold"]["doi"].lower()
        if doi not in withheld:
            works.setdefault(doi, work_from_gold(row["gold"]))
    index = LocalIndex(list(works.values()))
    outcomes = []
    for row in rows:
        truth = row["gold"]["doi"].lower()
        # Keep every candidate: the threshold sweep re-decides without searching again.
        result = find_doi(Record(), index, reference=row["raw"], threshold=2.0)
        outcomes.append(
            Outcome(
                reference_id=row["id"],
                truth=truth,
                present=truth not in withheld,
                calibration=_bucket("split:" + row["id"], 2) == 0,
                candidates=result.candidates,
            )
        )
    return outcomes


@dataclass(frozen=True)
class Figures:
    references: int
    present: int
    absent: int
    links: int
    correct: int
    wrong_present: int
    wrong_absent: int

    @property
    def precision(self) -> float:
        return self.correct / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.present if self.present else 0.0

    @property
    def wrong_on_absent(self) -> float:
        return self.wrong_absent / self.absent if self.absent else 0.0


def score(outcomes: Sequence[Outcome], threshold: float, margin: float) -> Figures:
    links = correct = wrong_present = wrong_absent = 0
    for outcome in outcomes:
        decided = choose(outcome.candidates, threshold=threshold, margin=margin)
        if not decided.doi:
            continue
        links += 1
        if decided.doi.lower() == outcome.truth and outcome.present:
            correct += 1
        elif outcome.present:
            wrong_present += 1
        else:
            wrong_absent += 1
    present = sum(1 for o in outcomes if o.present)
    return Figures(
        len(outcomes),
        present,
        len(outcomes) - present,
        links,
        correct,
        wrong_present,
        wrong_absent,
    )


def choose_setting(outcomes: Sequence[Outcome], target: float) -> tuple[float, float]:
    """The strictest threshold and margin that keep recall near its best at ``target`` precision.

    The loosest setting that reaches the target here would be too loose against
    Crossref's whole index, where far more near neighbours compete; so among settings
    whose recall is within half a point of the best, the strictest is taken.
    """
    grid = []
    for margin in (0.05, 0.1, 0.15, 0.2, 0.25):
        for step in range(40, 100):
            figures = score(outcomes, step / 100, margin)
            if figures.precision >= target:
                grid.append((figures.recall, step / 100, margin))
    if not grid:
        return 0.99, 0.25
    best_recall = max(recall for recall, _, _ in grid)
    near = [(t, m) for recall, t, m in grid if recall >= best_recall - 0.005]
    return max(near)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--withhold", type=float, default=0.2)
    parser.add_argument(
        "--target", type=float, default=0.995, help="precision to reach on calibration"
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    started = time.perf_counter()
    outcomes = run_matching(rows, args.withhold)
    elapsed = time.perf_counter() - started
    calibration = [o for o in outcomes if o.calibration]
    held_out = [o for o in outcomes if not o.calibration]
    threshold, margin = choose_setting(calibration, args.target)
    from refkit.crossref.match import MARGIN, THRESHOLD

    print(f"references: {len(outcomes)} ({len(calibration)} calibration, {len(held_out)} reported)")
    print(
        f"matching time: {elapsed:.1f} s ({len(outcomes) / elapsed:.0f} references/s, {ROWS} candidates each)"
    )
    print(f"chosen on calibration: threshold {threshold:.2f}, margin {margin:.2f}")
    print(f"shipped defaults:      threshold {THRESHOLD:.2f}, margin {MARGIN:.2f}")
    for label, subset, (t, m) in (
        ("calibration, chosen", calibration, (threshold, margin)),
        ("reported half, chosen", held_out, (threshold, margin)),
        ("reported half, defaults", held_out, (THRESHOLD, MARGIN)),
    ):
        f = score(subset, t, m)
        print(
            f"{label:24s} precision {f.precision:.4f}  recall {f.recall:.4f}  "
            f"wrong links on absent {f.wrong_on_absent:.4f} ({f.wrong_absent}/{f.absent})  "
            f"links {f.links}, correct {f.correct}, wrong with true present {f.wrong_present}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
