from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refkit import doi
from refkit.errors import DoiError


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("10.1016/j.respol.2011.06.005", "10.1016/j.respol.2011.06.005"),
        ("doi:10.1016/j.respol.2011.06.005", "10.1016/j.respol.2011.06.005"),
        ("DOI: 10.1108/EBR-01-2023-0025.", "10.1108/EBR-01-2023-0025"),
        ("https://doi.org/10.1108/CEMJ-07-2023-0319", "10.1108/CEMJ-07-2023-0319"),
        ("http://dx.doi.org/10.1016/j.respol.2011.06.005", "10.1016/j.respol.2011.06.005"),
        ("https://doi.org/10.1002%2F%28SICI%291097-0258", "10.1002/(SICI)1097-0258"),
        ("10.1016/S0969-5931(99)00035-9)", "10.1016/S0969-5931(99)00035-9"),
        ("10.1108/13612020610667496\n", "10.1108/13612020610667496"),
        ("<10.1000/xyz>", "10.1000/xyz"),
    ],
)
def test_normalize(written: str, clean: str) -> None:
    assert doi.normalize(written) == clean


@pytest.mark.parametrize(
    "junk", ["", "hello", "10.12/x", "11.1000/abc", "doi:", "https://example.org/10.1000"]
)
def test_normalize_rejects(junk: str) -> None:
    with pytest.raises(DoiError):
        doi.normalize(junk)


def test_find_all_in_running_text_keeps_brackets_that_belong() -> None:
    text = "(doi:10.1016/j.respol.2011.06.005) and https://doi.org/10.1016/S0969-5931(99)00035-9."
    assert [d for d, _, _ in doi.find_all(text)] == [
        "10.1016/j.respol.2011.06.005",
        "10.1016/S0969-5931(99)00035-9",
    ]
    found, start, end = next(doi.find_all(text))
    assert text[start:end] == found


def test_find_first_and_key() -> None:
    assert doi.find_first("no doi here") == ""
    assert doi.key("10.1108/CEMJ-07") == "10.1108/cemj-07"


def test_to_url_encodes_reserved_characters() -> None:
    assert doi.to_url("10.1002/(SICI)1097#x") == "https://doi.org/10.1002/(SICI)1097%23x"


@given(st.text())
def test_normalize_raises_only_doi_errors(text: str) -> None:
    try:
        result = doi.normalize(text)
    except DoiError:
        return
    assert doi.is_valid(result)


def test_typographic_hyphens_become_ascii() -> None:
    text = "Annals 57 (1): 125‑44. doi:10.1007/s00168‐016‐0766‐5."
    assert [d for d, _, _ in doi.find_all(text)] == ["10.1007/s00168-016-0766-5"]
    assert doi.normalize("10.1007/s00168\u2010016\u20100766\u20105") == "10.1007/s00168-016-0766-5"
