"""Plain-text reader: landing pages of repositories and publishers, full texts, PDF text.

The reader knows no site by name.  It reads what every such page has: labelled
fields (see :mod:`refkit.ingest.labels`), a title near the top with a byline under
it, a "cite this" line, an abstract with or without structured headings, keywords,
and in full texts a reference list.  Each value keeps the character span it came
from, so a user can see why a field holds what it holds.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from refkit import doi as doi_module
from refkit.abstracts import HEADINGS, canonical_heading, join_sections
from refkit.dates import parse_date
from refkit.errors import UnsupportedInputError
from refkit.identifiers import find_isbns, find_issns, valid_isbn, valid_issn
from refkit.ingest.citation import Citation, fold, parse_citation
from refkit.ingest.labels import SPACE_SEPARATED, LabelHit, classify, is_stop_line
from refkit.ingest.metadata import type_from_genre
from refkit.ingest.sourceline import Source, parse_source_line
from refkit.languages import detect_language, language_code, language_tag
from refkit.licenses import find_license
from refkit.model import Date, Person, Provenance, Record
from refkit.names import (
    PARTICLES,
    clean_name_text,
    is_corporate,
    is_given_name,
    parse_name,
    parse_names,
    split_name_list,
)

__all__ = ["TextReader", "read_text"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document: its text, where it starts, and its 1-based number."""

    text: str
    start: int
    number: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Value:
    text: str
    start: int
    end: int
    line: int
    note: str = ""


@dataclass
class _Fields:
    """Values found so far, first found wins unless a later one is marked as better."""

    values: dict[str, _Value] = field(default_factory=dict)
    lists: dict[str, list[_Value]] = field(default_factory=dict)

    def put(self, name: str, value: _Value, *, replace: bool = False) -> None:
        if value.text and (replace or name not in self.values):
            self.values[name] = value

    def add(self, name: str, value: _Value) -> None:
        self.lists.setdefault(name, []).append(value)

    def get(self, name: str) -> str:
        found = self.values.get(name)
        return found.text if found else ""


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(raw, position, number))
        position += len(raw) + 1
    return lines


_BULLET = re.compile(r"^\s*[•·▪◦●■*\-–]\s+")
_NOISE_TITLE = re.compile(
    r"skip to|main content|^menu$|log ?in|sign ?in|register|^search|^home$|cookie|accessibility|"
    r"(?:repository|portal|archive|research portal|scholar)$|"
    r"^research output|^research portal|^article$|^articolo$|^open access$|^view|^download|"
    r"^share|^cite|^export|^back to|^you are here|^browse|^help$|^contact|javascript|^english$|"
    r"^italiano$|^deutsch$|^research$|^journal article$|^original article$|^research article$|"
    r"^review article$|^full text|^pdf$|^abstract$|^loading|^\W+$|\blogo\b|official website|"
    r"^related information|^similar articles|^cited by|^access through|^purchase pdf|"
    r"^communities (?:&|and) collections|^author links|^get rights|^show more|^add to mendeley|"
    r"provides access to|does not imply endorsement|^we use cookies|^accept all|^reject|"
    r"^previous article|^next article|^journal homepage|^submit (?:an article|paper|manuscript)|"
    r"^impact factor|^aims and scope|^explore all metrics|^citations? \(|^\d+ citations?$|"
    r"^view (?:pdf|all)|^download (?:pdf|full)|^toggle navigation|^skip navigation|^list of issues|"
    r"^journals?(?: &| and) books|^journal list|^privacy|^terms (?:of|and)|^get full access|"
    r"^creative commons|^all rights reserved|^learn more|^user guide|^advanced search|"
    r"full text links?$|\bfaq$|^(?:full )?text views?$|^repositori[oa]\b|^institutional repository",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(r"^\s*(?:\d+\.?|[IVX]+\.)?\s*introduction\s*$", re.IGNORECASE)
_REFERENCES = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:references|bibliography|literature cited|works cited|reference list|"
    r"literaturverzeichnis|bibliografia|références|referências|referencias|literatur|"
    r"sources|cited literature|references and notes)\s*:?\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)[a-z]?\b")


def _next_content(lines: list[Line], index: int) -> Iterator[tuple[int, Line]]:
    """Lines after ``index`` that carry content (skipping blanks and lone colons)."""
    for position in range(index + 1, len(lines)):
        stripped = lines[position].stripped
        if not stripped or stripped in {":", "：", "-"}:
            continue
        yield position, lines[position]


def _value_from(line: Line, offset: int = 0, text: str | None = None, note: str = "") -> _Value:
    body = line.text[offset:] if text is None else text
    leading = len(body) - len(body.lstrip())
    clean = body.strip()
    start = line.start + offset + leading
    return _Value(clean, start, start + len(clean), line.number, note)


def _single_value(lines: list[Line], index: int, hit: LabelHit) -> _Value | None:
    line = lines[index]
    if hit.value:
        end = hit.value_offset + len(hit.value)
        return _value_from(line, hit.value_offset, text=line.text[hit.value_offset : end])
    for _, following in _next_content(lines, index):
        if classify(following.text) is not None or is_stop_line(following.text):
            return None
        return _value_from(following)
    return None


def _block_value(
    lines: list[Line], index: int, hit: LabelHit, *, stop_at_blank: bool
) -> list[Line]:
    """Lines of a multi-line value: until a label, a stop line, or (if asked) a blank line."""
    collected: list[Line] = []
    if hit.value:
        collected.append(
            Line(hit.value, lines[index].start + hit.value_offset, lines[index].number)
        )
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if not line.stripped:
            if stop_at_blank and collected:
                break
            continue
        if line.stripped in {":", "："}:
            continue
        if classify(line.text) is not None or is_stop_line(line.text):
            break
        collected.append(line)
    return collected


def _keyword_lines(lines: list[Line], index: int, hit: LabelHit) -> list[Line]:
    """Keyword values: the inline value, one following line, or a run of bulleted lines."""
    collected: list[Line] = []
    one_per_line = False
    if hit.value:
        collected.append(
            Line(hit.value, lines[index].start + hit.value_offset, lines[index].number)
        )
        one_per_line = not re.search(r"[;,·]", hit.value) and len(hit.value) <= 60
        if not one_per_line:
            return collected
    for position, line in _next_content(lines, index):
        stripped = line.stripped
        if collected and position > collected[-1].number and not _BULLET.match(line.text):
            break  # a blank line ends a one-per-line list
        if collected and (_NOISE_TITLE.search(stripped) or len(stripped.split()) > 6):
            break
        if re.search(r":\s*\t|:\s+\S", stripped):
            break  # "Date: 2017": a label this reader does not know, not a keyword
        if (
            classify(line.text) is not None
            or is_stop_line(line.text)
            or _INTRODUCTION.match(stripped)
        ):
            break
        if re.match(r"^\d+(?:\.\d+)*\.?\s+[A-Z]", stripped) or canonical_heading(stripped):
            break  # a numbered section heading or an abstract heading follows the keywords
        if _BULLET.match(line.text) or re.fullmatch(r"[•·▪◦●■]", stripped):
            if _BULLET.match(line.text):
                collected.append(line)
            continue
        if not collected:
            collected.append(line)
            # "a; b; c" on one line is the whole list; a short phrase may start a one-per-line list.
            one_per_line = not re.search(r"[;,·]", stripped) and len(stripped) <= 60
            if not one_per_line:
                break
            continue
        if one_per_line and len(stripped) <= 60 and not stripped.endswith((".", ":")):
            collected.append(line)
            continue
        break
    return collected


def _split_keywords(values: list[_Value]) -> tuple[list[str], list[_Value]]:
    keywords: list[str] = []
    spans: list[_Value] = []
    seen: set[str] = set()
    for value in values:
        text = _BULLET.sub("", value.text).strip()
        separator = ";" if ";" in text else ("," if "," in text else None)
        parts = text.split(separator) if separator else [text]
        if separator is None and "·" in text:
            parts = text.split("·")
        for part in parts:
            keyword = re.sub(r"\s*\((?:search for|see) [^)]*\)\s*$", "", part.strip())
            keyword = keyword.strip().strip(".").strip()
            if keyword and keyword.casefold() not in seen and len(keyword) < 120:
                seen.add(keyword.casefold())
                keywords.append(keyword)
        spans.append(value)
    return keywords, spans


def _document_regions(lines: list[Line]) -> tuple[int, int | None]:
    """(end of the header region, index of the references heading or None).

    A full text's metadata sits above its introduction; its references sit at the end.
    """
    references: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        if _REFERENCES.match(lines[index].text) and _looks_like_reference_list(lines, index):
            references = index
            break
    header_end = references if references is not None else len(lines)
    for index, line in enumerate(lines[:header_end]):
        if _INTRODUCTION.match(line.text) and index > 3 and _paragraph_follows(lines, index):
            header_end = index
            break
    # Lists of other works ("Citing Literature", "Similar articles") end the page's own metadata.
    abstract_at = next(
        (
            i
            for i, line in enumerate(lines[:header_end])
            if (hit := classify(line.text))
            and hit.field == "abstract"
            and _paragraph_follows(lines, i)
        ),
        None,
    )
    for index, line in enumerate(lines[:header_end]):
        if abstract_at is not None and index > abstract_at and _TRAILER.match(line.text):
            header_end = index
            break
    return header_end, references


