"""Citation-ready summaries from claims and evidence."""

from __future__ import annotations

from render_records import claim_records

from refkit.model import Claim, Evidence, Person, Record
from refkit.render.summary import summarise


def test_survey_and_finding_in_the_papers_words() -> None:
    bettiol = claim_records()[0]
    summary = summarise(bettiol, "Bettiol et al. (2019)")
    assert summary == (
        "Bettiol et al. (2019) surveyed 259 Italian cluster firms and found that firms with "
        "international value chains innovate more than local ones. The authors also suggested "
        "that cluster policies should support openness to global networks."
    )


def test_case_study_conclusion() -> None:
    carloni = claim_records()[1]
    assert summarise(carloni, "Carloni (2021)") == (
        "Carloni (2021) studied one Italian formal cluster and concluded that formal clusters "
        "help small firms enter foreign markets through joint projects."
    )


def test_nothing_rather_than_something_wrong() -> None:
    assert summarise(Record(title="No claims"), "Doe (2020)") == ""
    # First-person claims cannot become a "that" clause about other authors.
    first_person = Record(
        claims=(Claim("We propose a typology of clusters.", 0, 34, "contribution"),)
    )
    assert summarise(first_person, "Doe (2020)") == ""
    # Method sentences and limitations are not findings.
    others = Record(
        claims=(
            Claim(
                "Data were collected in 2019.", 0, 28, "method", evidence=Evidence(design="survey")
            ),
            Claim("The sample is small.", 29, 49, "limitation"),
        )
    )
    assert summarise(others, "Doe (2020)") == ""


def test_proper_nouns_and_acronyms_keep_their_capital() -> None:
    record = Record(
        author=(Person("Doe", "J."),),
        claims=(
            Claim("SMEs in clusters export more.", 0, 29, "finding"),
            Claim("Italian firms innovate less.", 30, 58, "finding"),
        ),
    )
    assert summarise(record, "Doe (2020)") == (
        "Doe (2020) found that SMEs in clusters export more. "
        "The author also found that Italian firms innovate less."
    )


def test_hedged_frame_keeps_its_hedge() -> None:
    record = Record(
        claims=(Claim("Our results suggest that proximity may matter less.", 0, 52, "finding"),)
    )
    assert summarise(record, "Doe (2020)") == "Doe (2020) suggested that proximity may matter less."


def test_lead_ins_connectives_and_statements_about_the_paper_are_left_out() -> None:
    record = Record(
        type="article-journal",
        title="T",
        author=(Person("Doe", "Jane"), Person("Roe", "Rick")),
        claims=(
            Claim("Policy implications for research are discussed.", 0, 48, "implication"),
            Claim(
                "Based on a survey of 80 firms, the results show that exporters innovate more.",
                49,
                126,
                "finding",
            ),
            Claim("On the contrary, subsidies have no effect on innovation.", 127, 183, "finding"),
        ),
    )
    summary = summarise(record, "Doe and Roe (2020)")
    assert summary == (
        "Doe and Roe (2020) found that exporters innovate more. "
        "The authors also found that subsidies have no effect on innovation."
    )
