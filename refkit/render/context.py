"""The template context: every name a template can use, with its type.

A template receives the fields of :class:`Context` as top-level names (``title``,
``style``, ``entries``, ``counts``, ``format``); each entry is an :class:`Entry`.
docs/templates.md documents the same names for template authors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from refkit.model import Check, Record
from refkit.render.citations import in_text
from refkit.render.richtext import RichText
from refkit.render.styles import CitationStyle, format_references, sort_key, year_suffixes
from refkit.render.summary import summarise

__all__ = ["Context", "Entry", "Verdict", "build_context", "verdict_of"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a DOI check said, for a reader.

    ``status`` is one of ``verified``, ``unverified``, ``retracted`` (also withdrawn),
    ``problem`` (the DOI does not exist, points elsewhere, is malformed...) or
    ``unchecked``; ``label`` is a short phrase and ``detail`` a sentence for the reader.
    ``warning`` is true when the reader must act (retracted or a problem).
    """

    status: str
    label: str
    detail: str = ""
    warning: bool = False
    doi: str = ""


_PROBLEMS = {
    "mismatch": "DOI points to a different work",
    "nonexistent": "DOI does not exist",
    "malformed": "DOI is malformed",
    "duplicate": "DOI used by another entry",
    "missing": "no DOI found",
    "not-in-crossref": "DOI not registered with Crossref",
    "corrected": "a correction was published",
}


def verdict_of(check: Check | None) -> Verdict:
    """The reader's :class:`Verdict` for a record's :class:`~refkit.model.Check`."""
    if check is None:
        return Verdict("unchecked", "not checked")
    doi = check.doi
    notice = str(check.details.get("notice", "") or "")
    if check.verdict == "ok":
        return Verdict("verified", "DOI verified", doi=doi)
    if check.verdict in {"retracted", "withdrawn"}:
        detail = f"This work was {check.verdict}"
        detail += f" (notice: https://doi.org/{notice})." if notice else "."
        return Verdict("retracted", check.verdict.upper(), detail, warning=True, doi=doi)
    if check.verdict == "unverified":
        return Verdict("unverified", "DOI not verified", doi=doi)
    label = _PROBLEMS.get(check.verdict, check.verdict.replace("-", " "))
    return Verdict("problem", label, warning=check.verdict != "corrected", doi=doi)


@dataclass(frozen=True, slots=True)
class Entry:
    """One work as a template sees it.  Strings are never None: missing values are ""."""

    number: int
    key: str
    type: str
    title: str
    authors: tuple[str, ...]
    year: str
    container: str
    reference: RichText
    parenthetical: str
    narrative: str
    summary: str
    keywords: tuple[str, ...]
    abstract: str
    doi: str
    doi_url: str
    url: str
    verdict: Verdict
    assessment: str
    reflection: str
    record: Record


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a template receives."""

    title: str
    style: CitationStyle
    entries: tuple[Entry, ...]
    format: str
    counts: Mapping[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "style": self.style,
            "entries": self.entries,
            "format": self.format,
            "counts": dict(self.counts),
        }


def _keywords(record: Record) -> tuple[str, ...]:
    found = [k.text for k in record.keyphrases] or list(record.keywords)
    seen: dict[str, str] = {}
    for word in found:
        seen.setdefault(word.casefold(), word)
    return tuple(seen.values())


def build_context(records: Sequence[Record], style: CitationStyle, fmt: str, title: str) -> Context:
    """The context for rendering ``records`` with ``style`` into format ``fmt``."""
    references = format_references(records, style)
    suffixes = year_suffixes(records) if not style.numeric else [""] * len(records)
    order = list(range(len(records)))
    if not style.numeric:
        order.sort(key=lambda i: (sort_key(references[i]), i))
    entries = []
    for number, index in enumerate(order, start=1):
        record, reference = records[index], references[index]
        citation = in_text(
            record,
            suffixes[index],
            number=number if style.numeric else None,
        )
        doi = record.doi or (record.check.doi if record.check else "")
        entries.append(
            Entry(
                number=number,
                key=record.id,
                type=record.type,
                title=record.title,
                authors=tuple(p.display() for p in record.author if p.display()),
                year=str(record.year) if record.year else "",
                container=record.container_title,
                reference=reference,
                parenthetical=citation.parenthetical,
                narrative=citation.narrative,
                summary=summarise(record, citation.narrative),
                keywords=_keywords(record),
                abstract=record.abstract,
                doi=doi,
                doi_url=f"https://doi.org/{doi}" if doi else "",
                url=record.url,
                verdict=verdict_of(record.check),
                assessment=record.annote,
                reflection=record.note,
                record=record,
            )
        )
    counts = Counter(entry.verdict.status for entry in entries)
    return Context(title=title, style=style, entries=tuple(entries), format=fmt, counts=counts)
