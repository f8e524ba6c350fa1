"""Reference-string parsing accuracy and speed on AnyStyle's gold set (dev split).

Usage: ``python benchmarks/references_anystyle.py [--data PATH] [--all]``

Each gold reference is parsed on its own with :func:`refkit.parse_reference`, and its
fields are compared with the gold fields after the normalisation the data's README
describes (AnyStyle's: ``journal`` counts as ``container-title``, pages with an en
dash).  On top of that both sides are compared loosely: case, accents, punctuation and
spaces are ignored, and names are compared as the multiset of their words (the gold
keeps author lists as labelled strings, "Smith, J. & Doe, A.").  A field counts as a
true positive when both sides have it and agree, a false positive when the parser has it
and it is absent from the gold or disagrees, a false negative when the gold has it and
the parser has not or disagrees.

By default references that also appear in AnyStyle's core set (the tagger's training
data) are left out, so the figure is on unseen references; ``--all`` keeps them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refkit import parse_reference  # noqa: E402
from refkit.model import Record  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "anystyle" / "gold-dev.jsonl"

FIELDS = (
    "author",
    "editor",
    "title",
    "container-title",
    "year",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "edition",
    "doi",
    "url",
    "type",
)
_NAME_NOISE = frozenset(
    {
        "and",
        "et",
        "al",
        "ed",
        "eds",
        "edited",
        "by",
        "in",
        "hrsg",
        "editor",
        "editors",
        "others",
        "und",
        "y",
    }
)


def _loose(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", text.casefold())


def _name_words(text: str) -> str:
    """The words of a list of names, without initials (written "W. J.", "WJ" or "W.J.")."""
    words = re.split(r"[\s,.;&]+", text)
    kept = sorted(
        _loose(w)
        for w in words
        if len(_loose(w)) >= 2
        and not (w.isupper() and len(w) <= 3)
        and _loose(w) not in _NAME_NOISE
    )
    return " ".join(kept)


_NUMBER_LABEL = re.compile(
    r"^(?:vol(?:ume)?|v|no|nr|n|num|issue|heft)\.?\s*[°º]?\s*", re.IGNORECASE
)


def _number(text: str) -> str:
    """A volume or issue without its label ("v. 31", "n° 5")."""
    return _loose(_NUMBER_LABEL.sub("", text.strip()))


def _predicted(record: Record) -> dict[str, str]:
    out: dict[str, str] = {}
    if record.author:
        out["author"] = _name_words(
            " ".join(p.given + " " + p.family + " " + p.literal for p in record.author)
        )
    if record.editor:
        out["editor"] = _name_words(
            " ".join(p.given + " " + p.family + " " + p.literal for p in record.editor)
        )
    simple = {
        "title": record.title,
        "container-title": record.container_title,
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.page or record.number_of_pages,
        "publisher": record.publisher,
        "location": record.publisher_place,
        "edition": record.edition,
        "doi": record.doi,
        "url": record.url,
    }
    for name, value in simple.items():
        if value:
            out[name] = _number(value) if name in ("volume", "issue") else _loose(value)
    if record.year is not None:
        out["year"] = str(record.year)
    if record.type and record.type != "document":
        out["type"] = record.type
    return out


def _gold(gold: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("author", "editor"):
        value = gold.get(name)
        if isinstance(value, list) and value:
            out[name] = _name_words(" ".join(str(v) for v in value))
    for name in FIELDS:
        if name in ("author", "editor", "type", "year"):
            continue
        value = gold.get(name)
        if isinstance(value, str) and value.strip():
            out[name] = _number(value) if name in ("volume", "issue") else _loose(value)
    if gold.get("year"):
        out["year"] = str(gold["year"])[:4]
    if isinstance(gold.get("type"), str):
        out["type"] = str(gold["type"])
    return out


def _edition_equal(a: str, b: str) -> bool:
    digits_a, digits_b = re.findall(r"\d+", a), re.findall(r"\d+", b)
    return (bool(digits_a) and digits_a[:1] == digits_b[:1]) or a == b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="reference parsing on AnyStyle's gold set")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--all", action="store_true", help="keep references also in the training set"
    )
    parser.add_argument("--show", type=int, default=0, help="print N references with a wrong field")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the shared data folder is needed)", file=sys.stderr)
        return 2
    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    if not args.all:
        items = [i for i in items if not i.get("in_anystyle_core")]
    parse_reference("Warm-up, A. (2020). A title. Journal, 1, 1-2.")
    # CPU time of this process: one core, not disturbed by other work on the machine.
    started, wall = time.process_time(), time.perf_counter()
    records = [parse_reference(item["raw"]) for item in items]
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    perfect = 0
    shown = 0
    for item, record in zip(items, records, strict=True):
        gold = _gold(item["gold"])
        predicted = _predicted(record)
        if item["gold"].get("type") is None:
            predicted.pop("type", None)
        wrong: list[str] = []
        for name in FIELDS:
            g, p = gold.get(name), predicted.get(name)
            if g is None and p is None:
                continue
            same = (
                g is not None
                and p is not None
                and (g == p or (name == "edition" and _edition_equal(g, p)))
            )
            if same:
                tp[name] += 1
                continue
            wrong.append(name)
            if p is not None:
                fp[name] += 1
            if g is not None:
                fn[name] += 1
        if not wrong:
            perfect += 1
        elif shown < args.show:
            shown += 1
            print(item["raw"])
            for name in wrong:
                print(f"   {name}: gold={gold.get(name)!r} got={predicted.get(name)!r}")
    print(f"references: {len(items)} ({'all' if args.all else 'not in the training set'})")
    print(f"{'field':16} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name in FIELDS:
        support = tp[name] + fn[name]
        if not support and not fp[name]:
            continue
        precision = tp[name] / (tp[name] + fp[name]) if tp[name] + fp[name] else 0.0
        recall = tp[name] / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{name:16} {support:5d} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p = all_tp / (all_tp + all_fp)
    micro_r = all_tp / (all_tp + all_fn)
    micro = 2 * micro_p * micro_r / (micro_p + micro_r)
    print(f"micro P {micro_p:.3f} R {micro_r:.3f} F1 {micro:.3f}")
    print(f"references with every field right: {perfect / len(items):.3f}")
    print(
        f"speed: {len(items) / elapsed:.0f} references/s of CPU time on one core "
        f"({len(items) / wall:.0f}/s wall clock), first pass with cold caches"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
