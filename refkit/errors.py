"""The one exception hierarchy of refkit.

Every error says where the problem is: a file and a line for input, a DOI and an HTTP
status for Crossref.  The command line turns these into one clear line and an exit code;
anything else escaping a reader is a bug.
"""

from __future__ import annotations


class RefkitError(Exception):
    """Base class of every error refkit raises on purpose."""


class InputError(RefkitError):
    """A document or library that cannot be used as input.

    ``source`` names the file (or ``<stdin>``/``<text>``), ``line`` the 1-based line when known.
    """

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.location_prefix() + message)

    def location_prefix(self) -> str:
        if not self.source:
            return ""
        if self.line is not None:
            return f"{self.source}:{self.line}: "
        return f"{self.source}: "


class UnsupportedInputError(InputError):
    """No reader recognises the content (binary data, an empty file, a page with no metadata)."""


class DoiError(RefkitError):
    """A string that is not a DOI and cannot be cleaned into one."""

    def __init__(self, message: str, *, doi: str = "") -> None:
        self.doi = doi
        super().__init__(f"{doi}: {message}" if doi else message)


class ServiceError(RefkitError):
    """A remote service (Crossref, doi.org) failed; carries the DOI or URL and the HTTP status."""

    def __init__(
        self, message: str, *, url: str = "", status: int | None = None, doi: str = ""
    ) -> None:
        self.url = url
        self.status = status
        self.doi = doi
        where = doi or url
        status_text = f" (HTTP {status})" if status is not None else ""
        super().__init__(f"{where}{status_text}: {message}" if where else message + status_text)
