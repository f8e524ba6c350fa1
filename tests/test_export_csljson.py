from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from refkit.export.csljson import dumps, record_from_csl, record_to_csl, records_from_csl
from refkit.export.keys import assign_keys
from refkit.model import Date, Person, Record
from tests.sample_records import SAMPLES, check_golden


def test_golden() -> None:
    check_golden("samples.csl.json", dumps(SAMPLES))


def test_round_trip_is_exact() -> None:
    records = assign_keys(SAMPLES)
    back = records_from_csl(json.loads(dumps(records)), "x.json")
    assert back == records


def test_csl_names_and_custom() -> None:
    item = record_to_csl(SAMPLES[1])
    assert item["DOI"] == "10.1108/CEMJ-07-2023-0319"
    assert item["custom"]["has_references"] is True
    assert item["custom"]["abstract_sections"][0] == ["Purpose", "To study gaps."]
    assert "ISSN" in record_to_csl(SAMPLES[0])
    assert isinstance(record_to_csl(SAMPLES[0])["ISSN"], str)
    assert (
        record_to_csl(SAMPLES[0])["keyword"]
        == "innovation, internationalization, global value chain"
    )


def test_output_shape() -> None:
    text = dumps(SAMPLES[:1])
    assert text.endswith("]\n")
    assert json.loads(text)[0]["id"] == "BettiolLocalGlobalDoes2019"
    assert dumps([Record(raw="@x{")]) == "[]\n"


def test_reads_foreign_csl() -> None:
    record = record_from_csl(
        {
            "id": "k",
            "type": "article-journal",
            "author": [{"family": "Dijk", "given": "Jan", "non-dropping-particle": "van"}],
            "issued": {"raw": "2019-03"},
            "ISSN": ["1234-5678", "8765-4321"],
            "keyword": "a; b",
            "accessed": {"date-parts": [[2020, 1, 2]]},
            "event": "Conf",
        },
        "f.json",
    )
    assert record.author == (Person("van Dijk", "Jan"),)
    assert record.issued == Date(2019, 3)
    assert record.issn == ("1234-5678", "8765-4321")
    assert record.keywords == ("a", "b")
    assert record.extra["accessed"] == "2020-01-02"
    assert record.event_title == "Conf"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(
    title=_text,
    note=_text,
    family=_text,
    keywords=st.lists(_text.filter(lambda s: s.strip() == s and s), max_size=3),
)
def test_round_trip_property(title: str, note: str, family: str, keywords: list[str]) -> None:
    record = Record(
        id="k1",
        type="book",
        title=title,
        note=note,
        author=(Person(family=family or "X", given="A"),),
        keywords=tuple(keywords),
    )
    (back,) = records_from_csl(json.loads(dumps([record])), "x")
    assert back == record


def test_analysis_and_check_results_round_trip() -> None:
    from refkit.export.csljson import record_from_csl, record_to_csl
    from refkit.model import Check, Claim, Evidence, Keyword, Record

    record = Record(
        type="article-journal",
        id="doe2020",
        title="A title",
        claims=(
            Claim(
                "Collaboration has a positive effect.",
                10,
                46,
                "finding",
                polarity="positive",
                hedges=("may",),
                relation="causal",
                evidence=Evidence(design="survey", sample="259 firms", spans=(("sample", 3, 12),)),
            ),
        ),
        keyphrases=(Keyword("cluster firms", 0.42, "extracted", ((5, 18),)),),
        check=Check("mismatch", "10.1/x", {"fields": {"year": [2019, 2020]}}),
        cited_count=3,
        cited_sections=("Introduction", "Discussion"),
    )
    item = record_to_csl(record)
    assert item["custom"]["claims"][0]["role"] == "finding"
    assert item["custom"]["keyphrases"][0]["source"] == "extracted"
    assert record_from_csl(item, "<test>") == record
