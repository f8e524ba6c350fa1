"""Crossref: look up works (batched, paced, cached), search references, ask doi.org about agencies.

The client is the way in::

    from refkit.crossref import CrossrefClient

    with CrossrefClient.from_environment(mailto="me@example.org") as client:
        for result in client.works(["10.1016/j.respol.2011.06.005"]):
            print(result.doi, result.status)
"""

from __future__ import annotations

from refkit.crossref.cache import CachedWork, WorkCache, default_cache_path
from refkit.crossref.client import BlockedError, CrossrefClient, UnreachableError, WorkResult
from refkit.crossref.jats import jats_sections, jats_to_text
from refkit.crossref.limits import Backoff, PoolLimits

__all__ = [
    "Backoff",
    "BlockedError",
    "CachedWork",
    "CrossrefClient",
    "PoolLimits",
    "UnreachableError",
    "WorkCache",
    "WorkResult",
    "default_cache_path",
    "jats_sections",
    "jats_to_text",
]
