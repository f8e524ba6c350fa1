"""Wording cues of a claim sentence: polarity of an effect, hedges, causal or associative
relation, and the rhetorical cues that refine a result into a conclusion, contribution,
implication or limitation.

Each cue is a regular expression over the lower-cased sentence; they are deliberately
domain-neutral (management, social-science and life-science abstracts phrase effects the
same way: "has a positive effect on", "is not associated with").
"""

from __future__ import annotations

import re

__all__ = [
    "announces_finding",
    "generalises",
    "hedges",
    "interprets",
    "is_availability",
    "is_not_claim",
    "polarity",
    "refine_role",
    "relation",
    "reports_claim",
    "reports_detail",
    "reports_past",
    "reports_statistics",
    "states_result",
    "tense",
]

_NO_EFFECT = re.compile(
    r"\b(?:does|do|did|could|was|were|is|are|has|have|had)\s+not\s+(?:\w+ly\s+)?"
    r"(?:impact|affect|influence|matter|drive|predict|change|alter|improve|increase|reduce|differ|"
    r"have\s+(?:an?\s+|any\s+)?(?:significant\s+)?(?:effect|impact|influence)|"
    r"(?:significantly\s+)?(?:associated|related|correlated|linked)|significant)"
    r"|\bno\s+(?:statistically\s+)?(?:significant\s+|clear\s+|direct\s+|measurable\s+)?"
    r"(?:effects?|impacts?|influence|differences?|associations?|relationships?|correlations?|changes?|evidence)\b"
    r"|\bnot\s+(?:statistically\s+)?significant|\bnon-?significant|\binsignificant"
    r"|\b(?:unrelated|unaffected|unchanged)\b|\bneither\b[^.;]{0,60}\bnor\b"
)
_POSITIVE = re.compile(
    r"\bpositive(?:ly)?\s+(?:\w+\s+)?(?:effects?|impacts?|influences?|associat\w*|relat\w*|correlat\w*|affect\w*|role)"
    r"|\b(?:increas|improv|enhanc|boost|benefit|foster|promot|strengthen|facilitat|accelerat|outperform)\w*"
    r"|\b(?:rise|rises|rising|rose|grow|grows|grew|growth)\b"
    r"|\bhigher\b|\bgreater\b|\bmore\s+(?:effective|likely|innovative|productive)"
)
_NEGATIVE = re.compile(
    r"\bnegative(?:ly)?\s+(?:\w+\s+)?(?:effects?|impacts?|influences?|associat\w*|relat\w*|correlat\w*|affect\w*)"
    r"|\b(?:decreas|reduc|declin|hinder|harm|impair|undermin|inhibit|worsen|weaken|diminish|lower)\w*"
    r"|\binverse(?:ly)?\b|\bless\s+(?:effective|likely)"
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|suggests?|suggested|suggesting|appears?|appeared|seems?|seemed|likely|unlikely|"
    r"possibly|possible|potentially|perhaps|probably|presumably|plausibly|tends?\s+to|"
    r"indicates?|indicated|to\s+some\s+extent|partially|partly)\b"
)
_CAUSAL = re.compile(
    r"\b(?:effects?\s+(?:of|on)|impacts?\s+(?:of|on)|caus\w*|leads?\s+to|led\s+to|results?\s+in|resulted\s+in|"
    r"drives?|driven|influenc\w*|affects?|affected|determin\w*|due\s+to|because|increas\w*|decreas\w*|"
    r"improv\w*|reduc\w*|enhanc\w*|benefit\w*|induc\w*|impacts?|promot\w*|contribut\w*\s+to)\b"
)
_ASSOCIATIVE = re.compile(
    r"\b(?:associat\w*|correlat\w*|related\s+to|relationships?\s+(?:between|with)|linked\s+(?:to|with)|"
    r"co-?occur\w*|predict\w*|covar\w*)\b"
)

