"""The evidence base an abstract states: its design, its sample and its setting.

Designs come from a list of the names researchers give them (survey, case study,
experiment, systematic review, ...), samples from a count followed by what was counted
("259 Italian cluster firms", "N = 1,024 respondents"), settings from country names and
their adjectives.  Each value keeps its span in the abstract.
"""

from __future__ import annotations

import re

from refkit.model import Evidence

__all__ = ["SAMPLE_PATTERN", "find_evidence"]

# Longer names first, so "multiple case study" wins over "case study".
_DESIGNS: tuple[tuple[str, str], ...] = (
    (r"systematic\s+(?:literature\s+)?review", "systematic review"),
    (r"meta-?analys[ie]s", "meta-analysis"),
    (r"scoping\s+review", "scoping review"),
    (r"literature\s+review|review\s+of\s+(?:the\s+)?literature", "literature review"),
    (
        r"randomi[sz]ed\s+(?:controlled\s+)?(?:clinical\s+)?trials?|\bRCTs?\b",
        "randomised controlled trial",
    ),
    (r"field\s+experiments?", "field experiment"),
    (r"quasi-?experiment\w*", "quasi-experiment"),
    (r"(?:laboratory|lab|online|vignette|choice)\s+experiments?", "experiment"),
    (r"experiments?\b|experimental\s+(?:study|design)", "experiment"),
    (
        r"multiple[\s-]case\s+stud(?:y|ies)|comparative\s+case\s+stud(?:y|ies)",
        "multiple case study",
    ),
    (r"case\s+stud(?:y|ies)", "case study"),
    (r"ethnograph\w*", "ethnography"),
    (r"(?:semi-?structured\s+|in-?depth\s+|qualitative\s+)?interviews?", "interviews"),
    (r"focus\s+groups?", "focus groups"),
    (
        r"(?:online\s+|questionnaire\s+|national\s+|large-scale\s+)?surveys?|questionnaires?",
        "survey",
    ),
    (r"cohort\s+stud(?:y|ies)|longitudinal\s+stud(?:y|ies)", "cohort study"),
    (r"cross-?sectional\s+(?:study|design|survey|data)", "cross-sectional study"),
    (r"panel\s+data|panel\s+of", "panel data"),
    (r"content\s+analysis|text\s+analysis|discourse\s+analysis", "content analysis"),
    (r"structural\s+equation\s+model\w*|\bSEM\b|\bPLS-SEM\b", "structural equation modelling"),
    (
        r"regression\s+analys[ie]s|(?:logistic|probit|logit|ols)\s+regressions?",
        "regression analysis",
    ),
    (r"simulations?|agent-based\s+model\w*", "simulation"),
    (r"bibliometric\s+analysis|citation\s+analysis", "bibliometric analysis"),
    (r"qualitative\s+(?:study|approach|methodology|research|analysis)", "qualitative study"),
    (r"mixed[\s-]methods?", "mixed methods"),
)
_DESIGN_PATTERNS = [
    (re.compile(rf"\b(?:{pattern})", re.IGNORECASE), name) for pattern, name in _DESIGNS
]

# What studies count.  Plural nouns only: "259 Italian cluster firms", "1,024 respondents".
_UNITS = (
    r"firms|companies|enterprises|SMEs|businesses|organi[sz]ations|start-?ups|ventures|clusters|"
    r"plants|establishments|banks|hospitals|schools|universities|municipalities|regions|countries|"
    r"respondents|participants|subjects|patients|individuals|people|persons|adults|children|"
    r"adolescents|students|pupils|teachers|employees|workers|managers|executives|entrepreneurs|"
    r"founders|owners|consumers|customers|users|households|farmers|citizens|voters|nurses|physicians|"
    r"doctors|volunteers|women|men|mothers|cases|observations|interviews|articles|papers|studies|"
    r"documents|projects|teams|dyads|cities|villages|mice|rats|samples|trials|tweets|posts|reviews|"
    r"projects|innovators|inventors|patents"
)
_NUMBER = r"\d{1,3}(?:[,\s]\d{3})+|\d+|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)(?:[\s-]\w+)?"
#: A sample size: a count followed by what was counted, or "N = 120".
SAMPLE_PATTERN = _SAMPLE = re.compile(
    rf"\b(?:{_NUMBER})\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_UNITS})\b"
    rf"|\b[Nn]\s*=\s*\d[\d,]*",
)

