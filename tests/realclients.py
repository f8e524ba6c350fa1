"""Helpers for tests that run real programs (biber, bibtex, pandoc, JabRef, node).

A missing program skips its test with the reason and the command that installs it,
except under CI (``CI=true``), where a missing program is a failure: CI must prove the
output imports cleanly, not quietly skip the proof.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS_DIR = ROOT / "tests" / "js"
INSTALL_HINT = "install it with `bash scripts/install-system-deps.sh` (as root)"

#: Markers of an entry start; @comment, @string and @preamble are not entries.
_ENTRY_START = re.compile(
    r"^[ \t]*@(?!comment\b|string\b|preamble\b)([A-Za-z]+)[ \t]*[{(]", re.M | re.I
)


def _missing(what: str) -> NoReturn:
    reason = f"{what} is missing: {INSTALL_HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (a missing tool is a failure under CI=true)", pytrace=False)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """The path of program ``name``; skip the test (fail it under CI=true) if it is missing."""
    path = shutil.which(name)
    if path is None:
        _missing(f"the program {name!r}")
    return path


def require_node_package(package: str) -> Path:
    """The folder of an npm package installed in tests/js/node_modules (and node itself)."""
    require_tool("node")
    folder = JS_DIR / "node_modules" / package
    if not (folder / "package.json").is_file():
        _missing(f"the npm package {package!r} in tests/js/node_modules")
    return folder


def run(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run a program and capture its output as text (never raises on a non-zero exit)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def count_entries(bib: str) -> int:
    """Entries in a .bib text (not counting @comment, @string, @preamble)."""
    return len(_ENTRY_START.findall(bib))


def entry_text(bib: str, key: str, limit: int = 900) -> str:
    """The text of the entry with citation key ``key`` (case-insensitive), cut at ``limit``."""
    match = re.search(
        r"^[ \t]*@[A-Za-z]+[ \t]*[{(][ \t]*" + re.escape(key) + r"[ \t]*,", bib, re.M | re.I
    )
    if not match:
        return ""
    following = _ENTRY_START.search(bib, match.end())
    text = bib[match.start() : following.start() if following else len(bib)].rstrip()
    return text if len(text) <= limit else text[:limit] + " [...]"


def entry_at_line(bib: str, line: int, limit: int = 900) -> str:
    """The text of the entry that contains 1-based line ``line`` of a .bib text."""
    offset = sum(len(row) + 1 for row in bib.split("\n")[: max(line - 1, 0)])
    starts = [m.start() for m in _ENTRY_START.finditer(bib) if m.start() <= offset]
    if not starts:
        return ""
    following = _ENTRY_START.search(bib, starts[-1] + 1)
    text = bib[starts[-1] : following.start() if following else len(bib)].rstrip()
    return text if len(text) <= limit else text[:limit] + " [...]"


#: How the programs name the entry a message is about.
_KEY_PATTERNS = (
    re.compile(r"[Ee]ntry '([^']+)'"),  # biber
    re.compile(r"in entry '([^']+)'"),  # biber
    re.compile(r"(?:Warning--.* in|entry) ([A-Za-z0-9_:.\-]+)$"),  # bibtex
    re.compile(r"^key=(\S+)"),  # our own node report
)
_LINE_PATTERNS = (
    re.compile(r"line (\d+)"),  # bibtex "---line 12 of file", JabRef "Error in line 12"
)


def _kind(problem: str) -> str:
    """A problem line with its particulars (keys, numbers, quoted values) blanked out."""
    kind = re.sub(r"key=\S+", "key=*", problem)
    kind = re.sub(r"([Ee]ntry|ISBN|ISSN) '[^']*'", r"\1 '*'", kind)
    kind = re.sub(r" :: .*", "", kind)
    kind = re.sub(r"(Warning--.* in) \S+$", r"\1 *", kind)
    return re.sub(r"\d+", "N", kind)


def explain(problems: Iterable[str], bib: str = "", limit: int = 12) -> str:
    """Problem lines, each followed by the entry it names (found by key or line number),
    after a count of the problems by kind."""
    problems = list(dict.fromkeys(p.rstrip() for p in problems if p.strip()))
    kinds = Counter(_kind(p) for p in problems)
    out: list[str] = [f"{len(problems)} problem line(s), by kind:"]
    out += [f"  {n:5d} x {kind}" for kind, n in kinds.most_common(20)]
    out.append("first problems:")
    shown: set[str] = set()
    for problem in problems[:limit]:
        out.append(f"  {problem}")
        if not bib:
            continue
        entry = ""
        for pattern in _KEY_PATTERNS:
            match = pattern.search(problem)
            if match:
                entry = entry_text(bib, match.group(1))
                if entry:
                    break
        if not entry:
            for pattern in _LINE_PATTERNS:
                match = pattern.search(problem)
                if match:
                    entry = entry_at_line(bib, int(match.group(1)))
                    break
        if entry and entry not in shown:
            shown.add(entry)
            out.append("    offending entry:\n      " + entry.replace("\n", "\n      "))
    if len(problems) > limit:
        out.append(f"  ... and {len(problems) - limit} more")
    return "\n".join(out)
