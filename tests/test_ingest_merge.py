"""Merging two descriptions of one work: primary wins, secondary fills gaps."""

from __future__ import annotations

from refkit.ingest.merge import merge, name_completeness
from refkit.model import Date, Person, Provenance, Record

META = Provenance("page.html", start=10, end=20, note="meta")
TEXT = Provenance("page.html", start=100, end=120, note="visible text")


def test_primary_values_kept_and_gaps_filled_with_secondary_provenance() -> None:
    primary = Record(
        type="article-journal",
        title="Meta title",
        volume="12",
        provenance={"title": META, "volume": META},
    )
    secondary = Record(
        type="webpage",
        title="Text title",
        volume="99",
        issue="3",
        publisher="Some Press",
        provenance={"title": TEXT, "issue": TEXT, "publisher": TEXT},
    )
    merged = merge(primary, secondary)
    assert merged.type == "article-journal"
    assert merged.title == "Meta title"
    assert merged.volume == "12"
    assert merged.issue == "3"
    assert merged.publisher == "Some Press"
    assert merged.provenance["title"] is META
    assert merged.provenance["issue"] is TEXT
    assert merged.provenance["publisher"] is TEXT


def test_document_type_counts_as_empty() -> None:
    merged = merge(Record(title="x"), Record(type="thesis"))
    assert merged.type == "thesis"


def test_merge_with_empty_secondary_is_identity() -> None:
    primary = Record(title="Same", author=(Person("Doe", "Jane"),))
    assert merge(primary, Record()) is primary


def test_authors_with_fuller_names_win() -> None:
    initials = (Person("Bettiol", "M."), Person("Di Maria", "E."))
    full = (Person("Bettiol", "Marco"), Person("Di Maria", "Eleonora"))
    merged = merge(
        Record(author=initials, provenance={"author": META}),
        Record(author=full, provenance={"author": TEXT}),
    )
    assert merged.author == full
    assert merged.provenance["author"] is TEXT
    # And the other way round the primary's full names stay.
    assert merge(Record(author=full), Record(author=initials)).author == full


def test_author_list_cut_short_is_extended() -> None:
    first_only = (Person("Libaers", "Dirk"),)
    both = (Person("Libaers", "Dirk"), Person("Meyer", "Martin S."))
    assert merge(Record(author=first_only), Record(author=both)).author == both


def test_different_author_lists_keep_primary() -> None:
    meta = (Person("Libaers", "Dirk"), Person("Meyer", "Martin S."))
    junk = (Person("Department", "Economics"), Person("School", "Business"), Person("X", "Y"))
    assert merge(Record(author=meta), Record(author=junk)).author == meta


def test_keywords_from_the_source_that_has_them() -> None:
    assert merge(Record(keywords=("a",)), Record(keywords=("b", "c"))).keywords == ("a",)
    assert merge(Record(), Record(keywords=("b", "c"))).keywords == ("b", "c")


def test_issn_and_isbn_are_united() -> None:
    merged = merge(Record(issn=("0048-7333",)), Record(issn=("0048-7333", "1873-7625")))
    assert merged.issn == ("0048-7333", "1873-7625")


def test_same_year_more_precise_date_refines() -> None:
    merged = merge(
        Record(issued=Date(2019), provenance={"issued": META}),
        Record(issued=Date(2019, 10, 3), provenance={"issued": TEXT}),
    )
    assert merged.issued == Date(2019, 10, 3)
    assert merged.provenance["issued"] is TEXT
    # A different year is a conflict: the primary stays.
    assert merge(Record(issued=Date(2019)), Record(issued=Date(2020, 1, 1))).issued == Date(2019)


def test_structured_abstract_replaces_the_same_plain_one() -> None:
    plain = "Purpose The paper studies clusters. Findings Clusters help firms export."
    sections = (
        ("Purpose", "The paper studies clusters."),
        ("Findings", "Clusters help firms export."),
    )
    structured = "Purpose: The paper studies clusters.\n\nFindings: Clusters help firms export."
    merged = merge(
        Record(abstract=plain),
        Record(abstract=structured, abstract_sections=sections),
    )
    assert merged.abstract_sections == sections
    assert merged.abstract == structured


def test_truncated_abstract_replaced_by_full_one() -> None:
    merged = merge(
        Record(abstract="Innovation in clusters is rooted in proximity among..."),
        Record(abstract="Innovation in clusters is rooted in proximity among specialised actors."),
    )
    assert merged.abstract.endswith("specialised actors.")


def test_different_abstract_keeps_primary() -> None:
    merged = merge(
        Record(abstract="An abstract about clusters."),
        Record(
            abstract="Purpose: unrelated words here.\n\nFindings: nothing in common.",
            abstract_sections=(
                ("Purpose", "unrelated words here."),
                ("Findings", "nothing in common."),
            ),
        ),
    )
    assert merged.abstract == "An abstract about clusters."
    assert merged.abstract_sections == ()


def test_extra_warnings_and_references_flags_combine() -> None:
    merged = merge(
        Record(extra={"a": "1"}, warnings=("w1",)),
        Record(extra={"a": "2", "b": "3"}, warnings=("w1", "w2"), has_references=True),
    )
    assert dict(merged.extra) == {"a": "1", "b": "3"}
    assert merged.warnings == ("w1", "w2")
    assert merged.has_references


def test_name_completeness() -> None:
    assert name_completeness(Person("Doe", "Jane")) == 3
    assert name_completeness(Person("Doe", "J. Q.")) == 2
    assert name_completeness(Person("Doe")) == 1
    assert name_completeness(Person(literal="WHO")) == 1
    assert name_completeness(Person()) == 0