# A sentence that reports what was found, whatever the classifier thinks of its wording.
_RESULT = re.compile(
    r"\b(?:results?|findings?|analys[ie]s|data|evidence|estimates?)\s+(?:\w+\s+){0,2}"
    r"(?:show|shows|showed|reveal\w*|indicate\w*|suggest\w*|demonstrate\w*|confirm\w*|support\w*)\b"
    r"|\bwe\s+(?:find|found|show|showed|observe\w*|demonstrate\w*|document\w*|identif\w*)\b"
    r"|\b(?:has|have|had)\s+an?\s+(?:\w+\s+){0,2}(?:effect|impact|influence)\s+on\b"
    r"|" + _NO_EFFECT.pattern
)
# Wording of an aim: a question asked, not an answer given ("testing whether X has an effect").
_AIM = re.compile(
    r"\bwhether\b|\baims?\s+(?:to|at)\b|\bpurpose\b|\bobjectives?\b|\bresearch\s+questions?\b|"
    r"\bwe\s+(?:examine|investigate|explore|study|ask|test|analy[sz]e)\b|"
    r"\b(?:this|the\s+present)\s+(?:study|paper|article|research)\s+(?:examines|investigates|explores|"
    r"analy[sz]es|studies|tests|asks)\b"
)
_LIMITATION = re.compile(
    r"\blimitations?\b|\blimited\s+(?:by|to|in)\b|\bfuture\s+(?:research|studies|work)\b|"
    r"\bfurther\s+(?:research|studies|work)\s+(?:is|are|should)|\bcaution\b|\bgenerali[sz]ab"
)
_IMPLICATION = re.compile(
    r"\bimplications?\b|\bpolicy[\s-]?makers\b|\bpractitioners\b|\bmanagers\s+(?:should|can|may)\b|"
    r"\brecommend\w*|\bshould\s+(?:be\s+)?(?:consider|encourag|support|design|adopt|invest|focus)"
)
_CONTRIBUTION = re.compile(
    r"\bcontribut\w*\s+to\s+(?:the\s+)?(?:\w+\s+){0,3}(?:literature|debate|research|understanding|theory|knowledge)|"
    r"\b(?:main\s+|key\s+)?contributions?\s+(?:of|is|are)\b|\bfills?\s+(?:a\s+|the\s+|this\s+)?(?:\w+\s+)?gaps?\b|"
    r"\b(?:novel|new)\s+(?:empirical\s+)?(?:evidence|insights?|perspective|framework|understanding)|"
    r"\bfirst\s+(?:study|paper|to)\b|\boriginality\b|\benhances?\s+(?:our\s+)?understanding"
)
_CONCLUSION = re.compile(
    r"\bwe\s+conclude|\bin\s+conclusion|\bto\s+conclude|\btaken\s+together|\bin\s+summary|\boverall,|"
    r"\b(?:these|our)\s+(?:\w+\s+)?(?:results|findings|data|analyses|observations)\s+"
    r"(?:\w+\s+)?(?:suggest|indicate|imply|support|highlight|underline|underscore)|"
    r"\bthis\s+(?:study|paper|work|article|research)\s+(?:\w+\s+)?(?:demonstrates|suggests|"
    r"highlights|confirms)|\b(?:thus|therefore|hence)\b|\bconsistent\s+with\b"
)

# What others found before: background to the study, not its claim ("recent studies have
# shown", "accumulating evidence suggests").
_PRIOR_WORK = re.compile(
    r"\b(?:increasing|growing|accumulating|available|recent|previous|prior|emerging|mounting|"
    r"existing|earlier|several\s+lines\s+of|a\s+(?:large|growing)\s+body\s+of)\s+(?:\w+\s+)?"
    r"(?:evidence|studies|data|findings|research|work|reports|literature)\s+(?:\w+\s+)?"
    r"(?:suggest|suggests|suggested|indicate|indicates|indicated|show|shows|showed|shown|"
    r"demonstrate|demonstrates|demonstrated|has|have|support|supports)\b"
)

