"""Split an abstract into sentences, each with its character span in the text.

Abstracts are full of full stops that do not end a sentence: "et al.", "e.g.", "U.S.",
"p < .05", "Fig. 2", initials, and list markers such as "1." or "(ii)".  Publishers also
glue headings to the text that follows ("PurposeThis study aims ...").  The splitter is
rule-based so that every offset points at the exact characters of the source, and markup
(JATS or HTML tags) is blanked out character for character, so spans still refer to the
original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refkit.abstracts import HEADINGS, canonical_heading

__all__ = ["Sentence", "blank_markup", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text (markup removed, spaces collapsed), its span in the source,
    and the structured-abstract heading it falls under ("" when there is none)."""

    text: str
    start: int
    end: int
    heading: str = ""
    index: int = 0


# Words after which a full stop rarely ends a sentence.  Lower-cased, without the dot.
_ABBREVIATIONS = frozenset(
    [
        "al",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "cf",
        "vs",
        "viz",
        "etc",
        "approx",
        "ca",
        "fig",
        "figs",
        "eq",
        "eqs",
        "tab",
        "ref",
        "refs",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "p",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "est",
        "resp",
        "incl",
        "e.t.c",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "ph.d",
        "m.sc",
        "b.sc",
        "sec",
        "secs",
        "ch",
        "chap",
        "ed",
        "eds",
        "min",
        "max",
        "avg",
        "var",
        "n.b",
        "a.k.a",
    ]
)

# Abbreviations that never end a sentence, whatever follows ("e.g. Italy").
_NEVER_FINAL = frozenset({"e.g", "eg", "i.e", "ie", "cf", "vs", "viz", "al", "fig", "figs", "eq", "eqs", "no", "nos", "pp", "approx", "ca", "ref", "refs", "dr", "mr", "mrs", "ms", "prof", "resp", "incl"})  # fmt: skip

# Capitalised words that usually open a new sentence; after "U.S." or "etc." they tip the
# balance towards a boundary.
_SENTENCE_OPENERS = frozenset(
    [
        "the",
        "this",
        "these",
        "those",
        "that",
        "there",
        "their",
        "our",
        "we",
        "it",
        "its",
        "in",
        "on",
        "at",
        "as",
        "for",
        "from",
        "to",
        "by",
        "with",
        "however",
        "moreover",
        "furthermore",
        "finally",
        "thus",
        "therefore",
        "hence",
        "also",
        "although",
        "while",
        "when",
        "results",
        "findings",
        "conclusions",
        "methods",
        "overall",
        "here",
        "in",
        "a",
        "an",
        "using",
        "based",
        "one",
        "two",
    ]
)

_TAG = re.compile(r"<[^<>]{0,200}>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")

# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")

# Headings glued to the sentence they introduce, with or without a colon:
# "Purpose: This", "PurposeThis", "FINDINGS The".
_HEADING_ALTERNATION = "|".join(
    re.escape(heading) for heading in sorted(HEADINGS, key=len, reverse=True)
)
_GLUED_HEADING = re.compile(
    rf"(?:^|(?<=[\s.!?]))({_HEADING_ALTERNATION})(?:\s*[:.\u2013\u2014-]\s*|\s+(?=[A-Z])|(?=[A-Z][a-z]))",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"(?:\(?\d{1,2}[.)]|\(?[ivx]{1,4}\)|\(?[a-h]\)|[•▪●·\-–*])\s+")


def blank_markup(text: str) -> str:
    """``text`` with tags and entities replaced by spaces of the same length.

    Offsets into the result are offsets into ``text``, which is what lets a claim found in a
    JATS abstract point at its words in the original.
    """
    if "<" not in text and "&" not in text:
        return text
    blanked = _TAG.sub(lambda m: " " * len(m.group()), text)
    return _ENTITY.sub(lambda m: " " * len(m.group()), blanked)


