from __future__ import annotations

import re

import bibtexparser
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.export import FORMATS, write
from refkit.export.bibtex import dumps, entry_type, representable
from refkit.export.keys import assign_keys
from refkit.export.latex import balanced, encode_title, latex_to_unicode
from refkit.ingest.bibtex import parse_bibtex
from refkit.model import Date, Person, Record
from tests.sample_records import SAMPLES, check_golden


def test_golden_bibtex() -> None:
    check_golden("samples.bib", dumps(SAMPLES, "bibtex"))


def test_golden_biblatex() -> None:
    check_golden("samples.biblatex.bib", dumps(SAMPLES, "biblatex"))


def test_dispatch() -> None:
    assert set(FORMATS) == {"bibtex", "biblatex", "csljson", "ris"}
    assert write(SAMPLES, "bibtex") == dumps(SAMPLES)


def test_checklist_details() -> None:
    text = dumps(SAMPLES)
    assert text.isascii()
    assert "pages = {1995--2014}" in text
    assert "month = oct," in text
    assert "{Di Maria}, Eleonora" in text
    assert "{World Health Organization}" in text
    assert "{GIS}" in text and "{SMEs}" in text
    assert "doi = {10.1080/09654313.2019.1628186}" in text
    assert "keywords = {innovation, internationalization, global value chain}" in text
    assert "note = {License: CC BY 4.0}" in text
    assert "annote = {Read for chapter 2.}" in text
    assert "@" not in re.sub(r"(?m)^@\w+\{", "", text)
    assert balanced(text)
    biblatex = dumps(SAMPLES, "biblatex")
    assert "date = {2019-10-03}" in biblatex
    assert "journaltitle = {European Planning Studies}" in biblatex
    assert "Fjellström" in biblatex
    assert "van Dijk, Jan" in biblatex


def test_entry_types_are_ones_zotero_keeps() -> None:
    keep = {"article", "book", "inbook", "incollection", "inproceedings", "phdthesis",
            "mastersthesis", "techreport", "misc", "unpublished"}  # fmt: skip
    for csl in ("article-journal", "chapter", "thesis", "software", "nonsense", "webpage"):
        assert entry_type(Record(type=csl)) in keep
        assert entry_type(Record(type=csl), "biblatex") in keep | {"online", "report", "thesis"}


def test_round_trip_records_and_text() -> None:
    for dialect in ("bibtex", "biblatex"):
        records = assign_keys(SAMPLES)
        text = dumps(records, dialect)  # type: ignore[arg-type]
        back = parse_bibtex(text, "x.bib")
        assert back == [representable(r, dialect) for r in records]  # type: ignore[arg-type]
        assert dumps(back, dialect) == text  # type: ignore[arg-type]


def test_raw_block_written_unchanged_and_last_when_unbalanced() -> None:
    raw = "@article{broken,\n  title = {never closed\n"
    good = Record(id="ok", title="Fine")
    text = dumps([Record(raw=raw), good])
    assert text.endswith(raw)
    assert text.index("@misc{ok") < text.index("@article{broken")


def test_brace_protection() -> None:
    assert encode_title("Clusters and firms in Italy and the EU", ascii_only=True) == (
        "Clusters and firms in {Italy} and the {EU}"
    )
    title_case = encode_title("Highly Innovative Small Firms", ascii_only=True)
    assert "{" not in title_case


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_SPECIAL = st.lists(
    st.sampled_from([*list("{}%&$#_\\~^@ \n-`'?!aZé中"), "\\emph{", "$x$", "GIS"]), max_size=20
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    title=st.one_of(_TEXT, _SPECIAL),
    family=st.one_of(_TEXT, _SPECIAL),
    given_name=_TEXT,
    abstract=st.one_of(_TEXT, _SPECIAL),
    keyword=_TEXT,
    corporate=st.one_of(_TEXT, _SPECIAL),
    csl_type=st.sampled_from(
        ["article-journal", "book", "chapter", "thesis", "webpage", "dataset"]
    ),
)
def test_any_record_writes_valid_bibtex(
    title: str,
    family: str,
    given_name: str,
    abstract: str,
    keyword: str,
    corporate: str,
    csl_type: str,
) -> None:
    record = Record(
        type=csl_type,
        title=title,
        author=(Person(family=family, given=given_name), Person(literal=corporate or "X")),
        abstract=abstract,
        keywords=(keyword,) if keyword.strip() else (),
        container_title=title,
        publisher=abstract,
        issued=Date(2020, 2, 29),
        doi="10.1000/x{" + title[:5],
        url="https://e.org/" + title[:5],
        extra={"custom": title},
    )
    for dialect in ("bibtex", "biblatex"):
        text = dumps([record], dialect)  # type: ignore[arg-type]
        assert balanced(text)
        if dialect == "bibtex":
            assert text.isascii()
        library = bibtexparser.parse_string(text)
        assert len(library.entries) == 1
        assert not library.failed_blocks


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(_TEXT, _SPECIAL))
def test_text_round_trips_through_latex(text: str) -> None:
    import unicodedata

    from refkit.export.latex import encode_text

    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = unicodedata.normalize("NFC", re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", expected))
    for ascii_only in (True, False):
        encoded = encode_text(text, ascii_only=ascii_only)
        assert balanced(encoded)
        assert latex_to_unicode(encoded) == expected
