"""Find the DOI of an entry that has none: search, then validate every candidate.

Search alone links wrong papers: a relevance score says a candidate shares words with
the reference, not that it is the same work.  So each candidate Crossref's
``query.bibliographic`` returns is checked against the entry's own evidence (first
author, year, title, container, volume, issue, first page), taken from the record's
fields or, where a field is empty, looked for in the reference string itself.  A match
is accepted only when the best candidate's confidence clears :data:`THRESHOLD` and no
other candidate comes close: a tie or a weak winner means "no DOI", because a wrong DOI
is worse than none.

The threshold and margin were chosen on half of a development set of real reference
strings and measured on the other half (``benchmarks/crossref_matching.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Protocol

from refkit.crossref.verify import (
    abbreviates,
    compare_pages,
    container_similarity,
    family_agrees,
    first_author,
    fold,
    lost_dash,
    title_similarity,
    work_containers,
    work_doi,
    work_pages,
    work_subtitles,
    work_titles,
    work_years,
)
from refkit.model import Record

#: Lowest confidence (0..1) of an accepted match; chosen on data (see the module docstring).
THRESHOLD = 0.78
#: How far the winner must lead the runner-up; a closer second makes the match a tie.
MARGIN = 0.25
#: Candidates asked of the search service per entry.
ROWS = 5
#: Titles shorter than this many words are weak evidence when found in a reference string.
SHORT_TITLE_WORDS = 3

# How much each kind of evidence counts.  The title carries most of the identity;
# volume and first page rarely agree by chance, year and journal often do.
WEIGHTS: Mapping[str, float] = {
    "title": 4.0,
    "author": 1.5,
    "issued": 1.0,
    "container-title": 1.0,
    "volume": 1.5,
    "issue": 0.5,
    "page": 1.5,
}

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


class Searcher(Protocol):
    """Anything with Crossref's ``query.bibliographic`` search: the client, or a local index."""

    def search(self, bibliographic: str, rows: int = ...) -> list[Mapping[str, Any]]: ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """One field's testimony about a candidate: ``agrees`` None means no evidence either way."""

    field: str
    entry: str
    crossref: str
    agrees: bool | None
    score: float
    #: Below 1 when the evidence is weaker than usual for its field (a very short title).
    weight: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "crossref": self.crossref,
            "agrees": self.agrees,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class Candidate:
    """A search result and how well it fits the entry."""

    doi: str
    confidence: float
    search_score: float
    evidence: tuple[Evidence, ...]
    work: Mapping[str, Any] = field(hash=False, compare=False)

    def evidence_json(self) -> dict[str, Any]:
        return {e.field: e.to_json() for e in self.evidence}


@dataclass(frozen=True)
class MatchResult:
    """The outcome of a search: an accepted DOI with its evidence, or none and why."""

    doi: str
    confidence: float
    reason: str
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "candidate": self.doi or None,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }
        best = self.best
        if best is not None:
            out["evidence"] = best.evidence_json()
            if not self.doi:
                out["best_rejected"] = best.doi
        return out


# ----------------------------------------------------------------------------- reference text


def unwrap(text: str) -> str:
    """Join a reference cut into lines: words hyphenated at a line end are rejoined."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def reference_text(record: Record) -> str:
    """A reference string built from the record's fields, for ``query.bibliographic``."""
    parts: list[str] = []
    names = [p.family or p.literal for p in record.author[:3] if p.family or p.literal]
    if names:
        parts.append(", ".join(names))
    if record.year is not None:
        parts.append(f"({record.year})")
    if record.title:
        parts.append(record.title)
    if record.container_title:
        parts.append(record.container_title)
    numbers = " ".join(x for x in (record.volume, record.issue and f"({record.issue})") if x)
    if numbers:
        parts.append(numbers)
    if record.page:
        parts.append(record.page)
    return ". ".join(parts)


