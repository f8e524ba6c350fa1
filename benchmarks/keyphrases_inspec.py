"""F1@5 and F1@10 of extracted keyphrases on Inspec, and the speed of extraction.

    python benchmarks/keyphrases_inspec.py [--data ../shared/data/inspec/validation.jsonl]

Protocol of pke's published tables: predictions and gold keyphrases are lower-cased and
Porter-stemmed word by word, matched exactly, and gold keyphrases absent from the text still
count against recall.  Speed is measured on one core over the same abstracts, after one
warm-up pass (so caches are filled as in a long batch run).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from refkit.analysis.keywords import extract_keyphrases, stem

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "inspec" / "validation.jsonl"


def normalise(phrase: str) -> str:
    return " ".join(stem(word) for word in re.findall(r"[a-z0-9]+", phrase.lower()))


def f1(predicted: list[str], gold: set[str]) -> float:
    hits = sum(1 for p in predicted if p in gold)
    if not hits:
        return 0.0
    precision = hits / len(predicted)
    recall = hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    at5 = at10 = 0.0
    for item in items:
        gold = {normalise(k) for k in item["keyphrases"]}
        found = extract_keyphrases(item["title"], item["abstract"], n=10)
        predicted = list(dict.fromkeys(normalise(k.text) for k in found))
        at5 += f1(predicted[:5], gold)
        at10 += f1(predicted[:10], gold)
    started = time.perf_counter()
    for item in items:
        extract_keyphrases(item["title"], item["abstract"], n=10)
    elapsed = time.perf_counter() - started
    print(f"abstracts {len(items)}")
    print(f"F1@5 {at5 / len(items):.3f}  F1@10 {at10 / len(items):.3f}")
    print(f"speed {len(items) / elapsed:.0f} abstracts/s (one core, warm)")


if __name__ == "__main__":
    main()
