"""Subcommands of the ``refkit`` command line, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(argparse.Namespace) -> int`` returning the exit code.
Modules import only argparse at top level: the heavy imports happen inside the handler,
so ``refkit --help`` stays instant.
"""

from __future__ import annotations

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
