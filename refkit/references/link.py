"""Match in-text citations to the entries of a reference list.

Author-date citations ("(Johanson & Vahlne, 1977)", "Osarenkhoe et al. (2020)",
"(Jankowska & Główka, 2016; Valdaliso et al., 2016)") are found by their year and
matched on the first author's family name, the second author's for two-author works,
and the year's letter; numeric ones ("[12]", "[3, 5-7]") by the entry's number.  Each
entry learns how often it is cited and under which section headings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from refkit.model import Record

__all__ = ["Citation", "find_citations", "link_citations", "section_headings"]

_YEAR = re.compile(r"(?<![\d/.-])(1[5-9]\d\d|20\d\d)([a-z])?(?![\d])")
_NUMERIC = re.compile(r"\[(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HEADING_LINE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^\n]{1,80}$")


@dataclass(frozen=True, slots=True)
class Citation:
    """One in-text citation of one entry: the entry's index and where the citation is."""

    entry: int
    start: int
    end: int
    section: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def section_headings(text: str) -> list[tuple[int, str]]:
    """(offset, heading) of the lines that look like section headings.

    A heading stands alone between blank lines (or starts the text), has at most ten
    words, no closing period and no year.
    """
    out: list[tuple[int, str]] = []
    lines = text.split("\n")
    position = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        before_blank = index == 0 or not lines[index - 1].strip()
        after_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if (
            stripped
            and before_blank
            and after_blank
            and _HEADING_LINE.match(stripped)
            and len(stripped.split()) <= 10
            and not stripped.endswith((".", ",", ";", ":"))
            and not _YEAR.search(stripped)
        ):
            out.append((position, re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", stripped)))
        position += len(line) + 1
    return out


def _section_at(headings: Sequence[tuple[int, str]], offset: int) -> str:
    current = ""
    for start, heading in headings:
        if start > offset:
            break
        current = heading
    return current


def _label(record: Record) -> str:
    return str(record.extra.get("citation-number", ""))


def find_citations(body: str, entries: Sequence[Record]) -> list[Citation]:
    """Every in-text citation in ``body`` of one of ``entries``."""
    headings = section_headings(body)
    citations: list[Citation] = []
    citations.extend(_author_date(body, entries, headings))
    citations.extend(_numeric(body, entries, headings))
    citations.sort(key=lambda c: (c.start, c.entry))
    return citations


def _author_date(
    body: str, entries: Sequence[Record], headings: Sequence[tuple[int, str]]
) -> list[Citation]:
    by_year: dict[int, list[int]] = {}
    for index, record in enumerate(entries):
        if record.year is not None and (record.author or record.editor):
            by_year.setdefault(record.year, []).append(index)
    if not by_year:
        return []
    out: list[Citation] = []
    for match in _YEAR.finditer(body):
        candidates = by_year.get(int(match.group(1)))
        if not candidates:
            continue
        window = _window(body, match.start())
        words = {_fold(w) for w in _WORD.findall(window)}
        if not words:
            continue
        best = _best_candidate(entries, candidates, words, window, match.group(2) or "")
        if best is not None:
            out.append(
                Citation(best, match.start(), match.end(), _section_at(headings, match.start()))
            )
    return out


def _window(body: str, year_start: int) -> str:
    """The text before a year that can name its authors: back to the previous "(", ";"
    or sentence end, at most 120 characters."""
    start = max(0, year_start - 120)
    window = body[start:year_start]
    for mark in (";", "(", ". ", "\n"):
        cut = window.rfind(mark)
        if cut != -1 and window[cut + 1 :].strip():
            # "(Johanson & Vahlne, 1977, 2009)": the second year keeps the names before it.
            head = window[cut + 1 :]
            if _WORD.search(head):
                window = head
    return window


def _best_candidate(
    entries: Sequence[Record], candidates: list[int], words: set[str], window: str, suffix: str
) -> int | None:
    scored: list[tuple[int, int]] = []
    et_al = "et al" in window
    for index in candidates:
        record = entries[index]
        people = record.author or record.editor
        first = people[0]
        name = _fold(first.family or first.literal)
        family_words = [w for w in (_fold(x) for x in _WORD.findall(name))]
        if not family_words or not all(w in words for w in family_words[-1:]):
            continue
        score = 2
        if len(people) == 2:
            second = _fold(people[1].family or people[1].literal)
            second_words = _WORD.findall(second)
            if second_words and _fold(second_words[-1]) in words:
                score += 2
            elif et_al:
                score -= 1
        elif (len(people) >= 3 and et_al) or (len(people) == 1 and not et_al):
            score += 1
        record_suffix = str(record.extra.get("year-suffix", ""))
        if suffix or record_suffix:
            if suffix == record_suffix:
                score += 3
            else:
                continue
        scored.append((score, index))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _numeric(
    body: str, entries: Sequence[Record], headings: Sequence[tuple[int, str]]
) -> list[Citation]:
    by_label: dict[str, int] = {}
    for index, record in enumerate(entries):
        label = _label(record)
        if label:
            by_label.setdefault(label, index)
    if not by_label:
        return []
    out: list[Citation] = []
    for match in _NUMERIC.finditer(body):
        section = _section_at(headings, match.start())
        for number in _expand(match.group(1)):
            entry = by_label.get(str(number))
            if entry is not None:
                out.append(Citation(entry, match.start(), match.end(), section))
    return out


def _expand(text: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", text):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 <= high - low <= 50:
                numbers.extend(range(low, high + 1))
        elif part.isdigit():
            numbers.append(int(part))
    return numbers


def link_citations(body: str, entries: Sequence[Record]) -> list[Record]:
    """``entries`` with ``cited_count`` and ``cited_sections`` set from ``body``."""
    citations = find_citations(body, entries)
    counts = [0] * len(entries)
    sections: list[list[str]] = [[] for _ in entries]
    for citation in citations:
        counts[citation.entry] += 1
        if citation.section and citation.section not in sections[citation.entry]:
            sections[citation.entry].append(citation.section)
    return [
        replace(record, cited_count=counts[i], cited_sections=tuple(sections[i]))
        for i, record in enumerate(entries)
    ]
