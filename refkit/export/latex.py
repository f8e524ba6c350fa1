r"""Unicode <-> LaTeX for BibTeX field values.

The writer side turns plain Unicode text into a field value that every BibTeX consumer
(bibtex, biber, pandoc, JabRef, Zotero and Better BibTeX) reads back as that same text:
the characters LaTeX treats as syntax become escapes, braces stay balanced whatever the
input, and titles get their acronyms and proper nouns brace-protected, so styles that
change case keep them.

The classic ``bibtex`` dialect is *ASCII where a portable LaTeX escape exists, UTF-8
elsewhere*.  Only escapes that all of those readers decode are written:

* the standard accent commands on an ASCII letter: {\'e} {\`a} {\^o} {\"o} {\~n} {\=a}
  {\.I} {\u{g}} {\v{C}} {\H{o}} {\c{c}} {\k{a}} {\r{u}} {\d{o}}; an accented i is
  written {\"i}, not {\"\i};
* the letters {\o} {\O} {\ss} {\L} {\l} {\aa} {\AA} {\ae} {\AE} {\oe} {\OE};
* en and em dashes as -- and ---; the curly quotes “ ” ‘ ’ as `` '' ` '; the ellipsis
  as \ldots{}.

Every other character (Greek, Cyrillic, CJK, Arabic, letters with two diacritics, €, °,
×, ±, †, guillemets, „ ...) stays UTF-8 (NFC) text: bibtex passes 8-bit text through
unchanged, and biber, pandoc, JabRef and Zotero read UTF-8.  Escapes such as \char,
\cyrX or \ensuremath{\alpha} are never written: Better BibTeX's parser, pandoc and
Zotero cannot read them back.  The ``biblatex`` dialect keeps all non-ASCII text UTF-8.

In both dialects the characters that are syntax get text escapes: \& \% \$ \# \_
\textbackslash{} \textasciitilde{} \textasciicircum{}.  Braces that pair up within the
value are written \{ ... \}; BibTeX counts an escaped brace as a brace, so a lone one
becomes \textbraceleft{} or \textbraceright{} instead.  ASCII pairs that LaTeX would
join (-- `` '' ?` !`) get an empty group between them: -{}-.

Two differences survive a round trip, by LaTeX's own rules: a backquote is an opening
quote, so an ASCII backquote reads back as ‘; and in the ``bibtex`` dialect ’ is
written ', which reads back as the ASCII apostrophe.  :func:`as_read_back` gives the
text a reader gets back.

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
    "as_read_back",
    "balanced",
    "encode_text",
    "encode_title",
    "encode_verbatim",
    "escape_portable",
    "latex_to_unicode",
]

# Characters that are syntax to (La)TeX or BibTeX, and the text commands that print them.
# Braces are handled apart: "\{" and "\}" when they pair up within the value, the text
# commands below for a lone one (BibTeX counts "\{" as a brace, so a lone "\{" would
# unbalance the entry).
_SPECIAL: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}

# ASCII pairs that LaTeX turns into other characters (dashes, quotes, Spanish inverted
# marks); an empty group between the two keeps them literal.
_LIGATURES = frozenset({"--", "``", "''", "?`", "!`"})

# C0/C1 control characters other than tab and newline carry no text and confuse parsers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# A line that starts with "@" (after blanks) looks like a new entry to many parsers.
_AT_LINE_START = re.compile(r"(?m)^([ \t]*)@")

# The portable escapes of the classic dialect (see the module docstring).
_PUNCTUATION: dict[str, str] = {
    "\u2013": "--",
    "\u2014": "---",
    "\u201c": "``",
    "\u201d": "''",
    "\u2018": "`",
    "\u2019": "'",
    "\u2026": r"\ldots{}",
}
_LETTER_ESCAPES: dict[str, str] = {
    "\u00f8": r"{\o}",
    "\u00d8": r"{\O}",
    "\u00df": r"{\ss}",
    "\u0141": r"{\L}",
    "\u0142": r"{\l}",
    "\u00e5": r"{\aa}",
    "\u00c5": r"{\AA}",
    "\u00e6": r"{\ae}",
    "\u00c6": r"{\AE}",
    "\u0153": r"{\oe}",
    "\u0152": r"{\OE}",
}
# Combining mark -> accent command.  Symbol accents are written {\'e}, letter accents
# {\v{c}}.  Macron below (\b) and the tie (\t) are left out: Better BibTeX's parser does
# not know \b, and no precomposed character decomposes to \t.
_SYMBOL_ACCENTS: dict[str, str] = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0307": ".",
    "\u0308": '"',
}
_LETTER_ACCENTS: dict[str, str] = {
    "\u0306": "u",
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
}


@lru_cache(maxsize=4096)
def _portable(char: str) -> str:
    """The portable LaTeX escape of a non-ASCII character, or the character itself."""
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    if char in _LETTER_ESCAPES:
        return _LETTER_ESCAPES[char]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) != 2 or not ("a" <= decomposed[0].lower() <= "z"):
        return char
    base, mark = decomposed[0], decomposed[1]
    # The base letter is written as is, an i included ({\"i}, not {\"\i}): LaTeX drops
    # the dot under an accent itself, and pandoc reads {\"\i} as a dotless i with a
    # diaeresis, not as ï.
    if mark in _SYMBOL_ACCENTS:
        return "{\\" + _SYMBOL_ACCENTS[mark] + base + "}"
    if mark in _LETTER_ACCENTS:
        return "{\\" + _LETTER_ACCENTS[mark] + "{" + base + "}}"
    return char


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)


def _paired_braces(text: str) -> dict[int, int]:
    """The braces in ``text`` that pair up with one another: position -> partner's position."""
    paired: dict[int, int] = {}
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            start = opened.pop()
            paired[start] = index
            paired[index] = start
    return paired