def _previous_token(text: str, end: int) -> str:
    """The token (letters, digits, inner dots) just before position ``end``."""
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([{\"'“‘":
        start -= 1
    return text[start:end]


def _next_word(text: str, start: int) -> str:
    match = re.match(r"\s*[\"'“‘(\[]*([^\s]*)", text[start:])
    return match.group(1) if match else ""


def _is_list_marker(text: str, token_start: int) -> bool:
    """Whether a number such as "2" before a full stop starts a list item, not ends a sentence."""
    before = text[:token_start].rstrip(" \t")
    return not before or before[-1] in ":;\n"


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the punctuation at ``dot`` (a full stop) ends a sentence."""
    token = _previous_token(text, dot + 1)
    bare = token.rstrip(".").lstrip("([{").lower()
    following = _next_word(text, after)
    if not following:
        return True
    first = following[0]
    # A lower-case continuation is never a new sentence ("e.g. in Italy", "vs. control").
    if first.islower():
        return False
    if bare in _NEVER_FINAL:
        return False
    # Initials ("J. Smith", "M. S. Meyer") and single letters.
    opener = following.strip("\"'“‘(").lower() in _SENTENCE_OPENERS
    if len(bare) == 1 and bare.isalpha():
        return opener
    # List markers: "1." at the start of an item.
    if bare.isdigit() and len(bare) <= 2 and _is_list_marker(text, dot - len(bare)):
        return False
    if bare in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.){1,3}[a-z]", bare):
        return opener
    return True


def _boundaries(text: str) -> list[int]:
    """Positions just after each sentence's end."""
    ends: list[int] = []
    for match in _CANDIDATE.finditer(text):
        # Only a single full stop is ambiguous; "?", "!" and "..." followed by space end.
        if match.group().rstrip("\"'”’)]") == "." and not _ends_sentence(
            text, match.start(), match.end()
        ):
            continue
        ends.append(match.end())
    # Blank lines always separate.
    for match in re.finditer(r"\n\s*\n", text):
        ends.append(match.start())
    # A new line followed by a list marker starts a new item.
    for match in re.finditer(r"\n(?=[ \t]*" + _LIST_MARKER.pattern + ")", text):
        ends.append(match.start())
    return sorted(set(ends))


def _split_heading(text: str, start: int, end: int) -> tuple[str, int]:
    """A heading glued to the front of a segment, and where its body starts."""
    match = _GLUED_HEADING.match(text, start, end)
    if not match:
        return "", start
    heading = canonical_heading(match.group(1))
    if not heading:
        return "", start
    raw = match.group(1)
    rest = text[match.end() : end]
    # "Results were mixed." is a sentence, not a heading: a real heading is followed by a
    # colon, a capital letter or written in capitals itself.
    separated = text[start + len(raw) : match.end()]
    if not separated.strip() and not (raw.isupper() or (raw[0].isupper() and rest[:1].isupper())):
        return "", start
    # "Results The" reads as a heading only when the next word opens a sentence.
    if (
        not separated.strip()
        and raw[0].isupper()
        and not raw.isupper()
        and " " in separated
        and rest.split(" ", 1)[0].lower() not in _SENTENCE_OPENERS
    ):
        return "", start
    return heading, match.end()


def _clean(segment: str) -> str:
    return " ".join(segment.split())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their spans; headings become the ``heading`` of the
    sentences under them rather than sentences of their own.

    Never raises: any string gives a (possibly empty) list.
    """
    if not text or not text.strip():
        return []
    plain = blank_markup(text)
    sentences: list[Sentence] = []
    heading = ""
    cursor = 0
    for boundary in [*_boundaries(plain), len(plain)]:
        if boundary <= cursor:
            continue
        start, end = cursor, boundary
        cursor = boundary
        while start < end and plain[start].isspace():
            start += 1
        while end > start and plain[end - 1].isspace():
            end -= 1
        # A segment may hold a heading line followed by its first sentence.
        found, body = _split_heading(plain, start, end)
        if found:
            heading = found
            start = body
            while start < end and plain[start].isspace():
                start += 1
        marker = _LIST_MARKER.match(plain, start, end)
        if marker and (marker.group().strip()[0] in "(•▪●·-–*" or _is_list_marker(plain, start)):
            start = marker.end()
        if start >= end or not any(ch.isalnum() for ch in plain[start:end]):
            continue
        sentences.append(
            Sentence(_clean(plain[start:end]), start, end, heading, index=len(sentences))
        )
    return sentences
