"""Who registered a DOI, and does it exist at all: the doi.org agency and handle services.

A 404 from Crossref is not proof that a DOI does not exist: DataCite, mEDRA, JaLC and
others register DOIs too.  ``{doi_url}/ra/{doi},{doi},...`` names the agency of many
DOIs in one request; ``{doi_url}/api/handles/{doi}`` says whether the handle exists.
doi.org states no rate limits, so requests go one at a time at a modest pace.
"""

from __future__ import annotations

import random
import re
import time
import urllib.parse
from collections.abc import Iterable, Iterator

import requests

from refkit.crossref.limits import Backoff, PoolLimits, RequestStats, Throttle, parse_retry_after
from refkit.doi import key as doi_key
from refkit.errors import ServiceError

#: DOIs per ``/ra/`` request; keeps the URL well under 4 KB.
RA_BATCH = 50
_URL_BUDGET = 3800
_RETRYABLE = frozenset({429, 500, 502, 503, 504})
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
# doi.org's pace when nothing else is known: gentle, one request in flight.
_DOI_ORG_LIMITS = PoolLimits(rate=5, interval=1.0, concurrency=1)


def _encode(doi: str) -> str:
    # Keep "/" readable: the handle proxy answers 404 to an encoded %2F.
    return urllib.parse.quote(doi, safe="/")


class AgencyLookup:
    """Client of doi.org's registration-agency and handle services (through ``requests``)."""

    def __init__(
        self,
        doi_url: str = "https://doi.org",
        *,
        user_agent: str = "",
        timeout: float = 20,
        max_retries: int = 5,
        backoff: Backoff | None = None,
        stats: RequestStats | None = None,
        session: requests.Session | None = None,
        batch_size: int = RA_BATCH,
    ) -> None:
        self.doi_url = doi_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff or Backoff()
        self.stats = stats or RequestStats()
        self.batch_size = max(1, batch_size)
        self._owns_session = session is None
        self._session = session or requests.Session()
        if user_agent:
            self._session.headers["User-Agent"] = user_agent
        self._throttle = Throttle(_DOI_ORG_LIMITS, max_concurrency=1)
        self._rng = random.Random()

    def agencies(self, dois: Iterable[str]) -> dict[str, str | None]:
        """The registration agency of each DOI ("Crossref", "DataCite", "mEDRA", ...).

        The value is None when doi.org says the DOI does not exist (or is not a DOI).
        DOIs doi.org could not be asked about (after retries) are left out of the result,
        so "unknown" is never mistaken for "does not exist".  Keys are the DOIs as given.
        """
        wanted: dict[str, str] = {}
        for doi in dois:
            text = doi.strip()
            if text:
                wanted.setdefault(doi_key(text), text)
        result: dict[str, str | None] = {}
        for text in wanted.values():
            if not _DOI_SHAPE.match(text):
                result[text] = None
        askable = [text for text in wanted.values() if text not in result]
        for batch in self._batches(askable):
            answers = self._ask_ra(batch)
            if answers is None:
                continue
            for text in batch:
                if doi_key(text) in answers:
                    result[text] = answers[doi_key(text)]
        return result

    def handle_exists(self, doi: str) -> bool | None:
        """True when the DOI's handle exists, False when doi.org says it does not, None if unknown."""
        text = doi.strip()
        if not _DOI_SHAPE.match(text):
            return False
        url = f"{self.doi_url}/api/handles/{_encode(text)}"
        response = self._get(url, doi=text)
        if response is None:
            return None
        try:
            payload = response.json()
        except ValueError:
            payload = {}
        code = payload.get("responseCode") if isinstance(payload, dict) else None
        if response.status_code == 200 and code in (1, 200):
            return True  # 200 means the handle exists but has no values of the type asked for
        if response.status_code == 404 or code == 100:
            return False
        return None

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> AgencyLookup:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------------
    def _batches(self, dois: list[str]) -> Iterator[list[str]]:
        batch: list[str] = []
        length = 0
        for doi in dois:
            if "," in doi:
                # A comma would split the DOI in the path; such DOIs are asked alone.
                yield [doi]
                continue
            piece = len(_encode(doi)) + 1
            if batch and (len(batch) >= self.batch_size or length + piece > _URL_BUDGET):
                yield batch
                batch, length = [], 0
            batch.append(doi)
            length += piece
        if batch:
            yield batch

    def _ask_ra(self, batch: list[str]) -> dict[str, str | None] | None:
        path = ",".join(_encode(doi) for doi in batch)  # a comma inside a DOI is escaped
        response = self._get(f"{self.doi_url}/ra/{path}", doi=batch[0] if len(batch) == 1 else "")
        if response is None or response.status_code != 200:
            return None
        try:
            payload = response.json()
        except ValueError:
            return None
        if not isinstance(payload, list):
            return None
        answers: dict[str, str | None] = {}
        for position, entry in enumerate(payload):
            if not isinstance(entry, dict):
                continue
            named = str(entry.get("DOI") or (batch[position] if position < len(batch) else ""))
            agency = entry.get("RA")
            if isinstance(agency, str) and agency:
                answers[doi_key(named)] = agency
            elif str(entry.get("status", "")).lower() in ("doi does not exist", "invalid doi"):
                answers[doi_key(named)] = None
        return answers

    def _get(self, url: str, *, doi: str = "") -> requests.Response | None:
        """GET with retries on 429, 5xx, timeouts and dropped connections; None when it never worked."""
        for attempt in range(self.max_retries + 1):
            retry_after: float | None = None
            with self._throttle.slot():
                self.stats.add("requests")
                try:
                    response = self._session.get(url, timeout=self.timeout)
                except requests.RequestException:
                    response = None
            if response is not None:
                if response.status_code == 403:
                    raise ServiceError(
                        "blocked by doi.org: stop and contact the service before retrying",
                        url=url,
                        status=403,
                        doi=doi,
                    )
                if response.status_code not in _RETRYABLE:
                    return response
                if response.status_code == 429:
                    self.stats.add("429s")
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if attempt == self.max_retries:
                break
            self.stats.add("retries")
            time.sleep(self.backoff.delay(attempt, retry_after, self._rng))
        self.stats.add("failures")
        return None
