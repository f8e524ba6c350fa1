"""Readers that turn documents into records, each chosen by the content it recognises.

The registry asks every reader how sure it is that it can read the content
(:meth:`Reader.sniff`) and lets the surest one read it; the file name is never the
deciding evidence.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from refkit.errors import InputError, UnsupportedInputError
from refkit.ingest.base import Reader, decode, looks_binary
from refkit.model import Record

__all__ = ["IngestResult", "ingest", "ingest_paths", "read_bytes", "readers"]


def readers() -> list[Reader]:
    """Every reader, most specific first (ties in :meth:`Reader.sniff` go to the earlier one)."""
    from refkit.ingest.bibtex import BibtexReader
    from refkit.ingest.csljson import CslJsonReader
    from refkit.ingest.html import HtmlReader
    from refkit.ingest.pdf import PdfReader
    from refkit.ingest.ris import RisReader
    from refkit.ingest.text import TextReader

    return [PdfReader(), CslJsonReader(), BibtexReader(), RisReader(), HtmlReader(), TextReader()]


def read_bytes(data: bytes, source: str) -> list[Record]:
    """Read the records in one document's bytes; raise :class:`InputError` if there are none."""
    if not data.strip():
        raise UnsupportedInputError("empty file", source=source)
    text: str | None = None
    if not looks_binary(data):
        text = decode(data, source).text
    best: Reader | None = None
    best_score = 0.0
    for reader in readers():
        score = reader.sniff(data, text)
        if score > best_score:
            best, best_score = reader, score
    if best is None:
        if text is None:
            raise UnsupportedInputError("binary content that no reader recognises", source=source)
        raise UnsupportedInputError("no bibliographic data found", source=source)
    return best.read(data, text, source)


def ingest(path_or_text: str | os.PathLike[str] | bytes) -> list[Record]:
    """Read records from a file, a folder (recursively), raw bytes or a string of text.

    A string that names an existing path is read as that path; any other string is
    read as the document's text.  Raises :class:`InputError` when nothing usable is found.
    """
    if isinstance(path_or_text, bytes):
        return read_bytes(path_or_text, "<bytes>")
    if isinstance(path_or_text, str) and (
        "\n" in path_or_text or len(path_or_text) > 4096 or not _is_path(path_or_text)
    ):
        return read_bytes(path_or_text.encode("utf-8"), "<text>")
    result = ingest_paths([Path(path_or_text)])
    if not result.records and result.errors:
        raise result.errors[0]
    return result.records


def _is_path(text: str) -> bool:
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


@dataclass
class IngestResult:
    """Records read from many inputs, and the inputs that could not be used."""

    records: list[Record] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files_read: int = 0


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order; folders recurse, hidden files are skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield child
        else:
            yield path


def ingest_paths(
    paths: Iterable[Path], *, on_file: Callable[[Path], object] | None = None
) -> IngestResult:
    """Read every file under ``paths``; a file that fails is reported and the rest go on.

    ``on_file`` is called after each file, read or not (to advance a progress bar).
    """
    result = IngestResult()
    for path in iter_files(paths):
        try:
            records = read_bytes(path.read_bytes(), str(path))
        except OSError as error:
            reason = error.strerror or str(error)
            result.errors.append(InputError(f"cannot read: {reason}", source=str(path)))
        except InputError as error:
            result.errors.append(error)
        else:
            result.files_read += 1
            result.records.extend(records)
        if on_file is not None:
            on_file(path)
    return result
