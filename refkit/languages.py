"""Language names and codes as pages print them, to ISO 639-1 codes (what CSL and Zotero use)."""

from __future__ import annotations

import re

_CODES: dict[str, tuple[str, ...]] = {
    "en": ("english", "eng", "en", "inglese", "englisch", "anglais", "inglés", "ingles", "inglês", "engels", "engelska", "engelsk"),
    "it": ("italian", "ita", "it", "italiano", "italienisch", "italien", "italiaans", "italienska"),
    "de": ("german", "ger", "deu", "de", "tedesco", "deutsch", "allemand", "alemán", "alemão", "duits", "tyska", "tysk"),
    "fr": ("french", "fre", "fra", "fr", "francese", "französisch", "français", "francés", "francês", "frans", "franska", "fransk"),
    "es": ("spanish", "spa", "es", "spagnolo", "spanisch", "espagnol", "español", "espanhol", "spaans", "spanska", "spansk"),
    "pt": ("portuguese", "por", "pt", "portoghese", "portugiesisch", "portugais", "portugués", "português", "portugues", "portugees"),
    "nl": ("dutch", "dut", "nld", "nl", "olandese", "niederländisch", "néerlandais", "nederlands"),
    "sv": ("swedish", "swe", "sv", "svedese", "schwedisch", "suédois", "svenska", "zweeds"),
    "da": ("danish", "dan", "da", "danese", "dänisch", "dansk", "deens"),
    "no": ("norwegian", "nor", "nob", "no", "nb", "norsk", "norvegese"),
    "fi": ("finnish", "fin", "fi", "suomi", "finlandese"),
    "pl": ("polish", "pol", "pl", "polski", "polacco"),
    "cs": ("czech", "cze", "ces", "cs", "čeština", "ceco"),
    "ru": ("russian", "rus", "ru", "русский", "russo"),
    "zh": ("chinese", "chi", "zho", "zh", "中文", "cinese"),
    "ja": ("japanese", "jpn", "ja", "日本語", "giapponese"),
    "ko": ("korean", "kor", "ko", "한국어"),
    "ar": ("arabic", "ara", "ar", "arabo", "العربية"),
    "tr": ("turkish", "tur", "tr", "türkçe", "turco"),
    "el": ("greek", "gre", "ell", "el", "ελληνικά", "greco"),
    "hu": ("hungarian", "hun", "hu", "magyar", "ungherese"),
    "ro": ("romanian", "rum", "ron", "ro", "română", "rumeno"),
    "sl": ("slovenian", "slovene", "slv", "sl", "slovenščina", "sloveno"),
    "hr": ("croatian", "hrv", "hr", "hrvatski", "croato"),
    "ca": ("catalan", "cat", "ca", "català", "catalano"),
    "lt": ("lithuanian", "lit", "lt", "lietuvių"),
}  # fmt: skip

_LOOKUP = {name: code for code, names in _CODES.items() for name in names}


def language_code(text: str) -> str:
    """ISO 639-1 code for a language name or code in several languages, or ``""``.

    >>> language_code("English")
    'en'
    >>> language_code("Inglese")
    'en'
    """
    cleaned = text.strip().strip(".;,").lower()
    if cleaned in _LOOKUP:
        return _LOOKUP[cleaned]
    # "en-US", "en_GB": the primary subtag carries the language.
    primary = cleaned.replace("_", "-").split("-")[0]
    return _LOOKUP.get(primary, "") if primary != cleaned else ""


def language_tag(text: str) -> str:
    """A BCP 47 tag from a code, an ISO 639-2 code or a name, keeping a region: ``en-GB``."""
    cleaned = text.strip().strip(".;,")
    code = language_code(cleaned)
    if code:
        region = re.fullmatch(r"[A-Za-z]{2,3}[-_]([A-Za-z]{2}|\d{3})", cleaned)
        return f"{code}-{region.group(1).upper()}" if region else code
    return ""


# The commonest short words of each language: enough to tell an abstract's language
# apart without a model, and never to guess on a few words.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "of", "and", "to", "in", "is", "that", "for", "with", "on", "as", "are", "this", "by", "from", "an", "be", "we", "which", "these", "was"]),
    "it": frozenset(["il", "di", "che", "la", "per", "un", "una", "del", "della", "delle", "dei", "nel", "con", "sono", "si", "le", "gli", "è", "nella", "degli", "tra"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "zu", "den", "von", "mit", "sich", "des", "auf", "für", "im", "dem", "nicht", "ein", "eine", "werden", "wird"]),
    "fr": frozenset(["le", "la", "les", "de", "des", "et", "est", "un", "une", "du", "dans", "pour", "que", "qui", "sur", "par", "au", "aux", "avec", "ces", "sont"]),
    "es": frozenset(["el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con", "para", "una", "un", "es", "se", "al", "como", "sobre", "este", "esta"]),
    "pt": frozenset(["o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "que", "para", "com", "uma", "um", "é", "no", "na", "se", "por", "ao"]),
    "nl": frozenset(["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "voor", "met", "zijn", "die", "niet", "aan", "door", "ook", "als"]),
    "sv": frozenset(["och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte", "om", "ett", "var"]),
}  # fmt: skip


def detect_language(text: str) -> str:
    """ISO code of the language of ``text`` by its commonest words, or ``""`` when unsure.

    Needs at least 20 words and a clear winner (twice the runner-up's count).
    """
    words = [w.strip(".,;:()[]\"'“”‘’").lower() for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 20:
        return ""
    scores = sorted(
        ((sum(1 for w in words if w in stops), code) for code, stops in _STOPWORDS.items()),
        reverse=True,
    )
    best, runner_up = scores[0], scores[1]
    if best[0] >= max(4, 2 * runner_up[0]) and best[0] / len(words) > 0.08:
        return best[1]
    return ""
