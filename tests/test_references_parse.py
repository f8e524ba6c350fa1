"""Parsing single reference strings in several citation styles, and bad input."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from refkit import parse_reference, parse_references
from refkit.model import Person
from refkit.references import UNPARSED_WARNING


def test_vancouver() -> None:
    record = parse_reference(
        "Kawai K, Akasaka Y, Murakami K. Endoscopic sphincterotomy of the ampulla of Vater. "
        "Gastrointest Endosc. 1974;20:148-51."
    )
    assert record.author[0] == Person("Kawai", "K.")
    assert len(record.author) == 3
    assert record.title == "Endoscopic sphincterotomy of the ampulla of Vater"
    assert record.container_title == "Gastrointest Endosc"
    assert (record.year, record.volume, record.page) == (1974, "20", "148-51")
    assert record.type == "article-journal"


def test_vancouver_date_before_volume_and_issue() -> None:
    record = parse_reference(
        "Sandborn WJ, Hanauer SB, Rutgeerts P. Adalimumab for maintenance treatment of "
        "Crohn's disease. Gut. 2007;56(9):1232-9."
    )
    assert (record.year, record.volume, record.issue, record.page) == (2007, "56", "9", "1232-9")


def test_ieee() -> None:
    record = parse_reference(
        '[1] A. B. Name and C. D. Other, "A study of things," IEEE Trans. Software Eng., '
        "vol. 3, no. 2, pp. 1–10, 2019."
    )
    assert record.author == (Person("Name", "A. B."), Person("Other", "C. D."))
    assert record.title == "A study of things"
    assert (record.volume, record.issue, record.page, record.year) == ("3", "2", "1-10", 2019)
    assert record.extra.get("citation-number") == "1"


def test_springer_lncs() -> None:
    record = parse_reference(
        "Ahuja, G.: Collaboration networks, structural holes, and innovation. "
        "Adm. Sci. Q. 45, 425–455 (2000)"
    )
    assert record.author == (Person("Ahuja", "G."),)
    assert record.title == "Collaboration networks, structural holes, and innovation"
    assert (record.volume, record.page, record.year) == ("45", "425-455", 2000)


def test_chicago_book() -> None:
    record = parse_reference(
        "Watts, Steven. The Romance of Real Life: Charles Brockden Brown and the Origins of "
        "American Culture. Baltimore: Johns Hopkins University Press, 1994."
    )
    assert record.type == "book"
    assert record.author == (Person("Watts", "Steven"),)
    assert record.publisher == "Johns Hopkins University Press"
    assert record.publisher_place == "Baltimore"
    assert record.year == 1994


def test_mla_article() -> None:
    record = parse_reference(
        "Stokke, Andreas. “Lying and Asserting.” Journal of Philosophy 110.1 (2013): 33-60."
    )
    assert record.title == "Lying and Asserting"
    assert record.container_title == "Journal of Philosophy"
    assert (record.volume, record.issue, record.page, record.year) == ("110", "1", "33-60", 2013)


def test_year_suffix_no_date_and_in_press() -> None:
    suffixed = parse_reference(
        "Lovejoy, W. S. (1991b). Computationally feasible bounds for partially observed "
        "Markov decision processes. Operations Research, 39(1), 162-175."
    )
    assert suffixed.year == 1991
    assert suffixed.extra["year-suffix"] == "b"
    undated = parse_reference(
        "Smith, J. (n.d.). A report on things. Retrieved from https://example.org/r"
    )
    assert undated.issued is None
    assert "n.d." in undated.note
    assert undated.url == "https://example.org/r"
    pressed = parse_reference("Doe, J. (in press). Titles of the future. Journal of Tests, 3, 1-2.")
    assert pressed.issued is None
    assert "in press" in pressed.note


def test_doi_forms_and_several_dois() -> None:
    record = parse_reference(
        "Doe, J. (2020). A title. Journal, 1(2), 3-4. https://doi.org/10.1000/abc.def). "
        "doi:10.2000/xyz."
    )
    assert record.doi == "10.1000/abc.def"
    assert "10.2000/xyz" in record.note


def test_wrapped_pdf_string_with_broken_doi() -> None:
    record = parse_reference(
        "Smith, A., and Jones, B. (2006). Tolerance of the scler-\nactinian coral to heat \n"
        "stress. Limnol. Oceanogr. 51, 1149-1158. (doi:10.4319/ \nlo.2006.51.2.1149)"
    )
    assert record.doi == "10.4319/lo.2006.51.2.1149"
    assert record.title == "Tolerance of the scleractinian coral to heat stress"


def test_lost_dash_only_for_unambiguous_long_digit_strings() -> None:
    record = parse_reference(
        "Asheim, B. T., & Coenen, L. (2005). Knowledge bases. Research Policy, 34(8), 11731190."
    )
    assert record.page == "1173-1190"
    plain = parse_reference("Doe, J. (2005). A title. Nature, 34, 1234.")
    assert plain.page == "1234"


def test_not_a_reference_is_kept_raw() -> None:
    record = parse_reference("Acknowledgements")
    assert record.is_unparsed
    assert record.raw == "Acknowledgements"
    assert UNPARSED_WARNING in record.warnings


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    record = parse_reference(text)
    if UNPARSED_WARNING in record.warnings:
        assert record.raw == text
    else:
        assert record.title or record.author or record.editor or record.container_title


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(
                blacklist_categories=("Cs",),
                blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
            ),
            max_size=80,
        ),
        max_size=12,
    )
)
def test_one_record_per_line_never_drops_a_line(lines: list[str]) -> None:
    records = parse_references(lines)
    assert len(records) == len(lines)
    for line, record in zip(lines, records, strict=True):
        if UNPARSED_WARNING in record.warnings:
            assert record.raw == line


def test_a_parsed_reference_keeps_its_string_for_the_doi_search() -> None:
    text = (
        "Bettiol, M., Chiarvesio, M., Di Maria, E., & Gottardello, D. (2019). Local or glo-\n"
        "bal? Does internationalization drive innovation in clusters? European Planning\n"
        "Studies, 27(10), 1995-2014."
    )
    record = parse_reference(text)
    assert record.reference_text == (
        "Bettiol, M., Chiarvesio, M., Di Maria, E., & Gottardello, D. (2019). Local or global? "
        "Does internationalization drive innovation in clusters? European Planning Studies, "
        "27(10), 1995-2014."
    )
    assert record == parse_reference(record.reference_text)
    # Where it came from, not what it says: records equal in their fields stay equal.
    assert replace(record, reference_text="another wording") == record
    [listed] = parse_references([text])
    assert listed.reference_text == record.reference_text
    # A line that is not a reference keeps its text in raw, as before.
    assert parse_reference("Table 3: descriptive statistics").reference_text == ""


def test_the_reference_string_survives_csl_json_and_stays_out_of_bibtex_and_ris() -> None:
    import json

    from refkit.export import write
    from refkit.export.csljson import records_from_csl

    record = parse_reference(
        "Granovetter, M. S. (1973). The strength of weak ties. American Journal of Sociology, "
        "78(6), 1360-1380."
    )
    assert record.reference_text.startswith("Granovetter, M. S. (1973). The strength")
    item = json.loads(write([record], "csljson"))[0]
    assert item["custom"]["reference_text"] == record.reference_text
    [back] = records_from_csl([item], "library.json")
    assert back.reference_text == record.reference_text
    assert "reference_text" not in json.dumps(back.extra)
    for fmt in ("bibtex", "biblatex", "ris"):
        written = write([record], fmt)
        assert "(1973). The strength" not in written
        assert "reference" not in written.lower()
