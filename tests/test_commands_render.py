"""``refkit render`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refkit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_render_examples_to_html_file(tmp_path: Path) -> None:
    out = tmp_path / "annotated.html"
    assert main(["render", str(ROOT / "examples" / "documents"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Libaers, D., &amp; Meyer, M. S. (2011)." in text


def test_render_csl_json_library_as_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library.json"
    library.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "type": "book",
                    "title": "A book",
                    "author": [{"family": "Doe", "given": "Jane"}],
                    "issued": {"date-parts": [[2020]]},
                    "publisher": "Press",
                }
            ]
        ),
        encoding="utf-8",
    )
    assert main(["render", str(library), "-t", "summaries", "--format", "md"]) == 0
    assert "### (Doe, 2020)" in capsys.readouterr().out


def test_user_templates_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "annotated.txt.j2").write_text("{{ entries|length }} entries\n", encoding="utf-8")
    code = main(
        [
            "render",
            str(ROOT / "examples" / "documents"),
            "--format",
            "txt",
            "--templates",
            str(tmp_path),
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == "4 entries\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-t", "nope"], "available templates: annotated (md, html, tex, txt)"),
        (["--style", "mla"], "available styles: apa"),
    ],
)
def test_unknown_names_list_the_available_ones(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(ROOT / "examples" / "documents"), *arguments]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_broken_template_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.md.j2"
    broken.write_text("line one\n{{ entries[0].nothing_here }}\n", encoding="utf-8")
    assert main(["render", str(ROOT / "examples" / "documents"), "-t", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:2:" in err and "nothing_here" in err
