"""The DOI check pipeline: entries in, one verdict per entry out, as soon as it is decided.

Entries are read lazily in chunks; within a chunk the verdicts that need no network
(malformed, duplicate, missing) come out at once, the DOIs go to Crossref in batches
through :class:`~refkit.crossref.client.CrossrefClient` and their verdicts come out as
the answers arrive, DOIs Crossref does not know are put to the doi.org agency
service together, and entries without a DOI (when asked to find them) are searched for
several at a time, each with its reference string when it has one.  Memory holds one
chunk and the set of DOIs seen (for duplicates).

A failure to reach a service is never turned into a verdict about the DOI: such
entries are ``unverified``, with the reason.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refkit.crossref.verify import verdict_for_work
from refkit.doi import is_valid, normalize
from refkit.doi import key as doi_key
from refkit.errors import DoiError, InputError, RefkitError
from refkit.model import Check, Provenance, Record

if TYPE_CHECKING:
    from refkit.crossref.client import CrossrefClient

#: Every verdict, in the order reports list them (most serious first).
VERDICTS: tuple[str, ...] = (
    "retracted",
    "withdrawn",
    "nonexistent",
    "mismatch",
    "malformed",
    "not-in-crossref",
    "duplicate",
    "corrected",
    "missing",
    "unverified",
    "ok",
)
#: Entries read and decided together; bounds memory and keeps several requests in flight.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class CheckResult:
    """One entry and its verdict.

    ``record`` carries the verdict in ``record.check``; ``work`` is the Crossref work
    the verdict rests on (the DOI's own, or the candidate found by search), which
    :func:`refkit.crossref.fix.fix_record` fills fields from.
    """

    record: Record
    position: int
    work: Mapping[str, Any] | None = field(default=None, hash=False, compare=False)

    @property
    def check(self) -> Check:
        assert self.record.check is not None
        return self.record.check

    @property
    def verdict(self) -> str:
        return self.check.verdict

    @property
    def key(self) -> str:
        """The entry's citation key, or its position (``#12``) when it has none."""
        return self.record.id or f"#{self.position + 1}"


@dataclass
class _Pending:
    position: int
    record: Record
    doi: str
    cleaned: bool


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _as_record(item: Record | str) -> Record:
    return item if isinstance(item, Record) else Record(doi=item.strip())


def check(
    records_or_dois: Iterable[Record | str],
    *,
    client: CrossrefClient | None = None,
    find_missing: bool = False,
    offline: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[CheckResult]:
    """Check every entry's DOI against Crossref; yield a :class:`CheckResult` per entry.

    ``records_or_dois`` holds records or bare DOI strings, read lazily.  Without a
    ``client`` one is made from the environment (``REFKIT_MAILTO``,
    ``REFKIT_CROSSREF_URL``, the user cache) and closed at the end.  With
    ``find_missing`` an entry without a DOI is searched for, and a validated candidate
    is reported in its details.  ``offline`` sends nothing: only the cache and the DOI
    syntax decide.  Results come out in the order they are decided, not the input order;
    ``position`` gives the input order.
    """
    owned = client is None
    if client is None:
        from refkit.crossref.client import CrossrefClient

        client = CrossrefClient.from_environment(offline=offline)
    try:
        checker = _Checker(client, find_missing=find_missing)
        items = iter(enumerate(records_or_dois))
        while chunk := list(islice(items, max(1, chunk_size))):
            yield from checker.chunk([(position, _as_record(item)) for position, item in chunk])
    finally:
        if owned:
            client.close()


class _Checker:
    """Holds what must outlive a chunk: the client and the DOIs already seen."""

    def __init__(self, client: CrossrefClient, *, find_missing: bool) -> None:
        self.client = client
        self.find_missing = find_missing
        self.first_holder: dict[str, str] = {}

    def _label(self, position: int, record: Record) -> str:
        return record.id or f"#{position + 1}"

    def _result(
        self, position: int, record: Record, check: Check, work: Mapping[str, Any] | None = None
    ) -> CheckResult:
        check = dataclasses.replace(check, checked=check.checked or _now())
        return CheckResult(dataclasses.replace(record, check=check), position, work)

    def chunk(self, entries: list[tuple[int, Record]]) -> Iterator[CheckResult]:
        pending: dict[str, list[_Pending]] = {}
        missing: list[tuple[int, Record]] = []
        for position, record in entries:
            decided = self._local(position, record, pending, missing)
            if decided is not None:
                yield decided
        yield from self._lookup(pending)
        yield from self._searches(missing)

    # -- decided without the network ---------------------------------------------------------
    def _local(
        self,
        position: int,
        record: Record,
        pending: dict[str, list[_Pending]],
        missing: list[tuple[int, Record]],
    ) -> CheckResult | None:
        written = record.doi.strip()
        if not written:
            if self.find_missing:
                missing.append((position, record))
                return None
            return self._result(position, record, Check("missing", details={}))
        cleaned = written
        if not is_valid(written):
            try:
                cleaned = normalize(written)
            except DoiError as error:
                reason = str(error).removeprefix(f"{written}: ")
                check = Check("malformed", doi=written, details={"reason": reason})
                return self._result(position, record, check)
        key = doi_key(cleaned)
        label = self._label(position, record)
        holder = self.first_holder.get(key)
        if holder is not None:
            details: dict[str, Any] = {"duplicate_of": holder}
            if cleaned != written:
                details["cleaned"] = cleaned
            return self._result(position, record, Check("duplicate", doi=written, details=details))
        self.first_holder[key] = label
        pending.setdefault(key, []).append(_Pending(position, record, cleaned, cleaned != written))
        return None

    # -- Crossref and doi.org -----------------------------------------------------------------
    def _lookup(self, pending: dict[str, list[_Pending]]) -> Iterator[CheckResult]:
        if not pending:
            return
        not_found: dict[str, str] = {}
        dois = [entries[0].doi for entries in pending.values()]
        for result in self.client.works(dois):
            key = doi_key(result.doi)
            if key not in pending:
                continue
            if result.status == "found" and result.work is not None:
                for entry in pending.pop(key):
                    check = verdict_for_work(entry.record, result.work, doi=entry.doi)
                    yield self._finish(entry, check, result.work)
            elif result.status == "not-found":
                not_found[key] = result.doi
            else:
                reason = result.error or "Crossref could not be reached"
                for entry in pending.pop(key):
                    yield self._finish(
                        entry, Check("unverified", doi=entry.doi, details={"reason": reason})
                    )
        # Answers the client never gave (it should give one per DOI) are not guessed at.
        for key in list(pending):
            if key not in not_found:
                for entry in pending.pop(key):
                    details = {"reason": "no answer from Crossref"}
                    yield self._finish(entry, Check("unverified", doi=entry.doi, details=details))
        if not_found:
            yield from self._agencies(not_found, pending)

    def _agencies(
        self, not_found: dict[str, str], pending: dict[str, list[_Pending]]
    ) -> Iterator[CheckResult]:
        try:
            agencies = self.client.agencies(list(not_found.values()))
        except RefkitError as error:
            agencies = {}
            failure = str(error)
        else:
            failure = "" if not self.client.offline else "offline"
        lowered = {doi_key(doi): agency for doi, agency in agencies.items()}
        for key, doi in not_found.items():
            agency = lowered.get(key, "?")
            check = self._agency_verdict(doi, agency, failure)
            for entry in pending.pop(key, []):
                yield self._finish(entry, dataclasses.replace(check, doi=entry.doi))

    def _agency_verdict(self, doi: str, agency: str | None, failure: str) -> Check:
        if agency == "?":
            reason = failure or "the DOI agency service did not answer"
            return Check(
                "unverified",
                doi=doi,
                details={
                    "reason": f"not in Crossref; agency unknown ({reason})",
                    "crossref": "not-found",
                },
            )
        if agency is None:
            exists = None if self.client.offline else self._handle_exists(doi)
            if exists is False:
                return Check(
                    "nonexistent", doi=doi, details={"agency": None, "handle": "not found"}
                )
            if exists is True:
                return Check(
                    "not-in-crossref", doi=doi, details={"agency": "unknown", "handle": "exists"}
                )
            return Check(
                "unverified",
                doi=doi,
                details={"reason": "not in Crossref; whether the DOI exists could not be told"},
            )
        if agency.strip().lower() == "crossref":
            return Check(
                "unverified",
                doi=doi,
                details={
                    "reason": "registered with Crossref, but Crossref has no metadata for it yet"
                },
            )
        return Check("not-in-crossref", doi=doi, details={"agency": agency})

    def _handle_exists(self, doi: str) -> bool | None:
        try:
            return self.client.handle_exists(doi)
        except RefkitError:
            return None

    def _finish(
        self, entry: _Pending, check: Check, work: Mapping[str, Any] | None = None
    ) -> CheckResult:
        if entry.cleaned:
            # The entry's DOI is malformed even when its cleaned form checks out; say both.
            inner: dict[str, Any] = {"cleaned": entry.doi, "cleaned_verdict": check.verdict}
            if check.details:
                inner["cleaned_details"] = dict(check.details)
            check = Check("malformed", doi=entry.record.doi, details=inner)
        return self._result(entry.position, entry.record, check, work)

    # -- search ---------------------------------------------------------------------------
    def _searches(self, missing: list[tuple[int, Record]]) -> Iterator[CheckResult]:
        """The search verdicts of a chunk's entries without a DOI, in input order.

        Searches run on as many threads as the pool lets list requests be in flight (the
        client's throttle still paces every request); each result is yielded as soon as
        it and those before it are decided, so output streams and stays deterministic.
        """
        workers = min(len(missing), self.client.concurrency())
        if workers <= 1 or self.client.offline:
            # Offline, searches come from the cache alone: threads would buy nothing.
            for position, record in missing:
                yield self._search(position, record)
            return
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="refkit-search")
        window: deque[Future[CheckResult]] = deque()
        finished = False
        try:
            for position, record in missing:
                window.append(executor.submit(self._search, position, record))
                # A few searches queued beyond those in flight keep every slot busy.
                while len(window) > 2 * workers or (window and window[0].done()):
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
            finished = True
        finally:
            if finished:
                executor.shutdown(wait=True)
            else:
                # A block (re-raised by result()) or a consumer that stopped early.
                self.client.abandon(executor)

    def _search(self, position: int, record: Record) -> CheckResult:
        from refkit.crossref.client import BlockedError
        from refkit.crossref.match import find_doi

        try:
            match = find_doi(record, self.client, reference=record.reference_text)
        except BlockedError:
            raise
        except RefkitError as error:
            details = {"reason": f"search failed: {error}", "doi": "missing"}
            return self._result(position, record, Check("unverified", details=details))
        best = match.best
        work = best.work if match.doi and best is not None else None
        return self._result(position, record, Check("missing", details=match.to_json()), work)


def describe(check: Check) -> str:
    """One line saying why an entry got its verdict, for tables and CSV."""
    details = check.details
    verdict = check.verdict
    if verdict == "ok":
        return str(details.get("crossref", {}).get("title", ""))
    if verdict == "mismatch":
        parts = [
            f"{f['field']}: {f['entry']!r} vs Crossref {f['crossref']!r} ({f['similarity']:.2f})"
            for f in details.get("fields", [])
        ]
        return "; ".join(parts)
    if verdict in {"retracted", "withdrawn", "corrected"}:
        notices = details.get("notices", [])
        shown = [
            f"{n.get('type')} {n.get('doi') or ''} {n.get('date') or ''} ({n.get('source')})".replace(
                "  ", " "
            )
            for n in notices
        ]
        return "; ".join(shown)
    if verdict == "not-in-crossref":
        return f"registered with {details.get('agency')}"
    if verdict == "nonexistent":
        return "no registration agency knows this DOI"
    if verdict == "malformed":
        if details.get("cleaned"):
            return f"clean form {details['cleaned']} is {details.get('cleaned_verdict', '?')}"
        return str(details.get("reason", "not a DOI"))
    if verdict == "duplicate":
        return f"same DOI as {details.get('duplicate_of')}"
    if verdict == "missing":
        if details.get("candidate"):
            return f"found {details['candidate']} (confidence {details.get('confidence', 0):.2f})"
        if details.get("reason"):
            return f"no DOI found: {details['reason']}"
        return "no DOI"
    return str(details.get("reason", ""))


# ----------------------------------------------------------------------------- DOI lists


def _list_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def _is_doi_line(line: str) -> bool:
    try:
        normalize(line)
    except DoiError:
        return False
    return True


def looks_like_doi_list(text: str) -> bool:
    """Whether ``text`` is a plain list of DOIs, one per line (a few junk lines allowed).

    Library formats are recognised first, so a ``.bib`` or RIS file whose lines hold
    DOIs is never taken for a list.
    """
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("@", "TY  -", "[", "{", "%")):
        return False
    lines = [line for _, line in islice(_list_lines(text), 2000)]
    dois = sum(1 for line in lines if _is_doi_line(line))
    return dois > 0 and 2 * dois >= len(lines)


def read_doi_list(text: str, source: str) -> tuple[list[Record], list[InputError]]:
    """One record per non-blank line (``#`` starts a comment line), and the lines that are not DOIs.

    A line that is not a DOI is still an entry (its verdict will be ``malformed``), so
    nothing the user listed disappears from the report; it is also named as a problem.
    """
    name = Path(source).name if source not in {"<stdin>", "<text>"} else source
    records: list[Record] = []
    problems: list[InputError] = []
    for number, line in _list_lines(text):
        records.append(
            Record(
                id=f"{name}:{number}",
                doi=line,
                source=source,
                provenance={"doi": Provenance(source, line=number)},
            )
        )
        if not _is_doi_line(line):
            shown = line if len(line) <= 60 else line[:57] + "..."
            problems.append(InputError(f"not a DOI: {shown!r}", source=source, line=number))
    return records, problems
