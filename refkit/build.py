"""From a folder of papers to a checked library and an annotated bibliography, in one run.

The stages run one after the other, each taking records and returning records:
read → reference lists → DOI check and completion → claims and keywords → files.
Nothing reaches back into an earlier stage.  When Crossref cannot be reached (or the
run is offline) the DOIs are marked unverified, the user is told once, and the build
still writes every file.  Output is deterministic: the same input and cache give the
same bytes.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from refkit.errors import InputError, RefkitError
from refkit.model import Check, Record

if TYPE_CHECKING:
    from refkit.crossref.client import CrossrefClient

#: Every file a build writes, with the writer that makes it.
OUTPUTS: tuple[str, ...] = (
    "library.bib",
    "library.biblatex.bib",
    "library.json",
    "library.ris",
    "annotated-bibliography.md",
    "annotated-bibliography.html",
    "annotated-bibliography.tex",
    "summaries.md",
    "doi-report.json",
    "doi-report.html",
)

#: Verdicts that need no attention.
_FINE = {"ok"}


@dataclass
class BuildReport:
    """What a build did, for the closing summary and for scripts."""

    documents_read: int = 0
    records: int = 0
    references: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def dois_ok(self) -> int:
        return sum(n for verdict, n in self.verdicts.items() if verdict in _FINE)

    @property
    def dois_unverified(self) -> int:
        return self.verdicts.get("unverified", 0)

    @property
    def dois_attention(self) -> int:
        return sum(self.verdicts.values()) - self.dois_ok - self.dois_unverified

    def summary(self) -> str:
        """The closing lines printed after a build."""
        written = ", ".join(path.name for path in self.files)
        return (
            f"read {self.documents_read} documents: {self.records} records, "
            f"{self.references} references\n"
            f"DOIs: {self.dois_ok} ok, {self.dois_attention} need attention, "
            f"{self.dois_unverified} unverified\n"
            f"wrote {len(self.files)} files to {self.files[0].parent if self.files else '-'}: {written}"
        )


Progress = Callable[[str, int], Callable[[], None]]


def build(
    paths: Sequence[Path],
    outdir: Path,
    *,
    client: CrossrefClient,
    style: str = "apa",
    references: bool = False,
    extracted_keywords: bool = False,
    templates_dir: Path | None = None,
    progress: Progress | None = None,
    report: BuildReport | None = None,
) -> BuildReport:
    """Run every stage on the documents under ``paths`` and write the outputs into ``outdir``.

    With ``extracted_keywords`` the keywords field of each record holds the extracted
    keyphrases after the author keywords.  Raises :class:`InputError` when no input is usable; every other problem of a single
    document is recorded in the report and the build goes on.
    """
    from refkit.ingest import ingest_paths, iter_files

    report = report or BuildReport()
    step = progress or _no_progress
    files = list(iter_files(paths))
    advance = step("reading", len(files))
    found = ingest_paths(files, on_file=lambda _path: advance())
    report.documents_read = found.files_read
    report.problems.extend(str(error) for error in found.errors)
    if not found.records:
        raise InputError("no usable input", source=", ".join(str(p) for p in paths))
    records = found.records

    records = _reference_lists(records, references, report)
    records = _checked(records, client, report, step)
    records = _analysed(records, step, extracted_keywords)
    report.records = sum(1 for r in records if not r.cited_by)
    report.references = sum(1 for r in records if r.cited_by)
    _write(records, outdir, style=style, templates_dir=templates_dir, report=report, step=step)
    return report


def _no_progress(_label: str, _total: int) -> Callable[[], None]:
    return lambda: None


def _reference_lists(records: list[Record], wanted: bool, report: BuildReport) -> list[Record]:
    from refkit.export.keys import assign_keys
    from refkit.references import attach_reference_lists

    if not wanted:
        return assign_keys(records)
    entries, problems = attach_reference_lists(records)
    report.problems.extend(str(problem) for problem in problems)
    return assign_keys(entries)


def _checked(
    records: list[Record], client: CrossrefClient, report: BuildReport, step: Progress
) -> list[Record]:
    """Records with their DOI verdicts, found DOIs and empty fields completed from Crossref."""
    from refkit.crossref.check import check
    from refkit.crossref.fix import fix_from_result

    advance = step("checking DOIs", len(records))
    checked: list[Record | None] = [None] * len(records)
    for result in check(records, client=client, find_missing=True, offline=client.offline):
        advance()
        verdict = result.check
        # Found DOIs and empty fields come from Crossref; a user's value is never overwritten.
        record, _changes = fix_from_result(result)
        # The time of the check would make every build's files differ.
        checked[result.position] = dataclasses.replace(record, check=_timeless(verdict))
        report.verdicts[verdict.verdict] += 1
    if report.verdicts.get("unverified"):
        reason = "offline" if client.offline else "Crossref could not be reached"
        report.notices.append(
            f"{reason}: {report.verdicts['unverified']} DOIs are marked unverified; "
            "run again online to check them"
        )
    return [record for record in checked if record is not None]


def _timeless(verdict: Check) -> Check:
    return dataclasses.replace(verdict, checked="")


def _analysed(records: list[Record], step: Progress, extracted_keywords: bool) -> list[Record]:
    from refkit.analysis import analyse, with_extracted_keywords

    advance = step("reading abstracts", len(records))
    out = []
    for record in records:
        if record.abstract:
            record = analyse(record)
            if extracted_keywords:
                record = with_extracted_keywords(record)
        out.append(record)
        advance()
    return out


def _write(
    records: list[Record],
    outdir: Path,
    *,
    style: str,
    templates_dir: Path | None,
    report: BuildReport,
    step: Progress,
) -> None:
    from refkit.export import write
    from refkit.fileio import atomic_write_text
    from refkit.render import render

    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create the output folder: {error.strerror or error}", source=str(outdir)
        ) from error
    documents = [record for record in records if not record.cited_by]
    makers: dict[str, Callable[[], str]] = {
        "library.bib": lambda: write(records, "bibtex"),
        "library.biblatex.bib": lambda: write(records, "biblatex"),
        "library.json": lambda: write(records, "csljson"),
        "library.ris": lambda: write(records, "ris"),
        "annotated-bibliography.md": lambda: render(
            documents, "annotated", style, "md", templates_dir=templates_dir
        ),
        "annotated-bibliography.html": lambda: render(
            documents, "annotated", style, "html", templates_dir=templates_dir
        ),
        "annotated-bibliography.tex": lambda: render(
            documents, "annotated", style, "tex", templates_dir=templates_dir
        ),
        "summaries.md": lambda: render(
            documents, "summaries", style, "md", templates_dir=templates_dir
        ),
        "doi-report.json": lambda: doi_report_json(records),
        "doi-report.html": lambda: render(
            records, "check-report", style, "html", templates_dir=templates_dir
        ),
    }
    advance = step("writing", len(makers))
    for name in OUTPUTS:
        path = outdir / name
        try:
            atomic_write_text(path, makers[name]())
        except OSError as error:
            raise RefkitError(f"{path}: cannot write: {error.strerror or error}") from error
        report.files.append(path)
        advance()


def doi_report_json(records: Sequence[Record]) -> str:
    """The DOI verdicts as JSON: one object per entry (key, DOI, verdict, details)."""
    from refkit.export.csljson import check_to_json

    entries: list[dict[str, Any]] = []
    for record in records:
        entry: dict[str, Any] = {"key": record.id, "title": record.title}
        if record.cited_by:
            entry["cited_by"] = record.cited_by
        if record.check is not None:
            entry.update(check_to_json(record.check))
        else:
            entry["verdict"] = "unchecked"
        entries.append(entry)
    return json.dumps(entries, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def print_report(report: BuildReport, stream: TextIO) -> None:
    """Problems, notices (each once) and the closing summary."""
    for problem in report.problems:
        print(f"refkit: {problem}", file=stream)
    for notice in dict.fromkeys(report.notices):
        print(f"refkit: {notice}", file=stream)
    print(report.summary(), file=stream)