_TRAILER = re.compile(
    r"^\s*(?:citing literature|similar articles|related articles|recommended articles|"
    r"people also read|more articles in|articles citing this|cited by \(\d+\)|"
    r"other articles by|you might also like)\s*$",
    re.IGNORECASE,
)


def _paragraph_follows(lines: list[Line], index: int) -> bool:
    """True when body text (a long line) follows within the next three lines."""
    return any(len(line.stripped) > 150 for _, line in list(_next_content(lines, index))[:3])


def _looks_like_reference_list(lines: list[Line], index: int) -> bool:
    entries = [line for _, line in _next_content(lines, index)][:6]
    if len(entries) < 2:
        return False
    with_year = sum(1 for line in entries if _YEAR.search(line.text))
    return with_year >= max(2, len(entries) // 2)


def csl_type(label_value: str) -> str:
    """The CSL type a page's "Item type" / "Tipologia" / "Research output" value names, or ``""``."""
    return type_from_genre(label_value)


@lru_cache(maxsize=4096)
def _looks_like_title(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) < 8 or len(stripped) > 400 or len(stripped.split()) < 2:
        return False
    if _NOISE_TITLE.search(stripped) or classify(stripped) is not None or is_stop_line(stripped):
        return False
    if stripped.lower().startswith(("http", "www.", "doi", "©", "copyright")):
        return False
    if stripped.endswith(":") and (
        len(stripped.split()) <= 3 or _FUNCTION_WORD.fullmatch(stripped[:-1].split()[-1].lower())
    ):
        # A label ("Funding Agency:") or a prompt ("... will be sent to:"); a title broken
        # before its subtitle ends on a noun ("School travel:").
        return False
    if _SERIES_NUMBER.search(stripped):
        return False  # "Harbourside Business School Research Paper No. 23-014"
    if re.match(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S", stripped):
        return False  # a numbered section heading
    found_date = parse_date(stripped)
    if found_date and len(stripped) - (found_date[2] - found_date[1]) < 30:
        return False
    if (
        _ARTICLE_MARKER.match(stripped)
        or _BULLET.match(stripped)
        or re.search(r"\bidentifi(?:er|cador|cativo)\b.*\b(?:cite|citar|link)", stripped, re.I)
    ):
        return False
    if " | " in stripped or re.match(
        r"^(?:first |date )?(?:published|received|accepted|available|submitted)\b", stripped, re.I
    ):
        return False
    if re.match(
        r"^(?:available under|licen[cs]ed under|this (?:article|work|version) is)\b", stripped, re.I
    ):
        return False
    # Prose: several sentences, or one long sentence closed by a full stop.
    if len(re.findall(r"[a-z]{2}[.!?]\s+[A-Z]", stripped)) >= 1 and len(stripped) > 150:
        return False
    if stripped.endswith(".") and len(stripped.split()) > 25:
        return False
    # Mostly letters: not a row of numbers, a menu of symbols or a line of code.
    letters = sum(1 for char in stripped if char.isalpha())
    return letters / len(stripped) > 0.6


_FUNCTION_WORD = re.compile(
    r"to|by|in|for|from|of|at|on|with|via|as|and|or|the|a|an|is|are|be|was|were|below|here"
)
# A numbered working-paper or report series: the series, not the work's title.
_SERIES_NUMBER = re.compile(
    r"\b(?:working|research|discussion|policy|technical|occasional)\s+"
    r"(?:papers?|reports?|notes?|series)\s+(?:no\.?|n[°º]|number|#)\s*[\w-]*\d",
    re.IGNORECASE,
)

_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÞĀ-ſ][\w'’.\-]*|[a-z]{1,4}|[a-z]?['’][a-zA-Z]\w*|[A-Z]\.(?:-?[A-Z]\.)*)$"
)
# Page furniture inside author lines: ORCID badges and links, "View all authors", e-mail icons.
_DEGREES = re.compile(
    r",\s*\b(?:MD|PhD|DPhil|MSc|MS|MA|BSc|BS|BA|MPH|DrPH|MBBS|MBChB|FRCS|FRCP|FRACP|RN|PT|DPT|"
    r"PharmD|DDS|DMD|DVM|MBA|MPhil|MRes|MSN|BSN|NP|CNM|MMed|MMedSc|FRCOG|MRCOG|FRCPC|FACS|ScD|"
    r"MHS|MHSc|MSPH|DNP|Dr\.?\s*med)\.?(?=[\d\s,;*†‡]|$)"
)
_BYLINE_NOISE = re.compile(
    r"https?://[^\s,]+|[\w.+-]+@[\w-]+\.[\w.-]+|\bORCID(?:\s+Icon)?\b|View all authors and affiliations|View ORCID profile|"
    r"Author links open overlay panel|Show more|\bEmail\b|\bprofile\b|✉|\bSearch for other works by this author on\b.*|"
    r"\bAuthor\s+Orcid\s+Image\b|\bPerson\s+Envelope\b|\bEnvelope\b",
    re.IGNORECASE,
)


#: Words of page furniture that never occur in a person's name.
_UI_WORDS = frozenset(
    [
        "view",
        "download",
        "purchase",
        "access",
        "sources",
        "full",
        "text",
        "information",
        "related",
        "home",
        "search",
        "login",
        "log",
        "sign",
        "register",
        "menu",
        "share",
        "cite",
        "export",
        "logo",
        "website",
        "official",
        "journal",
        "list",
        "guide",
        "archive",
        "pdf",
        "save",
        "email",
        "send",
        "display",
        "options",
        "links",
        "article",
        "articles",
        "metrics",
        "navigation",
        "author",
        "authors",
        "affiliations",
        "expand",
        "article",
        "notes",
        "copyright",
        "license",
        "open",
        "more",
        "show",
        "add",
        "mendeley",
        "get",
        "rights",
        "content",
        "help",
        "about",
        "contact",
        "browse",
        "submit",
        "figures",
        "tables",
        "references",
        "citations",
        "abstract",
        "keywords",
        "introduction",
        "methods",
        "results",
        "discussion",
        "conclusion",
        "original",
        "paper",
        "research",
        "review",
        "volume",
        "issue",
        "open",
        "free",
        "cookie",
        "settings",
        "privacy",
        "policy",
        "section",
        "snippets",
        "outline",
        "highlights",
        "table",
        "contents",
        "supplementary",
        "data",
        "availability",
        "accepted",
        "manuscript",
        "version",
        "preview",
        "recommended",
        "similar",
        "cited",
        # Accounts, alerts and journal furniture ("Create a Free Account", "The Lancet ...").
        "account",
        "create",
        "the",
        "alerts",
        "rss",
        "news",
        "follow",
        "subscribe",
        "subscription",
        "preprint",
        "competing",
        "interest",
        "statement",
        "declarations",
        "funding",
        "issues",
        "analytics",
        "permanent",
        "health",
        "medicine",
        "science",
        "sciences",
        "studies",
        "society",
        "letters",
        "proceedings",
        "award",
        "degree",
        "type",
        "downloads",
        "total",
        "online",
        "publications",
    ]
)


def _labelled_names(text: str) -> list[Person]:
    """Names under an explicit author label: personal names, or an organisation."""
    cleaned = _clean_byline(text)
    words = cleaned.replace(",", " ").split()
    if (
        len(words) <= 4
        and not _AND_WORDS.search(cleaned)
        and not is_corporate(cleaned)
        and any(word.islower() and word not in _NAME_LOWER_WORDS for word in words)
    ):
        return []  # "Date of Award": a heading of the next field, not a name
    people = _byline_names(cleaned)
    if people:
        return people
    if re.search(r"\d{3,}", cleaned):
        return []  # a postcode or a year: an address or a date, not a list of names
    parsed = list(parse_names(cleaned))
    if parsed and all(p.is_corporate for p in parsed):
        return parsed
    # "Family, Given" rows and initials-only names that the byline test is strict about.
    if (
        parsed
        and all(
            p.family
            and p.given  # a lone word ("Contributions", "Reviewers") is a heading, not a name
            and p.family.split()[-1][:1].isupper()
            and not p.family.isupper()
            and not any(word.casefold() in _UI_WORDS for word in f"{p.given} {p.family}".split())
            for p in parsed
        )
    ):
        return parsed
    return []


# Lower-case words that occur inside personal names.
_NAME_LOWER_WORDS = PARTICLES | {"los", "las", "des", "vom", "'t", "i", "y", "e", "zum", "ter"}
_GROUP_AUTHOR = re.compile(
    r"\b(?:investigators|consortium|collaborative|collaboration|study\s+group|"
    r"working\s+group|trial\s+group|network)$",
    re.IGNORECASE,
)
_AND_WORDS = re.compile(r"\b(?:and|und|et|e)\b|&")
_NAME_SEPARATOR = re.compile(r";|&|\band\b|\bund\b|\bet\b", re.IGNORECASE)


