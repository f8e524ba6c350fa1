"""refkit: from saved scholarly documents to a clean, checked bibliography.

The front door is small: :func:`ingest` reads documents into :class:`Record` values,
:func:`parse_reference` and :func:`parse_references` read reference strings,
:func:`check` verifies DOIs through Crossref, :func:`claims` and :func:`keywords`
analyse abstracts, and :func:`render` writes annotated bibliographies.
:class:`RefkitError` is the base of every error refkit raises on purpose.

Functions whose modules are heavy are imported on first use, so that ``import refkit``
(and the command line's ``--help``) stays fast.  ``ingest`` and ``render`` share their
names with subpackages, so they are bound here at once: importing a submodule later
would otherwise rebind the name to the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from refkit.errors import InputError, RefkitError
from refkit.ingest import ingest
from refkit.model import Check, Claim, Date, Keyword, Person, Provenance, Record
from refkit.render import render

if TYPE_CHECKING:
    from refkit.analysis import claims, keywords
    from refkit.crossref.check import check
    from refkit.references import parse_reference, parse_references

#: Public functions and the modules that define them.
_LAZY: dict[str, str] = {
    "check": "refkit.crossref.check",
    "claims": "refkit.analysis",
    "keywords": "refkit.analysis",
    "parse_reference": "refkit.references",
    "parse_references": "refkit.references",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'refkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Check",
    "Claim",
    "Date",
    "InputError",
    "Keyword",
    "Person",
    "Provenance",
    "Record",
    "RefkitError",
    "__version__",
    "check",
    "claims",
    "ingest",
    "keywords",
    "parse_reference",
    "parse_references",
    "render",
]
