"""Applying a check's findings: fill empty fields, keep the user's values, log every change."""

from __future__ import annotations

from typing import Any

import pytest

from refkit.crossref.fix import fix_record, parse_fields
from refkit.model import Provenance, Record

WORK: dict[str, Any] = {
    "DOI": "10.1108/ebr-01-2023-0025",
    "title": ["Effect of populism on the internationalization of emerging market firms"],
    "container-title": ["European Business Review"],
    "volume": "36",
    "issue": "1",
    "page": "12-31",
    "ISSN": ["0955-534X"],
    "publisher": "Emerald",
    "abstract": "<jats:sec><jats:title>Purpose</jats:title><jats:p>To test <jats:italic>it</jats:italic>.</jats:p></jats:sec>",
}


def test_empty_fields_are_filled_and_logged_with_their_source() -> None:
    record = Record(id="a", title="Effect of populism", volume="36")
    fixed, changes = fix_record(record, work=WORK)
    assert (fixed.issue, fixed.page, fixed.issn, fixed.publisher) == (
        "1",
        "12-31",
        ("0955-534X",),
        "Emerald",
    )
    assert fixed.abstract == "Purpose: To test it."
    assert fixed.provenance["page"].source == "crossref"
    filled = {c.field for c in changes if c.action == "filled"}
    assert filled == {"container-title", "issue", "page", "ISSN", "publisher", "abstract"}
    assert record.page == ""  # the input record is untouched


def test_a_users_value_is_kept_and_the_difference_reported() -> None:
    record = Record(id="a", volume="35", publisher="Emerald Group")
    fixed, changes = fix_record(record, work=WORK)
    assert fixed.volume == "35"
    kept = [c for c in changes if c.action == "kept"]
    assert {c.field for c in kept} == {"volume", "publisher"}
    assert "--overwrite volume" in kept[0].reason or "--overwrite" in kept[1].reason


def test_overwrite_replaces_only_the_named_fields() -> None:
    record = Record(id="a", volume="35", publisher="Emerald Group")
    fixed, changes = fix_record(record, work=WORK, overwrite=parse_fields(["volume"]))
    assert fixed.volume == "36"
    assert fixed.publisher == "Emerald Group"
    assert [c.action for c in changes if c.field == "volume"] == ["replaced"]


def test_a_page_range_flagged_by_the_reader_is_repaired() -> None:
    flagged = Record(
        id="a",
        page="1231",
        provenance={"page": Provenance("refs.txt", line=3, note="suspect: lost dash")},
    )
    fixed, changes = fix_record(flagged, work=WORK)
    assert fixed.page == "12-31"
    assert [c.action for c in changes if c.field == "page"] == ["repaired"]
    unflagged = Record(id="b", page="1231")
    kept, _ = fix_record(unflagged, work=WORK)
    assert kept.page == "1231"


def test_found_and_cleaned_dois_are_applied() -> None:
    fixed, changes = fix_record(
        Record(id="a"), found_doi="10.1/x", reason="found by search, confidence 0.93"
    )
    assert fixed.doi == "10.1/x"
    assert changes[0].action == "added" and "0.93" in changes[0].reason
    repaired, log = fix_record(Record(id="b", doi="10.1/x."), cleaned_doi="10.1/x")
    assert repaired.doi == "10.1/x" and log[0].action == "repaired"


def test_without_a_trusted_work_nothing_is_copied() -> None:
    record = Record(id="a")
    assert fix_record(record, work=None) == (record, ())


def test_overwrite_names_are_checked() -> None:
    assert parse_fields(["container-title", "ISSN", " page "]) == {
        "container_title",
        "issn",
        "page",
    }
    with pytest.raises(ValueError, match="author"):
        parse_fields(["author"])
