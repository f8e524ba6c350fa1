"""Field labels that landing pages print, and the classification of one line of text.

Repository and publisher pages print their metadata as labelled fields.  Saved as
text, a label appears in one of four layouts, all handled here:

* ``Label: value`` on one line (EPrints, IRIS, DSpace, PubMed);
* ``Label`` alone on a line, the value on the next non-empty line(s) (Emerald, IRIS);
* ``Labelvalue`` glued, because the page's table cells lost their separator (Pure:
  "Original languageEnglish", "Pages (from-to)1995-2014");
* ``Label value`` with a space, accepted only when the value has the shape the field
  needs ("Volume 27"), so that prose starting with a label word is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# Canonical field -> labels (lower case, without the trailing colon).  Fields named
# here are refkit's; a few (``citation``, ``first_page``, ``status``) feed other fields.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("title", "titolo", "titel", "titre", "título", "article title", "dc.title",
              "title of the article", "document title", "tittel"),
    "author": ("authors", "author", "author(s)", "autori", "autore", "autore/i", "elenco autori",
               "creators", "creator", "autor", "autoren", "autor(es)", "auteurs", "auteur(s)",
               "forfattere", "forfatter", "dc.contributor.author", "dc.creator", "contributors",
               "written by", "by", "authors and affiliations", "author(s) / editor(s)",
               "forfatter(e)", "auteur", "personen", "people", "autoria", "autores", "författare",
               "autorzy", "auteur(s)", "autor/a", "autor/es"),
    "editor": ("editors", "editor", "editor(s)", "curatori", "curatore", "herausgeber",
               "dc.contributor.editor", "editors and affiliations", "editor information"),
    "issued": ("publication date", "date of publication", "date published", "published",
               "publication status", "data di pubblicazione", "anno di pubblicazione", "anno",
               "year", "publication year", "year of publication", "issue date", "date issued",
               "dc.date.issued", "date", "article publication date", "publiceringsdatum",
               "erscheinungsdatum", "udgivelsesdato", "publicatiedatum", "date de publication",
               "fecha de publicación", "issue publication date", "published in print",
               "status", "state", "pub date", "publication", "issue publication date",
               "publikationsstatus", "udgivelsesår", "jaar", "jahr", "published in issue",
               "date of issue", "dates", "publication date (print)", "print publication date"),
    "available_date": ("early online date", "published online", "first published",
                       "online publication date", "available online", "first online",
                       "version of record online", "epub", "e-pub", "online date",
                       "date of online publication", "published first online", "published online first",
                       "online first", "e-pub ahead of print", "epub ahead of print", "accepted/in press"),
    "container_title": ("journal", "journal title", "journal name", "published in",
                        "pubblicato in", "rivista", "source", "source title", "dc.relation.ispartof",
                        "is part of", "in", "periodical", "tidsskrift", "tijdschrift",
                        "zeitschrift", "title of host publication", "host publication",
                        "book title", "titolo del volume", "journal/book title", "serial",
                        "publication title", "revue", "revista", "journal or publication title",
                        "journal title", "fachzeitschrift", "tidsskrift", "tijdschrift", "journal/series",
                        "titolo rivista", "nome rivista", "series", "published in:", "source publication"),
    "event_title": ("conference", "event", "conference name", "name of conference",
                    "nome del convegno", "convegno"),
    "volume": ("volume", "vol", "volume number", "band", "bind", "deel", "vol/bind", "jahrgang",
               "dc.citation.volume", "volume (issue)", "årgang", "annata"),
    "issue": ("issue", "issue number", "number", "no", "numero", "fascicolo", "heft",
              "nummer", "issue no", "issue no.", "ausgabenummer", "udgave nummer", "udgavenummer",
              "nummer van het tijdschrift", "dc.citation.issue", "número", "num"),
    "page": ("pages", "pages (from-to)", "page range", "pagine", "pp", "page", "seiten",
             "sider", "sidor", "pagina's", "paginazione", "page numbers", "pages from-to",
             "sidetal (fra-til)", "pagina's (van-tot)", "seiten (von - bis)", "sider (fra-til)",
             "page range", "pages (from - to)", "seiten (von-bis)", "páginas", "pagine (da-a)"),
    "first_page": ("start page", "first page", "pagina iniziale", "startpage", "page start",
                   "dc.citation.spage", "spage", "erste seite", "første side"),
    "last_page": ("end page", "last page", "pagina finale", "endpage", "page end",
                  "dc.citation.epage", "epage", "letzte seite", "sidste side"),
    "number": ("article number", "article no", "article id", "articolo n", "elocation",
               "artikelnummer", "artikel nummer", "e-location", "elocation id",
               "artikelnummer", "article-number", "numero articolo", "art. no.", "article no.",
               "article sequence number", "article nr", "article nr."),
    "number_of_pages": ("number of pages", "numero di pagine", "antal sider", "seitenanzahl",
                        "aantal pagina's", "pages count"),
    "doi": ("doi", "dois", "doi/identification number", "digital object identifier",
            "dc.identifier.doi", "doi link", "doi (link to publication)", "identification number",
            "doi's", "digital object identifier (doi)", "doi:", "dc.identifier.doi"),
    "issn": ("issn", "print issn", "online issn", "eissn", "e-issn", "issn (print)",
             "issn (online)", "pissn", "p-issn", "dc.identifier.issn", "issn-l", "journal issn",
             "issn (print)", "e issn"),
    "isbn": ("isbn", "print isbn", "electronic isbn", "eisbn", "e-isbn", "isbn (print)",
             "isbn (electronic)", "isbn (online)", "dc.identifier.isbn", "print isbn13",
             "isbn-13", "isbn-10", "isbn (trykt)", "isbn (elektronisk)"),
    "publisher": ("publisher", "editore", "verlag", "uitgever", "uitgeverij", "forlag", "förlag",
                  "éditeur", "editorial", "dc.publisher", "published by", "publisher name",
                  "casa editrice"),
    "publisher_place": ("place of publication", "place published", "luogo di pubblicazione",
                        "publisher place", "publisher location", "verlagsort"),
    "language": ("original language", "language", "lingua", "sprache", "sprog", "taal", "langue",
                 "idioma", "dc.language", "dc.language.iso", "language of publication",
                 "språk", "originalsprog", "originele taal", "originalsprache", "originele taal-2",
                 "dc.language.iso", "lingua originale"),
    "url": ("official url", "resource uri", "uri", "url", "permalink", "link alla scheda completa",
            "handle", "persistent link", "persistent url", "dc.identifier.uri", "link",
            "this version is available at", "link to publication", "link to publication record",
            "stable url", "permanent link", "permanent url", "link to this record",
            "please use this identifier to cite or link to this item",
            "utilizza questo identificativo per citare o creare un link a questo documento",
            "please use this identifier to cite", "persistent identifier", "link to record"),
    "abstract": ("abstract", "abstract / description of output", "abstract/description of output",
                 "riassunto", "sommario", "summary", "zusammenfassung", "kurzfassung", "resumé",
                 "résumé", "resumen", "resumo", "samenvatting", "sammanfattning", "sammendrag",
                 "dc.description.abstract", "abstract (english)", "abstract in english",
                 "abstract:", "description", "structured abstract", "a b s t r a c t",
                 "abstract / description of output", "resumen / abstract", "dc.description"),
    "keywords": ("keywords", "key words", "keywords / materials (for non-textual outputs)",
                 "uncontrolled keywords", "author keywords", "parole chiave", "schlagwörter",
                 "schlüsselwörter", "stichwörter", "mots-clés", "mots clés", "palabras clave",
                 "palavras-chave", "trefwoorden", "nyckelord", "emneord", "index terms",
                 "subject keywords", "dc.subject", "keyword", "keywords (free text)",
                 "free keywords", "emneord", "nøgleord", "trefwoorden", "schlagworte",
                 "uncontrolled keywords:", "author supplied keywords", "keywords (en)"),
    "type": ("item type", "tipologia cris", "tipologia", "type", "document type",
             "publication type", "research output", "article type", "dc.type", "output type",
             "resource type", "type of publication", "publikationstyp", "publicatietype",
             "publikationsform", "content type", "type of work", "type de document",
             "forskningsoutput", "onderzoeksoutput", "forschungsoutput", "appears in typologies",
             "tipo", "publication type", "item type:", "degree type", "publikationstyp:"),
    "license": ("license", "licence", "rights", "dc.rights", "creative commons licence",
                "licenza", "lizenz", "licentie", "copyright and license", "rights statement",
                "usage rights", "access rights", "terms of use", "dc.rights.license"),
    "genre": ("thesis type", "degree", "qualification", "degree name", "award"),
    "school": ("institution", "awarding institution", "university", "degree grantor", "school"),
    "citation": ("citation", "cite this article", "cite this", "to cite this article",
                 "cite this article as", "how to cite", "recommended citation",
                 "citation for published version (apa)", "bibliographic citation",
                 "dc.identifier.citation", "full citation", "cite as", "citazione",
                  "citation (apa)", "apa", "please cite this article as", "suggested citation",
                 "bibliographic reference", "cite", "mdpi and acs style", "ama style",
                 "citationsformater", "citeerwijze", "zitierweise", "cite this publication",
                 "cite this paper", "cite this chapter", "how to cite this article"),
    "pmid": ("pmid", "pubmed id", "pubmed"),
    "pmcid": ("pmcid", "pmc id"),
    # Labels whose values must not be mistaken for another field's (internal-author lists,
    # the published version's DOI on a preprint page, dates of submission).
    "ignore": ("autori di ateneo", "internal authors", "registered", "related doi",
               "journal reference", "comments", "jel classification", "jel-codes", "jel codes",
               "affiliations", "article history", "received", "accepted", "revised",
               "submission received", "date deposited", "last modified", "depositing user",
               "divisions", "numero di autori", "number of authors", "dc.date.accessioned",
               "dc.date.available", "dc.description.provenance", "collections",
               "appears in collections", "sponsorship", "funding", "funder", "licence de",
               "article notes", "author information", "aparece nas coleções", "aparece en las colecciones",
               "aparece nas colecções", "in sammlungen", "erscheint in sammlungen", "listed"),
    "subjects": ("subjects", "subject", "classification", "jel", "jel classification",
                 "jel codes", "dc.subject.classification", "research areas", "settore scientifico disciplinare"),
}  # fmt: skip

#: Headings and page furniture that end a multi-line value but carry no field.
STOP_LINES: frozenset[str] = frozenset(
    {
        "introduction", "references", "bibliography", "acknowledgements", "acknowledgments",
        "related articles", "metrics", "share", "downloads", "download", "full text",
        "fulltext", "files", "export", "statistics", "access", "notes", "figures", "tables",
        "altmetrics", "cited by", "similar articles", "comments", "divisions", "depositing user",
        "date deposited", "last modified", "funding", "funders", "fingerprint", "projects",
        "research output", "show full item record", "appears in collections", "collections",
        "files in this item", "view/open", "citations", "mentions", "captures", "usage",
        "export citation", "related content", "recommended articles", "article metrics",
        "corresponding author", "about the authors", "conflict of interest", "competing interests",
        "highlights", "graphical abstract", "contents", "article information", "open access",
        "peer-review", "peer review", "accepted/in press", "access to document", "other files and links",
        "link to publication in scopus", "bibliographical note", "readers", "supplementary material",
        "permissions", "reprints and permissions", "rights and permissions", "about this article",
        "additional information", "data availability", "author information", "author contributions",
        "ethics declarations", "disclaimer", "pubmed disclaimer", "mesh terms", "substances",
        "grants and funding", "linkout - more resources", "full text sources", "publication types",
        "comments:", "submission history", "subjects:", "journal reference:", "related doi:",
        "dive into the research topics", "cite this", "related", "keywords plus",
        "journal information", "author summary", "paper context", "previous chapter",
        "next chapter", "document sections", "footnotes", "article history", "author notes",
        "article contents", "supporting information", "show full outline", "reviews",
        "export citation and abstract", "full-text html", "similar content being viewed by others",
        "get full access to this article", "impact statement", "editor's summary",
        "plain language summary", "key points", "research in context", "peer review reports",
        "topics", "physics subject headings (physh)", "competing interest statement",
        "how to cite", "how to cite.", "main file", "subject areas", "index terms",
    }
)  # fmt: skip


def _numberish(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]?\d{1,6}[A-Za-z]?(?:\s*[-/–]\s*[A-Za-z]?\d{1,6})?", value))


def _pages(value: str) -> bool:
    return bool(
        re.fullmatch(r"(?:pp?\.?\s*)?[A-Za-z]?\d{1,7}(?:\s*[-–—]+\s*[A-Za-z]?\d{1,7})?", value)
    )


#: Validators for ``Label value`` lines joined by a space (no colon): the value must have
#: the field's shape, or the line is prose.
SPACE_SEPARATED: dict[str, Callable[[str], bool]] = {
    # "Keywords Urban heat island · Street trees" (Springer PDFs): a list, two items or more.
    "keywords": lambda v: (
        v[:1].isupper() and len(re.findall(r"\s[·;]\s", v)) >= 1 and len(v) <= 600
    ),
    "volume": _numberish,
    "issue": _numberish,
    "page": _pages,
    "number": lambda v: bool(re.fullmatch(r"[A-Za-z]?\d{1,9}", v)),
    "issn": lambda v: bool(re.fullmatch(r"[\dX -]{8,9}(?:\s*[,;/]\s*[\dX -]{8,9})*", v, re.I)),
    "isbn": lambda v: bool(re.fullmatch(r"[\dX -]{10,17}", v, re.I)),
    "doi": lambda v: v.lower().startswith(("10.", "https://doi.org", "http://dx.doi.org", "doi:")),
    "pmid": lambda v: v.isdigit(),
    "pmcid": lambda v: bool(re.fullmatch(r"PMC\d+", v)),
}

_LABEL_TO_FIELD: dict[str, str] = {}
for _field, _labels in LABELS.items():
    for _label in _labels:
        _LABEL_TO_FIELD.setdefault(_label.rstrip(":"), _field)

# Longest labels first, so "pages (from-to)" wins over "pages" and "issue number" over "issue".
_SORTED_LABELS = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
_LABEL_ALTERNATION = "|".join(re.escape(label) for label in _SORTED_LABELS)
_COLON = re.compile(rf"^\s*(?:[•·*-]\s*)?({_LABEL_ALTERNATION})\s*[:：]\s*(.*)$", re.IGNORECASE)
_ALONE = re.compile(rf"^\s*({_LABEL_ALTERNATION})\s*[:：]?\s*$", re.IGNORECASE)
# Glued (Pure): the label's last character is lower-case or ")" and the value starts with a
# capital or a digit, so "JournalEuropean" splits while "Journalism" does not.
_GLUED = re.compile(rf"^\s*((?i:{_LABEL_ALTERNATION}))(?<=[a-z)\]])(?=[A-Z0-9À-Ý])(.+)$")
# Glued with a value of the field's shape whatever its case ("Artikelnummere12044", "ISSN2045-3329").
_GLUED_SHAPED = re.compile(rf"^\s*((?i:{_LABEL_ALTERNATION}))(\S.*)$")
_SPACED = re.compile(rf"^\s*({_LABEL_ALTERNATION})\.?\s+(.+?)\s*$", re.IGNORECASE)

#: Labels too common as ordinary words to be trusted in the glued or spaced layouts.
_ONLY_WITH_COLON_OR_ALONE = frozenset(
    {"in", "by", "no", "date", "type", "link", "source", "published",
     "summary", "description", "subject", "article", "publication", "cite", "apa", "event",
     "university", "school", "institution", "degree", "award", "rights", "series", "pubmed",
     "year", "url", "uri", "handle"}
)  # fmt: skip

#: Labels that only count when they stand alone on their line (too common after a colon too).
_ONLY_ALONE = frozenset({"in", "by", "apa", "article", "cite"})


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A label found on a line: the field, the label as written, and the value on the line.

    ``value`` is empty when the label stands alone (its value follows on the next lines).
    ``value_offset`` is where the value starts within the line.
    """

    field: str
    label: str
    value: str
    value_offset: int


