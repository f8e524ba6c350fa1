"""PDF reader: document info, XMP, first-page text, and damaged or encrypted files.

The PDFs are built here: a minimal hand-written file whose pages draw text with a
Type1 Helvetica font (so pypdf's text extraction has something to find), with an
optional information dictionary and XMP packet.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit.errors import InputError, RefkitError, UnsupportedInputError
from refkit.ingest import text as text_module
from refkit.ingest.pdf import PdfReader, looks_like_junk_title
from refkit.model import Date, Person, Provenance, Record

READER = PdfReader()


def _pdf_string(value: str) -> bytes:
    """A PDF text string: escaped ASCII literal, or UTF-16BE with a byte-order mark."""
    if value.isascii():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _content_stream(lines: Sequence[str]) -> bytes:
    commands = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
    commands.append(b"ET")
    return b"\n".join(commands)


def make_pdf(
    pages: Sequence[Sequence[str]] = (),
    info: Mapping[str, str] | None = None,
    xmp: str | None = None,
) -> bytes:
    """A valid PDF 1.4 with one page per list of text lines, an info dictionary and XMP."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the other numbers are known
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for lines in pages or [[]]:
        stream = _content_stream(lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    metadata_ref = b""
    if xmp is not None:
        packet = xmp.encode("utf-8")
        metadata = add(
            b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(packet)
            + packet
            + b"\nendstream"
        )
        metadata_ref = b" /Metadata %d 0 R" % metadata
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, metadata_ref)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_ref = b""
    if info:
        entries = b" ".join(
            b"/" + key.encode("ascii") + b" " + _pdf_string(value) for key, value in info.items()
        )
        info_ref = b" /Info %d 0 R" % add(b"<< " + entries + b" >>")

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(objects) + 1, catalog, info_ref))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    prism:volume="40" prism:number="10" prism:startingPage="1426" prism:endingPage="1437"
    pdfx:doi="10.5555/ignored.because.prism.wins">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Innovative small firms in industrial clusters</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Dirk Libaers</rdf:li><rdf:li>Martin S. Meyer</rdf:li></rdf:Seq></dc:creator>
   <dc:subject><rdf:Bag><rdf:li>clusters</rdf:li><rdf:li>internationalization</rdf:li></rdf:Bag></dc:subject>
   <dc:publisher><rdf:Bag><rdf:li>Example Science Publishers</rdf:li></rdf:Bag></dc:publisher>
   <dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>
   <prism:publicationName>Research Policy</prism:publicationName>
   <prism:issn>0048-7333</prism:issn>
   <prism:coverDate>2011-12-01</prism:coverDate>
   <prism:doi>10.5555/j.respol.2011.06.005</prism:doi>
   <prism:aggregationType>journal</prism:aggregationType>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _no_text(text: str, source: str) -> list[Record]:
    raise UnsupportedInputError("no bibliographic data found", source=source)


@pytest.fixture
def meta_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "read_text", _no_text)


def read(data: bytes, source: str = "paper.pdf") -> Record:
    records = READER.read(data, None, source)
    assert len(records) == 1
    return records[0]


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", 1.0),
        (b"\xef\xbb\xbf%PDF-1.4\n", 1.0),
        (b"\r\n  %PDF-1.4\n", 1.0),
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4", 0.6),
        (b"%!PS-Adobe-3.0", 0.0),
        (b"<html>%PDF-</html>" + b" " * 2000, 0.6),
        (b" " * 2000 + b"%PDF-1.4", 0.0),
        (b"", 0.0),
    ],
)
def test_sniff(data: bytes, expected: float) -> None:
    assert READER.sniff(data, None) == expected


# --------------------------------------------------------------------------- metadata


@pytest.mark.usefixtures("meta_only")
def test_info_dictionary() -> None:
    data = make_pdf(
        [["Some text"]],
        info={
            "Title": "Knowledge spillovers in port cities",
            "Author": "Ana Lúcia Ferreira; van Rijn, Bram",
            "Subject": "Maritime Economics 7 (2019) 1-20. doi:10.5555/me.2019.001",
            "Keywords": "ports; spillovers; knowledge",
            "CreationDate": "D:20190304120000+01'00'",
        },
    )
    record = read(data)
    assert record.title == "Knowledge spillovers in port cities"
    assert record.author == (Person("Ferreira", "Ana Lúcia"), Person("van Rijn", "Bram"))
    assert record.doi == "10.5555/me.2019.001"
    assert record.keywords == ("ports", "spillovers", "knowledge")
    # Only the creation date is known: used, but flagged.
    assert record.issued == Date(2019, 3, 4)
    assert record.provenance["issued"].note == "PDF creation date"
    assert record.warnings
    assert record.provenance["title"].note == "PDF document info Title"
    assert record.source == "paper.pdf"


