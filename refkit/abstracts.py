"""Structured abstracts: the headings publishers use, and joining/splitting sections.

A structured abstract ("Purpose", "Design/methodology/approach", "Findings", ...) is
kept as ordered (heading, text) sections.  Where a format has only one plain field
(BibTeX ``abstract``, RIS ``AB``) the sections are joined as "Heading: text"
paragraphs, which :func:`split_sections` reads back.
"""

from __future__ import annotations

import re

#: Headings of structured abstracts (Emerald, medical IMRaD, CONSORT-like), canonical spelling.
HEADINGS: tuple[str, ...] = (
    "Purpose",
    "Design/methodology/approach",
    "Findings",
    "Research limitations/implications",
    "Practical implications",
    "Social implications",
    "Originality/value",
    "Background",
    "Context",
    "Introduction",
    "Objective",
    "Objectives",
    "Aim",
    "Aims",
    "Aims and objectives",
    "Methods",
    "Method",
    "Methodology",
    "Design",
    "Setting",
    "Participants",
    "Interventions",
    "Main outcome measures",
    "Results",
    "Conclusion",
    "Conclusions",
    "Discussion",
    "Limitations",
    "Implications",
    "Value",
    "Approach",
    "Research question",
    "Paper type",
    # Medical journals (BMJ, JAMA, Lancet, CONSORT and PRISMA abstracts).
    "Importance",
    "Exposure",
    "Exposures",
    "Main outcomes and measures",
    "Main outcome measure",
    "Primary and secondary outcome measures",
    "Design, setting, and participants",
    "Design, setting and participants",
    "Conclusions and relevance",
    "Interpretation",
    "Funding",
    "Trial registration",
    "Data sources",
    "Study selection",
    "Data extraction",
    "Data synthesis",
    "Hypothesis",
    "Rationale",
)

_HEADING_KEYS = {re.sub(r"\W+", "", h.lower()): h for h in HEADINGS}


def canonical_heading(text: str) -> str:
    """The canonical spelling of a structured-abstract heading, or ``""`` if it is not one."""
    stripped = text.strip().rstrip(":").strip()
    if not stripped or len(stripped) > 45:
        return ""
    return _HEADING_KEYS.get(re.sub(r"\W+", "", stripped.lower()), "")


def join_sections(sections: tuple[tuple[str, str], ...]) -> str:
    """One plain-text abstract from its sections: "Heading: text" paragraphs."""
    return "\n\n".join(f"{heading}: {text}" if heading else text for heading, text in sections)


_INLINE_HEADING = re.compile(
    r"(?:^|(?<=\n\n)|(?<=[.!?]\s))("
    + "|".join(re.escape(h) for h in sorted(HEADINGS, key=len, reverse=True))
    + r")\s*[:.\u2013\u2014-]\s+",
    re.IGNORECASE,
)


def split_sections(abstract: str) -> tuple[tuple[str, str], ...]:
    """Sections of an abstract written as "Heading: text" paragraphs; ``()`` if it has none.

    At least two recognised headings are needed, and the first must open the abstract,
    so an ordinary sentence such as "Results: mixed." inside prose is not mistaken for one.
    """
    matches = list(_INLINE_HEADING.finditer(abstract))
    if len(matches) < 2 or abstract[: matches[0].start()].strip():
        return ()
    sections: list[tuple[str, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(abstract)
        body = abstract[match.end() : end].strip()
        sections.append((canonical_heading(match.group(1)), body))
    return tuple(sections)
