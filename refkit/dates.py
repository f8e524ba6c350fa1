"""Dates as pages and metadata write them.

Two readers with two jobs: :func:`parse_date` finds the first date in running page text
("Published 3 Oct 2019", "3 ottobre 2019", day first in numeric dates, as European
repositories print them); :func:`parse_date_value` reads one metadata value (HTML meta
tags, JSON-LD, PDF info and XMP: "2019-10-03T10:00:00Z", "D:20191003...", numeric orders
only when unambiguous, since meta tags are written in either order).
"""

from __future__ import annotations

import re
from typing import Any

from refkit.model import Date

#: Month names and abbreviations in the languages repositories print (en, it, de, fr, es, pt, nl, sv, da).
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan gennaio genn gen januar janvier janv enero ene janeiro januari jänner",
        "february feb febbraio febr februar février fevrier févr fév febrero fevereiro fev februari",
        "march mar marzo märz maerz mars marzo março maart mrt mär",
        "april apr aprile avril abril abr",
        "may mai maggio mag mayo maio mei maj",
        "june jun jun giugno giu juni juin junio junho",
        "july jul luglio lug juli juillet juil julio julho",
        "august aug agosto ago august août aout augustus augusti",
        "september sep sept settembre set septembre septiembre setembro",
        "october oct ottobre ott oktober octobre octubre outubro okt",
        "november nov novembre novembre noviembre novembro",
        "december dec dicembre dic dezember décembre decembre déc diciembre dezembro dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_MONTH_NAME = r"([A-Za-zÀ-ÿ]{3,10})\.?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"\b(\d{1,2})\.?\s+" + _MONTH_NAME + r",?\s+(\d{4})\b"), "dMy"),
    (re.compile(r"\b" + _MONTH_NAME + r"\s+(\d{1,2}),?\s+(\d{4})\b"), "Mdy"),
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), "dmy"),
    # "12-Sep-2017" (DSpace), "12-mrt.-2021" (Pure, Dutch), "2023 Feb 9" (NLM).
    (re.compile(r"\b(\d{1,2})-" + _MONTH_NAME + r"-(\d{4})\b"), "dMy"),
    (re.compile(r"\b(\d{4})\s+" + _MONTH_NAME + r"\s+(\d{1,2})\b"), "yMd"),
    (re.compile(r"\b" + _MONTH_NAME + r"-(\d{4})\b"), "My"),
    (re.compile(r"\b" + _MONTH_NAME + r",?\s+(\d{4})\b"), "My"),
    (re.compile(r"\b(\d{4})[-/](\d{1,2})\b(?![-/]\d)"), "ym"),
    (re.compile(r"(?<![\d.-])(1[5-9]\d{2}|20\d{2})(?![\d-])"), "y"),
)


def month_number(name: str) -> int | None:
    """The month a name or abbreviation stands for, in any of the supported languages."""
    return _MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> tuple[Date, int, int] | None:
    """The first date in ``text`` with its span, most precise pattern first.

    Returns ``(date, start, end)`` or ``None``.  Numeric day/month order is read as
    day first ("03/10/2019" is 3 October), as European repositories print it.
    """
    for pattern, order in _PATTERNS:
        for match in pattern.finditer(text):
            date = _build(match.groups(), order)
            if date is not None:
                return date, match.start(), match.end()
    return None


def _build(groups: tuple[str | Any, ...], order: str) -> Date | None:
    try:
        if order == "ymd":
            return Date(int(groups[0]), int(groups[1]), int(groups[2]))
        if order == "dMy":
            month = month_number(groups[1])
            return Date(int(groups[2]), month, int(groups[0])) if month else None
        if order == "yMd":
            month = month_number(groups[1])
            return Date(int(groups[0]), month, int(groups[2])) if month else None
        if order == "Mdy":
            month = month_number(groups[0])
            return Date(int(groups[2]), month, int(groups[1])) if month else None
        if order == "dmy":
            return Date(int(groups[2]), int(groups[1]), int(groups[0]))
        if order == "My":
            month = month_number(groups[0])
            return Date(int(groups[1]), month) if month else None
        if order == "ym":
            return Date(int(groups[0]), int(groups[1]))
        return Date(int(groups[0]))
    except ValueError:
        return None


def _plausible_year(year: int) -> bool:
    return 1400 <= year <= 2100


def _make_date(year: int, month: int | None = None, day: int | None = None) -> Date | None:
    if not _plausible_year(year):
        return None
    try:
        return Date(year, month, day)
    except ValueError:
        try:
            return Date(year, month) if month is not None else Date(year)
        except ValueError:
            return Date(year)


def parse_date_value(text: str) -> Date | None:
    """A date written as ``2019/10/03``, ``2019-10-03``, ``2019-10``, ``2019``,
    ``2019-10-03T10:00:00Z``, ``3 Oct 2019``, ``October 3, 2019`` or ``D:20191003...``
    (PDF); ``None`` when there is no plausible year.

    Numeric day/month/year orders are only trusted when unambiguous (a day above 12).
    """
    text = text.strip()
    if not text:
        return None
    pdf = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", text)
    if pdf:
        year, month, day = pdf.groups()
        return _make_date(int(year), int(month) if month else None, int(day) if day else None)
    iso = re.match(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T\s])", text)
    if iso:
        year, month, day = iso.groups()
        return _make_date(int(year), int(month) if month else None, int(day) if day else None)
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        return _make_date(*(int(part) for part in compact.groups()))
    numeric = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
    if numeric:
        first, second, year = (int(part) for part in numeric.groups())
        if first > 12:
            return _make_date(year, second, first)
        if second > 12:
            return _make_date(year, first, second)
        return _make_date(year)
    words = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    year_value: int | None = None
    month_value: int | None = None
    day_value: int | None = None
    for word in words:
        if word.isdecimal():
            number = int(word)
            if len(word) == 4 and year_value is None:
                year_value = number
            elif len(word) <= 2 and day_value is None and 1 <= number <= 31:
                day_value = number
        elif month_value is None and (month := month_number(word)) is not None:
            month_value = month
    if year_value is None:
        return None
    if month_value is None:
        return _make_date(year_value)
    return _make_date(year_value, month_value, day_value)
