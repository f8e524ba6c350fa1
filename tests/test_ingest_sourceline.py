"""Source lines as publishers print them: journal, year, volume, issue, pages, number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit.ingest.sourceline import Source, parse_source_line
from refkit.model import Date


@pytest.mark.parametrize(
    ("line", "source"),
    [
        (  # ACS
            "ACS Urban Water 2024, 4, 3, 612–624",
            Source("ACS Urban Water", Date(2024), "4", "3", "612-624"),
        ),
        (  # RSC
            "Circ. Chem., 2024, 2, 418-431",
            Source("Circ. Chem.", Date(2024), "2", "", "418-431"),
        ),
        (  # Cell Press
            "Volume 3, Issue 4 p812-826.e7 February 26, 2024",
            Source("", Date(2024, 2, 26), "3", "4", "812-826.e7"),
        ),
        (  # The Lancet family, with its section tag
            "ARTICLES| Volume 4, Issue 2, e145-e156, February 2024",
            Source("", Date(2024, 2), "4", "2", "e145-e156"),
        ),
        (  # Annual Reviews
            "Vol. 5:233-258 (Volume publication date May 2024)",
            Source("", Date(2024, 5), "5", "", "233-258"),
        ),
        (  # Europe PMC
            "Nordic journal of rural general practice , 12 Mar 2024, 42(1):88-97",
            Source(
                "Nordic journal of rural general practice", Date(2024, 3, 12), "42", "1", "88-97"
            ),
        ),
        (  # JMIR
            "JMIR Rural Health 2024;8:e51234",
            Source("JMIR Rural Health", Date(2024), "8", "", "", "e51234"),
        ),
        (  # BMJ Open
            "BMJ Open 2023;13(4):e067890.",
            Source("BMJ Open", Date(2023), "13", "4", "", "e067890"),
        ),
        (  # APS
            "Phys. Rev. Granular Matter 3, 024301 – Published 12 February 2024",
            Source("Phys. Rev. Granular Matter", Date(2024, 2, 12), "3", "", "", "024301"),
        ),
        (  # PeerJ
            "PeerJ Freshwater Biology 3:e87",
            Source("PeerJ Freshwater Biology", None, "3", "", "", "e87"),
        ),
        (  # Springer PDF running head
            "Urban Ecosystems and Society (2024) 7:45–61",
            Source("Urban Ecosystems and Society", Date(2024), "7", "", "45-61"),
        ),
        (  # Oxford Academic
            "Journal of Rural Epidemiology, Volume 38, Issue 2, April 2023, Pages 145–162",
            Source("Journal of Rural Epidemiology", Date(2023, 4), "38", "2", "145-162"),
        ),
        (  # a title with a colon before the volume; the issue number is not a year
            "Proceedings of the Royal Society B: Biological Sciences, Volume 287, Issue 1920, 2020",
            Source(
                "Proceedings of the Royal Society B: Biological Sciences", Date(2020), "287", "1920"
            ),
        ),
    ],
)
def test_source_lines(line: str, source: Source) -> None:
    assert parse_source_line(line) == source


def test_prose_with_a_volume_is_not_a_source_line() -> None:
    assert (
        parse_source_line("In each of the sites, volume 12 ml of water was sampled weekly.") is None
    )
    assert parse_source_line("Volume 38, 2019-2022") == Source(volume="38")


@given(st.text(max_size=120))
def test_parse_source_line_never_raises(text: str) -> None:
    parse_source_line(text)