# A result stated as a claim: a reporting verb with a that-clause, "here we show", or an
# effect stated outright ("has a positive effect on", "does not impact").
_REPORTED = re.compile(
    r"\b(?:show|shows|showed|shown|demonstrat\w*|reveal\w*|indicat\w*|suggest\w*|find|found|"
    r"establish\w*|confirm\w*|conclude\w*|provide\w*\s+evidence)\s+(?:\w+\s+){0,2}that\b|"
    r"\bhere,?\s+we\s+(?:show|report|demonstrate|identify|find|reveal)|"
    r"\b(?:has|have|had|exerts?|exerted|plays?|played)\s+an?\s+(?:\w+\s+){0,2}(?:effects?|impacts?|influence|role)\s+(?:on|in)\b|"
    r"\b(?:does|do|did)\s+not\s+(?:\w+\s+)?(?:impact|affect|influence|matter|drive)"
)
# Figures and test statistics: the marks of a detailed result rather than its gist.  Counts
# that describe a sample ("259 firms", "n = 40") are removed first: they are not results.
_STATISTICS = re.compile(r"\d|±|\b(?:CI|OR|HR|RR|SD|SE)\b")
_AVAILABILITY = re.compile(
    r"https?://|\bwww\.|\b(?:freely|publicly)\s+available|\bavailable\s+(?:at|from|online|upon|on\s+request)|"
    r"\bsource\s+code\b"
)

# Sentences about the document rather than the research: a review's agenda, series and
# copyright notices, contact lines.  Whatever their place, they claim nothing.
_NOT_CLAIM = re.compile(
    r"\b(?:article|paper|review|chapter)\s+is\s+(?:a\s+)?part\s+of\b|\bspecial\s+issue\b|©|"
    r"\bcopyright\b|\ball\s+rights\s+reserved|"
    r"\bwe\s+(?:will\s+|then\s+|also\s+|further\s+|briefly\s+)?(?:discuss|summari[sz]e|outline|review)\b|"
    r"\bin\s+this\s+(?:review|chapter)\b|\bthis\s+review\b|"
    r"\bwill\s+be\s+(?:discussed|presented|introduced|reviewed|described|elaborated)|\bwe\s+will\b|"
    r"\S@\S|^\W*contact\b|"
    # An agenda in the passive: "the implications of these findings are discussed".
    r"\b(?:is|are)\s+(?:also\s+|then\s+|further\s+|briefly\s+|here\s+)?(?:\w+ly\s+)?"
    r"(?:discussed|reviewed|described|summari[sz]ed|outlined|put\s+forward)\b|"
    r"\b(?:this|the\s+present)\s+(?:review|article|paper|chapter|overview|commentary)\s+"
    r"(?:also\s+|then\s+|further\s+|briefly\s+)?(?:discusses|focuses|describes|summari[sz]es|"
    r"reviews|outlines|covers|considers)\b|"
    r"\bwill\s+be\s+(?:\w+ly\s+)?(?:validated|tested|evaluated|assessed|examined|investigated|"
    r"explored|compared|addressed|considered)\b",
    re.IGNORECASE,
)
# Generalising wording: what the results mean rather than what was measured ("these data
# suggest", "may act as", "thus", "we propose").
_GENERALISES = re.compile(
    r"\b(?:may|might|could|suggest\w*|indicat\w*|impl(?:y|ies|ying)|likely|"
    r"(?:these|our|the)\s+(?:\w+\s+)?(?:results|findings|data|observations|experiments)|"
    r"together|thus|therefore|hence|"
    r"we\s+(?:propose|conclude|show|demonstrate|report|reveal|identify|provide|establish|find)|"
    r"here\w*,?\s+we|provid\w*\s+(?:new\s+|novel\s+|first\s+)?(?:evidence|insights?)|"
    r"reveal\w*|demonstrat\w*|highlight\w*|underscor\w*|establish\w*)\b"
)
# Test statistics proper (not sample counts): p-values, intervals, ratios, percentages.
_TEST_STATISTICS = re.compile(
    r"\b[pP]\s*[<=>≤]|±|\b(?:CI|OR|HR|RR|SD|SEM?)\b|\d+(?:\.\d+)?\s*%|\br\s*="
)
_TENTATIVE = re.compile(r"\b(?:may|might|could|suggest\w*|indicat\w*|impl(?:y|ies|ying)|likely)\b")
# Tentative wording or a stated potential: what a result is taken to mean.
_INTERPRETS = re.compile(_TENTATIVE.pattern + r"|\b(?:possibl\w*|potential\w*)\b")

