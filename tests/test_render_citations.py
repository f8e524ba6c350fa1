"""In-text citation forms."""

from __future__ import annotations

from refkit.model import Date, Person, Record
from refkit.render.citations import in_text


def _record(*people: Person, year: int | None = 2019, title: str = "A title") -> Record:
    return Record(author=people, issued=Date(year) if year else None, title=title)


def test_three_or_more_authors_use_et_al() -> None:
    citation = in_text(
        _record(Person("Bettiol", "M."), Person("Chiarvesio", "M."), Person("Di Maria", "E."))
    )
    assert citation.parenthetical == "(Bettiol et al., 2019)"
    assert citation.narrative == "Bettiol et al. (2019)"


def test_two_authors_are_joined() -> None:
    citation = in_text(_record(Person("Libaers", "D."), Person("Meyer", "M."), year=2011))
    assert citation.parenthetical == "(Libaers & Meyer, 2011)"
    assert citation.narrative == "Libaers and Meyer (2011)"


def test_organisation_year_suffix_and_no_date() -> None:
    assert in_text(_record(Person(literal="OECD")), "b").parenthetical == "(OECD, 2019b)"
    assert in_text(_record(Person("Doe", "J."), year=None)).narrative == "Doe (n.d.)"


def test_work_without_authors_is_cited_by_title() -> None:
    citation = in_text(_record(title="Cluster portal: The guide"))
    assert citation.parenthetical == "(\u201cCluster portal\u201d, 2019)"


def test_numeric_forms() -> None:
    citation = in_text(_record(Person("Doe", "J.")), number=3)
    assert (citation.parenthetical, citation.narrative) == ("[3]", "Doe [3]")