@dataclass(frozen=True)
class _Reference:
    """The reference string in the forms the checks need, computed once per entry."""

    variants: tuple[tuple[str, ...], ...]
    folded: str
    numbers: frozenset[str]
    years: frozenset[int]

    @classmethod
    def of(cls, text: str) -> _Reference:
        # Both a rejoined and a kept hyphen ("non-\nincremental") must be findable.
        joined = unwrap(text)
        kept = re.sub(r"\s+", " ", text.replace("-\n", "-"))
        folded = fold(joined) + " | " + fold(kept)
        variants = (tuple(fold(joined).split()), tuple(fold(kept).split()))
        years = frozenset(int(y) for y in _YEAR.findall(joined))
        # Years are numbers too, but never a volume or a page worth counting.
        numbers = frozenset(
            w.lstrip("0") or w
            for w in folded.split()
            if any(ch.isdigit() for ch in w) and not (w.isdigit() and int(w) in years)
        )
        return cls(variants, f" {folded} ", numbers, years)

    @property
    def words(self) -> tuple[str, ...]:
        return self.variants[0] + self.variants[1]

    def has_words(self, text: str) -> bool:
        phrase = fold(text)
        return bool(phrase) and f" {phrase} " in self.folded

    def coverage(self, title: str) -> float:
        """Share of the title's words found, in order, in the reference."""
        wanted = fold(title).split()
        if not wanted:
            return 0.0
        best = 0
        for words in self.variants:
            matcher = SequenceMatcher(None, wanted, list(words), autojunk=False)
            best = max(best, sum(block.size for block in matcher.get_matching_blocks()))
        return best / len(wanted)

    def names_container(self, names: Sequence[str]) -> bool:
        for name in names:
            if self.has_words(name):
                return True
            span = len(fold(name).split())
            for start in range(len(self.words)):
                for length in range(1, span + 3):
                    window = self.words[start : start + length]
                    if len(window) < length:
                        break
                    if abbreviates(" ".join(window), name):
                        return True
        return False


# ----------------------------------------------------------------------------- validation


def _number(text: str) -> str:
    text = fold(text).replace(" ", "")
    return text.lstrip("0") or text


def _evidence(
    record: Record, reference: _Reference | None, work: Mapping[str, Any]
) -> list[Evidence]:
    found: list[Evidence] = []

    titles = work_titles(work)
    if titles:
        if record.title:
            score = title_similarity(record.title, titles, work_subtitles(work))
            found.append(Evidence("title", record.title, titles[0], score >= 0.8, score))
        elif reference is not None:
            score = max(reference.coverage(t) for t in titles)
            # A title of one or two words is found in many references by chance: it
            # counts, but for less.
            words = max(len(fold(t).split()) for t in titles)
            weight = min(1.0, words / SHORT_TITLE_WORDS)
            found.append(Evidence("title", "", titles[0], score >= 0.8, score, weight))

    theirs = first_author(work)
    if theirs:
        if record.author:
            mine = record.author[0].family or record.author[0].literal
            agrees, score = family_agrees(mine, theirs)
            found.append(Evidence("author", mine, theirs, agrees, 1.0 if agrees else 0.0))
        elif reference is not None:
            agrees = reference.has_words(theirs) or any(
                reference.has_words(w) for w in fold(theirs).split() if len(w) > 3
            )
            found.append(Evidence("author", "", theirs, agrees, 1.0 if agrees else 0.0))

    years = work_years(work)
    if years:
        if record.year is not None:
            agrees = record.year in years
            found.append(Evidence("issued", str(record.year), str(years[0]), agrees, float(agrees)))
        elif reference is not None and reference.years:
            agrees = any(y in reference.years for y in years)
            found.append(Evidence("issued", "", str(years[0]), agrees, float(agrees)))

    containers = work_containers(work)
    if containers:
        if record.container_title:
            agrees, _ = container_similarity(record.container_title, containers)
            found.append(
                Evidence(
                    "container-title", record.container_title, containers[0], agrees, float(agrees)
                )
            )
        elif reference is not None:
            agrees = reference.names_container(containers)
            # A journal name not found in a raw string may be abbreviated beyond recognition.
            found.append(
                Evidence(
                    "container-title", "", containers[0], agrees if agrees else None, float(agrees)
                )
            )

    volume = str(work.get("volume") or "")
    if volume:
        if record.volume:
            agrees = _number(record.volume) == _number(volume)
            found.append(Evidence("volume", record.volume, volume, agrees, float(agrees)))
        elif reference is not None and reference.numbers:
            agrees = _number(volume) in reference.numbers
            found.append(Evidence("volume", "", volume, agrees, float(agrees)))

    issue = str(work.get("issue") or "")
    if issue:
        if record.issue:
            agrees = _number(record.issue) == _number(issue)
            found.append(Evidence("issue", record.issue, issue, agrees, float(agrees)))
        elif reference is not None and _number(issue) in reference.numbers:
            # References often omit the issue: only its presence is evidence.
            found.append(Evidence("issue", "", issue, True, 1.0))

    first, last = work_pages(work)
    if first:
        shown = f"{first}-{last}" if last else first
        if record.page:
            comparison = compare_pages(record.page, work)
            agrees = bool(comparison.agrees)
            found.append(Evidence("page", record.page, shown, agrees, float(agrees)))
        elif reference is not None and reference.numbers:
            agrees = _number(first) in reference.numbers or any(
                lost_dash(n, first, last) for n in reference.numbers
            )
            found.append(Evidence("page", "", shown, agrees, float(agrees)))
    return found


