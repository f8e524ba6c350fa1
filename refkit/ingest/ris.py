"""Read RIS files (EndNote, Zotero, Mendeley, publishers' "download citation") into records."""

from __future__ import annotations

import re

from refkit import doi as doi_module
from refkit.abstracts import join_sections, split_sections
from refkit.errors import InputError, RefkitError
from refkit.export.ris import RIS_TYPES
from refkit.model import Date, Person, Provenance, Record

__all__ = ["RisReader", "parse_ris"]

_TAG = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*)|)$")
_START = re.compile(r"(?m)^TY  ?- ")
_END = re.compile(r"(?m)^ER  ?-")
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")

#: RIS type -> CSL type (the writer's table reversed, plus common variants).
_TYPES: dict[str, str] = {ris: csl for csl, ris in reversed(list(RIS_TYPES.items()))}
_TYPES.update(
    {
        "JOUR": "article-journal",
        "EJOUR": "article-journal",
        "JFULL": "article-journal",
        "ABST": "article-journal",
        "INPR": "article-journal",
        "CONF": "paper-conference",
        "CPAPER": "paper-conference",
        "EBOOK": "book",
        "EDBOOK": "book",
        "ECHAP": "chapter",
        "ELEC": "webpage",
        "ICOMM": "webpage",
        "WEB": "webpage",
        "GEN": "document",
        "UNPB": "preprint",
    }
)

_TEXT_TAGS = {
    "VL": "volume",
    "IS": "issue",
    "M1": "number",
    "PB": "publisher",
    "CY": "publisher_place",
    "ET": "edition",
    "LA": "language",
    "N1": "note",
    "RN": "annote",
    "M3": "genre",
    "T3": "collection_title",
}
_TITLE_TAGS = ("T1", "TI", "CT")
_CONTAINER_TAGS = ("T2", "JO", "JF", "BT", "JA", "J2")


def _person(text: str) -> Person:
    value = text.strip()
    if "," not in value:
        return Person(literal=value)
    parts = [p.strip() for p in value.split(",")]
    family = parts[0]
    given = parts[1] if len(parts) > 1 else ""
    suffix = ", ".join(p for p in parts[2:] if p)
    return Person(family=family, given=given, suffix=suffix)


def _date(pairs: dict[str, list[tuple[str, int]]]) -> Date | None:
    for tag in ("DA", "PY", "Y1"):
        for value, _ in pairs.get(tag, []):
            match = re.match(r"\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?", value)
            if not match:
                continue
            year, month, day = match.groups()
            try:
                return Date(
                    int(year), int(month) if month else None, int(day) if day and month else None
                )
            except ValueError:
                return Date(int(year))
    return None


