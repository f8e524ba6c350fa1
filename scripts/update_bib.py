"""Rebuild bib/ from the example documents: what refkit makes of them, in every format.

    python scripts/update_bib.py            # rewrite bib/
    python scripts/update_bib.py --check    # exit 1 if bib/ is stale

``examples.*`` are what ``refkit ingest examples/documents -o FILE`` writes (the four
documents); the other files are what ``refkit build examples/documents --references
--offline --no-cache -o bib/`` writes (the documents, their 110 references, the
annotated bibliography and the DOI report; offline and without a cache, so the DOIs are
unverified and the files the same on every machine).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

from refkit.build import OUTPUTS as BUILD_OUTPUTS
from refkit.cli import main as refkit

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "examples" / "documents"
OUTPUTS = {
    "examples.bib": "bibtex",
    "examples.biblatex.bib": "biblatex",
    "examples.json": "csljson",
    "examples.ris": "ris",
}


def build(folder: Path) -> None:
    """Write every output of the example library into ``folder``.

    The user's settings (a mirror's URL, a contact address) are set aside, so the files
    are the ones every machine makes.
    """
    saved = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("REFKIT_")}
    try:
        _build(folder)
    finally:
        os.environ.update(saved)


def _build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, fmt in OUTPUTS.items():
        code = refkit(["ingest", str(DOCUMENTS), "-o", str(folder / name), "--to", fmt, "-q"])
        if code != 0:
            raise SystemExit(f"refkit ingest failed for {name} (exit {code})")
    command = [
        "build",
        str(DOCUMENTS),
        "--references",
        "--offline",
        "--no-cache",
        "-o",
        str(folder),
        "-q",
    ]
    with contextlib.redirect_stderr(io.StringIO()):
        code = refkit(command)
    if code != 0:
        raise SystemExit(f"refkit build failed (exit {code})")


def stale(folder: Path) -> list[str]:
    """Names of the files in ``folder`` that differ from a fresh build."""
    with tempfile.TemporaryDirectory() as fresh:
        build(Path(fresh))
        return [
            name
            for name in (*OUTPUTS, *BUILD_OUTPUTS)
            if not (folder / name).exists()
            or (folder / name).read_bytes() != (Path(fresh) / name).read_bytes()
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether bib/ is stale")
    args = parser.parse_args()
    if args.check:
        names = stale(ROOT / "bib")
        for name in names:
            print(f"bib/{name} is stale: run python scripts/update_bib.py", file=sys.stderr)
        return 1 if names else 0
    build(ROOT / "bib")
    return 0


if __name__ == "__main__":
    sys.exit(main())
