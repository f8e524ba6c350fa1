"""Jinja environments: where templates come from and how data is escaped in each format.

* Templates are looked up in the user's folder first, then among the built-ins, which
  are also reachable under the ``builtin/`` prefix so that a user's template can extend
  the one it replaces: ``{% extends "builtin/annotated.html.j2" %}``.
* Every environment is an immutable sandbox: a template cannot reach Python internals,
  change the data or read files outside the template folders.
* Undefined names fail loudly (StrictUndefined) instead of printing nothing.
* Output is escaped for its format: HTML autoescape, LaTeX and Markdown escaping of
  every printed value.  ``None`` prints as nothing, never as "None".
* LaTeX templates use other delimiters, because ``{#`` and ``{%`` are common in LaTeX:
  ``((* block *))``, ``((( value )))`` and ``((# comment #))``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from refkit.render.escaping import latex_escape, markdown_escape
from refkit.render.formats import FORMATS
from refkit.render.richtext import RichText

__all__ = [
    "BUILTIN_PREFIX",
    "FORMATS",
    "LatexSafe",
    "MarkdownSafe",
    "builtin_dir",
    "make_environment",
]

#: Output formats and the suffix of their templates (``annotated.<fmt>.j2``).
BUILTIN_PREFIX = "builtin"


def builtin_dir() -> Path:
    """The folder of the built-in templates: inside the installed package, or the
    repository's top-level templates/ in a development checkout."""
    packaged = resources.files("refkit") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent.parent / "templates"


class LatexSafe(str):
    """Text that is already LaTeX and must not be escaped again."""

    __slots__ = ()


class MarkdownSafe(str):
    """Text that is already Markdown and must not be escaped again."""

    __slots__ = ()


def _text_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, RichText):
        return value.text
    return value


def _latex_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, LatexSafe):
        return value
    if isinstance(value, RichText):
        return LatexSafe(value.latex)
    return LatexSafe(latex_escape(str(value)))


def _markdown_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    if isinstance(value, RichText):
        return MarkdownSafe(value.markdown)
    return MarkdownSafe(markdown_escape(str(value)))


def _html_value(value: Any) -> Any:
    return "" if value is None else value


def _loader(user_dir: Path | None) -> BaseLoader:
    builtin = FileSystemLoader(str(builtin_dir()))
    loaders: list[BaseLoader] = []
    if user_dir is not None:
        loaders.append(FileSystemLoader(str(user_dir)))
    loaders += [builtin, PrefixLoader({BUILTIN_PREFIX: builtin})]
    return ChoiceLoader(loaders)


_FINALIZE: dict[str, Callable[[Any], Any]] = {
    "md": _markdown_value,
    "html": _html_value,
    "tex": _latex_value,
    "txt": _text_value,
}


def _indent_hanging(text: str, width: int = 78, indent: int = 4) -> str:
    """Wrap plain text with a hanging indent, the plain-text form of a reference list."""
    import textwrap

    return textwrap.fill(
        str(text), width=width, subsequent_indent=" " * indent, break_on_hyphens=False
    )


@cache
def _cached_environment(fmt: str, user_dir: str) -> ImmutableSandboxedEnvironment:
    options: dict[str, Any] = {
        "loader": _loader(Path(user_dir) if user_dir else None),
        "undefined": StrictUndefined,
        "finalize": _FINALIZE[fmt],
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "autoescape": select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
    }
    if fmt == "tex":
        options.update(
            block_start_string="((*",
            block_end_string="*))",
            variable_start_string="(((",
            variable_end_string=")))",
            comment_start_string="((#",
            comment_end_string="#))",
        )
    environment = ImmutableSandboxedEnvironment(**options)
    environment.filters["latex"] = _latex_value
    environment.filters["markdown"] = _markdown_value
    environment.filters["hanging"] = _indent_hanging
    environment.filters["plain"] = _text_value
    if fmt == "html":
        environment.filters["rich"] = lambda v: v.html if isinstance(v, RichText) else v
    else:
        environment.filters["rich"] = _FINALIZE[fmt]
    return environment


def make_environment(fmt: str, user_dir: Path | None = None) -> ImmutableSandboxedEnvironment:
    """The sandboxed environment for output format ``fmt`` (one of :data:`FORMATS`),
    with ``user_dir``'s templates ahead of the built-ins."""
    if fmt not in _FINALIZE:
        raise ValueError(f"unknown format {fmt!r}")
    return _cached_environment(fmt, os.fspath(user_dir) if user_dir else "")
