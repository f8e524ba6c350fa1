"""refkit's BibTeX, biblatex and CSL-JSON output, read by the programs users import it with.

Two libraries: the records refkit reads from examples/documents, and the generated stress
library of tests/stress.py.  Each program must read every entry without a warning:

- biber --tool --validate-datamodel (biblatex's data model), on both dialects;
- bibtex with plain.bst on a generated .aux (classic BibTeX dialect);
- pandoc reading the .bib (bibtex and biblatex readers) and the CSL-JSON;
- JabRef 3.8's headless import, exported again as RIS;
- @retorquere/bibtex-parser under node, the parser Better BibTeX for Zotero uses.

A missing program skips (fails under CI=true): see tests/realclients.py.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from realclients import (
    JS_DIR,
    ROOT,
    count_entries,
    explain,
    require_node_package,
    require_tool,
    run,
)
from stress import stress_records

import refkit
from refkit.model import Person, Record

pytestmark = pytest.mark.realclient

DIALECTS = ("bibtex", "biblatex")


@pytest.fixture(scope="module")
def examples_library() -> list[Record]:
    records = list(refkit.ingest(str(ROOT / "examples" / "documents")))
    assert len(records) >= 4, (
        f"refkit.ingest('examples/documents') returned {len(records)} record(s), expected one "
        "per example document (4): the real-client checks need the examples' library"
    )
    return records


@pytest.fixture(scope="module")
def stress_library() -> list[Record]:
    records = stress_records()
    assert len(records) >= 200
    return records


@pytest.fixture(params=["examples", "stress"])
def library(request: pytest.FixtureRequest) -> list[Record]:
    records: list[Record] = request.getfixturevalue(f"{request.param}_library")
    return records


def write_bib(records: Sequence[Record], dialect: str, folder: Path) -> tuple[Path, str]:
    from refkit.export import bibtex

    text = bibtex.dumps(records, dialect=dialect)
    path = folder / "lib.bib"
    path.write_text(text, encoding="utf-8")
    return path, text


def write_csljson(records: Sequence[Record], folder: Path) -> tuple[Path, str]:
    from refkit.export import csljson

    text = csljson.dumps(records)
    path = folder / "lib.json"
    path.write_text(text, encoding="utf-8")
    return path, text


def entries_written(bib: str, records: Sequence[Record]) -> int:
    """Entries in the written .bib; at least one per record (reference lists may add more)."""
    count = count_entries(bib)
    assert count >= len(records), f"{len(records)} records but only {count} entries in the .bib"
    return count


def grep(text: str, keep: Callable[[str], bool]) -> list[str]:
    return [line for line in text.splitlines() if keep(line)]


# --- biber -------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_biber_validates_datamodel(library: list[Record], dialect: str, tmp_path: Path) -> None:
    biber = require_tool("biber")
    path, bib = write_bib(library, dialect, tmp_path)
    result = run([biber, "--tool", "--validate-datamodel", path.name], cwd=tmp_path)
    # The .blg repeats what biber prints, with a "[n] Module.pm:line> " prefix.
    log = tmp_path / "lib.bib.blg"
    blg = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    output = result.stdout + result.stderr + blg
    lines = [re.sub(r"^\[\d+\] [^>]*> ", "", line) for line in output.splitlines()]
    problems = [line for line in lines if re.search(r"\b(WARN|ERROR)\b", line)]
    # Fields carried through from a user's .bib (Record.extra: JabRef's owner, timestamp,
    # groups...) are written whatever biblatex's data model says, so that no user field
    # is lost; biber ignores them with an "invalid in data model" warning.  That warning
    # is tolerated for those field names only: for any other field, and every other
    # warning, the test still fails.
    passthrough = {name.strip().lower() for record in library for name in record.extra}
    problems = [
        line
        for line in problems
        if not (
            (match := re.search(r"Field '([^']+)' invalid in data model", line))
            and match.group(1).lower() in passthrough
        )
    ]
    if dialect == "bibtex":
        # biblatex's required fields are not classic BibTeX's (biblatex wants an editor in
        # every @incollection and an author in every @book; BibTeX, and plain.bst's checks
        # in test_bibtex_plain_style, accept an edited @book): only there are they relaxed.
        problems = [line for line in problems if "Missing mandatory field" not in line]
    assert result.returncode == 0 and not problems, (
        f"biber ({dialect}) exited {result.returncode}; " + explain(problems or [output], bib)
    )


# --- bibtex ------------------------------------------------------------------------------

#: .blg lines that report a problem (bibtex's warnings, its errors and their context).
_BIBTEX_PROBLEM = re.compile(
    r"Warning--|error message|I was expecting|I'm skipping|Repeated entry|Illegal|"
    r"Too many commas|Sorry|I couldn't open|---line \d+ of file|isn't style-file defined|"
    r"Case mismatch|undefined|Unbalanced|You're missing",
)


def test_bibtex_plain_style(library: list[Record], tmp_path: Path) -> None:
    bibtex = require_tool("bibtex")
    _, bib = write_bib(library, "bibtex", tmp_path)
    (tmp_path / "lib.aux").write_text(
        "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{lib}\n", encoding="utf-8"
    )
    result = run([bibtex, "lib"], cwd=tmp_path)
    blg = (tmp_path / "lib.blg").read_text(encoding="utf-8", errors="replace")
    problems = grep(blg, lambda line: bool(_BIBTEX_PROBLEM.search(line)))
    assert result.returncode == 0 and not problems, (
        f"bibtex exited {result.returncode}; " + explain(problems or blg.splitlines(), bib)
    )
    bbl = (tmp_path / "lib.bbl").read_text(encoding="utf-8", errors="replace")
    items = bbl.count("\\bibitem")
    assert items == entries_written(bib, library), f"bibtex wrote {items} \\bibitem(s)"


# --- pandoc ------------------------------------------------------------------------------


def _pandoc_items(result_stdout: str) -> int:
    items = json.loads(result_stdout)
    assert isinstance(items, list)
    return len(items)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_pandoc_reads_bib(library: list[Record], dialect: str, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    path, bib = write_bib(library, dialect, tmp_path)
    result = run([pandoc, "-f", dialect, "-t", "csljson", path.name], cwd=tmp_path)
    warnings = grep(result.stderr, lambda line: bool(line.strip()))
    assert result.returncode == 0 and not warnings, (
        f"pandoc -f {dialect} exited {result.returncode}; " + explain(warnings, bib)
    )
    count = _pandoc_items(result.stdout)
    assert count == entries_written(bib, library), f"pandoc read {count} entries"


def test_pandoc_reads_csljson(library: list[Record], tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    path, text = write_csljson(library, tmp_path)
    written = json.loads(text)
    assert isinstance(written, list) and len(written) >= len(library)
    result = run([pandoc, "-f", "csljson", "-t", "csljson", path.name], cwd=tmp_path)
    warnings = grep(result.stderr, lambda line: bool(line.strip()))
    assert result.returncode == 0 and not warnings, (
        f"pandoc -f csljson exited {result.returncode}; " + explain(warnings)
    )
    count = _pandoc_items(result.stdout)
    assert count == len(written), f"pandoc read {count} of {len(written)} CSL-JSON items"


# --- what the programs read back ------------------------------------------------------------

#: What a reader changes in text that is no loss: markup spans (<span class="nocase">),
#: curly quotes for straight ones, letter case (sentence case, a capital after a colon),
#: runs of white space.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"'})


def _same_text(text: str) -> str:
    text = html.unescape(re.sub(r"</?(?:span|i|b|sup|sub|sc)\b[^>]*>", "", text))
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _record_name(person: Person) -> str:
    return _same_text(person.literal if person.is_corporate else person.family)


#: Entry types whose container (journal, booktitle) the readers map to a container title.
_CONTAINER_TYPES = frozenset({"article", "incollection", "inproceedings"})


def _read_back_losses(
    library: Sequence[Record], bib: str, dialect: str, read: dict[str, dict[str, Any]], who: str
) -> list[str]:
    """Fields a reader got differently from what the writer says the dialect holds
    (refkit.export.bibtex.representable: what the dialect can carry for the entry type).

    ``read`` maps a citation key to {title, container, author, editor, doi, url}, the
    names as "particle family" or an organisation's whole name."""
    from refkit.export import bibtex

    written = re.findall(r"^@([A-Za-z]+)\{([^,\s]+),", bib, re.M)
    assert len(written) == len(library), "entries and records do not pair up one to one"
    reduce = getattr(bibtex, "representable", lambda record, dialect: record)
    losses: list[str] = []
    for record, (entry, key) in zip(library, written, strict=True):
        want = reduce(record, dialect)
        got = read.get(key)
        if got is None:
            losses.append(f"key={key}: {who} read no entry with this key")
            continue
        title, read_title = _same_text(want.title), _same_text(got["title"])
        if not _balanced(want.title):
            # A lone brace can only be written \textbraceleft or \textbraceright (BibTeX
            # counts "\{" as a brace too), which pandoc does not know: no reader is held
            # to those.  Balanced literal braces can be written "\{...\}" and must survive.
            title, read_title = (t.replace("{", "").replace("}", "") for t in (title, read_title))
        pairs = [
            ("title", title, read_title),
            ("doi", want.doi.casefold(), got["doi"].casefold()),
            ("url", want.url, got["url"]),
        ]
        if entry.lower() in _CONTAINER_TYPES:
            pairs.append(
                ("container", _same_text(want.container_title), _same_text(got["container"]))
            )
        for role in ("author", "editor"):
            expected = "; ".join(_record_name(p) for p in getattr(want, role))
            pairs.append((role, expected, "; ".join(_same_text(n) for n in got[role])))
        for field, expected, actual in pairs:
            if expected.replace(" ", "") != actual.replace(" ", ""):
                losses.append(f"key={key} {field}: wrote {expected!r}, {who} read {actual!r}")
    return losses


