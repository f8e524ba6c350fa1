"""Keywords of a work: the author's, as given, and keyphrases extracted from its text.

Extraction needs no tagger and no model.  Candidate phrases are runs of content words
between stop words, punctuation and verbs (a lexicon of function words and common verbs,
and suffix rules for adverbs), ending on a noun (suffix rules for adjectives); generic
words ("method", "high") may sit inside a phrase but never form one alone.  Each word is
scored by how often and how early it occurs (title words count more) times its rarity in
abstracts (``rarity.json``, document frequencies over CSAbstruct, built by
``scripts/build_rarity.py``), a phrase by the sum of its words, lone words discounted, and
phrases are grouped by their Porter stems so "neural network" and "neural networks" are
one keyphrase.  A phrase contained in a better one is dropped unless it also occurs on its
own.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from refkit.model import Keyword

__all__ = ["author_keywords", "extract_keyphrases", "split_keywords", "stem"]

_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "afterwards",
        "again",
        "against",
        "all",
        "almost",
        "alone",
        "along",
        "already",
        "also",
        "although",
        "always",
        "am",
        "among",
        "amongst",
        "an",
        "and",
        "another",
        "any",
        "anyhow",
        "anyone",
        "anything",
        "anyway",
        "anywhere",
        "are",
        "around",
        "as",
        "at",
        "be",
        "became",
        "because",
        "become",
        "becomes",
        "becoming",
        "been",
        "before",
        "beforehand",
        "behind",
        "being",
        "below",
        "beside",
        "besides",
        "between",
        "beyond",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "due",
        "during",
        "each",
        "either",
        "else",
        "elsewhere",
        "enough",
        "etc",
        "even",
        "ever",
        "every",
        "everyone",
        "everything",
        "everywhere",
        "except",
        "few",
        "for",
        "former",
        "formerly",
        "from",
        "further",
        "furthermore",
        "had",
        "has",
        "have",
        "having",
        "he",
        "hence",
        "her",
        "here",
        "hereby",
        "herein",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "ie",
        "if",
        "in",
        "indeed",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "latter",
        "least",
        "less",
        "many",
        "may",
        "me",
        "meanwhile",
        "might",
        "mine",
        "more",
        "moreover",
        "most",
        "mostly",
        "much",
        "must",
        "my",
        "myself",
        "namely",
        "neither",
        "never",
        "nevertheless",
        "next",
        "no",
        "nobody",
        "none",
        "nor",
        "not",
        "nothing",
        "now",
        "nowhere",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "rather",
        "same",
        "several",
        "she",
        "should",
        "since",
        "so",
        "some",
        "somehow",
        "someone",
        "something",
        "sometimes",
        "somewhere",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "thence",
        "there",
        "thereafter",
        "thereby",
        "therefore",
        "therein",
        "thereupon",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "throughout",
        "thus",
        "to",
        "together",
        "too",
        "toward",
        "towards",
        "under",
        "unless",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "whatever",
        "when",
        "whence",
        "whenever",
        "where",
        "whereas",
        "whereby",
        "wherein",
        "whether",
        "which",
        "while",
        "who",
        "whoever",
        "whole",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "eg",
        "e.g",
        "i.e",
        "viz",
        "vs",
        "et",
        "al",
        "new",
        "novel",
        "paper",
        "study",
        "article",
        "approach",
        "method",
        "methods",
        "result",
        "results",
        "based",
        "using",
        "use",
        "used",
        "uses",
        "various",
        "different",
        "given",
        "important",
        "major",
        "main",
        "first",
        "second",
        "third",
        "two",
        "three",
        "four",
        "five",
        "several",
        "certain",
        "particular",
        "specific",
        "proposed",
        "present",
        "presented",
        "work",
        "works",
        "way",
        "ways",
        "also",
        "show",
        "shows",
        "shown",
        "showed",
        "well",
        "high",
        "low",
        "large",
        "small",
        "good",
        "better",
        "best",
        "able",
        "less",
        "given",
        "recent",
        "recently",
        "many",
        "number",
        "numbers",
        "kind",
        "kinds",
        "type",
        "types",
        "order",
        "terms",
        "term",
        "case",
        "cases",
        "following",
        "follows",
        "example",
        "examples",
        "problem",
        "problems",
        "respectively",
        "aim",
        "aims",
        "purpose",
        "paper's",
        "study's",
        "findings",
        "finding",
        "implications",
        "implication",
        "contribution",
        "contributions",
        "research",
        "literature",
        "analysis",
        "analyses",
    ]
)

# Generic words that belong inside a keyphrase ("numerical integration method", "high
# speed train") but never make one alone and add little to a phrase's score.
_WEAK = frozenset(
    [
        "method",
        "methods",
        "problem",
        "problems",
        "analysis",
        "analyses",
        "approach",
        "result",
        "results",
        "high",
        "low",
        "large",
        "small",
        "first",
        "second",
        "real",
        "order",
        "type",
        "types",
        "case",
        "cases",
        "research",
        "study",
        "work",
        "new",
        "based",
        "two",
        "three",
        "multi",
        "time",
        "process",
        "system",
        "systems",
        "data",
    ]
)

# Common verbs of abstracts in all their forms.  A phrase never runs across one, so
# "internationalization affects innovation" gives two phrases, not one.
_VERB_STEMS = [
    "fill",
    "bridge",
    "foster",
    "hinder",
    "spur",
    "hamper",
    "boost",
    "enter",
    "accept",
    "achiev",
    "acquir",
    "act",
    "add",
    "address",
    "adopt",
    "affect",
    "aim",
    "allow",
    "analys",
    "analyz",
    "appear",
    "appli",
    "apply",
    "argu",
    "aris",
    "assess",
    "assum",
    "attempt",
    "avoid",
    "base",
    "becom",
    "begin",
    "believ",
    "benefit",
    "build",
    "calcul",
    "call",
    "carri",
    "caus",
    "chang",
    "character",
    "choos",
    "claim",
    "collect",
    "combin",
    "compar",
    "compil",
    "complet",
    "compos",
    "comput",
    "concern",
    "conclud",
    "conduct",
    "confirm",
    "connect",
    "consid",
    "consist",
    "construct",
    "contain",
    "continu",
    "contribut",
    "control",
    "convert",
    "correspond",
    "creat",
    "deal",
    "decid",
    "decreas",
    "defin",
    "demonstr",
    "depend",
    "deriv",
    "describ",
    "design",
    "detect",
    "determin",
    "develop",
    "differ",
    "discov",
    "discuss",
    "displai",
    "distinguish",
    "divid",
    "drive",
    "emerg",
    "employ",
    "enabl",
    "encount",
    "enhanc",
    "ensur",
    "establish",
    "estim",
    "evalu",
    "examin",
    "exist",
    "expand",
    "expect",
    "experi",
    "explain",
    "explor",
    "express",
    "extend",
    "extract",
    "facilit",
    "fail",
    "find",
    "focus",
    "follow",
    "form",
    "found",
    "gain",
    "gener",
    "get",
    "give",
    "go",
    "grow",
    "guarante",
    "handl",
    "happen",
    "help",
    "hold",
    "identifi",
    "ignor",
    "illustr",
    "impact",
    "impli",
    "implement",
    "improv",
    "includ",
    "increas",
    "indic",
    "influenc",
    "inform",
    "integr",
    "intend",
    "introduc",
    "investig",
    "involv",
    "keep",
    "know",
    "lead",
    "learn",
    "leav",
    "let",
    "lie",
    "limit",
    "link",
    "lose",
    "maintain",
    "make",
    "manag",
    "match",
    "mean",
    "measur",
    "meet",
    "mention",
    "minim",
    "model",
    "motiv",
    "move",
    "need",
    "note",
    "observ",
    "obtain",
    "occur",
    "offer",
    "open",
    "oper",
    "optim",
    "outperform",
    "overcom",
    "perform",
    "permit",
    "place",
    "plai",
    "point",
    "pose",
    "possess",
    "predict",
    "prefer",
    "prepar",
    "present",
    "preserv",
    "prevent",
    "produc",
    "propos",
    "prove",
    "provid",
    "publish",
    "put",
    "rais",
    "reach",
    "read",
    "realiz",
    "receiv",
    "recogn",
    "reduc",
    "refer",
    "reflect",
    "regard",
    "relat",
    "reli",
    "remain",
    "remov",
    "replac",
    "report",
    "repres",
    "requir",
    "reveal",
    "review",
    "run",
    "satisfi",
    "see",
    "seek",
    "seem",
    "select",
    "serv",
    "set",
    "show",
    "simplifi",
    "solv",
    "specifi",
    "start",
    "state",
    "stem",
    "strengthen",
    "studi",
    "submit",
    "suggest",
    "support",
    "take",
    "tend",
    "test",
    "think",
    "treat",
    "tri",
    "turn",
    "understand",
    "undertak",
    "update",
    "us",
    "util",
    "vari",
    "verifi",
    "view",
    "want",
    "yield",
    "sell",
    "sold",
    "buy",
    "bought",
    "pai",
    "paid",
    "grow",
    "grew",
    "rise",
    "rose",
    "fall",
    "fell",
    "train",
    "cost",
    "price",
    "matter",
    "leas",
]
_VERB_FORMS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "need",
        "needs",
        "needed",
    ]
)
# Suffixes of inflected verbs, tried against the stem list above ("affects" -> "affect").
_VERB_SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied")
# Words that look like verb forms but are common heads of keyphrases.
_NOUN_EXCEPTIONS = frozenset(
    [
        "learning",
        "processing",
        "engineering",
        "computing",
        "modelling",
        "modeling",
        "planning",
        "mining",
        "training",
        "scheduling",
        "networking",
        "clustering",
        "programming",
        "manufacturing",
        "marketing",
        "reasoning",
        "routing",
        "tracking",
        "testing",
        "monitoring",
        "matching",
        "filtering",
        "sensing",
        "imaging",
        "coding",
        "signalling",
        "signaling",
        "forecasting",
        "pricing",
        "funding",
        "housing",
        "banking",
        "accounting",
        "building",
        "teaching",
        "nursing",
        "understanding",
        "rating",
        "ranking",
        "sampling",
        "rendering",
        "spending",
        "trading",
        "setting",
        "settings",
        "design",
        "designs",
        "model",
        "models",
        "control",
        "controls",
        "test",
        "tests",
        "need",
        "needs",
        "set",
        "sets",
        "state",
        "states",
        "support",
        "supports",
        "report",
        "reports",
        "review",
        "reviews",
        "form",
        "forms",
        "change",
        "changes",
        "view",
        "views",
        "impact",
        "impacts",
        "influence",
        "influences",
        "benefit",
        "benefits",
        "limit",
        "limits",
        "link",
        "links",
        "point",
        "points",
        "process",
        "processes",
        "measure",
        "measures",
        "experiment",
        "experiments",
        "structure",
        "structures",
        "analysis",
        "feature",
        "features",
        "result",
        "results",
        "service",
        "services",
        "system",
        "systems",
        "network",
        "networks",
        "cost",
        "costs",
        "price",
        "prices",
        "matter",
        "matters",
        "lease",
        "leases",
        "fall",
    ]
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|\d+(?:\.\d+)?|[^\sA-Za-z0-9]")
_MAX_WORDS = 5
# Scoring constants, chosen on Inspec's train split (benchmarks/keyphrases_inspec.py).
_POSITION_SCALE = 30.0
_LENGTH_EXPONENT = 0.0
_FREQUENCY_BONUS = 0.0
# A lone word is rarely a keyphrase by itself; title words are the author's own choice.
_SINGLE_WORD_WEIGHT = 0.2
_TITLE_WEIGHT = 2.0
_WEAK_WEIGHT = 0.3


@lru_cache(maxsize=1)
def _rarity() -> dict[str, float]:
    """Each stem's inverse document frequency in abstracts, scaled to (0, 1]; stems missing
    from the table are rare and count fully."""
    data = json.loads(resources.files("refkit.analysis").joinpath("rarity.json").read_text("utf-8"))
    documents = int(data["documents"])
    scale = math.log(documents + 1)
    return {
        word: math.log((documents + 1) / (count + 1)) / scale
        for word, count in data["frequency"].items()
    }


@lru_cache(maxsize=1)
def _stemmer() -> object:
    # snowballstemmer is pure Python and has no dependencies; its "porter" algorithm is the
    # stemmer keyphrase benchmarks use, so scores here match published ones.
    import snowballstemmer

    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-cased word."""
    result = _stemmer().stemWord(word.lower())  # type: ignore[attr-defined]
    return str(result)


