"""CSL-JSON: refkit's machine interface (what Zotero, pandoc and citeproc read).

Field names are CSL variable names (:func:`refkit.model.csl_name`).  What CSL has no
variable for (structured-abstract sections, the fields of a user's ``.bib`` refkit
does not model, the citing work of a reference-list entry, whether the document has a
reference list, the parsed reference list itself, the string a reference-list entry
was parsed from) goes under ``custom``, so that
:func:`record_from_csl` gives back the very same record.  ``ISSN``/``ISBN`` are
strings (several joined with ", "), because pandoc rejects arrays there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from refkit.model import (
    TEXT_FIELDS,
    Check,
    Claim,
    Date,
    Evidence,
    Keyword,
    Person,
    Record,
    attribute_name,
    csl_name,
)

__all__ = ["dumps", "record_from_csl", "record_to_csl", "records_from_csl"]

_LIST_FIELDS = ("issn", "isbn")
_NAME_FIELDS = ("author", "editor")
_DATE_FIELDS = ("issued", "available_date")


def _date_iso(value: Any) -> str:
    date = Date.from_csl(value)
    return date.iso() if date else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_to_csl(record: Record) -> dict[str, Any]:
    """One record as a CSL-JSON item; refkit's own data under ``custom``."""
    item: dict[str, Any] = {}
    if record.id:
        item["id"] = record.id
    item["type"] = record.type
    if record.title:
        item["title"] = record.title
    for name in _NAME_FIELDS:
        people: tuple[Person, ...] = getattr(record, name)
        if people:
            item[name] = [p.to_csl() for p in people]
    for name in _DATE_FIELDS:
        date: Date | None = getattr(record, name)
        if date is not None:
            item[csl_name(name)] = date.to_csl()
    for name in TEXT_FIELDS:
        if name == "title":
            continue
        value = getattr(record, name)
        if value:
            item[csl_name(name)] = value
    for name in _LIST_FIELDS:
        values: tuple[str, ...] = getattr(record, name)
        if values:
            item[csl_name(name)] = ", ".join(values)
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    custom: dict[str, Any] = {}
    if record.abstract_sections:
        custom["abstract_sections"] = [[h, t] for h, t in record.abstract_sections]
    if record.keywords and any("," in k or ";" in k for k in record.keywords):
        # CSL's "keyword" is one comma-joined string; keep keywords containing commas exact.
        custom["keywords"] = list(record.keywords)
    if record.cited_by:
        custom["cited_by"] = record.cited_by
    if record.has_references:
        custom["has_references"] = True
    if record.references:
        custom["references"] = [record_to_csl(r) for r in record.references]
    if record.cited_count:
        custom["cited_count"] = record.cited_count
    if record.cited_sections:
        custom["cited_sections"] = list(record.cited_sections)
    if record.claims:
        custom["claims"] = [claim_to_json(c) for c in record.claims]
    if record.keyphrases:
        custom["keyphrases"] = [keyword_to_json(k) for k in record.keyphrases]
    if record.check is not None:
        custom["check"] = check_to_json(record.check)
    if record.extra:
        custom["extra"] = dict(record.extra)
    if record.reference_text:
        custom["reference_text"] = record.reference_text
    if custom:
        item["custom"] = custom
    return item


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """A claim as a JSON object: text, start, end, role, and what is known beyond them."""
    out: dict[str, Any] = {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "role": claim.role,
    }
    if claim.section:
        out["section"] = claim.section
    if claim.polarity:
        out["polarity"] = claim.polarity
    if claim.hedges:
        out["hedges"] = list(claim.hedges)
    if claim.relation:
        out["relation"] = claim.relation
    if claim.score:
        out["score"] = round(claim.score, 4)
    if claim.evidence is not None:
        evidence = claim.evidence
        out["evidence"] = {
            k: v
            for k, v in (
                ("design", evidence.design),
                ("sample", evidence.sample),
                ("setting", evidence.setting),
            )
            if v
        }
        if evidence.spans:
            out["evidence"]["spans"] = [list(span) for span in evidence.spans]
    return out


def claim_from_json(data: Mapping[str, Any]) -> Claim:
    evidence_data = data.get("evidence")
    evidence = None
    if isinstance(evidence_data, Mapping):
        spans = tuple(
            (str(s[0]), int(s[1]), int(s[2]))
            for s in evidence_data.get("spans", [])
            if isinstance(s, list | tuple) and len(s) == 3
        )
        evidence = Evidence(
            design=_text(evidence_data.get("design")),
            sample=_text(evidence_data.get("sample")),
            setting=_text(evidence_data.get("setting")),
            spans=spans,
        )
    return Claim(
        text=_text(data.get("text")),
        start=int(data.get("start", 0)),
        end=int(data.get("end", 0)),
        role=_text(data.get("role")),
        polarity=_text(data.get("polarity")),
        hedges=tuple(_text(h) for h in data.get("hedges", []) if _text(h)),
        relation=_text(data.get("relation")),
        section=_text(data.get("section")),
        score=float(data.get("score", 0.0)),
        evidence=evidence,
    )


def keyword_to_json(keyword: Keyword) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": keyword.text,
        "score": round(keyword.score, 4),
        "source": keyword.source,
    }
    if keyword.spans:
        out["spans"] = [list(span) for span in keyword.spans]
    return out


def keyword_from_json(data: Mapping[str, Any]) -> Keyword:
    spans = tuple(
        (int(s[0]), int(s[1]))
        for s in data.get("spans", [])
        if isinstance(s, list | tuple) and len(s) == 2
    )
    return Keyword(
        text=_text(data.get("text")),
        score=float(data.get("score", 0.0)),
        source=_text(data.get("source")),
        spans=spans,
    )


