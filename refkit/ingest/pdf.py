"""PDF reader: the document's own metadata and the text of its first pages.

A PDF describes itself twice.  The document information dictionary (``/Title``,
``/Author``, ``/Subject``, ``/Keywords``, ``/CreationDate``) is often left to the
authoring tool and says "Microsoft Word - draft3.docx"; XMP metadata, when a
publisher embedded it, is reliable (``dc:title``, ``dc:creator``, ``prism:doi``,
``prism:publicationName``...).  The first pages carry what a reader sees: title,
authors, "To cite this article", the DOI in a header or footer.  The text goes
through the plain-text reader and is merged with the metadata; where the
metadata's title is junk, the text decides title and authors.

pypdf is a parser of untrusted input: whatever it raises on a damaged file becomes
one :class:`~refkit.errors.InputError` naming the file, and its warnings and log
messages are silenced so nothing reaches the user's terminal but refkit's report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any

from refkit import doi as doi_module
from refkit.errors import DoiError, InputError, UnsupportedInputError
from refkit.identifiers import find_isbns, find_issns, valid_isbn, valid_issn
from refkit.ingest import text as text_reader
from refkit.ingest.base import quiet_library
from refkit.ingest.merge import merge
from refkit.ingest.metadata import (
    clean_abstract,
    clean_issue,
    clean_value,
    clean_volume,
    is_license,
    join_pages,
    looks_like_copyright,
    normalize_language,
    parse_date,
    split_keywords,
    type_from_genre,
    unique,
)
from refkit.model import Person, Provenance, Record
from refkit.names import parse_name, split_name_list

__all__ = ["PdfReader", "looks_like_junk_title"]

#: Pages whose text is read: title page, cover sheet, and the page after a cover sheet.
FIRST_PAGES = 3

_XMP_NAMESPACES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/pdfx/1.3/": "pdfx",
    "http://crossref.org/crossmark/1.0/": "crossmark",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
}
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _quiet() -> AbstractContextManager[None]:
    """Silence pypdf's warnings and log records for the duration of a read."""
    return quiet_library("pypdf")


# --------------------------------------------------------------------------- junk filters