@lru_cache(maxsize=8192)
def classify(line: str) -> LabelHit | None:
    """The label at the start of ``line`` and its inline value, if the line is a labelled field."""
    if len(line) > 2000:
        return None
    match = _ALONE.match(line)
    if match:
        label = match.group(1)
        return LabelHit(_LABEL_TO_FIELD[label.lower()], label, "", len(line))
    if "\t" in line:
        # Table rows saved as text: "Label<TAB>value[<TAB>language]" (DSpace full records, Pure).
        first, _, rest = line.partition("\t")
        key = first.strip().rstrip(":").strip().lower()
        if key in _LABEL_TO_FIELD:
            value = rest.strip().split("\t")[0].strip()
            offset = line.find(value, len(first)) if value else len(line)
            return LabelHit(_LABEL_TO_FIELD[key], first.strip(), value, offset)
    match = _COLON.match(line)
    if match:
        label = match.group(1)
        key = label.lower()
        if key in _ONLY_ALONE:
            return None
        value = match.group(2).strip()
        return LabelHit(_LABEL_TO_FIELD[key], label, value, match.start(2))
    match = _GLUED.match(line)
    if match and match.group(1).lower() not in _ONLY_WITH_COLON_OR_ALONE:
        label = match.group(1)
        return LabelHit(
            _LABEL_TO_FIELD[label.lower()], label, match.group(2).strip(), match.start(2)
        )
    match = _GLUED_SHAPED.match(line)
    if match:
        label = match.group(1)
        field = _LABEL_TO_FIELD[label.lower()]
        check = SPACE_SEPARATED.get(field)
        if (
            check is not None
            and label.lower() not in _ONLY_WITH_COLON_OR_ALONE
            and check(match.group(2).strip())
        ):
            return LabelHit(field, label, match.group(2).strip(), match.start(2))
    match = _SPACED.match(line)
    if match:
        label = match.group(1)
        key = label.lower()
        field = _LABEL_TO_FIELD[key]
        value = match.group(2)
        check = SPACE_SEPARATED.get(field)
        if key not in _ONLY_WITH_COLON_OR_ALONE and check is not None and check(value):
            return LabelHit(field, label, value, match.start(2))
    match = _ANY_ISBN.match(line)
    if match:
        group = "value" if match.group("value") else "value2"
        value = (match.group(group) or "").strip()
        if not value or SPACE_SEPARATED["isbn"](value):
            offset = match.start(group) if value else len(line)
            return LabelHit("isbn", match.group("label"), value, offset)
    return None


