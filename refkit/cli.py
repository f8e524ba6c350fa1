"""The ``refkit`` command: thin argument parsing over the Python API.

Heavy imports happen inside the command that needs them, so ``refkit --help``
answers at once.  User mistakes end in one clear line on standard error and an exit
code, never a traceback.

Exit codes: 0 success, 1 some entries need attention, 2 no usable input or a usage
error, 3 a remote service could not be reached.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from refkit.commands import COMMANDS

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_UNUSABLE = 2


def _version() -> str:
    from refkit import __version__

    return __version__


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refkit",
        description="Turn saved scholarly documents into a clean, checked bibliography.",
        epilog="Example: refkit ingest examples/documents -o library.bib",
    )
    parser.add_argument("--version", action="version", version=f"refkit {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name in COMMANDS:
        module = importlib.import_module(f"refkit.commands.{name}")
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``refkit`` console script; returns the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("refkit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
