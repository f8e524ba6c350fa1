"""The runnable examples in scripts/, each run as a user runs it: a subprocess.

Crossref is the local test server (tests/crossref_server.py); the Zotero script never
asks anyone anything.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from crossref_server import CrossrefTestServer, Reply

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
ZOTERO = Path(__file__).parent / "fixtures" / "zotero"
#: The scripts that are examples of batch use (the others maintain the package's data).
EXAMPLES = ("check_dois.py", "find_dois.py", "zotero_annotated.py")

LIBRARY = """\
% Exported from JabRef; the comment and the layout must survive.
@article{bettiol2019,
  author    = {Bettiol, Marco and Chiarvesio, Maria},
  title     = {Local or global? Does internationalization drive innovation in clusters?},
  journal   = {European Planning Studies},
  number    = {10},
  pages     = {1995--2014},
  year      = {2019},
  timestamp = {2024-01-01},
  file      = {:papers/bettiol.pdf:PDF}
}

@article{libaers2011,
  author = {Libaers, Dirk and Meyer, Martin S.},
  title = {Highly Innovative Small Technology Firms, Industrial Clusters and Firm Internationalization},
  journal = {Research Policy},
  year = {2011},
  doi = {10.1016/j.respol.2011.06.005}
}

@book{nobody2020,
  author = {Nobody, Anne},
  title = {A book that Crossref does not know},
  publisher = {Nowhere Press},
  year = {2020}
}
"""


@pytest.fixture
def server() -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        running.set_limits("list", 200, "1s", 4)
        running.set_limits("single", 200, "1s", 4)
        yield running


def run_script(
    name: str, *args: str, tmp_path: Path, crossref: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``scripts/<name>`` with a private cache, Crossref at ``crossref`` (default: an
    address where nothing answers) and the package from this checkout."""
    unreachable = "http://127.0.0.1:9/unreachable-in-tests"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "REFKIT_CACHE_DIR": str(tmp_path / "cache"),
        "REFKIT_CROSSREF_URL": crossref or unreachable,
        "REFKIT_DOI_URL": crossref or unreachable,
    }
    for setting in ("REFKIT_MAILTO", "REFKIT_OFFLINE", "REFKIT_TEMPLATES"):
        env.pop(setting, None)
    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_explains_itself(name: str, tmp_path: Path) -> None:
    completed = run_script(name, "--help", tmp_path=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "Example" in completed.stdout
    assert (SCRIPTS / name).read_text(encoding="utf-8").startswith('"""')


# -- check_dois.py -------------------------------------------------------------------------------


def test_check_dois_writes_one_csv_row_per_doi(server: CrossrefTestServer, tmp_path: Path) -> None:
    dois = tmp_path / "dois.txt"
    dois.write_text("10.1016/j.respol.2011.06.005\n10.1080/09654313.2019.1628185\n", "utf-8")
    report = tmp_path / "report.csv"
    completed = run_script(
        "check_dois.py", str(dois), str(report), tmp_path=tmp_path, crossref=server.url
    )
    assert completed.returncode == 0, completed.stderr
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(row["line"], row["doi"], row["verdict"]) for row in rows] == [
        ("1", "10.1016/j.respol.2011.06.005", "ok"),
        ("2", "10.1080/09654313.2019.1628185", "ok"),
    ]


# -- find_dois.py --------------------------------------------------------------------------------


