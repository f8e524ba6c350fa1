from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.errors import InputError, RefkitError
from refkit.export.bibtex import dumps
from refkit.ingest import read_bytes
from refkit.ingest.bibtex import BibtexReader, parse_bibtex
from refkit.model import Date, Person

USER_BIB = r"""% My library
@string{eps = "European Planning Studies"}

@Article{bettiol2019,
  Author = {Bettiol, Marco and {Di Maria}, Eleonora and van Dijk, Jan and {{World Bank}}},
  title = {Local or global? {GIS} in {\"O}sterreich -- \emph{really}},
  journal = eps,
  year = 2019,
  month = mar,
  pages = {1995--2014},
  doi = {https://doi.org/10.1080/09654313.2019.1628186},
  keywords = {innovation; clusters},
  file = {:bettiol.pdf:PDF},
  timestamp = {2020.01.01},
}

@inproceedings{conf,
  author = "Smith, Jr, John",
  title = "Math $\alpha$ and 50\% more",
  booktitle = {Proc.},
  date = {2021-06-01/2021-06-03},
}

@article{broken,
  title = {Never closed,
  year = 2020

@book{after, title = {Still read}, year = {2000}}
"""


def test_reads_fields_names_and_extras(capsys: pytest.CaptureFixture[str]) -> None:
    records = parse_bibtex(USER_BIB, "lib.bib")
    assert capsys.readouterr().out == ""
    first = records[0]
    assert first.id == "bettiol2019"
    assert first.type == "article-journal"
    assert first.author == (
        Person("Bettiol", "Marco"),
        Person("Di Maria", "Eleonora"),
        Person("van Dijk", "Jan"),
        Person(literal="World Bank"),
    )
    assert first.title == "Local or global? GIS in Österreich – really"
    assert first.container_title == "European Planning Studies"
    assert first.issued == Date(2019, 3)
    assert first.page == "1995-2014"
    assert first.doi == "10.1080/09654313.2019.1628186"
    assert first.keywords == ("innovation", "clusters")
    assert first.extra == {"file": ":bettiol.pdf:PDF", "timestamp": "2020.01.01"}
    assert first.provenance["title"].line == 6
    conf = records[1]
    assert conf.type == "paper-conference"
    assert conf.author == (Person("Smith", "John", suffix="Jr"),)
    assert conf.title == "Math α and 50% more"
    assert conf.issued == Date(2021, 6, 1)


def test_truncated_block_kept_raw_with_line() -> None:
    records = parse_bibtex(USER_BIB, "lib.bib")
    broken = records[2]
    assert broken.is_unparsed
    assert broken.raw.startswith("@article{broken,")
    assert broken.warnings and broken.warnings[0].startswith("lib.bib:24:")
    assert records[3].title == "Still read"
    out = dumps(records)
    assert broken.raw.strip() in out
    assert out.index("Still read") < out.index("@article{broken")


def test_nothing_usable_raises_input_error() -> None:
    with pytest.raises(InputError, match=r"lib\.bib"):
        parse_bibtex("% just a comment\n", "lib.bib")
    with pytest.raises(InputError) as info:
        parse_bibtex("\n\n@article{x,\n title = {open", "lib.bib")
    assert info.value.line == 3


def test_sniff_and_registry() -> None:
    reader = BibtexReader()
    assert reader.sniff(b"", "@article{k,\n title={x}}") > 0.9
    assert reader.sniff(b"", "body { color: red }\n@media screen { }") == 0.0
    records = read_bytes(b"@misc{k, title = {x}}\n", "a.bib")
    assert records[0].title == "x"


def test_duplicate_keys_kept_with_warning() -> None:
    records = parse_bibtex(
        "@misc{k, title={a}}\n@misc{K, title={b}}\n@misc{k, title={c}}\n", "d.bib"
    )
    assert [r.title for r in records] == ["a", "b", "c"]
    assert any("duplicate key" in w for w in records[2].warnings)
    keys = dumps(records).lower()
    assert keys.count("@misc{k,") == 1


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(["@article{", "@string{", "k,", "title", "=", "{", "}", '"', "#",
                             " and ", "\n", "@comment{", "@preamble{", ")", "(", "year = 20", "%"]),
            max_size=40,
        ).map("".join),
    )
)  # fmt: skip
def test_any_text_raises_only_refkit_errors(text: str) -> None:
    try:
        records = parse_bibtex(text, "h.bib")
    except RefkitError:
        return
    dumps(records)
