"""Claims of an abstract: what each sentence does, and what the claims among them say.

Structured abstracts are read by their headings (Purpose, Design/methodology/approach,
Findings, ...); unstructured ones by the sentence-role classifier of
:mod:`refkit.analysis.roles`.  Either way each sentence's role is then sharpened by its own
wording (:func:`refkit.analysis.cues.refine_role`), and claims get their polarity, hedges,
relation and the abstract's evidence base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refkit.abstracts import canonical_heading
from refkit.analysis import cues
from refkit.analysis.evidence import find_evidence
from refkit.analysis.roles import predict_roles
from refkit.analysis.sentences import Sentence, split_sentences
from refkit.languages import detect_language
from refkit.model import Claim

__all__ = [
    "CLAIM_ROLES",
    "HEADING_ROLES",
    "KEPT_ROLES",
    "AbstractAnalysis",
    "analyse_abstract",
    "classify_sentences",
]

#: Roles that make a sentence a claim.
CLAIM_ROLES: frozenset[str] = frozenset(
    {"finding", "conclusion", "contribution", "implication", "limitation"}
)
#: Roles returned beside the claims, so a reader sees what was studied and how.  A
#: "result" is a detailed result (figures, statistics) reported on the way to a finding.
KEPT_ROLES: frozenset[str] = CLAIM_ROLES | {"aim", "method", "result"}

#: Structured-abstract heading (canonical spelling) -> the role of the sentences under it.
HEADING_ROLES: dict[str, str] = {
    "Purpose": "aim",
    "Objective": "aim",
    "Objectives": "aim",
    "Aim": "aim",
    "Aims": "aim",
    "Aims and objectives": "aim",
    "Research question": "aim",
    "Design/methodology/approach": "method",
    "Methods": "method",
    "Method": "method",
    "Methodology": "method",
    "Design": "method",
    "Approach": "method",
    "Setting": "method",
    "Participants": "method",
    "Interventions": "method",
    "Main outcome measures": "method",
    "Findings": "finding",
    "Results": "finding",
    "Conclusion": "conclusion",
    "Conclusions": "conclusion",
    "Discussion": "conclusion",
    "Research limitations/implications": "implication",
    "Limitations": "limitation",
    "Practical implications": "implication",
    "Social implications": "implication",
    "Implications": "implication",
    "Originality/value": "contribution",
    "Value": "contribution",
    "Background": "background",
    "Context": "background",
    "Introduction": "background",
    "Paper type": "other",
    "Importance": "background",
    "Rationale": "background",
    "Hypothesis": "aim",
    "Exposure": "method",
    "Exposures": "method",
    "Main outcomes and measures": "method",
    "Main outcome measure": "method",
    "Primary and secondary outcome measures": "method",
    "Design, setting, and participants": "method",
    "Design, setting and participants": "method",
    "Data sources": "method",
    "Study selection": "method",
    "Data extraction": "method",
    "Data synthesis": "finding",
    "Conclusions and relevance": "conclusion",
    "Interpretation": "conclusion",
    "Funding": "other",
    "Trial registration": "other",
}

# Below this many words a text is a title or a fragment, not an abstract to classify.
_MIN_WORDS = 12


@dataclass(frozen=True, slots=True)
class AbstractAnalysis:
    """Every sentence of an abstract with its role, and why nothing was found if so."""

    sentences: tuple[Claim, ...]
    language: str = "en"
    reason: str = ""

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Claims, aims and methods: the sentences a reader of the abstract wants."""
        return tuple(s for s in self.sentences if s.role in KEPT_ROLES)


def _looks_english(text: str) -> str:
    """``"en"``, another ISO code, or ``"?"`` when the text is not recognisably English."""
    code = detect_language(text)
    if code:
        return code
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) / len(letters) < 0.9:
        return "?"
    return "en"