def confidence(evidence: Sequence[Evidence]) -> float:
    """Weighted share of the available evidence that agrees, in 0..1.

    Fields without evidence do not count; a disagreeing field counts against.  The
    title contributes its similarity, not just yes or no, so a near-miss is weaker.
    """
    total = 0.0
    agreeing = 0.0
    for item in evidence:
        if item.agrees is None:
            continue
        weight = WEIGHTS.get(item.field, 1.0) * item.weight
        total += weight
        if item.field == "title":
            agreeing += weight * max(0.0, (item.score - 0.5) / 0.5)
        elif item.agrees:
            agreeing += weight
    if total == 0:
        return 0.0
    # Little evidence cannot make a confident match, however well it agrees.
    coverage_penalty = min(1.0, total / (WEIGHTS["title"] + 3.0))
    result = agreeing / total * coverage_penalty
    title = next((item for item in evidence if item.field == "title"), None)
    if title is not None and title.weight == 1.0:
        # Same journal, volume and pages cannot outvote a different title: that is
        # a neighbouring article of the same issue.
        result = min(result, max(0.0, (title.score - 0.5) / 0.5))
    return result


def validate(record: Record, work: Mapping[str, Any], *, reference: str = "") -> Candidate:
    """Score one candidate work against the entry's fields and reference string."""
    parsed = _Reference.of(reference) if reference else None
    evidence = tuple(_evidence(record, parsed, work))
    score = work.get("score")
    return Candidate(
        doi=work_doi(work),
        confidence=confidence(evidence),
        search_score=float(score) if isinstance(score, int | float) else 0.0,
        evidence=evidence,
        work=work,
    )


def choose(
    candidates: Sequence[Candidate], *, threshold: float = THRESHOLD, margin: float = MARGIN
) -> MatchResult:
    """Accept the best candidate only when it is confident and clearly ahead."""
    ranked = tuple(sorted(candidates, key=lambda c: (-c.confidence, -c.search_score)))
    if not ranked:
        return MatchResult("", 0.0, "no candidates")
    best = ranked[0]
    rivals = [c for c in ranked[1:] if c.doi.lower() != best.doi.lower()]
    if best.confidence < threshold:
        return MatchResult("", best.confidence, "best candidate below threshold", ranked)
    if rivals and best.confidence - rivals[0].confidence < margin:
        return MatchResult("", best.confidence, "tie between candidates", ranked)
    return MatchResult(best.doi, best.confidence, "validated", ranked)


def find_doi(
    record: Record,
    searcher: Searcher,
    *,
    reference: str = "",
    rows: int = ROWS,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
) -> MatchResult:
    """Search for the entry and accept a validated winner, or explain why there is none.

    ``reference`` is the entry's reference string when one exists (a line of a
    reference list); otherwise the query is built from the record's fields.  Errors of
    the search service propagate (a failed search is not a "no DOI").
    """
    text = reference or reference_text(record)
    if not fold(text):
        return MatchResult("", 0.0, "nothing to search with")
    items = searcher.search(unwrap(text), rows=rows)
    parsed = _Reference.of(reference) if reference else None
    candidates = []
    for item in items:
        if not work_doi(item):
            continue
        evidence = tuple(_evidence(record, parsed, item))
        score = item.get("score")
        candidates.append(
            Candidate(
                doi=work_doi(item),
                confidence=confidence(evidence),
                search_score=float(score) if isinstance(score, int | float) else 0.0,
                evidence=evidence,
                work=item,
            )
        )
    return choose(candidates, threshold=threshold, margin=margin)
