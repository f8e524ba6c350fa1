"""Unicode <-> LaTeX for BibTeX field values.

The writer side turns plain Unicode text into a field value that every BibTeX consumer
reads back as that same text: the characters LaTeX treats as syntax become text
commands, braces stay balanced whatever the input, and in the classic ``bibtex``
dialect the result is pure ASCII.  Titles additionally get their acronyms and proper
nouns brace-protected, so styles that change case keep them.

The reader side turns the LaTeX of a user's ``.bib`` back into Unicode with
pylatexenc's ``latex2text``, after recognising the constructs the writer emits that
``latex2text`` does not decode faithfully.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = [
    "balanced",
    "encode_text",
    "encode_title",
    "encode_verbatim",
    "latex_to_unicode",
]

# Characters that are syntax to (La)TeX or BibTeX, and the text commands that print them.
# Braces become \textbraceleft/right rather than \{ \}: BibTeX counts a backslash-escaped
# brace as a real brace, so "\{" alone would unbalance the entry.
_SPECIAL: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

# ASCII pairs that LaTeX turns into other characters (dashes, quotes, Spanish inverted
# marks); an empty group between the two keeps them literal.
_LIGATURES = frozenset({"--", "``", "''", "?`", "!`"})

# C0/C1 control characters other than tab and newline carry no text and confuse parsers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# A line that starts with "@" (after blanks) looks like a new entry to many parsers.
_AT_LINE_START = re.compile(r"(?m)^([ \t]*)@")


def _unknown_char(char: str) -> str:
    # Characters with no LaTeX name (CJK, emoji, combining marks on their own) are kept
    # as their code point; \char is understood by XeLaTeX/LuaLaTeX and read back by
    # latex_to_unicode.  The decimal form avoids '"', which babel may make active.
    return "{\\char" + str(ord(char)) + "}"


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy=_unknown_char,
        unknown_char_warning=False,
    )


@lru_cache(maxsize=4096)
def _encode_char(char: str) -> str:
    # pylatexenc's table is large and good, but a few of its entries decode to something
    # else (the "fi" ligature becomes "fi"); those keep their code point instead.
    encoded = str(_encoder().unicode_to_latex(char))
    if not encoded.isascii() or latex_to_unicode(encoded) != char:
        return _unknown_char(char)
    return encoded


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)


def encode_text(text: str, *, ascii_only: bool) -> str:
    """Encode plain Unicode ``text`` as a BibTeX field value (without the outer braces).

    ``ascii_only`` selects the classic BibTeX dialect: every non-ASCII character becomes
    a LaTeX command (``{\\'e}``).  Otherwise the text stays UTF-8 (NFC) and only the
    characters that are LaTeX syntax are escaped.  The result always has balanced braces.
    """
    text = _clean(text)
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif ord(char) < 128 or not ascii_only:
            out.append(char)
            if text[index : index + 2] in _LIGATURES:
                out.append("{}")
        else:
            out.append(_encode_char(char))
    return _AT_LINE_START.sub(r"\1{@}", "".join(out))


# A word of a title, with the punctuation around it.
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.:?!]$")
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "via",
        "vs",
        "with",
    ]
)


def _needs_protection(word: str, *, first: bool, sentence_case: bool) -> bool:
    letters = "".join(_LETTERS.findall(word))
    if not letters:
        return False
    # Acronyms and inner capitals (GIS, SMEs, iPhone, McDonald, COVID-19) keep their case.
    if any(char.isupper() for char in letters[1:]):
        return True
    if len(letters) == 1 and letters.isupper() and not first:
        return True
    # In a sentence-case title a capitalised word after the first is a proper noun.
    return sentence_case and not first and letters[0].isupper()


def _is_sentence_case(words: list[str]) -> bool:
    for word in words[1:]:
        letters = "".join(_LETTERS.findall(word))
        if letters and letters.lower() not in _STOP_WORDS and letters[0].islower():
            return True
    return False


def encode_title(text: str, *, ascii_only: bool) -> str:
    """Encode a title, brace-protecting acronyms and proper nouns (``{GIS}``, ``{Europe}``).

    Words with a capital after their first letter are always protected.  Capitalised
    words are protected only in sentence-case titles, where they can only be proper
    nouns; in a Title Case title every word is capitalised and protecting them all
    would stop styles from producing sentence case.
    """
    text = _clean(text)
    words = _WORD.findall(text)
    sentence_case = _is_sentence_case(words)
    out: list[str] = []
    position = 0
    first = True
    for match in _WORD.finditer(text):
        out.append(encode_text(text[position : match.start()], ascii_only=ascii_only))
        word = match.group(0)
        encoded = encode_text(word, ascii_only=ascii_only)
        if _needs_protection(word, first=first, sentence_case=sentence_case):
            encoded = "{" + encoded + "}"
        out.append(encoded)
        first = bool(_SENTENCE_END.search(word))
        position = match.end()
    out.append(encode_text(text[position:], ascii_only=ascii_only))
    return "".join(out)


def encode_verbatim(text: str, *, ascii_only: bool) -> str:
    """Encode a URL or DOI: written as is (biblatex reads them verbatim), with the few
    characters that would break the entry percent-encoded."""
    text = _clean(text).strip()
    out: list[str] = []
    for char in text:
        if char in "{}\\" or char.isspace() or (ascii_only and ord(char) > 127):
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def balanced(text: str) -> bool:
    """True when the braces of ``text`` nest properly, counting as BibTeX does (no escapes)."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# --- LaTeX -> Unicode -------------------------------------------------------------------

# Constructs latex2text gets wrong or does not know, decoded before it runs.  They are
# replaced by private-use characters so latex2text leaves them alone.
_PRE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\\textbraceleft(?:\{\}|(?![A-Za-z]) ?)"), "{"),
    (re.compile(r"\\textbraceright(?:\{\}|(?![A-Za-z]) ?)"), "}"),
    (re.compile(r"\\textasciicircum(?:\{\}|(?![A-Za-z]) ?)"), "^"),
    (re.compile(r"\\textasciitilde(?:\{\}|(?![A-Za-z]) ?)"), "~"),
    (re.compile(r"\\textbackslash(?:\{\}|(?![A-Za-z]) ?)"), "\\"),
    (re.compile(r"\\[{]"), "{"),
    (re.compile(r"\\[}]"), "}"),
)
_CHAR = re.compile(r"\{\\char\s*(\d{1,7})\}|\\char\s*(\d{1,7})\b")
_PRIVATE_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real text.
_PLACEHOLDERS = "{}^~\\"
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_NEEDS_PARSE = re.compile(r"[\\{}$~%]|--|``|''|[?!]`")


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def _placeholder(char: str) -> str:
    return chr(_PRIVATE_BASE + _PLACEHOLDERS.index(char))


def latex_to_unicode(value: str) -> str:
    """Decode a BibTeX field value written in LaTeX into plain Unicode (NFC).

    Braces used for case protection disappear, accents and text commands become
    characters, simple math becomes text (``$\\alpha$`` -> ``α``).  A bare ``%``, which
    BibTeX treats as text, is kept.  Never raises: text that does not parse is returned
    with only the braces removed.
    """
    if not _NEEDS_PARSE.search(value):
        return unicodedata.normalize("NFC", value)
    text = value
    for pattern, char in _PRE:
        text = pattern.sub(_placeholder(char), text)

    def _char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2))
        try:
            return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)
        except (ValueError, OverflowError):
            return "\ufffd"

    text = _CHAR.sub(_char, text)
    text = _BARE_PERCENT.sub(r"\\%", text)
    try:
        decoded = str(_converter().latex_to_text(text))
    except Exception:  # latex2text is tolerant; this guards against its rare internal errors
        decoded = text.replace("{", "").replace("}", "")
    for char in _PLACEHOLDERS:
        decoded = decoded.replace(_placeholder(char), char)
    return unicodedata.normalize("NFC", decoded)
