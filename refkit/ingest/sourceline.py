"""Source lines: the one line under a title that says where the work was published.

Publishers and indexes print the journal, year, volume, issue and pages in a compact
line of their own, each in a house style:

* NLM (PubMed, PMC): ``Lancet Reg Health Eur. 2022 Aug 15;19:100432.`` (the journal
  abbreviation is often on the line before);
* MDPI: ``Sustainability 2023, 15(7), 6021; https://doi.org/...``;
* EconPapers: ``Journal of Housing Finance, 2019, vol. 44, issue 2, 233-259``;
* BMC headers: ``Ferreira et al. BMC Veterinary Research 2014, 10:112``;
* running heads: ``2021, VOL. 8, NO. 1, 2034512``;
* volume lines: ``Volume 57, 2023 - Issue 8``, ``Volume 36, Issue 2 p. 145-160``,
  ``Volume 25, pages 611–624, (2021)``, ``volume 22, Article number: 914 (2022)``,
  ``Volume 41, Issue 3, April 2016, Pages 245-258``, ``Volume 98, January 2023, 103512``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from refkit.dates import parse_date
from refkit.model import Date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


@dataclass(frozen=True)
class Source:
    """What a source line states; empty strings where it is silent."""

    container: str = ""
    issued: Date | None = None
    volume: str = ""
    issue: str = ""
    page: str = ""
    number: str = ""


_NLM = re.compile(
    rf"^(?P<journal>[A-Z][^.;:]{{0,120}}?)?\s*\.\s*(?P<date>\d{{4}}(?:\s+{_MONTH}(?:\s+\d{{1,2}})?)?(?:-{_MONTH})?)"
    r"\s*;\s*(?P<volume>\d[\w-]*)?(?:\s*\((?P<issue>[^)]{1,15})\))?\s*(?::\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?"
)
_MDPI = re.compile(
    r"^(?P<journal>[A-Z][\w&' -]{1,80}?)\s+(?P<year>(?:19|20)\d\d),\s*(?P<volume>\d{1,4})\s*(?:\((?P<issue>[\w-]{1,8})\))?,\s*(?P<number>\d{1,7})\s*(?:;|$)"
)
_ECONPAPERS = re.compile(
    r"^(?P<journal>[^,]{3,150}),\s*(?P<year>(?:19|20)\d\d),\s*vol\.\s*(?P<volume>[\w-]+)"
    r"(?:,\s*issue\s*(?P<issue>[\w-]+))?(?:,\s*(?:pages\s*)?(?P<pages>\d+\s*-\s*\d+|\d+))?",
    re.IGNORECASE,
)
# ACS and RSC: "ACS Urban Water 2024, 4, 3, 612–624", "Circ. Chem., 2024, 2, 418-431".
_YEAR_VOLUME_PAGES = re.compile(
    r"^(?P<journal>[A-Z][^,\d]{1,80}?),?\s+(?P<year>(?:19|20)\d\d),\s*(?P<volume>\d{1,4}),\s*"
    r"(?:(?P<issue>\d{1,3}),\s*)?(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*$"
)
# Europe PMC: "Nordic journal of rural general practice , 12 Mar 2024, 42(1):88-97".
_DATED_VOLUME_ISSUE = re.compile(
    r"^(?P<journal>[A-Z][^,\d]{1,120}?)\s*,\s*(?P<date>[^,]{4,20}?(?:19|20)\d\d)\s*,\s*"
    r"(?P<volume>\d{1,5})\((?P<issue>[^)]{1,10})\):(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*$"
)
# JMIR, BMJ Open and others: "JMIR Rural Health 2024;8:e51234", "BMJ Open 2023;13(4):e067890".
_YEAR_SEMICOLON = re.compile(
    r"^(?P<journal>[A-Z][^;\d]{1,80}?)\s+(?P<year>(?:19|20)\d\d);\s*(?P<volume>\d{1,4})"
    r"(?:\((?P<issue>[^)]{1,10})\))?:(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\.?\s*$"
)
# APS and PeerJ: "Phys. Rev. Granular Matter 3, 024301 – Published 12 February 2024",
# "PeerJ Freshwater Biology 3:e87": a volume and an article number, no pages.
_VOLUME_ARTICLE = re.compile(
    r"^(?P<journal>[A-Z][^,\d:;]{1,80}?)\s+(?P<volume>\d{1,4})(?:,\s*|:)(?P<number>e\d{2,8}|\d{5,8})"
    r"(?:\s*[–—-]\s*Published\s+(?P<date>.{6,30}))?\s*$"
)
# Springer PDFs' running head: "Urban Ecosystems and Society (2024) 7:45–61".
_RUNNING_HEAD_COLON = re.compile(
    r"^(?P<journal>[A-Z][^()\d]{1,100}?)\s*\((?P<year>(?:19|20)\d\d)\)\s*(?P<volume>\d{1,4}):"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*$"
)
_BMC = re.compile(
    r"^(?:[\w'’.\- ]+ et al\.?\s+)?(?P<journal>[A-Z][A-Za-z&' -]{2,80}?)\s+(?P<year>(?:19|20)\d\d),\s*(?P<volume>\d{1,4}):(?P<number>[\w]{1,10})\s*$"
)
_RUNNING_HEAD = re.compile(
    r"^(?:[A-Z][A-Z &-]+\s+)?(?P<year>(?:19|20)\d\d),\s*VOL\.\s*(?P<volume>\d+),\s*NO\.\s*(?P<issue>[\w-]+),\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?)\s*(?:https?://\S+)?$"
)
_VOLUME_LINE = re.compile(
    r"^\s*Vol(?:ume)?\.?\s*(?P<volume>\d{1,5}[A-Z]?)\b(?P<rest>.{0,120})$", re.IGNORECASE
)
# "Vol", "Volume" or "vol." but not "volume": prose ("In each site, volume 12 ml ...") is not one.
_NAMED_VOLUME_LINE = re.compile(
    r"^(?P<journal>[A-Z][^,\d;()]{2,150}),\s*(?P<tail>(?:Vol(?:ume)?\.?|vol\.)\s*\d.*)$"
)
_PAGES_LINE = re.compile(
    r"^\s*Pages?\s+(?P<pages>[A-Za-z]?\d+\s*[-–—]\s*[A-Za-z]?\d+)\b", re.IGNORECASE
)


# Source-line layouts whose named groups say everything (see _from_groups), tried in order.
_NAMED_PATTERNS: tuple[re.Pattern[str], ...] = (
    _MDPI,
    _BMC,
    _VOLUME_ARTICLE,
    _YEAR_VOLUME_PAGES,
    _DATED_VOLUME_ISSUE,
    _YEAR_SEMICOLON,
    _RUNNING_HEAD_COLON,
    _ECONPAPERS,
    _RUNNING_HEAD,
)


def _pages(text: str | None) -> str:
    if not text:
        return ""
    return re.sub(r"\s*[-–—]+\s*", "-", text.strip())


def _year(text: str | None) -> Date | None:
    return Date(int(text)) if text else None


def parse_source_line(line: str, previous: str = "") -> Source | None:
    """The fields a source line states, or None when ``line`` is not one.

    ``previous`` is the line before it, which holds the journal in NLM's layout.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 220 or not re.search(r"\d", stripped):
        return None  # every source line states a number (volume, year or page)
    # A section tag before the source: "ARTICLES| Volume 4, Issue 2, e145-e156".
    stripped = re.sub(r"^[A-Z][A-Z &-]{2,30}\s*\|\s*", "", stripped)
    named = _NAMED_VOLUME_LINE.match(stripped)
    if named:
        # Oxford Academic, ScienceDirect: "Journal of X, Volume 38, Issue 2, April 2023,
        # Pages 145–162, https://doi.org/...".
        tail = re.sub(r",?\s*https?://\S+\s*$", "", named.group("tail"))
        inner = _VOLUME_LINE.match(tail)
        stated = _volume_line(inner.group("volume"), inner.group("rest")) if inner else None
        if stated is not None:
            return dataclasses.replace(stated, container=named.group("journal").strip())
    if ": " in stripped and not stripped.lower().startswith("vol"):
        # "Published in final edited form as: J Sleep Behav Med. 2019 Jun;42(6):512–527."
        prefix, _, tail = stripped.partition(": ")
        if len(prefix) <= 60 and not re.search(r"\d", prefix):
            behind = parse_source_line(tail, previous)
            if behind is not None and behind.container:
                return behind
    nlm = _NLM.match(stripped)
    if (
        nlm
        and (nlm.group("journal") or stripped.startswith("."))
        and (nlm.group("volume") or nlm.group("pages"))
    ):
        journal = (nlm.group("journal") or "").strip() or previous.strip()
        found = parse_date(_nlm_date(nlm.group("date")))
        return Source(
            container=journal if 2 <= len(journal) <= 120 else "",
            issued=found[0] if found else None,
            volume=nlm.group("volume") or "",
            issue=(nlm.group("issue") or "").strip(),
            page=_pages(nlm.group("pages")) if _is_range(nlm.group("pages")) else "",
            number=(nlm.group("pages") or "") if not _is_range(nlm.group("pages")) else "",
        )
    for pattern in _NAMED_PATTERNS:
        match = pattern.match(stripped)
        if match:
            return _from_groups(match.groupdict())
    volume = _VOLUME_LINE.match(stripped)
    if volume:
        return _volume_line(volume.group("volume"), volume.group("rest"))
    pages_line = _PAGES_LINE.match(stripped)
    if pages_line:
        return Source(page=_pages(pages_line.group("pages")))
    return None


