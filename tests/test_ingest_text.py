"""The text reader on the example documents, and on text that is not a document."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.errors import RefkitError, UnsupportedInputError
from refkit.ingest.text import csl_type, read_text
from refkit.model import Date, Person, Record

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "documents"


def read_example(name: str) -> Record:
    path = EXAMPLES / name
    records = read_text(path.read_text(encoding="utf-8"), str(path))
    assert len(records) == 1
    return records[0]


def test_pure_portal_page() -> None:
    record = read_example("pure-bettiol-2019.txt")
    assert record.type == "article-journal"
    assert (
        record.title == "Local or global? Does internationalization drive innovation in clusters?"
    )
    assert record.author == (
        Person("Bettiol", "Marco"),
        Person("Chiarvesio", "Maria"),
        Person("Di Maria", "Eleonora"),
        Person("Gottardello", "Debora"),
    )
    assert record.container_title == "European Planning Studies"
    assert record.issue == "10"
    assert record.page == "1995-2014"
    assert record.issued == Date(2019, 10, 3)
    assert record.available_date == Date(2019, 6, 13)
    assert record.language == "en"
    assert record.keywords == (
        "innovation",
        "internationalization",
        "clusters",
        "manufacturing",
        "global value chain",
        "collaboration",
    )
    assert record.abstract.startswith("Innovation in clusters is initially rooted in proximity")
    assert record.abstract.endswith("even outside the cluster scale.")
    assert record.doi == ""
    assert record.volume == ""


def test_iris_page_keeps_a_repeated_structured_abstract_once() -> None:
    record = read_example("iris-carloni-2022.txt")
    assert record.type == "article-journal"
    assert record.title == (
        "Formal clusters supporting small firms' internationalization: "
        "a case of public–private interaction"
    )
    assert record.author == (Person("Carloni", "Elisa"),)
    assert record.issued == Date(2022)
    assert record.keywords == (
        "projects",
        "internationalization",
        "ARA Framework",
        "formal clusters",
        "public-private interaction",
    )
    assert [heading for heading, _ in record.abstract_sections] == [
        "Purpose",
        "Design/methodology/approach",
        "Findings",
        "Originality/value",
    ]
    assert record.abstract.count("This study aims to explore the role played") == 1
    assert record.container_title == ""


def test_eprints_page() -> None:
    record = read_example("eprints-libaers-2011.txt")
    assert record.type == "article-journal"
    assert record.title == (
        "Highly Innovative Small Technology Firms, Industrial Clusters and Firm Internationalization"
    )
    assert record.author == (Person("Libaers", "Dirk"), Person("Meyer", "Martin S."))
    assert record.container_title == "Research Policy"
    assert (record.volume, record.issue, record.page) == ("40", "10", "1426-1437")
    assert record.issued == Date(2011)
    assert record.issn == ("0048-7333",)
    assert record.doi == "10.1016/j.respol.2011.06.005"
    assert record.keywords == (
        "Serial and non-serial innovator firms",
        "Industrial clustering",
        "Internationalization",
        "RBV",
        "Density dependence theory",
    )
    assert record.abstract.startswith("This study examines the role and differential impact")
    assert record.abstract.endswith(
        "Policy implications for research and economic development are discussed."
    )
    assert record.url == "https://kar.kent.ac.uk/id/eprint/33679"


def test_emerald_full_text() -> None:
    record = read_example("emerald-osarenkhoe-2024.txt")
    assert record.type == "article-journal"
    assert record.title == (
        "Unveiling exogenous gaps enabling a cluster organization’s internationalization process"
    )
    assert record.author == (
        Person("Osarenkhoe", "Aihie"),
        Person("Fjellström", "Daniella"),
        Person("Komunda", "Mabel Birungi"),
    )
    assert record.container_title == "Central European Management Journal"
    assert record.issn == ("2658-0845",)
    assert record.issued == Date(2024, 12, 5)
    assert record.doi.lower() == "10.1108/cemj-07-2023-0319"
    assert record.publisher == "Emerald Publishing Limited"
    assert record.license == "CC BY 4.0"
    assert [heading for heading, _ in record.abstract_sections] == [
        "Purpose",
        "Design/methodology/approach",
        "Findings",
        "Research limitations/implications",
        "Originality/value",
    ]
    assert record.keywords == ()
    # "Vol. ahead-of-print No. ahead-of-print" is not a volume or an issue.
    assert (record.volume, record.issue, record.page) == ("", "", "")
    assert record.has_references


def test_values_carry_their_span_in_the_source() -> None:
    path = EXAMPLES / "eprints-libaers-2011.txt"
    text = path.read_text(encoding="utf-8")
    record = read_text(text, str(path))[0]
    where = record.provenance["keywords"]
    assert where.source == str(path)
    assert where.start is not None and where.end is not None
    assert "Industrial clustering" in text[where.start : where.end]
    title_where = record.provenance["title"]
    assert text[title_where.start : title_where.end] == record.title
    assert title_where.line == 4


def test_labels_in_their_layouts() -> None:
    text = "\n".join(
        [
            "A study of glued labels in repository pages",
            "",
            "Jan van der Berg, Anna-Lena Müller*",
            "",
            "Research output: Contribution to journal › Article › peer-review",
            "Original languageGerman",
            "Pages (from-to)101-118",
            "JournalJournal of Testing",
            "Volume12",
            "Issue number3",
            "StatePublished - 14 Feb 2021",
            "ISSN: 0048-7333",
            "Keywords: alpha; beta; Alpha",
        ]
    )
    record = read_text(text, "<test>")[0]
    assert record.type == "article-journal"
    assert record.author == (Person("van der Berg", "Jan"), Person("Müller", "Anna-Lena"))
    assert record.language == "de"
    assert record.page == "101-118"
    assert record.container_title == "Journal of Testing"
    assert (record.volume, record.issue) == ("12", "3")
    assert record.issued == Date(2021, 2, 14)
    assert record.issn == ("0048-7333",)
    assert record.keywords == ("alpha", "beta")


def test_invalid_issn_is_dropped_rather_than_kept() -> None:
    text = "A title long enough to count\n\nJournal: Some Journal\nISSN: 0048-7334\nYear: 2020\n"
    record = read_text(text, "<test>")[0]
    assert record.issn == ()
    assert record.container_title == "Some Journal"


def test_copyright_line_is_not_a_publisher() -> None:
    text = "A title long enough to count\n\nJournal: Some Journal\nPublisher: © 2020 Elsevier Ltd. All rights reserved.\n"
    record = read_text(text, "<test>")[0]
    assert record.publisher == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Contribution to journal › Article › peer-review", "article-journal"),
        ("1.1 Articolo in rivista", "article-journal"),
        ("Book Section", "chapter"),
        ("Conference or Workshop Item (Paper)", "paper-conference"),
        ("Thesis (Doctoral)", "thesis"),
        ("Monograph (Working Paper)", "report"),
        ("Something else entirely", ""),
    ],
)
def test_type_labels(value: str, expected: str) -> None:
    assert csl_type(value) == expected


@pytest.mark.parametrize("text", ["", "   \n\n", "Home\nMenu\nLog in\n", "just one line of prose"])
def test_text_without_bibliographic_data_is_refused(text: str) -> None:
    with pytest.raises(UnsupportedInputError):
        read_text(text, "<test>")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_no_text_makes_the_reader_raise_anything_but_refkit_errors(text: str) -> None:
    try:
        records = read_text(text, "<hypothesis>")
    except RefkitError:
        return
    assert all(record.title for record in records)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Title: A",
                "Journal",
                "Keywords",
                "Abstract",
                "Volume 3",
                "Pages (from-to)1-2",
                "Publisher",
                ":",
                "",
                "• x",
                "Smith, John",
                "References",
                "(2019)",
                "doi:10.1/x",
                "Introduction",
                "Purpose",
                "Findings",
                "ISSN 1234-5679",
                "Cite this article",
            ]
        ),
        max_size=40,
    )
)
def test_label_soup_never_crashes(lines: list[str]) -> None:
    with contextlib.suppress(RefkitError):
        read_text("\n".join(lines), "<hypothesis>")


def test_a_cite_this_line_wrapped_over_lines_as_pdf_text_is() -> None:
    text = (
        "Journal of European Studies\n"
        "To cite this article: Ana Author & Bob Other (2019) Local or global?, European Studies, 27:10,\n"
        "1995-2014, DOI: 10.1080/09654313.2019.1628185\n"
        "Local or global?\n"
        "Ana Author and Bob Other\n"
    )
    record = read_text(text, "<test>")[0]
    assert (record.volume, record.issue, record.page) == ("27", "10", "1995-2014")
    assert record.doi == "10.1080/09654313.2019.1628185"
    assert record.author == (Person("Author", "Ana"), Person("Other", "Bob"))


def test_publication_types_and_bullets_are_not_titles_and_repeated_names_count_once() -> None:
    text = "\n".join(
        [
            "Multicenter Study",
            "• Navigation entry",
            "Rewetting drained fens restores groundwater recharge",
            "Anna Berg",
            "Anna Berg",
            "Jan van Dijk",
            "Jan van Dijk",
            "Journal: Wetland Studies",
            "Year: 2022",
        ]
    )
    record = read_text(text, "<test>")[0]
    assert record.title == "Rewetting drained fens restores groundwater recharge"
    assert record.author == (Person("Berg", "Anna"), Person("van Dijk", "Jan"))


def _read_page(text: str) -> Record:
    records = read_text(text, "page.txt")
    assert len(records) == 1
    return records[0]


_TITLE = "Cycling infrastructure and independent school travel in medium-sized European cities"


def test_byline_spread_over_lines_with_buttons_and_separators() -> None:
    # Publisher pages print each author on a line of its own, with an ORCID button and the
    # commas and ampersand between them on lines of their own.
    record = _read_page(
        "Journal of Urban Mobility Studies\nResearch Article\n"
        f"{_TITLE}\n"
        "Anneke de Graaf-Visser\nORCID Icon\n,\nLuca Dall'Acqua\n,\n"
        "Sigríður Jónsdóttir\nORCID Icon\n&\nBenoît Lefèvre-Duchamp\n"
        "Pages 301-322 | Published online: 05 Mar 2021\n"
    )
    assert record.author == (
        Person("de Graaf-Visser", "Anneke"),
        Person("Dall'Acqua", "Luca"),
        Person("Jónsdóttir", "Sigríður"),
        Person("Lefèvre-Duchamp", "Benoît"),
    )


def test_expanded_author_panel_keeps_every_author_and_no_affiliation() -> None:
    # Each name is printed twice, then its affiliation, e-mail and a search link.
    record = _read_page(
        "Journal of Grassland Science\nORIGINAL ARTICLE\n"
        f"{_TITLE}\n"
        "Fionnuala Ní Mhurchú, \nCorresponding Author\nFionnuala Ní Mhurchú\n"
        "fionnuala@example.org\nGrassland Centre, Moorepark Research Institute, Fermoy, Ireland\n"
        "Search for more papers by this author\n"
        "Bram Van Goethem, \nBram Van Goethem\n"
        "Department of Plant Science, University of the Lowlands, Ghent, Belgium\n"
        "Search for more papers by this author\n"
        "1, Kofi Mensah-Bonsu\nKofi Mensah-Bonsu\n"
        "2Department of Public Health, Polar Coast University, Tromsø, Norway\n"
        "Find articles by Kofi Mensah-Bonsu\n"
        "First published: 22 December 2020\n"
    )
    assert record.author == (
        Person("Ní Mhurchú", "Fionnuala"),
        Person("Van Goethem", "Bram"),
        Person("Mensah-Bonsu", "Kofi"),
    )


def test_authors_and_affiliations_block_skips_institutions_and_editors() -> None:
    record = _read_page(
        f"{_TITLE}\nAbstract\nWe compare cycling networks in forty cities.\n"
        "Author information\nAuthors and Affiliations\n"
        "Department of Archaeology, University of Nordfjell, Nordfjell, Norway\nDagny Østby\n"
        "Centro de Estudos Geográficos, Universidade do Alto Tejo, Santarém, Portugal\n"
        "Joana da Costa Ferreira\n"
        "Editor information\nEditors and Affiliations\n"
        "Department of Digital Humanities, University of Nordfjell, Nordfjell, Norway\n"
        "Maja Lindgren\n"
    )
    assert record.author == (Person("Østby", "Dagny"), Person("da Costa Ferreira", "Joana"))


def test_every_isbn_of_a_book_under_any_isbn_label() -> None:
    record = _read_page(
        "Heritage Data and Digital Mapping\nBook\n"
        "Print ISBN\n978-3-031-45171-3\nOnline ISBN\n978-3-031-45172-0\n"
        "Print on Demand(PoD) ISBN:978-1-6654-8722-1\n"
    )
    assert set(record.isbn) == {"9783031451713", "9783031451720", "9781665487221"}


def test_licence_stated_for_the_article_at_the_foot_of_the_page() -> None:
    body = " ".join(
        f"Sentence {n} of the introduction, which runs on for a while." for n in range(12)
    )
    record = _read_page(
        f"{_TITLE}\nby\nMarco Dell'Erba\nCoasts 2021, 1(1), 5; https://doi.org/10.3390/coasts1010005\n"
        f"1. Introduction\n{body}\n\n{body}\n\n"
        "© 2021 by the authors. Licensee MDPI, Basel, Switzerland. This article is an open "
        "access article distributed under the terms and conditions of the Creative Commons "
        "Attribution (CC BY) license (https://creativecommons.org/licenses/by/4.0/).\n"
    )
    assert record.license == "CC BY 4.0"


def test_site_wide_licence_notice_in_the_footer_is_not_the_articles() -> None:
    body = " ".join(
        f"Sentence {n} of the introduction, which runs on for a while." for n in range(12)
    )
    record = _read_page(
        f"{_TITLE}\nby\nMarco Dell'Erba\nCoasts 2021, 1(1), 5; https://doi.org/10.3390/coasts1010005\n"
        f"1. Introduction\n{body}\n\n{body}\n\n"
        "Except where otherwise noted, content on this site is licensed under a Creative "
        "Commons Attribution 4.0 International license.\n"
    )
    assert record.license == ""


def test_citation_says_where_a_double_family_name_begins() -> None:
    title = "Tenant organising and eviction filings in secondary cities"
    record = _read_page(
        f"Journal of Comparative Housing Policy\nResearch article\n{title}\n"
        "Diego Alejandro Munoz Pardo, Thomas W. Abernethy\n"
        "Cite this article\n"
        f"Munoz Pardo, D. A., & Abernethy, T. W. (2023). {title}. Journal of Comparative "
        "Housing Policy, 58(12), 2411-2432.\n"
    )
    assert record.author == (
        Person("Munoz Pardo", "Diego Alejandro"),
        Person("Abernethy", "Thomas W."),
    )


def test_prompts_and_series_lines_are_not_titles() -> None:
    record = _read_page(
        "This alert has been successfully added and will be sent to:\n"
        "Harbourside Business School Research Paper No. 23-014\n"
        "Climate Stress Tests and Bank Lending to Flood-Exposed Firms\n"
        "Siddharth Ramaswamy, Clara-Maria Van Acker\n"
        "Funding Agency:\n"
        "Posted: 14 Mar 2023\n"
    )
    assert record.title == "Climate Stress Tests and Bank Lending to Flood-Exposed Firms"


def test_article_numbers_on_publisher_pages() -> None:
    acm = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
        "Article No.: 37, Pages 1 - 14\nhttps://doi.org/10.1145/3650000.3650037\n"
    )
    assert acm.number == "37"
    wiley = _read_page(
        "Ecosystem Function and Services\nVolume 14, Issue 6\ne04512\nARTICLE\n"
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
    )
    assert (wiley.volume, wiley.issue, wiley.number) == ("14", "6", "e04512")


def test_page_furniture_and_volume_suffix_are_not_the_journal() -> None:
    oxford = _read_page(
        "Journals on Oxford Academic\nArticle Navigation\nVolume 38\nIssue 2\nApril 2023\n"
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
        "Journal of Rural Epidemiology, Volume 38, Issue 2, April 2023, Pages 112–139\n"
    )
    assert oxford.container_title != "Article Navigation"
    ieee = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser; Luca Dall'Acqua\n"
        "Published in: IEEE Transactions on Coastal Remote Sensing ( Volume: 61 )\n"
    )
    assert ieee.container_title == "IEEE Transactions on Coastal Remote Sensing"


def test_journal_named_volume_line_and_issue_box() -> None:
    cited = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
        "Journal of Rural Epidemiology, Volume 38, Issue 2, April 2023, Pages 145–162, "
        "https://doi.org/10.1093/jre/kwac214\nPublished:\n19 December 2022\n"
    )
    assert (cited.container_title, cited.volume, cited.issue, cited.page) == (
        "Journal of Rural Epidemiology",
        "38",
        "2",
        "145-162",
    )
    assert cited.issued == Date(2023, 4)
    box = _read_page(
        "Volume 38\nIssue 2\nApril 2023\n"
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
        "https://doi.org/10.1093/jre/kwac214\n"
    )
    assert (box.volume, box.issue, box.issued) == ("38", "2", Date(2023, 4))


def test_abstract_ends_at_the_next_panel() -> None:
    abstract = (
        "Drought-tolerant crop varieties spread slowly in smallholder systems. We reconstructed "
        "seed exchange networks among 1,480 households in 36 villages."
    )
    for panel in ("Author summary", "PAPER CONTEXT", "Journal Information", "Previous Chapter"):
        record = _read_page(
            f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
            f"https://doi.org/10.1371/journal.pone.0000287\nAbstract\n{abstract}\n{panel}\n"
            "Farmers in dry regions need crop varieties that survive drought.\n"
        )
        assert record.abstract == abstract, panel


def test_a_paper_in_proceedings_is_a_conference_paper() -> None:
    for container, kind in (
        ("Proceedings of the 2024 ACM Symposium on Participatory Design", "paper-conference"),
        ("History Workshop Journal", "article-journal"),
    ):
        record = _read_page(
            f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nPublished in: {container}\n"
        )
        assert record.type == kind, container


def test_bulleted_family_given_author_list_with_affiliations_between() -> None:
    record = _read_page(
        f"{_TITLE}\n\nAuthor\n\nListed:\n  • Quispe Huamán, Rosa Elvira\n\n"
        "    (Universidad Nacional de Altoandina)\n\n  • Montes de Oca, Ricardo\n\n"
        "  • Lindqvist-Sandberg, Erik\n\nRegistered:\n\nAbstract\nText of the abstract.\n"
        "Journal of Andean Development Studies, 2022, vol. 58, issue 9, pages 1812-1831\n"
    )
    assert record.author == (
        Person("Quispe Huamán", "Rosa Elvira"),
        Person("Montes de Oca", "Ricardo"),
        Person("Lindqvist-Sandberg", "Erik"),
    )


@pytest.mark.parametrize(
    "byline",
    [
        "Marta Ibáñez-Corral 1,2 ∙ Tomasz Wójcik 3 ∙ Aiyana Redcloud 1",  # Cell Press
        "Marta Ibáñez-Corral, MD, PhD1,2; Tomasz Wójcik, MSc3; Aiyana Redcloud, RN, MPH1",  # JAMA
        "Marta Ibáñez-Corral,a Tomasz Wójcik,b and Aiyana Redcloud *a",  # RSC
    ],
)
def test_bylines_with_middle_dots_degrees_and_letter_marks(byline: str) -> None:
    record = _read_page(f"{_TITLE}\n{byline}\nhttps://doi.org/10.1016/j.chom.2024.01.012\n")
    assert record.author == (
        Person("Ibáñez-Corral", "Marta"),
        Person("Wójcik", "Tomasz"),
        Person("Redcloud", "Aiyana"),
    )


def test_a_byline_of_twenty_authors_is_read_whole() -> None:
    given = ["Ines", "Rui", "Ainhoa", "Pau", "Beatriz", "Javier", "Marta", "Guillem", "Lena", "Ole"]
    family = ["Castano", "Marques", "Etxeberria", "Ferrer", "Nunes", "Lozano", "Couto", "Roig"]
    names = [f"{given[n % 10]} {family[n % 8]}{'-Vidal' if n >= 10 else ''}" for n in range(20)]
    record = _read_page(f"{_TITLE}\n{', '.join(names)}\nhttps://doi.org/10.1101/2024.01.15\n")
    assert len(record.author) == 20


def test_headings_under_an_author_label_are_not_authors() -> None:
    record = _read_page(
        f"{_TITLE}\nAuthors\nAnneke de Graaf-Visser\nContributions\n\n"
        "https://doi.org/10.1080/21650020.2021.1893456\n"
    )
    assert record.author == (Person("de Graaf-Visser", "Anneke"),)


def test_abstract_with_headings_opening_lines_without_colons() -> None:
    record = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nhttps://doi.org/10.1136/bmj-2023-000812\n"
        "Abstract\nObjectives To explore why adults stop attending.\n"
        "Design Qualitative study using interviews.\n"
        "Results Most stopped because sessions clashed with work.\n"
        "Conclusions Evening sessions may help.\nhttp://dx.doi.org/10.1136/bmj-2023-000812\n"
        "Statistics from Altmetric.com\n"
    )
    assert record.abstract_sections == (
        ("Objectives", "To explore why adults stop attending."),
        ("Design", "Qualitative study using interviews."),
        ("Results", "Most stopped because sessions clashed with work."),
        ("Conclusions", "Evening sessions may help."),
    )


def test_abstract_loses_its_language_tag_translation_and_rights_notice() -> None:
    record = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nhttps://doi.org/10.1037/xge0001234\n"
        "Resumen\nespañol\nClick to increase image size\n"
        "El artículo analiza los conflictos por el agua. (PsycInfo Database Record (c) 2023 APA, "
        "all rights reserved)\nEnglish\nThe article analyses conflicts over water.\n"
    )
    assert record.abstract == "El artículo analiza los conflictos por el agua."


def test_field_headings_and_account_prompts_are_not_authors() -> None:
    record = _read_page(
        "Don’t have an account?\nCreate a Free Account\n"
        f"{_TITLE}\nAuthor\nChidinma A. Nwosu\nDate of Award\n5-2023\nDegree Type\n"
        "Dissertation\nhttps://doi.org/10.1080/21650020.2021.1893456\n"
    )
    assert record.title == _TITLE
    assert record.author == (Person("Nwosu", "Chidinma A."),)


def test_family_names_in_capitals_and_family_given_lines_with_affiliations() -> None:
    jstage = _read_page(
        f"{_TITLE}\nHaruka SATO, Kenta YAMAMOTO, Aiko TAKAHASHI-NAKAMURA\n"
        "https://doi.org/10.5110/jsws.2023.0012\n"
    )
    assert jstage.author == (
        Person("Sato", "Haruka"),
        Person("Yamamoto", "Kenta"),
        Person("Takahashi-Nakamura", "Aiko"),
    )
    diva = _read_page(
        f"{_TITLE}\nHolmberg, Annika\nVästkustens forskningsinstitut, Avdelningen för hav.\n"
        "Ekström-Nilsson, Jonas\nhttps://doi.org/10.5110/jsws.2023.0012\n"
    )
    assert diva.author == (Person("Holmberg", "Annika"), Person("Ekström-Nilsson", "Jonas"))


def test_spanish_author_label_with_family_given_lines() -> None:
    record = _read_page(
        f"{_TITLE}\nAutores\nIbáñez de la Fuente, María José\nCastañeda Ruiz, Jorge Andrés\n"
        "Título de la revista\nRevista de Estudios Hídricos del Sur\n"
    )
    assert record.author == (
        Person("Ibáñez de la Fuente", "María José"),
        Person("Castañeda Ruiz", "Jorge Andrés"),
    )


@pytest.mark.parametrize(
    ("lines", "authors"),
    [
        (
            "Authors: Juan de los Ríos, María García",
            (Person("de los Ríos", "Juan"), Person("García", "María")),
        ),
        ("Author: Bank of England", (Person(literal="Bank of England"),)),
        ("Hiroshi Date, Kenji Sato", (Person("Date", "Hiroshi"), Person("Sato", "Kenji"))),
        (
            "Authors: Smith MA, Jones BS",
            (Person("Smith", "M. A."), Person("Jones", "B. S.")),
        ),
        (
            "Authors\nAnna Berg, Jan Dijk\nMaria Rossi, Luca Bianchi\n",
            (
                Person("Berg", "Anna"),
                Person("Dijk", "Jan"),
                Person("Rossi", "Maria"),
                Person("Bianchi", "Luca"),
            ),
        ),
    ],
)
def test_author_readings_that_must_not_change(lines: str, authors: tuple[Person, ...]) -> None:
    record = _read_page(f"{_TITLE}\n{lines}\nhttps://doi.org/10.1080/21650020.2021.1893456\n")
    assert record.author == authors


def test_cited_family_names_sharing_a_last_word_keep_both_authors() -> None:
    title = "Tenant organising and eviction filings in secondary cities"
    record = _read_page(
        f"{title}\nMaría García López, Juan Pérez López\nCite this article\n"
        f"García López, M., & Pérez López, J. (2020). {title}. Journal of Housing, 3(2), 1-10.\n"
    )
    assert record.author == (Person("García López", "María"), Person("Pérez López", "Juan"))


def test_journals_named_proceedings_navigation_or_analytics_stay_journals() -> None:
    for journal in (
        "Proceedings of the National Academy of Sciences",
        "The Journal of Navigation",
        "Journal of Learning Analytics",
    ):
        record = _read_page(
            f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nJournal: {journal}\n"
        )
        assert (record.type, record.container_title) == ("article-journal", journal)


def test_a_title_broken_before_its_subtitle_keeps_its_main_part() -> None:
    record = _read_page(
        "Cycling infrastructure and school travel:\n"
        "A comparison of medium-sized European cities\n"
        "Anneke de Graaf-Visser, Luca Dall'Acqua\nhttps://doi.org/10.1080/21650020.2021.1893456\n"
    )
    assert record.title.startswith("Cycling infrastructure and school travel")


def test_a_reference_about_another_articles_licence_is_not_the_pages() -> None:
    body = " ".join(
        f"Sentence {n} of the introduction, which runs on for a while." for n in range(12)
    )
    record = _read_page(
        f"{_TITLE}\nby\nMarco Dell'Erba\nCoasts 2021, 1(1), 5; https://doi.org/10.3390/coasts1010005\n"
        f"1. Introduction\n{body}\n\n{body}\n\nReferences\n"
        "1. Smith J. The article was published under a CC BY-NC-ND 4.0 licence in 2019.\n"
    )
    assert record.license == ""


@pytest.mark.parametrize(
    ("marker", "kind"),
    [("dataset", "dataset"), ("Conference paper", "paper-conference"), ("Dissertation", "thesis")],
)
def test_a_lone_kind_of_work_line_gives_the_type(marker: str, kind: str) -> None:
    record = _read_page(
        f"{marker}\n{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\n"
        "https://doi.org/10.6084/m9.figshare.22812345.v1\n"
    )
    assert record.type == kind


def test_degree_type_label_gives_the_type() -> None:
    record = _read_page(
        f"{_TITLE}\nAuthor\nChidinma A. Nwosu\nDegree Type\nDissertation\n"
        "https://doi.org/10.6084/m9.figshare.22812345.v1\n"
    )
    assert record.type == "thesis"


@pytest.mark.parametrize(
    "byline",
    [
        # JMIR: marks before degrees, ORCID images between names.
        "Marta Ibáñez-Corral1, MPH Author Orcid Image ; Tomasz Wójcik2, MD, PhD Author Orcid "
        "Image ; Aiyana Redcloud1, RN",
        # Elsevier: two letter marks, icon words.
        "Author links open overlay panelMarta Ibáñez-Corral a c, Tomasz Wójcik b 1 Person "
        "Envelope, Aiyana Redcloud a",
        # Hindawi: marks after the comma.
        "Marta Ibáñez-Corral ,1 Tomasz Wójcik ,2 and Aiyana Redcloud 3",
        # Springer PDF: a non-breaking hyphen and a middle dot ending the line.
        "Marta Ibáñez\u2011Corral1 · Tomasz Wójcik2 ·\nAiyana Redcloud3",
    ],
)
def test_more_byline_decorations(byline: str) -> None:
    record = _read_page(f"{_TITLE}\n{byline}\nhttps://doi.org/10.2196/51234\n")
    assert record.author == (
        Person("Ibáñez-Corral", "Marta"),
        Person("Wójcik", "Tomasz"),
        Person("Redcloud", "Aiyana"),
    )


def test_a_study_group_closing_a_byline_is_a_group_author() -> None:
    record = _read_page(
        f"{_TITLE}\nMarta Ibáñez-Corral 1 2 , Tomasz Wójcik 1 ; ANDES-CHW Investigators\n"
        "PMID: 37645678 DOI: 10.1111/ijrn.12567\n"
    )
    assert record.author == (
        Person("Ibáñez-Corral", "Marta"),
        Person("Wójcik", "Tomasz"),
        Person(literal="ANDES-CHW Investigators"),
    )


def test_an_authors_menu_item_does_not_hide_the_byline() -> None:
    record = _read_page(
        "Collections\nAuthors\nReferees\nAbout\nEditorial Team\nOpen Access\n"
        f"{_TITLE}\nJ. R. Kowalski, Ana Beatriz Ferreira da Silva, and T. Nakamura\n"
        "Phys. Rev. Granular Matter 3, 024301 – Published 12 February 2024\n"
    )
    assert record.author == (
        Person("Kowalski", "J. R."),
        Person("Ferreira da Silva", "Ana Beatriz"),
        Person("Nakamura", "T."),
    )


@pytest.mark.parametrize(
    "after",
    [
        "Topics\nPhonons, Thermal conductivity",
        "Competing Interest Statement\nThe authors have declared no competing interest.",
        "How to cite. Aguirre-Montt, F.: Tidal pumping, 2024.",
        "Keywords Urban heat island · Street trees",
        "JMIR Rural Health 2024;8:e51234",
    ],
)
def test_abstract_stops_before_what_follows_it(after: str) -> None:
    abstract = "Street trees cool cities. We measured surface temperatures in three cities."
    record = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nhttps://doi.org/10.2196/51234\n"
        f"Abstract\n{abstract}\n{after}\n"
    )
    assert record.abstract == abstract


def test_structured_headings_closed_by_a_full_stop() -> None:
    record = _read_page(
        f"{_TITLE}\nAnneke de Graaf-Visser, Luca Dall'Acqua\nhttps://doi.org/10.1155/2023/1234\n"
        "Abstract\nBackground. Diarrhoea remains common.\nMethods. We surveyed 600 households.\n"
        "Results. Boiling water halved the risk.\n"
    )
    assert [heading for heading, _ in record.abstract_sections] == [
        "Background",
        "Methods",
        "Results",
    ]


def test_pdf_first_page_with_wrapped_title_and_inline_keywords() -> None:
    record = _read_page(
        "Urban Ecosystems and Society (2024) 7:45–61\nhttps://doi.org/10.1007/s44271-023-00214-6\n"
        "ORIGINAL ARTICLE\nStreet trees, surface temperatures and social vulnerability: evidence\n"
        "from thermal imagery in three Central European cities\n"
        "Zuzana Horáková1 · Matteo Dall'Acqua2 ·\nFelix Oberrauch2\n"
        "Abstract\nStreet trees cool cities. We measured surface temperatures.\n"
        "Keywords Urban heat island · Street trees · Thermal remote sensing\n"
    )
    assert record.title == (
        "Street trees, surface temperatures and social vulnerability: evidence from thermal "
        "imagery in three Central European cities"
    )
    assert (record.container_title, record.volume, record.page) == (
        "Urban Ecosystems and Society",
        "7",
        "45-61",
    )
    assert record.keywords == ("Urban heat island", "Street trees", "Thermal remote sensing")
    assert record.abstract == "Street trees cool cities. We measured surface temperatures."
