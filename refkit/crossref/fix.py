"""Apply what a check learned to a record: found DOIs, empty fields filled from Crossref, repairs.

A user's value is never overwritten unless its field is named in ``overwrite``; when
Crossref disagrees with a kept value, the change log says so (action ``kept``), so
the user can decide.  Every change is logged as a :class:`Change`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refkit.crossref.jats import jats_sections, jats_to_text
from refkit.crossref.verify import lost_dash, work_doi, work_pages
from refkit.model import Provenance, Record, attribute_name, csl_name

if TYPE_CHECKING:
    from refkit.crossref.check import CheckResult

#: Fields filled from Crossref when the entry leaves them empty (record attribute names).
FILLABLE: tuple[str, ...] = (
    "container_title",
    "volume",
    "issue",
    "page",
    "issn",
    "publisher",
    "abstract",
)
#: Fields ``overwrite`` may name: the fillable ones and the title.
OVERWRITABLE: frozenset[str] = frozenset({*FILLABLE, "title"})


@dataclass(frozen=True, slots=True)
class Change:
    """One change made (or declined) to one entry.

    ``action`` is ``added`` (a found DOI), ``filled`` (an empty field), ``replaced`` (a
    value named in ``overwrite``), ``repaired`` (a malformed DOI or a page range that
    lost its dash) or ``kept`` (Crossref differs, the user's value stays).
    """

    key: str
    field: str
    action: str
    old: str
    new: str
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "field": self.field,
            "action": self.action,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }

    def describe(self) -> str:
        if self.action == "kept":
            return f"{self.key}: {self.field}: kept {self.old!r} (Crossref: {self.new!r}); {self.reason}"
        if self.old:
            return f"{self.key}: {self.field}: {self.action} {self.old!r} -> {self.new!r} ({self.reason})"
        return f"{self.key}: {self.field}: {self.action} {self.new!r} ({self.reason})"


def parse_fields(names: Iterable[str]) -> frozenset[str]:
    """Attribute names for ``--overwrite`` values given in either spelling (``container-title``).

    Raises ValueError naming the first field that cannot be overwritten.
    """
    fields: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        attribute = attribute_name(name) if name != "ISSN" else "issn"
        attribute = attribute.lower()
        if attribute not in OVERWRITABLE:
            allowed = ", ".join(sorted(csl_name(f) for f in OVERWRITABLE))
            raise ValueError(f"cannot overwrite {name!r} (fields: {allowed})")
        fields.add(attribute)
    return frozenset(fields)


def _page_flagged(record: Record) -> bool:
    """Whether the reader marked the page range as suspect (a lost dash, a bad range)."""
    provenance = record.provenance.get("page")
    note = provenance.note.lower() if provenance is not None else ""
    if any(word in note for word in ("dash", "range", "page")):
        return True
    return any("page" in warning.lower() for warning in record.warnings)


def _crossref_values(work: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("volume", "issue", "publisher"):
        text = str(work.get(name) or "").strip()
        if text:
            values[name] = text
    first, last = work_pages(work)
    if first:
        values["page"] = f"{first}-{last}" if last else first
    issns = work.get("ISSN")
    if isinstance(issns, list):
        cleaned = tuple(dict.fromkeys(str(i).strip() for i in issns if str(i).strip()))
        if cleaned:
            values["issn"] = cleaned
    abstract = work.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        text = jats_to_text(abstract)
        if text:
            values["abstract"] = text
            values["abstract_sections"] = tuple(
                (heading, body) for heading, body in jats_sections(abstract) if heading
            )
    titles = work.get("title")
    if isinstance(titles, list) and titles and isinstance(titles[0], str):
        values["title"] = titles[0]
    containers = work.get("container-title")
    if isinstance(containers, list) and containers and isinstance(containers[0], str):
        values["container_title"] = containers[0]
    return values


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def fix_record(
    record: Record,
    *,
    work: Mapping[str, Any] | None = None,
    found_doi: str = "",
    cleaned_doi: str = "",
    overwrite: Collection[str] = (),
    key: str = "",
    reason: str = "",
) -> tuple[Record, tuple[Change, ...]]:
    """The record with the check's findings applied, and the log of what changed.

    ``work`` is the Crossref work the entry was confirmed against (or the validated
    candidate for ``found_doi``); pass None for an entry whose DOI points elsewhere, so
    nothing is copied from the wrong paper.  ``cleaned_doi`` replaces a malformed DOI.
    """
    label = key or record.id or record.title[:40] or "entry"
    changes: list[Change] = []
    updates: dict[str, Any] = {}
    provenance = dict(record.provenance)
    source_doi = work_doi(work) if work is not None else ""
    origin = Provenance("crossref", note=f"doi:{source_doi}" if source_doi else "")

    if cleaned_doi and cleaned_doi != record.doi:
        changes.append(
            Change(label, "DOI", "repaired", record.doi, cleaned_doi, "malformed DOI cleaned")
        )
        updates["doi"] = cleaned_doi
        provenance["doi"] = Provenance(
            record.provenance["doi"].source if "doi" in record.provenance else "crossref",
            note="repaired: malformed DOI cleaned",
        )
    if found_doi and not record.doi:
        changes.append(Change(label, "DOI", "added", "", found_doi, reason or "found by search"))
        updates["doi"] = found_doi
        provenance["doi"] = Provenance("crossref", note=reason or "found by search")

    if work is not None:
        theirs = _crossref_values(work)
        for name in (*FILLABLE, "title"):
            if name not in theirs:
                continue
            new = theirs[name]
            old = getattr(record, name)
            if not old:
                if name not in FILLABLE:
                    continue
                updates[name] = new
                if (
                    name == "abstract"
                    and not record.abstract_sections
                    and theirs.get("abstract_sections")
                ):
                    updates["abstract_sections"] = theirs["abstract_sections"]
                provenance[name] = origin
                changes.append(
                    Change(label, csl_name(name), "filled", "", _shown(new), "empty; from Crossref")
                )
                continue
            if _same(name, old, new):
                continue
            if (
                name == "page"
                and lost_dash(str(old), *work_pages(work))
                and (_page_flagged(record) or name in overwrite)
            ):
                updates[name] = new
                provenance[name] = Provenance(origin.source, note="repaired: lost dash")
                changes.append(
                    Change(
                        label, "page", "repaired", str(old), str(new), "page range lost its dash"
                    )
                )
            elif name in overwrite:
                updates[name] = new
                provenance[name] = origin
                changes.append(
                    Change(
                        label, csl_name(name), "replaced", _shown(old), _shown(new), "--overwrite"
                    )
                )
            elif name in FILLABLE or name in OVERWRITABLE:
                changes.append(
                    Change(
                        label,
                        csl_name(name),
                        "kept",
                        _shown(old),
                        _shown(new),
                        f"use --overwrite {csl_name(name)} to take Crossref's value",
                    )
                )
    if not updates:
        return record, tuple(changes)
    return dataclasses.replace(record, **updates, provenance=provenance), tuple(changes)


def _same(name: str, old: Any, new: Any) -> bool:
    from refkit.crossref.verify import fold

    if name == "issn":
        # Print and electronic ISSNs name the same journal: sharing one is agreeing.
        return bool(
            {str(v).replace("-", "").upper() for v in old}
            & {str(v).replace("-", "").upper() for v in new}
        )
    if name == "page":
        return fold(str(old).replace("–", "-")) == fold(str(new))
    if name == "abstract":
        # An abstract the user kept is theirs, whatever its wording.
        return True
    return fold(str(old)) == fold(str(new))


def fix_from_result(
    result: CheckResult, overwrite: Collection[str] = frozenset()
) -> tuple[Record, tuple[Change, ...]]:
    """Apply what a check found: fields from the confirmed work, a DOI found by search
    (with the candidate's work), or a malformed DOI's cleaned form; nothing otherwise."""
    check = result.check
    record = result.record
    if check.verdict in {"ok", "corrected", "retracted", "withdrawn"}:
        return fix_record(record, work=result.work, overwrite=overwrite, key=result.key)
    if check.verdict == "missing" and check.details.get("candidate") and result.work is not None:
        reason = f"found by search, confidence {check.details.get('confidence', 0):.2f}"
        return fix_record(
            record,
            work=result.work,
            found_doi=str(check.details["candidate"]),
            overwrite=overwrite,
            key=result.key,
            reason=reason,
        )
    if check.verdict == "malformed" and check.details.get("cleaned"):
        trusted = check.details.get("cleaned_verdict") in {
            "ok",
            "corrected",
            "retracted",
            "withdrawn",
        }
        return fix_record(
            record,
            work=result.work if trusted else None,
            cleaned_doi=str(check.details["cleaned"]),
            overwrite=overwrite,
            key=result.key,
        )
    return record, ()
