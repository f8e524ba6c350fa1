"""Recognise licence statements: Creative Commons names and URLs, to a short canonical name."""

from __future__ import annotations

import re

_CC_NAME = re.compile(
    r"\bCC[ -](BY(?:[ -](?:NC|ND|SA))*|0)(?:[ -](\d\.\d))?\b|"
    r"creativecommons\.org/(licen[cs]es|publicdomain)/([a-z-]+)/(\d\.\d)",
    re.IGNORECASE,
)
_CC_WORDS = re.compile(
    r"Creative Commons (Attribution(?:[- ](?:Non-?Commercial|No-?Derivatives?|No-?Derivs|"
    r"Share-?Alike))*)\s*(\d\.\d)?",
    re.IGNORECASE,
)
_WORD_CODES = {"noncommercial": "NC", "nonderivatives": "ND", "noderivatives": "ND",
               "noderivative": "ND", "noderivs": "ND", "sharealike": "SA"}  # fmt: skip


def find_license(text: str) -> tuple[str, int, int] | None:
    """A Creative Commons licence stated in ``text`` as ("CC BY 4.0", start, end), or None."""
    match = _CC_NAME.search(text)
    if match:
        if match.group(1):
            parts = re.split(r"[ -]", match.group(1).upper())
            version = match.group(2)
        else:
            if match.group(3) == "publicdomain":
                return "CC0 " + match.group(5), match.start(), match.end()
            parts = match.group(4).upper().split("-")
            version = match.group(5)
        name = "CC0" if parts == ["0"] else "CC " + "-".join(parts)
        if not version:
            # "(CC BY) license (https://creativecommons.org/licenses/by/4.0/)": the URL has the version.
            nearby = re.search(
                r"creativecommons\.org/licen[cs]es/[a-z-]+/(\d\.\d)",
                text[match.end() : match.end() + 200],
                re.I,
            )
            version = nearby.group(1) if nearby else None
        return (f"{name} {version}" if version else name), match.start(), match.end()
    words = _CC_WORDS.search(text)
    if words:
        codes = ["BY"]
        for word in re.split(r"[ -]", words.group(1))[1:]:
            code = _WORD_CODES.get(word.lower().replace("-", ""))
            if code:
                codes.append(code)
        name = "CC " + "-".join(codes)
        return (f"{name} {words.group(2)}" if words.group(2) else name), words.start(), words.end()
    return None
