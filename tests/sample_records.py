"""Hand-built records covering every entry type, for the writers' golden files and round trips."""

from __future__ import annotations

import os
from pathlib import Path

from refkit.model import Date, Person, Record

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; rewrite it when REFKIT_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("REFKIT_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


SAMPLES: tuple[Record, ...] = (
    Record(
        type="article-journal",
        title="Local or global? Does internationalization drive innovation in clusters?",
        author=(
            Person("Bettiol", "Marco"),
            Person("Chiarvesio", "Maria"),
            Person("Di Maria", "Eleonora"),
            Person("Gottardello", "Debora"),
        ),
        container_title="European Planning Studies",
        volume="27",
        issue="10",
        page="1995-2014",
        issued=Date(2019, 10, 3),
        language="English",
        keywords=("innovation", "internationalization", "global value chain"),
        abstract="Clusters matter.",
        issn=("0965-4313",),
        doi="10.1080/09654313.2019.1628186",
        url="https://www.tandfonline.com/doi/full/10.1080/09654313.2019.1628186",
    ),
    Record(
        type="article-journal",
        title="Unveiling exogenous gaps enabling a cluster organization’s internationalization process",
        author=(
            Person("Osarenkhoe", "Aihie"),
            Person("Fjellström", "Daniella"),
            Person("Komunda", "Mabel Birungi"),
        ),
        container_title="Central European Management Journal",
        issued=Date(2024, 12, 5),
        doi="10.1108/CEMJ-07-2023-0319",
        license="CC BY 4.0",
        abstract_sections=(
            ("Purpose", "To study gaps."),
            ("Findings", "Gaps: 50% & more."),
        ),
        abstract="Purpose: To study gaps.\n\nFindings: Gaps: 50% & more.",
        has_references=True,
        annote="Read for chapter 2.",
    ),
    Record(
        type="book",
        title="The GIS handbook for SMEs in Europe",
        author=(Person(literal="World Health Organization"),),
        editor=(Person("van Dijk", "Jan"), Person("Smith", "John", suffix="Jr.")),
        publisher="Springer",
        publisher_place="Cham",
        edition="2",
        isbn=("978-3-16-148410-0",),
        issued=Date(2020),
        collection_title="Lecture Notes",
        volume="12",
    ),
    Record(
        type="chapter",
        title="Über Straßen und Plätze",
        author=(Person("Müller", "Jürgen"),),
        editor=(Person("Ng", "A."),),
        container_title="Handbuch der Stadt",
        publisher="De Gruyter",
        page="12-34",
        issued=Date(2018, 3),
    ),
    Record(
        type="paper-conference",
        title="Deep learning for $x^2$ ~ fun_{stuff} #1",
        author=(Person("Zhang", "Wei"), Person("García Márquez", "Ana")),
        container_title="Proceedings of the ACM Conference",
        event_title="ACM Conf 2021",
        page="1-10",
        issued=Date(2021),
    ),
    Record(
        type="thesis",
        genre="PhD thesis",
        title="Clusters and firms",
        author=(Person("Carloni", "Elisa"),),
        publisher="Università di Padova",
        issued=Date(2022),
    ),
    Record(
        type="thesis",
        genre="Master's thesis",
        title="A small study",
        author=(Person("Doe", "Jane"),),
        publisher="University of Kent",
        issued=Date(2015),
    ),
    Record(
        type="report",
        title="Annual report on clusters",
        author=(Person(literal="OECD"),),
        publisher="OECD Publishing",
        number="42",
        issued=Date(2017),
    ),
    Record(
        type="webpage",
        title="Cluster portal",
        container_title="European Cluster Collaboration Platform",
        url="https://clustercollaboration.eu/",
        issued=Date(2023, 1, 15),
    ),
    Record(
        type="dataset",
        title="Survey of cluster firms",
        author=(Person("Libaers", "Dirk"),),
        publisher="Zenodo",
        doi="10.5281/zenodo.1234",
        issued=Date(2011),
    ),
    Record(
        type="manuscript",
        title="Работа о кластерах 中文",
        author=(Person("Иванов", "Иван"),),
        issued=Date(2010),
        note="Unpublished draft",
    ),
    Record(
        type="report",
        title="Working paper",
        author=(Person("Meyer", "Martin S."),),
        publisher="SPRU",
        genre="Working paper",
        issued=Date(2009),
        pmid="12345678",
        extra={"file": "paper.pdf", "langid": "english"},
    ),
)
