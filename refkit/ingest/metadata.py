"""Cleaning values taken from embedded metadata (HTML meta tags, JSON-LD, PDF info and XMP).

Embedded metadata is written by machines for machines, and its faults are regular:
HTML left inside values, dates in half a dozen shapes, "ahead-of-print" where a
volume should be, copyright lines where a publisher should be, language names where
codes should be.  The HTML and PDF readers share these rules so a value means the
same whichever container it came in.
"""

from __future__ import annotations

import html
import re
import unicodedata

from refkit.abstracts import canonical_heading, join_sections, split_sections
from refkit.dates import parse_date_value
from refkit.languages import language_tag
from refkit.model import Date

__all__ = [
    "clean_abstract",
    "clean_issue",
    "clean_value",
    "clean_volume",
    "is_license",
    "is_preprint",
    "join_pages",
    "looks_like_copyright",
    "normalize_language",
    "parse_date",
    "split_keywords",
    "type_from_genre",
]

# A tag needs a letter after "<" (or "</"), so "a < b > c" in a title survives.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|section|blockquote|tr|table|dt|dd|jats:p|jats:sec|"
    r"jats:title|title|sec)\b[^<>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ALL_SPACE = re.compile(r"\s+")


def _unescape(text: str) -> str:
    # Values are sometimes escaped twice ("&amp;amp;"); two rounds cover what is seen in practice.
    once = html.unescape(text)
    return html.unescape(once) if "&" in once else once


def clean_value(text: str) -> str:
    """One-line plain text: entities decoded, tags removed, whitespace collapsed, NFC."""
    text = _TAG.sub(" ", _unescape(text))
    text = _ALL_SPACE.sub(" ", text).strip()
    # Zero-width and soft-hyphen characters are invisible on the page but break matching.
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return unicodedata.normalize("NFC", text)


_ABSTRACT_LABEL = re.compile(
    r"^(?:abstract|summary|résumé|riassunto|zusammenfassung)\s*[:.]?\s*", re.I
)