def test_find_dois_adds_the_found_doi_and_keeps_everything_else(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    library = tmp_path / "library.bib"
    library.write_text(LIBRARY, encoding="utf-8")
    fixed = tmp_path / "fixed.bib"
    completed = run_script(
        "find_dois.py",
        str(library),
        "-o",
        str(fixed),
        "--mailto",
        "tests@example.org",
        tmp_path=tmp_path,
        crossref=server.url,
    )
    # One entry is not in Crossref: the exit code says some entries still lack a DOI.
    assert completed.returncode == 1, completed.stderr
    text = fixed.read_text(encoding="utf-8")
    # The new fields go at the end of the matched entry, in its own indentation; every
    # other byte is the user's, so taking them out gives the input back.
    inserted = ",\n  doi = {10.1080/09654313.2019.1628185},\n  volume = {27},\n  issn = {0965-4313}"
    assert inserted in text
    assert text.replace(inserted, "", 1) == LIBRARY
    assert library.read_text(encoding="utf-8") == LIBRARY

    log = completed.stderr
    assert "bettiol2019: DOI: added '10.1080/09654313.2019.1628185'" in log
    assert "no DOI: nobody2020" in log
    assert "1 DOIs found, 1 entries still without one" in log
    # Only the entries without a DOI were searched; the polite pool got the contact.
    searched = [r for r in server.requests if r.route == "search"]
    assert len(searched) == 2
    assert all(r.query.get("mailto") == "tests@example.org" for r in server.requests)


def test_find_dois_never_replaces_a_users_value(server: CrossrefTestServer, tmp_path: Path) -> None:
    # The user's volume disagrees with Crossref's (27): it is reported, not replaced.
    entry = LIBRARY.split("\n\n")[0].replace("  number", "  volume    = {99},\n  number")
    library = tmp_path / "library.bib"
    library.write_text(entry + "\n", encoding="utf-8")
    fixed = tmp_path / "fixed.bib"
    completed = run_script(
        "find_dois.py", str(library), "-o", str(fixed), tmp_path=tmp_path, crossref=server.url
    )
    assert completed.returncode == 0, completed.stderr
    text = fixed.read_text(encoding="utf-8")
    assert "volume    = {99}," in text
    assert "{27}" not in text
    assert "doi = {10.1080/09654313.2019.1628185}" in text
    assert "bettiol2019: volume: kept '99' (Crossref has '27')" in completed.stderr


def test_find_dois_writes_csl_json_when_asked(server: CrossrefTestServer, tmp_path: Path) -> None:
    import json

    library = tmp_path / "library.bib"
    library.write_text(LIBRARY, encoding="utf-8")
    fixed = tmp_path / "fixed.json"
    completed = run_script(
        "find_dois.py", str(library), "-o", str(fixed), tmp_path=tmp_path, crossref=server.url
    )
    assert completed.returncode == 1, completed.stderr
    items = {item["id"]: item for item in json.loads(fixed.read_text(encoding="utf-8"))}
    assert items["bettiol2019"]["DOI"] == "10.1080/09654313.2019.1628185"
    assert items["bettiol2019"]["page"] == "1995-2014"
    assert items["libaers2011"]["DOI"] == "10.1016/j.respol.2011.06.005"
    assert "DOI" not in items["nobody2020"]


def test_find_dois_when_crossref_refuses_still_writes_the_copy(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    server.script("any", Reply.blocked())
    library = tmp_path / "library.bib"
    library.write_text(LIBRARY, encoding="utf-8")
    fixed = tmp_path / "fixed.bib"
    completed = run_script(
        "find_dois.py", str(library), "-o", str(fixed), tmp_path=tmp_path, crossref=server.url
    )
    assert completed.returncode == 3, completed.stderr
    assert fixed.read_text(encoding="utf-8") == LIBRARY
    assert "not every entry could be searched: Crossref refused the requests (HTTP 403)" in (
        completed.stderr
    )
    assert len(server.requests) == 1


def test_find_dois_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    library = tmp_path / "library.bib"
    library.write_text(LIBRARY, encoding="utf-8")
    completed = run_script("find_dois.py", str(library), "-o", str(library), tmp_path=tmp_path)
    assert completed.returncode == 2
    assert "-o must name another file" in completed.stderr
    assert library.read_text(encoding="utf-8") == LIBRARY


# -- zotero_annotated.py -------------------------------------------------------------------------

REFERENCES_HTML = (
    "Moretti, G., &amp; Lindqvist, A. (2021). Cluster organisations and the export activity of "
    "small wineries.",
    "Sousa, R., van der Berg, P., &amp; Okafor, C. (2022). Digital platforms and the "
    "internationalisation of small furniture makers.",
    "Hartmann, K. (2019). Evaluating cluster programmes: What funders measure and what they "
    "should. In E. Nilsson &amp; M. Rossi (Eds.),",
)
CLAIMS = (
    "found that members of a formal cluster export to more countries than comparable non-members",
    "concluded that cluster organisations lower the fixed costs of entering foreign markets",
    "found that firms selling through a cross-border platform increased their share of "
    "foreign sales by a third",
)


def test_zotero_csl_json_to_an_annotated_html_bibliography(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    out = tmp_path / "annotated.html"
    completed = run_script(
        "zotero_annotated.py",
        str(ZOTERO / "export.json"),
        "-o",
        str(out),
        "--style",
        "apa",
        tmp_path=tmp_path,
        crossref=server.url,
    )
    assert completed.returncode == 0, completed.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for reference in REFERENCES_HTML:
        assert reference in html
    for claim in CLAIMS:
        assert claim in html
    assert "https://doi.org/10.5555/refkit.zotero.wine-2021" in html
    # Keywords extracted from the abstracts, APA order by author, and no Zotero item URI.
    assert "shared export services" in html
    assert html.index("Hartmann") < html.index("Moretti") < html.index("Sousa")
    assert "zotero.org/users" not in html
    # Offline: the Crossref server, though running, heard nothing.
    assert server.requests == []


def test_zotero_better_bibtex_to_markdown(tmp_path: Path) -> None:
    out = tmp_path / "annotated.md"
    completed = run_script(
        "zotero_annotated.py", str(ZOTERO / "export.bib"), "-o", str(out), tmp_path=tmp_path
    )
    assert completed.returncode == 0, completed.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Annotated bibliography")
    assert "2 works, APA 7th edition." in text
    assert (
        "Moretti, G., \\& Lindqvist, A. (2021). Cluster organisations and the export activity "
        "of small wineries. *Journal of Wine Economics and Policy*, *10*(2), 45–61. "
        "https://doi.org/10.5555/refkit.zotero.wine-2021"
    ) in text
    assert CLAIMS[0] in text
    # The author's keywords from Zotero's tags come first.
    assert "**Keywords:** clusters, export, wine," in text


def test_zotero_script_names_an_unknown_style(tmp_path: Path) -> None:
    out = tmp_path / "annotated.md"
    completed = run_script(
        "zotero_annotated.py",
        str(ZOTERO / "export.json"),
        "-o",
        str(out),
        "--style",
        "nonesuch",
        tmp_path=tmp_path,
    )
    assert completed.returncode == 2
    assert "unknown citation style 'nonesuch'" in completed.stderr
    assert not out.exists()
