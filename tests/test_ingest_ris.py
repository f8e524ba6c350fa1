from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.errors import InputError, RefkitError
from refkit.ingest import read_bytes
from refkit.ingest.ris import RisReader, parse_ris
from refkit.model import Date, Person

SAMPLE = """TY  - JOUR
AU  - Libaers, Dirk
AU  - Meyer, Martin S.
AU  - OECD
TI  - Highly innovative small technology firms
JO  - Research Policy
VL  - 40
IS  - 10
SP  - 1426
EP  - 1437
PY  - 2011
DA  - 2011/12//
SN  - 0048-7333
DO  - https://doi.org/10.1016/j.respol.2011.06.005
KW  - clusters
KW  - internationalization
AB  - First line
  continued here.
L1  - file.pdf
"""
SAMPLE += "ER  - \n"  # RIS ends records with a tag and one trailing space


def test_reads_fields() -> None:
    (record,) = parse_ris(SAMPLE, "a.ris")
    assert record.type == "article-journal"
    assert record.author == (
        Person("Libaers", "Dirk"),
        Person("Meyer", "Martin S."),
        Person(literal="OECD"),
    )
    assert record.page == "1426-1437"
    assert record.issued == Date(2011, 12)
    assert record.issn == ("0048-7333",)
    assert record.doi == "10.1016/j.respol.2011.06.005"
    assert record.keywords == ("clusters", "internationalization")
    assert record.abstract == "First line continued here."
    assert record.extra == {"l1": "file.pdf"}


def test_missing_er_and_errors() -> None:
    records = parse_ris(SAMPLE.replace("ER  - \n", ""), "a.ris")
    assert records[0].warnings
    with pytest.raises(InputError, match=r"b\.ris"):
        parse_ris("nothing here", "b.ris")


def test_sniff() -> None:
    assert RisReader().sniff(b"", SAMPLE) > 0.9
    assert RisReader().sniff(b"", "@article{x,}") == 0.0
    assert read_bytes(SAMPLE.encode(), "x.ris")[0].volume == "40"


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(["TY  - ", "ER  - ", "AU  - ", "PY  - ", "DA  - ", "SP  - ", "EP  - ",
                             "JOUR", "\n", "2019/13/40/", "x, y", ",", "DO  - ", "SN  - "]),
            max_size=40,
        ).map("".join),
    )
)  # fmt: skip
def test_any_text_raises_only_refkit_errors(text: str) -> None:
    with contextlib.suppress(RefkitError):
        parse_ris(text, "h.ris")