@lru_cache(maxsize=65536)
def _is_verb(word: str) -> bool:
    lowered = word.lower()
    if lowered in _VERB_FORMS:
        return True
    if lowered in _NOUN_EXCEPTIONS:
        return False
    if lowered in _VERB_STEM_SET:
        return True
    for suffix in _VERB_SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 2:
            base = lowered[: -len(suffix)]
            if (
                base in _VERB_STEM_SET
                or base + "e" in _VERB_STEM_SET
                or base + "y" in _VERB_STEM_SET
            ):
                return True
    root = stem(lowered)
    if root not in _VERB_STEM_SET:
        return False
    # Only inflections of the verb itself: "affects" is a verb, "measurements" is not.
    return lowered in {root, root + "e", root + "s", root + "es", root + "ed", root + "ing"} or (
        lowered.endswith(("ed", "ing")) and len(lowered) - len(root) <= 4
    )


_VERB_STEM_SET = frozenset(_VERB_STEMS)


@lru_cache(maxsize=65536)
def _is_content(token: str) -> bool:
    lowered = token.lower()
    if lowered in _WEAK:
        return True
    if (
        not token[0].isalpha()
        or lowered in _STOPWORDS
        or len(lowered) < 2
        or lowered in _IRREGULAR_VERBS
    ):
        return False
    # Adverbs ("significantly") never belong to a keyphrase.
    if (
        lowered.endswith("ly")
        and len(lowered) > 4
        and lowered not in {"family", "assembly", "supply", "anomaly", "monopoly", "poly"}
    ):
        return False
    return not _is_verb(token)


