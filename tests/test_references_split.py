"""Finding the reference section and splitting it into entries."""

from __future__ import annotations

from refkit import parse_references
from refkit.model import Person
from refkit.references import find_reference_section, split_entries


def test_section_ends_at_the_next_non_reference_heading() -> None:
    text = (
        "Intro\n\nBody text (Doe, 2020).\n\nReferences\n\n"
        "Doe, J. (2020). A title. Journal, 1, 1-2.\n\nAcknowledgements\n\nThanks to 2021 people.\n"
    )
    section = find_reference_section(text)
    assert section is not None
    assert section.heading == "References"
    assert "Acknowledgements" not in section.text
    assert section.text.strip() == "Doe, J. (2020). A title. Journal, 1, 1-2."
    assert text[section.start : section.end] == section.text


def test_no_section() -> None:
    assert find_reference_section("Just a page of text without a list.\n") is None


def test_other_headings() -> None:
    for heading in (
        "Bibliography",
        "Literature cited",
        "Works Cited",
        "Literaturverzeichnis",
        "Références",
    ):
        text = f"Body.\n\n{heading}\n\nDoe, J. (2020). A title. Journal, 1, 1-2.\n"
        section = find_reference_section(text)
        assert section is not None and section.heading == heading


def test_numbered_list() -> None:
    section = (
        "[1] A. Smith, “One title,” J. Things, vol. 1, pp. 1–2, 2001.\n"
        "[2] B. Jones, “Two title,” J. Things, vol. 2,\n    pp. 3–4, 2002.\n"
        "[3] C. Brown, Book of things. London: Press, 2003.\n"
    )
    entries = split_entries(section)
    assert [e.label for e in entries] == ["1", "2", "3"]
    assert entries[1].text == "B. Jones, “Two title,” J. Things, vol. 2, pp. 3–4, 2002."
    records = parse_references(section)
    assert records[1].extra["citation-number"] == "2"
    assert records[1].page == "3-4"


def test_wrapped_pdf_lines_with_hyphenation_and_broken_doi() -> None:
    section = (
        "Asheim, B. T., & Coenen, L. (2005). Knowledge bases and regional innovation sys-\n"
        "tems: Comparing Nordic clusters. Research Policy, 34(8), 1173–1190.\n"
        "Ashton, P. (2006). Fashion occupational communities. Journal of Fashion Marketing\n"
        "and Management, 10(2), 181–194. doi: 10.1108/136120206106\n"
        "67496.\n"
        "Axelsson, B., & Easton, G. (1992). Industrial networks. London: Routledge.\n"
    )
    entries = split_entries(section)
    assert len(entries) == 3
    assert "innovation systems: Comparing" in entries[0].text
    records = parse_references(section)
    assert records[1].doi == "10.1108/13612020610667496"
    assert records[1].container_title == "Journal of Fashion Marketing and Management"


def test_hanging_indent() -> None:
    section = (
        "Doe, J. (2001). A first title that wraps over\n"
        "    two lines. Journal, 1, 1-2.\n"
        "Roe, R. (2002). A second title. Journal, 2, 3-4.\n"
    )
    entries = split_entries(section)
    assert len(entries) == 2
    assert entries[0].text.endswith("Journal, 1, 1-2.")


def test_dashes_stand_for_the_previous_authors() -> None:
    section = (
        "Adorno, Theodor. Minima Moralia. London: Verso, 1974.\n\n"
        "———. Negative Dialectics. New York: Seabury, 1973.\n"
    )
    records = parse_references(section)
    assert records[1].author == (Person("Adorno", "Theodor"),)
    assert records[1].title == "Negative Dialectics"
    assert records[1].provenance["author"].note == "same as previous entry"


def test_a_line_that_is_not_a_reference_is_kept() -> None:
    records = parse_references(["Doe, J. (2020). A title. Journal, 1, 1-2.", "Table 3"])
    assert len(records) == 2
    assert records[1].is_unparsed and records[1].raw == "Table 3"
