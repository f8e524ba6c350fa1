from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit.model import Person
from refkit.names import clean_name_text, is_corporate, parse_name, parse_names


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Di Maria, Eleonora", Person("Di Maria", "Eleonora")),
        ("Eleonora Di Maria*", Person("Di Maria", "Eleonora")),
        ("Jan van Dijk", Person("van Dijk", "Jan")),
        ("Núria Puigdomènech i Vallès", Person("Puigdomènech i Vallès", "Núria")),
        ("José Ortega y Gasset", Person("Ortega y Gasset", "José")),
        ("Leila Ben Salah", Person("Ben Salah", "Leila")),
        ("Daan op den Kamp", Person("op den Kamp", "Daan")),
        ("Ben Smith", Person("Smith", "Ben")),
        # Iberian family names of two surnames, after one or more given names.
        ("Diego Alejandro Muñoz Pardo", Person("Muñoz Pardo", "Diego Alejandro")),
        ("Irene Sánchez de Toledo", Person("Sánchez de Toledo", "Irene")),
        ("Lucas Ferreira da Silva", Person("Ferreira da Silva", "Lucas")),
        ("Beatriz Gonçalves Teixeira", Person("Gonçalves Teixeira", "Beatriz")),
        ("Paula de la Torre Ugarte", Person("de la Torre Ugarte", "Paula")),
        # ... but not Dutch or English names with middle names and initials.
        ("Jan Willem de Vries", Person("de Vries", "Jan Willem")),
        ("Willem J. de Kock", Person("de Kock", "Willem J.")),
        ("Daniel Craig Smith", Person("Smith", "Daniel Craig")),
        ("Chiara Dalla Valle", Person("Dalla Valle", "Chiara")),
        ("Owen St. John", Person("St. John", "Owen")),
        ("van Dijk, Jan", Person("van Dijk", "Jan")),
        ("Jean-Paul Sartre", Person("Sartre", "Jean-Paul")),
        ("Fjellström, Daniella", Person("Fjellström", "Daniella")),
        ("Smith JA", Person("Smith", "J. A.")),
        ("Meyer, Martin S.", Person("Meyer", "Martin S.")),
        ("King, Martin Luther, Jr.", Person("King", "Martin Luther", suffix="Jr.")),
        ("the PRISMA Group", Person(literal="the PRISMA Group")),
        (
            "U.S. Department of Health and Human Services",
            Person(literal="U.S. Department of Health and Human Services"),
        ),
        ("{World Health Organization}", Person(literal="World Health Organization")),
    ],
)
def test_parse_name(written: str, person: Person) -> None:
    assert parse_name(written) == person


@pytest.mark.parametrize(
    ("written", "families"),
    [
        ("Marco Bettiol, Maria Chiarvesio, Eleonora Di Maria*, Debora Gottardello",
         ["Bettiol", "Chiarvesio", "Di Maria", "Gottardello"]),
        ("Libaers, Dirk, Meyer, Martin S.", ["Libaers", "Meyer"]),
        ("Osarenkhoe, A., Fjellström, D. and Komunda, M.B.", ["Osarenkhoe", "Fjellström", "Komunda"]),
        ("Jane Doe1,2, John Roe3", ["Doe", "Roe"]),
        ("Smith, J.; Jones, K.", ["Smith", "Jones"]),
        ("Ana Author & Bob Other", ["Author", "Other"]),
        ("de la Cruz Ferrándiz, L., Sampaio Costa, J. P., & Abernethy, T. W.",
         ["de la Cruz Ferrándiz", "Sampaio Costa", "Abernethy"]),
    ],
)  # fmt: skip
def test_parse_names(written: str, families: list[str]) -> None:
    assert [p.family for p in parse_names(written)] == families


def test_marks_and_orcids_are_removed() -> None:
    assert clean_name_text("Maria Chiarvesio† 0000-0002-1825-0097") == "Maria Chiarvesio"
    assert clean_name_text("Anna Müller¹²") == "Anna Müller"


def test_corporate_detection() -> None:
    assert is_corporate("OECD")
    assert is_corporate("European Commission")
    assert not is_corporate("Marco Bettiol")


@given(st.text(max_size=200))
def test_parse_names_never_raises(text: str) -> None:
    for person in parse_names(text):
        assert isinstance(person, Person)


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("François Xavier Dupont", Person("Dupont", "François Xavier")),
        ("László Péter Kovács", Person("Kovács", "László Péter")),
        ("Pier Paolo da Empoli", Person("da Empoli", "Pier Paolo")),
    ],
)
def test_names_that_only_look_iberian_keep_their_reading(written: str, person: Person) -> None:
    assert parse_name(written) == person
