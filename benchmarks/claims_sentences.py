"""Precision, recall and F1 of the claim / not-claim decision per sentence.

    python benchmarks/claims_sentences.py [--data ../shared/data/claims/validation.jsonl] [--errors N]

Data: Achakulvisut et al. (2020), biomedical abstracts whose sentences three experts
labelled claim or not.  The data set has no licence: it is read here to measure, never
copied or fitted.  The data set's own sentence split is used, so every label lines up with
one decision; a sentence counts as a claim when its role is finding, conclusion,
contribution, implication or limitation (``--claim-roles`` changes that set).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from refkit.analysis.claims import CLAIM_ROLES, classify_sentences

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims" / "validation.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong decisions")
    parser.add_argument("--claim-roles", default=",".join(sorted(CLAIM_ROLES)))
    args = parser.parse_args()
    claim_roles = set(args.claim_roles.split(","))
    tp = fp = fn = tn = 0
    errors: list[str] = []
    abstracts = 0
    started = time.perf_counter()
    with args.data.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            abstracts += 1
            roles = classify_sentences(item["sentences"])
            for text, label, (role, _score) in zip(
                item["sentences"], item["labels"], roles, strict=True
            ):
                gold = label == "1"
                predicted = role in claim_roles
                tp += gold and predicted
                fp += predicted and not gold
                fn += gold and not predicted
                tn += not gold and not predicted
                if gold != predicted and len(errors) < args.errors:
                    errors.append(f"{'FN' if gold else 'FP'} [{role}] {text[:150]}")
    elapsed = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    for error in errors:
        print(error)
    print(f"abstracts {abstracts}, sentences {tp + fp + fn + tn}, claims {tp + fn}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"speed {abstracts / elapsed:.0f} abstracts/s")


if __name__ == "__main__":
    main()
