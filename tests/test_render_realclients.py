"""Rendered output opened by the programs a reader uses: pdflatex and headless Chromium."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from realclients import require_tool, run
from render_records import claim_records, example_records, hostile_record

from refkit.render import render

pytestmark = pytest.mark.realclient


def _records() -> list:  # type: ignore[type-arg]
    return example_records() + claim_records() + [hostile_record()]


@pytest.mark.parametrize("template", ["annotated", "annotated-fragment"])
def test_latex_compiles_and_holds_the_entries(template: str, tmp_path: Path) -> None:
    pdflatex = require_tool("pdflatex")
    pdftotext = require_tool("pdftotext")
    body = render(_records(), template=template, fmt="tex")
    if template == "annotated-fragment":
        (tmp_path / "bibliography.tex").write_text(body, encoding="utf-8")
        body = (
            "\\documentclass{report}\\usepackage[utf8]{inputenc}\\begin{document}\n"
            "\\chapter{Literature}\\input{bibliography}\n\\end{document}\n"
        )
    (tmp_path / "doc.tex").write_text(body, encoding="utf-8")
    result = run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex"],
        cwd=tmp_path,
        timeout=300,
    )
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, "\n".join(re.findall(r"^!.*(?:\n.*){0,3}", log, re.M))
    assert "runsystem" not in log  # \write18 never ran
    text = run([pdftotext, "-layout", "doc.pdf", "-"], cwd=tmp_path).stdout
    flat = " ".join(text.split())
    for expected in (
        "Libaers, D., & Meyer, M. S. (2011).",
        "Osarenkhoe, A., Fjellstr",  # the umlaut is an accent over "o" in the PDF
        "Komunda, M. B. (2024).",
        "Bettiol et al. (2019) surveyed 259 Italian cluster firms",
        "WARNING: RETRACTED",
        "\\input{/etc/passwd}",
    ):
        assert expected in flat


def _png_rows_vary(png: bytes) -> bool:
    """Whether a PNG screenshot shows more than one colour (something was drawn)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    width = 0
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunk = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", chunk[:4])[0]
        if kind == b"IDAT":
            data += chunk
        position += 12 + length
    raw = zlib.decompress(data)
    return len(set(raw[: width * 40])) > 8 or len(set(raw)) > 8


def test_html_page_in_headless_chromium(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    page = tmp_path / "annotated.html"
    page.write_text(render(_records(), template="annotated", fmt="html"), encoding="utf-8")
    flags = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,1800",
    ]
    shot = tmp_path / "annotated.png"
    result = run([*flags, f"--screenshot={shot}", page.as_uri()], cwd=tmp_path, timeout=120)
    assert shot.is_file(), result.stderr[-2000:]
    assert _png_rows_vary(shot.read_bytes())
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert not console, "\n".join(console)
    dom = run([*flags, "--dump-dom", page.as_uri()], cwd=tmp_path, timeout=120)
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    assert not console, "\n".join(console)
    assert dom.stdout.count('class="entry"') == len(_records())
    assert "Bettiol et al. (2019) surveyed 259 Italian cluster firms" in dom.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    assert "<script>" not in dom.stdout
