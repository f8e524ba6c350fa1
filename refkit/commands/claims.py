"""``refkit claims``: the claims of each work's abstract, with their roles and spans."""

from __future__ import annotations

import argparse
from typing import Any

from refkit.commands import add_abstract_inputs


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "claims",
        help="list the claims each abstract makes (findings, conclusions, ...)",
        description=(
            "Split each work's abstract into sentences and give the role of each claim "
            "(finding, conclusion, contribution, implication, limitation; aim, method and "
            "detailed results beside them), with its character span in the abstract, "
            "polarity, hedges and the evidence base the abstract states."
        ),
        epilog=(
            "Examples:\n"
            "  refkit claims examples/documents/pure-bettiol-2019.txt\n"
            "  refkit claims examples/documents --json\n"
            '  echo \'{"id": "a", "abstract": "..."}\' | refkit claims --jsonl -'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_abstract_inputs(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from refkit.analysis.report import run_command

    return run_command(args, "claims")
