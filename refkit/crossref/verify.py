"""Compare a record with the Crossref work its DOI names, and turn the outcome into a verdict.

A DOI that resolves is only half the check: it must also point at the paper the entry
describes.  :func:`compare` measures each field the entry and the work both have (title,
first author, year, container, volume, pages) and :func:`verdict_for_work` turns the
disagreements and the work's ``updated-by`` notices into a :class:`~refkit.model.Check`.

The comparison is tolerant where references are routinely sloppy in harmless ways
(accents, case, subtitles, abbreviated journal names, a page range whose dash was lost,
online-first against print years) and strict where a difference means another paper.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from refkit.model import Check, Record

#: A title at least this similar (0..1) to the work's counts as the same title.
TITLE_AGREES = 0.8
#: Family names at least this similar count as the same person (transliteration, typos).
NAME_AGREES = 0.85
#: Unabbreviated journal names at least this similar count as the same journal (typos).
CONTAINER_AGREES = 0.92

#: Crossref update types and the verdict each gives the original work, most serious first.
UPDATE_VERDICTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("retracted", frozenset({"retraction", "partial_retraction", "partial-retraction"})),
    ("withdrawn", frozenset({"withdrawal", "removal"})),
    (
        "corrected",
        frozenset(
            {
                "correction",
                "erratum",
                "corrigendum",
                "addendum",
                "clarification",
                "expression_of_concern",
                "expression-of-concern",
            }
        ),
    ),
)

# Words journal abbreviations (ISO 4) drop; they carry no evidence either way.
_CONTAINER_STOPWORDS = frozenset(
    {"the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le", "der", "und", "et", "y"}
)
_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[^0-9a-z]+")


# ----------------------------------------------------------------------------- text helpers


def fold(text: str) -> str:
    """Lower-case ASCII-ish words separated by single spaces: accents, markup and punctuation go.

    Crossref titles may hold JATS/HTML inline markup (``<i>``, ``<sub>``) and entities.
    """
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("ø", "o").replace("ł", "l").replace("đ", "d")
    return _NON_WORD.sub(" ", text).strip()


def similarity(left: str, right: str) -> float:
    """Similarity of two folded strings in 0..1 (1 = equal after folding)."""
    a, b = fold(left), fold(right)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _strip_title_noise(title: str) -> str:
    # Publishers prefix retracted titles; references drop the prefix.
    return re.sub(r"^\s*(?:retracted|withdrawn)\s*(?:article)?\s*[:.-]\s*", "", title, flags=re.I)


def title_similarity(
    entry_title: str, work_titles: Sequence[str], subtitles: Sequence[str] = ()
) -> float:
    """Best similarity between an entry's title and any form of the work's title.

    A reference may quote the main title alone, or title and subtitle joined; Crossref
    keeps the subtitle apart, so every combination is tried.
    """
    if not entry_title:
        return 0.0
    entry_forms = {entry_title, _strip_title_noise(entry_title)}
    head = re.split(r"[:?.]\s", entry_title, maxsplit=1)[0]
    if len(fold(head)) >= 20:
        entry_forms.add(head)
    work_forms: set[str] = set()
    for title in work_titles:
        title = _strip_title_noise(title)
        work_forms.add(title)
        for subtitle in subtitles:
            work_forms.add(f"{title}: {subtitle}")
    return max(
        (similarity(mine, theirs) for mine in entry_forms for theirs in work_forms), default=0.0
    )


def family_agrees(left: str, right: str) -> tuple[bool, float]:
    """Whether two family names name the same person, and their similarity.

    Particles and double names are often cut ("Di Maria" / "Maria", "Sosa Varela" /
    "Varela"), so a whole-word containment counts as agreement.
    """
    a, b = fold(left), fold(right)
    if not a or not b:
        return False, 0.0
    score = 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
    if score >= NAME_AGREES:
        return True, score
    words_a, words_b = set(a.split()), set(b.split())
    if words_a <= words_b or words_b <= words_a:
        return True, score
    return False, score


def _container_words(text: str) -> list[str]:
    return [w for w in fold(text.replace("&", " and ")).split() if w not in _CONTAINER_STOPWORDS]


def _is_contraction(short: str, word: str) -> bool:
    """``natl`` abbreviates ``national``: same first letter, letters in order."""
    if not short or not word or short[0] != word[0] or len(short) > len(word):
        return False
    position = 0
    for letter in short:
        position = word.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` or an abbreviation of it ("Am J Gastroenterol").

    Each word of ``short`` must be a contraction of the next word of ``full``, or the
    initials of the next few ("USA"); no word of ``full`` may be left over, so "J
    Gastroenterol" does not abbreviate "Journal of Gastroenterology and Hepatology".
    """
    shorts, fulls = _container_words(short), _container_words(full)
    if not shorts or not fulls:
        return False

    def match(i: int, j: int) -> bool:
        if i == len(shorts):
            return j == len(fulls)
        if j == len(fulls):
            return False
        word = shorts[i]
        if _is_contraction(word, fulls[j]) and match(i + 1, j + 1):
            return True
        span = len(word)
        if 1 < span <= len(fulls) - j:
            initials = "".join(w[0] for w in fulls[j : j + span])
            if initials == word and match(i + 1, j + span):
                return True
        return False

    return match(0, 0)