def classify_sentences(
    texts: Sequence[str], headings: Sequence[str] | None = None
) -> list[tuple[str, float]]:
    """The role of each sentence and the confidence in it.

    A sentence under a recognised structured-abstract heading takes the heading's role;
    the others are classified together (the classifier uses their order).  Every role is
    then refined by the sentence's own wording.
    """
    headings = list(headings or [""] * len(texts))
    predicted = predict_roles(texts) if any(not HEADING_ROLES.get(h) for h in headings) else []
    roles: list[tuple[str, float]] = []
    for index, text in enumerate(texts):
        by_heading = HEADING_ROLES.get(canonical_heading(headings[index]) or headings[index])
        if by_heading:
            role, score = by_heading, 1.0
            # Under a heading the role is known; only a heading that joins two roles
            # ("limitations/implications") or a claim heading is refined by wording.
            if role in CLAIM_ROLES:
                role = cues.refine_role(role, text)
                if role not in CLAIM_ROLES:
                    role = by_heading
            # A "Results" section lists figures; those without a stated finding are details.
            if role == "finding" and cues.reports_statistics(text) and not cues.reports_claim(text):
                role = "result"
            roles.append((role, score))
            continue
        role, score = predicted[index]
        role = cues.refine_role(role, text)
        from_end = len(texts) - 1 - index
        if role == "finding" and not _states_finding(text, from_end):
            role = "result"
        if role == "result" and from_end == 1 and cues.generalises(text):
            # Just before the closing sentence, a result that says what it means is a finding.
            role = "finding"
        if role in {"finding", "conclusion"} and from_end > 0 and cues.reports_past(text):
            # Before the closing sentence, what was observed in the past tense, unhedged,
            # is a result on the way to the claim, not the claim ("levels were higher").
            role = "result"
        roles.append((role, score))
    roles = [
        ("other", score) if cues.is_availability(text) or cues.is_not_claim(text) else (role, score)
        for text, (role, score) in zip(texts, roles, strict=True)
    ]
    # Claims gather at the end of an unstructured abstract; an unhedged finding followed by
    # a non-claim, two or more sentences from the end, is a step on the way to them -
    # unless the authors announce it as theirs ("here we show that"), wherever it stands.
    for index in range(len(texts) - 3, -1, -1):
        role, score = roles[index]
        if (
            role == "finding"
            and not HEADING_ROLES.get(canonical_heading(headings[index]) or headings[index])
            and roles[index + 1][0] not in CLAIM_ROLES
            and not cues.interprets(texts[index])
            and not cues.announces_finding(texts[index])
        ):
            roles[index] = ("result", score)
    return roles


def _states_finding(text: str, from_end: int) -> bool:
    """Whether a result sentence of an unstructured abstract states a finding a reader
    would cite, rather than a detail on the way to one.

    The last sentence usually is the take-home message; before it, a finding is stated as
    one ("we show that", "has a positive effect on"), and figures mark a detail unless the
    sentence is among the last three.
    """
    if from_end == 0:
        return True
    if cues.reports_detail(text):
        return False
    return cues.reports_claim(text) and (from_end <= 2 or not cues.reports_statistics(text))


def _section_sentences(abstract: str, sections: Sequence[tuple[str, str]]) -> list[Sentence]:
    """Sentences of a structured abstract, each carrying its section's heading, with spans
    in ``abstract``.  Falls back to the headings the splitter finds in the text itself."""
    found: list[Sentence] = []
    cursor = 0
    for heading, body in sections:
        position = abstract.find(body, cursor) if body else -1
        if position < 0:
            return split_sentences(abstract)
        for sentence in split_sentences(body):
            found.append(
                Sentence(
                    sentence.text,
                    sentence.start + position,
                    sentence.end + position,
                    heading,
                    index=len(found),
                )
            )
        cursor = position + len(body)
    return found


def analyse_abstract(abstract: str, sections: Sequence[tuple[str, str]] = ()) -> AbstractAnalysis:
    """All sentences of ``abstract`` with roles, polarity, hedges, relation and evidence.

    Never raises.  Gives no sentences, with a ``reason``, for empty text, a lone sentence
    of an unstructured abstract, or text not in English.
    """
    if not abstract or len(abstract.split()) < _MIN_WORDS:
        return AbstractAnalysis((), reason="no abstract" if not abstract.strip() else "too short")
    sentences = _section_sentences(abstract, sections) if sections else split_sentences(abstract)
    language = _looks_english(" ".join(s.text for s in sentences))
    if language != "en":
        return AbstractAnalysis((), language=language, reason="not in English")
    structured = any(HEADING_ROLES.get(s.heading) for s in sentences)
    if len(sentences) < 2 and not structured:
        # One sentence gives the classifier no order to go by: better nothing than a guess.
        return AbstractAnalysis((), reason="one sentence")
    roles = classify_sentences([s.text for s in sentences], [s.heading for s in sentences])
    method_spans = [
        (s.start, s.end) for s, (role, _) in zip(sentences, roles, strict=True) if role == "method"
    ]
    evidence = find_evidence(abstract, method_spans)
    result: list[Claim] = []
    for sentence, (role, score) in zip(sentences, roles, strict=True):
        is_claim = role in CLAIM_ROLES
        result.append(
            Claim(
                text=sentence.text,
                start=sentence.start,
                end=sentence.end,
                role=role,
                polarity=cues.polarity(sentence.text) if is_claim else "",
                hedges=cues.hedges(sentence.text) if is_claim else (),
                relation=cues.relation(sentence.text) if is_claim else "",
                section=sentence.heading,
                score=round(score, 3),
                evidence=evidence if role in KEPT_ROLES else None,
            )
        )
    return AbstractAnalysis(tuple(result))