_AUXILIARIES = frozenset(
    [
        "not",
        "to",
        "does",
        "do",
        "did",
        "can",
        "may",
        "will",
        "would",
        "could",
        "should",
        "might",
        "must",
    ]
)


@lru_cache(maxsize=65536)
def _could_be_verb(word: str) -> bool:
    """A word that is a noun or a verb by context ("impact", "benefit", "experience")."""
    lowered = word.lower()
    root = stem(lowered)
    return root in _VERB_STEM_SET or lowered in _NOUN_EXCEPTIONS or root in {"experi", "leverag"}


# Adjective endings: a keyphrase names a thing, so it never ends on one ("carriers
# accountable", "serious"); nouns with these endings are listed as exceptions.
_ADJECTIVE_SUFFIXES = ("able", "ible", "ous", "ful", "less", "ical", "ive", "ed", "ent", "ant")
_ADJECTIVE_NOUNS = frozenset(
    [
        "objective",
        "objectives",
        "alternative",
        "initiative",
        "incentive",
        "perspective",
        "derivative",
        "directive",
        "executive",
        "representative",
        "archive",
        "drive",
        "motive",
        "detective",
        "explosive",
        "agent",
        "client",
        "component",
        "content",
        "element",
        "environment",
        "equipment",
        "event",
        "gradient",
        "government",
        "investment",
        "management",
        "measurement",
        "moment",
        "patent",
        "patient",
        "percent",
        "requirement",
        "segment",
        "student",
        "treatment",
        "agreement",
        "assessment",
        "development",
        "document",
        "experiment",
        "instrument",
        "statement",
        "coefficient",
        "constituent",
        "continent",
        "current",
        "deployment",
        "employment",
        "engagement",
        "enrolment",
        "enrollment",
        "improvement",
        "movement",
        "payment",
        "recruitment",
        "settlement",
        "argument",
        "department",
        "parent",
        "respondent",
        "resident",
        "incident",
        "accident",
        "opponent",
        "president",
        "talent",
        "extent",
        "intent",
        "account",
        "constant",
        "consultant",
        "entrant",
        "immigrant",
        "participant",
        "plant",
        "variant",
        "applicant",
        "restaurant",
        "tenant",
        "merchant",
        "assistant",
        "descendant",
        "pollutant",
        "grant",
        "giant",
        "servant",
        "seed",
        "speed",
        "need",
        "feed",
        "bed",
        "shed",
        "breed",
        "hundred",
        "weed",
    ]
)
# Past forms without the "-ed" ending, and contraction stumps ("doesn't" -> "doesn").
_IRREGULAR_VERBS = frozenset(
    [
        "came",
        "went",
        "made",
        "took",
        "gave",
        "got",
        "began",
        "became",
        "brought",
        "built",
        "chose",
        "drew",
        "felt",
        "held",
        "kept",
        "knew",
        "led",
        "left",
        "lost",
        "meant",
        "met",
        "ran",
        "said",
        "saw",
        "sent",
        "sought",
        "spent",
        "stood",
        "taught",
        "told",
        "thought",
        "understood",
        "won",
        "wrote",
        "written",
        "taken",
        "given",
        "known",
        "seen",
        "shown",
        "grown",
        "chosen",
        "become",
        "looks",
        "seems",
        "says",
        "gets",
        "makes",
        "takes",
        "gives",
        "doesn",
        "don",
        "isn",
        "aren",
        "wasn",
        "weren",
        "didn",
        "couldn",
        "shouldn",
        "wouldn",
        "hasn",
        "haven",
        "won't",
        "ll",
        "ve",
        "re",
    ]
)