def container_similarity(
    entry_container: str, work_containers: Iterable[str]
) -> tuple[bool, float]:
    """Whether the entry's journal is one of the work's names (full, short, or abbreviated)."""
    best = 0.0
    for name in work_containers:
        if not name:
            continue
        score = similarity(entry_container, name)
        best = max(best, score)
        main = name.split(":", 1)[0]
        candidates = {name, main}
        for form in candidates:
            if (
                score >= CONTAINER_AGREES
                or abbreviates(entry_container, form)
                or abbreviates(form, entry_container)
            ):
                return True, max(score, similarity(entry_container, form))
    return False, best


# ----------------------------------------------------------------------------- work accessors


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Sequence):
        return [str(v) for v in value if isinstance(v, str) and v.strip()]
    return []


def work_titles(work: Mapping[str, Any]) -> list[str]:
    """The work's titles (and original-language titles), markup stripped."""
    titles = _strings(work.get("title")) + _strings(work.get("original-title"))
    return [html.unescape(_TAG.sub("", t)).strip() for t in titles]


def work_subtitles(work: Mapping[str, Any]) -> list[str]:
    return [html.unescape(_TAG.sub("", t)).strip() for t in _strings(work.get("subtitle"))]


def work_containers(work: Mapping[str, Any]) -> list[str]:
    """Full and short container titles; book series and proceedings names included."""
    return _strings(work.get("container-title")) + _strings(work.get("short-container-title"))


def _year_of(value: Any) -> int | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0][0]
        if isinstance(first, int):
            return first
        if isinstance(first, str) and first.isdigit():
            return int(first)
    return None


def work_years(work: Mapping[str, Any]) -> list[int]:
    """Every publication year the work carries: issued, print, online, other."""
    years: list[int] = []
    for name in ("issued", "published-print", "published-online", "published", "published-other"):
        year = _year_of(work.get(name))
        if year is not None and year not in years:
            years.append(year)
    return years


def first_author(work: Mapping[str, Any]) -> str:
    """Family name (or organisation name) of the work's first author, or ``""``."""
    authors = work.get("author")
    if not isinstance(authors, list) or not authors:
        return ""
    people = [a for a in authors if isinstance(a, Mapping)]
    if not people:
        return ""
    first = next((a for a in people if a.get("sequence") == "first"), people[0])
    return str(first.get("family") or first.get("name") or "")


