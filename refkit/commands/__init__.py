"""Subcommands of the ``refkit`` command line, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(argparse.Namespace) -> int`` returning the exit code.
Modules import only argparse at top level: the heavy imports happen inside the handler,
so ``refkit --help`` stays instant.
"""

from __future__ import annotations

import argparse

#: Command modules in the order ``refkit --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "build",
    "ingest",
    "check",
    "refs",
    "claims",
    "keywords",
    "render",
    "config",
)


def add_abstract_inputs(parser: argparse.ArgumentParser) -> None:
    """The inputs and outputs ``refkit claims`` and ``refkit keywords`` share: documents or
    folders, ``--json``, and ``--jsonl`` for scripts."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="documents, folders, or - for standard input"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array of works")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read JSON lines {"id", "title", "abstract"} from PATH (or - for standard input) '
        "and write one JSON line per input line, in order",
    )
