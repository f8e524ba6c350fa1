"""Merge two descriptions of the same work into one record.

Readers often see a work twice: an HTML page has meta tags and visible text, a PDF has
its document metadata and the text of its first pages.  The more reliable description
is the *primary*; the other fills its gaps.  Each value keeps the provenance of the
description it came from, so the user can still see why a field holds what it holds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from refkit.model import Date, Person, Provenance, Record

__all__ = ["merge", "name_completeness"]

# Fields with their own rule below; every other field is "primary unless empty".
_SPECIAL = frozenset(
    {
        "type",
        "author",
        "editor",
        "issued",
        "available_date",
        "abstract",
        "abstract_sections",
        "issn",
        "isbn",
        "keywords",
        "extra",
        "provenance",
        "source",
        "raw",
        "warnings",
        "has_references",
    }
)

# Given names made only of initials: "J.", "J. Q.", "J.-P.", "M S".
_INITIALS = re.compile(r"^(?:[^\W\d_](?:\.\s*|[\s\-‐]+|$)[\-‐]?)+$")
_WORDS = re.compile(r"\w+")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == () or value == {}


def name_completeness(person: Person) -> int:
    """How much of a name is known.

    0 nothing, 1 a literal or a family name only, 2 initials, 3 a full given name.
    """
    if person.is_corporate:
        return 1
    if not person.family:
        return 0
    given = person.given.replace(".", ". ").strip()
    if not given:
        return 1
    if _INITIALS.match(given):
        return 2
    return 3


def _family_key(person: Person) -> str:
    return (person.family or person.literal).casefold()


def _choose_people(
    primary: tuple[Person, ...], secondary: tuple[Person, ...]
) -> tuple[tuple[Person, ...], bool]:
    """The better of two author lists, and whether it is the secondary one.

    The primary list wins unless the secondary one describes the same people more
    completely (full given names where the primary has initials) or extends it (the
    primary lists only the first author, as some meta tags do).
    """
    if not primary:
        return secondary, bool(secondary)
    if not secondary:
        return primary, False
    primary_families = [_family_key(p) for p in primary]
    secondary_families = [_family_key(p) for p in secondary]
    if primary_families == secondary_families:
        primary_score = sum(name_completeness(p) for p in primary)
        secondary_score = sum(name_completeness(p) for p in secondary)
        if secondary_score > primary_score:
            return secondary, True
        return primary, False
    # The secondary list starts with the primary's people and adds more: the primary was cut short.
    if (
        len(secondary) > len(primary)
        and secondary_families[: len(primary)] == primary_families
        and all(name_completeness(p) >= 2 for p in secondary)
    ):
        return secondary, True
    # Every primary name lacks a given name (or is a bare literal) and the secondary has them all.
    if all(name_completeness(p) <= 1 for p in primary) and all(
        name_completeness(p) >= 2 for p in secondary
    ):
        return secondary, True
    return primary, False


def _more_precise(primary: Date | None, secondary: Date | None) -> tuple[Date | None, bool]:
    """Primary's date, unless the secondary says the same year more precisely."""
    if primary is None:
        return secondary, secondary is not None
    if secondary is None or secondary.year != primary.year:
        return primary, False
    if primary.month is None and secondary.month is not None:
        return secondary, True
    if primary.month == secondary.month and primary.day is None and secondary.day is not None:
        return secondary, True
    return primary, False


def _word_set(text: str) -> set[str]:
    return {w.casefold() for w in _WORDS.findall(text)}


def _same_text(first: str, second: str) -> bool:
    """True when two abstracts are the same text up to markup, headings and punctuation."""
    words_a, words_b = _word_set(first), _word_set(second)
    if not words_a or not words_b:
        return False
    overlap = len(words_a & words_b)
    return overlap / min(len(words_a), len(words_b)) >= 0.8


def _choose_abstract(primary: Record, secondary: Record) -> bool:
    """Whether the secondary's abstract (with its sections) should replace the primary's."""
    if not secondary.abstract:
        return False
    if not primary.abstract:
        return True
    head = primary.abstract.rstrip()
    # Meta tags often carry an abstract cut short with an ellipsis; the full text has all of it.
    if head.endswith(("...", "…")):
        stem = _word_set(head.rstrip(".… "))
        if stem and stem <= _word_set(secondary.abstract) and len(secondary.abstract) > len(head):
            return True
    # The same abstract, but the secondary kept the headings of a structured abstract.
    return (
        bool(secondary.abstract_sections)
        and not primary.abstract_sections
        and _same_text(primary.abstract, secondary.abstract)
    )


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in (*first, *second):
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def merge(primary: Record, secondary: Record) -> Record:
    """One record from two descriptions of the same work, field by field.

    ``primary``'s non-empty values are kept; empty ones are filled from ``secondary``
    together with its provenance.  Author and editor lists come from the description
    with the more complete names; keywords from the description that has them; ISSNs
    and ISBNs are united (a journal has print and online numbers); a ``document`` type
    is the absence of a type; a year-only date is refined by a full date of the same
    year; an abstract is replaced by the same abstract with its structured headings,
    or by the full text of one cut short.
    """
    changes: dict[str, object] = {}
    provenance: dict[str, Provenance] = dict(primary.provenance)
    from_secondary: set[str] = set()

    for spec in dataclasses.fields(Record):
        name = spec.name
        if name in _SPECIAL:
            continue
        if _empty(getattr(primary, name)) and not _empty(getattr(secondary, name)):
            changes[name] = getattr(secondary, name)
            from_secondary.add(name)

    if primary.type == "document" and secondary.type != "document":
        changes["type"] = secondary.type
        from_secondary.add("type")

    for name in ("author", "editor"):
        people, taken = _choose_people(getattr(primary, name), getattr(secondary, name))
        if taken:
            changes[name] = people
            from_secondary.add(name)

    for name in ("issued", "available_date"):
        date, taken = _more_precise(getattr(primary, name), getattr(secondary, name))
        if taken:
            changes[name] = date
            from_secondary.add(name)

    if _choose_abstract(primary, secondary):
        changes["abstract"] = secondary.abstract
        changes["abstract_sections"] = secondary.abstract_sections
        from_secondary.update({"abstract", "abstract_sections"})

    if not primary.keywords and secondary.keywords:
        changes["keywords"] = secondary.keywords
        from_secondary.add("keywords")

    for name in ("issn", "isbn"):
        first, second = getattr(primary, name), getattr(secondary, name)
        united = _union(first, second)
        if united != first:
            changes[name] = united
            if not first:
                from_secondary.add(name)

    if secondary.extra:
        extra: Mapping[str, str] = {**secondary.extra, **primary.extra}
        if extra != primary.extra:
            changes["extra"] = extra

    if secondary.has_references and not primary.has_references:
        changes["has_references"] = True
        from_secondary.add("has_references")

    if not primary.source and secondary.source:
        changes["source"] = secondary.source
    if not primary.raw and secondary.raw:
        changes["raw"] = secondary.raw
    warnings = _union(primary.warnings, secondary.warnings)
    if warnings != primary.warnings:
        changes["warnings"] = warnings

    for name in from_secondary:
        if name in secondary.provenance:
            provenance[name] = secondary.provenance[name]
        else:
            provenance.pop(name, None)
    if not changes:
        return primary
    return dataclasses.replace(primary, provenance=provenance, **changes)  # type: ignore[arg-type]
