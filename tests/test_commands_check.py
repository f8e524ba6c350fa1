"""``refkit check`` end to end, against a local server that answers like Crossref and doi.org."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from crossref_server import CrossrefTestServer, Reply

from refkit.cli import main
from refkit.crossref import Backoff

ROOT = Path(__file__).resolve().parents[1]

LIBRARY = """\
@article{johanson1990,
  author = {Johanson, Jan and Vahlne, Jan-Erik},
  title = {The mechanism of internationalisation},
  journal = {International Business Review},
  volume = {7},
  pages = {1124},
  year = {1990},
  doi = {10.1108/02651339010137414}
}

@article{libaers2011,
  author = {Libaers, Dirk and Meyer, Martin S.},
  title = {Highly Innovative Small Technology Firms, Industrial Clusters and Firm Internationalization},
  journal = {Research Policy},
  year = {2011},
  doi = {10.1016/j.respol.2011.06.005},
  timestamp = {2024-01-01}
}

@article{bettiol2019,
  author = {Bettiol, Marco and Chiarvesio, Maria},
  title = {Local or global? Does internationalization drive innovation in clusters?},
  journal = {European Planning Studies},
  number = {10},
  pages = {1995--2014},
  year = {2019}
}
"""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CrossrefTestServer]:
    with CrossrefTestServer() as running:
        running.set_limits("list", 200, "1s", 4)
        running.set_limits("single", 200, "1s", 4)
        monkeypatch.setenv("REFKIT_CROSSREF_URL", running.url)
        monkeypatch.setenv("REFKIT_DOI_URL", running.url)
        monkeypatch.setenv("REFKIT_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.delenv("REFKIT_MAILTO", raising=False)
        monkeypatch.delenv("REFKIT_OFFLINE", raising=False)
        # Retries keep their count but not their real-world waits.
        monkeypatch.setattr("refkit.crossref.client.Backoff", lambda: Backoff(base=0.01, cap=0.05))
        yield running


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_all_ok_exits_0_with_a_summary_line(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dois = write(tmp_path / "dois.txt", "10.1016/j.respol.2011.06.005\n10.1108/CEMJ-07-2023-0319\n")
    assert main(["check", str(dois), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "ok (2)"
    assert out.splitlines()[-1] == "2 entries: 2 ok"


def test_junk_lines_are_named_and_the_rest_still_checked(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dois = write(
        tmp_path / "dois.txt",
        "10.1016/j.respol.2011.06.005\nplease check these\n10.1108/EBR-01-2023-0025.\n",
    )
    assert main(["check", str(dois), "--json"]) == 1
    captured = capsys.readouterr()
    assert f"{dois}:2: not a DOI: 'please check these'" in captured.err
    entries = [json.loads(line) for line in captured.out.splitlines()]
    assert {e["key"]: e["verdict"] for e in entries} == {
        "dois.txt:1": "ok",
        "dois.txt:2": "malformed",
        "dois.txt:3": "malformed",
    }
    for entry in entries:
        assert set(entry) >= {"key", "doi", "verdict", "details"}


def test_csv_has_one_row_per_entry(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = write(tmp_path / "library.bib", LIBRARY)
    assert main(["check", str(library), "--csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    verdicts = {row["key"]: row["verdict"] for row in rows}
    assert verdicts == {"johanson1990": "mismatch", "libaers2011": "ok", "bettiol2019": "missing"}
    mismatch = next(row for row in rows if row["key"] == "johanson1990")
    assert "International Marketing Review" in mismatch["summary"]


def test_unusable_input_exits_2(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = write(tmp_path / "empty.txt", "")
    assert main(["check", str(empty)]) == 2
    assert "empty.txt: empty file" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "absent.bib")]) == 2


def test_unreachable_crossref_exits_3(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script("list", *[Reply.unavailable()] * 20)
    dois = write(tmp_path / "dois.txt", "10.1016/j.respol.2011.06.005\n")
    assert main(["check", str(dois), "--no-cache", "--json"]) == 3
    [entry] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert entry["verdict"] == "unverified"


def test_a_block_stops_the_run_with_exit_3(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.block()
    dois = write(tmp_path / "dois.txt", "10.1016/j.respol.2011.06.005\n")
    assert main(["check", str(dois), "--no-cache"]) == 3
    assert "403" in capsys.readouterr().err


def test_fix_writes_found_dois_and_filled_fields_and_keeps_the_users_fields(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = write(tmp_path / "library.bib", LIBRARY)
    out = tmp_path / "fixed.bib"
    log = tmp_path / "changes.jsonl"
    code = main(
        ["check", str(library), "--find-missing", "--fix", "-o", str(out), "--change-log", str(log)]
    )
    assert code == 1
    text = out.read_text(encoding="utf-8")
    assert "10.1080/09654313.2019.1628185" in text
    assert "timestamp = {2024-01-01}" in text
    # The mismatching entry's DOI points at another paper: nothing is copied from it.
    johanson = text[text.index("johanson1990") :].split("\n}\n")[0]
    assert "International Business Review" in johanson
    assert "publisher" not in johanson
    changes = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    added = [(c["key"], c["field"]) for c in changes if c["action"] == "added"]
    assert added == [("bettiol2019", "DOI")]
    assert library.read_text(encoding="utf-8") == LIBRARY


def test_fix_in_place_keeps_a_backup(server: CrossrefTestServer, tmp_path: Path) -> None:
    library = write(tmp_path / "library.bib", LIBRARY)
    assert main(["check", str(library), "--find-missing", "--fix", "--in-place", "--quiet"]) == 1
    assert (tmp_path / "library.bib.bak").read_text(encoding="utf-8") == LIBRARY
    assert "10.1080/09654313.2019.1628185" in library.read_text(encoding="utf-8")


def test_option_mistakes_are_usage_errors(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = write(tmp_path / "library.bib", LIBRARY)
    assert main(["check", str(library), "--fix"]) == 2
    assert (
        main(
            ["check", str(library), "--fix", "-o", str(tmp_path / "x.bib"), "--overwrite", "author"]
        )
        == 2
    )
    assert "cannot overwrite 'author'" in capsys.readouterr().err
    assert not (tmp_path / "x.bib").exists()


def test_offline_sends_nothing(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dois = write(tmp_path / "dois.txt", "10.1016/j.respol.2011.06.005\nnot-a-doi\n")
    assert main(["check", str(dois), "--offline", "--json"]) == 3
    verdicts = sorted(json.loads(line)["verdict"] for line in capsys.readouterr().out.splitlines())
    assert verdicts == ["malformed", "unverified"]
    assert server.requests == []


def test_the_batch_script_writes_a_csv(server: CrossrefTestServer, tmp_path: Path) -> None:
    dois = write(
        tmp_path / "dois.txt",
        "10.1016/j.respol.2011.06.005\n10.5555/refkit.retracted\n10.1108/EBR-01-2024-327\n",
    )
    report = tmp_path / "report.csv"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_dois.py"), str(dois), str(report)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert {row["line"]: row["verdict"] for row in rows} == {
        "1": "ok",
        "2": "retracted",
        "3": "nonexistent",
    }


def test_a_cache_file_answers_a_later_offline_run(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dois = write(tmp_path / "dois.txt", "10.1016/j.respol.2011.06.005\n")
    cache = str(tmp_path / "mine.sqlite3")
    assert main(["check", str(dois), "--cache", cache]) == 0
    sent = len(server.requests)
    assert main(["check", str(dois), "--cache", cache, "--offline"]) == 0
    assert len(server.requests) == sent
    assert capsys.readouterr().out.splitlines()[-1] == "1 entries: 1 ok"


def test_fix_writes_the_library_and_the_change_log_in_input_order(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    # bettiol2019 comes first but is decided last (after the DOIs, by search).
    entries = LIBRARY.split("\n\n")
    library = write(tmp_path / "library.bib", "\n\n".join([entries[2], entries[1], entries[0]]))
    out = tmp_path / "fixed.bib"
    log = tmp_path / "changes.jsonl"
    code = main(
        ["check", str(library), "--find-missing", "--fix", "-o", str(out), "--change-log", str(log)]
    )
    assert code == 1
    text = out.read_text(encoding="utf-8")
    keys = ["bettiol2019", "libaers2011", "johanson1990"]
    assert [text.index("{" + key + ",") for key in keys] == sorted(
        text.index("{" + key + ",") for key in keys
    )
    logged = [json.loads(line)["key"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged[0] == "bettiol2019"
    assert logged == sorted(logged, key=keys.index)
    assert {"bettiol2019", "libaers2011"} <= set(logged)


def test_fix_in_place_rewrites_each_file_with_its_own_entries(
    server: CrossrefTestServer, tmp_path: Path
) -> None:
    entries = LIBRARY.split("\n\n")
    first = write(tmp_path / "first.bib", entries[2])
    second = write(tmp_path / "second.bib", "\n\n".join(entries[:2]))
    code = main(
        ["check", str(first), str(second), "--find-missing", "--fix", "--in-place", "--quiet"]
    )
    assert code == 1
    one, two = first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    assert "bettiol2019" in one and "10.1080/09654313.2019.1628185" in one
    assert "johanson1990" not in one and "libaers2011" not in one
    assert "johanson1990" in two and "libaers2011" in two and "bettiol2019" not in two


def test_the_table_groups_verdicts_in_order_and_aligns_keys(
    server: CrossrefTestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dois = write(
        tmp_path / "dois.txt",
        "10.1016/j.respol.2011.06.005\nnot a doi\n10.5555/refkit.retracted\n"
        "10.1108/CEMJ-07-2023-0319\n10.5555/refkit.retracted\n",
    )
    assert main(["check", str(dois), "--no-cache"]) == 1
    lines = capsys.readouterr().out.splitlines()
    headings = [line for line in lines if not line.startswith(" ")]
    assert headings == [
        "retracted (1)",
        "malformed (1)",
        "duplicate (1)",
        "ok (2)",
        "5 entries: 1 retracted, 1 malformed, 1 duplicate, 2 ok",
    ]
    rows = [line for line in lines if line.startswith(" ")]
    assert [row.split()[0] for row in rows] == [
        "dois.txt:3",
        "dois.txt:2",
        "dois.txt:5",
        "dois.txt:1",
        "dois.txt:4",
    ]
    # The DOI column starts at the same place on every row.
    assert len({row.index(row.split()[1], len(row.split()[0]) + 2) for row in rows}) == 1
    assert "same DOI as dois.txt:3" in rows[2]


def test_the_table_holds_no_results_in_memory(tmp_path: Path) -> None:
    import tracemalloc

    from refkit.commands.check import _Report
    from refkit.crossref.check import CheckResult
    from refkit.model import Check, Record

    verdicts = ["ok", "mismatch", "missing", "malformed"]
    with (
        open(os.devnull, "w", encoding="utf-8") as sink,
        (tmp_path / "spool").open("w+", encoding="utf-8") as spool,
    ):
        report = _Report(sink, "table", spool)
        tracemalloc.start()
        try:
            for number in range(20_000):
                verdict = verdicts[number % 4]
                details = {"reason": "x" * 40} if verdict != "ok" else {}
                record = Record(id=f"entry{number}", title="A title " * 10)
                check = Check(verdict, doi=f"10.5555/{number}", details=details)
                report.add(CheckResult(replace(record, check=check), number))
                if number == 1_000:
                    start, _ = tracemalloc.get_traced_memory()
            end, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        report.close()
    # 19,000 more entries (kept, they would take megabytes), and a few kilobytes more memory.
    assert end - start < 64_000
    assert report.counts == {v: 5_000 for v in verdicts}