@lru_cache(maxsize=65536)
def _is_adjective(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ADJECTIVE_NOUNS or len(lowered) <= 4 or word.isupper():
        return False
    return lowered.endswith(_ADJECTIVE_SUFFIXES) or lowered in _ADJECTIVES


_ADJECTIVES = frozenset(
    [
        "available",
        "serious",
        "intact",
        "open",
        "simple",
        "real",
        "similar",
        "common",
        "general",
        "necessary",
        "robust",
        "easy",
        "useful",
        "free",
        "hard",
        "full",
        "clear",
        "complex",
        "current",
        "possible",
        "likely",
        "due",
        "able",
        "optimal",
        "suitable",
        "overall",
        "key",
        "novel",
        "previous",
        "various",
        "typical",
        "usual",
        "unique",
        "accurate",
        "appropriate",
        "adequate",
        "separate",
        "complete",
        "specific",
        "generic",
        "basic",
        "classic",
        "strong",
        "weak",
        "fast",
        "slow",
        "cheap",
        "expensive",
        "easy",
        "difficult",
        "higher",
        "lower",
        "larger",
        "smaller",
        "faster",
        "slower",
        "further",
        "own",
    ]
)


def _is_plural(word: str) -> bool:
    lowered = word.lower()
    return lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "ics"))


