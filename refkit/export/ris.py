"""RIS, the tagged format every reference manager imports (EndNote, Zotero, Mendeley).

One tag per line (``TY  - JOUR``), repeated tags for repeated values, ``ER  - `` at the
end of each record.  A value is always one line: many RIS readers drop continuation
lines, so a structured abstract is written as "Heading: text" sentences on one ``AB``
line, which :mod:`refkit.ingest.ris` splits into sections again.
"""

from __future__ import annotations

from collections.abc import Sequence

from refkit.abstracts import join_sections
from refkit.model import Person, Record

__all__ = ["RIS_TYPES", "dumps"]

#: CSL type -> RIS type.
RIS_TYPES: dict[str, str] = {
    "article": "JOUR",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "review": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "entry-encyclopedia": "ENCYC",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "manuscript": "MANSCPT",
    "speech": "SOUND",
    "standard": "STAND",
    "preprint": "UNPB",
    "document": "GEN",
}


def _name(person: Person) -> str:
    # RIS names are "Last, First, Suffix"; an organisation has no comma, so a family
    # name alone keeps a trailing comma to stay a person.
    if person.is_corporate:
        return person.literal
    family = person.family or person.literal
    if not person.given and not person.suffix:
        return family + ","
    return (
        ", ".join(p for p in (family, person.given, person.suffix) if p)
        if not (person.suffix and not person.given)
        else f"{family}, , {person.suffix}"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _record_lines(record: Record) -> list[str]:
    lines: list[tuple[str, str]] = [("TY", RIS_TYPES.get(record.type, "GEN"))]
    add = lines.append
    if record.id:
        add(("ID", record.id))
    for person in record.author:
        add(("AU", _name(person)))
    for person in record.editor:
        add(("A2" if record.type not in ("book", "report") else "ED", _name(person)))
    if record.title:
        add(("T1", record.title))
    if record.container_title:
        add(("JO" if record.type.startswith("article") else "T2", record.container_title))
    if record.collection_title:
        add(("T3", record.collection_title))
    if record.issued is not None:
        add(("PY", str(record.issued.year)))
        date = record.issued
        month = f"{date.month:02d}" if date.month is not None else ""
        day = f"{date.day:02d}" if date.day is not None else ""
        add(("DA", f"{date.year:04d}/{month}/{day}/"))
    if record.volume:
        add(("VL", record.volume))
    if record.issue:
        add(("IS", record.issue))
    if record.first_page:
        add(("SP", record.first_page))
    if record.last_page:
        add(("EP", record.last_page))
    if record.number and not record.issue:
        add(("M1", record.number))
    for issn in record.issn:
        add(("SN", issn))
    for isbn in record.isbn:
        add(("SN", isbn))
    if record.doi:
        add(("DO", record.doi))
    if record.url:
        add(("UR", record.url))
    if record.publisher:
        add(("PB", record.publisher))
    if record.publisher_place:
        add(("CY", record.publisher_place))
    if record.edition:
        add(("ET", record.edition))
    abstract = record.abstract or join_sections(record.abstract_sections)
    if abstract:
        add(("AB", _one_line(abstract)))
    for keyword in record.keywords:
        add(("KW", keyword))
    if record.language:
        add(("LA", record.language))
    if record.note:
        add(("N1", _one_line(record.note)))
    if record.annote:
        add(("RN", _one_line(record.annote)))
    if record.genre:
        add(("M3", record.genre))
    lines.append(("ER", ""))
    return [f"{tag}  - {_one_line(value)}" for tag, value in lines]


def dumps(records: Sequence[Record]) -> str:
    """The records as RIS text (LF line ends, a blank line between records)."""
    from refkit.export.keys import assign_keys

    keyed = assign_keys(records)
    blocks = ["\n".join(_record_lines(r)) + "\n" for r in keyed if not r.is_unparsed]
    return "\n".join(blocks)
