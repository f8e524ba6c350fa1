"""HTML reader: Highwire, Dublin Core, JSON-LD, fallbacks, visible text, and bad input."""

from __future__ import annotations

import contextlib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit.errors import InputError, RefkitError, UnsupportedInputError
from refkit.ingest import text as text_module
from refkit.ingest.html import HtmlReader, visible_text
from refkit.model import Date, Person, Provenance, Record

FIXTURES = Path(__file__).parent / "fixtures" / "html"
READER = HtmlReader()


def _no_text(text: str, source: str) -> list[Record]:
    raise UnsupportedInputError("no bibliographic data found", source=source)


@pytest.fixture
def meta_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate the embedded metadata from whatever the text reader finds in the page."""
    monkeypatch.setattr(text_module, "read_text", _no_text)


def read_fixture(name: str) -> tuple[Record, str]:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    records = READER.read(text.encode("utf-8"), text, str(path))
    assert len(records) == 1
    return records[0], text


def read_html(html: str, source: str = "<test>") -> Record:
    records = READER.read(html.encode("utf-8"), html, source)
    assert len(records) == 1
    return records[0]


def spanned(text: str, provenance: Provenance) -> str:
    assert provenance.start is not None and provenance.end is not None
    return text[provenance.start : provenance.end]


# --------------------------------------------------------------------------- fixtures


@pytest.mark.usefixtures("meta_only")
def test_publisher_page_with_highwire_tags() -> None:
    record, text = read_fixture("publisher_article.html")
    assert record.type == "article-journal"
    assert record.title == (
        "Regional supply networks and the resilience of small exporters: "
        "evidence from three Alpine valleys"
    )
    assert record.author == (
        Person("Brunner", "Anna-Lena"),
        Person("van der Berg", "Pieter"),
        Person("Ó Súilleabháin", "Ciarán"),
    )
    assert record.issued == Date(2021, 3, 15)
    assert record.available_date == Date(2020, 11, 2)
    assert record.container_title == "Journal of Regional Enterprise Studies"
    assert (record.volume, record.issue, record.page) == ("37", "2", "211-236")
    assert record.doi == "10.5555/jres.2021.1874203"
    # 1234-5678 fails its checksum and is dropped.
    assert record.issn == ("1357-2466", "2468-1350")
    assert record.publisher == "Fictional Academic Press"
    assert record.language == "en"
    assert record.keywords == ("supply networks", "resilience", "small exporters", "Alpine regions")
    assert record.abstract.startswith("This article asks how local supply networks")
    assert "firms & their suppliers" in record.abstract
    assert "<" not in record.abstract
    assert record.url == "https://www.example-press.org/doi/abs/10.5555/jres.2021.1874203"
    assert record.has_references
    assert record.source.endswith("publisher_article.html")
    # Provenance points at the content attribute in the decoded page.
    assert spanned(text, record.provenance["doi"]) == "10.5555/jres.2021.1874203"
    assert spanned(text, record.provenance["title"]).startswith("Regional supply networks")
    assert record.provenance["title"].line == 10
    assert spanned(text, record.provenance["issued"]) == "2021/03/15"


@pytest.mark.usefixtures("meta_only")
def test_dspace_page_with_dublin_core() -> None:
    record, text = read_fixture("dspace_item.html")
    assert record.type == "article-journal"
    assert record.title == "Knowledge brokers in textile districts: a longitudinal study"
    assert record.author == (
        Person("Rossi", "Giulia"),
        Person("De Luca", "Marco"),
        Person("Lindqvist", "Sara"),
    )
    # DCTERMS.issued, not the repository's accession dates.
    assert record.issued == Date(2018, 5)
    assert record.doi == "10.5555/itr.2018.0042"
    assert record.issn == ("1122-3340",)
    assert record.url == "http://hdl.handle.net/20.500.99999/4521"
    assert record.container_title == "Industry and Territory Review"
    assert (record.volume, record.issue, record.page) == ("12", "3", "145-171")
    assert record.abstract.startswith("Knowledge brokers connect firms")
    assert "matter most" in record.abstract and "Peer reviewed" not in record.abstract
    assert record.language == "en"
    assert record.publisher == "Territory Press"
    assert record.license == "http://creativecommons.org/licenses/by/4.0/"
    # The DDC class "330" is not an author keyword.
    assert record.keywords == ("knowledge brokers", "industrial districts", "textile industry")
    assert spanned(text, record.provenance["doi"]) == "https://doi.org/10.5555/itr.2018.0042"


@pytest.mark.usefixtures("meta_only")
def test_json_ld_graph_page() -> None:
    record, _ = read_fixture("jsonld_graph.html")
    assert record.type == "article-journal"
    assert record.title == "Measuring cluster policy outcomes with synthetic controls"
    assert record.author == (
        Person("Puig-Ferrer", "Núria"),
        Person("Wiśniewski", "Tomasz"),
        Person(literal="Regional Data Consortium"),
    )
    assert record.issued == Date(2022, 8, 30)
    assert record.container_title == "Open Journal of Place Studies"
    assert (record.volume, record.issue, record.page) == ("8", "4", "114-139")
    assert record.doi == "10.5555/ojps.114"
    assert record.issn == ("2222-3339", "0987-6545")
    assert record.publisher == "Place Studies Collective"
    assert record.keywords == ("cluster policy", "synthetic control method", "evaluation")
    assert record.abstract.startswith("Cluster policies are hard to evaluate")
    assert record.license == "https://creativecommons.org/licenses/by/4.0/"
    assert record.language == "en-GB"
    assert record.url == "https://journal.example.net/articles/ojps-8-114/"
    assert record.provenance["title"].note == "JSON-LD"


@pytest.mark.usefixtures("meta_only")
def test_arxiv_abstract_page_is_a_preprint() -> None:
    record, _ = read_fixture("arxiv_abstract.html")
    assert record.type == "article"  # CSL 1.0.2 has no preprint type
    assert record.title == "Sparse attention for long bibliographies"
    assert record.author == (Person("Okafor", "Chidinma"), Person("Lefèvre", "Jean-Baptiste"))
    assert record.issued == Date(2023, 2, 14)
    assert record.number == "2302.01234"
    assert record.archive == "arXiv"
    assert record.abstract.startswith("Reference lists of survey papers")


def test_page_without_metadata_is_rejected() -> None:
    # With the real text reader: a recipe page has nothing bibliographic in its text either.
    path = FIXTURES / "no_metadata.html"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(UnsupportedInputError) as caught:
        READER.read(text.encode("utf-8"), text, str(path))
    assert "no bibliographic data found" in str(caught.value)
    assert caught.value.source == str(path)


def test_fixtures_with_the_real_text_reader_keep_their_metadata() -> None:
    # Whatever the text reader adds, the meta tags stay primary.
    record, _ = read_fixture("publisher_article.html")
    assert record.doi == "10.5555/jres.2021.1874203"
    assert record.title.startswith("Regional supply networks")
    assert record.author[0] == Person("Brunner", "Anna-Lena")
    record, _ = read_fixture("dspace_item.html")
    assert record.issued == Date(2018, 5)
    record, _ = read_fixture("arxiv_abstract.html")
    assert record.type == "article"


# --------------------------------------------------------------------------- merging with text


def test_visible_text_fills_gaps_and_meta_stays_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    sections = (("Purpose", "Why clusters matter."), ("Findings", "They matter a lot."))

    def fake_read_text(text: str, source: str) -> list[Record]:
        seen.append(text)
        return [
            Record(
                type="article-journal",
                title="A wrong title from the text",
                author=(Person("Doe", "Jane Quinn"), Person("Roe", "Richard")),
                abstract="Purpose: Why clusters matter.\n\nFindings: They matter a lot.",
                abstract_sections=sections,
                keywords=("clusters", "policy"),
                issue="7",
                provenance={"issue": Provenance(source, start=5, end=6)},
            )
        ]

    monkeypatch.setattr(text_module, "read_text", fake_read_text)
    html = """<html><head>
    <meta name="citation_title" content="The right title">
    <meta name="citation_author" content="Doe, J. Q.">
    <meta name="citation_author" content="Roe, R.">
    <meta name="citation_abstract" content="Purpose Why clusters matter. Findings They matter a lot.">
    <meta name="citation_journal_title" content="Journal of Examples">
    </head><body><h1>The right title</h1><p>Jane Quinn Doe, Richard Roe</p></body></html>"""
    record = read_html(html, "page.html")
    assert seen and "The right title" in seen[0] and "Jane Quinn Doe" in seen[0]
    assert record.title == "The right title"
    assert record.author == (Person("Doe", "Jane Quinn"), Person("Roe", "Richard"))
    assert record.abstract_sections == sections
    assert record.keywords == ("clusters", "policy")
    assert record.issue == "7"
    assert record.provenance["issue"].note == "visible text"
    assert record.provenance["title"].note == "meta citation_*"


def test_text_reader_alone_when_no_meta(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_read_text(text: str, source: str) -> list[Record]:
        return [Record(type="article-journal", title="Found in the text", source=source)]

    monkeypatch.setattr(text_module, "read_text", fake_read_text)
    html = (
        "<html><head><title>Site title | Portal</title>"
        '<link rel="canonical" href="https://portal.example.org/item/7"></head>'
        "<body><p>Found in the text</p></body></html>"
    )
    record = read_html(html)
    assert record.title == "Found in the text"
    assert record.url == "https://portal.example.org/item/7"


def test_title_tag_fills_a_doi_only_page(meta_only: None) -> None:
    html = (
        "<html><head><title>A paper known by its DOI | Some Journal</title>"
        '<meta name="citation_doi" content="doi:10.5555/x.1"></head><body></body></html>'
    )
    record = read_html(html)
    assert record.doi == "10.5555/x.1"
    assert record.title == "A paper known by its DOI"


# --------------------------------------------------------------------------- meta details


@pytest.mark.usefixtures("meta_only")
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019/10/03", Date(2019, 10, 3)),
        ("2019-10-03", Date(2019, 10, 3)),
        ("2019", Date(2019)),
        ("2019/10", Date(2019, 10)),
        ("2019-10-03T08:00:00Z", Date(2019, 10, 3)),
        ("3 October 2019", Date(2019, 10, 3)),
        ("October 3, 2019", Date(2019, 10, 3)),
        ("25/12/2019", Date(2019, 12, 25)),
        ("03/10/2019", Date(2019)),
    ],
)
def test_highwire_date_formats(value: str, expected: Date) -> None:
    record = read_html(
        f'<html><meta name="citation_title" content="T t"><meta name="citation_date" content="{value}">'
    )
    assert record.issued == expected


@pytest.mark.usefixtures("meta_only")
def test_highwire_placeholders_and_copyright_lines_are_not_values() -> None:
    record = read_html(
        """<html><head>
        <meta name="citation_title" content="Early view paper">
        <meta name="citation_author" content="Smith, John; Jane van Dijk">
        <meta name="citation_journal_title" content="Journal of Things">
        <meta name="citation_volume" content="ahead-of-print">
        <meta name="citation_issue" content="ahead-of-print">
        <meta name="citation_firstpage" content="e1234">
        <meta name="citation_publisher" content="© 2020 Elsevier Ltd. All rights reserved.">
        <meta name="citation_language" content="English">
        <meta name="citation_keywords" content="alpha, beta, Gamma">
        <meta name="citation_isbn" content="978-3-16-148410-0">
        <meta name="citation_isbn" content="978-3-16-148410-1">
        </head></html>"""
    )
    assert record.author == (Person("Smith", "John"), Person("van Dijk", "Jane"))
    assert record.volume == "" and record.issue == ""
    assert record.page == "e1234"
    assert record.publisher == ""
    assert record.language == "en"
    assert record.keywords == ("alpha", "beta", "Gamma")
    assert record.isbn == ("9783161484100",)


@pytest.mark.usefixtures("meta_only")
@pytest.mark.parametrize(
    ("tags", "expected_type", "container"),
    [
        (
            '<meta name="citation_conference_title" content="Proc. of Examples 2020">',
            "paper-conference",
            "Proc. of Examples 2020",
        ),
        (
            '<meta name="citation_book_title" content="Handbook of Examples">',
            "chapter",
            "Handbook of Examples",
        ),
        (
            '<meta name="citation_dissertation_institution" content="University of Nowhere">',
            "thesis",
            "",
        ),
        ('<meta name="citation_technical_report_institution" content="Example Lab">', "report", ""),
        (
            '<meta name="citation_journal_title" content="bioRxiv"><meta name="citation_doi" content="10.1101/2020.01.02.123456">',
            "article",
            "bioRxiv",
        ),
        ('<meta name="citation_doi" content="10.2139/ssrn.3456789">', "article", ""),
        ('<meta name="citation_isbn" content="0-306-40615-2">', "book", ""),
        ('<meta name="DC.type" content="Doctoral thesis">', "thesis", ""),
        (
            '<meta name="DC.type" content="info:eu-repo/semantics/conferenceObject">',
            "paper-conference",
            "",
        ),
        ('<meta name="DC.type" content="Dataset">', "dataset", ""),
        ('<meta name="DC.type" content="Working Paper">', "report", ""),
    ],
)
def test_types(tags: str, expected_type: str, container: str) -> None:
    record = read_html(
        f'<html><head><meta name="citation_title" content="A title here">{tags}</head></html>'
    )
    assert record.type == expected_type
    assert record.container_title == container


@pytest.mark.usefixtures("meta_only")
def test_thesis_and_report_institutions_are_publishers() -> None:
    record = read_html(
        '<html><meta name="citation_title" content="My thesis">'
        '<meta name="citation_author" content="Doe, Jane">'
        '<meta name="citation_dissertation_institution" content="University of Nowhere">'
    )
    assert record.publisher == "University of Nowhere"
    assert record.author == (Person("Doe", "Jane"),)


@pytest.mark.usefixtures("meta_only")
def test_bepress_eprints_and_prism_tags() -> None:
    bepress = read_html(
        '<html><meta name="bepress_citation_title" content="Digital Commons paper">'
        '<meta name="bepress_citation_author" content="Nguyen, Thi Minh">'
        '<meta name="bepress_citation_date" content="2017">'
        '<meta name="bepress_citation_journal_title" content="Law Review of Examples">'
    )
    assert bepress.title == "Digital Commons paper"
    assert bepress.author == (Person("Nguyen", "Thi Minh"),)
    assert bepress.issued == Date(2017)
    assert bepress.type == "article-journal"

    eprints = read_html(
        """<html><head>
        <meta name="eprints.title" content="Innovative small firms and clusters">
        <meta name="eprints.creators_name" content="Libaers, Dirk">
        <meta name="eprints.creators_name" content="Meyer, Martin S.">
        <meta name="eprints.type" content="article">
        <meta name="eprints.date" content="2011-10">
        <meta name="eprints.publication" content="Research Policy">
        <meta name="eprints.volume" content="40">
        <meta name="eprints.number" content="10">
        <meta name="eprints.pagerange" content="1426-1437">
        <meta name="eprints.id_number" content="doi:10.1016/j.respol.2011.06.005">
        <meta name="eprints.issn" content="0048-7333">
        <meta name="eprints.keywords" content="clusters; internationalization">
        </head></html>"""
    )
    assert eprints.author == (Person("Libaers", "Dirk"), Person("Meyer", "Martin S."))
    assert eprints.type == "article-journal"
    assert eprints.issued == Date(2011, 10)
    assert (eprints.container_title, eprints.volume, eprints.issue, eprints.page) == (
        "Research Policy",
        "40",
        "10",
        "1426-1437",
    )
    assert eprints.doi == "10.1016/j.respol.2011.06.005"
    assert eprints.issn == ("0048-7333",)
    assert eprints.keywords == ("clusters", "internationalization")

    prism = read_html(
        """<html><head>
        <meta name="dc.title" content="Prism described paper">
        <meta name="prism.publicationName" content="Journal of PRISM">
        <meta name="prism.volume" content="5"><meta name="prism.number" content="2">
        <meta name="prism.startingPage" content="10"><meta name="prism.endingPage" content="20">
        <meta name="prism.doi" content="10.5555/prism.5">
        <meta name="prism.issn" content="0048-7333">
        <meta name="prism.publicationDate" content="2020-02-01">
        </head></html>"""
    )
    assert (prism.container_title, prism.volume, prism.issue, prism.page) == (
        "Journal of PRISM",
        "5",
        "2",
        "10-20",
    )
    assert prism.doi == "10.5555/prism.5"
    assert prism.issued == Date(2020, 2, 1)
    assert prism.type == "article-journal"


@pytest.mark.usefixtures("meta_only")
def test_ojs_dublin_core_variants_case_insensitive() -> None:
    record = read_html(
        """<html><head>
        <meta name="DC.Title" content="An OJS article">
        <meta name="DC.Creator.PersonalName" content="Maria Di Pietro">
        <meta property="dcterms:creator" content="Jan de Vries">
        <meta name="DC.Date.issued" content="2021-06-30">
        <meta name="DC.Identifier.DOI" content="10.5555/ojs.77">
        <meta name="DC.Identifier.pageNumber" content="45-67">
        <meta name="DC.Source" content="Revista de Ejemplos">
        <meta name="DC.Source.ISSN" content="2658-0845">
        <meta name="DC.Source.Volume" content="9">
        <meta name="DC.Source.Issue" content="1">
        <meta name="DC.Description" content="Short note">
        <meta name="DC.Description" content="A much longer description that is clearly the abstract of the article, with enough words.">
        <meta name="DC.Language" content="es">
        <meta name="DC.Rights" content="Copyright (c) 2021 The authors">
        <meta name="DC.Subject" content="ejemplos">
        </head></html>"""
    )
    assert record.title == "An OJS article"
    assert record.author == (Person("Di Pietro", "Maria"), Person("de Vries", "Jan"))
    assert record.issued == Date(2021, 6, 30)
    assert record.doi == "10.5555/ojs.77"
    assert (record.container_title, record.volume, record.issue, record.page) == (
        "Revista de Ejemplos",
        "9",
        "1",
        "45-67",
    )
    assert record.issn == ("2658-0845",)
    assert record.abstract.startswith("A much longer description")
    assert record.language == "es"
    # A copyright line is not a licence.
    assert record.license == ""
    assert record.keywords == ("ejemplos",)


@pytest.mark.usefixtures("meta_only")
def test_structured_abstract_in_markup_keeps_sections() -> None:
    abstract = (
        "&lt;h3&gt;Purpose&lt;/h3&gt;&lt;p&gt;This paper looks at clusters.&lt;/p&gt;"
        "&lt;h3&gt;Design/methodology/approach&lt;/h3&gt;&lt;p&gt;A survey of firms.&lt;/p&gt;"
        "&lt;h3&gt;Findings&lt;/h3&gt;&lt;p&gt;Clusters help.&lt;/p&gt;"
    )
    record = read_html(
        f'<html><meta name="citation_title" content="Structured">'
        f'<meta name="citation_abstract" content="{abstract}">'
    )
    assert record.abstract_sections == (
        ("Purpose", "This paper looks at clusters."),
        ("Design/methodology/approach", "A survey of firms."),
        ("Findings", "Clusters help."),
    )


@pytest.mark.usefixtures("meta_only")
def test_json_ld_list_with_string_authors_and_bad_blocks() -> None:
    record = read_html(
        """<html><head>
        <script type="application/ld+json">{ this is not json </script>
        <script type="application/ld+json">[
          {"@type": "Organization", "name": "A publisher"},
          {"@type": ["Book"], "name": "A book about examples", "author": ["Doe, Jane", "Richard Roe"],
           "isbn": "978-1-23456-789-7", "datePublished": "2015", "bookEdition": "2",
           "publisher": {"@type": "Organization", "name": "Example Books"},
           "inLanguage": {"@type": "Language", "name": "German", "alternateName": "de"},
           "keywords": "one, two; three", "sameAs": ["https://doi.org/10.5555/book.1"]}
        ]</script></head></html>"""
    )
    assert record.type == "book"
    assert record.author == (Person("Doe", "Jane"), Person("Roe", "Richard"))
    assert record.isbn == ("9781234567897",)
    assert record.edition == "2"
    assert record.publisher == "Example Books"
    assert record.language == "de"
    assert record.keywords == ("one, two", "three")
    assert record.doi == "10.5555/book.1"


@pytest.mark.usefixtures("meta_only")
def test_entities_and_nfc() -> None:
    record = read_html(
        '<html><meta name="citation_title" content="Caf&eacute; &amp; cre\u0300me: &lt;i&gt;la&lt;/i&gt; vie">'
        '<meta name="citation_author" content="Mu\u0308ller, Jo\u0308rg">'
    )
    assert record.title == "Café & crème: la vie"
    assert unicodedata.is_normalized("NFC", record.title)
    assert record.author == (Person("Müller", "Jörg"),)


@pytest.mark.usefixtures("meta_only")
def test_bytes_are_decoded_when_no_text_is_given() -> None:
    html = '<html><meta name="citation_title" content="Décodé"></html>'.encode("cp1252")
    assert READER.read(html, None, "page.html")[0].title == "Décodé"


# --------------------------------------------------------------------------- sniffing and text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<!DOCTYPE html><html><head></head></html>", 0.9),
        ("\ufeff  <html lang='en'>", 0.9),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', 0.9),
        ('<meta name="citation_title" content="x">', 0.7),
        ("<div><p>fragment</p></div>", 0.3),
        ("Title of a paper\nSmith, J.\nAbstract: about <html> tags", 0.0),
        ("@article{key, title={<p>}}", 0.0),
        ('{"type": "article-journal"}', 0.0),
    ],
)
def test_sniff_by_content(content: str, expected: float) -> None:
    assert READER.sniff(content.encode("utf-8"), content) == expected


def test_sniff_binary_is_zero() -> None:
    assert READER.sniff(b"%PDF-1.7\x00\x01", None) == 0.0


def test_visible_text_drops_chrome_and_keeps_blocks() -> None:
    text = visible_text(
        """<html><head><title>T</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>
        <body><header>Site banner</header><nav>Home | About</nav>
        <main><article><header><h1>Article   title</h1></header>
        <p>First&nbsp;paragraph with <b>bold</b> text.</p>
        <table><tr><th>Journal</th><td>Research Policy</td></tr><tr><th>Volume:</th><td>40</td></tr></table>
        <ul><li>one</li><li>two</li></ul>
        </article></main><footer>Cookies</footer><noscript>Enable JS</noscript></body></html>"""
    )
    assert "Site banner" not in text and "Home" not in text and "Cookies" not in text
    assert "var x" not in text and "Enable JS" not in text and "p{}" not in text
    lines = text.splitlines()
    assert "Article title" in lines
    assert "First paragraph with bold text." in lines
    assert "Journal\tResearch Policy" in lines
    assert "Volume:\t40" in lines
    assert "one" in lines and "two" in lines


def test_visible_text_survives_broken_markup() -> None:
    assert "after" in visible_text("<p>before<![if !supportLists]>x<![endif]> <p>after")
    assert visible_text("<!DOCTYPE [x") == "" or isinstance(visible_text("<!DOCTYPE [x"), str)


# --------------------------------------------------------------------------- bad input


def test_binary_content_is_an_input_error() -> None:
    with pytest.raises(InputError):
        READER.read(b"\x00\x01\x02<html>", None, "junk.html")


_FRAGMENTS = st.sampled_from(
    [
        "<html>",
        "<head>",
        "</head>",
        "<meta name='citation_title' content='",
        '<meta name="citation_author" content="',
        "<meta name='DC.identifier' content='doi:10.1/x",
        "<meta property='citation_date' content='",
        "'>",
        '">',
        "<script type='application/ld+json'>",
        '{"@type": "ScholarlyArticle", "name": ',
        '"author": [{"@id": "#a"}], "isPartOf": {"@id": "#b"}',
        "[[[[[[[[",
        "</script>",
        "<![CDATA[",
        "<!DOCTYPE [",
        "<!--",
        "-->",
        "&amp;",
        "&#x0;",
        "<nav>",
        "<header>",
        "<table><tr><td>",
        "<title>",
        "</title>",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=30))
def test_arbitrary_markup_raises_only_refkit_errors(parts: list[str]) -> None:
    html = "".join(parts)
    try:
        records = READER.read(html.encode("utf-8", "surrogatepass"), html, "<fuzz>")
    except RefkitError:
        return
    assert all(isinstance(record, Record) for record in records)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_refkit_errors(text: str) -> None:
    with contextlib.suppress(RefkitError):
        READER.read(text.encode("utf-8", "surrogatepass"), text, "<fuzz>")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_refkit_errors(data: bytes) -> None:
    with contextlib.suppress(RefkitError):
        READER.read(data, None, "<fuzz>")


def test_registry_chooses_the_html_reader() -> None:
    from refkit.ingest import read_bytes

    data = (FIXTURES / "dspace_item.html").read_bytes()
    record = read_bytes(data, "item.txt")[0]
    assert record.doi == "10.5555/itr.2018.0042"
    assert record.provenance["doi"].note == "meta DC.*"
