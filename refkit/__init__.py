"""refkit: from saved scholarly documents to a clean, checked bibliography.

The front door is small: :func:`ingest` reads documents into :class:`Record` values,
and :class:`RefkitError` is the base of every error refkit raises on purpose.
"""

from __future__ import annotations

__version__ = "0.1.0"

from refkit.errors import InputError, RefkitError
from refkit.ingest import ingest
from refkit.model import Date, Person, Provenance, Record

__all__ = [
    "Date",
    "InputError",
    "Person",
    "Provenance",
    "Record",
    "RefkitError",
    "__version__",
    "ingest",
]
