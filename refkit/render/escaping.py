"""Escaping of data for each output format, so that what a record holds stays text.

A title holding ``\\input{/etc/passwd}`` must print as those characters in LaTeX, and
one holding ``<script>`` or ``*bold*`` as those characters in Markdown.
"""

from __future__ import annotations

import re

__all__ = ["latex_escape", "markdown_escape"]

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    # Spaces pdflatex reads as text: written as LaTeX spacing.
    "\u00a0": "~",
    "\u2009": r"\,",
    "\u200b": "",
}
_LATEX_PATTERN = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))

# Characters Markdown (CommonMark and pandoc's extensions) may read as markup.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#$~^@!{}])")


def latex_escape(text: str) -> str:
    """``text`` for LaTeX's text mode: every special character written as a command."""
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIALS[m.group()], text)


def markdown_escape(text: str) -> str:
    """``text`` for Markdown: characters that could start markup are backslash-escaped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A line that starts with a number and a dot, or a plus/minus sign, would become a list.
    return re.sub(r"(?m)^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", escaped)
