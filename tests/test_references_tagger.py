"""The shipped tagger model loads and labels, and the training script rebuilds one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pycrfsuite

from refkit.references.tagger import LABELS, MODEL_PATH, tag_tokens

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_loads_and_knows_every_label() -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    assert set(tagger.labels()) <= set(LABELS)
    assert {"author", "title", "container-title", "date", "pages", "volume"} <= set(tagger.labels())


def test_tags_a_plain_reference() -> None:
    tokens = [
        "Doe,",
        "J.",
        "(2020).",
        "A",
        "title",
        "of",
        "things.",
        "Journal",
        "of",
        "Tests,",
        "3(2),",
        "10-20.",
    ]
    labels = tag_tokens(tokens)
    assert labels[:2] == ["author", "author"]
    assert labels[2] == "date"
    assert labels[-1] == "pages"


def test_training_script_builds_a_loadable_model(tmp_path: Path) -> None:
    data = tmp_path / "tiny.jsonl"
    items = [
        {
            "segments": [
                ["author", "Doe, J."],
                ["date", "(2020)."],
                ["title", "A title."],
                ["journal", "Journal,"],
                ["volume", "3,"],
                ["pages", "1-2."],
            ]
        },
        {
            "segments": [
                ["author", "Roe, R."],
                ["date", "(2019)."],
                ["title", "Book."],
                ["location", "London:"],
                ["publisher", "Press."],
            ]
        },
    ]
    data.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    out = tmp_path / "model.crfsuite"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_reference_model.py"),
            "--data",
            str(data),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    assert "container-title" in tagger.labels()
