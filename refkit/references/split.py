"""Split a reference list into its entries.

Reference lists come one entry per line, one per paragraph, numbered ("[1]", "1.",
"1)"), with hanging indents, or as PDF text where an entry wraps over several lines
(words hyphenated and DOIs broken at the line end).  The split keeps every line: text
that belongs to no entry becomes an entry of its own, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from refkit.references.parse import clean_reference_text

__all__ = ["Entry", "split_entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry: its text with lines joined, where it starts (character offset and
    1-based line in the section) and its label ("12" for "[12]"), when numbered."""

    text: str
    start: int
    line: int
    label: str = ""


_NUMBERED = re.compile(
    r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)]|(\d{1,4})\s(?=[A-Z\u00C0-\u024F]))\s*"
)
_REPEAT_AUTHOR = re.compile(r"^\s*(?:[—―–-]{2,}|_{2,})")
# "Surname, I." / "Surname, Given" / "Surname I," / "SURNAME," / "Van der Berg, " / "Organisation."
_AUTHOR_START = re.compile(
    r"^\s*(?:(?:[dD]e|[vV]an|[vV]on|[dD]i|[dD]el|[dD]a|[lL]e|[lL]a|[dD]u|[tT]en|[tT]er|der|den|St\.?)\s+)*"
    r"[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F-]+"
    r"(?:,\s*(?:[A-Z\u00C0-\u024F]|[a-z]{0,3}\s)|\s+[A-Z]{1,3}[,.\s]|\s+(?:[A-Z]\.\s?)+|,?\s+(?:et al|and|&))"
)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.|\bin press\b", re.IGNORECASE)
_ENDS_ENTRY = re.compile(r"(?:[.)\]]|\d|\b10\.\d{4,9}/\S+|https?://\S+)\s*$")


def split_entries(section: str) -> list[Entry]:
    """The entries of a reference list, in order."""
    lines = section.split("\n")
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    numbered = [_number(line) for line in lines]
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return []
    starts = _entry_starts(lines, content, numbered)
    entries: list[Entry] = []
    for position_index, first in enumerate(starts):
        last = starts[position_index + 1] if position_index + 1 < len(starts) else len(lines)
        block = [lines[i] for i in range(first, last)]
        label = numbered[first] or ""
        text = "\n".join(block)
        if label:
            text = _NUMBERED.sub("", text, count=1)
        cleaned = clean_reference_text(text)
        if cleaned:
            entries.append(Entry(cleaned, offsets[first], first + 1, label))
    return entries


def _number(line: str) -> str:
    match = _NUMBERED.match(line)
    if not match:
        return ""
    return next(group for group in match.groups() if group)


def _entry_starts(lines: list[str], content: list[int], numbered: list[str]) -> list[int]:
    numbered_lines = [i for i in content if numbered[i]]
    if len(numbered_lines) >= max(2, len(content) // 4) and _increasing(
        [int(numbered[i]) for i in numbered_lines]
    ):
        return _numbered_starts(content, numbered)
    blank_separated = any(not lines[i].strip() for i in range(content[0], content[-1]))
    if blank_separated:
        paragraphs = _paragraph_starts(lines, content)
        # Paragraphs are entries unless they are long runs of wrapped lines themselves.
        if len(paragraphs) >= 2 and len(content) <= 3 * len(paragraphs):
            return paragraphs
    indents = {len(lines[i]) - len(lines[i].lstrip()) for i in content}
    if len(indents) >= 2:
        base = min(indents)
        starts = [i for i in content if len(lines[i]) - len(lines[i].lstrip()) == base]
        if 2 <= len(starts) < len(content):
            return starts
    return _wrapped_starts(lines, content)


def _increasing(numbers: list[int]) -> bool:
    ups = sum(1 for a, b in pairwise(numbers) if b == a + 1)
    return ups >= (len(numbers) - 1) * 0.6


def _numbered_starts(content: list[int], numbered: list[str]) -> list[int]:
    starts = [content[0]]
    expected: int | None = None
    for index in content:
        label = numbered[index]
        if not label:
            continue
        number = int(label)
        if index == content[0]:
            expected = number + 1
            continue
        # A line that starts with a number that breaks the sequence is a wrapped page number.
        if expected is None or number == expected or number == expected + 1:
            starts.append(index)
            expected = number + 1
    return starts


def _paragraph_starts(lines: list[str], content: list[int]) -> list[int]:
    starts: list[int] = []
    previous_blank = True
    for index in range(content[0], content[-1] + 1):
        blank = not lines[index].strip()
        if not blank and previous_blank:
            starts.append(index)
        previous_blank = blank
    return starts


def _wrapped_starts(lines: list[str], content: list[int]) -> list[int]:
    """Entries of PDF text: a new entry starts where an author list starts after a line
    that could end an entry, once the entry so far holds a year."""
    starts = [content[0]]
    current = lines[content[0]]
    for previous, index in pairwise(content):
        line = lines[index]
        begins = bool(_AUTHOR_START.match(line) or _REPEAT_AUTHOR.match(line))
        ends = bool(_ENDS_ENTRY.search(lines[previous]))
        if begins and ends and _YEAR.search(current):
            starts.append(index)
            current = line
        else:
            current += " " + line
    return starts
