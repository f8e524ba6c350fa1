"""In-text citation forms in the author-date manner of APA 7.

Parenthetical "(Bettiol et al., 2019)" and narrative "Bettiol et al. (2019)": one author
by surname, two joined ("Libaers & Meyer" in parentheses, "Libaers and Meyer" in running
text), three or more as the first author and "et al.".  An organisation is named in full;
a work with neither authors nor editors is cited by its title in quotation marks, and one
without a date by "n.d.".
"""

from __future__ import annotations

from dataclasses import dataclass

from refkit.model import Person, Record, split_title

__all__ = ["InTextCitation", "in_text"]


@dataclass(frozen=True, slots=True)
class InTextCitation:
    """The two in-text forms of one work."""

    parenthetical: str
    narrative: str


def _surname(person: Person) -> str:
    return person.literal if person.is_corporate else (person.family or person.literal)


def _authors(people: tuple[Person, ...], conjunction: str) -> str:
    names = [n for n in (_surname(p) for p in people) if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return f"{names[0]} et al."


def _short_title(record: Record) -> str:
    title = split_title(record.title)[0] if record.title else ""
    words = title.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def in_text(record: Record, year_suffix: str = "", number: int | None = None) -> InTextCitation:
    """The in-text forms of ``record``; ``number`` gives the numeric forms "[3]" instead."""
    if number is not None:
        label = f"[{number}]"
        author = _authors(record.author or record.editor, "and")
        return InTextCitation(label, f"{author} {label}" if author else label)
    year = (
        f"{record.year}{year_suffix}"
        if record.year
        else f"n.d.{'-' + year_suffix if year_suffix else ''}"
    )
    people = record.author or record.editor
    parenthetical_names = _authors(people, "&")
    narrative_names = _authors(people, "and")
    if not parenthetical_names:
        title = _short_title(record)
        if not title:
            return InTextCitation(f"({year})", f"({year})")
        parenthetical_names = narrative_names = f"\u201c{title}\u201d"
    return InTextCitation(f"({parenthetical_names}, {year})", f"{narrative_names} ({year})")
