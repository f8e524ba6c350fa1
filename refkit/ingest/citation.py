"""Read the "how to cite this" line that landing pages and PDF cover sheets print.

EPrints: ``Libaers, Dirk, Meyer, Martin S. (2011) Title. Journal, 40 (10). pp. 1426-1437. ISSN ...``
Emerald: ``Family, A., Other, B. and Third, C.D. (2024), "Title", Journal, Vol. 12 No. 3, pp. 1-20.``
Taylor & Francis: ``Ana Author & Bob Other (2019) Title, Journal, 27:10, 1995-2014, DOI: ...``
Pure (APA): ``Family, A., & Other, B. (2019). Title. Journal, 27(10), 1995-2014. https://doi.org/...``
Springer: ``Family, A., Other, B. Title. Journal 12, 345–367 (2020). https://doi.org/...``

The page's own title, when known, anchors the split: what precedes it holds the
authors and year, what follows it the container and numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from refkit import doi as doi_module

_NOT_A_NUMBER = re.compile(
    r"ahead[- ]of[- ]print|in press|online first|forthcoming|early view|n/a", re.I
)
_YEAR_IN_PARENS = re.compile(r"\(\s*(\d{4})[a-z]?\s*(?:,[^)]*)?\)")
# Harvard and RePEc write the year after the authors without brackets: "Doe, J., 2015. Title".
_YEAR_AFTER_AUTHORS = re.compile(r"(?<=[.,])\s*((?:19|20)\d\d)[a-z]?\.\s+(?=\S)")
# IRIS (Italian CRIS): "Title / Family, Given; Family, Given. - In: JOURNAL. - ISSN x. - 62:2(2022), pp. 45-78."
_IRIS_IN = re.compile(r"\.?\s+-\s+In:\s+")
_ISSN = re.compile(r"\b(?:e-?|p-?)?ISSN:?\s*(\d{4}\s?-?\s?\d{3}[\dXx])")
_ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?\d[\d\s-]{8,15}[\dXx])")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Citation:
    """Fields read from a citation line; empty strings where the line does not say."""

    authors: str = ""
    year: str = ""
    title: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    number: str = ""
    doi: str = ""
    issn: tuple[str, ...] = ()
    isbn: tuple[str, ...] = ()
    publisher: str = ""


_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b`\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    char = char.translate(_FOLD_TABLE)
    if not char.isascii():
        char = unicodedata.normalize("NFKC", char)
    return char.casefold()


def fold(text: str) -> str:
    """Compare-friendly form: case-folded, quotes and dashes unified, spaces collapsed."""
    text = text.translate(_FOLD_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text.casefold()).strip()


_SPACES = re.compile(r"\s+")


def _find_folded(haystack: str, needle: str) -> tuple[int, int] | None:
    """Span of ``needle`` in ``haystack``, comparing their folded forms."""
    folded_needle = fold(needle)
    if not folded_needle:
        return None
    # Fold character by character, remembering where each folded character came from.
    pieces: list[str] = []
    index_map: list[int] = []
    previous_space = False
    for index, char in enumerate(haystack):
        folded = _fold_char(char)
        if folded == " ":
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        pieces.append(folded)
        index_map.extend([index] * len(folded))
    position = "".join(pieces).find(folded_needle)
    if position < 0:
        return None
    end = position + len(folded_needle) - 1
    return index_map[position], index_map[end] + 1


def parse_citation(text: str, known_title: str = "") -> Citation:
    """Fields of one citation line; ``known_title`` (the page's title) anchors the split."""
    text = re.sub(r"\s+", " ", text).strip()
    dois = [doi for doi, _, _ in doi_module.find_all(text)]
    issns = tuple(m.group(1).replace(" ", "") for m in _ISSN.finditer(text))
    isbns = tuple(re.sub(r"[\s-]", "", m.group(1)) for m in _ISBN.finditer(text))
    body = _ISSN.sub(" ", text)
    body = _ISBN.sub(" ", body)
    body = re.sub(
        r"\(?\s*(?:doi\s*[:：]?\s*|DOI\s*)?(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+",
        " ",
        body,
        flags=re.I,
    )
    body = _URL.sub(" ", body)
    body = re.sub(r"\((?:KAR id|PMID|PMCID)[^)]*\)", " ", body, flags=re.I)
    body = re.sub(r"\s+", " ", body).strip(" .,;")

    authors = year = title = ""
    rest = body
    if _IRIS_IN.search(body):
        return _parse_iris(body, dois, issns, isbns)
    title_span = _find_folded(body, known_title) if known_title else None
    year_match = _YEAR_IN_PARENS.search(body) or _YEAR_AFTER_AUTHORS.search(body)
    if title_span:
        title = body[title_span[0] : title_span[1]]
        head = body[: title_span[0]]
        rest = body[title_span[1] :]
        head_year = _YEAR_IN_PARENS.search(head) or _YEAR_AFTER_AUTHORS.search(head + " ")
        if head_year:
            year = head_year.group(1)
            authors = head[: head_year.start()]
        else:
            authors = head
    elif year_match:
        year = year_match.group(1)
        authors = body[: year_match.start()]
        after = body[year_match.end() :].lstrip(" .,:")
        quoted = re.match(r"[\"\u201c](.+?)[\"\u201d](.*)$", after) or re.match(
            r"[\u2018'](.+?)[\u2019'](?=[\s,.;:])(.*)$", after
        )
        if quoted:
            title, rest = quoted.group(1), quoted.group(2)
        else:
            # APA/EPrints: the title runs to the first ". " that precedes the container; a
            # question mark ends it only when no full stop does ("Local or global? Does ...").
            split = re.search(r"(?<=[^\s.][^\s.])[.]\s+(?=[A-Z0-9])", after) or re.search(
                r"(?<=[^\s.][^\s.])[?!]\s+(?=[A-Z0-9])", after
            )
            if split:
                title = after[: split.start() + (1 if after[split.start()] in "?!" else 0)]
                rest = after[split.end() :]
            else:
                title, rest = after, ""
    authors = re.sub(
        r"^(?:to cite this article|cite this article as|please cite this article as)\s*:\s*",
        "",
        authors.strip(" ,;:"),
        flags=re.I,
    )
    title = title.strip(" .,;:\"'\u201c\u201d\u2018\u2019")
    rest = rest.strip(" .,;:\"'\u201d\u2019")
    # SSRN and others date the work right after its title: "Title (February 28, 2023). Series".
    lead_date = _DATE_AFTER_TITLE.match(rest)
    if lead_date:
        year = year or lead_date.group("year")
        rest = rest[lead_date.end() :]
    # "..., Available at SSRN: <link>": where the work can be had, not part of its source.
    rest = re.sub(r",?\s*available\s+(?:at|from)\s+\w+\s*(?::.*)?$", "", rest, flags=re.I)
    rest = rest.strip(" .,;:")
    nlm_year = _NLM_SOURCE.search(rest)
    year = year or _year_at_end(rest) or (nlm_year.group("year") if nlm_year else "")
    series = _SERIES.match(rest)
    if (
        series
        and not re.search(r"\bvol\b|\(\s*\d", rest, re.I)
        # Without a publisher after it, only "No. 23-014" marks a series number, not a
        # journal's volume ("Research Papers in Education 35").
        and (series.group("publisher") or re.search(r"\bno\.?\s*[\w./-]*\d", rest, re.I))
    ):
        # A working-paper series: "Kiel Working Papers 2234, Kiel Institute for the World Economy".
        return Citation(
            authors=authors,
            year=year,
            title=title,
            container=series.group("series").strip(),
            number=series.group("number"),
            publisher=(series.group("publisher") or "").strip(" ."),
            doi=dois[0] if dois else "",
            issn=issns,
            isbn=isbns,
        )
    container, volume, issue, page, number = _split_source(rest)
    publisher = ""
    # RePEc: "Journal, Publisher, vol. 198(C), pages 1-20" names the publisher after the journal.
    repec = re.match(r"^([^,]{3,150}),\s*([^,]{3,120}),\s*vol\.", rest)
    if repec and repec.group(1).strip(" ,.;:") == container:
        publisher = repec.group(2).strip()
    return Citation(
        publisher=publisher,
        authors=authors,
        year=year,
        title=title,
        container=container,
        volume=volume,
        issue=issue,
        page=page,
        number=number,
        doi=dois[0] if dois else "",
        issn=issns,
        isbn=isbns,
    )


def _parse_iris(
    body: str, dois: list[str], issns: tuple[str, ...], isbns: tuple[str, ...]
) -> Citation:
    head, _, tail = _IRIS_IN.split(body, maxsplit=1)[0], "", _IRIS_IN.split(body, maxsplit=1)[1]
    title, _, authors = head.partition(" / ")
    if not authors:
        title, authors = "", head
    parts = [p.strip(" .") for p in re.split(r"\.\s+-\s+", tail)]
    container = parts[0] if parts else ""
    volume = issue = year = page = ""
    for part in parts[1:]:
        numbers = re.search(r"(\d+)(?::(\d+))?\s*\((\d{4})\)", part)
        if numbers:
            volume, issue, year = numbers.group(1), numbers.group(2) or "", numbers.group(3)
        pages = re.search(r"pp?\.\s*(\d+)\s*[-–]\s*(\d+)", part)
        if pages:
            page = f"{pages.group(1)}-{pages.group(2)}"
        if not year:
            alone = re.fullmatch(r"\(?((?:19|20)\d\d)\)?", part)
            year = alone.group(1) if alone else ""
    return Citation(
        authors=authors.strip(" .;"),
        year=year,
        title=title.strip(),
        container=container,
        volume=volume,
        issue=issue,
        page=page,
        doi=dois[0] if dois else "",
        issn=issns,
        isbn=isbns,
    )


def _year_at_end(text: str) -> str:
    match = re.search(r"\((\d{4})\)\s*\.?\s*$", text)
    return match.group(1) if match else ""


_VOL_NO = re.compile(
    r"\bVol(?:ume)?\.?\s*([^\s,.;]+(?:-[^\s,.;]+)*)\s*,?\s*(?:núm|num|nº|n°|No|Iss(?:ue)?|Nr|fasc|n)\.?\s*([^\s,.;]+(?:-[^\s,.;]+)*)",
    re.I,
)
_VOL_ONLY = re.compile(r"\bVol(?:ume)?\.?\s*(\w+)", re.I)
_VOL_PAREN = re.compile(r"(?<![\w-])(\d{1,5}[A-Z]?)\s*\(\s*([\w/–-]{0,11}\d[\w/–-]{0,11})\s*\)")
# An issue in brackets that is only letters ("198(C)", Elsevier's continuous volumes) is no issue.
_VOL_LETTER_ISSUE = re.compile(r"(?<![\w-])(\d{1,5})\s*\(\s*[A-Z]\s*\)")
_VOL_COLON_ISSUE = re.compile(r"(?<![\w-])(\d{1,5}):(\d{1,4}(?:[-/]\d{1,4})?)(?=[,\s]|$)")
_PAGES = re.compile(r"\b(?:pp?\.?|pages?)\s*([A-Za-z]?\d+)\s*(?:[-–—]+\s*([A-Za-z]?\d+))?", re.I)
_BARE_RANGE = re.compile(r"(?<![\w/.:-])([A-Za-z]?\d{1,6})\s*[-–—]+\s*([A-Za-z]?\d{1,6})(?![\w/])")
_ARTICLE = re.compile(
    r"\b(?:(?:Article|Art\.?|Art\. no\.?|Article no\.?|Article number)\s*(?:no\.?|number)?\s*:?\s*"
    r"(e?\d{3,})|(e\d{4,}))\b"
    # Frontiers and others: "Front. Alp. Ecol. 4:1187654", a volume and an article number.
    r"|(?<=\d:)(\d{5,8})\b(?!\s*[-–—])",
    re.I,
)


_DATE_AFTER_TITLE = re.compile(
    r"^\(\s*(?:[^()\d]{0,12}\d{0,2},?\s*)?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s*\)\s*[.,]?\s*"
)


_NLM_SOURCE = re.compile(
    r"(?<![\w-])(?P<year>(?:19|20)\d\d)(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(?P<volume>\d{1,5})"
    r"(?:\s*\((?P<issue>[^)]{1,10})\))?\s*:\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
)
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,7}\.\s+){1,7}[A-Z][a-z]{0,7}\.?")