def check_to_json(check: Check) -> dict[str, Any]:
    out: dict[str, Any] = {"verdict": check.verdict}
    if check.doi:
        out["doi"] = check.doi
    if check.details:
        out["details"] = dict(check.details)
    if check.checked:
        out["checked"] = check.checked
    return out


def check_from_json(data: Mapping[str, Any]) -> Check:
    details = data.get("details")
    return Check(
        verdict=_text(data.get("verdict")),
        doi=_text(data.get("doi")),
        details=dict(details) if isinstance(details, Mapping) else {},
        checked=_text(data.get("checked")),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value if _text(v))
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _people(value: Any) -> tuple[Person, ...]:
    if not isinstance(value, list):
        return ()
    people = []
    for entry in value:
        if isinstance(entry, Mapping):
            person = Person.from_csl(entry)
        elif isinstance(entry, str) and entry.strip():
            person = Person(literal=entry.strip())
        else:
            continue
        if person.family or person.given or person.literal:
            people.append(person)
    return tuple(people)


def _split_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        parts = [_text(v) for v in value]
    else:
        parts = _text(value).replace(";", ",").split(",")
    return tuple(p.strip() for p in parts if p and p.strip())


def record_from_csl(item: Mapping[str, Any], source: str) -> Record:
    """The record of one CSL-JSON item (the inverse of :func:`record_to_csl`).

    Items from other tools are welcome: CSL variables refkit does not model are kept in
    ``extra`` under their CSL name (dates as ISO text, other structures as JSON).
    """
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for key, value in item.items():
        if key in ("id", "custom"):
            continue
        if key == "type":
            values["type"] = _text(value) or "document"
            continue
        attribute = attribute_name(key)
        if key == "event":  # CSL 1.0.1's name for event-title
            attribute = "event_title"
        if attribute in _NAME_FIELDS:
            values[attribute] = _people(value)
        elif attribute in _DATE_FIELDS:
            values[attribute] = Date.from_csl(value)
        elif attribute in _LIST_FIELDS:
            values[attribute] = _split_list(value)
        elif key == "keyword":
            values["keywords"] = _split_list(value)
        elif attribute in TEXT_FIELDS:
            values[attribute] = _text(value)
        elif value not in (None, "", [], {}):
            extra[key] = (
                _date_iso(value)
                if isinstance(value, Mapping) and ("date-parts" in value or "raw" in value)
                else (value if isinstance(value, str) else _text(value))
            )
    custom = item.get("custom")
    if isinstance(custom, Mapping):
        sections = custom.get("abstract_sections")
        if isinstance(sections, list):
            values["abstract_sections"] = tuple(
                (_text(s[0]), _text(s[1]))
                for s in sections
                if isinstance(s, list | tuple) and len(s) == 2
            )
        keywords = custom.get("keywords")
        if isinstance(keywords, list):
            values["keywords"] = tuple(_text(k) for k in keywords if _text(k))
        if custom.get("cited_by"):
            values["cited_by"] = _text(custom["cited_by"])
        if custom.get("has_references") is True:
            values["has_references"] = True
        references = custom.get("references")
        if isinstance(references, list):
            values["references"] = tuple(
                record_from_csl(r, source) for r in references if isinstance(r, Mapping)
            )
        if isinstance(custom.get("cited_count"), int):
            values["cited_count"] = custom["cited_count"]
        if isinstance(custom.get("cited_sections"), list):
            values["cited_sections"] = tuple(_text(s) for s in custom["cited_sections"])
        if isinstance(custom.get("claims"), list):
            values["claims"] = tuple(
                claim_from_json(c) for c in custom["claims"] if isinstance(c, Mapping)
            )
        if isinstance(custom.get("keyphrases"), list):
            values["keyphrases"] = tuple(
                keyword_from_json(k) for k in custom["keyphrases"] if isinstance(k, Mapping)
            )
        if isinstance(custom.get("check"), Mapping):
            values["check"] = check_from_json(custom["check"])
        if isinstance(custom.get("reference_text"), str) and custom["reference_text"].strip():
            values["reference_text"] = custom["reference_text"].strip()
        custom_extra = custom.get("extra")
        if isinstance(custom_extra, Mapping):
            for key, value in custom_extra.items():
                extra[str(key)] = value if isinstance(value, str) else _text(value)
        for key, value in custom.items():
            if key not in {
                "abstract_sections", "keywords", "cited_by", "has_references", "references",
                "extra", "cited_count", "cited_sections", "claims", "keyphrases", "check",
                "reference_text",
            }:  # fmt: skip
                extra.setdefault(f"custom.{key}", value if isinstance(value, str) else _text(value))
    record_id = item.get("id")
    values = {k: v for k, v in values.items() if v not in (None, "", ())}
    return Record(
        id=_text(record_id) if record_id is not None else "",
        extra=extra,
        source=source,
        **values,
    )


def records_from_csl(data: Any, source: str) -> list[Record]:
    """Records of parsed CSL-JSON: an array of items, one item, or ``{"items": [...]}``."""
    if isinstance(data, Mapping) and isinstance(data.get("items"), list):
        data = data["items"]
    if isinstance(data, Mapping):
        data = [data]
    if not isinstance(data, list):
        return []
    return [record_from_csl(item, source) for item in data if isinstance(item, Mapping)]


def dumps(records: Sequence[Record]) -> str:
    """The records as a CSL-JSON array (indent 2, UTF-8 text, trailing newline).

    Records without a valid citation key get one.  Records that are only an unparsed ``.bib`` block are left out: CSL-JSON cannot hold them.
    """
    from refkit.export.keys import assign_keys

    # citeproc (pandoc) needs an id on every item.
    items = [record_to_csl(r) for r in assign_keys(records) if not r.is_unparsed]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
