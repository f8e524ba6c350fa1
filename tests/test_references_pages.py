"""Page ranges whose dash was lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refkit.references.pages import normalise_pages, page_range_candidates, repair_lost_dash


def test_unique_readings_are_restored() -> None:
    assert repair_lost_dash("11731190").page == "1173-1190"
    assert repair_lost_dash("2332").page == "23-32"
    assert repair_lost_dash("516").page == "5-16"
    assert repair_lost_dash("111").page == "1-11"
    assert repair_lost_dash("111").repaired


def test_strings_without_a_plausible_reading_are_left_alone() -> None:
    for digits in ("54972", "119908", "9611", "e1000097", "7"):
        outcome = repair_lost_dash(digits)
        assert outcome.page == digits and not outcome.repaired


@given(st.text(alphabet="0123456789", min_size=1, max_size=12))
def test_at_most_one_reading(digits: str) -> None:
    assert len(page_range_candidates(digits)) <= 1


def test_normalise_pages() -> None:
    assert normalise_pages("pp. 409 – 426.") == "409-426"
    assert normalise_pages("p. 10-11") == "10-11"
    assert normalise_pages("S. 5—7") == "5-7"


@given(st.integers(1, 5000), st.integers(0, 100))
def test_a_range_whose_digits_split_one_way_comes_back(first: int, span: int) -> None:
    last = first + span
    digits = f"{first}{last}"
    candidates = page_range_candidates(digits)
    if len(str(last)) in (len(str(first)), len(str(first)) + 1):
        assert f"{first}-{last}" in candidates
    outcome = repair_lost_dash(digits)
    if candidates:
        assert outcome.page == candidates[0] and outcome.repaired
    else:
        assert outcome.page == digits and not outcome.repaired
