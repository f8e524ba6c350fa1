"""The ``refkit`` command as a user runs it: exit codes, messages, files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from refkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"


def test_ingest_examples_to_bibtex_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "library.bib"
    assert main(["ingest", str(EXAMPLES), "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("@article{") == 3
    # The IRIS page names no journal: an @article without one would make biber warn.
    assert text.count("@misc{") == 1
    assert "doi = {10.1016/j.respol.2011.06.005}" in text
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("csljson", '"type": "article-journal"'), ("ris", "TY  - JOUR"), ("biblatex", "@article{")],
)
def test_ingest_to_stdout_in_each_format(
    fmt: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(EXAMPLES / "eprints-libaers-2011.txt"), "--to", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_output_format_follows_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "library.json"
    assert main(["ingest", str(EXAMPLES / "pure-bettiol-2019.txt"), "-o", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items[0]["title"].startswith("Local or global?")


def test_bad_files_are_named_and_the_rest_is_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "menu.html").write_text("<html><body><p>Home</p></body></html>", encoding="utf-8")
    good = tmp_path / "page.txt"
    good.write_text(
        (EXAMPLES / "eprints-libaers-2011.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["ingest", str(tmp_path), "--to", "bibtex"]) == 0
    captured = capsys.readouterr()
    assert "@article{" in captured.out
    errors = captured.err.strip().splitlines()
    assert any("empty.txt" in line for line in errors)
    assert any("binary.dat" in line for line in errors)
    assert any("menu.html" in line for line in errors)
    assert "Traceback" not in captured.err


def test_no_usable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "missing.bib")]) == 2
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    assert "missing.bib: no such file or folder" in err
    assert "no usable input" in err


def test_truncated_bib_names_the_line_and_keeps_the_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{good2020,\n  title = {A good entry},\n  author = {Doe, Jane},\n  year = {2020}\n}\n\n"
        "@article{broken,\n  title = {Cut off here\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(bib), "--to", "bibtex"]) == 0
    captured = capsys.readouterr()
    assert "good2020" in captured.out
    assert "@article{broken,\n  title = {Cut off here" in captured.out
    assert f"{bib}:7" in captured.err


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    data = (EXAMPLES / "iris-carloni-2022.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["ingest", "-", "--to", "csljson"]) == 0
    assert "Carloni" in capsys.readouterr().out


def test_console_script_help_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "refkit.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("refkit ")
    result = subprocess.run(
        [sys.executable, "-m", "refkit.cli", "ingest", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Examples:" in result.stdout


def test_help_imports_no_heavy_module() -> None:
    """``refkit --help`` stays instant: building the parser loads no engine or client."""
    code = (
        "import sys; from refkit.cli import _build_parser; _build_parser(); "
        "heavy = [m for m in ('habanero', 'jinja2', 'citeproc', 'pycrfsuite', 'bibtexparser', "
        "'pypdf', 'requests', 'sqlite3') if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
