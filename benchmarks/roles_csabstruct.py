"""Accuracy and macro-F1 of the sentence-role classifier on CSAbstruct's dev split.

    python benchmarks/roles_csabstruct.py [--data ../shared/data/csabstruct/dev.jsonl]

CSAbstruct's labels are mapped to refkit's (objective -> aim, result -> finding).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from refkit.analysis.roles import CSABSTRUCT_ROLES, LABELS, predict_roles

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "csabstruct" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    gold: list[str] = []
    predicted: list[str] = []
    started = time.perf_counter()
    abstracts = 0
    with args.data.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            abstracts += 1
            gold.extend(CSABSTRUCT_ROLES[label] for label in item["labels"])
            predicted.extend(role for role, _p in predict_roles(item["sentences"]))
    elapsed = time.perf_counter() - started
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    f1s = []
    print(f"{'label':<12}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    support = Counter(gold)
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support[label] if support[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if support[label]:
            f1s.append(f1)
        print(f"{label:<12}{precision:7.3f}{recall:7.3f}{f1:7.3f}{support[label]:6d}")
    print(f"abstracts {abstracts}, sentences {len(gold)}")
    print(f"accuracy {correct / len(gold):.3f}  macro-F1 {sum(f1s) / len(f1s):.3f}")
    print(f"speed {abstracts / elapsed:.0f} abstracts/s")


if __name__ == "__main__":
    main()
