"""Writers: BibTeX and biblatex, CSL-JSON, RIS.

:func:`write` is the one entry point the command line needs; each format's module
has a ``dumps`` of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from refkit.model import Record

__all__ = ["FORMATS", "format_for_path", "write"]

#: Output formats, as named on the command line (``--to``).
FORMATS: tuple[str, ...] = ("bibtex", "biblatex", "csljson", "ris")


#: File name endings and the format they usually hold, longest first.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".csl.json", "csljson"),
    (".bibtex", "bibtex"),
    (".json", "csljson"),
    (".bib", "bibtex"),
    (".ris", "ris"),
)


def format_for_path(name: str) -> str | None:
    """The format a file name suggests (``library.json`` is CSL-JSON), or ``None``.

    Only for choosing an output format or a reading hint: readers decide by content.
    """
    lowered = name.lower()
    return next((fmt for suffix, fmt in _SUFFIXES if lowered.endswith(suffix)), None)


def write(records: Sequence[Record], fmt: str) -> str:
    """The records as text in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt in ("bibtex", "biblatex"):
        from refkit.export import bibtex

        return bibtex.dumps(records, dialect="bibtex" if fmt == "bibtex" else "biblatex")
    if fmt == "csljson":
        from refkit.export import csljson

        return csljson.dumps(records)
    if fmt == "ris":
        from refkit.export import ris

        return ris.dumps(records)
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