def _pandoc_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    parts = (name.get(p, "") for p in ("dropping-particle", "non-dropping-particle", "family"))
    return " ".join(part for part in parts if part)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_pandoc_reads_the_fields_back(library: list[Record], dialect: str, tmp_path: Path) -> None:
    """No warning is not enough: pandoc must get back the title, names, container, DOI
    and URL, non-Latin scripts included."""
    pandoc = require_tool("pandoc")
    path, bib = write_bib(library, dialect, tmp_path)
    result = run([pandoc, "-f", dialect, "-t", "csljson", path.name], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    read = {
        item["id"]: {
            "title": item.get("title", ""),
            "container": item.get("container-title", ""),
            "author": [_pandoc_name(n) for n in item.get("author", [])],
            "editor": [_pandoc_name(n) for n in item.get("editor", [])],
            "doi": item.get("DOI", ""),
            "url": item.get("URL", ""),
        }
        for item in json.loads(result.stdout)
    }
    losses = _read_back_losses(library, bib, dialect, read, "pandoc")
    assert not losses, f"pandoc -f {dialect} read fields differently; " + explain(losses, bib)


# --- JabRef ------------------------------------------------------------------------------


def _jabref_env(home: Path) -> dict[str, str]:
    home.mkdir(exist_ok=True)
    # Headless (no X display needed) and with its preferences in a fresh home, so no
    # state leaks between runs.  The --add-opens is what Debian's wrapper sets by default
    # on Java >= 9; setting JABREF_JAVA_OPTS replaces that default, so repeat it.  The
    # .bib is UTF-8 whatever the machine's locale (Java would otherwise take the locale's).
    options = (
        "--add-opens=java.desktop/java.awt=ALL-UNNAMED -Djava.awt.headless=true "
        f"-Dfile.encoding=UTF-8 -Duser.home={home}"
    )
    return {"HOME": str(home), "JABREF_JAVA_OPTS": options, "DISPLAY": ""}


#: Lines of JabRef's output that mean an entry was not read as written.
_JABREF_PROBLEM = re.compile(
    r"Error occurred|corrupted|Exception|Skipped entry|error|\bWARN\b", re.I
)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_jabref_imports(library: list[Record], dialect: str, tmp_path: Path) -> None:
    jabref = require_tool("jabref")
    path, bib = write_bib(library, dialect, tmp_path)
    out = tmp_path / "out.ris"
    result = run(
        [jabref, "-n", "-i", f"{path.name},bibtex", "-o", f"{out.name},ris"],
        cwd=tmp_path,
        env=_jabref_env(tmp_path / "home"),
    )
    output = result.stdout + result.stderr
    problems = grep(output, lambda line: bool(_JABREF_PROBLEM.search(line)))
    assert result.returncode == 0 and not problems, (
        f"JabRef exited {result.returncode}; " + explain(problems, bib) + "\n" + output[-2000:]
    )
    assert out.exists(), f"JabRef wrote no RIS file:\n{output[-2000:]}"
    ris = out.read_text(encoding="utf-8", errors="replace")
    exported = len(re.findall(r"^TY  - ", ris, re.M))
    assert exported == entries_written(bib, library), (
        f"JabRef exported {exported} RIS records for {count_entries(bib)} entries"
    )


# --- Better BibTeX's parser ----------------------------------------------------------------


def _better_bibtex(
    library: Sequence[Record], dialect: str, folder: Path
) -> tuple[dict[str, Any], str]:
    node = require_tool("node")
    require_node_package("@retorquere/bibtex-parser")
    path, bib = write_bib(library, dialect, folder)
    result = run([node, str(JS_DIR / "check-bib.mjs"), str(path)], cwd=folder)
    assert result.returncode == 0, f"node exited {result.returncode}:\n{result.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(result.stdout)
    return report, bib


@pytest.mark.parametrize("dialect", DIALECTS)
def test_better_bibtex_parser(library: list[Record], dialect: str, tmp_path: Path) -> None:
    report, bib = _better_bibtex(library, dialect, tmp_path)
    errors = [
        f"key={e.get('key', '')} {e.get('error', '')} :: {e.get('input', '')[:300]}"
        for e in report["errors"]
    ]
    assert not errors, "@retorquere/bibtex-parser reported errors; " + explain(errors, bib)
    duplicates = [f"key={b} duplicates {a} (ignoring case)" for a, b in report["duplicates"]]
    assert not duplicates, "duplicate citation keys; " + explain(duplicates, bib)
    assert report["entries"] == entries_written(bib, library), (
        f"the parser read {report['entries']} entries"
    )
    bad_keys = [k for k in report["keys"] if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", k)]
    assert not bad_keys, f"keys outside ^[A-Za-z][A-Za-z0-9_]*$: {bad_keys[:20]}"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_better_bibtex_parser_reads_the_fields_back(
    library: list[Record], dialect: str, tmp_path: Path
) -> None:
    """What Zotero would import: the title, names, container, DOI and URL as written."""
    report, bib = _better_bibtex(library, dialect, tmp_path)
    losses = _read_back_losses(library, bib, dialect, report["fields"], "Better BibTeX's parser")
    assert not losses, "@retorquere/bibtex-parser read fields differently; " + explain(losses, bib)
