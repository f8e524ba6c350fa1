"""Claims of the seed abstracts, cues, evidence and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import refkit
from refkit.analysis import analyse, cues
from refkit.analysis.claims import CLAIM_ROLES
from refkit.analysis.cues import hedges, polarity, relation, tense
from refkit.analysis.evidence import find_evidence
from refkit.model import Claim, Record

DOCUMENTS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def seed(name: str) -> Record:
    return refkit.ingest(str(DOCUMENTS / name))[0]


def containing(claims: list[Claim], words: str) -> Claim:
    matches = [c for c in claims if words in c.text]
    assert len(matches) == 1, [c.text for c in claims]
    return matches[0]


def test_seed_000_findings_and_method() -> None:
    record = seed("pure-bettiol-2019.txt")
    claims = refkit.claims(record)
    no_effect = containing(claims, "internationalization per se does not impact innovation")
    assert (no_effect.role, no_effect.polarity) == ("finding", "no-effect")
    positive = containing(claims, "collaboration with external actors")
    assert (positive.role, positive.polarity) == ("finding", "positive")
    assert positive.relation == "causal"
    for claim in (no_effect, positive):
        assert record.abstract[claim.start : claim.end] == claim.text
    evidence = no_effect.evidence
    assert evidence is not None
    assert (evidence.design, evidence.sample, evidence.setting) == (
        "survey",
        "259 Italian cluster firms",
        "Italy",
    )
    design_span = next(span for span in evidence.spans if span[0] == "sample")
    assert record.abstract[design_span[1] : design_span[2]] == "259 Italian cluster firms"


def test_seed_002_serial_and_non_serial_innovators() -> None:
    claims = refkit.claims(seed("eprints-libaers-2011.txt"))
    both = containing(claims, "both serial and non-serial innovator firms benefit")
    assert both.role == "finding"
    # Benefit for both, decreasing returns for one: a mixed effect.
    assert both.polarity == "mixed"
    assert "decreasing returns" in both.text
    more = containing(claims, "serial innovator firms benefit more")
    assert (more.role, more.polarity) == ("finding", "positive")
    assert more.hedges == ("indicates",)


def test_seed_001_headed_sections() -> None:
    record = seed("iris-carloni-2022.txt")
    claims = refkit.claims(record)
    by_section = {(c.section, c.role) for c in claims}
    assert by_section == {
        ("Purpose", "aim"),
        ("Design/methodology/approach", "method"),
        ("Findings", "finding"),
        ("Originality/value", "contribution"),
    }
    method = containing(claims, "case study of a Swedish formal cluster initiative")
    assert method.evidence is not None
    assert method.evidence.setting == "Sweden"
    assert all(record.abstract[c.start : c.end] == c.text for c in claims)


def test_seed_003_headed_sections() -> None:
    claims = refkit.claims(seed("emerald-osarenkhoe-2024.txt"))
    sections = [c.section for c in claims]
    assert sections.count("Purpose") == 2
    assert sections.count("Findings") == 2
    assert {c.role for c in claims if c.section == "Purpose"} == {"aim"}
    assert {c.role for c in claims if c.section == "Design/methodology/approach"} == {"method"}
    assert {c.role for c in claims if c.section == "Findings"} == {"finding"}
    assert {c.role for c in claims if c.section == "Research limitations/implications"} <= {
        "implication",
        "limitation",
        "contribution",
    }
    assert {c.role for c in claims if c.section == "Originality/value"} == {"contribution"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Training has a positive effect on wages.", "positive"),
        ("Subsidies reduce exports.", "negative"),
        ("Size is not significantly associated with survival.", "no-effect"),
        ("Exports rise with size but decline with age.", "mixed"),
        ("The sample covers four regions.", ""),
    ],
)
def test_polarity(sentence: str, expected: str) -> None:
    assert polarity(sentence) == expected


def test_hedges_and_relation() -> None:
    assert hedges("These results may suggest that trust appears to matter.") == (
        "may",
        "suggest",
        "appears",
    )
    assert relation("Trust is associated with growth.") == "associative"
    assert relation("Trust leads to growth.") == "causal"
    assert relation("The sample covers four regions.") == ""


def test_evidence_of_a_review() -> None:
    evidence = find_evidence("We conduct a systematic literature review of 120 articles.")
    assert evidence is not None
    assert (evidence.design, evidence.sample) == ("systematic review", "120 articles")


@pytest.mark.parametrize(
    "abstract",
    [
        "",
        "   ",
        "One sentence only that says firms grow when they export to many foreign markets.",
        "Questo studio analizza il ruolo dei cluster nella internazionalizzazione delle imprese "
        "e mostra che la collaborazione con le università è importante per la innovazione.",
    ],
)
def test_bad_input_gives_no_claims(abstract: str) -> None:
    assert refkit.claims(abstract) == []


def test_non_english_abstract_is_said_so() -> None:
    record = Record(
        abstract="Questo studio analizza il ruolo dei cluster nella internazionalizzazione delle "
        "imprese e mostra che la collaborazione con le università è importante per la "
        "innovazione delle piccole imprese del distretto."
    )
    analysed = analyse(record)
    assert analysed.claims == ()
    assert analysed.keyphrases == ()
    assert any("Italian" in w for w in analysed.warnings)


def test_jats_abstract_keeps_offsets_into_the_original() -> None:
    abstract = (
        "<jats:p>Clusters shape how firms learn. We surveyed 120 firms in Spain. "
        "We find that membership <jats:italic>has a positive effect on</jats:italic> exports.</jats:p>"
    )
    claims = refkit.claims(abstract)
    finding = containing(claims, "membership has a positive effect on exports")
    assert finding.role == "finding"
    assert "<" not in finding.text
    assert abstract[finding.start : finding.end].startswith("We find that")


def test_analyse_sets_claims_and_keyphrases() -> None:
    record = analyse(seed("pure-bettiol-2019.txt"))
    assert record.claims and any(c.is_claim for c in record.claims)
    assert record.keyphrases[0].source == "author"
    assert any(k.source == "extracted" for k in record.keyphrases)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_claims_never_raise_and_spans_are_in_range(text: str) -> None:
    for claim in refkit.claims(text):
        assert 0 <= claim.start < claim.end <= len(text)


def test_notices_and_agendas_are_not_claims() -> None:
    from refkit.analysis.claims import CLAIM_ROLES, classify_sentences

    sentences = [
        "Trade credit is common among small firms.",
        "We surveyed 300 firms in Spain.",
        "Firms with bank ties use less trade credit.",
        "This article is part of a Special Issue entitled Finance and Growth.",
    ]
    roles = [role for role, _score in classify_sentences(sentences)]
    assert roles[-1] not in CLAIM_ROLES


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Export intensity was higher in clustered firms.", "past"),
        ("TIFY8 interacted with TOPLESS through NINJA.", "past"),
        ("We found that the observed effect is driven by trust.", "present"),
        ("Collaboration has a positive effect on innovation outputs.", "present"),
        ("The results showed that subsidies reduced exports.", "past"),
        ("Trust matters.", ""),
    ],
)
def test_tense_of_the_reported_clause(sentence: str, expected: str) -> None:
    assert tense(sentence) == expected


def _roles(sentences: list[str]) -> list[str]:
    from refkit.analysis.claims import classify_sentences

    return [role for role, _score in classify_sentences(sentences)]


BACKGROUND = "Small firms often export through intermediaries in foreign markets."
METHOD = "We surveyed 300 manufacturing firms in Spain and Portugal in 2019."
CLOSING = "Export support should therefore target the networks that firms already belong to."


def test_past_tense_observation_before_the_end_is_a_result_not_a_claim() -> None:
    observed = "We found that clustered firms exported more than isolated firms."
    hedged = "We found that clustered firms may export more than isolated firms."
    assert _roles([BACKGROUND, METHOD, observed, CLOSING])[2] == "result"
    assert _roles([BACKGROUND, METHOD, hedged, CLOSING])[2] == "finding"
    # Stated as what the results show now, it stays a finding.
    shown = "The results show that clustered firms exported more than isolated firms."
    assert _roles([BACKGROUND, METHOD, shown, CLOSING])[2] == "finding"
    # The closing sentence is the take-home message whatever its tense.
    assert _roles([BACKGROUND, METHOD, observed])[2] in CLAIM_ROLES


def test_prior_work_and_agendas_are_not_claims() -> None:
    prior = "Recent studies have shown that clusters help small firms to export."
    assert _roles([prior, METHOD, CLOSING])[0] == "background"
    for agenda in (
        "Policy implications for research and economic development are discussed.",
        "This review discusses what clusters offer to small exporters.",
    ):
        assert _roles([BACKGROUND, METHOD, agenda])[2] not in CLAIM_ROLES


def test_an_isolated_finding_far_from_the_end_is_a_result() -> None:
    isolated = "The estimates show that clustered firms export to more countries."
    detail = "Firms in the sample had on average 40 employees and 12 export markets."
    roles = _roles([BACKGROUND, METHOD, isolated, detail, METHOD, CLOSING])
    assert roles[2] == "result"
    # Followed by another claim, it stays a finding.
    roles = _roles([BACKGROUND, METHOD, isolated, CLOSING])
    assert roles[2] == "finding"


def test_a_finding_the_authors_announce_is_a_claim_wherever_it_stands() -> None:
    announced = "Here we show that clustered firms export to more countries."
    detail = "Firms in the sample had on average 40 employees and 12 export markets."
    roles = _roles([BACKGROUND, METHOD, announced, detail, METHOD, CLOSING])
    assert roles[2] == "finding"


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("Here we show that CLIC4-null embryos exhibit impaired tubulogenesis.", True),
        ("In this report, we further demonstrate that the compound reduces viability.", True),
        ("Moreover, our data demonstrates that the enzyme is cytoplasmic.", True),
        ("We found that the gene was present in every lineage.", False),  # past: an episode
        ("We show how to learn a model from few examples.", False),  # no finding stated
        ("Previous studies have shown that firms cluster.", False),
    ],
)
def test_announces_finding(text: str, announced: bool) -> None:
    assert cues.announces_finding(text) is announced