_COUNTRIES: dict[str, str] = {
    "italy": "Italy", "italian": "Italy", "sweden": "Sweden", "swedish": "Sweden",
    "norway": "Norway", "norwegian": "Norway", "denmark": "Denmark", "danish": "Denmark",
    "finland": "Finland", "finnish": "Finland", "germany": "Germany", "german": "Germany",
    "france": "France", "french": "France", "spain": "Spain", "spanish": "Spain",
    "portugal": "Portugal", "portuguese": "Portugal", "netherlands": "Netherlands",
    "dutch": "Netherlands", "belgium": "Belgium", "belgian": "Belgium", "austria": "Austria",
    "austrian": "Austria", "switzerland": "Switzerland", "swiss": "Switzerland",
    "poland": "Poland", "polish": "Poland", "greece": "Greece", "greek": "Greece",
    "ireland": "Ireland", "irish": "Ireland", "uk": "United Kingdom",
    "united kingdom": "United Kingdom", "britain": "United Kingdom", "british": "United Kingdom",
    "england": "England", "english": "", "scotland": "Scotland", "scottish": "Scotland",
    "united states": "United States", "u.s.": "United States", "usa": "United States",
    "american": "United States", "canada": "Canada", "canadian": "Canada", "mexico": "Mexico",
    "mexican": "Mexico", "brazil": "Brazil", "brazilian": "Brazil", "argentina": "Argentina",
    "chile": "Chile", "chilean": "Chile", "colombia": "Colombia", "china": "China",
    "chinese": "China", "japan": "Japan", "japanese": "Japan", "korea": "Korea",
    "korean": "Korea", "taiwan": "Taiwan", "taiwanese": "Taiwan", "india": "India",
    "indian": "India", "pakistan": "Pakistan", "bangladesh": "Bangladesh", "vietnam": "Vietnam",
    "vietnamese": "Vietnam", "thailand": "Thailand", "malaysia": "Malaysia",
    "malaysian": "Malaysia", "indonesia": "Indonesia", "indonesian": "Indonesia",
    "australia": "Australia", "australian": "Australia", "new zealand": "New Zealand",
    "south africa": "South Africa", "nigeria": "Nigeria", "nigerian": "Nigeria",
    "kenya": "Kenya", "kenyan": "Kenya", "uganda": "Uganda", "ugandan": "Uganda",
    "ghana": "Ghana", "ethiopia": "Ethiopia", "egypt": "Egypt", "turkey": "Turkey",
    "turkish": "Turkey", "iran": "Iran", "iranian": "Iran", "israel": "Israel",
    "israeli": "Israel", "saudi arabia": "Saudi Arabia", "russia": "Russia",
    "russian": "Russia", "ukraine": "Ukraine", "czech republic": "Czech Republic",
    "hungary": "Hungary", "hungarian": "Hungary", "romania": "Romania", "slovenia": "Slovenia",
    "croatia": "Croatia", "estonia": "Estonia", "latvia": "Latvia", "lithuania": "Lithuania",
    "europe": "Europe", "european": "Europe", "nordic": "Nordic countries",
    "scandinavian": "Scandinavia", "latin america": "Latin America", "africa": "Africa",
    "african": "Africa", "asia": "Asia", "asian": "Asia",
}  # fmt: skip
_SETTING = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted(_COUNTRIES, key=len, reverse=True))
    + r")(?![\w.])",
    re.IGNORECASE,
)


def _first_design(text: str) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for pattern, name in _DESIGN_PATTERNS:
        match = pattern.search(text)
        # The earliest mention names the study's own design; later ones often cite others.
        if match and (best is None or match.start() < best[1]):
            best = (name, match.start(), match.end())
    return best


def find_evidence(text: str, method_spans: list[tuple[int, int]] | None = None) -> Evidence | None:
    """The design, sample and setting stated in ``text`` (an abstract), or ``None``.

    ``method_spans`` are the spans of the sentences that describe the method; when given
    they are searched first, since a design named there is the study's own.
    """
    regions = [*(method_spans or []), (0, len(text))]
    design = sample = None
    for start, end in regions:
        part = text[start:end]
        if design is None and (found := _first_design(part)):
            design = (found[0], found[1] + start, found[2] + start)
        if sample is None and (match := _SAMPLE.search(part)):
            sample = (match.group(), match.start() + start, match.end() + start)
    setting = None
    for match in _SETTING.finditer(text):
        # "English" names a language far more often than a place.
        place = _COUNTRIES[match.group(1).lower()]
        if place:
            setting = (place, match.start(), match.end())
            break
    if not (design or sample or setting):
        return None
    spans = tuple(
        (kind, value[1], value[2])
        for kind, value in (("design", design), ("sample", sample), ("setting", setting))
        if value is not None
    )
    return Evidence(
        design=design[0] if design else "",
        sample=" ".join(sample[0].split()) if sample else "",
        setting=setting[0] if setting else "",
        spans=spans,
    )