@dataclass(frozen=True, slots=True)
class _Occurrence:
    words: tuple[str, ...]
    position: int
    start: int
    end: int


_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "both",
        "each",
        "every",
        "such",
        "some",
        "many",
    ]
)


def _third_person(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))


def _candidates(text: str, offset: int = 0, first_position: int = 0) -> list[_Occurrence]:
    """Runs of content words (at most five) with their word position and character span."""
    found: list[_Occurrence] = []
    run: list[re.Match[str]] = []
    position = first_position

    def close() -> None:
        # A phrase ends on its head noun: trailing adjectives and participles go
        # ("carriers accountable", "pricing adopted").
        while run and _is_adjective(run[-1].group()):
            run.pop()
        # A gerund opening a run is a verb ("unveiling exogenous gaps").
        if (
            run
            and run[0].group().lower().endswith("ing")
            and run[0].group().lower() not in _NOUN_EXCEPTIONS
        ):
            run.pop(0)
        # A noun-or-verb word after a plural noun is the sentence's verb: "firms benefit",
        # "carriers price services"; the run is cut there.
        for index in range(1, len(run)):
            if _could_be_verb(run[index].group()) and _is_plural(run[index - 1].group()):
                tail = run[index + 1 :]
                del run[index:]
                emit()
                run.extend(tail)
                break
        emit()

    def emit() -> None:
        if run:
            # Long runs are usually lists; keep their last five words, the head end.
            kept = run[-_MAX_WORDS:]
            found.append(
                _Occurrence(
                    tuple(m.group() for m in kept),
                    position - len(kept),
                    kept[0].start() + offset,
                    kept[-1].end() + offset,
                )
            )
            run.clear()

    previous = ""
    tokens = list(_TOKEN.finditer(text))
    for index, match in enumerate(tokens):
        token = match.group()
        after_auxiliary = previous in _AUXILIARIES
        previous = token.lower()
        following = tokens[index + 1].group().lower() if index + 1 < len(tokens) else ""
        if after_auxiliary and _could_be_verb(token):
            close()
        elif run and following in _DETERMINERS and _third_person(token):
            # "the cluster plays the role", "the study fills research gaps": a word in -s
            # between a noun and a determiner is the sentence's verb, not a plural noun.
            close()
        elif token[0].isalpha() and _is_content(token):
            run.append(match)
        elif token == "-" and run:
            continue
        else:
            close()
        position += 1
    close()
    return found