def _build(
    pairs: dict[str, list[tuple[str, int]]], order: list[str], source: str, line: int
) -> Record:
    values: dict[str, object] = {}
    provenance: dict[str, Provenance] = {"entry": Provenance(source=source, line=line)}
    used: set[str] = {"TY", "ER"}

    def first(*tags: str) -> tuple[str, int] | None:
        for tag in tags:
            for value, where in pairs.get(tag, []):
                if value.strip():
                    used.add(tag)
                    return value.strip(), where
        return None

    def put(attribute: str, found: tuple[str, int] | None) -> None:
        if found and attribute not in values:
            values[attribute] = found[0]
            provenance[attribute] = Provenance(source=source, line=found[1])

    ty = first("TY")
    values["type"] = _TYPES.get(ty[0].upper(), "document") if ty else "document"
    ident = first("ID")
    for tags, attribute in ((("AU", "A1"), "author"), (("A2", "ED"), "editor")):
        people = [(_person(v), w) for t in tags for v, w in pairs.get(t, []) if v.strip()]
        if people:
            used.update(tags)
            values[attribute] = tuple(p for p, _ in people)
            provenance[attribute] = Provenance(source=source, line=people[0][1])
    put("title", first(*_TITLE_TAGS))
    put("container_title", first(*_CONTAINER_TAGS))
    for tag, attribute in _TEXT_TAGS.items():
        put(attribute, first(tag))
    start, end = first("SP"), first("EP")
    if start or end:
        page = "-".join(v for v in ((start or ("", 0))[0], (end or ("", 0))[0]) if v)
        values["page"] = page
        provenance["page"] = Provenance(source=source, line=(start or end or ("", line))[1])
    date = _date(pairs)
    used.update({"DA", "PY", "Y1"} & pairs.keys())
    if date is not None:
        values["issued"] = date
    found = first("DO")
    if found:
        try:
            values["doi"] = doi_module.normalize(found[0])
        except RefkitError:
            values["doi"] = found[0]
        provenance["doi"] = Provenance(source=source, line=found[1])
    put("url", first("UR"))
    numbers = [v.strip() for v, _ in pairs.get("SN", []) if v.strip()]
    if numbers:
        used.add("SN")
        values["issn"] = tuple(n for n in numbers if _ISSN.match(n))
        values["isbn"] = tuple(n for n in numbers if not _ISSN.match(n))
    found = first("AB", "N2")
    if found:
        sections = split_sections(found[0])
        values["abstract"] = join_sections(sections) if sections else found[0]
        if sections:
            values["abstract_sections"] = sections
        provenance["abstract"] = Provenance(source=source, line=found[1])
    keywords = [v.strip() for v, _ in pairs.get("KW", []) if v.strip()]
    if keywords:
        used.add("KW")
        values["keywords"] = tuple(keywords)
    extra: dict[str, str] = {}
    for tag in order:
        if tag in used or tag in extra:
            continue
        texts = [v for v, _ in pairs[tag] if v.strip()]
        if texts:
            extra[tag.lower()] = "\n".join(texts)
    values = {k: v for k, v in values.items() if v not in ("", ())}
    return Record(
        id=ident[0] if ident else "",
        extra=extra,
        provenance=provenance,
        source=source,
        **values,  # type: ignore[arg-type]
    )


def parse_ris(text: str, source: str) -> list[Record]:
    """Records of a RIS text; :class:`InputError` when there is none."""
    records: list[Record] = []
    pairs: dict[str, list[tuple[str, int]]] | None = None
    order: list[str] = []
    start_line = 0
    last_tag = ""
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip("\r").lstrip("\ufeff")
        match = _TAG.match(line)
        if match:
            tag, value = match.group(1), match.group(2) or ""
            if tag == "TY":
                pairs, order, start_line = {}, [], number
            if pairs is None:
                continue
            if tag == "ER":
                records.append(_build(pairs, order, source, start_line))
                pairs = None
                continue
            pairs.setdefault(tag, []).append((value, number))
            if tag not in order:
                order.append(tag)
            last_tag = tag
        elif pairs is not None and last_tag and line.strip():
            # A continuation line belongs to the value above it.
            value, where = pairs[last_tag][-1]
            pairs[last_tag][-1] = (f"{value} {line.strip()}".strip(), where)
    if pairs:
        records.append(_build(pairs, order, source, start_line))
        warning = (
            f"{source}:{start_line}: RIS record without an ER line; read to the end of the file"
        )
        records[-1] = _with_warning(records[-1], warning)
    if not records:
        raise InputError("no RIS records found", source=source)
    return records


def _with_warning(record: Record, warning: str) -> Record:
    import dataclasses

    return dataclasses.replace(record, warnings=(*record.warnings, warning))


class RisReader:
    """Reads RIS: ``TY  - `` lines open records, ``ER  - `` lines close them."""

    name = "ris"

    def sniff(self, data: bytes, text: str | None) -> float:
        """0.95 with both a ``TY`` and an ``ER`` line; 0.5 with only a ``TY`` line."""
        if not text or not _START.search(text):
            return 0.0
        return 0.95 if _END.search(text) else 0.5

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """Records of the file; see :func:`parse_ris`."""
        if text is None:
            raise InputError("not a text file", source=source)
        return parse_ris(text, source)