def _author_lines(lines: list[Line], index: int, hit: LabelHit) -> list[Line]:
    """Lines under an author label; "Listed:" introduces the list, "Registered:" ends it."""
    collected: list[Line] = []
    if hit.value:
        collected.append(
            Line(hit.value, lines[index].start + hit.value_offset, lines[index].number)
        )
    last_number = lines[index].number
    bulleted = False
    for position, line in _next_content(lines, index):
        is_bullet = bool(_BULLET.match(line.text.strip()))
        if collected and position > last_number and not (bulleted and is_bullet):
            if bulleted and re.fullmatch(r"\s*\([^)]*\)\s*", line.text):
                last_number = line.number + 1  # an affiliation under a bulleted name (RePEc)
                continue
            break  # a blank line ends the list, unless the next name is bulleted too
        last_number = line.number
        bulleted = bulleted or (is_bullet and not collected)
        stripped = _BULLET.sub("", line.text).strip()
        if hit.value and not _labelled_names(stripped):
            break
        if re.fullmatch(r"(?:listed|authors?)\s*:", stripped, re.IGNORECASE) and not collected:
            continue
        if classify(line.text) is not None or is_stop_line(line.text) or stripped.endswith(":"):
            break
        if _CITATION_FORMAT_NAMES.match(stripped):
            break
        if _is_affiliation(re.sub(r"\([^)]*\)", " ", stripped)):
            continue  # "Authors and Affiliations" panels interleave institutions with names
        collected.append(line)
        if len(collected) >= 50:
            break
    return collected


def _clean_byline(text: str) -> str:
    text = _BYLINE_NOISE.sub(" ", text)
    text = re.sub(r"\[\s*(?:\.\.\.|…)\s*\]\s*,?", " ", text)  # Science's "[...]" for hidden names
    text = re.sub(r"\([^)]*\)", " ", text)
    # Non-breaking hyphens inside names, as PDFs print them ("Wróblewska‑Nowak").
    text = text.replace("\u2011", "-").replace("\u2010", "-")
    # Middle dots between names (Cell Press, Springer): "Marta Ibáñez-Corral 1,2 ∙ Tomasz Wójcik 3",
    # also at the end of a byline that runs on to the next line.
    text = re.sub(r"\s+[∙·•](?:\s+|\s*$)", ", ", text)
    # Degrees and titles after a name: "Sofia Marchetti-Bauer, MD, PhD1,2; ...".
    text = _DEGREES.sub("", text)
    # Affiliation marks after the comma: "Harriet L. Bowers,a Rui Zhang,b ..." (RSC),
    # "Abdirahman Hussein Farah ,1 Esther Wanjiru Kamau ,2" (Hindawi).
    text = re.sub(r"\s*,\s*[*]?(?:[a-h]|\d{1,2})(?:,(?:[a-h]|\d{1,2}))*\s+(?=[^\W\d_])", ", ", text)
    # Affiliation marks between names: "Kamau 1, Lefèvre 2", "Dell'Anna 1,*,", "Luca Del Piero 1 3 ,".
    text = re.sub(
        r"(?<=[^\W\d_])(?:\s*\d{1,2}|\s+[a-h])(?:\s*,\s*(?:\d{1,2}|[a-h])(?![\w'])|\s+\d{1,2}|\s+[a-h](?![\w']))*\s*[*∗†‡§]*\s*(?=,|;|&|\band\b|$)",
        " ",
        text,
    )
    text = re.sub(r"[*∗†‡§¶]+", "", text)
    text = re.sub(r"^\s*by\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:,|\band\b|&)\s*$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" ,;")


def _family_given_line(text: str) -> list[Person]:
    """One "Family, Given" name alone on a line (DiVA, repositories), or []."""
    family, comma, given = text.strip().partition(",")
    if not comma or "," in given:
        return []
    family_words, given_words = family.split(), given.strip().rstrip(".").split()
    if not (1 <= len(family_words) <= 4 and 1 <= len(given_words) <= 3):
        return []
    words = family_words + given_words
    if not all(_NAME_WORD.match(word) for word in words) or any(
        word.casefold() in _UI_WORDS or (word.isupper() and len(word) >= 2) for word in words
    ):
        return []  # ("Mei CHEN, Jun WU" is two people with their family names in capitals)
    if not (family_words[-1][:1].isupper() and given_words[0][:1].isupper()):
        return []
    return [Person(family=" ".join(family_words), given=" ".join(given_words))]


def _reads_family_given(text: str) -> bool:
    """Whether "A, B" can only be one person written "Family, Given": one side is a single
    word ("Olabarrieta, Itziar"), or B opens with a common given name and A does not
    ("Castañeda Ruiz, Jorge Andrés")."""
    family, _, given = text.partition(",")
    if min(len(family.split()), len(given.split())) == 1:
        return True
    family_first, given_first = family.split()[0], given.split()[0]
    return is_given_name(given_first) and not is_given_name(family_first)


def _is_language_name(text: str) -> bool:
    """A line that is only a language's name ("español", "English"), not "No" or "IT"."""
    return " " not in text and len(text) >= 4 and not text.isupper() and bool(language_tag(text))


def _capitalised_family(name: str) -> str:
    """ "Haruka SATO" -> "Haruka Sato": family names printed in capitals (J-STAGE, CNKI)
    after a given name in ordinary case."""
    words = name.split()
    if len(words) < 2 or not re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ]?[a-zß-ÿ]+)?", words[0]):
        return name  # the first word must read as a given name ("EconPapers FAQ" does not)
    changed = [
        word.title()
        if len(word) >= 3  # ("Smith MA" is Vancouver initials, not a family name "Ma")
        and word.isupper()
        and word.replace("-", "").isalpha()
        and not re.fullmatch(r"[IVX]+", word)  # "III" is a suffix
        else word
        for word in words
    ]
    return " ".join(changed)


def _byline_names(text: str) -> list[Person]:
    """Names on a byline, or [] when the line is not one."""
    return list(_byline_names_cached(text))


@lru_cache(maxsize=4096)
def _byline_names_cached(text: str) -> tuple[Person, ...]:
    cleaned_line = _clean_byline(text)
    if not cleaned_line or len(cleaned_line) > 2000:
        return ()
    if re.search(r"@|\d{3,}|[:|]", cleaned_line):
        return ()
    people: list[Person] = []
    names = split_name_list(cleaned_line)
    for position, name in enumerate(names):
        cleaned = _capitalised_family(clean_name_text(name))
        if position and position == len(names) - 1 and _GROUP_AUTHOR.search(cleaned):
            # A study group closing a list of people ("...; ANDES-CHW Investigators").
            people.append(Person(literal=cleaned))
            continue
        words = cleaned.replace(",", " ").split()
        if not 2 <= len(words) <= 5 or not all(
            _NAME_WORD.match(word) and len(word) <= 20 for word in words
        ):
            return ()
        if sum(1 for word in words if word[:1].isupper()) < 2:
            return ()
        if any(
            word.casefold() in _UI_WORDS or (word.isupper() and len(word) >= 2 and "." not in word)
            for word in words
        ):
            return ()
        person = parse_name(cleaned)
        if person.is_corporate:
            return ()
        people.append(person)
    return tuple(people)


def _last_word(family: str) -> str:
    """The last word of a family name, to match "Pardo" of a byline with "Muñoz Pardo"."""
    words = family.split()
    return words[-1].casefold() if words else ""


def _byline_match(cited: Person, byline: list[Person]) -> Person | None:
    """The byline's person for a cited one: the same family name, else a full name that
    ends with it ("Diego Alejandro Muñoz Pardo" for "Muñoz Pardo"), else the one byline
    family name that ends with the same word."""
    if not cited.family:
        return None
    family = cited.family.casefold()
    for person in byline:
        if person.family.casefold() == family:
            return person
    for person in byline:
        if f"{person.given} {person.family}".casefold().endswith(" " + family):
            return person
    last = [p for p in byline if p.family and _last_word(p.family) == _last_word(cited.family)]
    return last[0] if len(last) == 1 else None


def _split_as_cited(person: Person, family: str) -> Person:
    """A byline name re-split where the citation says its family name begins: "Diego
    Alejandro Muñoz Pardo" with "Muñoz Pardo" gives given "Diego Alejandro"."""
    words = f"{person.given} {person.family}".split()
    wanted = family.split()
    if len(wanted) >= len(words) or len(wanted) <= len(person.family.split()):
        return person
    if [w.casefold() for w in words[-len(wanted) :]] != [w.casefold() for w in wanted]:
        return person
    return Person(family=" ".join(words[-len(wanted) :]), given=" ".join(words[: -len(wanted)]))


def _fuller(person: Person) -> int:
    return len(person.given.replace(".", "").replace(" ", ""))