@pytest.mark.usefixtures("meta_only")
def test_xmp_metadata() -> None:
    data = make_pdf(
        [["x"]], info={"Title": "Microsoft Word - final_v3.docx", "Author": "jsmith"}, xmp=XMP
    )
    record = read(data)
    assert record.type == "article-journal"
    assert record.title == "Innovative small firms in industrial clusters"
    assert record.author == (Person("Libaers", "Dirk"), Person("Meyer", "Martin S."))
    assert record.container_title == "Research Policy"
    assert (record.volume, record.issue, record.page) == ("40", "10", "1426-1437")
    assert record.issn == ("0048-7333",)
    assert record.issued == Date(2011, 12, 1)
    assert record.doi == "10.5555/j.respol.2011.06.005"
    assert record.keywords == ("clusters", "internationalization")
    assert record.publisher == "Example Science Publishers"
    assert record.language == "en"
    assert record.provenance["doi"].note == "PDF XMP doi"


@pytest.mark.parametrize(
    "title",
    [
        "",
        "untitled",
        "Untitled-1",
        "Microsoft Word - paper_final.docx",
        "paper_final_v2.pdf",
        "manuscript.tex",
        "C:\\Users\\me\\Desktop\\draft.doc",
        "PII: S0048-7333(11)00112-3",
        "doi:10.1016/j.respol.2011.06.005",
        "12345",
        "Layout 1",
        "Document1",
        "respol2011",
    ],
)
def test_junk_titles(title: str) -> None:
    assert looks_like_junk_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Local or global? Does internationalization drive innovation in clusters?",
        "Firms and markets",
    ],
)
def test_real_titles_are_not_junk(title: str) -> None:
    assert not looks_like_junk_title(title)


# --------------------------------------------------------------------------- text


def test_first_pages_go_through_the_text_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_read_text(text: str, source: str) -> list[Record]:
        seen.append(text)
        return [
            Record(
                type="article-journal",
                title="Port cities and the geography of knowledge",
                author=(Person("Ferreira", "Ana Lúcia"),),
                container_title="Maritime Economics",
                provenance={"title": Provenance(source, start=0, end=10)},
            )
        ]

    monkeypatch.setattr(text_module, "read_text", fake_read_text)
    pages = [[f"Page {n} line one", f"Page {n} line two"] for n in range(1, 6)]
    data = make_pdf(pages, info={"Title": "Microsoft Word - ports.docx", "Author": "Administrator"})
    record = read(data)
    assert seen and "Page 1 line one" in seen[0] and "Page 3 line two" in seen[0]
    assert "Page 4" not in seen[0]
    assert record.title == "Port cities and the geography of knowledge"
    assert record.author == (Person("Ferreira", "Ana Lúcia"),)
    assert record.container_title == "Maritime Economics"
    assert record.type == "article-journal"
    assert record.provenance["title"].note == "PDF text"


def test_text_decides_authors_when_metadata_title_is_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_read_text(text: str, source: str) -> list[Record]:
        return [Record(title="The real title of the paper", author=(Person("Roe", "Richard"),))]

    monkeypatch.setattr(text_module, "read_text", fake_read_text)
    data = make_pdf([["x"]], info={"Title": "untitled", "Author": "Jane Typist"})
    record = read(data)
    assert record.title == "The real title of the paper"
    assert record.author == (Person("Roe", "Richard"),)


def test_good_metadata_title_stays_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_read_text(text: str, source: str) -> list[Record]:
        return [Record(title="A running header mistaken for a title", issue="4")]

    monkeypatch.setattr(text_module, "read_text", fake_read_text)
    data = make_pdf(
        [["x"]], info={"Title": "Knowledge spillovers in port cities", "Author": "Doe, Jane"}
    )
    record = read(data)
    assert record.title == "Knowledge spillovers in port cities"
    assert record.author == (Person("Doe", "Jane"),)
    assert record.issue == "4"


