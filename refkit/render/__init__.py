"""Rendering: annotated bibliographies, summary sheets and DOI check reports.

    import refkit
    text = refkit.render(refkit.ingest("examples/documents"), template="annotated", fmt="html")

Templates are Jinja files named ``<name>.<format>.j2`` (formats md, html, tex, txt); the
built-in ones are listed by :func:`available_templates`.  The context they receive is
described in :mod:`refkit.render.context` and docs/templates.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from refkit.errors import RefkitError
from refkit.model import Record
from refkit.render.formats import FORMATS
from refkit.render.styles import STYLES, UnknownStyleError, get_style

__all__ = [
    "FORMATS",
    "STYLES",
    "TemplateError",
    "UnknownStyleError",
    "UnknownTemplateError",
    "available_templates",
    "render",
]

#: Environment variable naming a folder of the user's templates (the --templates default).
TEMPLATES_SETTING = "REFKIT_TEMPLATES"

_TITLES = {
    "annotated": "Annotated bibliography",
    "annotated-fragment": "Annotated bibliography",
    "summaries": "Citation-ready summaries",
    "check-report": "DOI check report",
}


class TemplateError(RefkitError):
    """A template that cannot be used: its file, line and what is wrong."""

    def __init__(self, message: str, *, template: str = "", line: int | None = None) -> None:
        self.message = message
        self.template = template
        self.line = line
        where = (
            f"{template}:{line}: " if template and line else (f"{template}: " if template else "")
        )
        super().__init__(where + message)


class UnknownTemplateError(TemplateError):
    """A template name that is not found; the message lists the available ones."""


def available_templates(user_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Template names and their formats, the user's folder included."""
    found: dict[str, set[str]] = {}
    from refkit.render.environment import builtin_dir

    for folder in (builtin_dir(), user_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in folder.glob("*.j2"):
            match = re.fullmatch(r"([^.]+)\.([a-z]+)\.j2", path.name)
            if match and match.group(2) in FORMATS and not match.group(1).startswith("_"):
                found.setdefault(match.group(1), set()).add(match.group(2))
    return {
        name: tuple(f for f in FORMATS if f in formats) for name, formats in sorted(found.items())
    }


def _describe_available(user_dir: Path | None) -> str:
    return "; ".join(
        f"{name} ({', '.join(formats)})" for name, formats in available_templates(user_dir).items()
    )


def _format_of(filename: str) -> str | None:
    parts = filename.lower().split(".")
    if parts and parts[-1] == "j2":
        parts = parts[:-1]
    return parts[-1] if len(parts) > 1 and parts[-1] in FORMATS else None


def _template_line(traceback: TracebackType | None) -> tuple[str, int | None]:
    """The template file and line where a rendering error happened (Jinja keeps them in
    the traceback's frames)."""
    where: tuple[str, int | None] = ("", None)
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "<template>" in filename:
            where = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return where


def render(
    records: Iterable[Record],
    template: str = "annotated",
    style: str = "apa",
    fmt: str | None = None,
    *,
    templates_dir: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> str:
    """Render ``records`` through a template and return the text.

    ``template`` is a template name (``annotated``, ``annotated-fragment``, ``summaries``,
    ``check-report`` or one in ``templates_dir``) or the path of a template file.
    ``fmt`` is md, html, tex or txt (default: the file's suffix, else md).  ``templates_dir``
    (default: the REFKIT_TEMPLATES environment variable) is searched before the built-ins.

    Raises :class:`UnknownStyleError` or :class:`UnknownTemplateError` (each listing what
    is available) and :class:`TemplateError` for a broken template (naming file and line).
    """
    import jinja2

    from refkit.render.context import build_context

    citation_style = get_style(style)
    if fmt is not None and fmt not in FORMATS:
        raise TemplateError(f"unknown format {fmt!r}; available formats: {', '.join(FORMATS)}")
    folder = templates_dir if templates_dir is not None else os.environ.get(TEMPLATES_SETTING)
    user_dir = Path(folder) if folder else None
    as_file = Path(template)
    if template.endswith(".j2") or os.sep in template or "/" in template:
        if not as_file.is_file():
            raise UnknownTemplateError(
                f"no such template file; built-in templates: {_describe_available(user_dir)}",
                template=template,
            )
        user_dir, name = as_file.resolve().parent, as_file.name
        fmt = fmt or _format_of(name) or "md"
        base = name.split(".")[0]
    else:
        fmt = fmt or "md"
        base = template
        name = f"{template}.{fmt}.j2"
    from refkit.render.environment import make_environment

    environment = make_environment(fmt, user_dir)
    try:
        compiled = environment.get_template(name)
    except jinja2.TemplateNotFound:
        raise UnknownTemplateError(
            f"unknown template {template!r} for format {fmt}; available templates: "
            f"{_describe_available(user_dir)}"
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            error.message or "syntax error", template=error.filename or name, line=error.lineno
        ) from None
    context = build_context(
        list(records), citation_style, fmt, title or _TITLES.get(base, "Bibliography")
    )
    try:
        return compiled.render(context.as_dict())
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            error.message or "syntax error", template=error.filename or name, line=error.lineno
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as error:
        filename, line = _template_line(error.__traceback__)
        raise TemplateError(
            f"{type(error).__name__}: {error}",
            template=filename or compiled.filename or name,
            line=line,
        ) from None