# The finite verb of a clause, to tell what was observed in this study ("levels were
# higher", "TIFY8 interacted with NINJA") from what is claimed to hold ("X is required for
# Y", "X may act as").  Auxiliaries decide when present; else a past form that follows a
# word that can end a subject (not a determiner, preposition, auxiliary or adverb, after
# which an -ed form is an adjective or participle: "the observed", "was increased").
_PRESENT_AUXILIARY = (
    r"is|are|has|have|does|do|can|cannot|may|might|must|should|will|shall|could|would|"
    r"remains?|seems?|appears?|tends?|needs?"
)
_PAST_AUXILIARY = r"was|were|had|did"
_FINITE = re.compile(rf"\b(?:(?P<present>{_PRESENT_AUXILIARY})|(?P<past>{_PAST_AUXILIARY}))\b")
_PAST_FORM = re.compile(
    r"(?P<before>[\w'’-]+)[\s,]+(?P<verb>\w{2,}ed|found|led|grew|rose|fell|became|gave|took|made|"
    r"showed|saw|began|drove|brought|held|kept|lost|met|ran|sought|spent|won|underwent)\b"
)
_NOT_A_SUBJECT_END = frozenset({"a", "also", "an", "and", "are", "as", "at", "be", "been", "being", "both", "but", "by", "can", "could", "each", "for", "from", "further", "had", "has", "have", "her", "his", "in", "into", "is", "its", "least", "less", "may", "might", "more", "most", "must", "no", "not", "of", "on", "or", "our", "should", "than", "that", "the", "their", "then", "these", "this", "those", "thus", "to", "very", "was", "well", "were", "which", "who", "will", "with", "would"})  # fmt: skip
# A reporting verb in the present tense: the authors state the result as what holds now
# ("the results show that exports rose"), not as an episode of the study.
_PRESENT_FRAME = re.compile(
    r"\b(?:show|shows|demonstrate|demonstrates|reveal|reveals|confirm|confirms|establish|"
    r"establishes)\s+(?:\w+\s+){0,2}that\b"
)
# Where the reported clause starts: after the reporting verb's "that" or a relative pronoun.
_CLAUSE_START = re.compile(r"\b(?:that|whereby|which)\b")

# The authors announcing a finding of their own, present tense, with its that-clause.
_ANNOUNCED = re.compile(
    r"\bwe\s+(?:further\s+|also\s+|now\s+|here\s+|additionally\s+)?"
    r"(?:show|demonstrate|report|reveal|establish|find|provide\s+(?:\w+\s+){0,2}evidence)\b"
    r"[^.;]{0,120}?\bthat\b"
    r"|\bour\s+(?:\w+\s+)?(?:data|results|findings|analyses|experiments|observations)\s+"
    r"(?:show|demonstrate|reveal|establish|indicate|suggest)s?\s+(?:\w+\s+){0,2}that\b"
)

_CLAIM_ROLES = frozenset({"finding", "conclusion", "contribution", "implication", "limitation"})


def polarity(text: str) -> str:
    """positive, negative, no-effect, mixed, or "" when the sentence states no direction."""
    lowered = text.lower()
    kinds = []
    no_effect = _NO_EFFECT.search(lowered)
    if no_effect:
        kinds.append("no-effect")
        # Directional words inside the negated phrase ("does not improve") are part of it.
        lowered = lowered[: no_effect.start()] + " " + lowered[no_effect.end() :]
    if _POSITIVE.search(lowered):
        kinds.append("positive")
    if _NEGATIVE.search(lowered):
        kinds.append("negative")
    if not kinds:
        return ""
    return kinds[0] if len(kinds) == 1 else "mixed"


def hedges(text: str) -> tuple[str, ...]:
    """The hedging words of a sentence, lower-cased, in order, without repeats."""
    found = [" ".join(m.group().split()) for m in _HEDGE.finditer(text.lower())]
    return tuple(dict.fromkeys(found))


