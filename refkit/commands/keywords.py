"""``refkit keywords``: author keywords and extracted keyphrases of each work."""

from __future__ import annotations

import argparse
from typing import Any

from refkit.commands import add_abstract_inputs


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "keywords",
        help="list each work's author keywords and extracted keyphrases, best first",
        description=(
            "Give each work's author keywords as written, then keyphrases extracted from its "
            "title and abstract with their scores (source 'author' or 'extracted')."
        ),
        epilog=(
            "Examples:\n"
            "  refkit keywords examples/documents -n 5\n"
            "  refkit keywords paper.pdf --json\n"
            "  refkit keywords --jsonl abstracts.jsonl > keywords.jsonl"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_abstract_inputs(parser)
    parser.add_argument(
        "-n", type=int, default=10, metavar="N", help="extracted keyphrases per work (default 10)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from refkit.analysis.report import run_command

    return run_command(args, "keywords")