def clean_abstract(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """An abstract as plain text and, when it is structured, its (heading, text) sections.

    Block-level markup becomes paragraph breaks; a paragraph that is only a heading
    ("Purpose") is joined to the paragraph after it, so a structured abstract marked
    up with ``<h3>`` or ``<jats:title>`` reads like one written "Purpose: ...".
    A leading "Abstract" label is dropped.
    """
    text = _BLOCK_TAG.sub("\n\n", _unescape(text))
    text = _TAG.sub(" ", text)
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    paragraphs = [unicodedata.normalize("NFC", p) for p in paragraphs if p]
    if paragraphs and _ABSTRACT_LABEL.fullmatch(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if paragraphs:
        paragraphs[0] = _ABSTRACT_LABEL.sub("", paragraphs[0], count=1) or paragraphs[0]
    joined: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        heading = canonical_heading(paragraph)
        if heading:
            pending = heading
            continue
        joined.append(f"{pending}: {paragraph}" if pending else paragraph)
        pending = ""
    plain = "\n\n".join(joined)
    sections = split_sections(plain)
    if sections:
        return join_sections(sections), sections
    return _ALL_SPACE.sub(" ", plain).strip(), ()


def parse_date(text: str) -> Date | None:
    """A metadata value's date (see :func:`refkit.dates.parse_date_value`), after removing
    markup and entities; ``None`` when there is no plausible year."""
    return parse_date_value(clean_value(text))


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords from one value: split on ``;`` if present, else on ``,`` (or ``|``)."""
    text = clean_value(text)
    if not text:
        return ()
    if ";" in text:
        parts = text.split(";")
    elif "|" in text:
        parts = text.split("|")
    else:
        parts = text.split(",")
    return tuple(p for p in (part.strip(" .\t") for part in parts) if p)


def unique(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Values in order with repeats (ignoring case) removed."""
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


_NOT_A_VOLUME = re.compile(
    r"ahead|print|online|early|press|view|forthcoming|in\s+progress|articles?\b|n/?a\b|null|none|undefined",
    re.IGNORECASE,
)


def clean_volume(text: str) -> str:
    """A volume number, or ``""`` for placeholders such as "ahead-of-print"."""
    text = clean_value(text)
    text = re.sub(r"^(?:vol(?:ume)?|bd|band|tome|t)\.?\s*", "", text, flags=re.IGNORECASE)
    if not text or len(text) > 30 or _NOT_A_VOLUME.search(text):
        return ""
    if not re.search(r"\d|^[IVXLCDM]+$", text, re.IGNORECASE):
        return ""
    return text


def clean_issue(text: str) -> str:
    """An issue number, or ``""`` for placeholders."""
    text = clean_value(text)
    text = re.sub(
        r"^(?:issue|iss|no|nr|num(?:ber)?|heft|fasc(?:icolo)?)\.?\s*", "", text, flags=re.I
    )
    if not text or len(text) > 30 or _NOT_A_VOLUME.search(text):
        return ""
    if not re.search(r"\d|^[IVXLCDM]+$|suppl|special", text, re.IGNORECASE):
        return ""
    return text


def join_pages(first: str, last: str = "") -> str:
    """A page range ``first-last``, a single page or article number, or ``""`` if unusable."""
    first = re.sub(r"^(?:pp?\.?|pages?)\s*", "", clean_value(first), flags=re.I)
    last = re.sub(r"^(?:pp?\.?|pages?)\s*", "", clean_value(last), flags=re.I)
    first = re.sub(r"\s*[\u2010-\u2015\u2212]\s*", "-", first)
    if "-" in first and not last:
        first, _, last = (part.strip() for part in first.partition("-"))
    valid = re.compile(r"[A-Za-z]{0,3}\d[\w.]{0,14}|[ivxlcdm]{1,8}", re.IGNORECASE)
    if not valid.fullmatch(first):
        return ""
    if last and valid.fullmatch(last) and last != first:
        return f"{first}-{last}"
    return first


_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)


def looks_like_copyright(text: str) -> bool:
    """A copyright statement ("© 2019 Elsevier Ltd. All rights reserved"): not a publisher."""
    return bool(_COPYRIGHT.search(text))


_LICENSE = re.compile(
    r"creativecommons\.org|\bcc[\s\-]?(?:by|0|zero)\b|creative\s+commons|licen[cs]e|public\s+domain|"
    r"opendatacommons|gnu\s+(?:free|general)|\bmit\b|\bapache\b",
    re.IGNORECASE,
)


def is_license(text: str) -> bool:
    """True when a rights statement names a licence (not a bare copyright line)."""
    return bool(_LICENSE.search(text))


def normalize_language(text: str) -> str:
    """A BCP 47 language tag (``en``, ``en-GB``) from a code, an ISO 639-2 code or a name."""
    return language_tag(clean_value(text))


# Genre words of repositories (DSpace, EPrints, IRIS, OJS, OpenAIRE's info:eu-repo vocabulary).
#: CSL 1.0.2 has no preprint type: a preprint or working draft is "article", as Zotero exports it.
PREPRINT_TYPE = "article"

# Genre words of repositories (and of landing pages' "Item type" lines) to CSL types, the
# first match winning, so specific kinds come before "article".
_GENRES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), csl)
    for pattern, csl in (
        (r"preprint|pre-print|e-?print|submitted\s*(?:version|manuscript)", PREPRINT_TYPE),
        (
            r"conference|proceeding|inproceedings|conferenceobject|conference\s*paper|congress|"
            r"convegno|symposium|workshop|konferenz",
            "paper-conference",
        ),
        (
            r"chapter|bookpart|book\s*part|part\s+of\s+book|incollection|inbook|book\s*section|section|"
            r"capitolo|contribution\s+to\s+book|kapitel",
            "chapter",
        ),
        (
            r"thesis|dissertation|doctoral|masterthesis|bachelorthesis|phd|\btesi\b|proefschrift|abschlussarbeit",
            "thesis",
        ),
        (
            r"working\s*paper|workingpaper|technical|report|discussion\s*paper|rapporto|white\s*paper|policy\s*brief",
            "report",
        ),
        (r"data\s*set|dataset", "dataset"),
        (r"\bbook|monograph|monografia|\blibro\b|\bbuch\b", "book"),
        (r"newspaper", "article-newspaper"),
        (r"magazine", "article-magazine"),
        (
            r"article|articolo|artikel|journal|rivista|contribution\s+to\s+(?:journal|periodical)|"
            r"contributo|review|letter|editorial",
            "article-journal",
        ),
        (r"web\s*page|website|web\s*site|blog", "webpage"),
    )
)


def type_from_genre(text: str) -> str:
    """The CSL type named by a repository's genre or type value, or ``""``."""
    text = clean_value(text)
    text = re.sub(r"^info:eu-repo/semantics/", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^https?://purl\.org/coar/resource_type/\S+\s*", "", text)
    for pattern, csl in _GENRES:
        if pattern.search(text):
            return csl
    return ""


_PREPRINT_SERVERS = re.compile(
    r"\b(?:arxiv|biorxiv|medrxiv|chemrxiv|ssrn|research\s*square|preprints\.org|psyarxiv|socarxiv|"
    r"osf\s+preprints|edarxiv|eartharxiv|techrxiv|authorea|zenodo\s+preprint|hal\s+preprint|"
    r"social\s+science\s+research\s+network)\b",
    re.IGNORECASE,
)
# DOI prefixes of preprint servers.  bioRxiv and medRxiv share 10.1101 with Cold Spring
# Harbor's journals, so only their date-and-number suffixes count.
_PREPRINT_DOI = re.compile(
    r"^10\.(?:48550/|2139/ssrn|21203/rs\.|20944/preprints|31219/osf|31234/|31235/|26434/chemrxiv|"
    r"36227/techrxiv|22541/au\.|1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,}(?:v\d+)?$)",
    re.IGNORECASE,
)


def is_preprint(*, doi: str = "", names: tuple[str, ...] = (), url: str = "") -> bool:
    """True when a DOI prefix, a container/publisher name or a URL points at a preprint server."""
    if doi and _PREPRINT_DOI.match(doi):
        return True
    if any(name and _PREPRINT_SERVERS.search(name) for name in names):
        return True
    return bool(
        re.match(
            r"^https?://(?:www\.)?(?:arxiv\.org/abs|biorxiv\.org|medrxiv\.org|papers\.ssrn\.com)",
            url,
        )
    )
