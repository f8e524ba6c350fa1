"""Label the words of one reference string with a linear-chain CRF.

The model is trained on AnyStyle's hand-labelled core set (BSD-2-Clause) by
``scripts/train_reference_model.py`` and shipped as ``model.crfsuite`` beside this
module.  Tokens are the whitespace-separated words of the string, so the labels map
straight back onto the text; the features are plain strings, which crfsuite reads fastest.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LABELS", "MODEL_PATH", "features", "tag_tokens", "tokenize"]

#: Where the trained model lives inside the package.
MODEL_PATH = Path(__file__).with_name("model.crfsuite")

#: Labels the model emits (AnyStyle's, with ``journal`` folded into ``container-title``).
LABELS: tuple[str, ...] = (
    "author",
    "citation-number",
    "collection-title",
    "container-title",
    "date",
    "doi",
    "edition",
    "editor",
    "genre",
    "isbn",
    "location",
    "note",
    "pages",
    "publisher",
    "title",
    "translator",
    "url",
    "volume",
)

_MONTHS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
)
_EDITOR_WORDS = frozenset(
    [
        "ed",
        "ed.",
        "eds",
        "eds.",
        "editor",
        "editors",
        "edited",
        "hrsg",
        "hrsg.",
        "(ed.)",
        "(eds.)",
        "(eds)",
        "(ed)",
        "(hrsg.)",
        "éd.",
        "dir.",
        "(dir.)",
    ]
)
_PUBLISHER_WORDS = frozenset(
    [
        "press",
        "verlag",
        "publishers",
        "publisher",
        "publishing",
        "books",
        "university",
        "universitaires",
        "editions",
        "éditions",
        "edizioni",
        "editorial",
        "sage",
        "springer",
        "wiley",
        "elsevier",
        "routledge",
        "academic",
        "blackwell",
        "pearson",
        "mcgraw-hill",
        "oxford",
        "cambridge",
        "harvard",
        "prentice",
        "mit",
        "palgrave",
        "macmillan",
        "norton",
        "penguin",
        "taylor",
        "francis",
        "emerald",
    ]
)
_CONTAINER_WORDS = frozenset(
    [
        "journal",
        "review",
        "proceedings",
        "conference",
        "symposium",
        "workshop",
        "transactions",
        "letters",
        "bulletin",
        "annals",
        "quarterly",
        "magazine",
        "studies",
        "research",
        "acta",
        "archives",
        "zeitschrift",
        "revue",
        "rivista",
        "international",
        "american",
        "european",
        "science",
        "nature",
        "j.",
        "rev.",
        "proc.",
        "trans.",
        "lett.",
        "bull.",
        "ann.",
        "int.",
        "am.",
        "soc.",
        "phys.",
        "chem.",
        "med.",
    ]
)
_GENRE_WORDS = frozenset(
    [
        "thesis",
        "dissertation",
        "phd",
        "ph.d.",
        "doctoral",
        "master's",
        "masters",
        "report",
        "paper",
        "preprint",
        "manuscript",
        "unpublished",
        "diss.",
        "tesi",
        "thèse",
    ]
)
_PAGE_WORDS = frozenset(["pp", "pp.", "p.", "p", "pages", "page", "s.", "ss.", "pg.", "pgs."])
_VOLUME_WORDS = frozenset(
    [
        "vol",
        "vol.",
        "volume",
        "vols.",
        "no",
        "no.",
        "nr.",
        "nr",
        "number",
        "issue",
        "n°",
        "no.:",
        "bd.",
        "jg.",
        "t.",
    ]
)

_STRIP = re.compile(r"^[\W_]+|[\W_]+$")
_YEAR = re.compile(r"^\W*(1[5-9]\d\d|20\d\d)[a-z]?\W*$")
_RANGE = re.compile(r"\d+\s*[-–—‐]+\s*\d+")
_DOI = re.compile(r"10\.\d{4,9}/", re.IGNORECASE)
_URL = re.compile(r"^(?:<)?(?:https?://|www\.|ftp://)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    out: list[str] = []
    for char in word:
        if char.isupper():
            kind = "A"
        elif char.isalpha():
            kind = "a"
        elif char.isdigit():
            kind = "0"
        else:
            kind = char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:8]


@lru_cache(maxsize=65536)
def _token_features(token: str) -> tuple[str, ...]:
    """The features of one token on its own (cached: reference lists repeat words)."""
    core = _STRIP.sub("", token)
    lower = core.lower()
    low_token = token.lower()
    feats = [
        "w=" + lower,
        "s=" + _shape(token),
        "last=" + (token[-1] if not token[-1].isalnum() else "an"),
        "first=" + (token[0] if not token[0].isalnum() else "an"),
        "suf=" + lower[-3:],
        "pre=" + lower[:3],
        "len=" + str(min(len(core), 10)),
    ]
    if core.isdigit():
        feats.append("digits=" + str(min(len(core), 5)))
    if _YEAR.match(token):
        feats.append("year")
    if _RANGE.search(token):
        feats.append("range")
    if lower in _MONTHS:
        feats.append("month")
    if low_token in _EDITOR_WORDS or lower in {"ed", "eds", "editor", "editors", "edited", "hrsg"}:
        feats.append("editorword")
    if lower in _PUBLISHER_WORDS:
        feats.append("pubword")
    if lower in _CONTAINER_WORDS or low_token in _CONTAINER_WORDS:
        feats.append("contword")
    if lower in _GENRE_WORDS or low_token in _GENRE_WORDS:
        feats.append("genreword")
    if low_token in _PAGE_WORDS or lower in {"pp", "pages", "page"}:
        feats.append("pageword")
    if low_token in _VOLUME_WORDS or lower in {"vol", "volume", "no", "issue", "nr"}:
        feats.append("volword")
    if lower in {"in", "dans", "in:"}:
        feats.append("in")
    if lower in {"and", "&", "et", "und", "y", "e"} or token == "&":
        feats.append("and")
    if lower == "al" or low_token in {"al.", "al.,"}:
        feats.append("etal")
    if len(core) == 1 and core.isupper():
        feats.append("initial")
    if _DOI.search(token) or lower.startswith("doi"):
        feats.append("doi")
    if _URL.match(token):
        feats.append("url")
    if "(" in token or ")" in token:
        feats.append("paren")
    if any(q in token for q in '"“”«»‘’'):
        feats.append("quote")
    if core[:1].isupper():
        feats.append("cap")
    if core.isupper() and len(core) > 1:
        feats.append("allcaps")
    if ":" in token[:-1]:
        feats.append("innercolon")
    return tuple(feats)


def tokenize(text: str) -> list[str]:
    """The whitespace-separated words of ``text``."""
    return text.split()


def features(tokens: Sequence[str]) -> list[list[str]]:
    """Feature lists for every token, with its neighbours' words and punctuation."""
    count = len(tokens)
    own = [_token_features(t) for t in tokens]
    words = [f[0][2:] for f in own]
    lasts = [f[2][5:] for f in own]
    out: list[list[str]] = []
    for index in range(count):
        feats = list(own[index])
        feats.append("pos=" + str(index * 10 // count))
        if index == 0:
            feats.append("BOS")
        else:
            feats.append("-1w=" + words[index - 1])
            feats.append("-1last=" + lasts[index - 1])
            feats.append("-1s=" + own[index - 1][1])
            for flag in own[index - 1][7:]:
                feats.append("-1" + flag)
        if index >= 2:
            feats.append("-2w=" + words[index - 2])
        if index + 1 < count:
            feats.append("+1w=" + words[index + 1])
            feats.append("+1s=" + own[index + 1][1])
            for flag in own[index + 1][7:]:
                feats.append("+1" + flag)
        else:
            feats.append("EOS")
        if index + 2 < count:
            feats.append("+2w=" + words[index + 2])
        out.append(feats)
    return out


_LOCAL = threading.local()


def _tagger() -> Any:
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_PATH))
        _LOCAL.tagger = tagger
    return tagger


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """One label from :data:`LABELS` per token."""
    if not tokens:
        return []
    return list(_tagger().tag(features(tokens)))
