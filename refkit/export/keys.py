"""Citation keys in Better BibTeX's default style: ``Bettiol2019LocalGlobalDoes``-like.

The pattern is the first author's family name, the first three significant words of the
title (each capitalised) and the year, transliterated to ASCII; clashes get ``a``,
``b``, ``c`` ... suffixes.  Keys are unique ignoring case, because Zotero, JabRef and
biber treat ``Smith2020`` and ``smith2020`` as the same entry on some platforms.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from anyascii import anyascii

from refkit.model import Record

__all__ = ["KEY_PATTERN", "assign_keys", "base_key", "is_valid_key"]

#: What a citation key may look like: safe for BibTeX, biber, Zotero, JabRef and pandoc.
KEY_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

#: Words that carry no meaning in a key (English, German, French, Italian, Spanish).
STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "and",
        "or",
        "nor",
        "for",
        "to",
        "with",
        "from",
        "by",
        "at",
        "is",
        "are",
        "as",
        "into",
        "onto",
        "upon",
        "via",
        "vs",
        "versus",
        "but",
        "its",
        "it",
        "be",
        "was",
        "were",
        "this",
        "that",
        "these",
        "those",
        "about",
        "over",
        "under",
        "than",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "im",
        "am",
        "zum",
        "zur",
        "von",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "ou",
        "en",
        "au",
        "aux",
        "d",
        "il",
        "lo",
        "gli",
        "i",
        "uno",
        "una",
        "di",
        "da",
        "del",
        "della",
        "dei",
        "delle",
        "e",
        "o",
        "per",
        "con",
        "su",
        "nel",
        "nella",
        "el",
        "los",
        "las",
        "y",
        "del",
        "al",
    ]
)

_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _ascii_alnum(text: str) -> str:
    return _NON_ALNUM.sub("", anyascii(text))


def _author_part(record: Record) -> str:
    people = record.author or record.editor
    if people:
        person = people[0]
        if person.is_corporate:
            words = _WORDS.findall(person.literal)
            return _ascii_alnum(words[0]) if words else ""
        return _ascii_alnum(person.family or person.given)
    return ""


def _title_words(title: str) -> list[str]:
    words: list[str] = []
    for word in _WORDS.findall(title):
        # "L'internationalisation" -> "internationalisation": elided articles are stop words.
        parts = re.split(r"['’]", word)
        if len(parts) > 1 and parts[0].lower() in STOP_WORDS:
            word = parts[-1]
        if word.lower() in STOP_WORDS:
            continue
        ascii_word = _ascii_alnum(word)
        if ascii_word:
            words.append(ascii_word[:1].upper() + ascii_word[1:].lower())
    return words


def base_key(record: Record) -> str:
    """The key of ``record`` before any a/b/c suffix (always a valid key)."""
    title_words = _title_words(record.title)
    author = _author_part(record)
    if not author:
        # Without an author the first title word leads, as in Better BibTeX.
        author, title_words = (title_words[0], title_words[1:]) if title_words else ("", [])
    year = str(record.year) if record.year is not None else ""
    key = author + "".join(title_words[:3]) + year
    if not key or not key[0].isalpha():
        key = "ref" + key
    return key


def is_valid_key(key: str) -> bool:
    """True for a key matching :data:`KEY_PATTERN`."""
    return bool(KEY_PATTERN.match(key))


def _suffixes() -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return list(letters) + [a + b for a in letters for b in letters]


def assign_keys(records: Sequence[Record]) -> list[Record]:
    """Give every record a unique citation key; records keep a valid key they already have.

    Existing valid keys are claimed first (in order), so a user's keys survive; a later
    duplicate of one of them (ignoring case) is treated like a record without a key.
    Records that are only raw text (unparsed ``.bib`` blocks) are returned unchanged.
    """
    taken: set[str] = set()
    keep: list[bool] = []
    for record in records:
        ok = not record.is_unparsed and is_valid_key(record.id) and record.id.lower() not in taken
        if ok:
            taken.add(record.id.lower())
        keep.append(ok)
    result: list[Record] = []
    for record, kept in zip(records, keep, strict=True):
        if kept or record.is_unparsed:
            result.append(record)
            continue
        base = base_key(record)
        key = base
        if key.lower() in taken:
            key = next(
                (base + s for s in _suffixes() if (base + s).lower() not in taken),
                "",
            )
            counter = 1
            while not key or key.lower() in taken:
                key = f"{base}_{counter}"
                counter += 1
        taken.add(key.lower())
        result.append(dataclasses.replace(record, id=key))
    return result