# A book's ISBNs come under many labels ("Print ISBN", "Online ISBN", "Electronic ISBN",
# "Print on Demand(PoD) ISBN", "Hardcover ISBN"): any short label ending in ISBN, written in
# capitals, with an ISBN-shaped value or none (the value on the next line).
_ANY_ISBN = re.compile(
    r"^\s*(?P<label>(?i:(?:print|online|electronic|e-?book|hardcover|hardback|paperback|softcover|"
    r"pdf|epub|digital|on|demand(?:\s*\(pod\))?|\(pod\)|e)\s*)*ISBN(?:-1[03])?"
    r"(?:\s*\([^)]{1,20}\))?)"
    r"\s*(?::\s*(?P<value>.*?)|\s+(?P<value2>[\dXx][\dXx -]{8,16}))?\s*$"
)


@lru_cache(maxsize=8192)
def is_stop_line(line: str) -> bool:
    """True for a heading or page furniture that ends a multi-line value."""
    stripped = line.strip().rstrip(":").strip().lower()
    if not stripped:
        return False
    if stripped in STOP_LINES or stripped + ":" in STOP_LINES:
        return True
    return any(stripped.startswith(prefix) for prefix in _STOP_PREFIXES)


_STOP_PREFIXES = (
    "dive into the research topics",
    "copyright ©",
    "© ",
    "copyright (c)",
    "cited by (",
    "pubmed disclaimer",
    "show full item record",
    "appears in collections",
    "keywords / materials",
    "(the full text of this publication",
    "the full text of this publication",
    "full text not available",
    "no full text",
    "comments:",
    "subjects:",
    "cite as:",
    "journal reference:",
    "related doi:",
    "submission history",
    "access to document",
    "fingerprint",
    "total unique views",
    "created:",
    "last edited:",
    "previous chapter",
    "graphical abstract:",
    "(psycinfo database record",
    "get full access",
    "export citation and abstract",
    "similar content being viewed",
    "statistics from altmetric",
    "research organization:",
    "how to cite.",
    "main file ",
)
