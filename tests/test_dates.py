from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit.dates import parse_date
from refkit.model import Date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published - 3 Oct 2019", Date(2019, 10, 3)),
        ("5 December 2024", Date(2024, 12, 5)),
        ("October 3, 2019", Date(2019, 10, 3)),
        ("2019-10-03T00:00:00Z", Date(2019, 10, 3)),
        ("3 ottobre 2019", Date(2019, 10, 3)),
        ("März 2020", Date(2020, 3)),
        ("2022", Date(2022)),
        ("03/10/2019", Date(2019, 10, 3)),
    ],
)
def test_parse_date(text: str, date: Date) -> None:
    found = parse_date(text)
    assert found is not None
    assert found[0] == date


def test_no_date() -> None:
    assert parse_date("volume 12, pages 100-200") is None


@given(st.text(max_size=100))
def test_parse_date_never_raises(text: str) -> None:
    found = parse_date(text)
    if found:
        assert text[found[1] : found[2]]
