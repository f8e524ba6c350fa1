from __future__ import annotations

from refkit.export.keys import KEY_PATTERN, assign_keys, base_key
from refkit.model import Date, Person, Record


def test_better_bibtex_style() -> None:
    record = Record(
        title="Local or global? Does internationalization drive innovation in clusters?",
        author=(Person("Bettiol", "Marco"),),
        issued=Date(2019),
    )
    assert base_key(record) == "BettiolLocalGlobalDoes2019"


def test_stop_words_and_transliteration() -> None:
    record = Record(title="Über die Straßen of the city", author=(Person("Müller", "J."),))
    assert base_key(record) == "MullerUberStrassenCity"


def test_particles_corporate_and_no_author() -> None:
    assert base_key(Record(title="A test", author=(Person("Di Maria", "E."),))).startswith(
        "DiMaria"
    )
    assert base_key(Record(title="Report", author=(Person(literal="World Health Org"),))) == (
        "WorldReport"
    )
    assert base_key(Record(title="The cluster effect on firms", issued=Date(2001))) == (
        "ClusterEffectFirms2001"
    )
    assert KEY_PATTERN.match(base_key(Record(title="2020 vision")))
    assert KEY_PATTERN.match(base_key(Record()))


def test_suffixes_unique_ignoring_case() -> None:
    record = Record(title="Same title", author=(Person("Smith", "J."),), issued=Date(2020))
    keyed = assign_keys([record, record, record, Record(id="smithsametitle2020c")])
    keys = [r.id for r in keyed]
    assert keys[3] == "smithsametitle2020c"
    assert keys[:3] == ["SmithSameTitle2020", "SmithSameTitle2020a", "SmithSameTitle2020b"]
    assert len({k.lower() for k in keys}) == 4


def test_existing_valid_keys_kept_invalid_replaced() -> None:
    keyed = assign_keys([Record(id="mine", title="x"), Record(id="bad key!", title="Title here")])
    assert keyed[0].id == "mine"
    assert keyed[1].id == "TitleHere"


def test_unparsed_records_untouched() -> None:
    raw = Record(raw="@article{x, title = {")
    assert assign_keys([raw])[0] is raw
