"""Train the sentence-role classifier shipped as ``refkit/analysis/roles.json``.

Data: CSAbstruct (Cohan et al. 2019, Apache-2.0), ``train.jsonl`` only; ``dev.jsonl`` is
left for ``benchmarks/roles_csabstruct.py``.  Needs numpy (a development dependency, not
a run-time one).  Deterministic: the same data gives the same file.

    python scripts/train_roles.py [--data ../shared/data/csabstruct] [--out refkit/analysis/roles.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from refkit.analysis.roles import CSABSTRUCT_ROLES, LABELS, sentence_features

MIN_COUNT = 5
L2 = 1e-3
EPOCHS = 200
LEARNING_RATE = 0.05
# Features whose largest absolute weight is below this are dropped from the shipped file:
# they barely move a prediction and would triple its size.
PRUNE_BELOW = 0.1
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "csabstruct"


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            rows.append((item["sentences"], [CSABSTRUCT_ROLES[label] for label in item["labels"]]))
    return rows


def featurise(rows: list[tuple[list[str], list[str]]]) -> tuple[list[list[str]], list[int]]:
    features, targets = [], []
    for sentences, labels in rows:
        for index, (text, label) in enumerate(zip(sentences, labels, strict=True)):
            features.append(sentence_features(text, index, len(sentences)))
            targets.append(LABELS.index(label))
    return features, targets


def train(features: list[list[str]], targets: list[int]) -> tuple[list[str], np.ndarray]:
    counts = Counter(f for row in features for f in row)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    column = {f: i for i, f in enumerate(vocabulary)}
    matrix = np.zeros((len(features), len(vocabulary)), dtype=np.float32)
    for row_index, row in enumerate(features):
        for feature in row:
            if feature in column:
                matrix[row_index, column[feature]] = 1.0
    onehot = np.eye(len(LABELS), dtype=np.float32)[targets]
    # Rare roles (aim, other) are weighted up by the square root of their rarity, so the
    # classifier does not learn to fold aims into methods; macro-F1 rises, accuracy barely moves.
    frequency = onehot.mean(axis=0)
    sample_weight = (onehot @ (1.0 / np.sqrt(frequency / frequency.max())))[:, None]
    sample_weight /= sample_weight.mean()
    weights = np.zeros((len(vocabulary), len(LABELS)), dtype=np.float32)
    # Adam on the full batch: a few hundred steps converge on ~11k sentences.
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    for step in range(1, EPOCHS + 1):
        logits = matrix @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = (
            matrix.T @ ((probabilities - onehot) * sample_weight) / len(features) + L2 * weights
        )
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        corrected = first / (1 - 0.9**step)
        scale = second / (1 - 0.999**step)
        weights -= LEARNING_RATE * corrected / (np.sqrt(scale) + 1e-8)
    return vocabulary, weights


def transitions(rows: list[tuple[list[str], list[str]]]) -> tuple[list[list[float]], list[float]]:
    size = len(LABELS)
    pairs = np.ones((size, size))
    starts = np.ones(size)
    for _sentences, labels in rows:
        indices = [LABELS.index(label) for label in labels]
        starts[indices[0]] += 1
        for a, b in itertools.pairwise(indices):
            pairs[a, b] += 1
    pairs /= pairs.sum(axis=1, keepdims=True)
    starts /= starts.sum()
    return (
        [[round(math.log(p), 4) for p in row] for row in pairs],
        [round(math.log(p), 4) for p in starts],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "refkit" / "analysis" / "roles.json",
    )
    args = parser.parse_args()
    rows = read(args.data / "train.jsonl")
    features, targets = featurise(rows)
    vocabulary, weights = train(features, targets)
    kept = {
        feature: [round(float(w), 3) for w in weights[i]]
        for i, feature in enumerate(vocabulary)
        if float(np.abs(weights[i]).max()) >= PRUNE_BELOW or feature == "bias"
    }
    pairs, starts = transitions(rows)
    model = {
        "about": (
            "Sentence-role classifier trained on CSAbstruct train (Cohan et al. 2019, "
            "Apache-2.0) by scripts/train_roles.py."
        ),
        "labels": list(LABELS),
        "weights": kept,
        "transitions": pairs,
        "starts": starts,
    }
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(rows)} abstracts, {len(features)} sentences, {len(kept)} features -> {args.out}")


if __name__ == "__main__":
    main()
