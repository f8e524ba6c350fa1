"""Citation-ready summaries: one to three sentences in the voice of a literature review.

Built only from what the analysis found in the abstract: the evidence (design, sample)
and the claims, whose own wording is kept.  A claim is used only when it can be turned
into a "that" clause without changing its meaning (its reporting frame, such as "Results
show that", is dropped; a claim still speaking in the first person, or about "this
paper", is not used).  With nothing safe to say, the summary is empty: no summary is
better than a wrong one.

    Bettiol et al. (2019) surveyed 259 Italian cluster firms and found that firms with
    international value chains innovate more than local ones.
"""

from __future__ import annotations

import re

from refkit.model import Claim, Evidence, Record
from refkit.render.casing import PROPER_NOUNS

__all__ = ["summarise"]

# Reporting frames that open a claim: "Results show that", "We find that", "The findings
# suggest that"...  The verb tells how strongly the paper puts it.
_FRAME = re.compile(
    r"^(?:(?:the |our |these |this )?(?:results?|findings?|analys[ie]s|data|evidence|study|paper|"
    r"article|research|estimates?)(?: of this (?:study|paper))?|we|it is)\s+"
    r"(?:also |further |clearly |consistently )?"
    r"(?P<verb>show|shows|showed|find|finds|found|reveal|reveals|revealed|indicate|indicates|"
    r"indicated|suggest|suggests|suggested|demonstrate|demonstrates|demonstrated|confirm|"
    r"confirms|confirmed|conclude|concludes|concluded|argue|argues|argued|found)\s+that\s+",
    re.IGNORECASE,
)
# Words that link a sentence to the one before it; a summary sentence stands alone.
_CONNECTIVE = re.compile(
    r"^(?:on the contrary|in contrast|in addition|additionally|moreover|furthermore|however|"
    r"overall|in particular|finally|also|thus|therefore|hence|consequently|importantly|"
    r"specifically|notably|in sum|in summary|taken together)\s*,\s*",
    re.IGNORECASE,
)
# A lead-in that says how the result was reached ("Based on a survey of 259 firms, the
# results show that ..."); dropped only when a reporting frame follows it.
_LEAD_IN = re.compile(
    r"^(?:based on|using|drawing on|building on|through|by|with|from|relying on|employing|"
    r"analy[sz]ing|combining)\b[^,]{3,200},\s*",
    re.IGNORECASE,
)
# Sentences about the paper rather than about the world: "implications are discussed".
_META = re.compile(
    r"\b(?:is|are|were|was)\s+(?:also\s+)?(?:discussed|presented|outlined|described|provided|"
    r"offered|proposed|reviewed|examined|explored)\s*$",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours|I|my)\b", re.IGNORECASE)
_SELF_REFERENCE = re.compile(
    r"\bthis (?:paper|study|article|research|chapter|thesis)\b", re.IGNORECASE
)

# Past-tense reporting verbs by the frame's verb and by the claim's role.
_HEDGED_VERBS = {"suggest": "suggested", "indicate": "indicated", "argue": "argued"}
_ROLE_VERBS = {
    "finding": "found",
    "conclusion": "concluded",
    "implication": "suggested",
    "contribution": "showed",
}
# How a study design reads as a verb phrase taking the sample as its object.
_DESIGN_VERBS = (
    ("meta-analys", "meta-analysed"),
    ("systematic review", "reviewed"),
    ("literature review", "reviewed"),
    ("review", "reviewed"),
    ("survey", "surveyed"),
    ("questionnaire", "surveyed"),
    ("interview", "interviewed"),
    ("experiment", "ran an experiment with"),
    ("trial", "ran a trial with"),
    ("case stud", "studied"),
    ("ethnograph", "observed"),
    ("panel", "analysed data on"),
    ("regression", "analysed data on"),
)


def _clause(claim: Claim) -> tuple[str, str] | None:
    """The claim as (reporting verb, "that" clause), or None when it cannot be one."""
    text = " ".join(claim.text.split()).rstrip(" .;")
    if not text or text.endswith("?"):
        return None
    if claim.role == "limitation":
        return None
    verb = _ROLE_VERBS.get(claim.role, "found")
    if _META.search(text):
        return None
    text = _CONNECTIVE.sub("", text)
    lead_in = _LEAD_IN.match(text)
    if lead_in and _FRAME.match(text[lead_in.end() :]):
        text = text[lead_in.end() :]
    match = _FRAME.match(text)
    if match:
        said = match.group("verb").lower()
        # A hedged frame keeps its hedge: "suggest that" is not "found that".
        verb = next((v for stem, v in _HEDGED_VERBS.items() if said.startswith(stem[:4])), verb)
        text = text[match.end() :]
    if _FIRST_PERSON.search(text) or _SELF_REFERENCE.search(text):
        return None
    first = text.split()[0]
    keeps_capital = (
        first in PROPER_NOUNS
        or first == "I"
        or sum(c.isupper() for c in first) > 1
        or any(c.isdigit() for c in first)
    )
    if not keeps_capital:
        text = text[:1].lower() + text[1:]
    return verb, text


def _evidence(record: Record) -> Evidence | None:
    for claim in record.claims:
        if claim.evidence and (claim.evidence.design or claim.evidence.sample):
            return claim.evidence
    return None


def _method_phrase(evidence: Evidence | None) -> str:
    """ "surveyed 259 Italian cluster firms", or "" when the design has no fitting verb."""
    if evidence is None or not evidence.sample:
        return ""
    design = evidence.design.lower()
    for key, verb in _DESIGN_VERBS:
        if key in design:
            return f"{verb} {evidence.sample}"
    return f"studied {evidence.sample}" if not design else ""


def _subject_again(record: Record) -> str:
    """How the second sentence names the authors."""
    people = record.author or record.editor
    if len(people) == 1 and people[0].is_corporate:
        return people[0].literal
    return "The authors" if len(people) != 1 else "The author"


def summarise(record: Record, narrative: str) -> str:
    """A 1–3 sentence summary of ``record`` starting with its narrative citation, or ""."""
    clauses = [c for claim in record.claims if claim.is_claim and (c := _clause(claim))]
    # Findings open the summary; two sentences of claims are enough.
    ordered = sorted(clauses, key=lambda item: 0 if item[0] in {"found", "showed"} else 1)[:2]
    if not ordered:
        return ""
    method = _method_phrase(_evidence(record))
    verb, clause = ordered[0]
    if method:
        sentences = [f"{narrative} {method} and {verb} that {clause}."]
    else:
        sentences = [f"{narrative} {verb} that {clause}."]
    for verb, clause in ordered[1:]:
        sentences.append(f"{_subject_again(record)} also {verb} that {clause}.")
    return " ".join(sentences)
