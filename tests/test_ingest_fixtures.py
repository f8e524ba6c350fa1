"""The text reader on invented landing-page layouts: floors under its measured accuracy.

The figures themselves are reported by ``benchmarks/reader_accuracy.py``; this test only
keeps a change from quietly making the reader worse.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "reader_accuracy", ROOT / "benchmarks" / "reader_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_field_accuracy_stays_above_its_floor() -> None:
    scorer = load_scorer()
    paths = sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt"))
    assert len(paths) >= 40
    counts, details = scorer.score(paths)
    correct = sum(row["correct"] for row in counts.values())
    expected = sum(row["correct"] + row["wrong"] + row["missed"] for row in counts.values())
    extra = sum(row["extra"] for row in counts.values())
    assert correct / expected >= 0.92, "\n".join(details)
    # An empty field beats a guess: fields the pages do not state stay empty.
    assert extra <= 2, "\n".join(line for line in details if "not on the page" in line)
    for field in ("title", "doi"):
        row = counts[field]
        assert row["correct"] / (row["correct"] + row["wrong"] + row["missed"]) >= 0.9, field


# Pages written apart from the reader; the first four sets have since guided changes,
# so these floors only keep a change from undoing them (measured: 0.846, 0.784, 0.717, 0.677).
HELD_OUT_FLOORS = {
    "text-heldout": 0.82,
    "text-heldout2": 0.75,
    "text-heldout3": 0.68,
    "text-heldout4": 0.65,
}


def test_held_out_accuracy_stays_above_its_floor() -> None:
    scorer = load_scorer()
    for folder, floor in HELD_OUT_FLOORS.items():
        paths = sorted((ROOT / "tests" / "fixtures" / folder).glob("*.txt"))
        assert len(paths) >= 24, folder
        counts, details = scorer.score(paths)
        correct = sum(row["correct"] for row in counts.values())
        expected = sum(row["correct"] + row["wrong"] + row["missed"] for row in counts.values())
        assert correct / expected >= floor, f"{folder}: " + "\n".join(details)
