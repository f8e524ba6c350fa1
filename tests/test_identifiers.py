"""ISSN and ISBN checksums and normal forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit.identifiers import find_isbns, find_issns, isbn10_to_13, valid_isbn, valid_issn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0048-7333", "0048-7333"),
        ("00487333", "0048-7333"),
        ("ISSN 0048-7333", "0048-7333"),
        ("ISSN: 2658-0845", "2658-0845"),
        ("eISSN 2658-0845", "2658-0845"),
        ("e-ISSN: 2658-0845", "2658-0845"),
        ("Online ISSN 2658-0845", "2658-0845"),
        ("ISSN (Print) 0048-7333", "0048-7333"),
        ("urn:issn:0048-7333", "0048-7333"),
        ("0048\u20137333", "0048-7333"),
        (" 0048 7333 ", "0048-7333"),
        ("2222-3339", "2222-3339"),
        ("1122-3340", "1122-3340"),
        ("0000-006x", "0000-006X"),
    ],
)
def test_valid_issn_normalises(text: str, expected: str) -> None:
    assert valid_issn(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0048-7334",
        "2658-0846",
        "1995-2014",
        "1234-5678",
        "0048-733",
        "0048-73333",
        "",
        "ISSN",
        "abcd-efgh",
    ],
)
def test_invalid_issn_is_none(text: str) -> None:
    assert valid_issn(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("978-3-16-148410-0", "9783161484100"),
        ("9783161484100", "9783161484100"),
        ("ISBN 978-0-306-40615-7", "9780306406157"),
        ("ISBN-13: 978-0-306-40615-7", "9780306406157"),
        ("ISBN-10: 0-306-40615-2", "0306406152"),
        ("0 306 40615 2", "0306406152"),
        ("080442957X", "080442957X"),
        ("0-8044-2957-x", "080442957X"),
        ("979-8-88888-123-1", "9798888881231"),
        ("urn:isbn:978-1-23456-789-7", "9781234567897"),
    ],
)
def test_valid_isbn_normalises(text: str, expected: str) -> None:
    assert valid_isbn(text) == expected


@pytest.mark.parametrize(
    "text",
    ["978-3-16-148410-1", "0-306-40615-3", "977-3-16-148410-0", "12345", "", "9783161484100X"],
)
def test_invalid_isbn_is_none(text: str) -> None:
    assert valid_isbn(text) is None


def test_isbn10_to_13() -> None:
    assert isbn10_to_13("0-306-40615-2") == "9780306406157"
    assert isbn10_to_13("9780306406157") is None
    assert isbn10_to_13("0-306-40615-3") is None


def test_find_issns_skips_page_ranges_and_bad_checksums() -> None:
    text = (
        "Research Policy, 40 (10), pp. 1426-1437. ISSN 0048-7333; eISSN 1873-7625; bad 0048-7334."
    )
    found = list(find_issns(text))
    assert [issn for issn, _, _ in found] == ["0048-7333", "1873-7625"]
    _, start, end = found[0]
    assert text[start:end] == "0048-7333"


def test_find_isbns_in_text() -> None:
    text = (
        "Published 2011. ISBN 978-0-306-40615-7 (hardback), 0-306-40615-2; not 978-0-306-40615-8."
    )
    assert [isbn for isbn, _, _ in find_isbns(text)] == ["9780306406157", "0306406152"]


@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(text: str) -> None:
    issn = valid_issn(text)
    assert issn is None or (len(issn) == 9 and issn[4] == "-")
    isbn = valid_isbn(text)
    assert isbn is None or len(isbn) in (10, 13)
    list(find_issns(text))
    list(find_isbns(text))


@given(st.from_regex(r"\d{7}", fullmatch=True))
def test_every_seven_digits_have_exactly_one_check_character(body: str) -> None:
    valid = [c for c in "0123456789X" if valid_issn(body + c)]
    assert len(valid) == 1