def work_pages(work: Mapping[str, Any]) -> tuple[str, str]:
    """The work's first and last page ("" when absent); an article number stands as first page."""
    page = str(work.get("page") or "").strip()
    if page:
        first, _, last = page.partition("-")
        return first.strip(), last.strip()
    return str(work.get("article-number") or "").strip(), ""


def work_doi(work: Mapping[str, Any]) -> str:
    return str(work.get("DOI") or "")


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True, slots=True)
class FieldComparison:
    """How one field of the entry compares with the work.

    ``agrees`` is None when one side lacks the field (no evidence either way).
    ``note`` says why a difference was forgiven (``dash lost``, ``subtitle``...).
    """

    field: str
    entry: str
    crossref: str
    similarity: float
    agrees: bool | None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.field,
            "entry": self.entry,
            "crossref": self.crossref,
            "similarity": round(self.similarity, 3),
        }
        if self.note:
            out["note"] = self.note
        return out


def _normal_number(text: str) -> str:
    text = fold(text)
    text = re.sub(r"^(?:vol|volume|no|pp|p|pages?)\s+", "", text)
    return text.replace(" ", "").lstrip("0") or text


def lost_dash(entry_page: str, first: str, last: str) -> bool:
    """True when ``entry_page`` is the range first-last with its dash lost ("163190").

    Also accepts the abbreviated last page references use ("1803-7" written "18037").
    """
    digits = entry_page.strip()
    if not digits.isdigit() or not first.isdigit() or not last.isdigit():
        return False
    if digits == first + last:
        return True
    # References shorten the last page to the digits that change: 1803-7 for 1803-1807.
    return any(
        last[:cut] == first[:cut] and digits == first + last[cut:] for cut in range(1, len(last))
    )


def compare_pages(entry_page: str, work: Mapping[str, Any]) -> FieldComparison:
    first, last = work_pages(work)
    theirs = f"{first}-{last}" if last else first
    if not entry_page or not first:
        return FieldComparison("page", entry_page, theirs, 0.0, None)
    tokens = [_normal_number(t) for t in re.split(r"[\s,;–—-]+", entry_page) if t.strip()]
    wanted = _normal_number(first)
    if wanted in tokens:
        return FieldComparison("page", entry_page, theirs, 1.0, True)
    if lost_dash(entry_page, first, last):
        return FieldComparison("page", entry_page, theirs, 1.0, True, "dash lost")
    return FieldComparison("page", entry_page, theirs, similarity(entry_page, theirs), False)


def compare(record: Record, work: Mapping[str, Any]) -> list[FieldComparison]:
    """Compare every field both the entry and the work have."""
    results: list[FieldComparison] = []

    titles = work_titles(work)
    if record.title and titles:
        score = title_similarity(record.title, titles, work_subtitles(work))
        results.append(
            FieldComparison("title", record.title, titles[0], score, score >= TITLE_AGREES)
        )

    theirs_author = first_author(work)
    if record.author and theirs_author:
        person = record.author[0]
        mine = person.family or person.literal
        agrees, score = family_agrees(mine, theirs_author)
        results.append(FieldComparison("author", mine, theirs_author, score, agrees))

    years = work_years(work)
    if record.year is not None and years:
        agrees = record.year in years
        shown = "/".join(str(y) for y in years)
        nearest = min(abs(record.year - y) for y in years)
        results.append(
            FieldComparison("issued", str(record.year), shown, 1.0 / (1 + nearest), agrees)
        )

    containers = work_containers(work)
    if record.container_title and containers:
        agrees, score = container_similarity(record.container_title, containers)
        results.append(
            FieldComparison("container-title", record.container_title, containers[0], score, agrees)
        )

    volume = str(work.get("volume") or "")
    if record.volume and volume:
        agrees = _normal_number(record.volume) == _normal_number(volume)
        results.append(
            FieldComparison(
                "volume",
                record.volume,
                volume,
                1.0 if agrees else similarity(record.volume, volume),
                agrees,
            )
        )

    if record.page:
        comparison = compare_pages(record.page, work)
        if comparison.agrees is not None:
            results.append(comparison)
    return results


