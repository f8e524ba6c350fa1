"""Read CSL-JSON (Zotero, pandoc, citeproc, refkit's own output) into records."""

from __future__ import annotations

import json
import re

from refkit.errors import InputError
from refkit.export.csljson import records_from_csl
from refkit.model import Record

__all__ = ["CslJsonReader"]

# An item's tell-tale keys near the start of a JSON document.
_CSL_KEYS = re.compile(r'"(?:type|title|author|issued|container-title|DOI|id)"\s*:')


class CslJsonReader:
    """Reads a JSON array of CSL items, one item, or ``{"items": [...]}``."""

    name = "csljson"

    def sniff(self, data: bytes, text: str | None) -> float:
        """0.97 for JSON that starts like CSL items; 0 for anything else."""
        if not text:
            return 0.0
        head = text.lstrip("\ufeff \t\r\n")
        if not head.startswith(("[", "{")):
            return 0.0
        return 0.97 if _CSL_KEYS.search(text[:20000]) else 0.0

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """Records of the items; :class:`InputError` for invalid JSON or no item."""
        if text is None:
            raise InputError("not a text file", source=source)
        try:
            parsed = json.loads(text.lstrip("\ufeff"))
        except json.JSONDecodeError as error:
            raise InputError(
                f"invalid JSON: {error.msg}", source=source, line=error.lineno
            ) from error
        except RecursionError as error:
            raise InputError("JSON nested too deeply", source=source) from error
        try:
            records = records_from_csl(parsed, source)
        except RecursionError as error:
            raise InputError("CSL-JSON nested too deeply", source=source) from error
        records = [r for r in records if r.title or r.author or r.doi or r.issued or r.id]
        if not records:
            raise InputError("no CSL-JSON items found", source=source)
        return records
