"""The rhetorical role of each sentence of an unstructured abstract.

A multinomial logistic regression over words, word pairs, opening words and the
sentence's position, followed by a Viterbi pass with transition weights, because roles
follow each other in a typical order (background, aim, method, result).  The weights in
``roles.json`` were trained on CSAbstruct (Cohan et al. 2019, Apache-2.0) by
``scripts/train_roles.py``; inference is plain Python.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "CSABSTRUCT_ROLES",
    "LABELS",
    "RoleModel",
    "load_model",
    "predict_roles",
    "sentence_features",
]

#: CSAbstruct's sentence labels -> the classifier's roles (for training and measuring).
CSABSTRUCT_ROLES: dict[str, str] = {
    "background": "background",
    "objective": "aim",
    "method": "method",
    "result": "finding",
    "other": "other",
}

#: Labels of the classifier, in the order of its weight columns.
LABELS: tuple[str, ...] = ("background", "aim", "method", "finding", "other")

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*|\d+(?:[.,]\d+)?%?")


def _normalise(token: str) -> str:
    if token[0].isdigit():
        return "<pct>" if token.endswith("%") else "<num>"
    return token


def sentence_features(text: str, index: int, count: int) -> list[str]:
    """The sparse binary features of one sentence of an abstract of ``count`` sentences.

    Shared by training and inference so the two can never drift apart.
    """
    tokens = [_normalise(t) for t in _WORD.findall(text.lower())]
    features = [f"w:{t}" for t in set(tokens)]
    features.extend({f"b:{a}_{b}" for a, b in itertools.pairwise(tokens)})
    if tokens:
        features.append(f"f1:{tokens[0]}")
    if len(tokens) > 1:
        features.append(f"f2:{tokens[0]}_{tokens[1]}")
    relative = index / max(count - 1, 1)
    features.append(f"pos:{min(int(relative * 5), 4)}")
    if index == 0:
        features.append("pos:first")
    if index == count - 1:
        features.append("pos:last")
    if index == count - 2:
        features.append("pos:penultimate")
    length = len(tokens)
    features.append("len:" + ("short" if length < 12 else "medium" if length < 30 else "long"))
    if "<pct>" in tokens or "<num>" in tokens:
        features.append("has:number")
    features.append("bias")
    return features


@dataclass(frozen=True)
class RoleModel:
    """Weights of the classifier: feature -> one weight per label, and label transitions."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    transitions: tuple[tuple[float, ...], ...]
    starts: tuple[float, ...]

    def scores(self, features: Sequence[str]) -> list[float]:
        """Log-probabilities of each label for one sentence's features."""
        totals = [0.0] * len(self.labels)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for column, weight in enumerate(row):
                    totals[column] += weight
        top = max(totals)
        norm = top + math.log(sum(math.exp(t - top) for t in totals))
        return [t - norm for t in totals]


@lru_cache(maxsize=1)
def load_model() -> RoleModel:
    """The shipped model (read once)."""
    data = json.loads(resources.files("refkit.analysis").joinpath("roles.json").read_text("utf-8"))
    labels = tuple(data["labels"])
    return RoleModel(
        labels=labels,
        weights={name: tuple(row) for name, row in data["weights"].items()},
        transitions=tuple(tuple(row) for row in data["transitions"]),
        starts=tuple(data["starts"]),
    )


def predict_roles(
    sentences: Sequence[str], model: RoleModel | None = None
) -> list[tuple[str, float]]:
    """The most likely role sequence for an abstract's sentences, with each sentence's
    own probability for the role it was given."""
    if not sentences:
        return []
    model = model or load_model()
    count = len(sentences)
    emissions = [
        model.scores(sentence_features(text, index, count)) for index, text in enumerate(sentences)
    ]
    size = len(model.labels)
    best = [model.starts[j] + emissions[0][j] for j in range(size)]
    back: list[list[int]] = []
    for emission in emissions[1:]:
        pointers: list[int] = []
        current: list[float] = []
        for j in range(size):
            i = max(range(size), key=lambda k: best[k] + model.transitions[k][j])
            pointers.append(i)
            current.append(best[i] + model.transitions[i][j] + emission[j])
        back.append(pointers)
        best = current
    state = max(range(size), key=lambda k: best[k])
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    path.reverse()
    return [(model.labels[j], math.exp(emissions[n][j])) for n, j in enumerate(path)]
