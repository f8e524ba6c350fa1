"""Train the reference-string tagger shipped as refkit/references/model.crfsuite.

Usage::

    python scripts/train_reference_model.py [--data ../shared/data/anystyle/core.jsonl] [--out PATH]

The training data is AnyStyle's hand-labelled core set (BSD-2-Clause), one JSON object
a line with ``segments`` as [label, text] pairs.  Training is deterministic (L-BFGS,
fixed parameters), so the same data gives the same model.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refkit.references.tagger import LABELS, MODEL_PATH, features  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "anystyle" / "core.jsonl"

#: AnyStyle labels folded into the ones refkit keeps apart.
LABEL_MAP = {
    "journal": "container-title",
    "source": "container-title",
    "director": "author",
    "producer": "author",
    "medium": "note",
}

#: Training parameters (L2 regularisation chosen on the core set alone, by cross-validation).
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}


def labelled_sequences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(tokens, labels) for every reference of a labelled JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            tokens: list[str] = []
            labels: list[str] = []
            for label, text in item["segments"]:
                label = LABEL_MAP.get(label, label)
                if label not in LABELS:
                    label = "note"
                for token in text.split():
                    tokens.append(token)
                    labels.append(label)
            if tokens:
                yield tokens, labels


def train(data: Path, out: Path) -> int:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for tokens, labels in labelled_sequences(data):
        trainer.append(features(tokens), labels)
        count += 1
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"train_reference_model: {args.data}: no such file", file=sys.stderr)
        return 2
    count = train(args.data, args.out)
    print(f"trained on {count} references -> {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