def _encode(text: str, ascii_only: bool, paired: dict[int, int], offset: int = 0) -> str:
    # ``text`` is clean; ``paired`` holds brace positions counted from ``offset``.
    out: list[str] = []
    last = ""
    for index, char in enumerate(text, offset):
        if char in "{}":
            token = "\\" + char if index in paired else _LONE_BRACE[char]
        elif char in _SPECIAL:
            token = _SPECIAL[char]
        elif ascii_only and ord(char) > 127:
            token = _portable(char)
        else:
            token = char
        if last and (last[-1] + token[0]) in _LIGATURES:
            out.append("{}")
        out.append(token)
        last = token
    return _AT_LINE_START.sub(r"\1{@}", "".join(out))


def encode_text(text: str, *, ascii_only: bool) -> str:
    """Encode plain Unicode ``text`` as a BibTeX field value (without the outer braces).

    ``ascii_only`` selects the classic BibTeX dialect: characters with a portable LaTeX
    escape are escaped (``{\\'e}``, ``--``), the others stay UTF-8.  Otherwise only the
    characters that are LaTeX syntax are escaped.  The result always has balanced braces,
    and :func:`latex_to_unicode` reads it back as ``as_read_back(text, ascii_only=...)``.
    """
    text = _clean(text)
    return _encode(text, ascii_only, _paired_braces(text))


def escape_portable(latex: str) -> str:
    """LaTeX text with its non-ASCII characters given their portable escapes, where they
    have one (for values kept from a user's ``.bib``, written in the classic dialect).
    Control characters go, as in :func:`encode_text`."""
    out: list[str] = []
    previous_escaped = False
    for char in _clean(latex):
        token = _portable(char) if ord(char) > 127 else char
        escaped = token != char
        # Only a pair that an escape made is broken up; the user's own "--" stays.
        if out and (escaped or previous_escaped) and (out[-1][-1] + token[0]) in _LIGATURES:
            out.append("{}")
        out.append(token)
        previous_escaped = escaped
    return "".join(out)


def as_read_back(text: str, *, ascii_only: bool) -> str:
    """``text`` as reading its encoding back gives it: NFC, without control characters,
    with LF line ends, a backquote as ``‘`` and, in the classic dialect, ``’`` as ``'``."""
    text = _clean(text).replace("`", "\u2018")
    return text.replace("\u2019", "'") if ascii_only else text


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
    paired = _paired_braces(text)  # over the whole title: a {pair} may span words
    words = _WORD.findall(text)
    sentence_case = _is_sentence_case(words)
    out: list[str] = []
    position = 0
    first = True
    for match in _WORD.finditer(text):
        out.append(_encode(text[position : match.start()], ascii_only, paired, position))
        word = match.group(0)
        encoded = _encode(word, ascii_only, paired, match.start())
        # A word holding one brace of a {pair} that spans words is not wrapped: its
        # protecting group and the pair would interleave.
        inside = range(match.start(), match.end())
        straddles = any(i in paired and paired[i] not in inside for i in inside)
        if not straddles and _needs_protection(word, first=first, sentence_case=sentence_case):
            encoded = "{" + encoded + "}"
        out.append(encoded)
        first = bool(_SENTENCE_END.search(word))
        position = match.end()
    out.append(_encode(text[position:], ascii_only, paired, position))
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
_NEEDS_PARSE = re.compile(r"[\\{}$~%`]|--|''")


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
    BibTeX treats as text, is kept.  Backquotes are LaTeX's opening quotes (two make “,
    one makes ‘); a straight apostrophe stays one, and two make ”.  Never raises: text
    that does not parse is returned with only the braces removed.
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
    decoded = decoded.replace("`", "\u2018")
    for char in _PLACEHOLDERS:
        decoded = decoded.replace(_placeholder(char), char)
    return unicodedata.normalize("NFC", decoded)
