"""Records for the rendering tests: the examples' library plus hand-made works of every
kind a thesis cites (articles, books, chapters with editors, theses, reports by
organisations, conference papers), some with claims for the summaries."""

from __future__ import annotations

from pathlib import Path

import refkit
from refkit.model import Check, Claim, Date, Evidence, Keyword, Person, Record

ROOT = Path(__file__).resolve().parent.parent


def example_records() -> list[Record]:
    """The library refkit reads from examples/documents."""
    return list(refkit.ingest(ROOT / "examples" / "documents"))


def _article(
    family: str,
    given: str,
    year: int,
    title: str,
    journal: str,
    volume: str,
    page: str,
    **more: object,
) -> Record:
    return Record(
        type="article-journal",
        title=title,
        author=(Person(family, given),),
        issued=Date(year),
        container_title=journal,
        volume=volume,
        page=page,
        **more,  # type: ignore[arg-type]
    )


BETTIOL_ABSTRACT = (
    "This paper investigates whether internationalization drives innovation in clusters. "
    "We surveyed 259 Italian cluster firms. "
    "Results show that firms with international value chains innovate more than local ones. "
    "The findings suggest that cluster policies should support openness to global networks."
)


def claim_records() -> list[Record]:
    """Works whose abstracts have been analysed into claims and evidence."""
    abstract = BETTIOL_ABSTRACT
    finding = (
        "Results show that firms with international value chains innovate more than local ones."
    )
    implication = (
        "The findings suggest that cluster policies should support openness to global networks."
    )
    evidence = Evidence(design="survey", sample="259 Italian cluster firms", setting="Italy")
    return [
        Record(
            type="article-journal",
            id="BettiolLocalGlobalDoes2019",
            title="Local or global? Does internationalization drive innovation in clusters?",
            author=(
                Person("Bettiol", "Marco"),
                Person("Chiarvesio", "Maria"),
                Person("Di Maria", "Eleonora"),
            ),
            issued=Date(2019),
            container_title="European Planning Studies",
            volume="27",
            issue="10",
            page="1995-2014",
            doi="10.1080/09654313.2019.1628186",
            abstract=abstract,
            claims=(
                Claim(
                    "We surveyed 259 Italian cluster firms.",
                    abstract.index("We surveyed"),
                    abstract.index("We surveyed") + 38,
                    "method",
                    evidence=evidence,
                ),
                Claim(
                    finding,
                    abstract.index(finding),
                    abstract.index(finding) + len(finding),
                    "finding",
                    polarity="positive",
                ),
                Claim(
                    implication,
                    abstract.index(implication),
                    abstract.index(implication) + len(implication),
                    "implication",
                    hedges=("suggest",),
                ),
            ),
            keyphrases=(
                Keyword("clusters", 0.9, "author"),
                Keyword("global value chains", 0.7, "extracted"),
            ),
            check=Check("ok", doi="10.1080/09654313.2019.1628186"),
            annote="Strong sample; relevant to chapter 2.",
            note="Compare with Libaers and Meyer (2011).",
        ),
        Record(
            type="article-journal",
            title="Formal clusters supporting small firms' internationalization",
            author=(Person("Carloni", "Elisa"),),
            issued=Date(2021),
            container_title="Journal of Small Business Management",
            claims=(
                Claim(
                    "Formal clusters help small firms enter foreign markets through joint projects.",
                    0,
                    80,
                    "conclusion",
                    evidence=Evidence(design="case study", sample="one Italian formal cluster"),
                ),
            ),
            check=Check(
                "retracted", doi="10.1234/retracted.1", details={"notice": "10.1234/notice.1"}
            ),
        ),
        Record(
            type="report",
            title="Clusters in transition",
            author=(Person(literal="European Commission"),),
            issued=Date(2020),
            publisher="Publications Office of the European Union",
            claims=(Claim("We propose a typology of clusters.", 0, 34, "contribution"),),
            check=Check("unverified"),
        ),
    ]


