"""The output formats templates are written for (kept apart so naming them loads no engine)."""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("md", "html", "tex", "txt")
