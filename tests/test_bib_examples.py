"""bib/ holds what refkit makes of the example documents; it must never go stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_bib", ROOT / "scripts" / "update_bib.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_bib_matches_a_fresh_build() -> None:
    update = load_update_script()
    assert update.stale(ROOT / "bib") == [], "bib/ is stale: run python scripts/update_bib.py"


def test_the_library_holds_the_four_examples() -> None:
    text = (ROOT / "bib" / "examples.bib").read_text(encoding="utf-8")
    assert text.isascii()
    for key in (
        "BettiolLocalGlobalDoes2019",
        "CarloniFormalClustersSupporting2022",
        "LibaersHighlyInnovativeSmall2011",
        "OsarenkhoeUnveilingExogenousGaps2024",
    ):
        assert f"{{{key}," in text
