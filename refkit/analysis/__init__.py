"""Abstract-level analysis: the claims an abstract makes and the keywords of a work.

:func:`claims` and :func:`keywords` take a :class:`~refkit.model.Record` or plain text;
:func:`analyse` returns a record with both filled in.  Nothing here raises on bad input:
empty, one-sentence or non-English abstracts give no claims, and a record says why in its
``warnings``.
"""

from __future__ import annotations

import dataclasses

from refkit.analysis.claims import KEPT_ROLES, AbstractAnalysis, analyse_abstract
from refkit.analysis.keywords import author_keywords, extract_keyphrases
from refkit.model import Claim, Keyword, Record

__all__ = [
    "KEPT_ROLES",
    "analyse",
    "analysis_of",
    "claims",
    "keywords",
    "with_extracted_keywords",
]

_LANGUAGE_NAMES = {"it": "Italian", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish"}  # fmt: skip


def analysis_of(text_or_record: str | Record) -> AbstractAnalysis:
    """Every sentence of the abstract with its role (see :func:`analyse_abstract`)."""
    if isinstance(text_or_record, Record):
        return analyse_abstract(text_or_record.abstract, text_or_record.abstract_sections)
    return analyse_abstract(text_or_record or "")


def claims(text_or_record: str | Record) -> list[Claim]:
    """Claims of an abstract (findings, conclusions, contributions, implications,
    limitations), with the aim, method and detailed results beside them, in text order.

    Use :attr:`Claim.is_claim` to keep claims only.  Offsets refer to the record's
    ``abstract`` (or to the text given).
    """
    return list(analysis_of(text_or_record).claims)


def keywords(text_or_record: str | Record, n: int = 10) -> list[Keyword]:
    """The author's keywords (as given, source "author") followed by up to ``n`` extracted
    keyphrases (source "extracted") that the author did not already give, best first."""
    if isinstance(text_or_record, Record):
        title, abstract, given = (
            text_or_record.title,
            text_or_record.abstract,
            text_or_record.keywords,
        )
    else:
        title, abstract, given = "", text_or_record or "", ()
    authored = author_keywords(given)
    if analyse_abstract(abstract).language != "en":
        return authored
    known = {k.text.casefold() for k in authored}
    extracted = [
        k
        for k in extract_keyphrases(title, abstract, n + len(authored))
        if k.text.casefold() not in known
    ]
    return authored + extracted[:n]


def analyse(record: Record, n: int = 10) -> Record:
    """``record`` with its ``claims`` and ``keyphrases`` set; a warning says why an abstract
    gave no claims when it is not in English."""
    analysis = analysis_of(record)
    warnings = record.warnings
    if analysis.reason == "not in English":
        name = _LANGUAGE_NAMES.get(analysis.language, "not English")
        warnings = (
            *warnings,
            f"abstract is {name if name == 'not English' else 'in ' + name}: no claims or keyphrases extracted",
        )
    return dataclasses.replace(
        record,
        claims=analysis.claims,
        keyphrases=tuple(keywords(record, n)),
        warnings=warnings,
    )


def with_extracted_keywords(record: Record, n: int = 10) -> Record:
    """``record`` whose ``keywords`` are the author's followed by the extracted keyphrases
    (deduplicated ignoring case), for exports whose keyword field has no room to tell them
    apart (BibTeX, RIS).  Keyphrases are extracted first if the record has none yet."""
    phrases = record.keyphrases
    if not phrases and record.abstract:
        phrases = tuple(keywords(record, n))
    merged: dict[str, str] = {}
    for text in (
        *(k.text for k in author_keywords(record.keywords)),
        *(k.text for k in phrases if k.source == "extracted"),
    ):
        merged.setdefault(text.casefold(), text)
    return dataclasses.replace(record, keyphrases=phrases, keywords=tuple(merged.values()))