_JUNK_TITLE = re.compile(
    r"""^(?:
        untitled.*|title|no\s+title|document\d*|doc\d*|paper|manuscript|article|template|
        layout\s*\d*|slide\s*\d*|page\s*\d*|print|draft|final|version\s*\d*|unknown|none|null|
        microsoft\s+(?:word|powerpoint|excel)\b.*|.*\.(?:docx?|pdf|tex|dvi|ps|rtf|odt|indd|qxd|
        pages|txt|html?|xml|eps|ai|wpd|pptx?)|
        (?:pii:?\s*)?s?\d{4}-\d{3}[\dx]\(\d{2}\)\d+-[\dx]|
        doi:?\s*10\..*|10\.\d{4,9}/.*|https?://.*|[a-z]:\\.*|/.*|
        [\w\-.]*_[\w\-.]*|[\d\s\-_.]+|.{0,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def looks_like_junk_title(title: str) -> bool:
    """True for titles that authoring tools leave behind: file names, "Microsoft Word - x.docx",
    "untitled", identifiers, paths, bare numbers, one short word."""
    title = clean_value(title)
    if not title:
        return True
    if _JUNK_TITLE.match(title):
        return True
    # A single word without spaces is a file or template name, not an article title.
    return " " not in title and len(title) < 40


_JUNK_AUTHOR = re.compile(
    r"^(?:administrator|admin|user|owner|author|authors|unknown|windows\s+user|"
    r"microsoft\s+office\s+user|utente|benutzer|utilisateur|usuario|default|guest|pc|"
    r"hp|dell|lenovo|test|editor|system|root|\d+|.*@.*)$",
    re.IGNORECASE,
)


def _authors(text: str) -> tuple[Person, ...]:
    """Authors from an ``/Author`` or ``dc:creator`` value, dropping account names."""
    text = clean_value(text)
    if not text or _JUNK_AUTHOR.match(text):
        return ()
    people: list[Person] = []
    for name in split_name_list(text):
        name = name.strip()
        # A login name ("jsmith", "k.mueller") has neither a space nor a comma.
        if not name or _JUNK_AUTHOR.match(name) or (" " not in name and "," not in name):
            continue
        person = parse_name(name)
        if person.family or person.literal:
            people.append(person)
    return tuple(people)


# --------------------------------------------------------------------------- metadata


@dataclass
class _Meta:
    """Metadata values gathered from the info dictionary and XMP, keyed ``prefix:name``."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, value: str) -> None:
        value = value.strip()
        if value:
            self.values.setdefault(key, []).append(value)

    def first(self, *keys: str) -> tuple[str, str]:
        """(key, value) of the first key with a value, or ``("", "")``."""
        for key in keys:
            for value in self.values.get(key, ()):
                if clean_value(value):
                    return key, value
        return "", ""

    def all(self, *keys: str) -> Iterator[str]:
        for key in keys:
            yield from self.values.get(key, ())


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("latin-1", errors="replace")
    return str(value)


def _info(reader: Any, meta: _Meta) -> None:
    """Values of the document information dictionary, as ``info:Title`` etc."""
    try:
        info = reader.metadata
    except Exception:  # a damaged info dictionary is simply absent
        return
    if not info:
        return
    for key in ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/doi", "/DOI"):
        try:
            value = info.get(key)
            if hasattr(value, "get_object"):
                value = value.get_object()
        except Exception:  # one unreadable entry must not lose the others
            continue
        meta.add("info:" + key.lstrip("/"), _as_text(value))


def _xmp(reader: Any, meta: _Meta) -> None:
    """Values of the XMP packet, as ``dc:title``, ``prism:doi`` etc.; lists item by item."""
    try:
        xmp = reader.xmp_metadata
        root = xmp.rdf_root if xmp is not None else None
    except Exception:  # malformed XMP is treated as absent
        return
    if root is None:
        return
    for description in root.getElementsByTagNameNS(_RDF, "Description"):
        attributes = description.attributes
        for index in range(attributes.length if attributes is not None else 0):
            attribute = attributes.item(index)
            prefix = _prefix(attribute.namespaceURI)
            if prefix:
                meta.add(f"{prefix}:{attribute.localName}", attribute.value)
        for child in description.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            prefix = _prefix(child.namespaceURI)
            if not prefix:
                continue
            for value in _xmp_values(child):
                meta.add(f"{prefix}:{child.localName}", value)


def _prefix(namespace: str | None) -> str:
    if not namespace:
        return ""
    if namespace.startswith("http://prismstandard.org/namespaces/"):
        return "prism"
    return _XMP_NAMESPACES.get(namespace, "")


def _xmp_values(element: Any) -> list[str]:
    """An XMP property's values: the ``rdf:li`` items of a Seq/Bag/Alt, else its text."""
    items = element.getElementsByTagNameNS(_RDF, "li")
    if items.length:
        return [_node_text(item) for item in items]
    resource = element.getAttributeNS(_RDF, "resource")
    if resource:
        return [resource]
    return [_node_text(element)]


def _node_text(node: Any) -> str:
    parts: list[str] = []
    for child in node.childNodes:
        if child.nodeType in (child.TEXT_NODE, child.CDATA_SECTION_NODE):
            parts.append(child.data)
        elif child.nodeType == child.ELEMENT_NODE:
            parts.append(_node_text(child))
    return "".join(parts)


def _metadata_record(meta: _Meta, source: str) -> Record:
    """A record from the PDF's metadata; junk titles and account-name authors are left out."""
    values: dict[str, Any] = {}
    provenance: dict[str, Provenance] = {}

    def put(name: str, value: Any, key: str) -> None:
        if value in ("", (), None) or name in values:
            return
        values[name] = value
        what = "XMP" if not key.startswith("info:") else "document info"
        provenance[name] = Provenance(source, note=f"PDF {what} {key.split(':', 1)[1]}")

    for key in ("dc:title", "prism:title", "info:Title"):
        for value in meta.all(key):
            title = clean_value(value)
            if not looks_like_junk_title(title):
                put("title", title, key)
    creators = list(meta.all("dc:creator"))
    if creators:
        people = tuple(p for value in creators for p in _authors(value))
        put("author", people, "dc:creator")
    key, value = meta.first("info:Author")
    if key:
        put("author", _authors(value), key)
    for key in (
        "prism:doi",
        "pdfx:doi",
        "crossmark:DOI",
        "dc:identifier",
        "info:doi",
        "info:DOI",
        "pdfx:DOI",
    ):
        for value in meta.all(key):
            put("doi", _doi(value), key)
    for key in ("info:Subject", "dc:description"):
        for value in meta.all(key):
            put("doi", doi_module.find_first(clean_value(value)), key)
    key, value = meta.first("prism:publicationName")
    put("container_title", clean_value(value), key)
    key, value = meta.first("prism:volume")
    put("volume", clean_volume(value), key)
    key, value = meta.first("prism:number", "prism:issueIdentifier")
    put("issue", clean_issue(value), key)
    key, value = meta.first("prism:startingPage")
    if key:
        put("page", join_pages(value, meta.first("prism:endingPage")[1]), key)
    key, value = meta.first("prism:pageRange")
    put("page", join_pages(value), key)
    issns: list[str] = []
    for value in meta.all("prism:issn", "prism:eIssn", "prism:eissn"):
        issns.extend(_issns(value))
    put("issn", unique(issns), "prism:issn")
    isbns: list[str] = []
    for value in meta.all("prism:isbn"):
        isbns.extend(_isbns(value))
    put("isbn", unique(isbns), "prism:isbn")
    for key in ("prism:coverDate", "prism:publicationDate", "dc:date"):
        for value in meta.all(key):
            put("issued", parse_date(value), key)
    key, value = meta.first("prism:url")
    put("url", value if re.match(r"^https?://\S+$", value) else "", key)
    for key in ("dc:publisher",):
        for value in meta.all(key):
            publisher = clean_value(value)
            put("publisher", "" if looks_like_copyright(publisher) else publisher, key)
    key, value = meta.first("dc:language")
    put("language", normalize_language(value), key)
    for key in ("xmpRights:WebStatement", "dc:rights", "prism:copyright"):
        for value in meta.all(key):
            put("license", clean_value(value) if is_license(value) else "", key)
    keywords: list[str] = []
    for key in ("pdf:Keywords", "info:Keywords"):
        for value in meta.all(key):
            keywords.extend(split_keywords(value))
    keywords.extend(clean_value(value) for value in meta.all("dc:subject"))
    put("keywords", unique([k for k in keywords if k]), "info:Keywords")
    for key in ("dc:description", "info:Subject"):
        for value in meta.all(key):
            plain, sections = clean_abstract(value)
            # /Subject usually holds a citation line; only a paragraph of prose is an abstract.
            if len(plain.split()) >= 30 and not doi_module.find_first(plain):
                put("abstract", plain, key)
                put("abstract_sections", sections, key)
    key, value = meta.first("prism:aggregationType")
    kind = {"journal": "article-journal", "book": "chapter"}.get(clean_value(value).lower(), "")
    put("type", kind, key)
    key, value = meta.first("dc:type")
    put("type", type_from_genre(value), key)
    provenance.pop("type", None)
    return Record(source=source, provenance=provenance, **values)


def _doi(value: str) -> str:
    value = clean_value(value)
    try:
        return doi_module.normalize(re.sub(r"^info:doi/", "", value, flags=re.IGNORECASE))
    except DoiError:
        return doi_module.find_first(value)


def _issns(value: str) -> list[str]:
    whole = valid_issn(value)
    return [whole] if whole else [issn for issn, _, _ in find_issns(value)]


def _isbns(value: str) -> list[str]:
    whole = valid_isbn(value)
    return [whole] if whole else [isbn for isbn, _, _ in find_isbns(value)]


# --------------------------------------------------------------------------- reading


@dataclass
class _Document:
    meta: _Meta
    text: str
    pages: int


def _open(data: bytes, source: str, *, pages_to_read: int = FIRST_PAGES) -> _Document:
    """Metadata and the text of the first pages of a PDF; every pypdf failure becomes an InputError."""
    from pypdf import PdfReader as PypdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    start = data.find(b"%PDF-")
    if start > 0:
        # Bytes before the header (a BOM, an HTTP header saved with the file) confuse offsets.
        data = data[start:]
    try:
        reader = PypdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except DependencyError as error:
                raise InputError(
                    "encrypted PDF whose cipher needs the 'cryptography' package", source=source
                ) from error
            if not decrypted:
                raise InputError("encrypted PDF: a password is needed to read it", source=source)
        pages = len(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError as error:
        raise InputError("encrypted PDF: a password is needed to read it", source=source) from error
    except Exception as error:  # pypdf raises many types on damaged files
        raise InputError(f"damaged or truncated PDF ({_describe(error)})", source=source) from error
    meta = _Meta()
    _info(reader, meta)
    _xmp(reader, meta)
    texts: list[str] = []
    for index in range(min(pages, pages_to_read)):
        try:
            page_text = reader.pages[index].extract_text() or ""
        except Exception:  # a damaged page loses its text, not the document
            continue
        texts.append(page_text)
    return _Document(meta, "\n\n".join(t.strip("\n") for t in texts), pages)


def pdf_text(data: bytes, source: str) -> str:
    """The text of every page of a PDF (for its reference list); InputError when unreadable."""
    with _quiet():
        return _open(data, source, pages_to_read=10_000).text


def _describe(error: BaseException) -> str:
    """A short reason from pypdf's exception, without its internals."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    message = message[:120]
    return message or type(error).__name__


def _from_text(text: str, source: str) -> list[Record]:
    return text_reader.read_embedded_text(text, source, "PDF text")


def _creation_date(meta: _Meta, source: str, record: Record) -> Record:
    """Fall back to the creation date for the year, saying so: it may postdate publication."""
    if record.issued is not None:
        return record
    key, value = meta.first("info:CreationDate", "xmp:CreateDate")
    date = parse_date(value) if key else None
    if date is None:
        return record
    provenance = dict(record.provenance)
    provenance["issued"] = Provenance(source, note="PDF creation date")
    return replace(
        record,
        issued=date,
        provenance=provenance,
        warnings=(*record.warnings, "date taken from the PDF's creation date"),
    )


class PdfReader:
    """Reads PDF files: document metadata, XMP, and the text of the first pages."""

    name = "pdf"

    def sniff(self, data: bytes, text: str | None) -> float:
        """Sure when ``%PDF-`` opens the file (after whitespace or a BOM, within about 1 KB)."""
        head = data[:1024]
        position = head.find(b"%PDF-")
        if position < 0:
            return 0.0
        before = head[:position]
        if not before.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
            return 1.0
        return 0.6

    def read(self, data: bytes, text: str | None, source: str) -> list[Record]:
        """One record for the work in the PDF; raises InputError on damaged or empty files."""
        with _quiet():
            document = _open(data, source)
            from_meta = _metadata_record(document.meta, source)
            from_text = _from_text(document.text, source)
        record = from_meta
        if from_text:
            text_record = from_text[0]
            record = merge(from_meta, text_record)
            if not from_meta.title and text_record.title and text_record.author:
                # The metadata title was junk, so its authors (often the account that
                # typed the file) are no more reliable than its title: the page decides.
                provenance = dict(record.provenance)
                provenance.pop("author", None)
                if "author" in text_record.provenance:
                    provenance["author"] = text_record.provenance["author"]
                record = replace(record, author=text_record.author, provenance=provenance)
        if not record.doi and document.text:
            found = doi_module.find_first(document.text)
            if found:
                provenance = dict(record.provenance)
                provenance["doi"] = Provenance(
                    source, note="PDF text, first DOI on the first pages"
                )
                record = replace(record, doi=found, provenance=provenance)
        if not (record.title or record.doi):
            if not document.text.strip():
                raise UnsupportedInputError(
                    "no bibliographic data found (the PDF has no text layer; is it a scan?)",
                    source=source,
                )
            raise UnsupportedInputError("no bibliographic data found", source=source)
        record = _creation_date(document.meta, source, record)
        if record.type == "document" and record.container_title:
            record = replace(record, type="article-journal")
        return [replace(record, source=source)]
