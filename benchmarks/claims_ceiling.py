"""How far a classifier fitted to the claims data itself gets: a reference point for
``claims_sentences.py``, not a method refkit uses.

    PYTHONPATH=. python benchmarks/claims_ceiling.py [--words] [--data-dir ../shared/data/claims]

The claims data set has no licence, so refkit ships nothing fitted to it.  This script asks
what such fitting would buy: it trains a logistic regression in memory on the train split
and scores the validation split, with refkit's own sentence evidence as features (the rule
decision of :func:`refkit.analysis.claims.classify_sentences`, the wording cues of
:mod:`refkit.analysis.cues`, the role model's log-probabilities, the sentence's distance from
the end of the abstract and cues of the next sentence).  ``--words`` adds the sentence's
words and word pairs, as a TF-IDF-style baseline would.  ``--fit-on own-labels`` fits to
claim labels written for refkit instead, on 575 CSAbstruct train abstracts (Apache-2.0;
``benchmarks/data/csabstruct-claims.jsonl``, marked by the guide beside it), to see whether
labels of our own on licence-compatible text would carry over.  The decision threshold is chosen by
five-fold cross-validation on train; validation is only scored.  Nothing is written to disk.
Needs numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from refkit.analysis import cues
from refkit.analysis.claims import CLAIM_ROLES, classify_sentences
from refkit.analysis.roles import load_model, sentence_features

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims"
CSABSTRUCT = DEFAULT.parent / "csabstruct" / "train.jsonl"
OWN_LABELS = Path(__file__).resolve().parent / "data" / "csabstruct-claims.jsonl"
_WORD = re.compile(r"[a-z]+")
_CUES: dict[str, Callable[[str], bool]] = {
    "reports_claim": cues.reports_claim,
    "reports_past": cues.reports_past,
    "reports_statistics": cues.reports_statistics,
    "reports_detail": cues.reports_detail,
    "interprets": cues.interprets,
    "generalises": cues.generalises,
    "states_result": cues.states_result,
    "is_not_claim": cues.is_not_claim,
    "is_availability": cues.is_availability,
}


def sentence_evidence(sentences: Sequence[str]) -> list[dict[str, float]]:
    """refkit's evidence about each sentence of one abstract, as named numbers."""
    model = load_model()
    count = len(sentences)
    decisions = classify_sentences(sentences)
    rows: list[dict[str, float]] = []
    for index, text in enumerate(sentences):
        from_end = count - 1 - index
        row = {f"from_end_{k}": float(min(from_end, 3) == k) for k in range(4)}
        row["relative_position"] = index / max(count - 1, 1)
        for label, score in zip(
            model.labels, model.scores(sentence_features(text, index, count)), strict=True
        ):
            row[f"role_{label}"] = score
        claim = float(decisions[index][0] in CLAIM_ROLES)
        row["rule_claim"] = claim
        row["rule_claim_last"] = claim * row["from_end_0"]
        for name, cue in _CUES.items():
            row[name] = float(cue(text))
        row["hedged"] = float(bool(cues.hedges(text)))
        row["present"] = float(cues.tense(text) == "present")
        row["words"] = min(len(text.split()), 60) / 60
        rows.append(row)
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < count else {}
        for name in ("generalises", "interprets", "reports_past", "rule_claim"):
            row[f"next_{name}"] = following.get(name, 0.0)
    return rows


def _collect(
    abstracts: Iterable[tuple[list[str], Sequence[bool]]],
) -> tuple[list[dict[str, float]], list[set[str]], np.ndarray]:
    evidence: list[dict[str, float]] = []
    words: list[set[str]] = []
    labels: list[bool] = []
    for sentences, marked in abstracts:
        evidence.extend(sentence_evidence(sentences))
        for text in sentences:
            tokens = _WORD.findall(text.lower())
            words.append(set(tokens) | {f"{a}_{b}" for a, b in itertools.pairwise(tokens)})
        labels.extend(marked)
    return evidence, words, np.array(labels, dtype=float)


def read(path: Path) -> tuple[list[dict[str, float]], list[set[str]], np.ndarray]:
    """A claims split: every sentence with its gold label."""
    with path.open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    return _collect(
        (item["sentences"], [label == "1" for label in item["labels"]]) for item in items
    )


