from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.errors import InputError, RefkitError
from refkit.export.csljson import dumps
from refkit.export.keys import assign_keys
from refkit.ingest import read_bytes
from refkit.ingest.csljson import CslJsonReader
from tests.sample_records import SAMPLES

reader = CslJsonReader()


def test_reads_own_output() -> None:
    records = assign_keys(SAMPLES)
    text = dumps(records)
    assert reader.sniff(text.encode(), text) > 0.9
    assert read_bytes(text.encode(), "lib.json") == records


def test_single_item_and_items_wrapper() -> None:
    item = {"id": "a", "type": "book", "title": "T"}
    assert reader.read(b"", json.dumps(item), "x")[0].title == "T"
    assert reader.read(b"", json.dumps({"items": [item]}), "x")[0].id == "a"


def test_errors_carry_source_and_line() -> None:
    with pytest.raises(InputError) as info:
        reader.read(b"", '[\n{"title": \n', "bad.json")
    assert info.value.source == "bad.json" and info.value.line is not None
    with pytest.raises(InputError):
        reader.read(b"", "[1, 2]", "x.json")


def test_sniff_rejects_other_json() -> None:
    assert reader.sniff(b"", '{"name": "package"}') == 0.0
    assert reader.sniff(b"", "<html>") == 0.0


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "title",
                    "author",
                    "issued",
                    "ISSN",
                    "keyword",
                    "custom",
                    "family",
                    "date-parts",
                    "extra",
                    "abstract_sections",
                    "references",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_json.map(json.dumps), st.text(max_size=100)))
def test_any_text_raises_only_refkit_errors(text: str) -> None:
    with contextlib.suppress(RefkitError):
        reader.read(text.encode(), text, "h.json")