_SERIES = re.compile(
    r"^(?P<series>[^,]*?\b(?:working papers?|discussion papers?|papers? series|technical reports?|"
    r"research papers?|occasional papers?|policy research working paper)\b[^,]*?)\s+(?:no\.?\s*)?"
    r"(?P<number>[\w./-]*\d[\w./-]*)(?:,\s*(?P<publisher>[^,]{3,150}))?$",
    re.IGNORECASE,
)


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", text))


def _clean_number(value: str) -> str:
    return "" if not value or _NOT_A_NUMBER.search(value) else value.strip(" ,.;")


_IN_BOOK = re.compile(
    r"^In:?\s+(?:[^()]{2,300}?\s*\((?:eds?|hrsg|a cura di|coord|dir)\.?\)\s*[.,:]?\s*)?(?P<book>[^.]{3,300})",
    re.IGNORECASE,
)


def _split_source(rest: str) -> tuple[str, str, str, str, str]:
    """Container, volume, issue, pages and article number from what follows the title."""
    if not rest:
        return "", "", "", "", ""
    in_book = _IN_BOOK.match(rest)
    if in_book and re.match(r"^In:?\s", rest):
        # A chapter: "In: Lindgren, M., Barbieri, F. (eds) Book Title. Series, vol 7. Springer".
        pages = _PAGES.search(rest)
        page = (pages.group(1) + (f"-{pages.group(2)}" if pages.group(2) else "")) if pages else ""
        return in_book.group("book").strip(" ,.;:"), "", "", page, ""
    nlm = _NLM_SOURCE.search(rest)
    if nlm:
        # Vancouver/NLM: "J Biol Chem. 1998;273(4):13375-13378", "BMJ. 2020 Mar 3;368:m123".
        locator = re.sub(r"\s*[-–]\s*", "-", nlm.group("pages"))
        ranged = "-" in locator
        return (
            rest[: nlm.start()].strip(" .,;"),
            nlm.group("volume"),
            nlm.group("issue") or "",
            locator if ranged else "",
            "" if ranged else locator,
        )
    volume = issue = page = number = ""
    first_number = len(rest)
    for pattern in (_VOL_NO, _VOL_PAREN, _VOL_COLON_ISSUE):
        match = next((m for m in pattern.finditer(rest) if not _is_year(m.group(2))), None)
        if match:
            volume, issue = _clean_number(match.group(1)), _clean_number(match.group(2))
            first_number = min(first_number, match.start())
            low = re.match(r"(\d+)[-/]\d+$", issue)
            if pattern is _VOL_COLON_ISSUE and low and int(low.group(1)) > 52:
                # "36:1187-1203" (Springer, Vancouver): volume and pages, not a double issue.
                page, issue = issue.replace("/", "-"), ""
            break
    else:
        match = _VOL_LETTER_ISSUE.search(rest) or _VOL_ONLY.search(rest)
        if match:
            volume = _clean_number(match.group(1))
            first_number = min(first_number, match.start())
    pages = _PAGES.search(rest)
    if pages:
        page = pages.group(1) + (f"-{pages.group(2)}" if pages.group(2) else "")
        first_number = min(first_number, pages.start())
    else:
        bare = _BARE_RANGE.search(rest)
        if bare:
            page = f"{bare.group(1)}-{bare.group(2)}"
            first_number = min(first_number, bare.start())
    article = _ARTICLE.search(rest)
    if article:
        number = next(group for group in article.groups() if group)
        first_number = min(first_number, article.start())
    if not volume:
        # Springer: "Journal Name 12, 345–367 (2020)": a bare volume after the name.
        bare_volume = re.search(r"\s(\d{1,4})\s*,\s*(?=[A-Za-z]?\d|pp?\.|Article)", rest)
        if bare_volume and bare_volume.start() < first_number + 1:
            volume = bare_volume.group(1)
            first_number = min(first_number, bare_volume.start())
    if not volume:
        # "Front. Alp. Ecol. 4:1187654": a volume, then an article number after the colon.
        colon_number = re.search(r"(?<![\w-])(\d{1,4}):(\d{5,8})\b(?!\s*[-–—])", rest)
        if colon_number:
            volume = colon_number.group(1)
            first_number = min(first_number, colon_number.start())
    repec = re.match(r"^([^,]{3,150}),\s*([^,]{3,120}),\s*vol\.", rest)
    container = repec.group(1) if repec else rest[:first_number]
    if _DOTTED_ABBREVIATION.fullmatch(container.strip(" ,;:")):
        # "Front. Alp. Ecol.", "J. Appl. Ecol.": the dots are the name's, not sentence ends.
        return container.strip(" ,;:"), volume, issue, page, number
    container = re.split(r"\s*[.;]\s+|\s*,\s+(?=\d)|\s*,\s*$", container)[0]
    container = container.strip(" ,.;:")
    if _NOT_A_NUMBER.fullmatch(container.strip()):
        container = ""
    return container, volume, issue, page, number
