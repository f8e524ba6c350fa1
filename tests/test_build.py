"""``refkit build``: the whole flow, offline and against a local Crossref."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refkit.build import OUTPUTS
from refkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"


def build(outdir: Path, *extra: str) -> int:
    return main(["build", str(EXAMPLES), "--references", "-o", str(outdir), "-q", *extra])


def test_offline_build_writes_every_file_and_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tmp_path / "out", "--offline") == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)
    assert err.count("marked unverified") == 1
    assert "read 4 documents: 4 records, 110 references" in err
    report = json.loads((tmp_path / "out" / "doi-report.json").read_text(encoding="utf-8"))
    assert {entry["verdict"] for entry in report} == {"unverified"}
    library = (tmp_path / "out" / "library.bib").read_text(encoding="utf-8")
    assert library.count("usera = {OsarenkhoeUnveilingExogenousGaps2024}") == 110
    annotated = (tmp_path / "out" / "annotated-bibliography.md").read_text(encoding="utf-8")
    assert "surveyed 259 Italian cluster firms" in annotated


def test_rebuilding_gives_byte_identical_files(tmp_path: Path) -> None:
    assert build(tmp_path / "a", "--offline") == 0
    assert build(tmp_path / "b", "--offline") == 0
    for name in OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_unreachable_crossref_is_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The test environment points Crossref at a closed local port.
    assert build(tmp_path / "out", "--no-cache") == 0
    err = capsys.readouterr().err
    assert "Crossref could not be reached" in err
    assert "Traceback" not in err


def test_no_usable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert (
        main(["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "-q", "--offline"])
        == 2
    )
    assert "no usable input" in capsys.readouterr().err


def test_a_cache_file_given_on_the_command_line_is_used_and_closed(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    assert build(tmp_path / "out", "--offline", "--cache", str(cache)) == 0
    assert cache.exists()