def extract_keyphrases(title: str, abstract: str, n: int = 10) -> list[Keyword]:
    """The ``n`` best keyphrases of a title and abstract, best first, with scores in (0, 1]
    and spans in the abstract.  Gives ``[]`` for empty text; never raises."""
    if n <= 0 or not (title.strip() or abstract.strip()):
        return []
    in_title = _candidates(title, offset=-1_000_000)
    occurrences = in_title + _candidates(abstract, first_position=len(title.split()))
    if not occurrences:
        return []
    # Word scores: frequency, weighted towards early mentions (title words come first).
    word_score: dict[str, float] = defaultdict(float)
    for number, occurrence in enumerate(occurrences):
        weight = 1.0 + _POSITION_SCALE / (occurrence.position + _POSITION_SCALE)
        if number < len(in_title):
            weight += _TITLE_WEIGHT
        for word in occurrence.words:
            word_score[stem(word)] += weight
    rarity = _rarity()
    if rarity:
        for root in word_score:
            word_score[root] *= rarity.get(root, 1.0)
    groups: dict[tuple[str, ...], list[_Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        key = tuple(stem(w) for w in occurrence.words)
        groups[key].append(occurrence)
        # Sub-phrases that end on the run's last word (its head) are candidates too, so
        # "optimal control" is found inside "nonlinear optimal control".
        for begin in range(1, len(occurrence.words)):
            groups[key[begin:]].append(
                _Occurrence(occurrence.words[begin:], occurrence.position + begin, -1, -1)
            )
    weak = {stem(w) for w in _WEAK}
    for root in weak & word_score.keys():
        word_score[root] *= _WEAK_WEIGHT
    scored: list[tuple[float, tuple[str, ...]]] = []
    for key, members in groups.items():
        if all(root in weak for root in key):
            continue
        # A lone generic word earns less than a phrase that names a concept.
        whole = [m for m in members if m.start != -1]
        frequency = len(whole) + 0.5 * (len(members) - len(whole))
        score = (
            sum(word_score[w] for w in key)
            / (len(key) ** _LENGTH_EXPONENT)
            * (1 + _FREQUENCY_BONUS * min(frequency, 4))
            * (_SINGLE_WORD_WEIGHT if len(key) == 1 else 1.0)
        )
        scored.append((score, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[float, tuple[str, ...]]] = []
    for score, key in scored:
        if any(
            _contains(longer, key) and not _stands_alone(key, longer, groups)
            for _s, longer in chosen
        ):
            continue
        chosen.append((score, key))
        if len(chosen) == n:
            break
    top = chosen[0][0] if chosen else 1.0
    keywords: list[Keyword] = []
    for score, key in chosen:
        members = groups[key]
        surface = _surface(members)
        spans = tuple((m.start, m.end) for m in members if m.start >= 0)
        keywords.append(Keyword(surface, round(score / top, 4), "extracted", spans))
    return keywords


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if len(shorter) >= len(longer):
        return False
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _stands_alone(
    key: tuple[str, ...], longer: tuple[str, ...], groups: dict[tuple[str, ...], list[_Occurrence]]
) -> bool:
    """Whether ``key`` also occurs as a whole phrase of its own, not only inside ``longer``."""
    return any(m.start != -1 for m in groups[key])


def _surface(members: Sequence[_Occurrence]) -> str:
    """The commonest written form, lower-cased unless it is an acronym or a proper name."""
    counts: dict[str, int] = defaultdict(int)
    for member in members:
        words = [
            w if (w.isupper() and len(w) > 1) or any(c.isupper() for c in w[1:]) else w.lower()
            for w in member.words
        ]
        counts[" ".join(words)] += 1
    return max(counts.items(), key=lambda item: (item[1], -len(item[0])))[0]


def split_keywords(values: Iterable[str]) -> list[str]:
    """Author keywords split on ";" or "," (commas only when there is no semicolon), with
    spaces tidied and duplicates (ignoring case) removed; the first spelling is kept."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        parts = re.split(r"\s*;\s*", value) if ";" in value else re.split(r"\s*,\s*", value)
        for part in parts:
            cleaned = " ".join(part.split()).strip(" .·•")
            key = cleaned.casefold()
            if cleaned and key not in seen:
                seen.add(key)
                result.append(cleaned)
    return result


def author_keywords(values: Iterable[str]) -> list[Keyword]:
    """The author's keywords as :class:`Keyword` values, in the order given (score 1.0)."""
    return [Keyword(text, 1.0, "author") for text in split_keywords(values)]
