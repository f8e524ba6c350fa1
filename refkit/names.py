"""Personal and corporate names: family/given, particles, initials.

Shared by the document readers and the reference parser.  Names keep their
hyphens and diacritics; marks that pages add to names (corresponding-author stars,
affiliation numbers and letters, daggers) are removed.
"""

from __future__ import annotations

import re
import unicodedata

from refkit.model import Person

#: Lower-case particles that belong to the family name ("van Dijk", "de la Cruz").
PARTICLES: frozenset[str] = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "delle", "degli", "dei", "di", "da",
        "das", "do", "dos", "du", "la", "le", "lo", "ten", "ter", "te", "zu", "zur", "af",
        "av", "bin", "ibn", "al", "el", "st.", "mac", "d'", "l'", "ap", "ó", "ní", "dal",
        "op", "ben", "ait", "nic", "ua",
    }
)  # fmt: skip

#: Capitalised particles that start an Italian, Spanish or Portuguese family name
#: ("Di Maria", "De Luca", "Dos Santos") when they follow a given name.
_CAPITAL_PARTICLES: frozenset[str] = frozenset(
    {
        "Di",
        "De",
        "Da",
        "Dal",
        "Del",
        "Della",
        "Dos",
        "Das",
        "Van",
        "Von",
        "Le",
        "La",
        "Du",
        "Lo",
        "Mac",
        "Ó",
        "Ní",
        "Nic",
        "Ua",
        "Mc",
        "Al",
        "El",
        "Ait",
        "Ben",
        "Bin",
        "Ter",
        "Ten",
        "Ap",
    }
)

#: Words that make a name corporate rather than personal.
_CORPORATE_WORDS = re.compile(
    r"\b(?:group|department|dept|university|universit[àäy]|institute|institut|association|"
    r"committee|consortium|council|society|agency|ministry|bank|office|organi[sz]ation|"
    r"centre|center|foundation|commission|collaboration|network|inc|ltd|llc|gmbh|corporation|"
    r"company|board|bureau|authority|service|services|team|project|federation|union|"
    r"government|press|academy|panel|forum|taskforce|task force|working party|unesco|oecd|"
    r"nations|program|programme|investigators|initiative|alliance|registry|staff|writing)\b",
    re.IGNORECASE,
)

# Marks that decorate a name on a web page: *, †, ‡, §, ¶, #, superscript digits,
# trailing affiliation numbers or letters ("Smith1,2", "Jane Doe a,b"), ORCID ids.
_ORCID = re.compile(r"\(?(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]\)?")
_MARKS = re.compile(r"[*†‡§¶#⁎∗✉⁰¹²³⁴⁵⁶⁷⁸⁹ⁱ]+")
_TRAILING_AFFILIATION = re.compile(
    r"(?<=[^\W\d_])\s*(?:\d+(?:\s*,\s*\d+)*|(?:\s[a-h](?:,[a-h])*))$"
)
_SPACES = re.compile(r"\s+")

_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.?[-‐]?)+$")


def clean_name_text(text: str) -> str:
    """Remove page decorations from one name, keeping letters, hyphens and diacritics."""
    text = unicodedata.normalize("NFC", text)
    text = _ORCID.sub(" ", text)
    text = _MARKS.sub("", text)
    text = _SPACES.sub(" ", text).strip(" ,;")
    text = _TRAILING_AFFILIATION.sub("", text).strip(" ,;")
    return text


def is_corporate(text: str) -> bool:
    """True when ``text`` names an organisation rather than a person."""
    words = text.split()
    if len(words) >= 2 and _CORPORATE_WORDS.search(text):
        return True
    # An acronym alone ("WHO", "OECD", "UNESCO") is an organisation.
    return len(words) == 1 and text.isupper() and len(text) >= 3 and text.isalpha()


def _looks_like_initials(text: str) -> bool:
    compact = text.replace(" ", "")
    return bool(compact) and bool(_INITIALS_ONLY.match(compact))


