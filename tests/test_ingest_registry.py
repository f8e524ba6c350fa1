"""The registry picks a reader by content, never by the file name alone."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit import ingest
from refkit.errors import RefkitError, UnsupportedInputError
from refkit.ingest import ingest_paths, read_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"

BIB = b"@article{doe2020,\n  title = {A Title},\n  author = {Doe, Jane},\n  year = {2020}\n}\n"
RIS = b"TY  - JOUR\nTI  - A Title\nAU  - Doe, Jane\nPY  - 2020\nER  - \n"
CSL = b'[{"id": "doe2020", "type": "article-journal", "title": "A Title", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}]'
HTML = (
    b"<!DOCTYPE html><html><head><meta name='citation_title' content='A Title'>"
    b"<meta name='citation_author' content='Doe, Jane'>"
    b"<meta name='citation_publication_date' content='2020'></head><body></body></html>"
)


@pytest.mark.parametrize("data", [BIB, RIS, CSL, HTML], ids=["bibtex", "ris", "csljson", "html"])
def test_content_decides_whatever_the_file_is_called(data: bytes, tmp_path: Path) -> None:
    misleading = tmp_path / "notes.txt"
    misleading.write_bytes(data)
    records = ingest(str(misleading))
    assert len(records) == 1
    assert records[0].title == "A Title"
    assert records[0].author[0].family == "Doe"
    assert records[0].year == 2020


def test_ingest_accepts_text_and_bytes() -> None:
    text = (EXAMPLES / "pure-bettiol-2019.txt").read_text(encoding="utf-8")
    assert ingest(text)[0].title.startswith("Local or global?")
    assert ingest(text.encode("utf-8"))[0].title.startswith("Local or global?")


def test_windows_1252_text_is_decoded() -> None:
    text = "Title: Une étude des réseaux\nAuthors: Müller, Anna\nYear: 2019\n"
    records = read_bytes(text.encode("cp1252"), "page.txt")
    assert records[0].title == "Une étude des réseaux"
    assert records[0].author[0].family == "Müller"


def test_folder_recurses_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.bib").write_bytes(BIB)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.bib").write_bytes(BIB)
    result = ingest_paths([tmp_path])
    assert len(result.records) == 1
    assert result.files_read == 1
    assert [str(e.source).endswith("empty.txt") for e in result.errors] == [True]


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02binary" * 50, b"Home\nMenu\n"])
def test_unusable_input_is_refused_with_the_file_named(data: bytes) -> None:
    with pytest.raises(UnsupportedInputError) as raised:
        read_bytes(data, "some/file.txt")
    assert str(raised.value).startswith("some/file.txt: ")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_no_bytes_make_the_registry_raise_anything_but_refkit_errors(data: bytes) -> None:
    with contextlib.suppress(RefkitError):
        read_bytes(data, "<hypothesis>")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([BIB, RIS, CSL, HTML]), st.integers(min_value=0, max_value=400))
def test_truncated_files_never_crash(data: bytes, cut: int) -> None:
    with contextlib.suppress(RefkitError):
        read_bytes(data[:cut], "<hypothesis>")
