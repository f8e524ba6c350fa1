"""``refkit config``: print the settings in force and where each came from."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "config",
        help="show the settings in force and where each came from",
        description=(
            "Print every setting with its value and origin: a command-line option, an "
            "environment variable (REFKIT_MAILTO, REFKIT_CROSSREF_URL, REFKIT_CACHE_DIR, "
            "REFKIT_OFFLINE, ...), refkit.toml or [tool.refkit] in pyproject.toml, or the default."
        ),
        epilog="Example:\n  REFKIT_MAILTO=me@example.org refkit config",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print the settings as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from refkit.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"refkit: {error}", file=sys.stderr)
        return 2
    if args.json:
        shown = {
            name: {"value": s.shown(), "origin": s.origin} for name, s in settings.values.items()
        }
        print(json.dumps(shown, indent=2))
        return 0
    width = max(len(name) for name in settings.values)
    for name, setting in settings.values.items():
        print(f"{name:<{width}}  {setting.shown() or '(empty)':<32}  {setting.origin}")
    return 0
