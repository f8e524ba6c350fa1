"""Exact fields of the example full text's reference list (APA with lost page dashes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refkit.model import Person, Record
from refkit.references import LOST_DASH_NOTE, find_reference_section, parse_references

SEED = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "documents"
    / "emerald-osarenkhoe-2024.txt"
)


@pytest.fixture(scope="module")
def references() -> list[Record]:
    text = SEED.read_text(encoding="utf-8")
    section = find_reference_section(text)
    assert section is not None
    return parse_references(section.text, source=str(SEED), offset=section.start)


def _find(records: list[Record], family: str, year: int, title_start: str = "") -> Record:
    found = [
        r
        for r in records
        if (r.author or r.editor)
        and (r.author or r.editor)[0].family == family
        and r.year == year
        and r.title.startswith(title_start)
    ]
    assert len(found) == 1, (family, year, [r.title for r in found])
    return found[0]


def test_every_entry_is_found_and_parsed(references: list[Record]) -> None:
    assert len(references) == 110
    assert not [r.raw for r in references if r.is_unparsed]
    assert all(r.year for r in references)


# family, year, title start -> exact field values
CASES: list[tuple[str, int, str, dict[str, object]]] = [
    (
        "Alcaraz",
        2024,
        "",
        {
            "type": "article-journal",
            "container_title": "European Business Review",
            "volume": "36",
            "issue": "1",
            "page": "12-31",
            "doi": "10.1108/EBR-01-2023-0025",
            "title": "Effect of populism on the internationalization of emerging market firms",
        },
    ),
    (
        "Amal",
        2024,
        "",
        {
            "page": "1-11",
            "doi": "10.1108/EBR-01-2024-327",
            "author": (
                Person("Amal", "M."),
                Person("Floriani", "D. E."),
                Person("Sosa Varela", "J. C."),
            ),
        },
    ),
    (
        "Asheim",
        2005,
        "",
        {
            "container_title": "Research Policy",
            "volume": "34",
            "issue": "8",
            "page": "1173-1190",
            "doi": "",
        },
    ),
    ("Ashton", 2006, "", {"page": "181-194", "doi": "10.1108/13612020610667496"}),
    (
        "Axelsson",
        1992,
        "",
        {
            "type": "book",
            "title": "Industrial networks – a new view of reality",
            "publisher": "Routledge",
            "publisher_place": "London",
        },
    ),
    (
        "Balas Rant",
        2017,
        "",
        {"author": (Person("Balas Rant", "M."), Person("Korenjak Černe", "S.")), "page": "2-27"},
    ),
    (
        "Bell",
        2015,
        "",
        {
            "type": "chapter",
            "title": "Acquisition of Knowledge in Networking for internationalisation",
            "container_title": "New Technology-Based Firms in the New Millennium",
            "volume": "11",
            "page": "29-53",
            "publisher": "Emerald Group Publishing",
            "publisher_place": "Leeds",
            "doi": "10.1108/S1876-022820150000011010",
        },
    ),
    ("Bogers", 2018, "", {"volume": "60", "issue": "2", "page": "5-16"}),
    ("Chetty", 2003, "", {"volume": "37", "issue": "5/6", "page": "796-820"}),
    ("Davidson", 1980, "", {"page": "9-22", "doi": "10.1057/palgrave.jibs.8490602"}),
    (
        "Falahat",
        2020,
        "",
        {"volume": "152", "page": "119908", "doi": "10.1016/j.techfore.2020.119908"},
    ),
    (
        "Franco",
        2020,
        "",
        {
            "container_title": "Global Business Review",
            "volume": "13",
            "issue": "3",
            "page": "1-22",
            "doi": "10.1177/0972150920919381",
        },
    ),
    (
        "Ghauri",
        2020,
        "",
        {
            "type": "book",
            "title": "Research methods in business studies",
            "edition": "5",
            "publisher": "Cambridge University Press",
            "publisher_place": "Cambridge",
            "container_title": "",
        },
    ),
    (
        "Håkansson",
        1982,
        "",
        {
            "type": "book",
            "author": (),
            "editor": (Person("Håkansson", "H."),),
            "title": "International marketing and purchasing: An interaction approach",
            "publisher": "John Wiley & Sons",
            "publisher_place": "Chichester",
        },
    ),
    (
        "Håkansson",
        2002,
        "",
        {
            "title": "How should companies interact in business networks?",
            "page": "133-139",
            "doi": "10.1016/S0148-2963(00)00148-X",
        },
    ),
    (
        "Hayes",
        2000,
        "",
        {
            "type": "book",
            "publisher": "Open University Press",
            "publisher_place": "Philadelphia, PA",
        },
    ),
    (
        "Hollensen",
        2007,
        "",
        {
            "type": "book",
            "title": "Global marketing: A decision-oriented approach",
            "edition": "4",
            "publisher": "Financial Times Prentice Hall",
            "publisher_place": "Harlow",
        },
    ),
    (
        "Johanson",
        1988,
        "",
        {
            "type": "chapter",
            "title": "Internationalization in industrial systems: A network approach",
            "author": (Person("Johanson", "J."), Person("Mattsson", "L.-G.")),
            "editor": (Person("Hood", "N."), Person("Vahlne", "J.-E.")),
            "container_title": "Strategies in Global Competition",
            "page": "287-314",
            "publisher": "Croom Helm",
            "publisher_place": "London",
        },
    ),
    (
        "Johanson",
        1977,
        "",
        {
            "container_title": "Journal of International Business Studies",
            "volume": "8",
            "issue": "1",
            "page": "23-32",
        },
    ),
    ("Johanson", 2003, "", {"page": "83-101", "doi": "10.1023/A:1023219207042"}),
    ("Kahiya", 2020, "", {"volume": "29", "issue": "1", "page": "101621"}),
    (
        "Klein",
        2019,
        "",
        {
            "type": "chapter",
            "editor": (
                Person("Tulder", "R. V."),
                Person("Verbeke", "A."),
                Person("Jankowska", "B."),
            ),
            "volume": "14",
            "page": "173-197",
            "publisher": "Emerald Publishing",
        },
    ),
    ("Lee", 2014, "", {"container_title": "Procedia CIRP", "volume": "16", "page": "3-8"}),
    ("Linan", 2019, "", {"volume": "55", "issue": "3", "page": "1-9"}),
    (
        "Mainela",
        2003,
        "",
        {
            "type": "thesis",
            "genre": "doctoral dissertation",
            "publisher": "University of Vaasa",
            "publisher_place": "Vaasa Finland",
            "container_title": "",
        },
    ),
    (
        "Miles",
        1994,
        "",
        {
            "type": "book",
            "title": "Qualitative data analysis",
            "edition": "2",
            "publisher": "Sage",
            "publisher_place": "Thousand Oaks, CA",
        },
    ),
    (
        "Moher",
        2009,
        "",
        {
            "author": (
                Person("Moher", "D."),
                Person("Liberati", "A."),
                Person("Tetzlaff", "J."),
                Person("Altman", "D. G."),
                Person(literal="the PRISMA Group"),
            ),
            "container_title": "PLoS Medicine",
            "volume": "6",
            "issue": "7",
            "page": "1-6",
            "number": "e1000097",
            "doi": "10.1371/journal.pmed.1000097",
        },
    ),
    ("Mort", 2006, "", {"volume": "23", "issue": "5", "page": "54972"}),
    (
        "Osarenkhoe",
        2017,
        "",
        {
            "container_title": "Journal of Regional Research",
            "volume": "39",
            "issue": "",
            "page": "175-194",
        },
    ),
    (
        "Osarenkhoe",
        2020,
        "",
        {"volume": "22", "issue": "1/2", "page": "161-177", "doi": "10.1504/GBER.2020.105040"},
    ),
    ("Pavelkova", 2015, "", {"volume": "14", "issue": "3C", "page": "316-332"}),
    (
        "Pino",
        2018,
        "",
        {"volume": "5", "issue": "1", "page": "", "doi": "10.1080/23311975.2018.1463606"},
    ),
    (
        "Sun",
        2009,
        "",
        {
            "page": "129-156",
            "doi": "10.1108/1525383x200900013",
            "note": "Special Issue on Multinational & Emerging Markets",
        },
    ),
    (
        "Tartaruga",
        2020,
        "",
        {
            "type": "chapter",
            "container_title": "Handbook of Research on Cultural Heritage and its Impact on Territory Innovation and Development",
            "publisher": "IGI Global",
            "publisher_place": "Pennsylvania, PA",
        },
    ),
    (
        "Yin",
        2014,
        "",
        {
            "type": "book",
            "title": "Case study research: Design and methods",
            "publisher": "Sage",
            "publisher_place": "Thousand Oaks",
        },
    ),
    ("Spicka", 2022, "", {"volume": "18", "issue": "10", "page": "4320-4342"}),
]


@pytest.mark.parametrize(
    ("family", "year", "title", "expected"), CASES, ids=[f"{c[0]}{c[1]}" for c in CASES]
)
def test_seed_reference_fields(
    references: list[Record], family: str, year: int, title: str, expected: dict[str, object]
) -> None:
    record = _find(references, family, year, title)
    for name, value in expected.items():
        assert getattr(record, name) == value, name


def test_restored_pages_are_marked_in_provenance(references: list[Record]) -> None:
    asheim = _find(references, "Asheim", 2005)
    assert asheim.provenance["page"].note == LOST_DASH_NOTE
    assert asheim.provenance["page"].source == str(SEED)


def test_page_without_a_unique_range_is_kept_and_flagged(references: list[Record]) -> None:
    mort = _find(references, "Mort", 2006)
    assert mort.page == "54972"
    assert any("54972" in w for w in mort.warnings)
    assert mort.provenance["page"].note == ""


def test_provenance_spans_point_into_the_document(references: list[Record]) -> None:
    text = SEED.read_text(encoding="utf-8")
    alcaraz = _find(references, "Alcaraz", 2024)
    span = alcaraz.provenance["doi"]
    assert span.start is not None and span.end is not None
    assert "10.1108/EBR-01-2023-0025" in text[span.start : span.end]