def relation(text: str) -> str:
    """causal, associative, or "" when the sentence relates nothing."""
    lowered = text.lower()
    if _ASSOCIATIVE.search(lowered):
        return "associative"
    if _CAUSAL.search(lowered):
        return "causal"
    return ""


def states_result(text: str) -> bool:
    """Whether the sentence reports a result in so many words ("the results show")."""
    return bool(_RESULT.search(text.lower()))


def reports_claim(text: str) -> bool:
    """Whether a result is stated as a claim ("we show that", "has a positive effect on")."""
    return bool(_REPORTED.search(text.lower()))


def reports_statistics(text: str) -> bool:
    """Whether a sentence carries figures or test statistics."""
    from refkit.analysis.evidence import SAMPLE_PATTERN

    return bool(_STATISTICS.search(SAMPLE_PATTERN.sub(" ", text)))


def is_availability(text: str) -> bool:
    """Whether a sentence says where software or data can be had (not a claim)."""
    return bool(_AVAILABILITY.search(text.lower()))


def refine_role(role: str, text: str) -> str:
    """Sharpen a coarse role with the sentence's own wording.

    Results become conclusions, contributions, implications or limitations when they say
    so; an aim or method that plainly reports a result becomes a finding.
    """
    lowered = text.lower()
    if (
        role in {"method", "background", "aim", "other"}
        and _RESULT.search(lowered)
        and not _AIM.search(lowered)
    ):
        role = "finding"
    if role in {"background", "other"} and _AIM.search(lowered):
        return "aim"
    if role not in _CLAIM_ROLES:
        return role
    if _PRIOR_WORK.search(lowered):
        return "background"
    if _AIM.search(lowered) and not _RESULT.search(lowered):
        return "aim"
    if _LIMITATION.search(lowered):
        return "limitation"
    if _CONTRIBUTION.search(lowered):
        return "contribution"
    if _IMPLICATION.search(lowered):
        return "implication"
    if role == "finding" and _CONCLUSION.search(lowered):
        return "conclusion"
    return role


def tense(text: str) -> str:
    """ "past", "present" or "" (no finite verb recognised) of a sentence's main statement:
    the clause after "that" when there is one ("we found that X was"), else the sentence."""
    lowered = text.lower()
    start = _CLAUSE_START.search(lowered)
    clause = lowered[start.end() :] if start else lowered
    found: list[tuple[int, str]] = []
    auxiliary = _FINITE.search(clause)
    if auxiliary:
        found.append((auxiliary.start(), "present" if auxiliary.group("present") else "past"))
    for match in _PAST_FORM.finditer(clause):
        before = match.group("before")
        if before not in _NOT_A_SUBJECT_END and not before.endswith("ly"):
            found.append((match.start("verb"), "past"))
            break
    return min(found)[1] if found else ""


def announces_finding(text: str) -> bool:
    """Whether the authors announce a finding of their own in the present tense ("here we
    show that", "we demonstrate that", "our data reveal that"), wherever it stands."""
    return bool(_ANNOUNCED.search(text.lower()))


def interprets(text: str) -> bool:
    """Whether a sentence says what a result may mean ("suggests", "may", "potential")."""
    return bool(_INTERPRETS.search(text.lower()))


def reports_past(text: str) -> bool:
    """Whether a sentence reports, in the past tense and without hedging, what was observed
    ("levels were higher in treated mice") rather than what holds in general."""
    lowered = text.lower()
    return (
        tense(text) == "past"
        and not _INTERPRETS.search(lowered)
        and not _PRESENT_FRAME.search(lowered)
    )


def is_not_claim(text: str) -> bool:
    """Whether a sentence is about the document (agenda, notice, contact), not a claim."""
    return bool(_NOT_CLAIM.search(text))


def generalises(text: str) -> bool:
    """Whether a sentence says what results mean ("these data suggest", "may act as")."""
    return bool(_GENERALISES.search(text.lower()))


def reports_detail(text: str) -> bool:
    """Whether a sentence reports test statistics without saying what they mean."""
    return bool(_TEST_STATISTICS.search(text)) and not _TENTATIVE.search(text.lower())
