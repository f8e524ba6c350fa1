from __future__ import annotations

import dataclasses

from refkit.export.keys import assign_keys
from refkit.export.ris import dumps
from refkit.ingest.ris import parse_ris
from refkit.model import Record
from tests.sample_records import SAMPLES, check_golden


def test_golden() -> None:
    check_golden("samples.ris", dumps(SAMPLES))


def test_shape() -> None:
    text = dumps(SAMPLES[:1])
    lines = text.splitlines()
    assert lines[0] == "TY  - JOUR"
    assert lines[-1] == "ER  - "
    assert "SP  - 1995" in lines and "EP  - 2014" in lines
    assert "AU  - Di Maria, Eleonora" in lines
    assert lines.count("KW  - innovation") == 1


def _ris_view(record: Record) -> Record:
    # RIS has no field for these; everything else must survive.
    return dataclasses.replace(
        record,
        license="",
        has_references=False,
        references=(),
        cited_by="",
        collection_title=record.collection_title,
        pmid="",
        extra={},
        title_short="",
        archive="",
        number_of_pages="",
        event_title="",
        available_date=None,
        number="" if record.issue else record.number,
    )


def test_round_trip() -> None:
    records = assign_keys(SAMPLES)
    back = parse_ris(dumps(records), "x.ris")
    assert len(back) == len(records)
    for original, read in zip(records, back, strict=True):
        assert dataclasses.replace(read, extra={}) == _ris_view(original)
