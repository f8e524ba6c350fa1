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
        "op", "ben", "ait", "nic", "ua", "dalla", "dello", "st",
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
        "Dalla",
        "St.",
        "St",
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


#: Common Spanish, Portuguese and Catalan given names, written without accents: the words
#: that may follow a first given name ("Diego Alejandro", "João Pedro", "María José").
_IBERIAN_GIVEN_NAMES = """
    adriana adrian agustin alberto alejandra alejandro alicia alvaro amparo ana andrea andres
    angel angela angeles antonia antonio beatriz belen bruno camila carla carlos carmen
    carolina catalina cecilia clara cristina daniel daniela david diego dolores eduardo
    elena elisa elvira emilia emilio enrique esperanza esteban eugenia eva fabiola felipe
    fernanda fernando francisca francisco gabriel gabriela gonzalo graciela guadalupe
    guillermo gustavo hector helena ignacio ines irene isabel jaime javier joao joaquim
    joaquin jorge jose josefa juan juana julia julian julio laura leonor lorena lourdes lucas
    lucia luis luisa manuel manuela marcelo marco marcos margarita maria mariana mario marta
    martin mateo matias mercedes miguel monica nicolas nuria oscar pablo paola patricia paula
    paulo pedro pilar rafael ramon raquel raul ricardo roberto rocio rodrigo rosa rosario
    salvador santiago sara sergio silvia sofia soledad susana teresa tomas valentina
    vicente victor victoria
"""
_IBERIAN_GIVEN: frozenset[str] = frozenset(_IBERIAN_GIVEN_NAMES.split())
# Marks of an Iberian name, besides a first given name from the list above: a joining
# particle after the second word, or letters Spanish, Portuguese and Catalan names carry.
# ("de" is Dutch and French too: "Jan Willem de Vries" keeps "Jan Willem" as given names.)
_IBERIAN_PARTICLES = frozenset({"da", "do", "dos", "das", "del", "y", "i"})
_IBERIAN_LETTERS = re.compile(r"[ñãõçáíóú]", re.IGNORECASE)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common Spanish, Portuguese or Catalan given name (accents ignored)."""
    return _plain(word) in _IBERIAN_GIVEN


def _iberian_split(words: list[str]) -> tuple[list[str], list[str]] | None:
    """(given, family) of an Iberian name whose family name has two or more words
    ("Diego Alejandro Muñoz Pardo", "Irene Sánchez de Toledo"), else None.

    The given name is the first word and any common given names after it; the rest is
    the family name, which in Spanish and Portuguese usage joins two surnames.
    """
    if len(words) < 3 or not all(word[:1].isalpha() for word in words):
        return None
    # The first word must be a common Iberian given name, so that "François Xavier Dupont",
    # "László Péter Kovács" or "Pier Paolo da Empoli" keep their usual reading.
    if _plain(words[0]) not in _IBERIAN_GIVEN:
        return None
    iberian = bool(_IBERIAN_LETTERS.search(" ".join(words))) or any(
        word in _IBERIAN_PARTICLES for word in words[2:-1]
    )
    if not iberian:
        return None
    given = 1
    while given < len(words) - 1 and (
        _plain(words[given]) in _IBERIAN_GIVEN or _looks_like_initials(words[given])
    ):
        given += 1
    if words[given].lower() in PARTICLES and given == 1:
        return None  # "Paula de la Torre Ugarte": the particle rule already splits it
    if len(words) - given < 2:
        return None
    return words[:given], words[given:]


def _split_particles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split "Given ... [particles] Family" words into (given, family)."""
    if len(words) == 1:
        return [], words
    iberian = _iberian_split(words)
    if iberian:
        return iberian
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
        # "Smith, J.; Jones, K." and "A, B, C; Group": each part may be a list itself.
        listed: list[str] = []
        for part in (part.strip() for part in text.split(";")):
            if part:
                listed.extend(_split_commas(part) if "," in part else [part])
        return listed
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
    # A family name may run to five words before initials ("de la Cruz Ferrándiz, L.") or
    # when it opens with a particle ("de la Torre Ugarte, Paula"), else to three.
    if len(parts) % 2 == 0 and all(
        _looks_like_given(parts[i + 1])
        and len(parts[i].split())
        <= (5 if _looks_like_initials(parts[i + 1]) or parts[i][:1].islower() else 3)
        for i in range(0, len(parts), 2)
    ):
        paired = [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)]
        # "Marco Bettiol, Maria Chiarvesio": pairs of full names read as Given Family;
        # "Munoz Pardo, D. A." is a family name and initials.
        if not all(
            len(parts[i].split()) >= 2
            and len(parts[i + 1].split()) >= 2
            and not _looks_like_initials(parts[i + 1])
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