# ----------------------------------------------------------------------------- updates


@dataclass(frozen=True, slots=True)
class UpdateNotice:
    """A notice that updates the work: retraction, withdrawal, correction..."""

    kind: str
    doi: str
    date: str
    source: str
    label: str = ""

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "doi": self.doi, "date": self.date, "source": self.source}
        if self.label:
            out["label"] = self.label
        return out


def _iso_date(value: Any) -> str:
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            numbers = [int(p) for p in parts[0] if isinstance(p, int | str) and str(p).isdigit()]
            if numbers:
                return "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
        stamp = value.get("date-time")
        if isinstance(stamp, str):
            return stamp[:10]
    return ""


def update_notices(work: Mapping[str, Any]) -> list[UpdateNotice]:
    """The notices in the work's ``updated-by`` (publisher and Retraction Watch alike)."""
    notices: list[UpdateNotice] = []
    seen: set[tuple[str, str, str]] = set()
    entries = work.get("updated-by")
    if not isinstance(entries, list):
        return notices
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        kind = str(entry.get("type") or "").strip().lower()
        doi = str(entry.get("DOI") or "")
        source = str(entry.get("source") or "")
        if (kind, doi.lower(), source) in seen:
            continue
        seen.add((kind, doi.lower(), source))
        notices.append(
            UpdateNotice(
                kind=kind,
                doi=doi,
                date=_iso_date(entry.get("updated")),
                source=source,
                label=str(entry.get("label") or ""),
            )
        )
    return notices


def update_verdict(notices: Sequence[UpdateNotice]) -> tuple[str, list[UpdateNotice]]:
    """The most serious verdict the notices give ("" when none applies) and its notices."""
    for verdict, kinds in UPDATE_VERDICTS:
        matching = [n for n in notices if n.kind in kinds]
        if matching:
            return verdict, matching
    return "", []


# ----------------------------------------------------------------------------- verdict


def work_summary(work: Mapping[str, Any]) -> dict[str, Any]:
    """The few fields of the work a reader of a report wants next to a verdict."""
    titles = work_titles(work)
    containers = _strings(work.get("container-title"))
    years = work_years(work)
    out: dict[str, Any] = {"title": titles[0] if titles else ""}
    if first_author(work):
        out["author"] = first_author(work)
    if years:
        out["year"] = years[0]
    if containers:
        out["container-title"] = containers[0]
    return out


def verdict_for_work(
    record: Record, work: Mapping[str, Any], *, doi: str = "", checked: str = ""
) -> Check:
    """The verdict for an entry whose DOI Crossref knows: ok, mismatch, retracted, withdrawn or corrected.

    An update notice outranks a mismatch, but the mismatching fields are still listed.
    """
    comparisons = compare(record, work)
    disagreements = [c for c in comparisons if c.agrees is False]
    notes = [c for c in comparisons if c.agrees and c.note]
    details: dict[str, Any] = {"crossref": work_summary(work)}
    if disagreements:
        details["fields"] = [c.to_json() for c in disagreements]
    if notes:
        details["notes"] = [c.to_json() for c in notes]
    notices = update_notices(work)
    verdict, serious = update_verdict(notices)
    if not verdict and _title_says_retracted(work):
        verdict = "retracted"
        details["notices"] = [{"type": "retraction", "doi": "", "date": "", "source": "title"}]
    elif verdict:
        details["notices"] = [n.to_json() for n in serious]
    if not verdict:
        verdict = "mismatch" if disagreements else "ok"
    return Check(
        verdict=verdict, doi=doi or record.doi or work_doi(work), details=details, checked=checked
    )


def _title_says_retracted(work: Mapping[str, Any]) -> bool:
    # Some publishers mark a retraction only by prefixing the title.
    return any(re.match(r"\s*retracted\s*(?:article)?\s*:", t, re.I) for t in work_titles(work))
