from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit.dates import parse_date, parse_date_value
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


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2019-10-03T10:00:00Z", Date(2019, 10, 3)),
        ("D:20191003101500+02'00'", Date(2019, 10, 3)),
        ("20191003", Date(2019, 10, 3)),
        ("2019/10", Date(2019, 10)),
        ("25/12/2020", Date(2020, 12, 25)),
        ("12/25/2020", Date(2020, 12, 25)),
        ("03/10/2019", Date(2019)),  # either order is possible: keep only the year
        ("October 3, 2019", Date(2019, 10, 3)),
    ],
)
def test_parse_date_value(value: str, date: Date) -> None:
    assert parse_date_value(value) == date


def test_parse_date_value_without_a_plausible_year() -> None:
    assert parse_date_value("") is None
    assert parse_date_value("D:0001") is None
    assert parse_date_value("volume 12") is None


@given(st.text(max_size=60))
def test_parse_date_value_never_raises(text: str) -> None:
    found = parse_date_value(text)
    assert found is None or 1400 <= found.year <= 2100
