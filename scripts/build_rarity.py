"""Build ``refkit/analysis/rarity.json``: how common each word stem is in abstracts.

Keyphrase extraction weights a word by how rare it is in abstracts in general, so
"paper", "system" and "propose" count for less than "wavelength".  The table is document
frequencies of Porter stems over CSAbstruct's abstracts (Cohan et al. 2019, Apache-2.0),
train and dev; stems seen in fewer than three abstracts are left out (they count as
rare).  Deterministic: the same data gives the same file.

    python scripts/build_rarity.py [--data ../shared/data/csabstruct] [--out refkit/analysis/rarity.json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from refkit.analysis.keywords import stem

MIN_DOCUMENTS = 3
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "csabstruct"
_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "refkit" / "analysis" / "rarity.json",
    )
    args = parser.parse_args()
    frequency: Counter[str] = Counter()
    documents = 0
    for name in ("train.jsonl", "dev.jsonl"):
        with (args.data / name).open(encoding="utf-8") as handle:
            for line in handle:
                text = " ".join(json.loads(line)["sentences"]).lower()
                frequency.update({stem(word) for word in _WORD.findall(text)})
                documents += 1
    kept = {word: count for word, count in sorted(frequency.items()) if count >= MIN_DOCUMENTS}
    table = {
        "about": (
            "Document frequencies of Porter stems in CSAbstruct's abstracts (Cohan et al. "
            "2019, Apache-2.0), built by scripts/build_rarity.py."
        ),
        "documents": documents,
        "frequency": kept,
    }
    args.out.write_text(json.dumps(table, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"{documents} abstracts, {len(kept)} stems -> {args.out}")


if __name__ == "__main__":
    main()