@pytest.mark.usefixtures("meta_only")
def test_doi_found_anywhere_on_the_first_pages() -> None:
    data = make_pdf(
        [
            ["Journal of Invented Studies, Volume 3", "A paper with no metadata"],
            ["Some body text", "Available at https://doi.org/10.5555/jis.2020.045."],
        ]
    )
    record = read(data)
    assert record.doi == "10.5555/jis.2020.045"
    assert "first DOI" in record.provenance["doi"].note


def test_real_text_reader_on_a_title_page() -> None:
    data = make_pdf(
        [
            [
                "Journal of Invented Studies 12 (2020) 45-67",
                "Harbour towns and learning networks",
                "Jane Q. Public and John Doe",
                "Abstract",
                "We study how harbour towns learn from each other over two centuries.",
                "https://doi.org/10.5555/jis.2020.046",
            ]
        ]
    )
    record = read(data)
    assert record.doi == "10.5555/jis.2020.046"
    assert record.source == "paper.pdf"


# --------------------------------------------------------------------------- bad input


@pytest.mark.usefixtures("meta_only")
def test_pdf_without_anything_bibliographic() -> None:
    with pytest.raises(UnsupportedInputError) as caught:
        READER.read(make_pdf([[]]), None, "scan.pdf")
    assert "scan.pdf" in str(caught.value)
    assert "no text layer" in str(caught.value)


def test_corrupt_pdf_names_the_file() -> None:
    with pytest.raises(InputError) as caught:
        READER.read(b"%PDF-1.4\n" + b"\x8f garbage \x00" * 50, None, "broken.pdf")
    assert str(caught.value).startswith("broken.pdf: ")


def test_truncated_pdf_names_the_file() -> None:
    data = make_pdf(
        [["Harbour towns and learning networks"]], info={"Title": "Harbour towns and learning"}
    )
    for cut in (20, len(data) // 3, len(data) // 2):
        with pytest.raises(InputError) as caught:
            READER.read(data[:cut], None, "cut.pdf")
        assert "cut.pdf" in str(caught.value)


def _encrypt(data: bytes, user_password: str, owner_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("cryptography")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_a_clear_error() -> None:
    data = _encrypt(
        make_pdf([["Secret text"]], info={"Title": "Secret report on things"}), "secret", "owner"
    )
    with pytest.raises(InputError) as caught:
        READER.read(data, None, "locked.pdf")
    assert str(caught.value) == "locked.pdf: encrypted PDF: a password is needed to read it"


@pytest.mark.usefixtures("meta_only")
def test_pdf_encrypted_only_against_editing_is_read() -> None:
    data = _encrypt(make_pdf([["Text"]], info={"Title": "Open but protected report"}), "", "owner")
    assert read(data).title == "Open but protected report"


def test_nothing_is_printed_or_logged(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    data = make_pdf(
        [["Harbour towns and learning networks"]], info={"Title": "Harbour towns and learning"}
    )
    damaged = data.replace(b"startxref\n", b"startxref\n9").replace(b"xref\n0", b"xref\n7")
    caplog.set_level(logging.DEBUG)
    with contextlib.suppress(InputError):
        READER.read(damaged, None, "damaged.pdf")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


_VALID = make_pdf(
    [["Harbour towns and learning networks", "doi:10.5555/x.1"]],
    info={"Title": "A title here"},
    xmp=XMP,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_after_header_raise_only_refkit_errors(tail: bytes) -> None:
    with contextlib.suppress(RefkitError):
        READER.read(b"%PDF-1.4\n" + tail, None, "<fuzz>")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_damaged_pdfs_raise_only_refkit_errors(edits: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID)
    for position, value in edits:
        data[position] = value
    with contextlib.suppress(RefkitError):
        READER.read(bytes(data), None, "<fuzz>")


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(_VALID)))
def test_every_truncation_raises_only_refkit_errors(cut: int) -> None:
    with contextlib.suppress(RefkitError):
        READER.read(_VALID[:cut], None, "<fuzz>")


def test_registry_chooses_the_pdf_reader_whatever_the_name() -> None:
    from refkit.ingest import read_bytes

    record = read_bytes(make_pdf([["x"]], xmp=XMP), "download.bin")[0]
    assert record.doi == "10.5555/j.respol.2011.06.005"
