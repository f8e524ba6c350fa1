"""``refkit refs`` and ``refkit ingest --references``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "documents" / "emerald-osarenkhoe-2024.txt"


def _refkit(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "refkit.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_jsonl_gives_one_object_per_input_line_in_order() -> None:
    lines = [
        "Doe, J. (2020). A title. Journal of Tests, 3(2), 10-20.",
        "",
        "not a reference",
        "Roe, R. (2019). A book. London: Press.",
    ]
    result = _refkit("refs", "-", "--to", "jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["input"] for o in objects] == lines
    assert [o["parsed"] for o in objects] == [True, False, False, True]
    assert objects[0]["container-title"] == "Journal of Tests"
    assert objects[3]["type"] == "book"


def test_refs_section_to_bibtex(tmp_path: Path) -> None:
    section = tmp_path / "refs.txt"
    section.write_text(
        "Asheim, B. T., & Coenen, L. (2005). Knowledge bases. Research Policy, 34(8), 11731190.\n\n"
        "Ashton, P. (2006). Fashion. Journal of Fashion, 10(2), 181194.\n\n"
        "Doz, Y. (2011). Qualitative research. Journal of Studies, 42(5), 582590.\n\n"
        "Random line that is no reference\n",
        encoding="utf-8",
    )
    result = _refkit("refs", str(section), "--to", "bibtex")
    assert result.returncode == 0, result.stderr
    assert "pages = {1173--1190}" in result.stdout
    assert result.stdout.count("@") == 4
    assert "Random line that is no reference" in result.stdout


def test_missing_file_is_a_clear_error() -> None:
    result = _refkit("refs", "/nonexistent/refs.txt")
    assert result.returncode == 2
    assert "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_ingest_references_writes_entries_after_the_document() -> None:
    result = _refkit("ingest", "--references", "-q", str(SEED), "--to", "biblatex")
    assert result.returncode == 0, result.stderr
    entries = result.stdout.split("\n@")
    assert len(entries) == 111
    first_key = entries[0].split("{", 1)[1].split(",", 1)[0]
    assert all(f"usera = {{{first_key}}}" in entry for entry in entries[1:])
    csl = _refkit("ingest", "--references", "-q", str(SEED), "--to", "csljson")
    items = json.loads(csl.stdout)
    assert len(items) == 111
    assert items[0]["custom"]["has_references"] is True
    assert items[5]["custom"]["cited_by"] == items[0]["id"]