def read_own_labels(
    csabstruct: Path, labels: Path
) -> tuple[list[dict[str, float]], list[set[str]], np.ndarray]:
    """CSAbstruct train abstracts with the claim sentences marked in ``labels``.

    CSAbstruct's ``abstract_id`` is 0 throughout, so a label names its abstract by line
    number in ``train.jsonl`` and checks it by a hash of the text.
    """
    with csabstruct.open(encoding="utf-8") as handle:
        abstracts = [json.loads(line)["sentences"] for line in handle]
    chosen: list[tuple[list[str], list[bool]]] = []
    with labels.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            sentences = abstracts[item["line"] - 1]
            digest = hashlib.sha1(" ".join(sentences).encode("utf-8")).hexdigest()[:12]
            if digest != item["sha1"]:
                raise SystemExit(f"{labels}: line {item['line']} of {csabstruct} has other text")
            marked = set(item["claims"])
            chosen.append((sentences, [i in marked for i in range(len(sentences))]))
    return _collect(chosen)


def design(
    evidence: list[dict[str, float]],
    words: list[set[str]],
    vocabulary: dict[str, int],
    centre: np.ndarray,
    spread: np.ndarray,
) -> np.ndarray:
    names = sorted(evidence[0])
    dense = (np.array([[row[n] for n in names] for row in evidence]) - centre) / spread
    sparse = np.zeros((len(words), len(vocabulary)))
    for row_index, found in enumerate(words):
        for word in found:
            column = vocabulary.get(word)
            if column is not None:
                sparse[row_index, column] = 1.0
    matrix: np.ndarray = np.c_[dense, sparse, np.ones(len(evidence))]
    return matrix


def fit(matrix: np.ndarray, labels: np.ndarray, l2: float, steps: int = 400) -> np.ndarray:
    """Logistic regression by full-batch Adam."""
    weights = np.zeros(matrix.shape[1])
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    for step in range(1, steps + 1):
        probability = 1 / (1 + np.exp(-matrix @ weights))
        gradient = matrix.T @ (probability - labels) / len(labels) + l2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= 0.05 * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def scores(predicted: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    hits = float((predicted & (labels == 1)).sum())
    precision = hits / max(float(predicted.sum()), 1.0)
    recall = hits / max(float(labels.sum()), 1.0)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=DEFAULT)
    parser.add_argument("--words", action="store_true", help="add words and word pairs")
    parser.add_argument("--l2", type=float, default=3e-3)
    parser.add_argument(
        "--fit-on",
        choices=("claims", "own-labels"),
        default="claims",
        help="fit to the claims train split, or to claim labels written for refkit on "
        "CSAbstruct abstracts (benchmarks/data/csabstruct-claims.jsonl)",
    )
    parser.add_argument("--csabstruct", type=Path, default=CSABSTRUCT)
    parser.add_argument("--labels", type=Path, default=OWN_LABELS)
    args = parser.parse_args()
    if args.fit_on == "claims":
        train_evidence, train_words, train_labels = read(args.data_dir / "train.jsonl")
    else:
        train_evidence, train_words, train_labels = read_own_labels(args.csabstruct, args.labels)
    test_evidence, test_words, test_labels = read(args.data_dir / "validation.jsonl")
    counts = Counter(word for found in train_words for word in found)
    vocabulary = (
        {w: i for i, w in enumerate(sorted(w for w, n in counts.items() if n >= 3))}
        if args.words
        else {}
    )
    names = sorted(train_evidence[0])
    raw = np.array([[row[n] for n in names] for row in train_evidence])
    centre, spread = raw.mean(axis=0), raw.std(axis=0) + 1e-6
    train = design(train_evidence, train_words, vocabulary, centre, spread)
    test = design(test_evidence, test_words, vocabulary, centre, spread)
    # Out-of-fold probabilities on train choose the threshold; folds by sentence index.
    folds = np.arange(len(train_labels)) % 5
    held_out = np.zeros(len(train_labels))
    for fold in range(5):
        inside = folds != fold
        weights = fit(train[inside], train_labels[inside], args.l2)
        held_out[~inside] = 1 / (1 + np.exp(-train[~inside] @ weights))
    thresholds = [t / 100 for t in range(20, 71)]
    threshold = max(thresholds, key=lambda t: scores(held_out > t, train_labels)[2])
    weights = fit(train, train_labels, args.l2)
    probability = 1 / (1 + np.exp(-test @ weights))
    precision, recall, f1 = scores(probability > threshold, test_labels)
    kind = "refkit's evidence + words" if args.words else "refkit's evidence"
    print(f"fitted to: {args.fit_on}")
    print(f"features: {kind} ({train.shape[1]} columns); threshold {threshold:.2f} (train CV)")
    print(f"train CV F1 {scores(held_out > threshold, train_labels)[2]:.3f}")
    print(f"validation precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
