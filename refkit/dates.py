"""Dates as pages print them: "3 Oct 2019", "October 3, 2019", "2019-10-03", "3 ottobre 2019"."""

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
