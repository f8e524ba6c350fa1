"""A deterministic stress library: a few hundred records that are hard to write as BibTeX.

Every CSL type refkit knows; names with particles, hyphens, suffixes, diacritics and
non-Latin scripts, and corporate names (some with "and" or "&" in them); titles with
BibTeX's special characters, acronyms, literal LaTeX commands and non-Latin scripts;
DOIs and URLs with characters that need care; valid ISSNs and ISBNs; unknown fields.

Each record carries the fields its entry type requires in BibTeX's standard styles and
biblatex's data model (journal for an article, publisher and booktitle for a chapter, a
school for a thesis...), so any warning from a real client is about how it was written,
not about what is missing.  The same call always returns the same records.

    from stress import stress_records
    records = stress_records()          # at least 200 records
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import cycle, islice

from refkit.model import CSL_TYPES, Date, Person, Record

__all__ = ["CORPORATE", "PEOPLE", "TITLES", "stress_records"]

#: Personal names: particles, hyphens, apostrophes, a suffix, diacritics, other scripts.
PEOPLE: tuple[Person, ...] = (
    Person(family="van Dijk", given="Jan"),
    Person(family="Di Maria", given="Eleonora"),
    Person(family="de la Cruz", given="María José"),
    Person(family="von Neumann", given="John"),
    Person(family="Sartre", given="Jean-Paul"),
    Person(family="Fjellström", given="Daniella"),
    Person(family="Černe", given="Matej"),
    Person(family="Håkansson", given="Håkan"),
    Person(family="Ødegård", given="Øystein"),
    Person(family="Lévi-Strauss", given="Claude"),
    Person(family="King", given="Martin Luther", suffix="Jr."),
    Person(family="O'Brien", given="Siobhán"),
    Person(family="Müller-Lüdenscheidt", given="Jürgen"),
    Person(family="d'Alembert", given="Jean le Rond"),
    Person(family="Van Dijk", given="Anna"),
    Person(family="Meyer", given="Martin S."),
    Person(family="Komunda", given="Mabel Birungi"),
    Person(family="Plato"),
    Person(family="Παπαδόπουλος", given="Γιώργος"),
    Person(family="Достоевский", given="Фёдор Михайлович"),
    Person(family="王", given="小明"),
    Person(family="山田", given="太郎"),
    Person(family="الخوارزمي", given="محمد"),
    Person(family="Nguyễn", given="Thị Minh Khai"),
    Person(family="Łukasiewicz", given="Jan"),
    Person(family="Gödel", given="Kurt"),
    Person(family="Erdős", given="Pál"),
    Person(family="Ibn Sina", given="Abu Ali"),
    Person(family="dos Santos", given="João"),
    Person(family="Smith", given="J. R. R."),
)

#: Corporate authors, as Zotero stores them: one literal name.
CORPORATE: tuple[Person, ...] = (
    Person(literal="the PRISMA Group"),
    Person(literal="U.S. Department of Health & Human Services"),
    Person(literal="Food and Agriculture Organization of the United Nations"),
    Person(literal="World Health Organization"),
    Person(literal="R Core Team"),
    Person(literal="Organisation for Economic Co-operation and Development (OECD)"),
    Person(literal="Københavns Universitet"),
    Person(literal="Institute of Electrical and Electronics Engineers, Inc."),
)

#: Titles: special characters, acronyms, LaTeX commands as literal text, other scripts.
TITLES: tuple[str, ...] = (
    "Local or global? Does internationalization drive innovation in clusters?",
    "Spatial analysis with GIS for SMEs: a systematic review",
    "An open brace { left alone in a title",
    "A closing brace } left alone in a title",
    "Balanced {braces} inside a title",
    "Growth of 50% & more: costs in $ and # of units_total",
    "Paths like C:\\temp\\new and a lone backslash \\",
    "Tildes ~ and carets ^ in x^2 and ~approximately",
    "The \\emph{x} problem and typesetting with \\LaTeX",
    "Using \\textbf{bold} and $x_1^2$ in plain text",
    "Η επίδραση της παγκοσμιοποίησης στις βιομηχανικές συστάδες",
    "Инновации в промышленных кластерах России",
    "产业集群的国际化与创新",
    "産業クラスターの国際化とイノベーション",
    "الابتكار في التجمعات الصناعية",
    "Ørsted's offshore wind: Håkansson's network model revisited",
    "Naïve café résumés — with an em dash, an en dash – and an ellipsis…",
    "DNA, RNA and mRNA in COVID-19 research: the role of NIH and the EU",
    "iPhone, eBay and macOS: brand names with inner capitals",
    "Email @ scale: the @ sign in titles",
    "Quotes \"double\" and 'single' and „German“ and «French»",
    "Comma, semicolon; colon: and the word and in titles",
    "A 100%",
    "Formal clusters supporting small firms' internationalization: a case of public–private interaction",
    "R&D, M&A and P&L: ampersands in acronyms",
    "The {PRISMA} 2020 statement: an updated guideline for reporting systematic reviews",
    "Über die Grundlagen der Mathematik: Gödel, Łukasiewicz and Erdős",
    "Mixing scripts: GIS in Ελλάδα, Россия, 中国 and مصر",
    "Unbalanced }{ braces reversed",
    "Hash#tags, under_scores and dollar$igns together",
)

#: Abstracts, plain text with the same traps as the titles.
ABSTRACTS: tuple[str, ...] = (
    "Purpose: This paper studies clusters. Findings: 50% of SMEs use GIS & R; the rest do not.",
    "We estimate y = a + b*x^2 with ~10,000 observations (p < 0.05) and costs of $3 per unit.",
    "Η μελέτη εξετάζει τις συστάδες. Исследование кластеров. 本研究探讨产业集群。",
    "Curly {braces}, a lone { and a lone }, backslashes \\ and #hashes in an abstract.",
    "Line one of a long abstract.\n\nA second paragraph after a blank line, with an @ sign.",
)

KEYWORDS: tuple[tuple[str, ...], ...] = (
    ("innovation", "internationalization", "clusters"),
    ("GIS", "SMEs", "R&D"),
    ("50% rule", "C#", "x_1"),
    ("συστάδες", "кластеры", "集群"),
    ("global value chain", "public-private interaction"),
)

#: DOIs with parentheses, semicolons, angle brackets, colons, underscores.
DOIS: tuple[str, ...] = (
    "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
    "10.1016/S0140-6736(20)30183-5",
    "10.1108/CEMJ-07-2023-0319",
    "10.1016/j.respol.2011.06.005",
    "10.1093/ajae/aaq063",
    "10.5281/zenodo.1234567",
    "10.48550/arXiv.2101.00001",
    "10.1000/test_under~score",
    "10.1007/978-3-030-12345-6_7",
    "10.1175/1520-0442(2003)016<4161:TVOTGR>2.0.CO;2",
)

#: URLs with percent escapes, fragments, tildes, underscores and query strings.
URLS: tuple[str, ...] = (
    "https://example.org/search?q=a%20b&lang=en#section-2",
    "https://example.com/~user/paper_v2.pdf",
    "https://research.example.edu/portal/en/publications/local-or-global(1a2b3c).html",
    "http://www.example.net/path/%7Etilde?x=1&y=2#frag",
    "https://kar.example.ac.uk/12345/1/Libaers_Meyer_2011.pdf",
)

JOURNALS: tuple[str, ...] = (
    "European Planning Studies",
    "Research Policy",
    "Central European Management Journal",
    "Journal of Economic Geography & Regional Science",
    "Zeitschrift für Wirtschaftsgeographie",
    "Вопросы экономики",
    "The Lancet",
    "PLOS ONE",
)

PUBLISHERS: tuple[tuple[str, str], ...] = (
    ("Emerald Publishing Limited", "Bingley"),
    ("Taylor & Francis", "Abingdon"),
    ("Springer Nature", "Cham"),
    ("O'Reilly Media", "Sebastopol, CA"),
    ("Éditions Gallimard", "Paris"),
    ("Wiley-VCH", "Weinheim"),
    ("Издательство МГУ", "Москва"),
)

INSTITUTIONS: tuple[str, ...] = (
    "University of Padova",
    "Università degli Studi di Milano",
    "Kungliga Tekniska högskolan",
    "École Polytechnique Fédérale de Lausanne",
    "University of Kent",
)

CONFERENCES: tuple[str, ...] = (
    "Proceedings of the 12th International Conference on GIS & Spatial Analysis",
    "Actes du colloque « Territoires et innovation »",
    "Proceedings of the ACM SIGMOD/PODS Conference",
)

#: Fields refkit does not model, as a user's .bib carries them (some are biblatex fields,
#: some belong to no data model at all: JabRef's owner and timestamp).
EXTRAS: tuple[dict[str, str], ...] = (
    {},
    {"timestamp": "2021-03-04", "owner": "ana"},
    {"file": ":papers/van_Dijk_2020.pdf:PDF"},
    {"eprint": "2101.00001", "eprinttype": "arxiv"},
    {"groups": "clusters, to-read"},
)

LANGUAGES: tuple[str, ...] = ("en", "it", "de", "el", "ru", "zh", "ja", "ar", "fr")

THESIS_GENRES: tuple[str, ...] = ("PhD thesis", "Master's thesis", "Doctoral dissertation")


def _issn(seed: int) -> str:
    """A valid ISSN (check digit computed) from a number below 10**7."""
    digits = f"{seed % 10**7:07d}"
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if check == 10 else check}"


def _isbn13(seed: int) -> str:
    """A valid ISBN-13 (978 prefix, check digit computed), without hyphens."""
    digits = f"978{seed % 10**9:09d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


def _people(index: int, count: int) -> tuple[Person, ...]:
    """``count`` distinct people starting at a position that moves with ``index``."""
    start = (index * 7) % len(PEOPLE)
    return tuple(islice(cycle(PEOPLE), start, start + count))


def _authors(index: int) -> tuple[Person, ...]:
    if index % 9 == 4:
        return (CORPORATE[index % len(CORPORATE)],)
    if index % 11 == 6:
        # A corporate author among people.
        return (*_people(index, 2), CORPORATE[(index // 11) % len(CORPORATE)])
    if index % 13 == 0:
        return _people(index, 12)  # a long author list
    return _people(index, 1 + index % 4)


#: Type variants: (CSL type, genre). Theses come as PhD and master's.
VARIANTS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(t, "") for t in CSL_TYPES if t != "thesis"]
        + [("thesis", genre) for genre in THESIS_GENRES]
    )
)


def _record(index: int) -> Record:
    csl_type, genre = VARIANTS[index % len(VARIANTS)]
    year = 1950 + (index * 17) % 75
    month = (index % 12) + 1 if index % 3 else None
    day = (index % 28) + 1 if month and index % 2 else None
    publisher, place = PUBLISHERS[index % len(PUBLISHERS)]
    fields: dict[str, object] = {
        "type": csl_type,
        "genre": genre,
        "title": TITLES[(index * 7) % len(TITLES)],
        "author": _authors(index),
        "issued": Date(year, month, day),
        "language": LANGUAGES[index % len(LANGUAGES)],
        "extra": EXTRAS[index % len(EXTRAS)],
    }
    if index % 2 == 0:
        fields["abstract"] = ABSTRACTS[index % len(ABSTRACTS)]
    if index % 3 == 1:
        fields["keywords"] = KEYWORDS[index % len(KEYWORDS)]
    if index % 4 != 3:
        fields["doi"] = DOIS[index % len(DOIS)]
    if index % 5 in (1, 3) or csl_type in ("webpage", "post-weblog", "software", "dataset"):
        fields["url"] = URLS[index % len(URLS)]
    if index % 10 == 5:
        fields["note"] = "A note with 10% of {braces} & a \\command"
    if index % 10 == 7:
        fields["annote"] = "Annotation: the claim holds for 95% of SMEs; see p. 12."

    journal = JOURNALS[index % len(JOURNALS)]
    if csl_type in (
        "article-journal",
        "article",
        "article-magazine",
        "article-newspaper",
        "review",
    ):
        fields["container_title"] = journal
        fields["volume"] = str(1 + index % 60)
        fields["issue"] = ("10", "3-4", "Suppl. 2", "")[index % 4]
        fields["page"] = ("1995-2014", "e0123456", "123", "S12-S19", "1426-1437")[index % 5]
        fields["issn"] = (_issn(index * 7919),) if index % 2 else (_issn(index), _issn(index + 1))
    elif csl_type == "book":
        fields["publisher"] = publisher
        fields["publisher_place"] = place
        fields["isbn"] = (_isbn13(index * 104729),)
        fields["edition"] = ("", "2", "3rd")[index % 3]
        if index % 4 == 0:
            # An edited book: editors only.
            fields["editor"] = fields.pop("author")
    elif csl_type in ("chapter", "entry-encyclopedia"):
        fields["container_title"] = f"Handbook of Clusters & Innovation, volume {index % 5 + 1}"
        fields["editor"] = _people(index + 3, 2)
        fields["publisher"] = publisher
        fields["publisher_place"] = place
        fields["page"] = f"{index}-{index + 20}"
        fields["isbn"] = (_isbn13(index * 15485863),)
    elif csl_type == "paper-conference":
        fields["container_title"] = CONFERENCES[index % len(CONFERENCES)]
        fields["event_title"] = "GIS & Innovation 2021"
        fields["publisher"] = publisher
        fields["page"] = f"{index}-{index + 9}"
        fields["editor"] = _people(index + 5, 1)
    elif csl_type == "thesis":
        fields["publisher"] = INSTITUTIONS[index % len(INSTITUTIONS)]
        fields["publisher_place"] = place
        fields["author"] = _people(index, 1)
    elif csl_type in ("report", "standard"):
        fields["publisher"] = INSTITUTIONS[index % len(INSTITUTIONS)]
        fields["number"] = f"TR-{index}/{year}"
        fields["collection_title"] = "Working Papers in Economic Geography"
    elif csl_type == "patent":
        fields["number"] = f"US {9_000_000 + index} B2"
    elif csl_type in ("preprint", "manuscript"):
        fields["publisher"] = "arXiv" if csl_type == "preprint" else ""
        fields["number"] = f"2101.{index:05d}" if csl_type == "preprint" else ""
        fields["note"] = fields.get("note") or "Unpublished manuscript"
    elif csl_type == "dataset":
        fields["publisher"] = "Zenodo"
    elif csl_type in ("webpage", "post-weblog"):
        fields["container_title"] = "The Cluster Blog" if csl_type == "post-weblog" else ""
        fields["available_date"] = Date(2024, 1 + index % 12, 1 + index % 28)
    elif csl_type in ("speech", "document", "software"):
        fields["publisher"] = publisher
        fields["publisher_place"] = place
    return Record(**fields)  # type: ignore[arg-type]


def _variants() -> Iterator[Record]:
    """Records built to collide: same author, title and year (keys need a/b/c), and
    authors whose surnames differ only in case ("van Dijk" / "Van Dijk")."""
    base = Record(
        type="article-journal",
        title="Highly innovative small technology firms",
        author=(Person(family="van Dijk", given="Jan"),),
        issued=Date(2011),
        container_title="Research Policy",
        volume="40",
        issue="10",
        page="1426-1437",
    )
    for first_page in ("1", "20", "300"):
        yield replace(base, page=f"{first_page}-{first_page}9")
    yield replace(base, author=(Person(family="Van Dijk", given="Jan"),))
    yield replace(base, author=(Person(family="VanDijk", given="Jan"),))
    # Only non-Latin letters in the name and title: a key must still come out ASCII.
    yield Record(
        type="book",
        title="产业集群",
        author=(Person(family="王", given="小明"),),
        issued=Date(2020),
        publisher="科学出版社",
        publisher_place="北京",
    )
    yield Record(
        type="book",
        title="产业集群",
        author=(Person(family="王", given="小明"),),
        issued=Date(2020),
        publisher="科学出版社",
        publisher_place="北京",
        edition="2",
    )
    # A title of stop words only, and a title of symbols only.
    yield Record(
        type="article-journal",
        title="The and of a",
        author=(Person(family="Meyer", given="Martin S."),),
        issued=Date(2001),
        container_title="Research Policy",
    )
    yield Record(
        type="article-journal",
        title="% & $ # _ { } ~ ^ \\",
        author=(Person(family="Meyer", given="Martin S."),),
        issued=Date(2001),
        container_title="Research Policy",
    )


def stress_records(count: int = 220) -> list[Record]:
    """``count`` generated records followed by a handful built to collide."""
    return [_record(index) for index in range(count)] + list(_variants())
