"""Sentence case for titles, as APA wants them, without flattening names and acronyms.

Crossref and many publishers store titles in Title Case; APA 7 wants sentence case, and
no CSL engine converts.  Lower-casing is only safe for words that carry no information in
their capitals, so a word is kept as written when it is:

* the first word of the title or of its subtitle (after ``:``, ``?``, ``!``, ``.`` or a
  spaced dash); after a colon it is capitalised, as APA asks,
* braced in BibTeX style (``{GIS}``, ``{van Gogh}``; the braces are removed),
* an acronym or mixed-case word (``SMEs``, ``GIS``, ``iPhone``, ``McDonald``),
* a proper noun or adjective from :data:`PROPER_NOUNS` ("Italian", "Europe", "COVID-19"),
* not capitalised in the first place.

A title already in sentence case (most of its later words lower-case) is left alone:
its remaining capitals are deliberate.
"""

from __future__ import annotations

import re

__all__ = ["PROPER_NOUNS", "is_title_case", "looks_english", "sentence_case"]

#: Proper nouns and adjectives that keep their capital in a sentence-case title.  Places and
#: peoples come up most in the titles of the social and life sciences refkit is used for.
PROPER_NOUNS: frozenset[str] = frozenset(
    [
        "Africa",
        "African",
        "America",
        "American",
        "Americas",
        "Arab",
        "Asia",
        "Asian",
        "Atlantic",
        "Australia",
        "Australian",
        "Austria",
        "Austrian",
        "Bayes",
        "Bayesian",
        "Belgium",
        "Belgian",
        "Brazil",
        "Brazilian",
        "Britain",
        "British",
        "Canada",
        "Canadian",
        "Chile",
        "China",
        "Chinese",
        "Christian",
        "Colombia",
        "Czech",
        "Danish",
        "Denmark",
        "Dutch",
        "Egypt",
        "England",
        "English",
        "Europe",
        "European",
        "Finland",
        "Finnish",
        "France",
        "French",
        "Gaussian",
        "German",
        "Germany",
        "Greece",
        "Greek",
        "Hungary",
        "Hungarian",
        "India",
        "Indian",
        "Indonesia",
        "Internet",
        "Ireland",
        "Irish",
        "Islam",
        "Islamic",
        "Israel",
        "Italy",
        "Italian",
        "Japan",
        "Japanese",
        "Kenya",
        "Korea",
        "Korean",
        "Latin",
        "Markov",
        "Mexico",
        "Mexican",
        "Nigeria",
        "Nigerian",
        "Nordic",
        "Norway",
        "Norwegian",
        "Pacific",
        "Poland",
        "Polish",
        "Portugal",
        "Portuguese",
        "Romania",
        "Russia",
        "Russian",
        "Scandinavia",
        "Scandinavian",
        "Scotland",
        "Scottish",
        "Spain",
        "Spanish",
        "Sweden",
        "Swedish",
        "Swiss",
        "Switzerland",
        "Taiwan",
        "Turkey",
        "Turkish",
        "Uganda",
        "Ugandan",
        "Ukraine",
        "Ukrainian",
        "Vietnam",
        "Wales",
        "Welsh",
        "Zealand",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Covid",
    ]
)

# A token: a braced group, a word (letters, digits, apostrophes, inner hyphens), or anything else.
_TOKEN = re.compile(r"\{[^{}]*\}|[^\W_](?:[\w'’]|-(?=\w))*|[\s\S]", re.UNICODE)
_SUBTITLE_BREAK = frozenset(":?!.")
_DASHES = frozenset("—–")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _keeps_capitals(word: str) -> bool:
    """True for words whose capitals mean something (acronyms, mixed case, proper nouns)."""
    letters = [c for c in word if c.isalpha()]
    if any(c.isupper() for c in letters[1:]):
        return True  # GIS, SMEs, McDonald, iPhone, COVID-19
    if any(c.isdigit() for c in word) and any(c.isupper() for c in letters):
        return True  # H2O, 3D, Web3
    return all(part in PROPER_NOUNS for part in re.split(r"[-'’]", word) if part) or (
        word.split("-")[0] in PROPER_NOUNS
    )


def _lower_word(word: str) -> str:
    """Lower-case a word, keeping each hyphen-joined part that is itself a proper noun."""
    return "-".join(p if p in PROPER_NOUNS else p.lower() for p in word.split("-"))


def is_title_case(title: str) -> bool:
    """Whether most words after the first start with a capital (Title Case)."""
    words = [m.group() for m in _TOKEN.finditer(title) if m.group()[:1].isalpha()]
    later = [w for w in words[1:] if len(w) > 3]
    if not later:
        return False
    return sum(_is_capitalised(w) for w in later) > len(later) / 2


#: Function words that mark a title as not English: its capitals follow other rules
#: (German capitalises every noun), so it is left as written.
_FOREIGN_WORDS = frozenset(
    [
        "und",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "für",
        "über",
        "zur",
        "zum",
        "von",
        "et",
        "les",
        "du",
        "une",
        "della",
        "delle",
        "degli",
        "del",
        "y",
        "los",
        "las",
        "och",
        "för",
        "og",
        "av",
        "på",
        "een",
        "het",
        "voor",
    ]
)


def looks_english(title: str) -> bool:
    """False when the title has function words of German, French, Italian, Spanish,
    Dutch or the Scandinavian languages."""
    return not any(w.lower() in _FOREIGN_WORDS for w in re.findall(r"\w+", title))


def sentence_case(title: str, *, braces: bool = False) -> str:
    """``title`` in sentence case, keeping acronyms, proper nouns and, with ``braces``,
    BibTeX-braced words (whose braces are removed).

    Record titles hold plain text, where a brace is a literal character, so ``braces``
    is off by default.  A title that is not in Title Case, or not English, comes back
    unchanged.

    >>> sentence_case("Highly Innovative Small Technology Firms and {GIS}", braces=True)
    'Highly innovative small technology firms and GIS'
    """
    bare = title.replace("{", "").replace("}", "") if braces else title
    convert = is_title_case(bare) and looks_english(bare)
    out: list[str] = []
    starts_sentence = True
    after_colon = False
    for match in _TOKEN.finditer(title):
        token = match.group()
        if braces and token.startswith("{") and token.endswith("}") and len(token) > 1:
            out.append(token[1:-1])
            starts_sentence = False
            continue
        if token[:1].isalpha() or token[:1].isdigit():
            initial = len(token) == 1 and title[match.end() : match.end() + 1] == "."
            if convert and not starts_sentence and not initial and not _keeps_capitals(token):
                token = _lower_word(token)
            elif after_colon and token[:1].islower():
                token = token[:1].upper() + token[1:]
            out.append(token)
            starts_sentence = after_colon = False
            continue
        spaced = bool(out) and out[-1].isspace()
        out.append(token)
        # A full stop ends a sentence only before a space and after a word (not "U.S.").
        abbreviation = token == "." and (
            not title[match.end() : match.end() + 1].isspace() or len(out) < 2 or len(out[-2]) == 1
        )
        if (token in _SUBTITLE_BREAK and not abbreviation) or (token in _DASHES and spaced):
            starts_sentence = True
            after_colon = token == ":"
    return "".join(out)
