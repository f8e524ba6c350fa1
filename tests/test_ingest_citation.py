from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refkit.ingest.citation import parse_citation


def test_eprints_citation_anchored_on_the_title() -> None:
    cited = parse_citation(
        "Libaers, Dirk, Meyer, Martin S. (2011) Highly Innovative Small Firms. Research Policy, "
        "40 (10). pp. 1426-1437. ISSN 0048-7333. (doi:10.1016/j.respol.2011.06.005) (KAR id:33679)",
        "Highly Innovative Small Firms",
    )
    assert cited.authors == "Libaers, Dirk, Meyer, Martin S."
    assert cited.year == "2011"
    assert cited.container == "Research Policy"
    assert (cited.volume, cited.issue, cited.page) == ("40", "10", "1426-1437")
    assert cited.doi == "10.1016/j.respol.2011.06.005"
    assert cited.issn == ("0048-7333",)


def test_emerald_citation_with_quoted_title_and_placeholder_volume() -> None:
    cited = parse_citation(
        'Doe, A. and Roe, B.C. (2024), "A study’s title", Some Management Journal, '
        "Vol. ahead-of-print No. ahead-of-print. https://doi.org/10.1108/X-07-2023-0319"
    )
    assert cited.title == "A study’s title"
    assert cited.container == "Some Management Journal"
    assert (cited.volume, cited.issue) == ("", "")
    assert cited.doi == "10.1108/X-07-2023-0319"


def test_taylor_and_francis_volume_colon_issue() -> None:
    cited = parse_citation(
        "Ana Author & Bob Other (2019) Local or global?, European Studies, 27:10, 1995-2014, "
        "DOI: 10.1080/09654313.2019.1628185",
        "Local or global?",
    )
    assert cited.container == "European Studies"
    assert (cited.volume, cited.issue, cited.page) == ("27", "10", "1995-2014")


def test_apa_question_mark_title() -> None:
    cited = parse_citation(
        "Bettiol, M., & Di Maria, E. (2019). Local or global? Does it matter. "
        "European Planning Studies, 27(10), 1995-2014."
    )
    assert cited.title == "Local or global? Does it matter"
    assert cited.container == "European Planning Studies"


def test_springer_year_in_parentheses_is_not_an_issue() -> None:
    cited = parse_citation(
        "Smith, A., Other, B. Title of it. J Bus Res 12, 345–367 (2020).", "Title of it"
    )
    assert (cited.container, cited.volume, cited.issue, cited.page) == (
        "J Bus Res",
        "12",
        "",
        "345-367",
    )
    assert cited.year == "2020"


@given(st.text(max_size=300), st.text(max_size=40))
def test_parse_citation_never_raises(text: str, title: str) -> None:
    parse_citation(text, title)


def test_a_chapter_citation_names_its_book_not_its_editors() -> None:
    cited = parse_citation(
        "Doe, J., Roe, R. (2023). A chapter title. In: Lind, M., Berg, F. (eds) The Book Title. "
        "Series Name, vol 7. Springer, Cham. https://doi.org/10.1007/978-3-031-00000-0_5",
        "A chapter title",
    )
    assert cited.container == "The Book Title"
    assert cited.doi == "10.1007/978-3-031-00000-0_5"


def test_ssrn_citation_with_date_after_title_and_series_number() -> None:
    title = "Climate Stress Tests and Bank Lending to Flood-Exposed Firms"
    citation = parse_citation(
        f"Ramaswamy, Siddharth and Van Acker, Clara-Maria, {title} (February 28, 2023). "
        "Harbourside Business School Research Paper No. 23-014, Available at SSRN: "
        "https://ssrn.com/abstract=4381129 or http://dx.doi.org/10.2139/ssrn.4381129",
        title,
    )
    assert citation.year == "2023"
    assert citation.container == "Harbourside Business School Research Paper"
    assert citation.number == "23-014"
    assert (citation.volume, citation.page) == ("", "")
    assert citation.doi == "10.2139/ssrn.4381129"


def test_article_numbers_in_citations() -> None:
    frontiers = parse_citation(
        "Ferrer N, Le Bihan A (2023) Shrub encroachment alters soil networks. "
        "Front. Alp. Ecol. 4:1187654. doi: 10.3389/falpe.2023.1187654",
        "Shrub encroachment alters soil networks",
    )
    assert (frontiers.container, frontiers.volume, frontiers.number) == (
        "Front. Alp. Ecol.",
        "4",
        "1187654",
    )
    plos = parse_citation(
        "Ben-David T, Nyberg O (2024) Smallholder seed networks. PLOS Agroecol 3(5): e0000287.",
        "Smallholder seed networks",
    )
    assert (plos.volume, plos.issue, plos.number) == ("3", "5", "e0000287")
    pages = parse_citation(
        "Smith J (2020) A title here. J. Appl. Ecol. 12:345-367.", "A title here"
    )
    assert (pages.volume, pages.page, pages.number) == ("12", "345-367", "")


def test_five_digit_pages_after_a_colon_are_pages_and_ssrn_is_not_a_container() -> None:
    jbc = parse_citation(
        "Smith J, Jones K. Title of the paper. J Biol Chem. 1998;273:13375-13378.",
        "Title of the paper",
    )
    assert (jbc.container, jbc.year, jbc.volume, jbc.page, jbc.number) == (
        "J Biol Chem",
        "1998",
        "273",
        "13375-13378",
        "",
    )
    bmj = parse_citation("Doe A. A trial. BMJ. 2020 Mar 3;368(2):m123.", "A trial")
    assert (bmj.container, bmj.year, bmj.volume, bmj.issue, bmj.number) == (
        "BMJ",
        "2020",
        "368",
        "2",
        "m123",
    )
    ssrn = parse_citation(
        "Smith, John, Title of the Paper (February 28, 2023). Available at SSRN: "
        "https://ssrn.com/abstract=123",
        "Title of the Paper",
    )
    assert "SSRN" not in ssrn.container + ssrn.publisher