def _split_particles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split "Given ... [particles] Family" words into (given, family)."""
    if len(words) == 1:
        return [], words
    # "Núria Puigdomènech i Vallès", "José Ortega y Gasset": Catalan "i" and Spanish "y"
    # join two surnames into one family name.
    for index in range(2, len(words) - 1):
        if words[index] in {"i", "y"} and words[index - 1][:1].isupper():
            return words[: index - 1], words[index - 1 :]
    # The family name starts at the first particle after the first word, else it is the last word.
    for index in range(1, len(words) - 1):
        word = words[index]
        # "Janssen-van Loon": a hyphen joins a surname to a particle and the next name.
        if "-" in word and word.rsplit("-", 1)[1].lower() in PARTICLES:
            return words[:index], words[index:]
        if word.lower() in PARTICLES and (word.islower() or word in _CAPITAL_PARTICLES):
            return words[:index], words[index:]
    return words[:-1], words[-1:]


def parse_name(text: str) -> Person:
    """Parse one name written "Family, Given", "Given Family" or as an organisation.

    >>> parse_name("Di Maria, Eleonora")
    Person(family='Di Maria', given='Eleonora', literal='', suffix='')
    >>> parse_name("Eleonora Di Maria*")
    Person(family='Di Maria', given='Eleonora', literal='', suffix='')
    """
    cleaned = clean_name_text(text)
    if not cleaned:
        return Person(literal=text.strip())
    if cleaned.startswith("{") and cleaned.endswith("}"):
        return Person(literal=cleaned.strip("{}"))
    if is_corporate(cleaned):
        return Person(literal=cleaned)
    if "," in cleaned:
        parts = [p.strip() for p in cleaned.split(",")]
        family = parts[0]
        suffix = ""
        given_parts = [p for p in parts[1:] if p]
        if given_parts and given_parts[0].rstrip(".").lower() in {"jr", "sr", "ii", "iii", "iv"}:
            suffix = given_parts.pop(0)
        if len(given_parts) >= 2 and given_parts[-1].rstrip(".").lower() in {"jr", "sr", "iii"}:
            suffix = given_parts.pop()
        given = " ".join(given_parts)
        return Person(family=family, given=given, suffix=suffix)
    words = cleaned.split(" ")
    # "Smith JA" (Vancouver): a family name followed by initials in capitals.
    if len(words) >= 2 and words[-1].isupper() and len(words[-1]) <= 3 and words[-1].isalpha():
        return Person(family=" ".join(words[:-1]), given=_dot_initials(words[-1]))
    given_words, family_words = _split_particles(words)
    return Person(family=" ".join(family_words), given=" ".join(given_words))


def _dot_initials(letters: str) -> str:
    return " ".join(f"{letter}." for letter in letters)


# Affiliation numbers glued to a name ("Doe1,2, Roe3") before the list is split on commas.
_GLUED_AFFILIATION = re.compile(r"(?<=[^\W\d_])\d{1,2}(?:\s*,\s*\d{1,2}(?![\d.]))*")
_AND = re.compile(r"\s*(?:\band\b|&|\bund\b)\s*", re.IGNORECASE)


def split_name_list(text: str) -> list[str]:
    """Split a list of names into single names.

    Handles "A; B; C", "A, B and C", "Family, Given, Family, Given" (EPrints) and
    "Family, G., Family, G. & Family, G." (APA).
    """
    text = _GLUED_AFFILIATION.sub("", _MARKS.sub("", text))
    text = _SPACES.sub(" ", text).strip()
    # A sentence's closing period, not an initial's ("Meyer, Martin S." keeps its dot).
    text = re.sub(r"(?<=[^\W\d_]{2})\.$", "", text)
    if not text:
        return []
    if ";" in text:
        return [part.strip() for part in text.split(";") if part.strip()]
    if "\n" in text:
        return [part.strip() for part in text.splitlines() if part.strip()]
    pieces = [p.strip() for p in _AND.split(text) if p.strip()]
    names: list[str] = []
    for piece in pieces:
        names.extend(_split_commas(piece))
    return names


def _split_commas(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) <= 1:
        return parts
    # Inverted pairs "Family, Given": the second of each pair is a given name or initials.
    if len(parts) % 2 == 0 and all(
        _looks_like_given(parts[i + 1]) and len(parts[i].split()) <= 3
        for i in range(0, len(parts), 2)
    ):
        paired = [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)]
        # "Marco Bettiol, Maria Chiarvesio": pairs of full names read as Given Family.
        if not all(
            len(parts[i].split()) >= 2 and len(parts[i + 1].split()) >= 2
            for i in range(0, len(parts), 2)
        ):
            return paired
    return parts


def _looks_like_given(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 3:
        return False
    if _looks_like_initials(text):
        return True
    return all(w[:1].isupper() for w in words)


def parse_names(text: str) -> tuple[Person, ...]:
    """Parse a list of names into :class:`Person` values, dropping empty ones."""
    return tuple(parse_name(name) for name in split_name_list(text) if clean_name_text(name))