def _from_groups(groups: dict[str, str | None]) -> Source:
    """A source from a pattern's named groups: journal, year or date, volume, issue, and
    pages (a range) or number (an article number, or a single page)."""
    pages = groups.get("pages") or ""
    dated = parse_date(groups.get("date") or "")
    return Source(
        container=(groups.get("journal") or "").strip(" ,"),
        issued=dated[0] if dated else _year(groups.get("year")),
        volume=groups.get("volume") or "",
        issue=(groups.get("issue") or "").strip(),
        page=_pages(pages) if _is_range(pages) else "",
        number=groups.get("number") or ("" if _is_range(pages) else pages),
    )


def _is_range(text: str | None) -> bool:
    return bool(text) and bool(re.search(r"\d\s*[-–]\s*[A-Za-z]?\d", text or ""))


def _nlm_date(text: str) -> str:
    """NLM writes dates year first ("2022 Aug 15"); reorder for the date parser."""
    parts = text.split()
    if len(parts) == 3:
        return f"{parts[2]} {parts[1]} {parts[0]}"
    if len(parts) == 2:
        return f"{parts[1].split('-')[0]} {parts[0]}"
    return text


def _volume_line(volume: str, rest: str) -> Source | None:
    """The rest of a line that starts with "Volume N"."""
    if re.match(r"^\s*[A-Za-z]{3,}", rest) and not re.match(
        r"^\s*(?:issue|number|no|pages?|article|p\b|pp\b)", rest, re.IGNORECASE
    ):
        return None  # "Volume of trade ..." is prose, not a volume line.
    issue = page = number = ""
    issued: Date | None = None
    match = re.search(r"\b(?:Issue|No\.?|Number|Nr\.?)\s*([\w/-]{1,10})", rest, re.IGNORECASE)
    if match:
        issue = match.group(1)
    match = re.search(
        r"\b(?:pages?|pp?\.?)\s*([A-Za-z]?\d+\s*[-–—]\s*[A-Za-z]?\d+(?:\.e\d+)?)",
        rest,
        re.IGNORECASE,
    ) or re.search(
        # "Vol. 5:233-258" (Annual Reviews), "Volume 4, Issue 2, e145-e156, February 2024".
        r"(?:^\s*:\s*|,\s*)((?![12]\d{3}\b)[A-Za-z]?\d+\s*[-–—]\s*[A-Za-z]?\d+)(?=\s*(?:[,(]|$))",
        rest,
    )
    if match:
        page = _pages(match.group(1))
    match = re.search(r"\bArticle(?:\s+number)?\s*:?\s*([A-Za-z]?\d{1,9})", rest, re.IGNORECASE)
    if match:
        number = match.group(1)
    date_part = re.sub(
        r"\b(?:pages?|pp?\.|issue|no\.?|number|nr\.?)\s*[\w–—/-]+", " ", rest, flags=re.I
    )
    found = parse_date(date_part)
    year_alone = re.search(r"(?:^|[,(\s])\(?(?:19|20)\d\d\)?(?:\s*[-,)]|\s*$)", rest)
    if found and (found[0].month is not None or year_alone):
        issued = found[0]
    if not (page or number):
        # ScienceDirect: "Volume 98, January 2023, 103512" ends with the article number.
        tail = re.search(r",\s*([A-Za-z]?\d{4,9})\s*$", rest)
        if tail and not re.fullmatch(r"(?:19|20)\d\d", tail.group(1)):
            number = tail.group(1)
    return Source(volume=volume, issue=issue, page=page, number=number, issued=issued)