#: Lines that announce the kind of article just above its title.
_ARTICLE_MARKER = re.compile(
    r"^(?:open access\s*)?(?:original\s+|research\s+|review\s+|brief\s+|short\s+|full\s+)?"
    r"(?:article|paper|research article|review|original paper|communication|report|letter|"
    r"editorial|case report|randomi[sz]ed controlled trial|systematic review|meta-analysis|"
    r"commentary|perspective|essay|contributo|articolo|artikel|research|multicenter study|"
    r"comparative study|clinical trial|observational study|case reports?|comment|"
    r"validation study|evaluation study|conference paper|book chapter|chapter)\s*(?:open access)?$",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(
    r"(?:\b|(?<=\d))(?:university|universit[àäéy]|universidade|universidad|institute|"
    r"institut|instituto|istituto|department|departamento|dipartimento|département|faculty|"
    r"faculdade|facultad|school of|college|laborator(?:y|ies|io|oire)|centre|center|centro|"
    r"hospital|ministry|research\s+(?:unit|group)|graduate\s+school)\b"
    # Compounds of Germanic languages: "Forschungsinstitut", "universitetet", "högskola".
    r"|(?:institut|universitet|hochschule|högskola|høgskole|hogeschool)",
    re.IGNORECASE,
)
# Lines of an author panel between the names: separators, affiliation marks, links and
# the buttons pages print beside each name ("ORCID Icon", "Search for more papers by this
# author", "Find articles by ...", "Corresponding Author").
_PANEL_FILLER = re.compile(
    r"[\d\s,;*∗†‡§]*(?:(?:and|&|by)[\d\s,;*∗†‡§]*)?|(?:view\s+)?orcid(?:\s+(?:icon|profile))?|"
    r"corresponding\s+author|correspondence|author\s+information|"
    r"search\s+for\s+more\s+papers\s+by\s+this\s+author|find\s+articles\s+by\s.{2,80}|"
    r"search\s+for\s+other\s+works\s+by\s+this\s+author\s+on:?|google\s+scholar|pubmed|"
    r"(?:e-?mail|email\s+address)\s*:?\s*\S+@\S+|\S+@\S+\.\w+|contributed\s+equally.*|"
    r"author\s+to\s+whom\s+correspondence\s+should\s+be\s+addressed\.?",
    re.IGNORECASE,
)
# Affiliation marks before a name in an expanded panel ("1, Kofi Mensah-Bonsu").
_LEADING_MARKS = re.compile(r"^(?:[\d*∗†‡§]{1,3}\s*,\s*)+(?=[^\W\d_])")


def _is_affiliation(text: str) -> bool:
    """Whether a line of an author panel names an institution (possibly after its mark)."""
    return bool(_AFFILIATION.search(text)) and len(text) < 300


# "This article is an open access article distributed under the terms of the Creative
# Commons Attribution (CC BY) license (https://...)": one sentence, URL included.
_ARTICLE_LICENSE = re.compile(
    r"\bthis\s+(?:is\s+an?\s+(?:open[\s-]access\s+)?)?(?:article|work|paper|chapter|book)\b"
    r"[^\n]{0,200}?"
    r"\b(?:distributed|licensed|published|available)\s+under\b[^\n]{0,300}",
    re.IGNORECASE,
)


_RIGHTS_NOTICE = re.compile(
    r"\s*\((?:[^()]|\([^()]*\)){0,120}\ball rights reserved\b[^()]*\)\s*$", re.I
)
# Lines inside an abstract's block that belong to the page, not the abstract.
_ABSTRACT_FURNITURE = re.compile(r"click to (?:increase|enlarge|zoom)|open in (?:a )?new tab", re.I)
# A structured-abstract heading opening a line, without a colon ("Design Qualitative study").
_LINE_HEADING = re.compile(
    r"^(" + "|".join(re.escape(h) for h in sorted(HEADINGS, key=len, reverse=True)) + r")"
    r"\.?\s+(?=[A-Z0-9])"
)


_JOURNAL_WORDS = re.compile(
    r"\b(?:journal|review|quarterly|letters|proceedings|annals|bulletin|transactions|magazine|"
    r"archives|reports|advances|rivista|revista|revue|zeitschrift|tidsskrift|tijdschrift)\b",
    re.IGNORECASE,
)
_CITATION_FORMAT_NAMES = re.compile(
    r"^(?:apa|author|bibtex|harvard|standard|ris|vancouver|mla|chicago|ieee|ama style|"
    r"mdpi and acs style|download citation|copy|export citation|cite|endnote|refworks|"
    r"citation formats?|citationsformater|\d{1,2} ?(?:apa|mla))$",
    re.IGNORECASE,
)
_CITATION_SHAPE = re.compile(
    r"(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)|(?<=[.,])\s(?:19|20)\d\d[a-z]?\.\s)"
)
_PUBLISHED_INLINE = re.compile(
    r"\b(?P<online>first published online|first published|published online|epub|available online)?"
    r"(?(online)|published)\s*:?\s*(?P<date>[^|/;]{4,40})",
    re.IGNORECASE,
)
_ARXIV_ID = re.compile(
    r"\barXiv:(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE
)
_ISSUED_RANK = {
    "issue publication date": 0, "issue date": 0, "date of issue": 0, "dc.date.issued": 0,
    "publication date": 1, "date of publication": 1, "data di pubblicazione": 1,
    "publication status": 1, "status": 1, "publikationsstatus": 1, "date published": 1,
    "date issued": 1, "published in issue": 1, "publication year": 2, "year": 2,
    "anno": 2, "anno di pubblicazione": 2,
}  # fmt: skip


def _abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is an abbreviation of ``full`` ("J Insect Conserv" of "Journal of Insect Conservation")."""
    small = {"of", "the", "and", "&", "for", "in", "on", "de", "di", "la", "le", "der", "und"}
    tokens = [t.strip(".").casefold() for t in short.split() if t.strip(".")]
    words = [w.casefold() for w in re.findall(r"[\w'’-]+", full) if w.casefold() not in small]
    if not tokens or len(tokens) != len(words) or short.casefold() == full.casefold():
        return False
    return all(word.startswith(token) for token, word in zip(tokens, words, strict=True))


class _TextDocument:
    """One pass over a document's lines, collecting field values with their spans."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = split_lines(text)
        self.header_end, self.references_at = _document_regions(self.lines)
        self.fields = _Fields()
        self.authors: list[tuple[list[Person], _Value]] = []
        self.editors: list[tuple[list[Person], _Value]] = []
        self.keywords: list[_Value] = []
        self.abstract_lines: list[Line] = []
        self.citations: list[_Value] = []
        self.issued: list[tuple[int, _Value]] = []
        self._changes: dict[str, object] = {}
        self._provenance: dict[str, Provenance] = {}
        self._last_label_row: dict[str, int] = {}
        self._ignored_rows: set[int] = set()
        self._value_rows: set[int] = set()

    def _continues(self, index: int, name: str) -> bool:
        """True when the label on row ``index`` repeats the one a row or two above."""
        last = self._last_label_row.get(name)
        return last is not None and 0 < index - last <= 2

    # -- collecting -------------------------------------------------------------------
    def scan(self) -> None:
        for index in range(self.header_end):
            line = self.lines[index]
            hit = classify(line.text) if line.stripped else None
            if hit is not None:
                self._take(index, hit)

    def _take(self, index: int, hit: LabelHit) -> None:
        name = hit.field
        lines = self.lines
        if name == "ignore":
            # The value of an ignored label (another work's DOI, a received date) is off limits.
            self._ignored_rows.add(index)
            if not hit.value:
                following = next(_next_content(lines, index), None)
                if following is not None:
                    self._ignored_rows.add(following[0])
            return
        if name == "abstract":
            if not self.abstract_lines:
                self.abstract_lines = _block_value(lines, index, hit, stop_at_blank=False)
            return
        if name == "keywords":
            # A label repeated on consecutive rows (DSpace's dc.subject) adds to the list.
            if not self.keywords or self._continues(index, "keywords"):
                for line in _keyword_lines(lines, index, hit):
                    self.keywords.append(_value_from(line))
                self._last_label_row["keywords"] = index
            return
        if name in {"author", "editor"}:
            target = self.authors if name == "author" else self.editors
            if target and not self._continues(index, name):
                return
            self._last_label_row[name] = index
            found = _author_lines(lines, index, hit)
            texts = [_BULLET.sub("", line.text).strip() for line in found]
            # One name per line, each "Family, Given" (RePEc, EPrints): a line's comma
            # separates family from given names, not two people.
            with_comma = [text for text in texts if "," in text]
            # ("Anna Berg, Jan Dijk" on every line is two people a line: only a line with a
            # one-word side, "Olabarrieta, Itziar", shows the block is "Family, Given".)
            one_per_line = (
                len(with_comma) >= 2
                and all(
                    text.count(",") == 1 and not _NAME_SEPARATOR.search(text) for text in with_comma
                )
                and any(_reads_family_given(text) for text in with_comma)
            )
            named = False
            for line, text in zip(found, texts, strict=True):
                people = _labelled_names(text)
                if one_per_line and text.count(",") == 1 and len(people) != 1:
                    single = parse_name(text)
                    people = [single] if single.family and single.given else people
                if people:
                    target.append((people, _value_from(line)))
                    named = True
                elif named and len(re.findall(r"[^\W\d_]{2,}", text)) >= 2:
                    break  # a heading of the next field ("Título de la revista") ends the list
            return
        if name == "citation":
            self._take_citation(index, hit)
            return
        value = _single_value(lines, index, hit)
        if value is None:
            return
        self._value_rows.add(value.line - 1)
        if name == "issued":
            rank = _ISSUED_RANK.get(hit.label.lower().rstrip(":").strip(), 3)
            self.issued.append((rank, value))
            return
        if name in {"doi", "url", "issn", "isbn"}:
            self.fields.add(name, value)
            return
        self.fields.put(name, value)

    def _take_citation(self, index: int, hit: LabelHit) -> None:
        if hit.value:
            line = self.lines[index]
            opening = _value_from(line, hit.value_offset, note="citation line")
            end = line.end
            # PDF text wraps a citation over the next lines ("..., 27:10,\n1995-2014, DOI: ...").
            for position in range(index + 1, min(index + 4, len(self.lines))):
                if opening.text.rstrip().endswith((".", ")")) and end == line.end:
                    break
                following = self.lines[position]
                if not following.stripped or classify(following.text) is not None:
                    break
                end = following.end
                if following.stripped.endswith("."):
                    break
            text = self.text[opening.start : end]
            self.citations.append(
                _Value(" ".join(text.split()), opening.start, end, opening.line, "citation line")
            )
            return
        block: list[Line] = []
        for _, line in _next_content(self.lines, index):
            if line.number > self.lines[index].number + 12:
                break
            if _CITATION_FORMAT_NAMES.match(line.stripped) or len(line.stripped.split()) < 3:
                if block:
                    break
                continue
            if classify(line.text) is not None and not block:
                break
            if not block and not (_YEAR.search(line.text) or "doi" in line.text.lower()):
                continue  # "You have full access to this article": not the citation yet
            block.append(line)
            # A citation is one paragraph; wrapped PDF text may continue on the next line.
            if line.stripped.endswith((".", ")")) or "doi" in line.text.lower():
                break
        if block:
            first, last = block[0], block[-1]
            self.citations.append(
                _Value(
                    self.text[first.start : last.end].strip(),
                    first.start,
                    last.end,
                    first.number,
                    "citation line",
                )
            )

    def _unlabelled_citations(self) -> list[_Value]:
        """Lines shaped like a reference to the document itself (EPrints, cover sheets)."""
        found: list[_Value] = []
        for line in self.lines[: self.header_end]:
            stripped = line.stripped
            if not 50 <= len(stripped) <= 800 or not _CITATION_SHAPE.search(stripped):
                continue
            has_source = re.search(
                r"10\.\d{4,9}/|\bvol\b|\d+\s*\(\s*\d+\s*\)|pp?\.\s*\d|\d+\s*[-–]\s*\d+|ISSN",
                stripped,
                re.I,
            )
            if has_source and re.match(r"^[^\W\d_]", stripped):
                found.append(_value_from(line, note="citation line"))
        return found

    # -- deciding ---------------------------------------------------------------------
    def build(self) -> Record:
        self.scan()
        self.citations.extend(
            c
            for c in self._unlabelled_citations()
            if c.start not in {x.start for x in self.citations}
        )
        self.sources = self._source_lines()
        title = self._choose_title()
        if title is not None:
            title = self._wrapped_title(title)
        citation = self._citation(title)
        if title is None and citation and citation[0].title:
            title = self._locate(citation[0].title, citation[1])
        put = self._put
        if title:
            put("title", _tidy_title(title.text), title)
        authors, author_where = self._authors(title, citation)
        put("author", tuple(authors), author_where)
        if self.editors:
            editors = [person for people, _ in self.editors for person in people]
            put("editor", tuple(editors), self.editors[0][1])
        self._container(citation, title)
        for name in ("event_title", "publisher", "publisher_place", "edition"):
            found = self.fields.values.get(name)
            if found and _plausible_text(found.text):
                put(name, found.text, found)
        if citation and citation[0].publisher:
            put(
                "publisher", citation[0].publisher, citation[1], "citation line"
            ) if "publisher" not in self._changes else None
        self._numbers(citation)
        self._dates(citation)
        self._identifiers(citation)
        self._abstract()
        self._keywords()
        self._language()
        self._license()
        self._preprint()
        self._type()
        record = Record(**self._changes, provenance=self._provenance, source=self.source)  # type: ignore[arg-type]
        if self.references_at is not None:
            record = _replace(record, has_references=True)
        return record

    def _put(self, name: str, value: object, where: _Value | None, note: str = "") -> None:
        """Set a field of the record being built, with where its value came from."""
        if value in ("", (), None) or name in self._changes:
            return
        if isinstance(value, str):
            value = _tidy_space(value)
        self._changes[name] = value
        if where is not None:
            self._provenance[name] = Provenance(
                self.source, where.start, where.end, where.line, note or where.note
            )

    # Title ------------------------------------------------------------------------------
    def _title_candidates(self) -> list[tuple[int, Line]]:
        self._citation_starts = {c.start for c in self.citations}
        self._keyword_rows = (
            {v.line - 1 for v in self.keywords}
            | {v.line - 1 for _, v in self.authors}
            | {line.number - 1 for line in self.abstract_lines}
        )
        self._keyword_texts = {fold(k) for k in _split_keywords(self.keywords)[0]}
        candidates: list[tuple[int, Line]] = []
        stop = self.header_end
        for index, line in enumerate(self.lines[:stop]):
            if len(candidates) >= 60:
                break
            if index in self._value_rows or line.start in self._citation_starts:
                continue
            if index in self._keyword_rows or fold(line.stripped) in self._keyword_texts:
                continue
            if _looks_like_title(line.stripped) and ";" not in line.stripped:
                candidates.append((index, line))
        return candidates

    def _choose_title(self) -> _Value | None:
        labelled = self.fields.values.get("title")
        if labelled and _looks_like_title(labelled.text):
            return labelled
        candidates = self._title_candidates()
        if not candidates:
            return None
        folded_text = fold(self.text)
        folded_citations = [fold(c.text) for c in self.citations]
        containers = {fold(s.container) for s, _ in self.sources if s.container}
        labelled_container = self.fields.values.get("container_title")
        if labelled_container:
            containers.add(fold(labelled_container.text))
        best: tuple[float, int, Line] | None = None
        for order, (index, line) in enumerate(candidates):
            folded = fold(line.stripped)
            score = 0.0
            if any(
                folded in citation and len(folded) < len(citation) - 10
                for citation in folded_citations
            ):
                score += 4
            if folded_text.count(folded) >= 2:
                score += 2
            if self._byline_after(index):
                score += 3
            if self._marker_before(index):
                score += 2
            words = len(folded.split())
            score += 1 if len(folded) >= 40 else 0
            score += 1 if words >= 5 else 0
            if folded in containers:
                score -= 6
            if _JOURNAL_WORDS.search(folded) and words <= 8:
                score -= 2
            if _byline_names(line.stripped):
                score -= 2
            if _AFFILIATION.search(line.stripped) and "," in line.stripped:
                score -= 4  # "Institute of Ecology, University of Valmont, Spain"
            score -= order * 0.05
            if best is None or score > best[0]:
                best = (score, index, line)
        assert best is not None
        return _value_from(best[2])

    def _wrapped_title(self, title: _Value) -> _Value:
        """The title with its second line when it wraps before the byline, as on a PDF's
        first page ("... evidence" / "from thermal imagery in three cities" / names)."""
        following = list(itertools.islice(_next_content(self.lines, title.line - 1), 2))
        if len(following) < 2 or following[0][1].number != title.line + 1:
            return title
        second = following[0][1].stripped
        if not (second[:1].islower() and len(second) < 150 and classify(second) is None):
            return title
        if not _byline_names(following[1][1].stripped):
            return title
        end = following[0][1].start + len(following[0][1].text.rstrip())
        return _Value(f"{title.text} {second}", title.start, end, title.line, title.note)

    def _byline_after(self, index: int) -> bool:
        for _, following in list(_next_content(self.lines, index))[:3]:
            if _byline_names(following.stripped):
                return True
        return False

    def _marker_before(self, index: int) -> bool:
        seen = 0
        for position in range(index - 1, -1, -1):
            stripped = self.lines[position].stripped
            if not stripped:
                continue
            if _ARTICLE_MARKER.match(stripped):
                return True
            seen += 1
            if seen >= 3:
                return False
        return False

    def _locate(self, wanted: str, fallback: _Value) -> _Value:
        target = fold(wanted)
        for line in self.lines[: self.header_end]:
            if fold(line.stripped) == target:
                return _value_from(line)
        return _Value(wanted, fallback.start, fallback.end, fallback.line, "citation line")

    # Citation ---------------------------------------------------------------------------
    def _citation(self, title: _Value | None) -> tuple[Citation, _Value] | None:
        if not self.citations:
            return None
        anchor = title.text if title else ""
        parsed: list[tuple[int, Citation, _Value]] = []
        for value in self.citations:
            citation = parse_citation(value.text, anchor)
            quality = 0
            if anchor and citation.title and fold(citation.title) == fold(anchor):
                quality += 4
            quality += 1 if citation.authors else 0
            quality += 1 if citation.year else 0
            quality += 1 if citation.container else 0
            parsed.append((quality, citation, value))
        parsed.sort(key=lambda item: -item[0])
        quality, citation, value = parsed[0]
        if quality == 0:
            return None
        return citation, value

    # Authors ----------------------------------------------------------------------------
    def _authors(
        self, title: _Value | None, citation: tuple[Citation, _Value] | None
    ) -> tuple[list[Person], _Value | None]:
        people, where = self._authors_found(title, citation)
        # Pages that expand each author (PMC) print every name twice in a row.
        return list(dict.fromkeys(people)), where

    def _authors_found(
        self, title: _Value | None, citation: tuple[Citation, _Value] | None
    ) -> tuple[list[Person], _Value | None]:
        if self.authors:
            people = [person for group, _ in self.authors for person in group]
            if not all(person.is_corporate for person in people):
                return people, self.authors[0][1]
            # Only organisations under an "Authors" label (often a menu item): a byline of
            # people under the title names the authors better.
            byline, byline_where = self._byline(title, [])
            if byline:
                return byline, byline_where
            return people, self.authors[0][1]
        cited: list[Person] = []
        if citation and citation[0].authors and "et al" not in citation[0].authors:
            cited = list(parse_names(citation[0].authors))
        byline, byline_where = self._byline(title, cited)
        if byline and cited:
            # The citation line fixes who the authors are and where each family name
            # begins ("Muñoz Pardo, D. A."); the byline adds full given names.
            chosen = []
            for person in cited:
                match = _byline_match(person, byline)
                if match:
                    match = _split_as_cited(match, person.family)
                chosen.append(match if match and _fuller(match) >= _fuller(person) else person)
            return chosen, byline_where
        if byline:
            return byline, byline_where
        if cited and citation:
            return cited, citation[1]
        return [], None

    def _byline(
        self, title: _Value | None, cited: list[Person]
    ) -> tuple[list[Person], _Value | None]:
        if title is None or title.note:
            return [], None
        start_index = next(
            (i for i, line in enumerate(self.lines) if line.start <= title.start < line.end + 1),
            None,
        )
        if start_index is None:
            return [], None
        wanted = {_last_word(person.family) for person in cited if person.family}
        people: list[Person] = []
        first: _Value | None = None
        last_row = self.lines[start_index].number
        for _, line in _next_content(self.lines, start_index):
            # The byline starts within a few lines of the title; once it has started, an
            # author panel may run on for many lines, as long as each belongs to it.
            if line.number > last_row + (14 if not people else 3):
                break
            text = _LEADING_MARKS.sub("", line.stripped)
            # "Name (Department of ..., University of ...)": the affiliation in brackets is
            # the name's, not a line of its own.
            outside = re.sub(r"\([^)]*\)", " ", text)
            names = [] if _AFFILIATION.search(outside) else _byline_names(text)
            if not names and not _AFFILIATION.search(outside):
                names = _family_given_line(text)
            if names and (not wanted or any(_last_word(p.family) in wanted for p in names)):
                people.extend(names)
                first = first or _value_from(line)
                last_row = line.number
                continue
            filler = len(line.stripped) <= 200 and _PANEL_FILLER.fullmatch(line.stripped)
            if people and (filler or _is_affiliation(text)):
                last_row = line.number
                continue
            if people:
                break
        return people, first

    # Container, numbers, dates ------------------------------------------------------------
    def _source_lines(self) -> list[tuple[Source, _Value]]:
        found: list[tuple[Source, _Value]] = []
        previous = ""
        for position, line in enumerate(self.lines[: self.header_end]):
            stripped = line.stripped
            if not stripped:
                continue
            source = parse_source_line(stripped, previous)
            if source is not None:
                following_line = next(_next_content(self.lines, position), None)
                if (
                    following_line
                    and not (source.page or source.number)
                    and re.fullmatch(r"e\d{4,8}", following_line[1].stripped)
                ):
                    # Wiley prints the article number alone under "Volume 14, Issue 6".
                    source = dataclasses.replace(source, number=following_line[1].stripped)
                if source.issued is None:
                    # An issue box prints the issue's month on the line after the volume, or
                    # after an issue line of its own ("Volume 38" / "Issue 2" / "April 2023").
                    box = list(itertools.islice(_next_content(self.lines, position), 2))
                    if (
                        len(box) == 2
                        and not source.issue
                        and (
                            issue_line := re.fullmatch(
                                r"issue\s+([\w/-]{1,8})", box[0][1].stripped, re.I
                            )
                        )
                    ):
                        source = dataclasses.replace(source, issue=issue_line.group(1))
                        box = box[1:]
                    if box and _is_bare_date(box[0][1].stripped):
                        parsed = parse_date(box[0][1].stripped)
                        source = dataclasses.replace(source, issued=parsed[0] if parsed else None)
                if (
                    not source.container
                    and previous
                    and _looks_like_container(previous)
                    and stripped.lower().startswith("vol")
                ):
                    source = dataclasses.replace(source, container=previous)
                found.append((source, _value_from(line)))
            previous = stripped
        return found

    def _container(self, citation: tuple[Citation, _Value] | None, title: _Value | None) -> None:
        found = self.fields.values.get("container_title")
        if found:
            # "Book title / a cura di Rossi, Anna": the editors are not part of the title.
            book = re.sub(
                r"\s*/\s*(?:a cura di|edited by|eds?\.|hrsg\.|coord\.|dir\.)\s.*$",
                "",
                found.text,
                flags=re.I,
            )
            # "IEEE Transactions on ... ( Volume: 61 )", "PeerJ Freshwater Biology 3:e87": the
            # volume and number are not part of the name.
            book = re.sub(r"\s*\(\s*vol(?:ume)?\.?:?\s*[\w-]+\s*\)\s*$", "", book, flags=re.I)
            book = re.sub(r"\s+\d{1,4}:e?\d{1,8}$", "", book)
            found = _Value(book, found.start, found.start + len(book), found.line, found.note)
        if found and _plausible_text(found.text) and _looks_like_container(found.text):
            self._put("container_title", found.text, found)
            return
        for source, where in self.sources:
            if source.container and (title is None or fold(source.container) != fold(title.text)):
                self._put("container_title", source.container, where)
                return
        if citation and citation[0].container and _looks_like_container(citation[0].container):
            short = citation[0].container
            # An abbreviated journal name in the citation, spelled out elsewhere on the page.
            for line in self.lines[: self.header_end]:
                if _abbreviates(short, line.stripped):
                    self._put("container_title", line.stripped, _value_from(line))
                    return
            self._put("container_title", short, citation[1], "citation line")
            return
        if title is not None and not title.note:
            # A journal's name printed above the article's title (publisher pages).
            title_row = title.line - 1
            for line in self.lines[max(0, title_row - 12) : title_row]:
                stripped = line.stripped
                if (
                    _JOURNAL_WORDS.search(stripped)
                    and _looks_like_container(stripped)
                    and len(stripped.split()) >= 2
                ):
                    self._put(
                        "container_title",
                        stripped,
                        _value_from(line),
                        "journal name above the title",
                    )
                    return

    def _numbers(self, citation: tuple[Citation, _Value] | None) -> None:
        for name in ("volume", "issue", "number", "number_of_pages"):
            found = self.fields.values.get(name)
            if found:
                text = re.sub(r"^(?:vol|no|nr|issue|art)\.?\s*", "", found.text, flags=re.I).strip()
                if name == "number":
                    # "Article No.: 37, Pages 1 - 14": the number is the value's first token.
                    lead = re.match(r"([A-Za-z]?\d{1,9})(?=\s*(?:[,;|]|$))", text)
                    text = lead.group(1) if lead else text
                if SPACE_SEPARATED.get(name, SPACE_SEPARATED["volume"])(text):
                    self._put(name, text, found)
        page = self.fields.values.get("page")
        if page:
            match = re.search(r"([A-Za-z]?\d+)(?:\s*[-–—]+\s*([A-Za-z]?\d+))?", page.text)
            if match:
                self._put(
                    "page", match.group(1) + (f"-{match.group(2)}" if match.group(2) else ""), page
                )
        first, last = self.fields.values.get("first_page"), self.fields.values.get("last_page")
        if first and re.fullmatch(r"[A-Za-z]?\d+", first.text):
            ending = f"-{last.text}" if last and re.fullmatch(r"[A-Za-z]?\d+", last.text) else ""
            self._put("page", first.text + ending, first)
        for source, where in self.sources:
            for name in ("volume", "issue", "page", "number"):
                value = getattr(source, name)
                if value:
                    self._put(name, value, where)
        if citation:
            cited, where = citation
            for name, value in (
                ("volume", cited.volume),
                ("issue", cited.issue),
                ("page", cited.page),
                ("number", cited.number),
            ):
                if value and not (
                    {"page", "number"} & self._changes.keys() and name in {"page", "number"}
                ):
                    self._put(name, value, where, "citation line")

    def _dates(self, citation: tuple[Citation, _Value] | None) -> None:
        """The publication date: the most trusted statement, made precise by others of its year."""
        candidates: list[tuple[int, Date, _Value, str]] = []
        for rank, value in self.issued:
            parsed = parse_date(value.text)
            if parsed:
                candidates.append((rank, parsed[0], value, ""))
        for source, where in self.sources:
            if source.issued:
                candidates.append((1, source.issued, where, ""))
        if citation and citation[0].year:
            candidates.append((4, Date(int(citation[0].year)), citation[1], "citation line"))
        online: list[tuple[Date, _Value]] = []
        for line in self.lines[: self.header_end]:
            for found in self._published_inline(line):
                date, where, is_online = found
                if is_online:
                    online.append((date, where))
                else:
                    candidates.append((2, date, where, ""))
        available = self.fields.values.get("available_date")
        if available and (parsed := parse_date(available.text)):
            online.insert(0, (parsed[0], available))
        if online:
            self._put("available_date", online[0][0], online[0][1])
        if candidates:
            candidates.sort(key=lambda item: item[0])
            rank, date, where, note = candidates[0]
            # "Issue date: August 2021" and "Published: 18 August 2021" say the same, one more exactly.
            for _, other, other_where, other_note in candidates[1:]:
                if (
                    other.year == date.year
                    and _precision(other) > _precision(date)
                    and (date.month is None or other.month == date.month)
                ):
                    date, where, note = other, other_where, other_note
            self._put("issued", date, where, note)
        if "issued" not in self._changes and "available_date" in self._changes:
            # The only date is the online one: it is when the work was published.
            where_online = self._provenance.get("available_date")
            self._changes["issued"] = self._changes["available_date"]
            if where_online is not None:
                self._provenance["issued"] = where_online

    def _published_inline(self, line: Line) -> Iterator[tuple[Date, _Value, bool]]:
        """Dates stated as "Published: 30 March 2023", "First published online March 3, 2022",
        "[Submitted on 7 Jun 2023 ...]" or an EPrints date table row "22 October 2021<TAB>Published"."""
        row = re.match(r"^\s*(.{6,30}?)\s+(Published|Published online|Submitted)\s*$", line.text)
        if row and (parsed := parse_date(row.group(1))):
            yield parsed[0], _value_from(line), False
            return
        submitted = re.search(r"\[Submitted on ([^(\]]+)", line.text)
        if submitted and (parsed := parse_date(submitted.group(1))):
            where = _Value(
                "", line.start + submitted.start(1), line.start + submitted.end(1), line.number
            )
            yield parsed[0], where, False
            return
        for match in _PUBLISHED_INLINE.finditer(line.text):
            is_online = bool(match.group("online"))
            before = line.text[: match.start()]
            if not is_online and re.search(
                r"\b(?:received|accepted|revised)\b\s*:?\s*$", before, re.I
            ):
                continue
            parsed = parse_date(match.group("date"))
            # The date must follow the word directly ("Published: 30 March 2023").
            if parsed is None or match.group("date")[: parsed[1]].strip(" :-"):
                continue
            where = _Value("", line.start + match.start(), line.start + match.end(), line.number)
            yield parsed[0], where, is_online

    def _identifiers(self, citation: tuple[Citation, _Value] | None) -> None:
        # DOI: a labelled value, then the citation line, then the first DOI in the header.
        for value in self.fields.lists.get("doi", []):
            found = doi_module.find_first(value.text)
            if found:
                self._put("doi", found, value)
                break
        else:
            if citation and citation[0].doi:
                self._put("doi", citation[0].doi, citation[1], "citation line")
            else:
                for value in self.fields.lists.get("url", []):
                    found = doi_module.find_first(value.text)
                    if found:
                        self._put("doi", found, value)
                        break
                else:
                    header = self.text[: self._header_offset()]
                    arxiv = _ARXIV_ID.search(header)
                    for found, start, end in doi_module.find_all(header):
                        line = self.text.count("\n", 0, start) + 1
                        if line - 1 in self._ignored_rows:
                            continue
                        if arxiv and not found.lower().startswith("10.48550/arxiv."):
                            continue  # a preprint page's own DOI is its arXiv DOI
                        self._put("doi", found, _Value(found, start, end, line))
                        break
        issns: list[str] = []
        issn_where: _Value | None = None
        for value in self.fields.lists.get("issn", []):
            for issn in [i for i, _, _ in find_issns(value.text)] or _maybe(valid_issn(value.text)):
                if issn not in issns:
                    issns.append(issn)
                    issn_where = issn_where or value
        if not issns:
            header = self.text[: self._header_offset()]
            for match in re.finditer(
                r"\b(?:e-?|p-?|online |print )?ISSN\b[^\n]{0,40}", header, re.I
            ):
                for issn, _, _ in find_issns(match.group(0)):
                    if issn not in issns:
                        issns.append(issn)
                        line = header.count("\n", 0, match.start()) + 1
                        issn_where = issn_where or _Value(issn, match.start(), match.end(), line)
        if not issns and citation:
            issns = [v for raw in citation[0].issn if (v := valid_issn(raw))]
            issn_where = citation[1] if issns else None
        self._put("issn", tuple(issns), issn_where)
        isbns: list[str] = []
        isbn_where: _Value | None = None
        for value in self.fields.lists.get("isbn", []):
            for isbn in [i for i, _, _ in find_isbns(value.text)] or _maybe(valid_isbn(value.text)):
                if isbn not in isbns:
                    isbns.append(isbn)
                    isbn_where = isbn_where or value
        self._put("isbn", tuple(isbns), isbn_where)
        urls = [v for v in self.fields.lists.get("url", []) if re.match(r"https?://", v.text)]
        landing = [v for v in urls if "doi.org/" not in v.text]
        if landing or urls:
            chosen = (landing or urls)[0]
            self._put("url", chosen.text.split()[0], chosen)

    def _header_offset(self) -> int:
        if self.header_end >= len(self.lines):
            return len(self.text)
        return self.lines[self.header_end].start

    def _abstract(self) -> None:
        if not self.abstract_lines:
            return
        sections: list[tuple[str, str]] = []
        heading = ""
        paragraphs: list[str] = []
        seen: set[str] = set()
        repeated = False
        lines = [
            line for line in self.abstract_lines if not _ABSTRACT_FURNITURE.match(line.stripped)
        ]
        if lines and _is_language_name(lines[0].stripped):
            lines = lines[1:]  # "español", "Français": the language of the abstract below
        for position, line in enumerate(lines):
            stripped = line.stripped
            lone_language = _is_language_name(stripped)
            if position and (
                lone_language
                or re.fullmatch(r"https?://\S+", stripped)
                or re.match(r"keywords?\s", stripped, re.I)
                or (len(stripped) < 120 and parse_source_line(stripped) is not None)
            ):
                # The abstract again in another language, or the page's links below it.
                lines = lines[:position]
                break
        # BMJ and JAMA print headings at the start of a line without a colon
        # ("Objectives To explore ..."); two or more such lines make a structured abstract.
        inline = [_LINE_HEADING.match(line.stripped) for line in lines]
        use_inline = sum(1 for m in inline if m and canonical_heading(m.group(1))) >= 2 and bool(
            inline and inline[0]
        )
        texts: list[str] = []
        for line, match in zip(lines, inline, strict=True):
            if use_inline and match and canonical_heading(match.group(1)):
                texts.extend((match.group(1), line.stripped[match.end() :]))
            else:
                texts.append(line.stripped)
        for text in texts:
            canonical = canonical_heading(text)
            if canonical and len(text) <= 45:
                if paragraphs or heading:
                    sections.append((heading, " ".join(paragraphs)))
                heading, paragraphs = canonical, []
                continue
            key = re.sub(r"\W+", "", text.casefold())
            if key in seen:
                # A page that prints its abstract twice: keep the first copy.
                repeated = True
                break
            seen.add(key)
            paragraphs.append(text)
        if paragraphs or heading:
            sections.append((heading, " ".join(paragraphs)))
        # "(PsycInfo Database Record (c) 2023 APA, all rights reserved)" closing the text.
        sections = [(h, _RIGHTS_NOTICE.sub("", t).strip()) for h, t in sections]
        sections = [(h, t) for h, t in sections if t]
        if repeated and sections and sections[-1][0] and not sections[-1][1]:
            sections.pop()
        if not sections:
            return
        first, last = self.abstract_lines[0], self.abstract_lines[-1]
        where = _Value("", first.start, last.end, first.number)
        if len(sections) >= 2 and all(h for h, _ in sections):
            self._put("abstract_sections", tuple(sections), where)
            self._put("abstract", join_sections(tuple(sections)), where)
        else:
            self._put(
                "abstract", "\n\n".join(t if not h else f"{h}: {t}" for h, t in sections), where
            )

    def _keywords(self) -> None:
        keywords, spans = _split_keywords(self.keywords)
        if keywords:
            self._put("keywords", tuple(keywords), spans[0])

    def _language(self) -> None:
        found = self.fields.values.get("language")
        code = language_code(found.text) if found else ""
        if found and code:
            self._put("language", code, found)
            return
        abstract = str(self._changes.get("abstract", ""))
        detected = detect_language(abstract)
        if detected and self.abstract_lines:
            first, last = self.abstract_lines[0], self.abstract_lines[-1]
            self._put(
                "language",
                detected,
                _Value("", first.start, last.end, first.number),
                "detected from the abstract",
            )

    def _license(self) -> None:
        found = self.fields.values.get("license")
        candidates: list[tuple[str, int, int]] = []
        if found:
            block_end = self._paragraph_end(found)
            candidates.append((self.text[found.start : block_end], found.start, found.line))
        header = self._header_offset()
        candidates.append((self.text[:header], 0, 1))
        # Publishers print the article's licence at the foot of the page, after its body
        # (MDPI, Frontiers, PLOS); only a statement about this article counts there, not a
        # site-wide notice.
        for statement in _ARTICLE_LICENSE.finditer(self.text, header):
            candidates.append((statement.group(), statement.start(), 0))
        for text, offset, _ in candidates:
            licence = find_license(text)
            if licence:
                name, start, end = licence
                line = self.text.count("\n", 0, offset + start) + 1
                self._put("license", name, _Value(name, offset + start, offset + end, line))
                return

    def _paragraph_end(self, value: _Value) -> int:
        end = self.text.find("\n\n", value.end)
        return len(self.text) if end < 0 else end

    def _preprint(self) -> None:
        """An arXiv abstract page or first page: the identifier is the record's number."""
        header = self.text[: self._header_offset()]
        match = _ARXIV_ID.search(header)
        if match is None or "container_title" in self._changes:
            return
        line = header.count("\n", 0, match.start()) + 1
        where = _Value(match.group(0), match.start(), match.end(), line)
        self._put("number", f"arXiv:{match.group(1)}", where)
        self._put("type", "article", where, "arXiv identifier")

    def _type(self) -> None:
        found = self.fields.values.get("type")
        mapped = csl_type(found.text) if found else ""
        if found and mapped:
            self._put("type", mapped, found)
            return
        for line in self.lines[: min(self.header_end, 60)]:
            mapped = csl_type_from_line(line.stripped)
            if mapped:
                self._put("type", mapped, _value_from(line))
                return
        container = str(self._changes.get("container_title", ""))
        if _SERIES_NAME.search(container):
            self._put("type", "report", None)
        elif _PROCEEDINGS.search(container) and not re.search(r"\bjournal\b", container, re.I):
            # ("History Workshop Journal" is a journal.)
            self._put("type", "paper-conference", None)
        elif (
            self._changes.get("container_title")
            or self._changes.get("issn")
            or self._changes.get("volume")
        ):
            self._put("type", "article-journal", None)
        elif self._changes.get("isbn"):
            self._put("type", "book", None)
        elif self.references_at is not None:
            self._put("type", "article", None)


def _precision(date: Date) -> int:
    return 1 + (date.month is not None) + (date.day is not None)


def _is_bare_date(text: str) -> bool:
    found = parse_date(text)
    return bool(found) and found is not None and len(text) - (found[2] - found[1]) <= 2


def _looks_like_container(text: str) -> bool:
    """A journal or book name: words, not an identifier, a number or a sentence."""
    stripped = text.strip()
    if not 2 <= len(stripped) <= 200 or _ARXIV_ID.search(stripped) or "http" in stripped:
        return False
    if classify(stripped) is not None or is_stop_line(stripped) or _NOISE_TITLE.search(stripped):
        return False
    if " | " in stripped:
        return False  # "Research Article | Open Access": a row of tags
    if _PAGE_FURNITURE.search(stripped) and not (
        _JOURNAL_WORDS.search(stripped) and not _JOURNAL_FURNITURE.search(stripped)
    ):
        return False  # ("The Journal of Navigation" is a journal; "About the journal" is not)
    words = re.findall(r"[^\W\d_]{2,}", stripped)
    return bool(words) and len(stripped.split()) <= 16 and not stripped.endswith((".", "?", "!"))


# Navigation and widgets that sit where a journal's name might ("Article Navigation",
# "cover image ACM Conferences", "Sec. Plant-Soil Interactions" of a journal's section).
_JOURNAL_FURNITURE = re.compile(r"\b(?:about|from)\s+the\s+journal\b", re.I)
_PAGE_FURNITURE = re.compile(
    r"\b(?:navigation|cover\s+image|table\s+of\s+contents|all\s+issues|current\s+issue|"
    r"sign\s+in|log\s+in|search\s+(?:in|within)|browse|about\s+the\s+journal|analytics|"
    r"now\s+published\s+in|from\s+the\s+journal)\b|^sec(?:tion)?\.\s|:$|^[a-z]+$",
    re.IGNORECASE,
)


# A conference's proceedings, in the languages of the readers' labels.
# ("Proceedings of the National Academy of Sciences" is a journal: "proceedings" alone
# needs a year or an ordinal beside it.)
_PROCEEDINGS = re.compile(
    r"\b(?:conference|symposium|workshop|congress|colloquium)\b|"
    r"\b(?:proceedings|actes|tagungsband|atti)\b.*\b(?:(?:19|20)\d\d|\d+(?:st|nd|rd|th))\b|"
    r"\b(?:(?:19|20)\d\d|\d+(?:st|nd|rd|th))\b.*\bproceedings\b",
    re.I,
)
_SERIES_NAME = re.compile(
    r"\b(?:working|discussion|occasional|research|policy) papers?\b|\breports? series\b", re.I
)


def csl_type_from_line(line: str) -> str:
    """The type stated by a page's type line with no label ("Research output: Contribution to journal")."""
    match = re.match(r"^(?:research output|output type|document type)\s*:?\s*(.+)$", line, re.I)
    if match:
        return csl_type(match.group(1))
    if re.fullmatch(r"(?:articolo|article|journal article|articolo in rivista)", line, re.I):
        return "article-journal"
    # A lone kind-of-work line by the title (figshare "dataset", Springer "Conference paper").
    if re.fullmatch(
        r"(?:dataset|data set|conference paper|doctoral thesis|phd thesis|dissertation|"
        r"technical report|working paper)",
        line,
        re.I,
    ):
        return csl_type(line)
    return ""


def _maybe(value: str | None) -> list[str]:
    return [value] if value else []


def _replace(record: Record, **changes: object) -> Record:
    import dataclasses

    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def _tidy_space(text: str) -> str:
    """Collapse runs of spaces (no-break spaces included), keeping paragraph breaks."""
    paragraphs = [re.sub(r"\s+", " ", part).strip() for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def _tidy_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    return title.rstrip(".") if title.endswith(".") and not title.endswith("..") else title


def _plausible_text(text: str) -> bool:
    """A container or publisher value, not a copyright line, a URL or a placeholder."""
    lowered = text.lower()
    if lowered.startswith(("©", "copyright", "http", "(c)")) or len(text) > 300:
        return False
    return not re.fullmatch(r"\W*|n/?a|none|unknown|-+", lowered)


def read_text(text: str, source: str) -> list[Record]:
    """The record a document's plain text describes.

    Raises :class:`~refkit.errors.UnsupportedInputError` when the text holds no
    bibliographic data (no title together with an author, a date, a DOI, a journal or an ISBN).
    """
    if not text.strip():
        raise UnsupportedInputError("empty document", source=source)
    record = _TextDocument(text, source).build()
    evidence = record.author or record.issued or record.doi or record.container_title or record.isbn
    if not record.title or not evidence:
        raise UnsupportedInputError("no bibliographic data found", source=source)
    return [record]


def read_embedded_text(text: str, source: str, where: str) -> list[Record]:
    """Records in text taken from inside another document (an HTML page's visible text, a
    PDF's pages), with each value's provenance marked ``where``; ``[]`` when there are none."""
    if not text.strip():
        return []
    try:
        records = read_text(text, source)
    except UnsupportedInputError:
        return []
    return [
        dataclasses.replace(
            record,
            provenance={
                name: dataclasses.replace(p, note=f"{where}; {p.note}" if p.note else where)
                for name, p in record.provenance.items()
            },
        )
        for record in records
    ]


class TextReader:
    """Fallback reader for any text no more specific reader claims."""

    name = "text"

    def sniff(self, data: bytes, text: str | None) -> float:
        return 0.1 if text and text.strip() else 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        return read_text(text or "", source)