def handmade_records() -> list[Record]:
    """Works of every common kind, for comparing reference text with pandoc's citeproc."""
    return [
        _article(
            "Porter",
            "Michael E.",
            1998,
            "Clusters and the New Economics of Competition",
            "Harvard Business Review",
            "76",
            "77-90",
            issue="6",
        ),
        _article(
            "Krugman",
            "Paul",
            1991,
            "Increasing Returns and Economic Geography",
            "Journal of Political Economy",
            "99",
            "483-499",
            issue="3",
            doi="10.1086/261763",
        ),
        _article(
            "Saxenian",
            "AnnaLee",
            1990,
            "Regional Networks and the Resurgence of Silicon Valley",
            "California Management Review",
            "33",
            "89-112",
            issue="1",
        ),
        _article(
            "Maskell",
            "Peter",
            2001,
            "Towards a Knowledge-Based Theory of the Geographical Cluster",
            "Industrial and Corporate Change",
            "10",
            "921-943",
            issue="4",
        ),
        _article(
            "Bathelt",
            "Harald",
            2004,
            "Clusters and knowledge: local buzz, global pipelines",
            "Progress in Human Geography",
            "28",
            "31-56",
            issue="1",
        ),
        _article(
            "Giuliani",
            "Elisa",
            2007,
            "The Selective Nature of Knowledge Networks in Clusters: Evidence From the Wine Industry",
            "Journal of Economic Geography",
            "7",
            "139-168",
            issue="2",
        ),
        _article(
            "Oviatt",
            "Benjamin M.",
            1994,
            "Toward a Theory of International New Ventures",
            "Journal of International Business Studies",
            "25",
            "45-64",
            issue="1",
        ),
        _article(
            "Johanson",
            "Jan",
            2009,
            "The Uppsala internationalization process model revisited",
            "Journal of International Business Studies",
            "40",
            "1411-1431",
            issue="9",
        ),
        _article(
            "Knight",
            "Gary A.",
            2004,
            "Innovation, Organizational Capabilities, and the Born-Global Firm",
            "Journal of International Business Studies",
            "35",
            "124-141",
            issue="2",
        ),
        _article(
            "Zahra",
            "Shaker A.",
            2005,
            "A Theory of International New Ventures: A Decade of Research",
            "Journal of International Business Studies",
            "36",
            "20-28",
        ),
        _article(
            "Delgado",
            "Mercedes",
            2014,
            "Clusters, Convergence, and Economic Performance",
            "Research Policy",
            "43",
            "1785-1799",
            issue="10",
            doi="10.1016/j.respol.2014.05.007",
        ),
        _article(
            "Boschma",
            "Ron",
            2005,
            "Proximity and Innovation: A Critical Assessment",
            "Regional Studies",
            "39",
            "61-74",
            issue="1",
        ),
        Record(
            type="article-journal",
            title="Does GIS help SMEs in the EU?",
            author=(Person("Rossi", "Anna"), Person("Bianchi", "Luca")),
            issued=Date(2018),
            container_title="Small Business Economics",
            volume="50",
            page="1-20",
        ),
        Record(
            type="article-journal",
            title="Cluster policy in Europe",
            author=(
                Person("Ketels", "Christian"),
                Person("Lindqvist", "Göran"),
                Person("Sölvell", "Örjan"),
                Person("van der Linde", "Claas"),
            ),
            issued=Date(2012),
            container_title="Regional Studies",
            volume="46",
            page="1-15",
        ),
        Record(
            type="book",
            title="The Competitive Advantage of Nations",
            author=(Person("Porter", "Michael E."),),
            issued=Date(1990),
            publisher="Free Press",
        ),
        Record(
            type="book",
            title="Regional Advantage: Culture and Competition in Silicon Valley and Route 128",
            author=(Person("Saxenian", "AnnaLee"),),
            issued=Date(1994),
            publisher="Harvard University Press",
        ),
        Record(
            type="book",
            title="Handbook of research on clusters",
            editor=(Person("Karlsson", "Charlie"),),
            issued=Date(2008),
            publisher="Edward Elgar",
        ),
        Record(
            type="book",
            title="Economic geography",
            author=(
                Person("Coe", "Neil M."),
                Person("Kelly", "Philip F."),
                Person("Yeung", "Henry W. C."),
            ),
            issued=Date(2013),
            edition="2",
            publisher="Wiley",
        ),
        Record(
            type="chapter",
            title="Clusters and innovation",
            author=(Person("Asheim", "Bjørn"),),
            editor=(Person("Fagerberg", "Jan"), Person("Mowery", "David C.")),
            container_title="The Oxford handbook of innovation",
            publisher="Oxford University Press",
            page="291-317",
            issued=Date(2005),
        ),
        Record(
            type="chapter",
            title="The geography of knowledge spillovers",
            author=(Person("Feldman", "Maryann P."),),
            editor=(Person("Clark", "Gordon L."),),
            container_title="The Oxford handbook of economic geography",
            publisher="Oxford University Press",
            page="373-394",
            issued=Date(2000),
        ),
        Record(
            type="thesis",
            genre="Doctoral dissertation",
            title="Cluster firms and foreign markets",
            author=(Person("Ferrari", "Giulia"),),
            publisher="University of Padua",
            issued=Date(2016),
        ),
        Record(
            type="thesis",
            genre="Master's thesis",
            title="Innovation in small wine firms",
            author=(Person("Nilsson", "Erik"),),
            publisher="Uppsala University",
            issued=Date(2019),
        ),
        Record(
            type="report",
            title="Clusters and clustering policy: A guide for regional and local policy makers",
            author=(Person(literal="OECD"),),
            publisher="OECD Publishing",
            issued=Date(2010),
        ),
        Record(
            type="report",
            title="Global innovation index 2020",
            author=(Person(literal="World Intellectual Property Organization"),),
            publisher="WIPO",
            issued=Date(2020),
        ),
        Record(
            type="paper-conference",
            title="Clusters as networks",
            author=(Person("Lee", "Min"), Person("Park", "Ji-woo")),
            container_title="Proceedings of the DRUID Summer Conference",
            page="10-22",
            issued=Date(2015),
        ),
        Record(
            type="article-journal",
            title="A second paper in the same year",
            author=(Person("Porter", "Michael E."),),
            issued=Date(1998),
            container_title="Economic Development Quarterly",
            volume="14",
            page="15-34",
        ),
    ]


def hostile_record() -> Record:
    """A record whose text tries to be markup or code in every output format."""
    return Record(
        type="article-journal",
        title="<script>alert(1)</script> {{ 7*7 }} \\input{/etc/passwd} \\write18{touch /tmp/pwned} {% raw %}",
        author=(Person("O'Hara", "<b>Eve</b>"),),
        issued=Date(2020),
        container_title="Journal of $x^2$ & 100% #1 _under_ ~tilde {{ config }}",
        keywords=("<img src=x onerror=alert(1)>", "\\def\\x{y}"),
        annote="*not bold* [link](javascript:alert(1)) <% evil %>",
    )


def sparse_record() -> Record:
    """A record with hardly anything in it."""
    return Record(type="document", title="Untitled notes")
